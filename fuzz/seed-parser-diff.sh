#!/usr/bin/env bash
# Writes the seed inputs of the parser_diff fuzz target into DIR, from the
# parser corpus of c-tests/parser (generated rather than committed twice):
# every message of corpus/messages.list (selector byte 0: a message), every
# .sdp file of the corpus (6: an SDP body) and every line of the .cases
# files (7: one case line).
#
#   bash fuzz/seed-parser-diff.sh DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$root/c-tests/parser/corpus
out=${1:?usage: seed-parser-diff.sh DIR}
mkdir -p "$out"
n=0
seed() { # SELECTOR-OCTAL then the unit on stdin
  n=$((n + 1))
  { printf "\\$1"; cat; } >"$out/seed-$n"
}
while read -r path; do
  case $path in '#'* | '') continue ;; esac
  seed 000 <"$corpus/$path"
done <"$corpus/messages.list"
while IFS= read -r -d '' sdp; do
  seed 006 <"$sdp"
done < <(find "$root/c-tests" -name '*.sdp' -print0)
while read -r path; do
  case $path in '#'* | '') continue ;; esac
  while IFS= read -r line; do
    case $line in '#'* | '') continue ;; esac
    seed 007 < <(printf '%s' "$line")
  done <"$corpus/$path"
done <"$corpus/cases.list"
echo "$n seeds in $out" >&2
