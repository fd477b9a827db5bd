#!/usr/bin/env bash
# Compiles the example uac and uas into OUTDIR, against osip2-rs (our
# headers, our target/release/libosip2.so found through an rpath, our
# libosipparser2 as scripts/our-parser.sh links it) or against
# Debian's libosip2 (system headers and library): the same C source both ways.
#
#   bash c-tests/examples/build.sh ours|debian OUTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
side=${1:?usage: build.sh ours|debian OUTDIR}
out=${2:?usage: build.sh ours|debian OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
flags=(-std=c99 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -g)
case $side in
ours)
  so=$root/target/release/libosip2.so
  [ -f "$so" ] || { echo "build.sh: $so is missing: run cargo build --release first" >&2; exit 1; }
  bash "$root/scripts/shipped-lib.sh" "$so"
  # Programs linked with -losip2 ask for the SONAME libosip2.so.15: this
  # directory answers with ours before the system directories are tried.
  mkdir -p "$out/lib"
  ln -sf "$so" "$out/lib/libosip2.so"
  ln -sf "$so" "$out/lib/libosip2.so.15"
  flags+=(-I"$(bash "$root/scripts/our-include.sh" "$out")" -L"$out/lib" -Wl,-rpath,"$out/lib")
  # Our libosipparser2 with it (see scripts/our-parser.sh).
  read -r -a parser <<<"$(bash "$root/scripts/our-parser.sh")"
  ;;
debian) ;;
*) echo "build.sh: ours or debian, not $side" >&2; exit 2 ;;
esac
read -r -a libs <<<"$(pkg-config --libs libosip2)"
for prog in uac uas; do
  "${CC:-cc}" "${flags[@]}" "$here/$prog.c" "$here/sipapp.c" -o "$out/$prog" ${parser[@]+"${parser[@]}"} "${libs[@]}" -lpthread
done
