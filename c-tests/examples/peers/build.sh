#!/usr/bin/env bash
# Compiles the peer UAS programs of the load run into OUTDIR: today
# sofia_uas.c, on sofia-sip's transaction layer (nta), as OUTDIR/uas so that
# load.sh starts it like the libosip2 examples. Needs the Debian package
# libsofia-sip-ua-dev (checked by its status in dpkg: see peer_packages in
# common.sh).
#
#   bash c-tests/examples/peers/build.sh sofia OUTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
peer=${1:?usage: build.sh sofia OUTDIR}
out=${2:?usage: build.sh sofia OUTDIR}
# shellcheck source=common.sh source-path=SCRIPTDIR/..
. "$here/../common.sh"
case $peer in
sofia) module=sofia-sip-ua source=sofia_uas.c ;;
*) echo "peers/build.sh: no peer named $peer (known: sofia)" >&2; exit 2 ;;
esac
# shellcheck disable=SC2046 # one word per package
mapfile -t missing < <(missing_packages $(peer_packages "$peer"))
if [ ${#missing[@]} -gt 0 ]; then
  echo "peers/build.sh: the Debian packages ${missing[*]} are not installed (apt-get install ${missing[*]})" >&2
  exit 1
fi
mkdir -p "$out"
read -r -a cflags <<<"$(pkg-config --cflags "$module")"
read -r -a libs <<<"$(pkg-config --libs "$module")"
"${CC:-cc}" -std=c99 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -g "${cflags[@]}" \
  "$here/$source" -o "$out/uas" "${libs[@]}"
