#!/usr/bin/env bash
# Cold one-shot `jvirsh -c qemu:///system setvcpus D 4 --live`, two trees alternated in one run:
# A = OTHER_ROOT (another checkout, built: e.g. `git archive BASE | tar -x -C DIR` then
# `mvn -q package -DskipTests` there), B = this tree. One pinned domain (as setvcpus-vs-libvirt.sh's),
# its state in a temp dir, started afresh for each one-shot; who goes first alternates; the floor
# of each tree is its JVM (`JVIRSH_PRINT_JVM`: options and start-up cache) with -version in the
# same rounds. Medians and every sample, ms.
# Needs root and qemu-system-x86_64. On a shared machine run it under flock /work/coord/real-tests.lock.
#   bench/scripts/setvcpus-oneshot-ab.sh OTHER_ROOT [N=11]
set -euo pipefail
A=$(cd "${1:?usage: $0 OTHER_ROOT [N]}" && pwd)
n=${2:-11}
B=$(cd "$(dirname "$0")/../.." && pwd)
if [ "$(id -u)" != 0 ] || ! command -v qemu-system-x86_64 >/dev/null; then
  echo "skipped: needs root and qemu-system-x86_64"
  exit 0
fi
work=$(mktemp -d /tmp/setvcpus-ab.XXXXXX)
mkdir -p "$work/conf"
printf 'config_dir = "%s/q/etc"\nstate_dir = "%s/q/run"\nlog_dir = "%s/q/log"\ncgroup_partition = "/jvbench-svab"\n' \
  "$work" "$work" "$work" > "$work/conf/qemu.conf"
echo 'jvirtd = "never"' > "$work/conf/jvirt.conf"
export JVIRT_CONF_DIR="$work/conf"
d=jvbench-svab-$$
type=$( [ -r /dev/kvm ] && [ -w /dev/kvm ] && echo kvm || echo qemu )
echo "<domain type='$type'><name>$d</name><memory unit='MiB'>128</memory>" \
  "<vcpu placement='static' cpuset='0-1' current='2'>4</vcpu>" \
  "<cputune><vcpupin vcpu='0' cpuset='0'/><emulatorpin cpuset='1'/></cputune>" \
  "<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features></domain>" > "$work/d.xml"
jv() { "$B/bin/jvirsh" -c qemu:///system "$@"; }
cleanup() {
  jv destroy "$d" >/dev/null 2>&1 || true
  jv undefine "$d" >/dev/null 2>&1 || true
  rm -rf "$work"
  find /sys/fs/cgroup/*/jvbench-svab /sys/fs/cgroup/jvbench-svab -depth -type d -exec rmdir {} + 2>/dev/null || true
}
trap cleanup EXIT
jv define "$work/d.xml" >/dev/null
"$A/bin/jvirsh" -c qemu:///system uri >/dev/null     # A's start-up cache recorded before the rounds
# each tree's options for this very command
mapfile -t fla < <(JVIRSH_PRINT_JVM=1 "$A/bin/jvirsh" -c qemu:///system setvcpus "$d" 4 --live)
mapfile -t fl < <(JVIRSH_PRINT_JVM=1 "$B/bin/jvirsh" -c qemu:///system setvcpus "$d" 4 --live)
us() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
echo "# $(date -u +%FT%TZ) accelerator $( [ "$type" = kvm ] && echo kvm || echo tcg ), load $(cut -d' ' -f1-3 /proc/loadavg); A=$A B=$B"
ta="" tb="" tf="" tfa=""
for ((i = -1; i < n; i++)); do     # one warm-up round
  for side in $( (( i % 2 == 0 )) && echo "A B" || echo "B A"); do
    r=$A; [ "$side" = B ] && r=$B
    jv start "$d" >/dev/null
    t=$(us "$r/bin/jvirsh" -c qemu:///system setvcpus "$d" 4 --live)
    [ "$(jv vcpucount "$d" --live --active)" = 4 ] || { echo "$side: setvcpus left fewer than 4 vCPUs" >&2; exit 1; }
    jv destroy "$d" >/dev/null
    (( i < 0 )) || { if [ "$side" = A ]; then ta+="$t "; else tb+="$t "; fi; }
  done
  t=$(us "${fl[@]}" -version)
  (( i < 0 )) || tf+="$t "
  t=$(us "${fla[@]}" -version)
  (( i < 0 )) || tfa+="$t "
done
med() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'; }
all() { printf '%s\n' $1 | awk '{printf "%s%.0f", (NR > 1 ? " " : ""), $1/1000}'; }
echo "A setvcpus   median $(med "$ta") ms  [$(all "$ta")]"
echo "B setvcpus   median $(med "$tb") ms  [$(all "$tb")]"
echo "JVM floor    A median $(med "$tfa") ms, B median $(med "$tf") ms"
echo "beyond floor A $(awk -v a="$(med "$ta")" -v f="$(med "$tfa")" 'BEGIN {printf "%.1f", a - f}') ms," \
  "B $(awk -v a="$(med "$tb")" -v f="$(med "$tf")" 'BEGIN {printf "%.1f", a - f}') ms"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
