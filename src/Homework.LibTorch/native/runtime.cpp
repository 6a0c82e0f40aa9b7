// Process-level entry points: errors, threads, seeding, allocator tuning, grad mode.
// Tensor math lives in tensor.cpp; this file holds no math.
#include "shim.h"
#include <ATen/Parallel.h>
#include <malloc.h>

static thread_local std::string hw_error;

void hw_set_error(const char* message) { hw_error = message ? message : ""; }

HW_API const char* hw_last_error() { return hw_error.c_str(); }
HW_API void hw_clear_error() { hw_error.clear(); }

// glibc hands blocks above its mmap threshold back to the OS on free, and every first touch
// of a fresh page costs ~10 us on these VMs: a training loop that allocates the same
// megabyte-sized activations every step then spends most of its time in page faults.
// Pinning the thresholds keeps freed blocks in the heap. When tcmalloc is preloaded
// (the launcher does that) these calls are no-ops for it.
__attribute__((constructor)) static void hw_tune_malloc() {
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
    mallopt(M_TOP_PAD, 64 * 1024 * 1024);
}

HW_API int hw_set_num_threads(int n) { HW_STATUS(at::set_num_threads(n);) }
HW_API int hw_get_num_threads() { return at::get_num_threads(); }
HW_API int hw_manual_seed(uint64_t seed) { HW_STATUS(at::manual_seed(seed);) }

HW_API int hw_is_grad_enabled() { return at::GradMode::is_enabled() ? 1 : 0; }
HW_API void hw_set_grad_enabled(int enabled) { at::GradMode::set_enabled(enabled != 0); }

HW_API int hw_cuda_is_available() { return at::hasCUDA() ? 1 : 0; }
