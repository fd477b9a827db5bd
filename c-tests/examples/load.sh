#!/usr/bin/env bash
# Load run (a benchmark, not a test): sipp's built-in uac scenario calls a
# UAS at increasing rates, for three UAS programs one after the other in the
# same run: the example UAS (uas.c) linked to osip2-rs (both of our
# libraries; LIBS=ours-osip2 adds our libosip2 on Debian's libosipparser2), the very same C
# source linked to Debian's libosip2, and the same call flow written on
# sofia-sip's transaction layer, nta (peers/sofia_uas.c). For each it reports
# the highest rate sustained with every call successful, where the rate
# ladder stopped and why, and at each rate the UAS's CPU time (user + system,
# from /proc/<pid>/stat), its CPU per call and sipp's own CPU. Results go to
# docs/load.md together with a description of the machine and its load.
#
#   bash c-tests/examples/load.sh             # about 10-15 minutes
#   bash c-tests/examples/load.sh --pinned    # or PIN=1: the UAS on one CPU, sipp on another
#   STEP_SECONDS=5 RATES="100 200" LIBS="ours sofia" bash c-tests/examples/load.sh
#
# --pinned runs each UAS under `taskset -c $UAS_CPU` (default 0) and sipp
# under `taskset -c $SIPP_CPU` (default 1). The sofia-sip UAS needs the
# Debian package libsofia-sip-ua-dev (installed when run as root); without
# it the run goes on with the other two and the report says it was not
# measured.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pinned=${PIN:-0}
for arg in "$@"; do
  case $arg in
  --pinned) pinned=1 ;;
  *) echo "usage: load.sh [--pinned]  (environment: STEP_SECONDS RATES LIBS PIN UAS_CPU SIPP_CPU REPORT)" >&2; exit 2 ;;
  esac
done
step_seconds=${STEP_SECONDS:-10}
rates=${RATES:-"100 250 500 750 1000 1500 2000 2500 3000 3500 4000 5000 6000 7000 8000 9000 10000"}
read -r -a libs <<<"${LIBS:-ours debian sofia}"
report=${REPORT:-$root/docs/load.md}
uas_cpu_id=${UAS_CPU:-0}
sipp_cpu_id=${SIPP_CPU:-1}
# sipp is saturated when it used this share (%) of one core during a step.
saturated_pct=90
# The rate at which the summary compares CPU per call, when all reach it.
compare_rate=4000

# shellcheck source=common.sh source-path=SCRIPTDIR
. "$here/common.sh"
need_tools sipp cc pkg-config cargo
uas_pin=()
sipp_pin=()
if [ "$pinned" = 1 ]; then
  need_tools taskset
  if [ "$uas_cpu_id" = "$sipp_cpu_id" ] || [ "$uas_cpu_id" -ge "$(nproc)" ] || [ "$sipp_cpu_id" -ge "$(nproc)" ]; then
    echo "load.sh: --pinned needs two different CPUs below $(nproc): UAS_CPU=$uas_cpu_id SIPP_CPU=$sipp_cpu_id" >&2
    exit 2
  fi
  uas_pin=(taskset -c "$uas_cpu_id")
  sipp_pin=(taskset -c "$sipp_cpu_id")
fi

work=$root/target/release/load
build_examples "$work"
declare -A title missing_why
title[ours]="osip2-rs"
title[ours-osip2]="osip2-rs libosip2 on Debian's libosipparser2"
title[debian]="Debian libosip2 $(package_version libosip2-15)"
sofia_version=$(package_version libsofia-sip-ua0)
title[sofia]="sofia-sip nta ${sofia_version%%+*}"
measured=()
for lib in "${libs[@]}"; do
  case $lib in
  ours | ours-osip2 | debian) measured+=("$lib") ;;
  sofia)
    packages=$(peer_packages sofia)
    # shellcheck disable=SC2086 # one word per package
    if ensure_packages $packages; then
      build_peer sofia "$work"
      measured+=(sofia)
    else
      title[sofia]="sofia-sip nta"
      missing_why[sofia]="not measured: the Debian package $packages is not installed (apt-get install $packages, or run this script as root)"
      echo "load.sh: ########################################################################" >&2
      echo "load.sh: the sofia-sip UAS is NOT measured: $packages is not installed" >&2
      echo "load.sh: ########################################################################" >&2
    fi
    ;;
  *) echo "load.sh: LIBS takes ours, ours-osip2, debian and sofia, not $lib" >&2; exit 2 ;;
  esac
