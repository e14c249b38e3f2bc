#!/usr/bin/env bash
# vCPU hot-plug 2 -> 4 of a pinned QEMU domain, jvirt against libvirt in the same run (issue 13):
#  1. whole process, cold: `bin/jvirsh -c qemu:///system setvcpus D 4 --live` (in process:
#     jvirt.conf jvirtd = "never", state in a temp dir) against `virsh -c qemu:///system setvcpus
#     D 4 --live` talking to libvirtd, each on a freshly started domain, alternated; with the JVM
#     floor (`java -version` with jvirsh's JVM, options and start-up cache for that path) and the
#     work's floor (OneShotPlugFloor: the command's plain work alone in a JVM of the same JDK and
#     options, its own start-up cache, on a freshly started jvirt domain); and jvirsh through a
#     jvirtd of this run (jvirt.conf jvirtd = "always"), as virsh goes through libvirtd; with
#     SETTLE_MS (env) each command runs that long after its domain's start returned;
#  2. inside one process: jvirt's Domain.setVcpus(4, LIVE) in a JVM against python-libvirt's
#     setVcpusFlags(4, AFFECT_LIVE) on a held connection (QemuHotplugVsLibvirt), each side
#     plugging SETTLE_MS (env, default 0) after its start returned: 250 compares guests of the
#     same age on TCG (docs/benchmarks.md); with PROGRESS_MS (env, default 0) each side also waits
#     until its guest's vCPU threads have run that long (the guests at the same point of their
#     firmware); each side reports how long they had run when its plug began.
# Both domains: 128 MiB, 2 current of 4 vCPUs, cpuset 0-1, vcpupin 0 -> 0, emulatorpin 1; KVM
# when /dev/kvm is usable, else TCG (printed). The peer (libvirtd with QEMU, python3-libvirt) is
# installed when missing and started when qemu:///system does not answer, and stopped again.
# Needs root. On a shared machine run it under flock /work/coord/real-tests.lock.
#   bench/scripts/setvcpus-vs-libvirt.sh [N=11] [PARTS="1 2"]     (BENCH_NO_BUILD=1: jars as built)
set -euo pipefail
n=${1:-11}
parts=${2:-1 2}
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ "$(id -u)" != 0 ]; then
  echo "skipped: needs root (libvirtd's system instance, QEMU's cgroups)"
  exit 0
