#!/usr/bin/env bash
# Scale benchmark: the C workload c-tests/bench/bench.c compiled against
# Debian's libosip2 and against osip2-rs, run in the same session, results
# written into docs/scale.md (between its bench markers). See docs/scale.md.
#
# Usage: bash c-tests/bench/run.sh [--quick] [--million] [--no-callgrind]
#   --quick         N up to 10,000 only, one run each (a few minutes with
#                   callgrind); results go to target/bench/scale.md, not
#                   docs/scale.md
#   --million       ours also at 1,000,000 live transactions: needs ~10 GB
#                   of free memory (about 8.6 KB resident per transaction:
#                   the 16 KB SRV record osip_transaction_t embeds stays
#                   untouched); the default top size for ours alone is
#                   300,000 (~3 GB)
#   --no-callgrind  skip the instruction counts
# Takes about 6 to 10 minutes in full on a 2-core machine; needs python3, cc,
# valgrind (for the instruction counts) and libosip2-dev.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
quick=0
top=300000
callgrind=1
for arg in "$@"; do
  case $arg in
  --quick) quick=1 ;;
  --million) top=1000000 ;;
  --no-callgrind) callgrind=0 ;;
  *)
    echo "usage: $0 [--quick] [--million] [--no-callgrind]" >&2
    exit 2
    ;;
  esac
done

cargo build --release
bash scripts/shipped-lib.sh target/release/libosip2.so

work=$root/target/bench
rm -rf "$work"
mkdir -p "$work/callgrind"

cflags=(-std=gnu99 -O2 -g -Wall -Werror -pthread)
cc "${cflags[@]}" c-tests/bench/bench.c -o "$work/bench-libosip2" \
  -losip2 -losipparser2
# Ours is our libosip2 with our libosipparser2 (scripts/our-libs.sh): with
# Debian's osip_list_* the engine reads every list before each use
# (docs/scale.md, "The public lists are the truth").
read -r -a ours <<<"$(bash scripts/our-libs.sh "$work" pair)"
cc "${cflags[@]}" "${ours[@]}" c-tests/bench/bench.c -o "$work/bench-ours" -losip2 -losipparser2
# Make sure each binary really runs the libraries it is named after.
# (grep reads a here-string: with pipefail, grep -q closing a pipe early
# would fail the pipeline.)
grep -Eq "libosip2.so.15 => (/usr)?/lib/x86_64-linux-gnu/" <<<"$(ldd "$work/bench-libosip2")" ||
  { echo "bench-libosip2 does not load Debian's libosip2" >&2; exit 1; }
for name in libosip2 libosipparser2; do
  grep -q "$name.so.15 => $work/lib/" <<<"$(ldd "$work/bench-ours")" ||
    { echo "bench-ours does not load osip2-rs's $name" >&2; exit 1; }
done

results=$work/results.txt
: >"$results"

# bench <lib> <kind> <N> <ops> <rounds>: one process, one result line.
bench() {
  local lib=$1
  shift
  printf '  %-9s %-4s N=%-8s ops=%-5s rounds=%s\n' "$lib" "$@" >&2
  echo "lib=$lib $(timeout 900 "$work/bench-$lib" "$@")" >>"$results"
}

# N : ops per round : rounds : runs (separate processes). libosip2 is
# quadratic at 100,000 (building the list alone takes tens of seconds, a
# lookup tens of milliseconds), so one run there; above 100,000 ours alone.
# Fewer than ~200 lookups per round make the mean noisy: one interrupt or
# page fault in 20 operations moves it by tens of percent.
if ((quick)); then
  plan="100:1000:5:1 1000:500:5:1 10000:100:3:1"
else
  plan="100:2000:7:3 1000:1000:7:3 10000:200:5:3 100000:200:3:1 $top:200:3:3"
fi
for spec in $plan; do
  IFS=: read -r n ops rounds runs <<<"$spec"
  for kind in ict ist nict nist; do
    for ((run = 0; run < runs; run++)); do
      ((n > 100000)) || bench libosip2 "$kind" "$n" "$ops" "$rounds"
      bench ours "$kind" "$n" "$ops" "$rounds"
    done
  done
done

# Instruction counts of the measured operations alone (the build is not
# collected): each phase is dumped under its own name.
if ((callgrind)) && command -v valgrind >/dev/null; then
  for n in 100 10000; do
    ops=$((n == 100 ? 100 : 10))
    for kind in ict ist nict nist; do
      for lib in libosip2 ours; do
        printf '  callgrind %-9s %-4s N=%s\n' "$lib" "$kind" "$n" >&2
        valgrind --tool=callgrind --collect-atstart=no \
          --callgrind-out-file="$work/callgrind/$lib.$kind.$n.$ops" \
          "$work/bench-$lib" "$kind" "$n" "$ops" 1 callgrind >/dev/null 2>&1
      done
    done
  done
fi

doc=docs/scale.md
if ((quick)); then
  doc=$work/scale.md
fi
python3 c-tests/bench/report.py "$results" "$work/callgrind" "$doc"
echo "wrote $doc" >&2
