#!/usr/bin/env bash
# The osip2-rs demo: builds the library, compiles the example UAC and UAS
# against it, and lets the UAC register and place a call to the UAS over
# UDP on 127.0.0.1, saying what happens in plain words.
#
#   bash c-tests/examples/demo.sh [--debian-parser] [--drop-every N]
#
# The programs run on both of our libraries, libosip2 and libosipparser2;
# with --debian-parser, on our libosip2 and Debian's libosipparser2 (the
# other pairing). Extra options go to both programs: --drop-every 3 loses
# one datagram in three on purpose, so that libosip2's retransmission
# timers do the work.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
side=ours
if [ "${1:-}" = --debian-parser ]; then
  side=ours-osip2
  shift
fi

# Prerequisites: installed when run as root, named otherwise.
missing=()
for pkg in libosip2-dev gcc pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing ${missing[*]} ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "demo.sh: missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi
if ! command -v cargo >/dev/null; then
  echo "demo.sh: cargo is missing: install a Rust toolchain (https://rustup.rs)" >&2
  exit 1
fi

echo "Building osip2-rs (cargo build --release) ..."
(cd "$root" && cargo build --release --quiet)
bin=$root/target/release/demo
bash "$here/build.sh" "$side" "$bin"
echo "Compiled uac and uas against our headers; they load:"
ldd "$bin/uac" | awk '/libosip2.so|libosipparser2.so/ {print "  " $3}'

echo

log=$(mktemp)
uas_pid=
cleanup() {
  [ -n "$uas_pid" ] && kill "$uas_pid" 2>/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT
"$bin/uas" --port 0 --max-calls 1 "$@" >"$log" 2>&1 &
uas_pid=$!
for _ in $(seq 50); do
  grep -q "listening on" "$log" && break
  sleep 0.1
done
port=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$log")
[ -n "$port" ] || { cat "$log"; echo "demo.sh: the UAS did not start" >&2; exit 1; }
# The UAS's lines show up live, interleaved with the UAC's.
tail -s 0.1 -n +1 -f "$log" &
tail_pid=$!

uac_status=0
"$bin/uac" --target "127.0.0.1:$port" --calls 1 "$@" || uac_status=$?
echo "(the UAS keeps the BYE's server transaction for timer J, 32 s, to answer a repeated BYE; then it exits)"
uas_status=0
wait "$uas_pid" || uas_status=$?
uas_pid=
sleep 0.2
kill "$tail_pid" 2>/dev/null || true
wait "$tail_pid" 2>/dev/null || true
echo
if [ "$uac_status" -eq 0 ] && [ "$uas_status" -eq 0 ]; then
  echo "Demo finished: registered, the call was set up and ended, and both programs freed every transaction."
else
  echo "Demo FAILED: uac exit status $uac_status, uas exit status $uas_status" >&2
  exit 1
fi
