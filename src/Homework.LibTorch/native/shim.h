// Shared plumbing of the native shim: handle type, error capture, export macro.
// Not an API of its own; every entry point forwards to libtorch (ATen / autograd).
#pragma once
#include <ATen/ATen.h>
#include <string>

#define HW_API extern "C" __attribute__((visibility("default")))

// An owned at::Tensor on the heap; the C# Tensor holds the raw pointer and frees it with hw_tensor_free.
typedef at::Tensor* Tensor;

void hw_set_error(const char* message);

// Every entry point runs its body inside HW_TRY so that no libtorch error can unwind
// into .NET (which would terminate the process); the message is kept for C# to raise.
#define HW_TRY(fail, ...)                                                   \
    try { __VA_ARGS__ }                                                     \
    catch (const c10::Error& e) { hw_set_error(e.what_without_backtrace()); return fail; } \
    catch (const std::exception& e) { hw_set_error(e.what()); return fail; } \
    catch (...) { hw_set_error("unknown native error"); return fail; }

inline Tensor hw_wrap(at::Tensor t) { return new at::Tensor(std::move(t)); }

// A tensor-returning entry point: null means failure, and the message is set.
#define HW_RETURN_TENSOR(expr) HW_TRY(nullptr, return hw_wrap(expr);)
// A status-returning entry point: 0 ok, -1 failure.
#define HW_STATUS(...) HW_TRY(-1, __VA_ARGS__ return 0;)

inline at::IntArrayRef hw_dims(const int64_t* dims, int n) { return at::IntArrayRef(dims, static_cast<size_t>(n)); }
inline at::ScalarType hw_dtype(int code) { return static_cast<at::ScalarType>(code); }
inline at::Device hw_device(int type, int index) {
    return at::Device(static_cast<c10::DeviceType>(type), static_cast<c10::DeviceIndex>(index));
}
inline at::TensorOptions hw_options(int dtype, int device_type, int device_index, bool requires_grad) {
    return at::TensorOptions().dtype(hw_dtype(dtype)).device(hw_device(device_type, device_index)).requires_grad(requires_grad);
}
inline std::vector<at::Tensor> hw_list(const Tensor* ts, int n) {
    std::vector<at::Tensor> v;
    v.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; i++) v.push_back(*ts[i]);
    return v;
}
