/* Preloaded into the TorchSharp engine on AMD CPUs (scripts/engine.sh; HOMEWORK_MKL_PRELOAD=off turns it off):
 * answers "yes" to MKL's "is this an Intel CPU?" so that the MKL linked into TorchSharp's libtorch (oneMKL 2024.2) picks its AVX2 code paths on this AMD
 * CPU instead of its generic ones. MKL_DEBUG_CPU_TYPE, the old switch for this, is ignored since MKL 2020.1.
 * libtorch_cpu.so calls mkl_serv_intel_cpu_true through its PLT, so a preloaded definition takes its place.
 * perf shows the switch: mkl_blas_def_sgemm_kernel_0_zen before, mkl_blas_avx2_sgemm_kernel_0 after. Measured: one
 * core's sgemm 3-5% faster (thread CPU time), the bench's matmul at 2 threads 10-20% faster (best block of 10), the MLP
 * forward step up to 25% (Zen 3; the README has both CPUs' figures). It changes which kernels run (so the float32 rounding),
 * not the math: the tests run under it, and a test compares a seeded training run with and without it. */
int mkl_serv_intel_cpu_true(void) { return 1; }
