#!/usr/bin/env bash
# Builds our libosipparser2 (crates/osipparser2, the shipped profile) and
# prints the link flags that make a C program use it together with our
# libosip2:
#
#   cc ... $(bash scripts/our-parser.sh) -L<our libosip2 dir> -losip2 -losipparser2
#
# Once every function exists (crates/osipparser2/missing.list names none):
# its directory, with an rpath, so that -losipparser2 is ours. Until then
# its static archive, whole, linked into the program: our functions take
# the place of Debian's (for the program and for both libraries), and
# Debian's libosipparser2 still provides the rest. Either way our libosip2
# runs with our osip_list_*, whose edit stamps let it trust the public
# lists between edits (docs/scale.md, "The public lists are the truth").
# tests/differential.rs builds its "pair" programs the same way.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=$root/target/parser
cargo build --release -q -p osipparser2 --target-dir "$target" --manifest-path "$root/Cargo.toml" >&2
dir=$target/release
bash "$root/scripts/shipped-lib.sh" "$dir/libosipparser2.so" >&2
if grep -q '^[^#[:space:]]' "$root/crates/osipparser2/missing.list"; then
  echo "-Wl,--whole-archive $dir/libosipparser2.a -Wl,--no-whole-archive"
else
  # Programs ask for the SONAME: this directory answers with ours.
  ln -sf "$dir/libosipparser2.so" "$dir/libosipparser2.so.15"
  echo "-L$dir -Wl,-rpath,$dir"
fi
