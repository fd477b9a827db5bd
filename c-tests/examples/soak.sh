#!/usr/bin/env bash
# Soak run (a benchmark, not a test): minutes of steady register and call
# traffic from sipp against the example UAS, first linked to osip2-rs, then
# the very same C source linked to Debian's libosip2. The UAS's resident
# memory is sampled every second during the traffic and while its last
# transactions end afterwards (timer J, 32 s): it should stay flat during the
# traffic and come back near its start after it. Results go to docs/soak.md.
#
#   bash c-tests/examples/soak.sh          # 2 x (5 min + 40 s)
#   SOAK_SECONDS=60 CALL_RATE=100 REGISTER_RATE=100 bash c-tests/examples/soak.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
soak_seconds=${SOAK_SECONDS:-300}
drain_seconds=${DRAIN_SECONDS:-40}
call_rate=${CALL_RATE:-200}
register_rate=${REGISTER_RATE:-200}
report=${REPORT:-$root/docs/soak.md}

. "$here/common.sh"
need_tools sipp cc pkg-config cargo
work=$root/target/release/soak
build_examples "$work"

# Resident set of a process in kB.
rss_kb() { awk -v kb="$(($(getconf PAGESIZE) / 1024))" '{print $2 * kb}' "/proc/$1/statm" 2>/dev/null || echo 0; }

# soak LIB: runs the traffic against LIB's UAS; writes $work/LIB/rss.txt
# ("second kB" per line) and prints "calls_ok calls_failed reg_ok reg_failed".
soak() {
  local lib=$1 dir=$work/$1/run port pid t sampler calls regs
  rm -rf "$dir"
  mkdir -p "$dir/calls" "$dir/registers"
  port=$(free_port 26000)
  "$work/$lib/uas" --port "$port" --quiet >"$dir/uas.out" 2>&1 &
  pid=$!
  sleep 0.5
  (t=0; while kill -0 "$pid" 2>/dev/null; do echo "$t $(rss_kb "$pid")"; sleep 1; t=$((t + 1)); done) >"$dir/rss.txt" &
  sampler=$!
  calls=$((call_rate * soak_seconds))
  regs=$((register_rate * soak_seconds))
  (cd "$dir/calls" && sipp -sn uac "127.0.0.1:$port" -i 127.0.0.1 -p "$(free_port 27000)" \
    -r "$call_rate" -m "$calls" -nostdin -trace_screen -recv_timeout 8000 \
    -timeout $((soak_seconds + 60))s >sipp.out 2>&1 || true) &
  local sipp_calls=$!
  (cd "$dir/registers" && sipp -sf "$root/c-tests/sipp/register_uac.xml" "127.0.0.1:$port" -i 127.0.0.1 \
    -p "$(free_port 28000)" -r "$register_rate" -m "$regs" -nostdin -trace_screen -recv_timeout 8000 \
    -timeout $((soak_seconds + 60))s >sipp.out 2>&1 || true) &
  wait "$sipp_calls"
  wait $!
  echo "traffic_end $(awk 'END {print $1}' "$dir/rss.txt")" >"$dir/marks"
  sleep "$drain_seconds"
  echo "drained $(awk 'END {print $1}' "$dir/rss.txt")" >>"$dir/marks"
  # What malloc keeps free for later is the allocator's, not the library's:
  # ask the UAS to trim it (SIGUSR1, see sipapp.c) and sample once more.
  kill -USR1 "$pid" 2>/dev/null || true
  sleep 2
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  echo "$(sipp_counts "$dir/calls") $(sipp_counts "$dir/registers")"
}

declare -A result
for lib in ours debian; do
  echo "soak: $lib, ${soak_seconds} s of $call_rate calls/s and $register_rate registrations/s ..." >&2
  result[$lib]=$(soak "$lib")
done

# summary LIB: one markdown row from the samples.
summary() {
  local dir=$work/$1/run end drained
  end=$(awk '$1 == "traffic_end" {print $2}' "$dir/marks")
  drained=$(awk '$1 == "drained" {print $2}' "$dir/marks")
  awk -v end="$end" -v drained="$drained" -v lib="$2" -v counts="${result[$1]}" '
    { kb[$1] = $2; last = $1 }
    END {
      split(counts, c, " ")
      start = kb[0]; warm = kb[60]
      lo = 1e18; hi = 0
      for (t = 60; t <= end; t++) if (t in kb) { if (kb[t] < lo) lo = kb[t]; if (kb[t] > hi) hi = kb[t] }
      printf "| %s | %d / %d | %d / %d | %.1f | %.1f | %.1f – %.1f | %.1f | %.1f | %.1f |\n", lib,
        c[1], c[2], c[3], c[4], start / 1024, warm / 1024, lo / 1024, hi / 1024, kb[end] / 1024,
        kb[drained] / 1024, kb[last] / 1024
    }' "$dir/rss.txt"
}

# series LIB: the resident set every 30 s.
series() {
  awk '$1 % 30 == 0 {printf "%s%.1f", sep, $2 / 1024; sep = ", "} END {print ""}' "$work/$1/run/rss.txt"
}

mkdir -p "$(dirname "$report")"
{
  echo "# Soak run"
  echo
  echo "Produced by \`bash c-tests/examples/soak.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'). For ${soak_seconds} s,"
  echo "sipp's built-in \`uac\` scenario makes ${call_rate} calls/s (INVITE → 100/180/200 → ACK → BYE → 200)"
  echo "and \`c-tests/sipp/register_uac.xml\` ${register_rate} registrations/s, over UDP on 127.0.0.1, to"
  echo "the example UAS (\`c-tests/examples/uas.c\`); then the traffic stops and the UAS's last"
  echo "transactions end (timer J, 32 s) during ${drain_seconds} s; last, the UAS calls malloc_trim(0)"
  echo "(on SIGUSR1), so that what glibc keeps free for later shows apart from what the program still"
  echo "holds. The same C source is linked to"
  echo "osip2-rs and to Debian's libosip2. The UAS's resident set (\`/proc/<pid>/statm\`) is"
  echo "sampled every second."
  echo
  echo "$(machine)"
  echo
  echo "| library | calls ok / failed | registrations ok / failed | resident at start (MB) | after 1 min | lowest – highest from 1 min to the end of the traffic | at the end of the traffic | after the drain | after malloc_trim |"
  echo "|---|---|---|---|---|---|---|---|---|"
  summary ours osip2-rs
  summary debian "Debian libosip2"
  echo
  echo "Resident set every 30 s (MB), from the start of the traffic to the end of the drain:"
  echo
  echo "- osip2-rs: $(series ours)"
  echo "- Debian libosip2: $(series debian)"
  echo
  echo "During the traffic about (call rate × 32 s) BYE and (registration rate × 32 s) REGISTER"
  echo "server transactions wait for timer J at any moment, so the resident set first grows to"
  echo "that plateau; flat means it then stays there, and after the drain it comes back near"
  echo "where it started (osip2-rs keeps a bounded reserve of freed transaction slots warm: at"
  echo "most 256, or a quarter of the live ones, see \`src/pool.rs\`)."
} >"$report"
echo "Written to $report" >&2
