#!/usr/bin/env python3
"""Every pair of basic codes, and a spread of enhanced and unregistered
codes, compared: the output keeps the seed pages' order (title, Summary,
two blocks, Key differences, When to use which), no field is empty, and no
sentence is printed twice. usage: compare-pairs.py SMTPCODE"""
import itertools
import re
import subprocess
import sys

BIN = sys.argv[1]
PROSE = {"Summary", "Retry", "Description", "When you see it", "How to fix"}


def codes(*args):
    out = subprocess.run([BIN, "--list", *args], capture_output=True, text=True, check=True).stdout
    return [l.split()[0] for l in out.splitlines()]


def sentences(text):
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) >= 25]


def check(a, b):
    p = subprocess.run([BIN, a, b], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        return f"exit {p.returncode}: {p.stderr.strip()}"
    lines = p.stdout.split("\n")
    heads = [l for l in lines if l.startswith(("SMTP ", "Summary:", "Key differences:", "When to use which:"))]
    if not (heads[0].startswith(f"SMTP {a} ") and " vs " in heads[0] and heads[1].startswith("Summary:")
            and heads[2].startswith(f"SMTP {a} ") and heads[3].startswith(f"SMTP {b} ")
            and heads[4] == "Key differences:" and heads[5] == "When to use which:"):
        return "sections out of order: " + " | ".join(h[:30] for h in heads)
    # Prose is what must never repeat: the texts, the summary, and every
    # line of the two computed sections (a bullet is one sentence with its
    # code). Field values such as a class name legitimately recur.
    seen = {}
    for line in lines:
        m = re.match(r"^([A-Z][^:]{0,40}): ?(.*)$", line)
        if m and m.group(1) not in ("Key differences", "When to use which") and not m.group(2).strip():
            return f"empty field: {line!r}"
        if line.startswith("- "):
            prose = [line]
        elif m and m.group(1) in PROSE:
            prose = sentences(m.group(2))
        else:
            continue
        for s in prose:
            if s in seen:
                return f"repeated sentence: {s[:70]!r}"
            seen[s] = line
    return None


basic = codes("basic")
enhanced = [c for c in codes("5")][:40] + [c for c in codes("4")][:20]
pairs = list(itertools.combinations(basic, 2))
pairs += list(itertools.combinations(enhanced[::3], 2))
pairs += [(b, e) for b in basic[::7] for e in enhanced[::9]]
pairs += [("299", "455"), ("298", "299"), ("5.9.9", "4.9.9"), ("699", "799"), ("5.1.99", "5.1.1")]
failed = 0
for a, b in pairs:
    err = check(a, b)
    if err:
        failed += 1
        if failed <= 20:
            print(f"FAIL {a} vs {b}: {err}")
print(f"compare-pairs: {len(pairs) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
