#!/usr/bin/env python3
"""--scan of a big file by two threads gives, byte for byte, what one
thread gives: in every format, with --count and --quiet, on a log whose
pieces are cut inside DSN groups, folded fields and a line longer than a
piece, on a big email, and with more distinct codes than --count keeps
apart. Files of 4 MiB or more are read by two threads (parallel.c);
SMTPCODE_THREADS=1 reads them in one; so is standard input redirected
from one. usage: parallel.py SMTPCODE TESTS_DIR"""
import os
import subprocess
import sys
import tempfile

BIN, TESTS = sys.argv[1], sys.argv[2]
BIG = 6 << 20
passed = failed = 0


def real_lines():
    """The real log and application lines of the scan corpora."""
    out = []
    for name in ("scan-real.tsv", "loglines.tsv", "bouncelines.tsv"):
        with open(os.path.join(TESTS, "corpus", name), "rb") as f:
            for line in f:
                if line.startswith(b"#"):
                    continue
                out.append(line.split(b"\t", 1)[0].rstrip(b"\r\n"))
    with open(os.path.join(TESTS, "cli", "fixtures", "mail.log"), "rb") as f:
        out += f.read().splitlines()
    return out


DSN = (b"Final-Recipient: rfc822; a@b.example\nAction: failed\nStatus: 5.1.1\n"
       b"Diagnostic-Code: smtp; 550 5.1.1 The email account that you tried\n"
       b"    to reach does not exist\n\n")


def log_file(path):
    """Real lines, DSN groups (with a folded field), CRLF in places, a line
    of 1.5 MiB, and no newline at the end. Where parallel.c will cut it
    (after the last newline of each MiB), a DSN group is placed across
    the cut half of the time."""
    lines = real_lines()
    head = DSN[:DSN.index(b"Diagnostic-Code")]
    out, i, start, limit, cuts = bytearray(), 0, 0, 1 << 20, 0
    while len(out) < BIG:
        while len(out) >= limit:
            nl = out.rfind(b"\n", start, limit)
            start = nl + 1 if nl >= start else limit
            limit = start + (1 << 20)
            cuts += 1
        filler = limit - 20 - len(head) - len(out)
        if filler < 400:
            if cuts % 2 == 0 and filler >= 2:
                out += b"#" * (filler - 1) + b"\n" + DSN
            else:
                out += b"#" * 500 + b"\n"
            continue
        out += lines[i % len(lines)]
        out += b"\r\n" if i % 7 == 0 else b"\n"
        if i % 3 == 0:
            out += DSN
        if i == 20000:
            out += b"550 5.1.1 " + b"x" * (3 << 19) + b" 550 5.1.1 after\n"
        i += 1
    out += b"Nov 29 06:00:00 mx postfix/smtp[1]: host mx.b.example[192.0.2.1] said: 550 5.1.1 last"
    with open(path, "wb") as f:
        f.write(out)


def cuts_inside_groups(path):
    """How many of the places where parallel.c cuts the file into pieces
    of at most 1 MiB, after their last newline, fall inside a DSN group:
    where the helper's guess is wrong and the main thread reads on."""
    with open(path, "rb") as f:
        data = f.read()
    start, inside = 0, 0
    while start + (1 << 20) < len(data):
        nl = data.rfind(b"\n", start, start + (1 << 20))
        cut = nl + 1 if nl >= start else start + (1 << 20)
        group = data.rfind(b"Final-Recipient:", 0, cut)
        if group >= 0 and data.find(b"exist\n\n", group) + 7 > cut:
            inside += 1
        start = cut
    return inside


