#!/usr/bin/env bash
# Checks the peer UAS of the load run against the example UAC (uac.c, built
# on Debian's libosip2): a REGISTER and three calls, each INVITE → 100, 180,
# 200 → ACK → BYE → 200. Both programs must exit 0: the UAC once every call
# completed, the UAS once its last transaction ended (timer J, 32 s).
#
#   bash c-tests/examples/peers/check.sh [sofia]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
examples=$(cd "$here/.." && pwd)
root=$(cd "$examples/../.." && pwd)
peer=${1:-sofia}
calls=3
# shellcheck source=common.sh source-path=SCRIPTDIR/..
. "$examples/common.sh"
need_tools cc pkg-config
# shellcheck disable=SC2046 # one word per package
ensure_packages $(peer_packages "$peer") libosip2-dev
work=$root/target/peers-check
rm -rf "$work"
build_peer "$peer" "$work"
bash "$examples/build.sh" debian "$work/debian"
port=$(free_port 26500)
"$work/$peer/uas" --port "$port" --max-calls "$calls" >"$work/uas.out" 2>&1 &
uas=$!
sleep 0.3
status=0
"$work/debian/uac" --target "127.0.0.1:$port" --port 0 --calls "$calls" || status=$?
echo "(waiting for the UAS's last transaction: timer J, 32 s)"
wait "$uas" || status=$?
cat "$work/uas.out"
if [ "$status" -ne 0 ]; then
  echo "peers/check.sh: $peer: FAILED (exit status $status)" >&2
  exit 1
fi
echo "peers/check.sh: $peer: REGISTER and $calls calls completed, no transaction left"
