# Sourced by ./homework, ./test and bench/run.sh: which engine runs the project, and the environment it runs in.
# Not the build (Directory.Build.props has the switch) and not the runtime folder itself (scripts/torchsharp-runtime.sh).
#
# Two engines build from the same sources (README, "Engines"):
#   torchsharp       TorchSharp-cpu 0.107 (libtorch 2.10 + oneMKL): the default, the design's engine, fastest here.
#   debian-libtorch  our binding of Debian's libtorch 1.13.1 + OpenBLAS (src/Homework.LibTorch): runs wherever
#                    TorchSharp's native library cannot load, and the independent engine the tests hold TorchSharp to.
# HOMEWORK_ENGINE chooses one (or `./homework --engine NAME ...`). HOMEWORK_MKL_PRELOAD=on|off|auto (default auto)
# decides the MKL CPU-check preload for TorchSharp. For tests, two probes can be faked: HOMEWORK_LIBSTDCXX (the
# libstdc++ whose GLIBCXX versions decide the runtime folder) and HOMEWORK_CPU_VENDOR (the vendor that decides the
# preload).

engine_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The TorchBackend build value and the output folder of an engine (Directory.Build.props).
engine_backend() { case "$1" in torchsharp) echo TorchSharp ;; debian-libtorch) echo DebianLibTorch ;; esac; }
engine_bin() { case "$1" in torchsharp) echo bin ;; debian-libtorch) echo bin/debian-libtorch ;; esac; }

# The engine asked for: HOMEWORK_ENGINE, or torchsharp. Fails with one line on a name that is neither.
engine_requested() {
  local e="${HOMEWORK_ENGINE:-torchsharp}"
  case "$e" in
    torchsharp|debian-libtorch) echo "$e" ;;
    *) echo "homework: HOMEWORK_ENGINE='$e' is not an engine; use torchsharp (the default) or debian-libtorch" >&2; return 2 ;;
  esac
}

# The libstdc++ the dynamic loader would give TorchSharp's native library.
engine_libstdcxx() {
  if [ -n "${HOMEWORK_LIBSTDCXX:-}" ]; then echo "$HOMEWORK_LIBSTDCXX"; return; fi
  /sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 \(libc6,x86-64\)/ { print $NF; exit }'
}

# "system" where that libstdc++ has GLIBCXX_3.4.32 (GCC 13, as libLibTorchSharp.so needs), "runtime-folder" where
# it does not (Debian 12 has 3.4.30): TorchSharp then runs through scripts/torchsharp-runtime.sh's Debian 13 folder.
engine_torchsharp_runtime() {
  local lib; lib=$(engine_libstdcxx)
  if [ -n "$lib" ] && grep -qa 'GLIBCXX_3\.4\.32' "$lib" 2>/dev/null; then echo system; else echo runtime-folder; fi
}

# Whether TorchSharp gets the MKL CPU-check preload, and why: on-auto, off-auto, on-env or off-env.
# oneMKL takes its generic code path on a CPU that is not Intel's; answering its check makes it take the AVX2/AVX-512
# kernels, measured faster on AMD (bench/run.sh, README). Elsewhere it changes nothing, so auto applies it on AMD only.
engine_mkl_preload() {
  local vendor="${HOMEWORK_CPU_VENDOR:-$(awk -F': ' '/^vendor_id/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)}"
  case "${HOMEWORK_MKL_PRELOAD:-auto}" in
    off) echo off-env ;;
    on) echo on-env ;;
    auto) if [ "$vendor" = AuthenticAMD ]; then echo on-auto; else echo off-auto; fi ;;
    *) echo "homework: HOMEWORK_MKL_PRELOAD='${HOMEWORK_MKL_PRELOAD}' is not on, off or auto" >&2; return 2 ;;
  esac
}

# The MKL preload shim (scripts/native/mkl_intel_cpu.c), built once; prints its path, or fails with one line.
engine_mkl_shim() {
  local src="$engine_root/scripts/native/mkl_intel_cpu.c" so="$engine_root/.cache/native/mkl_intel_cpu.so"
  if [ ! -e "$so" ] || [ "$src" -nt "$so" ]; then
    mkdir -p "$(dirname "$so")"
    gcc -O2 -shared -fPIC "$src" -o "$so.tmp" 2>/dev/null && mv "$so.tmp" "$so" ||
      { echo "the MKL preload shim does not compile (gcc $src)" >&2; return 1; }
  fi
  echo "$so"
}

# The K=V words to run a program on ENGINE ($1), for `env $(engine_env torchsharp) dotnet ...`. Besides the engine's
# own variables it records, in HOMEWORK_ENGINE_VARS and HOMEWORK_SYSTEM_<NAME>, what the system programs the project
# starts (chromium, git, python) must get back: they never see the runtime folder or the preload
# (Homework.Reports.SystemProgram). Fails with one line when TorchSharp's runtime folder cannot be made.
engine_env() {
  local words=() vars=() runtime preload shim
  if [ "$1" = torchsharp ]; then
    if [ "$(engine_torchsharp_runtime)" = runtime-folder ]; then
      runtime=$("$engine_root/scripts/torchsharp-runtime.sh") || return 1
      # shellcheck disable=SC2206
      words+=($runtime); vars+=(DOTNET_ROOT PATH LD_LIBRARY_PATH)
    fi
    preload=$(engine_mkl_preload) || return 2
    if [ "${preload%%-*}" = on ]; then
      shim=$(engine_mkl_shim) || return 1
      words+=("LD_PRELOAD=$shim${LD_PRELOAD:+:$LD_PRELOAD}"); vars+=(LD_PRELOAD)
    fi
    words+=("HOMEWORK_MKL_PRELOAD_STATE=$preload")
  fi
  words+=("HOMEWORK_ENGINE=$1")
  local v
  for v in "${vars[@]}"; do
    if [ -n "${!v+x}" ]; then words+=("HOMEWORK_SYSTEM_$v=${!v}"); fi
  done
  words+=("HOMEWORK_ENGINE_VARS=$(IFS=,; echo "${vars[*]}")")
  echo "${words[@]}"
}