def email_file(path):
    """A real bounce with a big base64 attachment after its DSN part."""
    with open(os.path.join(TESTS, "cli", "fixtures", "bounce.eml"), "rb") as f:
        mail = f.read()
    blob = (b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo1NTAgNS4xLjEgdXNlciB1bmtub3du" * 2 + b"\n") * (BIG // 129)
    with open(path, "wb") as f:
        f.write(mail + b"\n" + blob + b"\n550 5.1.1 a line after it\n")


def many_codes_file(path):
    """Ten thousand distinct pairs of codes, more than --count keeps."""
    out = bytearray()
    n = 0
    while len(out) < BIG:
        s, d = n % 100, n // 100 % 100
        out += b"Nov 29 06:00:00 mx postfix/smtp[1]: said: 550 5.%d.%d rejected\n" % (s, d)
        n += 1
    with open(path, "wb") as f:
        f.write(out)


def run(threads, args, stdin=None, offset=0):
    """Run with standard input from the file stdin, read from offset on
    (as after a command before it in a shell's redirection); return the
    exit status, output, errors and where the input's offset was left."""
    env = dict(os.environ, SMTPCODE_THREADS=str(threads))
    if stdin is None:
        p = subprocess.run([BIN, *args], capture_output=True, env=env,
                           stdin=subprocess.DEVNULL)
        return p.returncode, p.stdout, p.stderr, None
    with open(stdin, "rb") as f:
        f.seek(offset)
        p = subprocess.run([BIN, *args], capture_output=True, env=env, stdin=f)
        return p.returncode, p.stdout, p.stderr, os.lseek(f.fileno(), 0, os.SEEK_CUR)


def check(name, args, min_out=1, stdin=None, offset=0):
    global passed, failed
    one = run(1, args, stdin, offset)
    two = run(2, args, stdin, offset)
    problem = None
    if one != two:
        problem = "differs: exit %d/%d, %d/%d bytes of output, stderr %r/%r, offset left %s/%s" % (
            one[0], two[0], len(one[1]), len(two[1]), one[2][:200], two[2][:200], one[3], two[3])
        if one[1] != two[1]:
            k = next((i for i, (a, b) in enumerate(zip(one[1], two[1])) if a != b),
                     min(len(one[1]), len(two[1])))
            problem += "; first difference at byte %d: %r / %r" % (
                k, one[1][max(0, k - 60):k + 60], two[1][max(0, k - 60):k + 60])
    elif len(one[1]) < min_out:
        problem = "only %d bytes of output" % len(one[1])
    if problem:
        failed += 1
        print("FAIL %s: %s" % (name, problem))
    else:
        passed += 1
        print("ok   %s: exit %d, %d bytes the same" % (name, one[0], len(one[1])))


with tempfile.TemporaryDirectory() as tmp:
    log, mail, many = (os.path.join(tmp, n) for n in ("big.log", "big.eml", "many.log"))
    log_file(log)
    inside = cuts_inside_groups(log)
    if inside < 2:
        print("FAIL the big log is cut inside a DSN group only %d times" % inside)
        failed += 1
    email_file(mail)
    many_codes_file(many)
    for fmt in ("text", "tsv", "json"):
        check("log " + fmt, ["--scan", "--format=" + fmt, log], 1 << 20)
        check("email " + fmt, ["--scan", "--format=" + fmt, mail])
    check("log count", ["--scan", "--count", log])
    check("log count tsv", ["--scan", "--count", "--format=tsv", log])
    check("log quiet", ["--scan", "--quiet", log], 0)
    check("log records", ["--scan", "--records", "--format=tsv", log])
    check("many codes count", ["--scan", "--count", "--format=tsv", many])
    check("many codes tsv", ["--scan", "--format=tsv", many], 1 << 20)
    check("several files", ["--scan", "--format=tsv", log, mail, many, log], 1 << 20)
    check("brief", ["--scan", "--brief", log], 1 << 20)
    # Standard input redirected from a big file is read as that file,
    # from where its offset is, and left at its end.
    check("stdin", ["--scan", "--format=tsv"], 1 << 20, stdin=log)
    check("stdin after 1000 bytes", ["--scan", "--format=tsv", "-"], 1 << 20,
          stdin=log, offset=1000)
    check("stdin count", ["--scan", "--count"], 1, stdin=many, offset=7)

print("parallel: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
