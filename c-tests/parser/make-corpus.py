#!/usr/bin/env python3
"""Regenerates c-tests/parser/corpus/ (run from anywhere):

    python3 c-tests/parser/make-corpus.py [--skip-capture] [--skip-sipp]

Sources:
  scenarios/  messages parsed or serialised by the C scenarios of
              c-tests/scenarios (run against Debian's libosip2 with
              capture.so preloaded); near-duplicates that differ only in
              digits are dropped, at most MAX_PER_PROGRAM per scenario
  examples/   the same for the example UAC and UAS talking to each other
              (random numbers made deterministic by capture.so)
  sipp/       every <send> message of sipp's built-in scenarios and of
              c-tests/sipp/*.xml, placeholders replaced by fixed values
  extra/      hand-written messages (corpus_cases.EXTRA_MESSAGES)
  sdp/        hand-written SDP bodies (corpus_cases.SDP_FILES)
  cases/      direct cases for the dump's direct mode (corpus_cases)
and the lists all.list (everything, torture files referenced in place),
messages.list and cases.list.

Captured directories are only rewritten when their capture ran; with
--skip-capture / --skip-sipp the committed files stay as they are.
"""
import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
CORPUS = os.path.join(HERE, "corpus")
sys.path.insert(0, HERE)
import corpus_cases as cc  # noqa: E402

MAX_PER_PROGRAM = 40


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("latin-1")
    with open(path, "wb") as f:
        f.write(data)


def reset_dir(d):
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)


def shape(data):
    """Digits and hex runs folded: messages that differ only in branch,
    tag, CSeq or port numbers have the same shape."""
    return re.sub(rb"[0-9a-f]{6,}|[0-9]+", b"0", data)


def select(files):
    """Distinct shapes first (sorted by content, so the choice is stable)."""
    seen, out = set(), []
    for data in sorted(files):
        s = shape(data)
        if s in seen:
            continue
        seen.add(s)
        out.append(data)
    return out[:MAX_PER_PROGRAM]


