"""Turns the result lines of c-tests/bench/run.sh into the markdown tables of
docs/scale.md, between the markers <!-- bench:begin --> and
<!-- bench:end --> (the prose around them is left alone).

Usage: python3 report.py <results.txt> <callgrind dir> <docs/scale.md>
"""

import datetime
import glob
import os
import platform
import re
import statistics
import sys
from collections import defaultdict

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
KINDS = ["ict", "ist", "nict", "nist"]
LIBS = ["libosip2", "ours"]
# (result key, column title)
OPS = [
    ("create_us", "create"),
    ("free_us", "free"),
    ("match_us", "match (hit)"),
    ("miss_us", "match (miss)"),
    ("exec_us", "execute, idle"),
    ("timers_us", "timers_execute, idle"),
    ("gettimeout_us", "gettimeout, idle"),
]
CALLGRIND_PHASES = [
    ("create", "create"),
    ("free", "free"),
    ("match_hit", "match (hit)"),
    ("match_miss", "match (miss)"),
    ("execute", "execute"),
    ("timers_execute", "timers_execute"),
    ("gettimeout", "gettimeout"),
]


def load(path):
    """{(lib, kind, n): [result dict per run]}"""
    runs = defaultdict(list)
    with open(path) as f:
        for line in f:
            r = dict(kv.split("=", 1) for kv in line.split())
            runs[(r["lib"], r["kind"], int(r["n"]))].append(r)
    return runs


def med(rs, key):
    return statistics.median(float(r[key]) for r in rs)


def fmt_us(v):
    if v >= 1000:
        return f"{v / 1000:.2f} ms"
    if v >= 10:
        return f"{v:.0f} µs"
    if v >= 1:
        return f"{v:.2f} µs"
    return f"{v * 1000:.0f} ns"


def machine():
    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    now = datetime.datetime.now(datetime.timezone.utc)
    return (
        f"Machine: {os.cpu_count()} CPUs ({model}), Linux {platform.release()}, "
        f"run {now:%Y-%m-%d %H:%M} UTC."
    )


def flags(rs):
    bad = []
    if any(r["timers_idle"] != "1" for r in rs):
        bad.append("timers fired")
    if any(r["match_ok"] != "1" for r in rs):
        bad.append("wrong match")
    return f" ({', '.join(bad)}!)" if bad else ""


def wall_tables(runs):
    out = []
    sizes = sorted({n for (_, _, n) in runs})
    for kind in KINDS:
        out.append(f"#### {kind.upper()}\n")
        head = ["N"] + [t for _, t in OPS] + ["memory per transaction", "resident after freeing all"]
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "---|" * len(head))
        for n in sizes:
            row = [f"{n:,}"]
            for key, _ in OPS:
                cells = []
                for lib in LIBS:
                    rs = runs.get((lib, kind, n))
                    cells.append(fmt_us(med(rs, key)) if rs else "—")
                row.append(" / ".join(cells))
            cells = []
            for lib in LIBS:
                rs = runs.get((lib, kind, n))
                cells.append(f"{med(rs, 'mem_per_tr'):,.0f} B{flags(rs)}" if rs else "—")
            row.append(" / ".join(cells))
            cells = []
            for lib in LIBS:
                rs = runs.get((lib, kind, n))
                have = rs and "freed_kb" in rs[0]
                cells.append(f"{med(rs, 'freed_kb') / 1024:+,.1f} MB" if have else "—")
            row.append(" / ".join(cells))
            out.append("| " + " | ".join(row) + " |")
        out.append("")
    return out


