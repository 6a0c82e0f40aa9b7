#!/usr/bin/env bash
# Builds the bench in Release (and the C++ floor of the per-op test) and runs every comparison with the
# PyTorch peer in one go, then evaluation chunk sizes (6) and the main job (7). Usage: bench/run.sh [--quick] [--mnist [--epochs N] | --main-job | --all | --peers]
#   --quick: small iteration counts, to check it works; --mnist: only the MNIST comparison (5), N epochs (30);
#   --main-job: only (6) and (7), the main job in-process on the default engine against the 45 s and 2 s-per-page targets
#   --all: only (8), every experiment as `homework all` runs them, against the 180 s and 20 s-of-pages targets
#   --peers [--repeats N] [--threads N] [--only ID-PART]: only (9), task4-l2, task3-softmax, q3-softmax-sgd and q1-stability
#     as homework run runs them against the same computation in plain PyTorch (bench/pytorch/peers.py), ratio ours/PyTorch
#   --torchsharp-settings: TorchSharp alone under one process setting after another (threads, waits, malloc, MKL)
# Sections (1)-(5) have a TorchSharp column: the same bench built for the default engine (TorchSharp, bin/), run
# through the Debian 13 runtime folder of scripts/torchsharp-runtime.sh. When either cannot be made, that column says
# why in one line and the rest runs.
# bench/run.sh io: course-set load and report page build/export times instead (no PyTorch peer; see README).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
source scripts/engine.sh
# The orchestrator and the "ours" column are the debian-libtorch build; the TorchSharp column is the default build.
dotnet build bench/Homework.Bench -c Release -p:TorchBackend=DebianLibTorch -v quiet -nologo >/dev/null
floor=bench/native/bin/add_floor
if [ ! -x "$floor" ] || [ bench/native/add_floor.cpp -nt "$floor" ]; then
  mkdir -p bench/native/bin
  g++ -O2 -std=c++17 bench/native/add_floor.cpp -o "$floor" -I/usr/include/torch/csrc/api/include -ltorch_cpu -lc10
fi
shim=$(engine_mkl_shim)  # TorchSharpSide.MklShim
torchsharp=(--torchsharp-missing "not needed for this section")
case " $* " in
  *" io "*) ;;
  *)
    log=$(mktemp)
    if ! runtime=$(scripts/torchsharp-runtime.sh 2>"$log"); then
      torchsharp=(--torchsharp-missing "the runtime folder could not be made: $(tail -n 1 "$log")")
    elif ! dotnet build bench/Homework.Bench -c Release -v quiet -nologo >"$log" 2>&1; then
      torchsharp=(--torchsharp-missing "the TorchSharp build of the bench failed: $(grep -m 1 -E ' error |error:' "$log" | sed 's/ \[.*//')")
    else
      torchsharp=(--torchsharp bench/Homework.Bench/bin/Release/net10.0/Homework.Bench.dll --torchsharp-env "$runtime")
    fi
    rm -f "$log"
    ;;
esac
# The bench sets LD_PRELOAD and OMP_WAIT_POLICY per child process itself, so env.sh is not sourced here.
exec dotnet bench/Homework.Bench/bin/debian-libtorch/Release/net10.0/Homework.Bench.dll --peer bench/pytorch/ops.py --floor "$floor" "${torchsharp[@]}" "$@"