done

ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Nanoseconds the threads of a process spent runnable but waiting for a CPU
# (held by other processes of the machine): the noise of a shared machine.
wait_ns() { cat "/proc/$1"/task/*/schedstat | awk '{n += $2} END {printf "%.0f", n}'; }
load1() { awk '{print $1}' /proc/loadavg; }

# User + system seconds of the children from the output of `times`.
sipp_cpu() {
  awk 'NR == 2 {
    n = 0
    for (i = 1; i <= 2; i++) { split($i, p, "m"); sub(/s$/, "", p[2]); n += p[1] * 60 + p[2] }
    printf "%.2f", n
  }' "$1"
}

# One step: prints "calls ok failed uas_cpu_seconds wall_seconds sipp_cpu_seconds
# load uas_wait_seconds".
step() {
  local lib=$1 rate=$2 dir=$work/runs/$1-$2-$3 calls=$(($2 * step_seconds)) port peer pid before after t0 t1 ok failed load
  local wait_before wait_after
  rm -rf "$dir"
  mkdir -p "$dir"
  load=$(load1)
  port=$(free_port 24000)
  "${uas_pin[@]}" "$work/$lib/uas" --port "$port" --quiet >"$dir/uas.out" 2>&1 &
  pid=$!
  sleep 0.3
  before=$(cpu_ticks "$pid")
  wait_before=$(wait_ns "$pid")
  t0=$(date +%s.%N)
  peer=$(free_port 25000)
  # `times` in the subshell: the CPU time of sipp, its child.
  (cd "$dir" && { "${sipp_pin[@]}" sipp -sn uac "127.0.0.1:$port" -i 127.0.0.1 -p "$peer" -r "$rate" -m "$calls" \
    -nostdin -trace_screen -recv_timeout 8000 -timeout $((step_seconds + 30))s >sipp.out 2>&1 || true; } &&
    times >sipp.times)
  after=$(cpu_ticks "$pid")
  wait_after=$(wait_ns "$pid")
  t1=$(date +%s.%N)
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  read -r ok failed < <(sipp_counts "$dir")
  echo "$calls $ok $failed $(awk -v t=$((after - before)) -v hz="$ticks" -v t0="$t0" -v t1="$t1" \
    'BEGIN {printf "%.2f %.1f", t / hz, t1 - t0}') $(sipp_cpu "$dir/sipp.times") $load \
    $(awk -v a="$wait_before" -v b="$wait_after" 'BEGIN {printf "%.2f", (b - a) / 1e9}')"
}

declare -A best rows stop per_call
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for lib in "${measured[@]}"; do
  best[$lib]=none
  rows[$lib]=""
  stop[$lib]="end of the ladder"
  for rate in $rates; do
    # A failed step gets one more try: on a shared machine one hiccup can
    # overflow a socket buffer, and the retransmissions then snowball.
    for attempt in 1 2; do
      read -r calls ok failed cpu wall sipp_cpu load waited < <(step "$lib" "$rate" "$attempt")
      read -r pct sipp_pct per_call_us < <(awk -v c="$cpu" -v s="$wall" -v sc="$sipp_cpu" -v ok="$ok" \
        'BEGIN {printf "%.0f %.0f %s\n", 100 * c / s, 100 * sc / s, (ok > 0 ? sprintf("%.0f", 1e6 * c / ok) : "-")}')
      if [ "$ok" -ne "$calls" ] || [ "$failed" -ne 0 ]; then
        verdict=FAILED
      elif [ "$sipp_pct" -ge "$saturated_pct" ]; then
        verdict="ok, sipp saturated"
      else
        verdict=ok
      fi
      echo "${title[$lib]}: $rate calls/s for ${step_seconds} s: $ok/$calls successful, $failed failed in ${wall} s," \
        "UAS CPU ${cpu} s (${pct}%, ${per_call_us} µs/call, waited ${waited} s for a CPU), sipp CPU ${sipp_cpu} s (${sipp_pct}%)," \
        "load $load: $verdict"
      rows[$lib]+="| $rate | $calls | $ok | $failed | $wall | $cpu | $pct% | $per_call_us | $waited | $sipp_cpu | $sipp_pct% | $load | $verdict |"$'\n'
      [ "$verdict" = FAILED ] || break
    done
    case $verdict in
    ok | "ok, sipp saturated")
      best[$lib]=$rate
      per_call[$lib,$rate]=$per_call_us
      if [ "$verdict" != ok ]; then
        stop[$lib]="sipp saturated at $rate calls/s (${sipp_pct}% of a CPU)"
        break
      fi
      ;;
    *)
      stop[$lib]="calls failed at $rate calls/s (twice; the second time $failed failed, $ok of $calls successful, and the UAS waited $waited s of the $wall s for a CPU other processes held)"
      break
      ;;
    esac
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# The rate at which the summary compares CPU per call: compare_rate when
# every measured UAS sustained it, else the highest rate they all sustained.
common=""
for rate in $rates; do
  all=1
  for lib in "${measured[@]}"; do
    [ -n "${per_call[$lib,$rate]:-}" ] || all=0
  done
  [ "$all" = 1 ] && common=$rate
  [ "$all" = 1 ] && [ "$rate" = "$compare_rate" ] && break
done

if [ "$pinned" = 1 ]; then
  mode="Pinned: each UAS runs on CPU $uas_cpu_id (\`taskset -c $uas_cpu_id\`) and sipp on CPU $sipp_cpu_id (\`taskset -c $sipp_cpu_id\`); other jobs of the machine may still run on either."
else
  mode="Not pinned: the UAS and sipp share the machine's CPUs as the scheduler sees fit (\`--pinned\` or \`PIN=1\` pins them)."
fi

mkdir -p "$(dirname "$report")"
{
  echo "# Load run"
  echo
  echo "Produced by \`bash c-tests/examples/load.sh$([ "$pinned" = 1 ] && echo " --pinned")\` on $(date -u '+%Y-%m-%d %H:%M UTC'),"
  echo "${step_seconds} s per step. sipp's built-in \`uac\` scenario (INVITE → 100/180/200 → ACK → BYE → 200)"
  echo "calls each UAS over UDP on 127.0.0.1, at the same rates, one UAS after the other:"
  echo
  echo "- **osip2-rs** and **Debian libosip2**: the example UAS (\`c-tests/examples/uas.c\`), the same C"
  echo "  source linked to each: osip2-rs is both of our libraries (libosip2 and libosipparser2),"
  echo "  Debian's is its libosip2 on its libosipparser2; with \`LIBS=ours-osip2\`, our libosip2 on"
  echo "  Debian's libosipparser2 too;"
  echo "- **sofia-sip nta**: \`c-tests/examples/peers/sofia_uas.c\`, the same call flow and the same"
  echo "  responses (100, then 180 and 200 with a To tag, Contact and User-Agent, no body; 200 to the"
  echo "  BYE) on sofia-sip's transaction layer alone (\`nta\` agent in UA mode, legs and incoming"
  echo "  transactions; no \`nua\`). nta repeats the 200 itself until the ACK, and hands the ACK"
  echo "  to the INVITE's transaction. Like the libosip2 UAS, it runs in one thread."
  echo
  echo "A rate is sustained when every call succeeds (sipp's screen report: all successful, 0"
  echo "failed); a failed rate is tried once more, and the ladder stops at the first rate that"
  echo "fails twice, or once sipp itself is the limit: its CPU time reached ${saturated_pct}% of the"
  echo "wall time, all of the one core its single thread can use (\"sipp saturated\"; that rate"
  echo "still counts when every call succeeded, but a higher one would measure sipp). Wall is how long"
  echo "sipp ran (longer than planned when calls fail: sipp waits for them); UAS CPU is the UAS"
  echo "process's user + system time meanwhile (from \`/proc/<pid>/stat\`), its"
  echo "share of the wall time, and per successful call; sipp's CPU time and share of the wall"
  echo "time are shown too. \"UAS waited for a CPU\" is how long the UAS was ready to run while"
  echo "other processes held the CPU (\`/proc/<pid>/task/*/schedstat\`): the noise of the shared"
  echo "machine in that step. Load is the machine's 1-minute load average as the step started."
  echo
  echo "$(machine) The machine is shared with other jobs, so single numbers are noisy."
  echo "Load average (1, 5, 15 min) at the start of the run: $load_start; at its end: $load_end."
  echo
  echo "$mode"
  echo
  # CPU per call at the highest common rate, and at compare_rate too when
  # not every UAS sustained it.
  columns=("${common:-none}")
  [ "${common:-}" = "$compare_rate" ] || columns+=("$compare_rate")
  header="| UAS | highest sustained rate (calls/s) | where the ladder stopped |"
  rule="|---|---|---|"
  for rate in "${columns[@]}"; do
    header+=" UAS CPU per call at $rate calls/s (µs) |"
    rule+="---|"
  done
  echo "$header"
  echo "$rule"
  for lib in "${libs[@]}"; do
    if [ -n "${missing_why[$lib]:-}" ]; then
      line="| ${title[$lib]} | — | ${missing_why[$lib]} |"
    else
      line="| ${title[$lib]} | ${best[$lib]} | ${stop[$lib]} |"
    fi
    for rate in "${columns[@]}"; do
      line+=" ${per_call[$lib,$rate]:-not reached} |"
    done
    echo "$line"
  done
  echo
  echo "On a shared machine other jobs can hold the UAS's CPU (a pinned UAS cannot move away"
  echo "from them): datagrams then wait in the socket, sipp retransmits after 500 ms, and the"
  echo "retransmissions snowball until calls fail. A failed step whose UAS waited seconds for a"
  echo "CPU (see the tables) says more about the machine's other jobs than about the stack."
  for lib in "${libs[@]}"; do
    echo
    echo "## ${title[$lib]}"
    echo
    if [ -n "${missing_why[$lib]:-}" ]; then
      echo "**Not measured** in this run: ${missing_why[$lib]#not measured: }."
      continue
    fi
    echo "| rate (calls/s) | calls | successful | failed | wall (s) | UAS CPU (s) | UAS CPU / wall | UAS CPU per call (µs) | UAS waited for a CPU (s) | sipp CPU (s) | sipp CPU / wall | load | verdict |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    printf '%s' "${rows[$lib]}"
  done
  echo
  echo "The libosip2 UAS keeps each BYE's server transaction for timer J (32 s), and nta does the"
  echo "same, so by the end of a ${step_seconds} s step at R calls/s about ${step_seconds}·R transactions are"
  echo "alive at once: higher rates also test how each stack's per-event and per-timer work grows"
  echo "with the number of live transactions. nta also keeps each answered INVITE's transaction"
  echo "for timer I (5 s) after its ACK."
} >"$report"
echo "Written to $report"
for lib in "${libs[@]}"; do
  if [ -n "${missing_why[$lib]:-}" ]; then
    echo "load.sh: ${title[$lib]}: NOT MEASURED: ${missing_why[$lib]#not measured: }" >&2
  fi
done
