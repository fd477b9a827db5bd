#!/usr/bin/env bash
# Load run (a benchmark, not a test): sipp's built-in uac scenario calls the
# example UAS at increasing rates, once with the UAS linked to osip2-rs and
# once with the very same C source linked to Debian's libosip2. For each
# library it reports the highest rate sustained with every call successful,
# and the UAS's CPU time (user + system, from /proc/<pid>/stat) at each rate.
# Results go to docs/load.md together with a description of the machine.
#
#   bash c-tests/examples/load.sh            # about 5-10 minutes
#   STEP_SECONDS=5 RATES="100 200" bash c-tests/examples/load.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
step_seconds=${STEP_SECONDS:-10}
rates=${RATES:-"100 250 500 750 1000 1500 2000 2500 3000 3500 4000 5000 6000"}
report=${REPORT:-$root/docs/load.md}

. "$here/common.sh"
need_tools sipp cc pkg-config cargo
work=$root/target/release/load
build_examples "$work"

ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# User + system seconds of the children from the output of `times`.
sipp_cpu() {
  awk 'NR == 2 {
    n = 0
    for (i = 1; i <= 2; i++) { split($i, p, "m"); sub(/s$/, "", p[2]); n += p[1] * 60 + p[2] }
    printf "%.2f", n
  }' "$1"
}

# One step: prints "calls ok failed uas_cpu_seconds wall_seconds sipp_cpu_seconds".
step() {
  local lib=$1 rate=$2 dir=$work/$1-$2 calls=$(($2 * step_seconds)) port peer pid before after t0 t1 ok failed
  mkdir -p "$dir"
  port=$(free_port 24000)
  "$work/$lib/uas" --port "$port" --quiet >"$dir/uas.out" 2>&1 &
  pid=$!
  sleep 0.3
  before=$(cpu_ticks "$pid")
  t0=$(date +%s.%N)
  peer=$(free_port 25000)
  # `times` in the subshell: the CPU time of sipp, its child.
  (cd "$dir" && { sipp -sn uac "127.0.0.1:$port" -i 127.0.0.1 -p "$peer" -r "$rate" -m "$calls" \
    -nostdin -trace_screen -recv_timeout 8000 -timeout $((step_seconds + 30))s >sipp.out 2>&1 || true; } && times >sipp.times)
  after=$(cpu_ticks "$pid")
  t1=$(date +%s.%N)
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  read -r ok failed < <(sipp_counts "$dir")
  echo "$calls $ok $failed $(awk -v t=$((after - before)) -v hz="$ticks" -v t0="$t0" -v t1="$t1" \
    'BEGIN {printf "%.2f %.1f", t / hz, t1 - t0}') $(sipp_cpu "$dir/sipp.times")"
}

declare -A best rows
for lib in ours debian; do
  best[$lib]=none
  rows[$lib]=""
  for rate in $rates; do
    # A failed step gets one more try: on a shared machine one hiccup can
    # overflow a socket buffer, and the retransmissions then snowball.
    for attempt in 1 2; do
      read -r calls ok failed cpu wall sipp_cpu < <(step "$lib" "$rate")
      pct=$(awk -v c="$cpu" -v s="$wall" 'BEGIN {printf "%.0f", 100 * c / s}')
      verdict=ok
      [ "$ok" -eq "$calls" ] && [ "$failed" -eq 0 ] || verdict=FAILED
      echo "$lib: $rate calls/s for ${step_seconds} s: $ok/$calls successful, $failed failed in ${wall} s, UAS CPU ${cpu} s (${pct}%), sipp CPU ${sipp_cpu} s $verdict"
      rows[$lib]+="| $rate | $calls | $ok | $failed | $wall | $cpu | $pct% | $sipp_cpu |"$'\n'
      [ "$verdict" = ok ] && break
    done
    if [ "$verdict" = ok ]; then best[$lib]=$rate; else break; fi
  done
done

mkdir -p "$(dirname "$report")"
{
  echo "# Load run"
  echo
  echo "Produced by \`bash c-tests/examples/load.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'). sipp's"
  echo "built-in \`uac\` scenario (INVITE → 100/180/200 → ACK → BYE → 200) calls the example UAS"
  echo "(\`c-tests/examples/uas.c\`) over UDP on 127.0.0.1 for ${step_seconds} s at each rate; the"
  echo "same C source is linked to osip2-rs and to Debian's libosip2. A rate is sustained when"
  echo "every call succeeds (sipp's screen report: all successful, 0 failed); a failed rate is"
  echo "tried once more, and the ladder stops at the first rate that fails twice. Wall is how long sipp ran (longer than planned when calls"
  echo "fail: sipp waits for them); CPU is the UAS process's user + system time meanwhile (from"
  echo "\`/proc/<pid>/stat\`), and its share of the wall time; sipp's CPU time is shown too."
  echo
  echo "$(machine) The machine is shared with other jobs, so single"
  echo "numbers are noisy; sipp itself runs on the same two cores and can be the limit."
  echo
  echo "| library | highest sustained rate (calls/s) |"
  echo "|---|---|"
  echo "| osip2-rs | ${best[ours]} |"
  echo "| Debian libosip2 5.3.0 | ${best[debian]} |"
  for lib in ours debian; do
    echo
    if [ "$lib" = ours ]; then echo "## osip2-rs"; else echo "## Debian libosip2"; fi
    echo
    echo "| rate (calls/s) | calls | successful | failed | wall (s) | UAS CPU (s) | UAS CPU / wall | sipp CPU (s) |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s' "${rows[$lib]}"
  done
  echo
  echo "The UAS keeps each BYE's server transaction for timer J (32 s), so by the end of a"
  echo "${step_seconds} s step at R calls/s about ${step_seconds}·R transactions are alive at once: higher"
  echo "rates also test how the library's per-event and per-timer work grows with the number"
  echo "of live transactions."
} >"$report"
echo "Written to $report"
