#!/usr/bin/env bash
# Differential comparison of two libosipparser2 builds with the parser dump.
#
#   c-tests/parser/compare.sh [options] LIBDIR_A LIBDIR_B
#
# LIBDIR_A / LIBDIR_B: directories holding a libosipparser2.so.15 (A is the
# reference, normally Debian's /usr/lib/x86_64-linux-gnu). The dump is built
# once against the system headers and run twice, with LD_LIBRARY_PATH set to
# each directory; outputs are compared unit by unit (a unit = one message
# file, SDP file or direct case line).
#
# Options:
#   --list FILE    inputs (default c-tests/parser/corpus/all.list)
#   --out DIR      work directory (default $CARGO_TARGET_DIR or target, /parser-compare)
#   --valgrind     run the B side under valgrind (memory errors and definite
#                  leaks make the unit's child exit 99, shown as `!!! EXIT 99`)
#   --strict       also compare the informative `~` lines (allocation counts,
#                  traces, state left behind by failed parses)
#   --context N    differing lines shown per unit (default 6)
#   --trace        pass -T to the dump (library traces as compared `trace` lines)
#
# Units where A crashed are not compared (B must not crash there). Units
# listed in c-tests/parser/expected-differences.txt (name TAB reason) are
# reported but do not fail. Exit status: 0 when nothing else differs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

list=$here/corpus/all.list
out=${CARGO_TARGET_DIR:-$root/target}/parser-compare
valgrind=0
strict=0
context=6
trace=()
while [ $# -gt 0 ]; do
  case $1 in
  --list) list=$2; shift 2 ;;
  --out) out=$2; shift 2 ;;
  --valgrind) valgrind=1; shift ;;
  --strict) strict=1; shift ;;
  --context) context=$2; shift 2 ;;
  --trace) trace=(-T); shift ;;
  -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
  -*) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
  *) break ;;
  esac
done
[ $# -eq 2 ] || { echo "usage: compare.sh [options] LIBDIR_A LIBDIR_B (see --help)" >&2; exit 2; }
liba=$(cd "$1" && pwd)
libb=$(cd "$2" && pwd)
for d in "$liba" "$libb"; do
  [ -e "$d/libosipparser2.so.15" ] || { echo "compare.sh: no libosipparser2.so.15 in $d" >&2; exit 2; }
done

mkdir -p "$out"
dump=$out/dump
srcs=("$here/dump.c" "$here/dump_util.c" "$here/dump_show.c")
if [ ! -x "$dump" ] || [ -n "$(find "${srcs[@]}" "$here/dump.h" -newer "$dump" 2>/dev/null)" ]; then
  "${CC:-cc}" -std=c99 -Wall -Wextra -pedantic -Werror -O1 -g "${srcs[@]}" -o "$dump" -losipparser2
fi

loaded() { # which libosipparser2 the dump gets with LD_LIBRARY_PATH=$1
  LD_LIBRARY_PATH=$1 ldd "$dump" | awk '/libosipparser2/ {print $3}'
}
echo "A: $(loaded "$liba")"
echo "B: $(loaded "$libb")$([ $valgrind = 1 ] && echo ' (under valgrind)')"

rm -rf "$out/a" "$out/b" "$out/vg"
mkdir -p "$out/vg"
LD_LIBRARY_PATH=$liba "$dump" "${trace[@]}" -c "$out/a.crashes" -o "$out/a" -l "$list"
if [ $valgrind = 1 ]; then
  LD_LIBRARY_PATH=$libb valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --log-file="$out/vg/%p.log" \
    "$dump" "${trace[@]}" -t 300 -c "$out/b.crashes" -o "$out/b" -l "$list"
else
  LD_LIBRARY_PATH=$libb "$dump" "${trace[@]}" -c "$out/b.crashes" -o "$out/b" -l "$list"
fi

python3 - "$out/a" "$out/b" "$here/expected-differences.txt" "$strict" "$context" "$out/vg" <<'EOF'
import difflib, os, sys
a_dir, b_dir, expected_file, strict, context, vg_dir = sys.argv[1:7]
strict, context = strict == "1", int(context)

expected = {}
if os.path.exists(expected_file):
    for line in open(expected_file, encoding="utf-8"):
        line = line.rstrip("\n")
        if line and not line.startswith("#"):
            name, _, why = line.partition("\t")
            expected[name.strip()] = why.strip()

def units(path):
    """unit name -> list of lines (header and trailer excluded)"""
    out, cur, name = {}, None, None
    if not os.path.exists(path):
        return out
    with open(path, encoding="latin-1") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("=== ") and line != "=== end":
                name = line[4:].split(" ", 1)[1]
                cur = out.setdefault(name, [])
            elif line == "=== end":
                cur = None
            elif cur is not None and (strict or not line.startswith("~")):
                cur.append(line)
    return out

files = sorted(set(os.listdir(a_dir)) | set(os.listdir(b_dir)))
n = same = oracle_crash = exp = 0
failed = []
for f in files:
    ua, ub = units(os.path.join(a_dir, f)), units(os.path.join(b_dir, f))
    for name in list(ua) + [k for k in ub if k not in ua]:
        n += 1
        la, lb = ua.get(name), ub.get(name)
        if la == lb:
            same += 1
            continue
        a_crashed = la is not None and any(l.startswith("!!! CRASH") for l in la)
        b_bad = lb is None or any(l.startswith("!!! ") for l in lb)
        if a_crashed and not b_bad:
            oracle_crash += 1
            continue
        d = list(difflib.unified_diff(la or [], lb or [], "A", "B", n=1, lineterm=""))
        body = [l for l in d[2:]][: context * 3]
        if name in expected and not b_bad:
            exp += 1
            print("~~ %s: differs as expected (%s)" % (name, expected[name]))
            continue
        failed.append(name)
        print("== %s (%s)" % (name, f))
        for l in body:
            print("   " + l)
vg_logs = [p for p in os.listdir(vg_dir) if os.path.getsize(os.path.join(vg_dir, p)) > 0] if os.path.isdir(vg_dir) else []
print("parser differential: %d units, %d identical, %d differ (%d expected), %d where A crashed and B did not"
      % (n, same, n - same - oracle_crash, exp, oracle_crash))
if vg_logs:
    print("valgrind reported something in %d process(es): see %s" % (len(vg_logs), vg_dir))
sys.exit(1 if failed else 0)
EOF
