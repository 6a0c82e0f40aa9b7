/* Preloaded into a TorchSharp child by `bench/run.sh --torchsharp-settings` only: answers "yes" to MKL's "is this an
 * Intel CPU?" so that the MKL linked into TorchSharp's libtorch (oneMKL 2024.2) picks its AVX2 code paths on this AMD
 * CPU instead of its generic ones. MKL_DEBUG_CPU_TYPE, the old switch for this, is ignored since MKL 2020.1.
 * libtorch_cpu.so calls mkl_serv_intel_cpu_true through its PLT, so a preloaded definition takes its place.
 * Not part of the product and not in TorchSharpSide.Tuning: measured per core it gains 3-5%, within the noise of a
 * shared 2-core machine at two threads (README "Speed"). */
int mkl_serv_intel_cpu_true(void) { return 1; }
