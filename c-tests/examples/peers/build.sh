#!/usr/bin/env bash
# Compiles the peer UAS programs of the load run into OUTDIR: today
# sofia_uas.c, on sofia-sip's transaction layer (nta), as OUTDIR/uas so that
# load.sh starts it like the libosip2 examples. Needs the Debian package
# libsofia-sip-ua-dev (checked by its status in dpkg).
#
#   bash c-tests/examples/peers/build.sh sofia OUTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
peer=${1:?usage: build.sh sofia OUTDIR}
out=${2:?usage: build.sh sofia OUTDIR}
case $peer in
sofia) package=libsofia-sip-ua-dev module=sofia-sip-ua source=sofia_uas.c ;;
*) echo "peers/build.sh: no peer named $peer (known: sofia)" >&2; exit 2 ;;
esac
if ! dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -qx 'install ok installed'; then
  echo "peers/build.sh: the Debian package $package is not installed (apt-get install $package)" >&2
  exit 1
fi
mkdir -p "$out"
read -r -a cflags <<<"$(pkg-config --cflags "$module")"
read -r -a libs <<<"$(pkg-config --libs "$module")"
"${CC:-cc}" -std=c99 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -g "${cflags[@]}" \
  "$here/$source" -o "$out/uas" "${libs[@]}"
