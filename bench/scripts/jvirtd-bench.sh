#!/usr/bin/env bash
# jvirtd against its peers in the same run (docs/benchmarks.md):
#  1. the 10,000-call mix (LOOKUP_BY_NAME, GET_INFO, GET_XML_DESC, GET_VCPU_PIN_INFO) from
#     python-libvirt, 4 threads: jvirtd (jvirt's test driver) vs libvirtd (libvirt's test driver),
#     alternating, ROUNDS times (after a warm-up round of each mode, printed), each with 4 connections and with 1
#     shared one, then one round with one thread; each line with the CPU time server and client spent per call;
#  2. jvirtd's heap (after a full GC, jcmd) holding 1,000 defined domains and 100 connected clients,
#     in a JVM capped at 64 MiB (bin/jvirtd's -Xmx64m);
#  3. with QEMU: one-shot `jvirsh -c qemu:///system setvcpus D 4 --live` through jvirtd, against
#     the JVM floor (java -version with jvirsh's JVM and options) and the hot-plug itself (the same
#     setVcpus from a connected client); TCG or KVM, as the host has. SETTLE_MS (env, default 0):
#     each plug and one-shot that long after the start returned, each floor that long after the
#     last destroy (250: the TCG guest's boot is over, and both follow the same pause).
#   [JVIRTD_BENCH_BASE=DIR] bench/scripts/jvirtd-bench.sh [ROUNDS] [QEMU_SAMPLES] [PARTS]   (PARTS: default "1 2 3")
# Needs root, python3-libvirt, virsh, QEMU; uses the libvirtd of .ci/remote-peers.sh (started and
# stopped here when none answers). jvirtd listens on sockets in a temp dir, never the default ones.
# On a shared machine run it under flock /work/coord/real-tests.lock (part 3 starts QEMU).
set -euo pipefail
rounds=${1:-3}
samples=${2:-5}
parts=${3:-1 2 3}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/jvirtd-bench.XXXXXX)
peers=""
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "$peers" ] && "$root/.ci/remote-peers.sh" stop "$peers"
  rm -rf "$work"
  # the partition's groups, empty ones only
  find /sys/fs/cgroup/*/jvirtd-bench /sys/fs/cgroup/jvirtd-bench -depth -type d -exec rmdir {} + 2>/dev/null || true
}
trap cleanup EXIT
if [[ " $parts " == *" 1 "* ]] && ! virsh -c test+unix:///default uri >/dev/null 2>&1; then
  peers=$(mktemp -d /tmp/jvirt-remote-peers.XXXXXX)
  "$root/.ci/remote-peers.sh" start "$peers"
fi
# BENCH_NO_BUILD=1: use the jars as they are (built before, outside a lock)
[ -n "${BENCH_NO_BUILD:-}" ] || (cd "$root" && mvn -B -ntp -q install -DskipTests)
echo "host: $(nproc) CPUs, $(uname -r), $( [ -e /dev/kvm ] && echo KVM || echo TCG ); libvirtd" \
  "$(virsh -c test+unix:///default version --daemon 2>/dev/null | sed -n 's/.*daemon: libvirt //p')"

# jvirtd: its own conf dir (qemu.conf under a bench root, jvirt.conf routing qemu:///system to it)
qroot=/tmp/jvirtd-bench-q
mkdir -p "$work/conf" "$qroot"
cat > "$work/conf/jvirtd.conf" <<CONF
uris = [ "test:///default", "qemu:///system" ]
unix_sock_rw = "$work/sock"
unix_sock_ro = "$work/sock-ro"
pid_file = "$work/jvirtd.pid"
CONF
cat > "$work/conf/qemu.conf" <<CONF
config_dir = "$qroot/etc"
state_dir = "$qroot/run"
log_dir = "$qroot/log"
cgroup_partition = "/jvirtd-bench"
CONF
cat > "$work/conf/jvirt.conf" <<CONF
jvirtd = "always"
jvirtd_socket = "$work/sock"
jvirtd_socket_ro = "$work/sock-ro"
CONF
export JVIRT_CONF_DIR="$work/conf"
"$root/bin/jvirtd" --config "$work/conf/jvirtd.conf" 2>"$work/jvirtd.log" &
pids+=($!)
for _ in $(seq 200); do [ -S "$work/sock" ] && [ -s "$work/jvirtd.pid" ] && break; sleep 0.1; done
if ! [ -s "$work/jvirtd.pid" ]; then
  echo "jvirtd did not start within 20 s (bin/jvirtd builds first when its jar is older than the sources):" >&2
  cat "$work/jvirtd.log" >&2; exit 1
fi
jpid=$(cat "$work/jvirtd.pid")
jvirtd_uri="test+unix:///default?socket=$work/sock"

if [[ " $parts " == *" 1 "* ]]; then
echo "== 1. the call mix, python-libvirt, 4 threads"
# each line also says the CPU time (user + system) server and client spent per call (SERVER_PID)
lpid=$(pidof libvirtd | awk '{ print $1 }')
mix() { # SERVER URI THREADS MODE
  SERVER_PID=$([ "$1" = jvirtd ] && echo "$jpid" || echo "$lpid") \
    /usr/bin/python3 "$root/bench/scripts/jvirtd_mix.py" "$2" 10000 "$3" "$4" | sed "s/^test+unix:\/\/\/default/$(printf '%-8s' "$1")/"
}
echo "-- warm-up: the first round of each mode after jvirtd's start (its JIT compiles meanwhile), not in the comparison"
for mode in per-thread shared; do
  mix jvirtd "$jvirtd_uri" 4 "$mode"
  mix libvirtd test+unix:///default 4 "$mode"
done
echo "-- rounds"
for ((r = 1; r <= rounds; r++)); do
  for mode in per-thread shared; do
    mix jvirtd "$jvirtd_uri" 4 "$mode"
    mix libvirtd test+unix:///default 4 "$mode"
  done
done
echo "-- one thread (a call's round trip: 1 / calls/s)"
mix jvirtd "$jvirtd_uri" 1 shared
mix libvirtd test+unix:///default 1 shared

fi

if [[ " $parts " == *" 2 "* ]]; then
echo "== 2. jvirtd's heap: 1,000 defined domains, 100 connected clients (-Xmx64m)"
mkfifo "$work/hold"
/usr/bin/python3 "$root/bench/scripts/jvirtd_clients.py" "$jvirtd_uri" 1000 100 < "$work/hold" > "$work/clients.out" &
cpid=$!
exec 7>"$work/hold"
for _ in $(seq 600); do [ -s "$work/clients.out" ] && break; sleep 0.1; done
cat "$work/clients.out"
jcmd "$jpid" GC.run >/dev/null
jcmd "$jpid" GC.heap_info | sed -n '2,3p'
used=$(jcmd "$jpid" GC.heap_info | awk '/generation/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K", "", v); s += v } } END { print s }')
echo "jvirtd heap used after a full GC: ${used} KiB ($((used / 1024)) MiB), cap 64 MiB"
echo "jvirtd threads: $(ls /proc/"$jpid"/task | wc -l)"
exec 7>&-
wait "$cpid"

fi

if [[ " $parts " == *" 3 "* ]]; then
echo "== 3. one-shot jvirsh setvcpus through jvirtd, real QEMU ($( [ -e /dev/kvm ] && echo KVM || echo TCG ))"
# each launcher's floor: the JVM, options and start-up cache its bin/jvirsh runs for this command
# (JVIRSH_PRINT_JVM=1), with -version; JVIRTD_BENCH_BASE=DIR also measures DIR/bin/jvirsh (another
# built tree, e.g. an earlier commit from `git archive`) in the same loop, sample by sample
launchers=("$root/bin/jvirsh")
[ -n "${JVIRTD_BENCH_BASE:-}" ] && launchers+=("$JVIRTD_BENCH_BASE/bin/jvirsh")
java -cp "$root/bench/target/jvirt-benchmarks.jar" org.jvirt.bench.remote.OneShotHotplug \
  "qemu+unix:///system?socket=$work/sock" "$samples" "${launchers[@]}"
fi
