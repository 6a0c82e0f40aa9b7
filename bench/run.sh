#!/usr/bin/env bash
# Builds the bench in Release (and the C++ floor of the per-op test) and runs every comparison with the
# PyTorch peer in one go, then evaluation chunk sizes (6) and ./homework itself (7). Usage: bench/run.sh [--quick] [--mnist [--epochs N] | --main-job]
#   --quick: small iteration counts, to check it works; --mnist: only the MNIST comparison (5), N epochs (30);
#   --main-job: only (6) and (7), ./homework warm against issue 16's 60 s and 3 s-per-page targets
# bench/run.sh io: course-set load and report page build/export times instead (no PyTorch peer; see README).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/Homework.Bench -c Release -v quiet -nologo >/dev/null
floor=bench/native/bin/add_floor
if [ ! -x "$floor" ] || [ bench/native/add_floor.cpp -nt "$floor" ]; then
  mkdir -p bench/native/bin
  g++ -O2 -std=c++17 bench/native/add_floor.cpp -o "$floor" -I/usr/include/torch/csrc/api/include -ltorch_cpu -lc10
fi
# The bench sets LD_PRELOAD and OMP_WAIT_POLICY per child process itself, so env.sh is not sourced here.
exec dotnet bench/Homework.Bench/bin/Release/net10.0/Homework.Bench.dll --peer bench/pytorch/ops.py --floor "$floor" "$@"
