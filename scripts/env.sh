# Sourced by ./homework and ./test: the process settings measured fastest here (README, "Speed").
# A value the user already set is kept.

# tcmalloc keeps freed pages mapped; glibc returns large blocks to the OS and every first touch
# of a page then costs ~10 us on these VMs (see README for the measured effect).
tc=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
if [ -z "${HOMEWORK_NO_TCMALLOC:-}" ] && [ -e "$tc" ]; then
  case ":${LD_PRELOAD:-}:" in *libtcmalloc*) ;; *) export LD_PRELOAD="$tc${LD_PRELOAD:+:$LD_PRELOAD}" ;; esac
fi
# libtorch would start one intra-op thread here; two (one per core) run the CNN ~25% faster and the MLP
# no slower, provided idle OpenMP workers sleep instead of spinning against OpenBLAS (measured: bench/run.sh (4)).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-$(nproc)}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
