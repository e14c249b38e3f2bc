#!/usr/bin/env bash
# End-to-end batch: N domains (default 20000) defined, started, pinned, queried, dumped and
# listed through one shell session on the test driver, by jvirsh and by virsh (the peer), fed
# the same command stream on standard input. Prints the wall time of each and the ratio.
#   bench/scripts/batch-vs-virsh.sh [N]
set -euo pipefail
n=${1:-20000}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/jvirt-batch.XXXXXX")
trap 'rm -rf "$work"' EXIT
cmds="$work/commands"
for ((i = 0; i < n; i++)); do
  cat > "$work/d$i.xml" <<XML
<domain type='test'><name>b$i</name><memory unit='MiB'>256</memory><vcpu cpuset='0-3'>2</vcpu><os><type>hvm</type></os></domain>
XML
  printf 'define %s/d%d.xml\nstart b%d\nvcpupin b%d 1 %d\nvcpupin b%d\nemulatorpin b%d\ndominfo b%d\ndumpxml b%d\n' \
    "$work" "$i" "$i" "$i" $((i % 8)) "$i" "$i" "$i" "$i" >> "$cmds"
done
echo "list --all" >> "$cmds"
lines=$(wc -l < "$cmds")
"$root/bin/jvirsh" -c test:///default "uri" > /dev/null   # build and archive once, outside the timing

# t LABEL CMD...: runs CMD on the stream, output kept in $work/out.LABEL, prints milliseconds
t() { local label=$1 s e; shift; s=$(date +%s%N); "$@" < "$cmds" > "$work/out.$label" 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
jv=$(t jvirsh "$root/bin/jvirsh" -c test:///default)
vi=$(t virsh virsh -c test:///default)
for label in jvirsh virsh; do
  errors=$(grep -c '^error:' "$work/out.$label" || true)
  [ "$errors" = 0 ] || { echo "$label reported $errors errors:" >&2; grep -m5 '^error:' "$work/out.$label" >&2; }
done
printf 'domains=%d commands=%d jvirsh_ms=%d virsh_ms=%d ratio=%.2f\n' "$n" "$lines" "$jv" "$vi" "$(echo "$jv / $vi" | bc -l)"
