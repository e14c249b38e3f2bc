#!/usr/bin/env bash
# The remote driver against a real libvirtd, beside its peers in the same run (docs/benchmarks.md):
#  1. 10,000 calls (GET_XML_DESC and GET_INFO, alternating) on one connection from 4 threads (and
#     from 1): the floor (the same frames pre-encoded, RawFloor), jvirt's remote driver, then
#     python-libvirt (one connection), each with its own and libvirtd's CPU time per call; then
#     virsh running the same calls one by one in a batch (dumpxml + dominfo per pair, one process);
#  2. 1,000 idle connections from one JVM: heap per connection, threads.
#   bench/scripts/remote-bench.sh [CALLS] [CONNECTIONS]
# Needs root (libvirtd); starts .ci/remote-peers.sh's servers when none answer (installing what is
# missing, python3-libvirt included) and stops what it started.
set -euo pipefail
calls=${1:-10000}
conns=${2:-1000}
root=$(cd "$(dirname "$0")/../.." && pwd)
uri="test+unix:///default"
peers=""
if ! virsh -c "$uri" uri >/dev/null 2>&1; then
  peers=$(mktemp -d /tmp/jvirt-remote-peers.XXXXXX)
  "$root/.ci/remote-peers.sh" start "$peers"
  trap '"$root/.ci/remote-peers.sh" stop "$peers"' EXIT
fi
# BENCH_NO_BUILD=1: use the jar as it is (built before, outside a lock)
[ -n "${BENCH_NO_BUILD:-}" ] || (cd "$root" && mvn -B -ntp -q -pl bench -am package -DskipTests)
jar="$root/bench/target/jvirt-benchmarks.jar"
ulimit -n 65536 2>/dev/null || true
echo "host: $(nproc) CPUs, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg); $(virsh -c "$uri" version --daemon | grep -i daemon)"

# libvirtd's own CPU time (user + system, in clock ticks), to show what each call costs the server
server_ticks() {
  local pid
  pid=$(pgrep -xo libvirtd) || { echo 0; return; }
  awk '{ print $14 + $15 }' "/proc/$pid/stat"
}
# runs a client; prints its line and libvirtd's CPU per call during the client's whole run, which
# makes its 20,000 warm-up calls too (every client here does the same warm-up)
warm_up=20000
measure() {
  local before after line
  before=$(server_ticks)
  line=$("$@")
  after=$(server_ticks)
  echo "$line server_cpu_us_per_call=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" \
    -v c=$((calls + warm_up)) 'BEGIN { printf "%.1f", t / hz * 1e6 / c }')"
}

# three rounds, the floor, jvirt and python alternating, so all see the same load on a shared machine.
# The floor (RawFloor): the same frames pre-encoded on one socket, 4 in flight, replies only cut by
# their length: what libvirtd gives any client with 4 calls in flight on one connection.
havepy=1
/usr/bin/python3 -c 'import libvirt' 2>/dev/null || { havepy=0; echo "python-libvirt: skipped (no python3-libvirt)"; }
for round in 1 2 3; do
  for threads in 4 1; do
    measure java -cp "$jar" org.jvirt.bench.remote.RawFloor /var/run/libvirt/libvirt-sock test "$calls" "$threads"
    measure java -cp "$jar" org.jvirt.bench.remote.RemoteBench throughput "$uri" test "$calls" "$threads"
    [ "$havepy" = 1 ] && measure /usr/bin/python3 "$root/bench/scripts/remote_peer.py" "$uri" test "$calls" "$threads"
  done
done

# virsh: the same pairs one by one in one batch process (dumpxml = GET_XML_DESC, dominfo = GET_INFO
# and the calls dominfo adds), so a pair is 2 commands
pairs=$((calls / 2 / 5))
cmds=$(mktemp)
for ((i = 0; i < pairs; i++)); do printf 'dumpxml test\ndominfo test\n' >> "$cmds"; done
s=$(date +%s%N)
virsh -c "$uri" < "$cmds" > /dev/null
e=$(date +%s%N)
rm -f "$cmds"
awk -v p="$pairs" -v ns=$((e - s)) 'BEGIN { printf "virsh-batch pairs=%d seconds=%.3f pairs_per_s=%.0f (as calls: %.0f calls/s)\n", p, ns / 1e9, p / (ns / 1e9), 2 * p / (ns / 1e9) }'

java -Xmx2g -cp "$jar" org.jvirt.bench.remote.RemoteBench connections "$uri" "$conns"
