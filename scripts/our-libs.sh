#!/usr/bin/env bash
# Prints the compiler flags that build a C program against osip2-rs from its
# build tree (after `cargo build --release`): our headers, and our libraries
# through a directory of SONAME links with an rpath to it.
#
#   cc $(bash scripts/our-libs.sh DIR [pair|osip2]) prog.c -losip2 -losipparser2
#
# pair (the default): our libosip2 and our libosipparser2. osip2: our
# libosip2 only; -losipparser2 stays the system's (Debian's), the other
# pairing. cargo names the files libosip2.so and libosipparser2.so, while
# programs ask the loader for the SONAMEs (libosip2.so.15,
# libosipparser2.so.15): DIR/lib holds both names. Fails unless the
# libraries are the shipped build (scripts/shipped-lib.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:?usage: our-libs.sh DIR [pair|osip2]}
pairing=${2:-pair}
case $pairing in
pair) libs=(libosip2 libosipparser2) ;;
osip2) libs=(libosip2) ;;
*) echo "our-libs.sh: pair or osip2, not $pairing" >&2; exit 2 ;;
esac
mkdir -p "$dir/lib"
lib=$(cd "$dir/lib" && pwd)
for name in "${libs[@]}"; do
  so=$root/target/release/$name.so
  [ -f "$so" ] || { echo "our-libs.sh: $so is missing: run cargo build --release first" >&2; exit 1; }
  bash "$root/scripts/shipped-lib.sh" "$so" >&2
  ln -sfn "$so" "$lib/$name.so"
  ln -sfn "$so" "$lib/$name.so.15"
done
echo "-I$root/include -L$lib -Wl,-rpath,$lib"
