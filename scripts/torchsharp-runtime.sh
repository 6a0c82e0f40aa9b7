#!/usr/bin/env bash
# Makes the private Debian 13 runtime folder the TorchSharp backend runs in, and prints the environment to use it.
# TorchSharp 0.107's libLibTorchSharp.so needs GLIBCXX_3.4.32 (GCC 13); Debian 12 has 3.4.30, and Debian 13's
# libstdc++ needs glibc 2.38. So the folder holds Debian 13's libc6, libstdc++6 and libgcc-s1 (from the Debian
# archive, `apt-get download` with a private sources list, unpacked with `dpkg -x`) and a hard-linked copy of the
# dotnet root whose muxer is a real copy with its ELF interpreter set to that folder's loader (patchelf, itself a
# Debian 12 package unpacked there). Nothing is installed system-wide. Idempotent: a finished folder is reused.
#
# Usage: env $(scripts/torchsharp-runtime.sh) dotnet test ...   # DOTNET_ROOT, PATH, LD_LIBRARY_PATH for that command only
# (LD_LIBRARY_PATH on that folder breaks the system's own programs, so never export it into a shell.)
# Fails with one line naming the problem when the folder cannot be made.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
dir="${HOMEWORK_TORCHSHARP_RUNTIME:-$root/.cache/torchsharp-runtime}"
packages="libc6 libstdc++6 libgcc-s1"
stamp="debian13: $packages; $(readlink -f "$(command -v dotnet)")"
fail() { echo "torchsharp-runtime: $*" >&2; exit 1; }

lib="$dir/sys/usr/lib/x86_64-linux-gnu"
print_env() { echo "DOTNET_ROOT=$dir/dotnet PATH=$dir/dotnet:$PATH LD_LIBRARY_PATH=$lib"; }
if [ -f "$dir/.done" ] && [ "$(cat "$dir/.done")" = "$stamp" ]; then print_env; exit 0; fi

command -v dotnet >/dev/null || fail "dotnet is not on PATH; install the .NET 10 SDK"
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
rm -rf "$dir" 2>/dev/null; mkdir -p "$dir/apt/lists/partial" "$dir/apt/archives/partial" "$dir/debs" "$dir/sys" "$dir/tools" 2>/dev/null ||
  fail "cannot make the runtime folder $dir (set HOMEWORK_TORCHSHARP_RUNTIME to a writable folder)"

# A private apt configuration: Debian 13 (trixie) for the runtime, Debian 12 (bookworm) for patchelf.
cat > "$dir/apt/sources.list" <<EOF
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main
EOF
cat > "$dir/apt/tools.list" <<EOF
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main
EOF
apt_opts() {  # $1: sources list
  echo -o "Dir::Etc::sourcelist=$1" -o Dir::Etc::sourceparts=/nonexistent -o "Dir::State::Lists=$dir/apt/lists-$(basename "$1" .list)" \
       -o "Dir::Cache=$dir/apt" -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= -o Debug::NoLocking=1
}
for list in "$dir/apt/sources.list" "$dir/apt/tools.list"; do
  mkdir -p "$dir/apt/lists-$(basename "$list" .list)/partial"
  # shellcheck disable=SC2046
  apt-get $(apt_opts "$list") -qq update >"$dir/apt.log" 2>&1 || fail "apt-get update from deb.debian.org failed (log: $dir/apt.log)"
done
# shellcheck disable=SC2046
(cd "$dir/debs" && apt-get $(apt_opts "$dir/apt/sources.list") -qq download $packages >>"$dir/apt.log" 2>&1) ||
  fail "downloading Debian 13 $packages failed (log: $dir/apt.log)"
# shellcheck disable=SC2046
(cd "$dir/tools" && apt-get $(apt_opts "$dir/apt/tools.list") -qq download patchelf >>"$dir/apt.log" 2>&1) ||
  fail "downloading Debian 12 patchelf failed (log: $dir/apt.log)"
for deb in "$dir"/debs/*.deb; do dpkg -x "$deb" "$dir/sys"; done
for deb in "$dir"/tools/*.deb; do dpkg -x "$deb" "$dir/tools/root"; done
loader="$lib/ld-linux-x86-64.so.2"
[ -e "$loader" ] || fail "Debian 13 libc6 has no $loader"

# The dotnet root, hard-linked (dotnet test starts the test host through the muxer beside it, so symlinks will not do),
# with the muxer replaced by a patched real copy.
cp -al "$dotnet_root" "$dir/dotnet" 2>/dev/null || cp -a "$dotnet_root" "$dir/dotnet"
rm "$dir/dotnet/dotnet"
cp "$dotnet_root/dotnet" "$dir/dotnet/dotnet"
"$dir/tools/root/usr/bin/patchelf" --set-interpreter "$loader" "$dir/dotnet/dotnet" ||
  fail "patchelf could not set the dotnet muxer's interpreter"
LD_LIBRARY_PATH="$lib" DOTNET_ROOT="$dir/dotnet" "$dir/dotnet/dotnet" --version >/dev/null 2>&1 ||
  fail "the patched dotnet muxer does not start (try: LD_LIBRARY_PATH=$lib $dir/dotnet/dotnet --version)"
rm -rf "$dir/apt" "$dir/debs"
echo "$stamp" > "$dir/.done"
print_env
