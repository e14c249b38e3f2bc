#!/usr/bin/env bash
# Cold one-shot command: `jvirsh -c test:///default list` against `virsh -c test:///default list`,
# each a fresh process, alternated, N runs (default 30). Prints median, p10 and p90 in ms.
#   bench/scripts/cold-start.sh [N]
set -euo pipefail
n=${1:-30}
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/bin/jvirsh" -c test:///default uri > /dev/null   # build and record the CDS archive first
jv=(); vi=()
for ((i = 0; i < n; i++)); do
  s=$(date +%s%N); "$root/bin/jvirsh" -c test:///default list > /dev/null; e=$(date +%s%N); jv+=($(( (e - s) / 1000 )))
  s=$(date +%s%N); virsh -c test:///default list > /dev/null; e=$(date +%s%N); vi+=($(( (e - s) / 1000 )))
done
stats() { sort -n | awk '{a[NR]=$1} END {printf "median=%.1f p10=%.1f p90=%.1f ms", a[int((NR+1)/2)]/1000, a[int(NR*0.1)+1]/1000, a[int(NR*0.9)]/1000}'; }
echo "jvirsh list: $(printf '%s\n' "${jv[@]}" | stats)"
echo "virsh list:  $(printf '%s\n' "${vi[@]}" | stats)"
