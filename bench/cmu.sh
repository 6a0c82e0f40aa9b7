#!/usr/bin/env bash
# CMU 10-417 HW1 Part 2: one epoch of the 2.2(d) MLP, ours (both twins, on debian-libtorch) against PyTorch 1.13.1, single-threaded
# each, as the experiment grid runs them. Usage: bench/cmu.sh [--epochs 5] [--repeats 3]
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/Homework.Bench -c Release -p:TorchBackend=DebianLibTorch -v quiet -nologo >/dev/null
exec dotnet bench/Homework.Bench/bin/debian-libtorch/Release/net10.0/Homework.Bench.dll --cmu "$@"