def fnv(data):
    h = 1469598103934665603
    for b in data:
        h ^= b
        h = (h * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


# ---------------------------------------------------------------- capture --

def build_capture(tmp):
    so = os.path.join(tmp, "capture.so")
    subprocess.run(["cc", "-shared", "-fPIC", "-O1", os.path.join(HERE, "capture.c"), "-o", so, "-ldl"],
                   check=True)
    return so


def run_captured(argv, so, outdir, timeout=120, env_extra=None, background=False):
    os.makedirs(outdir, exist_ok=True)
    env = dict(os.environ, LD_PRELOAD=so, CAPTURE_DIR=outdir)
    env.pop("LD_LIBRARY_PATH", None)
    if env_extra:
        env.update(env_extra)
    if background:
        return subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired:
        print("  timeout: %s" % " ".join(argv), file=sys.stderr)


def collect(outdir):
    files = []
    for name in sorted(os.listdir(outdir)):
        with open(os.path.join(outdir, name), "rb") as f:
            files.append(f.read())
    return files


def capture_scenarios(so, tmp):
    sc_dir = os.path.join(ROOT, "c-tests", "scenarios")
    out = os.path.join(CORPUS, "scenarios")
    reset_dir(out)
    # the torture files are in the corpus already (referenced in place)
    tdir = os.path.join(ROOT, "c-tests", "torture")
    seen = set()
    for f in os.listdir(tdir):
        with open(os.path.join(tdir, f), "rb") as fh:
            seen.add(fnv(fh.read()))
    harness = os.path.join(tmp, "harness.o")
    subprocess.run(["cc", "-std=gnu99", "-O0", "-w", "-I", os.path.join(ROOT, "c-tests"), "-c",
                    os.path.join(ROOT, "c-tests", "harness.c"), "-o", harness], check=True)
    total = 0
    for src in sorted(os.listdir(sc_dir)):
        if not src.endswith(".c"):
            continue
        name = src[:-2]
        path = os.path.join(sc_dir, src)
        with open(path) as f:
            if f.readline().strip() == "/* oracle: crashes */":
                continue  # crashes Debian's libosip2 on purpose
        exe = os.path.join(tmp, name)
        r = subprocess.run(["cc", "-std=gnu99", "-O0", "-w", "-pthread", "-I", os.path.join(ROOT, "c-tests"),
                            path, harness, "-o", exe, "-losip2", "-losipparser2", "-lpthread"])
        if r.returncode != 0:
            print("  %s: does not build, skipped" % name, file=sys.stderr)
            continue
        cap = os.path.join(tmp, "cap-" + name)
        run_captured([exe], so, cap)
        n = 0
        for data in select(collect(cap)):
            h = fnv(data)
            if h in seen:
                continue
            seen.add(h)
            write(os.path.join(out, "%s-%s.sip" % (name, h[:12])), data)
            n += 1
        total += n
        print("  %-32s %3d messages" % (name, n))
    return total


def free_udp_port(preferred):
    for port in list(range(preferred, preferred + 50)):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            s.bind(("127.0.0.1", port))
            return port
        except OSError:
            continue
        finally:
            s.close()
    raise RuntimeError("no free UDP port")


def capture_examples(so, tmp):
    out = os.path.join(CORPUS, "examples")
    reset_dir(out)
    bindir = os.path.join(tmp, "examples")
    subprocess.run(["bash", os.path.join(ROOT, "c-tests", "examples", "build.sh"), "debian", bindir],
                   check=True, stdout=subprocess.DEVNULL)
    cap = os.path.join(tmp, "cap-examples")
    # Fixed ports (they appear in the messages); a busy port moves them.
    runs = [("plain", []), ("lossy", ["--drop-every", "3"])]
    for label, extra in runs:
        uas_port = free_udp_port(25060)
        uac_port = free_udp_port(uas_port + 2)
        uas = run_captured([os.path.join(bindir, "uas"), "--port", str(uas_port), "--max-calls", "2",
                            "--idle-exit", "15", "--quiet"] + extra, so, cap, background=True)
        run_captured([os.path.join(bindir, "uac"), "--target", "127.0.0.1:%d" % uas_port, "--port",
                      str(uac_port), "--calls", "2", "--quiet"] + extra, so, cap, timeout=120)
        try:
            uas.wait(timeout=60)
        except subprocess.TimeoutExpired:
            uas.kill()
            uas.wait()
    n = 0
    for data in select(collect(cap)):
        write(os.path.join(out, "uac_uas-%s.sip" % fnv(data)[:12]), data)
        n += 1
    print("  examples %d messages" % n)
    return n


# ------------------------------------------------------------------- sipp --

SIPP_VALUES = {
    "service": "service",
    "remote_ip": "192.0.2.2",
    "remote_port": "5060",
    "local_ip": "192.0.2.1",
    "local_port": "5061",
    "transport": "UDP",
    "pid": "4242",
    "call_number": "1",
    "call_id": "1-4242@192.0.2.1",
    "cseq": "1",
    "local_ip_type": "4",
    "media_ip_type": "4",
    "media_ip": "192.0.2.1",
    "media_port": "6000",
    "auto_media_port": "6000",
    "peer_tag_param": ";tag=4243SIPpTag011",
    "next_url": "sip:service@192.0.2.2:5060",
    "routes": "",
    "branch": "z9hG4bK-4242-1-0",
}
# The "last received message" the [last_*] keywords copy from.
SIPP_LAST = {
    "via": "Via: SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK-4243-1-0",
    "from": "From: sipp <sip:sipp@192.0.2.2:5060>;tag=4243SIPpTag001",
    "to": "To: service <sip:service@192.0.2.1:5061>",
    "call-id": "Call-ID: 1-4243@192.0.2.2",
    "cseq": "CSeq: 1 INVITE",
    "contact": "Contact: sip:sipp@192.0.2.2:5060",
}


def sipp_message(text, index):
    def sub(m):
        key = m.group(1)
        if key.startswith("last_"):
            return SIPP_LAST.get(key[5:].rstrip(":").lower(), "")
        if key.startswith("branch-"):
            return "z9hG4bK-4242-1-%d" % max(0, index - int(key[7:]))
        if key.startswith("$"):
            return ""  # scenario variables: nothing captured
        if key == "branch":
            return "z9hG4bK-4242-1-%d" % index
        if key == "len":
            return "\x00LEN\x00"
        return SIPP_VALUES.get(key, key)

    ls = [l.strip() for l in text.split("\n")]
    while ls and not ls[0]:
        ls.pop(0)
    while ls and not ls[-1]:
        ls.pop()
    ls = [re.sub(r"\[([^\]\s]+)\]", sub, l) for l in ls]
    if "" in ls:
        i = ls.index("")
        head, body = ls[:i], ls[i + 1:]
    else:
        head, body = ls, []
    head = [h for h in head if h]  # a keyword that expanded to nothing
    body_text = "".join(l + "\r\n" for l in body)
    msg = "\r\n".join(head) + "\r\n\r\n" + body_text
    return msg.replace("\x00LEN\x00", str(len(body_text.encode("latin-1"))))


def sipp_scenarios():
    out = os.path.join(CORPUS, "sipp")
    reset_dir(out)
    sources = []
    for name in ["uac", "uas", "regexp", "branchc", "branchs", "3pcc-C-A", "3pcc-C-B", "3pcc-A", "3pcc-B",
                 "uac_pcap"]:
        # sipp -sd prints the scenario and exits with status 99
        r = subprocess.run(["sipp", "-sd", name], capture_output=True)
        if b"<scenario" in r.stdout:
            sources.append((name, r.stdout))
    for f in sorted(os.listdir(os.path.join(ROOT, "c-tests", "sipp"))):
        if f.endswith(".xml"):
            with open(os.path.join(ROOT, "c-tests", "sipp", f), "rb") as fh:
                sources.append(("repo-" + f[:-4], fh.read()))
    n = 0
    for name, xml in sources:
        root = ET.fromstring(xml)
        for i, send in enumerate(root.iter("send")):
            if send.text is None or not send.text.strip():
                continue
            write(os.path.join(out, "%s-%02d.sip" % (name, i)), sipp_message(send.text, i))
            n += 1
    print("  sipp %d messages" % n)
    return n


# ------------------------------------------------------------ hand-written --

def esc(v):
    out = []
    for ch in v:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or o >= 0x7F:
            out.append("\\x%02x" % o)
        else:
            out.append(ch)
    return "".join(out)


def case_line(kind, value):
    if value is None:
        return "%s @NULL" % kind
    return "%s %s" % (kind, esc(value))


DIRECT = [
    ("uri", ["uri"], cc.URI),
    ("uri_params", ["uri_params"], cc.URI_PARAMS),
    ("uri_headers", ["uri_headers"], cc.URI_HEADERS),
    ("reasons", ["reasons"], ["all"]),
    ("force_update", ["msg_force_update"], cc.MSG_FORCE_UPDATE),
    ("via", ["via"], cc.VIA),
    ("name_addr", ["from", "to", "contact", "route", "record_route"], cc.NAME_ADDR),
    ("call_id", ["call_id"], cc.CALL_ID),
    ("cseq", ["cseq"], cc.CSEQ),
    ("content_type", ["content_type", "accept"], cc.CONTENT_TYPE),
    ("single_value", ["content_length", "allow", "content_encoding", "mime_version"], cc.SINGLE_VALUE),
    ("accept_encoding", ["accept_encoding", "accept_language"], cc.ACCEPT_ENCODING),
    ("call_info", ["call_info", "alert_info", "error_info"], cc.CALL_INFO),
    ("content_disposition", ["content_disposition"], cc.CONTENT_DISPOSITION),
    ("authorization", ["authorization", "proxy_authorization"], cc.AUTHORIZATION),
    ("www_authenticate", ["www_authenticate", "proxy_authenticate"], cc.WWW_AUTHENTICATE),
    ("authentication_info", ["authentication_info", "proxy_authentication_info"], cc.AUTHENTICATION_INFO),
    ("header_lines", ["header"], cc.HEADER_LINES),
    ("sdp", ["sdp"], cc.SDP),
    ("sdp_api", ["sdp_api"], cc.SDP_API),
    ("body_mime", ["body_mime"], cc.BODY_MIME),
    ("body", ["body"], cc.BODY),
]


def write_cases():
    out = os.path.join(CORPUS, "cases")
    reset_dir(out)
    total = 0
    for fname, kinds, values in DIRECT:
        rows = ["# generated by make-corpus.py from corpus_cases.py: <kind> <escaped value>"]
        for kind in kinds:
            for v in values:
                rows.append(case_line(kind, v))
                total += 1
        write(os.path.join(out, fname + ".cases"), "\n".join(rows) + "\n")
    print("  cases %d" % total)
    return total


def write_extra():
    out = os.path.join(CORPUS, "extra")
    reset_dir(out)
    for name, data in sorted(cc.EXTRA_MESSAGES.items()):
        write(os.path.join(out, name + ".sip"), data)
    out = os.path.join(CORPUS, "sdp")
    reset_dir(out)
    for name, data in sorted(cc.SDP_FILES.items()):
        write(os.path.join(out, name + ".sdp"), data)
    print("  extra %d messages, %d SDP files" % (len(cc.EXTRA_MESSAGES), len(cc.SDP_FILES)))


def write_lists():
    def files(sub, ext):
        d = os.path.join(CORPUS, sub)
        if not os.path.isdir(d):
            return []
        return ["%s/%s" % (sub, f) for f in sorted(os.listdir(d)) if f.endswith(ext)]

    torture = ["../../torture/" + f for f in sorted(os.listdir(os.path.join(ROOT, "c-tests", "torture")))
               if f.endswith(".sip")]
    messages = torture + files("extra", ".sip") + files("scenarios", ".sip") + files("examples", ".sip") \
        + files("sipp", ".sip") + files("sdp", ".sdp")
    cases = files("cases", ".cases")
    head = "# generated by make-corpus.py; paths relative to this file\n"
    write(os.path.join(CORPUS, "messages.list"), head + "\n".join(messages) + "\n")
    write(os.path.join(CORPUS, "cases.list"), head + "\n".join(cases) + "\n")
    write(os.path.join(CORPUS, "all.list"), head + "\n".join(messages + cases) + "\n")
    print("  lists: %d message/SDP files, %d case files" % (len(messages), len(cases)))


def record_debian_crashes():
    """Runs the dump on Debian's library over the whole corpus and writes
    the units that crash it (or time out) to debian-crashes.txt."""
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "dump")
        subprocess.run(["cc", "-std=c99", "-O1", os.path.join(HERE, "dump.c"), os.path.join(HERE, "dump_util.c"),
                        os.path.join(HERE, "dump_show.c"), "-o", exe, "-losipparser2"], check=True)
        crashes = os.path.join(tmp, "crashes")
        env = dict(os.environ)
        env.pop("LD_LIBRARY_PATH", None)
        subprocess.run([exe, "-c", crashes, "-o", os.path.join(tmp, "out"), "-l",
                        os.path.join(CORPUS, "all.list")], env=env, check=True, stdout=subprocess.DEVNULL)
        rows = open(crashes).read().splitlines() if os.path.exists(crashes) else []
    head = ("# Units of corpus/all.list on which Debian's libosipparser2 5.3.0 crashes or hangs\n"
            "# (generated by make-corpus.py: unit name TAB signal). Ours must return an error there.\n")
    write(os.path.join(CORPUS, "debian-crashes.txt"), head + "".join(r + "\n" for r in sorted(rows)))
    print("  Debian crashes on %d units" % len(rows))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--skip-capture", action="store_true", help="keep scenarios/ and examples/ as they are")
    ap.add_argument("--skip-sipp", action="store_true", help="keep sipp/ as it is")
    args = ap.parse_args()
    os.makedirs(CORPUS, exist_ok=True)
    write_cases()
    write_extra()
    if not args.skip_sipp:
        sipp_scenarios()
    if not args.skip_capture:
        with tempfile.TemporaryDirectory() as tmp:
            so = build_capture(tmp)
            capture_scenarios(so, tmp)
            capture_examples(so, tmp)
    write_lists()
    record_debian_crashes()


if __name__ == "__main__":
    main()