def target_rows(runs):
    """Each target of issue 5, checked against the medians."""
    rows = []

    def get(lib, kind, n, key):
        rs = runs.get((lib, kind, n))
        return med(rs, key) if rs else None

    ours_sizes = sorted({n for (lib, _, n) in runs if lib == "ours"})
    top = max(ours_sizes)
    for kind in KINDS:
        worst = max(get("ours", kind, n, "match_us") for n in ours_sizes)
        rows.append((f"{kind}: match ≤ 1 µs at every N up to {top:,}", fmt_us(worst), worst <= 1))
        a, b = get("libosip2", kind, 10000, "match_us"), get("ours", kind, 10000, "match_us")
        if a and b:
            rows.append((f"{kind}: match ≥ 100x faster than libosip2 at 10,000", f"{a / b:,.0f}x", a / b >= 100))
        c0, c1 = get("ours", kind, 100, "create_us"), get("ours", kind, top, "create_us")
        rows.append((f"{kind}: create at {top:,} within 2x of create at 100", f"{c1 / c0:.2f}x", c1 / c0 <= 2))
        if 100000 in ours_sizes:
            t = get("ours", kind, 100000, "timers_us") + get("ours", kind, 100000, "gettimeout_us")
            rows.append((f"{kind}: timers_execute + gettimeout at 100,000 ≤ 50 µs", fmt_us(t), t <= 50))
        slower = []
        for key, title in OPS:
            a, b = get("libosip2", kind, 100, key), get("ours", kind, 100, key)
            if a is not None and b is not None and b > a:
                slower.append(f"{title} {b / a:.2f}x")
        rows.append((f"{kind}: at N = 100 nothing slower than libosip2", ", ".join(slower) or "none slower", not slower))
        m = [get(lib, kind, 10000, "mem_per_tr") for lib in LIBS]
        if None not in m:
            rows.append((f"{kind}: resident memory per transaction at 10,000, ours minus libosip2", f"{m[1] - m[0]:+,.0f} B", m[1] - m[0] <= 400))
        top = max((n for (lib, k, n) in runs if lib == "ours" and k == kind), default=None)
        freed = get("ours", kind, top, "freed_kb") if top else None
        if freed is not None:
            # Issue 14: a peak's memory goes back (a bounded warm reserve stays).
            rows.append((f"{kind}: resident after freeing all {top:,}, ours", f"{freed / 1024:+,.1f} MB", freed <= 16 * 1024))
    return rows


def callgrind_counts(directory):
    """{(lib, kind, n): {phase: instructions per operation}}; a phase may be
    dumped in several parts (create runs in batches)."""
    counts = defaultdict(lambda: defaultdict(float))
    for path in glob.glob(os.path.join(directory, "*")):
        name = os.path.basename(path).split(".")
        if len(name) < 4:
            continue
        lib, kind, n, ops = name[0], name[1], int(name[2]), int(name[3])
        phase, total = None, None
        with open(path) as f:
            for line in f:
                m = re.match(r"desc: Trigger: Client Request: (\w+)", line)
                if m:
                    phase = m.group(1)
                m = re.match(r"(?:totals|summary): (\d+)", line)
                if m:
                    total = int(m.group(1))
        if phase and total is not None:
            counts[(lib, kind, n)][phase] += total / ops
    return counts


def callgrind_table(counts):
    if not counts:
        return ["(not measured: valgrind missing or --no-callgrind)", ""]
    out = []
    head = ["kind", "N"] + [t for _, t in CALLGRIND_PHASES]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    for kind in KINDS:
        for n in sorted({n for (_, k, n) in counts if k == kind}):
            row = [kind, f"{n:,}"]
            for phase, _ in CALLGRIND_PHASES:
                cells = []
                for lib in LIBS:
                    v = counts.get((lib, kind, n), {}).get(phase)
                    cells.append(f"{v:,.0f}" if v is not None else "—")
                row.append(" / ".join(cells))
            out.append("| " + " | ".join(row) + " |")
    out.append("")
    return out


def main():
    results, cg_dir, doc = sys.argv[1:4]
    runs = load(results)
    per_n = defaultdict(set)
    for (lib, _, n), rs in runs.items():
        per_n[n].add(f"{lib}: {len(rs)} run(s) × {rs[0]['rounds']} rounds × {rs[0]['ops']} ops")
    lines = [BEGIN, "", machine(), ""]
    lines.append("Runs per size: " + "; ".join(f"{n:,}: " + ", ".join(sorted(v)) for n, v in sorted(per_n.items())) + ".")
    lines.append("")
    lines.append("### Wall time per operation, resident memory per live transaction, and resident memory left once all N are freed (libosip2 / ours)")
    lines.append("")
    lines += wall_tables(runs)
    lines.append("### Targets")
    lines.append("")
    lines.append("| target | measured | met |")
    lines.append("|---|---|---|")
    for what, value, ok in target_rows(runs):
        lines.append(f"| {what} | {value} | {'yes' if ok else '**no**'} |")
    lines.append("")
    lines.append("### Instructions per operation (callgrind; libosip2 / ours)")
    lines.append("")
    lines += callgrind_table(callgrind_counts(cg_dir))
    lines.append(END)
    block = "\n".join(lines)

    text = open(doc).read() if os.path.exists(doc) else ""
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END) :]
    else:
        text = text + ("\n" if text else "") + block + "\n"
    with open(doc, "w") as f:
        f.write(text)


main()
