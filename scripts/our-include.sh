#!/usr/bin/env bash
# Prints the directory C programs of libosip2 give the compiler with -I for
# our headers:
#
#   cc -I"$(bash scripts/our-include.sh SCRATCH_DIR)" ...
#
# include/ once our libosipparser2's headers declare every function
# (crates/osipparser2/missing.list names none). Until then SCRATCH_DIR/include,
# holding only a link to include/osip2, so that <osipparser2/...> are the
# system's (Debian's), which declare the parser functions ours do not have
# yet. tests/common (our_include) follows the same rule.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${1:?usage: our-include.sh SCRATCH_DIR}
if grep -q '^[^#[:space:]]' "$root/crates/osipparser2/missing.list"; then
  mkdir -p "$scratch/include"
  ln -sfn "$root/include/osip2" "$scratch/include/osip2"
  echo "$scratch/include"
else
  echo "$root/include"
fi
