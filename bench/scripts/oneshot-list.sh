#!/usr/bin/env bash
# Cold one-shot `jvirsh -c URI list` against the JVM floor (`java -version` with the JVM, options
# and start-up cache bin/jvirsh uses) and against `virsh -c test:///default list`, every sample a
# fresh process, the series alternated in one loop so that the machine's load hits all alike.
# URIs: test:///default always; qemu:///system and lxc:///system when run as root with QEMU and
# unshare (both in process: jvirt.conf `jvirtd = "never"`, qemu.conf/lxc.conf state in a temp dir).
# Each JDK given (default: the launcher's own choice, then JDK 17 when present) is measured.
# ONESHOT_BASE=DIR also measures the jvirsh of another built tree (e.g. a commit unpacked with
# `git archive` and built with `mvn package -DskipTests`), alternated in the same loop, each tree
# against the floor of its own launcher.
#   bench/scripts/oneshot-list.sh [N] [JAVA...]
set -euo pipefail
n=${1:-20}
shift || true
root=$(cd "$(dirname "$0")/../.." && pwd)
javas=("$@")
if [ ${#javas[@]} -eq 0 ]; then
  javas=(default)
  [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ] && javas+=(/usr/lib/jvm/java-17-openjdk-amd64/bin/java)
fi
work=$(mktemp -d /tmp/oneshot-list.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/conf"
for d in qemu lxc; do
  printf 'config_dir = "%s/%s/etc"\nstate_dir = "%s/%s/run"\nlog_dir = "%s/%s/log"\n' \
    "$work" "$d" "$work" "$d" "$work" "$d" > "$work/conf/$d.conf"
done
echo 'jvirtd = "never"' > "$work/conf/jvirt.conf"
export JVIRT_CONF_DIR="$work/conf"
base=${ONESHOT_BASE:-}
trees=("$root")
[ -n "$base" ] && trees+=("$(cd "$base" && pwd)")
uris=(test:///default)
if [ "$(id -u)" = 0 ]; then
  command -v qemu-system-x86_64 >/dev/null && uris+=(qemu:///system)
  command -v unshare >/dev/null && uris+=(lxc:///system)
fi
have_virsh=$(command -v virsh >/dev/null && echo 1 || echo "")
echo "# $(date -u +%FT%TZ) $(nproc) CPUs, $(uname -r), $( [ -e /dev/kvm ] && echo KVM || echo TCG), load $(cut -d' ' -f1-3 /proc/loadavg)"
# one sample: wall time in microseconds; its CPU time (user + system, in ms, from GNU time) goes to $cpu_file
cpu_file=$work/cpu
ms() {
  local s e
  s=$(date +%s%N)
  /usr/bin/time -f "%U %S" -a -o "$cpu_file" "$@" >/dev/null 2>&1 || true
  e=$(date +%s%N)
  echo $(( (e - s) / 1000 ))
}
cpu_of() { : > "$cpu_file"; }   # forgets the last sample's CPU time
stats() { sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'; }
p10p90() { sort -n | awk '{a[NR]=$1} END {printf "%.1f-%.1f", a[int(NR*0.1)+1]/1000, a[int(NR*0.9)]/1000}'; }
for jv in "${javas[@]}"; do
  if [ "$jv" = default ]; then unset JVIRSH_JAVA; else export JVIRSH_JAVA="$jv"; fi
  # build and train each URI's cache first; each URI's floor: java -version with its JVM, options and cache
  # keys: "TREE URI" for jvirsh, "floor TREE URI" for its floor
  declare -A fl=() t=()
  for r in "${trees[@]}"; do
    for u in "${uris[@]}"; do
      "$r/bin/jvirsh" -c "$u" uri >/dev/null
      fl[$r $u]=$(JVIRSH_PRINT_JVM=1 "$r/bin/jvirsh" -c "$u" | tr '\n' ' ')
    done
  done
  jvm=${fl[$root test:///default]%% *}
  echo "## JVM: $jvm ($("$jvm" -version 2>&1 | head -1))"
  for u in "${uris[@]}"; do echo "## floor for $u: ${fl[$root $u]}-version"; done
  declare -A c=()
  for ((i = 0; i < n; i++)); do
    for u in "${uris[@]}"; do
      for r in "${trees[@]}"; do
        cpu_of
        # shellcheck disable=SC2086 # the launcher's JVM and options, one word each
        t[floor $r $u]+="$(ms ${fl[$r $u]} -version) "
        c[floor $r $u]+="$(awk '{print ($1 + $2) * 1000000}' "$cpu_file") "
        cpu_of
        t[$r $u]+="$(ms "$r/bin/jvirsh" -c "$u" list) "
        c[$r $u]+="$(awk '{print ($1 + $2) * 1000000}' "$cpu_file") "
      done
    done
    [ -n "$have_virsh" ] && t[virsh]+="$(ms virsh -c test:///default list) "
  done
  for r in "${trees[@]}"; do
    [ "$r" = "$root" ] || echo "## the tree in $r:"
    for u in "${uris[@]}"; do
      f=$(printf '%s\n' ${t[floor $r $u]} | stats)
      m=$(printf '%s\n' ${t[$r $u]} | stats)
      printf '%-32s median %7s ms  (p10-p90 %s)   floor %s ms (p10-p90 %s)   ratio %s (goal <= 1.5)\n' \
        "jvirsh -c $u list" "$m" "$(printf '%s\n' ${t[$r $u]} | p10p90)" "$f" \
        "$(printf '%s\n' ${t[floor $r $u]} | p10p90)" "$(awk -v a="$m" -v b="$f" 'BEGIN {printf "%.2f", a / b}')"
      fc=$(printf '%s\n' ${c[floor $r $u]} | stats)
      mc=$(printf '%s\n' ${c[$r $u]} | stats)
      printf '%-32s CPU time (user+sys) median %s ms, floor %s ms, ratio %s\n' "" "$mc" "$fc" \
        "$(awk -v a="$mc" -v b="$fc" 'BEGIN {printf "%.2f", a / b}')"
    done
  done
  unset c
  [ -n "$have_virsh" ] && printf '%-32s median %7s ms\n' "virsh -c test:///default list" "$(printf '%s\n' ${t[virsh]} | stats)"
  unset t fl
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