fi
work=$(mktemp -d /tmp/setvcpus-bench.XXXXXX)
prefix="jvbench-sv-$$-"
started=()
sweep() {   # every domain of this run, on both sides
  local d
  for d in $(virsh -c qemu:///system list --all --name 2>/dev/null | grep "^$prefix" || true); do
    virsh -c qemu:///system destroy "$d" >/dev/null 2>&1 || true
    virsh -c qemu:///system undefine "$d" >/dev/null 2>&1 || true
  done
  for d in $("$root/bin/jvirsh" -c qemu:///system list --all --name 2>/dev/null | grep "^$prefix" || true); do
    "$root/bin/jvirsh" -c qemu:///system destroy "$d" >/dev/null 2>&1 || true
    "$root/bin/jvirsh" -c qemu:///system undefine "$d" >/dev/null 2>&1 || true
  done
  if [ -S "$work/jd/sock" ]; then   # the domains of this run's jvirtd
    for d in $(jr list --all --name 2>/dev/null | grep "^$prefix" || true); do
      jr destroy "$d" >/dev/null 2>&1 || true
      jr undefine "$d" >/dev/null 2>&1 || true
    done
  fi
}
jr() { JVIRT_CONF_DIR="$work/jd" "$root/bin/jvirsh" -c qemu:///system "$@"; }   # jvirsh through this run's jvirtd
cleanup() {
  sweep
  local p pid
  for p in "${started[@]}"; do
    pid=$(cat "$p" 2>/dev/null) || continue
    kill "$pid" 2>/dev/null || true
    # gone before the next run looks for them (a virtlogd still exiting is found, not restarted)
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$work"
  # the partition's groups, empty ones only
  find /sys/fs/cgroup/*/jvbench-sv /sys/fs/cgroup/jvbench-sv -depth -type d -exec rmdir {} + 2>/dev/null || true
}
trap cleanup EXIT

# the peer: libvirtd driving QEMU as root (the steps of the team's libvirt-peer.sh that it needs)
need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
command -v virsh >/dev/null || need+=(libvirt-clients)
command -v libvirtd >/dev/null || need+=(libvirt-daemon libvirt-daemon-driver-qemu)
/usr/bin/python3 -c 'import libvirt' 2>/dev/null || need+=(python3-libvirt)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi
getent group kvm >/dev/null || groupadd -r kvm
getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
id libvirt-qemu >/dev/null 2>&1 || useradd -r -g libvirt-qemu -G kvm libvirt-qemu
mkdir -p /var/log/libvirt /var/run/libvirt /var/lib/libvirt /etc/libvirt
grep -q '^user = "root"' /etc/libvirt/qemu.conf 2>/dev/null ||
  printf 'user = "root"\ngroup = "root"\ndynamic_ownership = 0\nsecurity_driver = "none"\n' >> /etc/libvirt/qemu.conf
if ! virsh -c qemu:///system uri >/dev/null 2>&1; then
  pgrep -x virtlogd >/dev/null || { (cd /tmp && virtlogd -d -p "$work/virtlogd.pid"); started+=("$work/virtlogd.pid"); }
  (cd /tmp && libvirtd -d -p "$work/libvirtd.pid")
  started+=("$work/libvirtd.pid")
  for _ in $(seq 50); do virsh -c qemu:///system uri >/dev/null 2>&1 && break; sleep 0.2; done
fi
virsh -c qemu:///system uri >/dev/null || { echo "skipped: libvirtd does not answer on qemu:///system"; exit 0; }

[ -n "${BENCH_NO_BUILD:-}" ] || (cd "$root" && mvn -B -ntp -q install -DskipTests)
accel=$( [ -r /dev/kvm ] && [ -w /dev/kvm ] && echo kvm || echo tcg )
type=$( [ "$accel" = kvm ] && echo kvm || echo qemu )
echo "# $(date -u +%FT%TZ) $(nproc) CPUs, $(uname -r), accelerator $accel, $(qemu-system-x86_64 --version | head -1)," \
  "libvirtd $(virsh -c qemu:///system version --daemon | sed -n 's/.*daemon: //p'), load $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ " $parts " == *" 1 "* ]]; then
  # jvirt in process, its state in the temp dir; the same domain on both sides
  mkdir -p "$work/conf"
  printf 'config_dir = "%s/q/etc"\nstate_dir = "%s/q/run"\nlog_dir = "%s/q/log"\ncgroup_partition = "/jvbench-sv"\n' \
    "$work" "$work" "$work" > "$work/conf/qemu.conf"
  echo 'jvirtd = "never"' > "$work/conf/jvirt.conf"
  export JVIRT_CONF_DIR="$work/conf"
  dom() {   # NAME [DEVICES]: the pinned domain
    echo "<domain type='$type'><name>$1</name><memory unit='MiB'>128</memory>" \
      "<vcpu placement='static' cpuset='0-1' current='2'>4</vcpu>" \
      "<cputune><vcpupin vcpu='0' cpuset='0'/><emulatorpin cpuset='1'/></cputune>" \
      "<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features>${2:-}</domain>"
  }
  jd=${prefix}j
  ld=${prefix}l
  dom "$jd" > "$work/j.xml"
  dom "$ld" "<devices><emulator>$(command -v qemu-system-x86_64)</emulator><controller type='usb' model='none'/><memballoon model='none'/></devices>" > "$work/l.xml"
  jv() { "$root/bin/jvirsh" -c qemu:///system "$@"; }
  vs() { virsh -c qemu:///system "$@"; }
  jv define "$work/j.xml" >/dev/null
  vs define "$work/l.xml" >/dev/null
  # jvirsh through jvirtd, as virsh goes through libvirtd: a jvirtd of this run (its sockets and
  # QEMU state in the temp dir) that jvirt.conf's jvirtd = "always" sends qemu:///system to
  mkdir -p "$work/jd"
  printf 'uris = [ "qemu:///system" ]\nunix_sock_rw = "%s"\nunix_sock_ro = "%s"\npid_file = "%s"\n' \
    "$work/jd/sock" "$work/jd/sock-ro" "$work/jd/jvirtd.pid" > "$work/jd/jvirtd.conf"
  printf 'config_dir = "%s/jq/etc"\nstate_dir = "%s/jq/run"\nlog_dir = "%s/jq/log"\ncgroup_partition = "/jvbench-sv"\n' \
    "$work" "$work" "$work" > "$work/jd/qemu.conf"
  printf 'jvirtd = "always"\njvirtd_socket = "%s"\njvirtd_socket_ro = "%s"\n' "$work/jd/sock" "$work/jd/sock-ro" \
    > "$work/jd/jvirt.conf"
  JVIRT_CONF_DIR="$work/jd" "$root/bin/jvirtd" --config "$work/jd/jvirtd.conf" </dev/null >/dev/null 2>"$work/jd/jvirtd.log" &
  started+=("$work/jd/jvirtd.pid")   # stopped at the end by its pid file, once it has written it
  # (up to two minutes: after a build jvirtd first trains its start-up cache)
  for _ in $(seq 1200); do [ -S "$work/jd/sock" ] && [ -s "$work/jd/jvirtd.pid" ] && break; sleep 0.1; done
  [ -S "$work/jd/sock" ] || { echo "jvirtd did not start:" >&2; cat "$work/jd/jvirtd.log" >&2; exit 1; }
  rd=${prefix}r
  dom "$rd" > "$work/r.xml"
  jr define "$work/r.xml" >/dev/null
  # the options the launcher gives this very command (one command on one domain: the interpreter)
  mapfile -t fl < <(JVIRSH_PRINT_JVM=1 "$root/bin/jvirsh" -c qemu:///system setvcpus "$jd" 4 --live)
  echo "## floor: ${fl[*]} -version"
  us() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
  # the work's floor (OneShotPlugFloor): the plain work of the command in a JVM of the same
  # JDK and options, from a jar of its own few classes with a start-up cache of its own
  python3 - "$root/bench/target/jvirt-benchmarks.jar" "$work/floor.jar" <<'PY'
import re, sys, zipfile
keep = re.compile(r"com/sun/jna/(internal/)?[^/]+\.class|org/jvirt/bench/real/(OneShotPlugFloor[^/]*|Qmp)\.class")
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w") as dst:
    for e in src.namelist():
        if keep.fullmatch(e):
            dst.writestr(e, src.read(e))
PY
  pf=()
  for o in "${fl[@]}"; do case $o in -XX:AOTCache=* | -XX:SharedArchiveFile=*) ;; *) pf+=("$o") ;; esac; done
  if (( $("${fl[0]}" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p') >= 25 )); then
    pf_train=(-XX:AOTCacheOutput="$work/floor.aot") pf_cache=(-XX:AOTCache="$work/floor.aot")
  else
    pf_train=(-XX:ArchiveClassesAtExit="$work/floor.jsa") pf_cache=(-XX:SharedArchiveFile="$work/floor.jsa")
  fi
  settle() {  # SETTLE_MS after a start: the guest past its firmware's first busy milliseconds
    [ "${SETTLE_MS:-0}" = 0 ] || sleep "$(awk -v m="$SETTLE_MS" 'BEGIN {print m / 1000}')"
  }
  plain() {  # KEY [TRAIN]: the work's floor on a freshly started jvirt domain (microseconds out)
    local t g="jvbench-sv/floor-$1" cache=("${pf_cache[@]}")
    [ -z "${2:-}" ] || cache=("${pf_train[@]}")
    jv start "$jd" >/dev/null
    settle
    t=$(us "${pf[@]}" "${cache[@]}" -cp "$work/floor.jar" org.jvirt.bench.real.OneShotPlugFloor \
      "$work/q/run/$jd.d/monitor.sock" "$g" 0-1 "$work/floor-status.xml" "$(stat -c %s "$work/q/run/$jd.status.xml")")
    if ! grep -q . "/sys/fs/cgroup/cpuset/$g/vcpu3/tasks" 2>/dev/null; then  # again, to show why
      "${pf[@]}" -cp "$work/floor.jar" org.jvirt.bench.real.OneShotPlugFloor \
        "$work/q/run/$jd.d/monitor.sock" "$g-again" 0-1 "$work/floor-status.xml" 1000 >&2 || true
      echo "the work's floor did not plug vCPU 3" >&2
      return 1
    fi
    jv destroy "$jd" >/dev/null
    echo "$t"
  }
  # it writes the vCPU groups of cgroup v1's cpu, cpuacct and cpuset hierarchies, as this host has them
  floor_on=1
  for h in cpu cpuacct cpuset; do [ -d "/sys/fs/cgroup/$h" ] || floor_on=""; done
  if [ -n "$floor_on" ]; then plain train train >/dev/null; else echo "## the work's floor: skipped (no cgroup v1 cpu, cpuacct and cpuset hierarchies)"; fi
  once() {  # RUNNER DOMAIN: start, SETTLE_MS, the timed setvcpus (microseconds out), 4 vCPUs live checked, destroy
    local t n
    "$1" start "$2" >/dev/null
    settle
    t=$(us "$1" setvcpus "$2" 4 --live)
    n=$("$1" vcpucount "$2" --live --active)
    [ "$n" = 4 ] || { echo "$1 setvcpus $2 left $n vCPUs live" >&2; return 1; }
    "$1" destroy "$2" >/dev/null
    echo "$t"
  }
  tj="" tv="" tf="" tp="" tpf="" tr=""
  for ((i = -2; i < n; i++)); do     # two warm-up rounds; who goes first alternates
    for side in $( (( i % 2 == 0 )) && echo "j v r p" || echo "p r v j"); do
      if [ "$side" = j ]; then
        t=$(once jv "$jd")
        (( i < 0 )) || tj+="$t "
      elif [ "$side" = r ]; then
        t=$(once jr "$rd")
        (( i < 0 )) || tr+="$t "
      elif [ "$side" = v ]; then
        t=$(once vs "$ld")
        (( i < 0 )) || tv+="$t "
      elif [ -n "$floor_on" ]; then
        t=$(plain "$i")
        (( i < 0 )) || tp+="$t "
      fi
    done
    t=$(us "${fl[@]}" -version)
    (( i < 0 )) || tf+="$t "
    if [ -n "$floor_on" ]; then
      t=$(us "${pf[@]}" "${pf_cache[@]}" -cp "$work/floor.jar" -version)   # the work's floor's own JVM start
      (( i < 0 )) || tpf+="$t "
    fi
  done
  med() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'; }
  rng() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {printf "%.1f-%.1f", a[int(NR*0.1)+1]/1000, a[int(NR*0.9)]/1000}'; }
  printf '%-52s median %7s ms  (p10-p90 %s)\n' "jvirsh -c qemu:///system setvcpus D 4 --live" "$(med "$tj")" "$(rng "$tj")"
  printf '%-52s median %7s ms  (p10-p90 %s)\n' "virsh -c qemu:///system setvcpus D 4 --live" "$(med "$tv")" "$(rng "$tv")"
  printf '%-52s median %7s ms  (p10-p90 %s)\n' "JVM floor (java -version, jvirsh's options)" "$(med "$tf")" "$(rng "$tf")"
  awk -v a="$(med "$tj")" -v b="$(med "$tv")" 'BEGIN {printf "jvirsh / virsh = %.2f (goal <= 2.0: %s)\n", a / b, a / b <= 2 ? "met" : "MISSED"}'
  printf '%-52s median %7s ms  (p10-p90 %s)\n' "jvirsh setvcpus through jvirtd (jvirtd = \"always\")" "$(med "$tr")" "$(rng "$tr")"
  awk -v a="$(med "$tr")" -v b="$(med "$tv")" 'BEGIN {printf "jvirsh through jvirtd / virsh through libvirtd = %.2f (goal <= 2.0: %s)\n", a / b, a / b <= 2 ? "met" : "MISSED"}'
  if [ -n "$floor_on" ]; then
    printf '%-52s median %7s ms  (p10-p90 %s)\n' "the work's floor (OneShotPlugFloor, same JVM)" "$(med "$tp")" "$(rng "$tp")"
    printf '%-52s median %7s ms  (p10-p90 %s)\n' "its JVM alone (java -version, its cache)" "$(med "$tpf")" "$(rng "$tpf")"
    awk -v a="$(med "$tp")" -v b="$(med "$tv")" -v j="$(med "$tj")" -v pf="$(med "$tpf")" -v f="$(med "$tf")" 'BEGIN {
      printf "the work'"'"'s floor / virsh = %.2f; jvirsh / the work'"'"'s floor = %.2f\n", a / b, j / a
      printf "the work alone (the work'"'"'s floor - its JVM) = %.1f ms; jvirsh'"'"'s JVM floor + the work = %.1f ms = %.2f x virsh; jvirsh / that = %.2f\n", a - pf, f + a - pf, (f + a - pf) / b, j / (f + a - pf) }'
  fi
  jv undefine "$jd" >/dev/null
  vs undefine "$ld" >/dev/null
  jr undefine "$rd" >/dev/null
fi

if [[ " $parts " == *" 2 "* ]]; then
  java -cp "$root/bench/target/jvirt-benchmarks.jar" org.jvirt.bench.real.QemuHotplugVsLibvirt "$n" \
    /usr/bin/python3 "$root/bench/scripts/libvirt_hotplug.py" "${SETTLE_MS:-0}" "${PROGRESS_MS:-0}"
fi
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
