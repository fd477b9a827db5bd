#!/usr/bin/env bash
# Where unsafe code lives (issue 16): per module of libosip2's C layer
# (each file of src/, src/ffi/ and src/engine/) and per crate of crates/, the
# counts that should only go down:
#
#   blocks   `unsafe {` blocks
#   fns      `unsafe fn`s that are not C entry points
#   lines    lines of code (blank lines and // comments left out)
#   is_null  `.is_null()` calls: NULL checks written by hand
#   exports  C entry points (`#[no_mangle]` functions)
#   bare     of these, entry points not written with `#[export]`
#
#   bash scripts/unsafe-metrics.sh [TREE]     (TREE: a checkout, default .)
#
# Counts are textual (comments and string literals skipped; unit tests
# counted, crates' tests/ not; an entry point written in a macro_rules!
# counts once): good for comparing two commits, not an exact census.
set -euo pipefail
tree=${1:-.}
cd "$tree"

count() { # files... -> "blocks fns lines is_null exports bare"
  awk '
    /^[[:space:]]*\/\// { next }             # a comment line
    /^[[:space:]]*$/ { next }
    {
      lines++
      line = $0
      gsub(/"([^"\\]|\\.)*"/, "\"\"", line) # string literals
      sub(/\/\/.*/, "", line)                  # a trailing comment
      blocks += gsub(/unsafe[[:space:]]*\{/, "&", line)
      if (line ~ /unsafe[[:space:]]+fn[[:space:]]/) fns++
      nulls += gsub(/\.is_null\(\)/, "&", line)
      if (line ~ /^[[:space:]]*#\[(unsafe\()?no_mangle\)?\]/) {
        pending = 1
        exported = prev ~ /^[[:space:]]*#\[(osip_cabi::)?export/
      } else if (pending && line !~ /^[[:space:]]*#\[/) {
        if (line ~ /fn[[:space:]]/) {         # a function, not a variable
          exports++
          if (!exported) bare++
        }
        pending = 0
      }
      prev = line
    }
    END { printf "%d %d %d %d %d %d\n", blocks, fns, lines, nulls, exports, bare }
  ' "$@"
}

row() { # name files...
  local name=$1
  shift
  [ $# -gt 0 ] || return 0
  read -r b f l n e x < <(count "$@")
  printf '%-28s %7d %5d %7d %8d %8d %5d\n' "$name" "$b" "$f" "$l" "$n" "$e" "$x"
  tb=$((tb + b)) tf=$((tf + f)) tl=$((tl + l)) tn=$((tn + n)) te=$((te + e)) tx=$((tx + x))
}

total() {
  printf '%-28s %7d %5d %7d %8d %8d %5d\n' "$1" "$tb" "$tf" "$tl" "$tn" "$te" "$tx"
  tb=0 tf=0 tl=0 tn=0 te=0 tx=0
}

tb=0 tf=0 tl=0 tn=0 te=0 tx=0
printf '%-28s %7s %5s %7s %8s %8s %5s\n' module blocks fns lines is_null exports bare
for f in $(find src -name '*.rs' | sort); do
  row "${f#src/}" "$f"
done
total "= src (the C layer)"
[ -d crates ] || exit 0
for c in $(find crates -mindepth 1 -maxdepth 1 -type d | sort); do
  mapfile -t files < <(find "$c" -name '*.rs' -not -path '*/target/*' -not -path '*/tests/*' | sort)
  row "$c" "${files[@]}"
done
total "= crates"
