#!/usr/bin/env bash
# Compiles the example uac and uas into OUTDIR: against osip2-rs (our
# headers; our target/release/libosip2.so, with our libosipparser2 for
# `ours`, with Debian's for `ours-osip2`: scripts/our-libs.sh) or against
# Debian's libosip2 (system headers and libraries): the same C source each
# way.
#
#   bash c-tests/examples/build.sh ours|ours-osip2|debian OUTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
usage="usage: build.sh ours|ours-osip2|debian OUTDIR"
side=${1:?$usage}
out=${2:?$usage}
mkdir -p "$out"
out=$(cd "$out" && pwd)
flags=(-std=c99 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -g)
case $side in
ours) read -r -a ours <<<"$(bash "$root/scripts/our-libs.sh" "$out" pair)" ;;
ours-osip2) read -r -a ours <<<"$(bash "$root/scripts/our-libs.sh" "$out" osip2)" ;;
debian) ours=() ;;
*) echo "build.sh: ours, ours-osip2 or debian, not $side" >&2; exit 2 ;;
esac
read -r -a libs <<<"$(pkg-config --libs libosip2)"
for prog in uac uas; do
  "${CC:-cc}" "${flags[@]}" "$here/$prog.c" "$here/sipapp.c" -o "$out/$prog" ${ours[@]+"${ours[@]}"} "${libs[@]}" -lpthread
done
