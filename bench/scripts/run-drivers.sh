#!/usr/bin/env bash
# The real-driver benchmarks (docs/benchmarks.md, "Real drivers"): QEMU/KVM start and vCPU
# hot-plug against bare QEMU (and virsh when a libvirtd answers), container start against bare
# unshare plus the same cgroup writes. Needs root, KVM, qemu-system-x86_64 and util-linux.
#   bench/scripts/run-drivers.sh [ITERATIONS]      (default 15, after 2 warm-ups each)
set -euo pipefail
n=${1:-15}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
log=$(mktemp); mvn -B -q -o -pl bench -am package -DskipTests >"$log" 2>&1 || { cat "$log" >&2; exit 1; }; rm -f "$log"
jar=bench/target/jvirt-benchmarks.jar
echo "# $(date -u +%FT%TZ) $(nproc) CPUs, kernel $(uname -r), $(qemu-system-x86_64 --version | head -1)"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for main in QemuStartBench QemuHotplugBench LxcStartBench CgroupMoveProbe; do
  java -cp "$jar" "org.jvirt.bench.real.$main" "$n"
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
