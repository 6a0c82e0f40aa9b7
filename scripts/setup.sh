#!/usr/bin/env bash
# One idempotent setup step for a fresh machine: system packages (apt), datasets and
# plotly.js (scripts/fetch-data.sh). Does nothing, quickly, when all is already there.
# The native shim is built by MSBuild (src/Homework.LibTorch) when stale.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# libtorch-dev: headers, libs and TorchConfig.cmake for the shim.
# libopenblas0-pthread: switches libblas.so.3 from the reference BLAS (~6 GFLOP/s) to OpenBLAS.
# libtcmalloc-minimal4: the allocator the launcher preloads (page-fault cost, see README).
# python3-torch, python3-numpy: the independent witness for fixtures and the benchmark peer.
# chromium: renders the plot pages in tests and exports PNGs.
packages=(libtorch-dev libopenblas0-pthread libtcmalloc-minimal4 python3-torch python3-numpy chromium cmake g++ nodejs npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    # nodejs/npm may come from elsewhere than apt; a working command is enough.
    if { [ "$p" = nodejs ] && command -v node >/dev/null; } || { [ "$p" = npm ] && command -v npm >/dev/null; }; then continue; fi
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} (apt)"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q >/dev/null
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# Guard against the reference BLAS coming back: libtorch's matmuls would run ~40x slower.
blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 || true)
case "$blas" in
  *openblas*) ;;
  *) echo "setup: libblas.so.3 resolves to $blas, not OpenBLAS; run: update-alternatives --config libblas.so.3-x86_64-linux-gnu" >&2; exit 1 ;;
esac

# Progress lines go to stderr so that a command's own output (./homework gradcheck > table.txt) stays clean.
if [ -x "$root/scripts/fetch-data.sh" ]; then "$root/scripts/fetch-data.sh" >&2; fi
