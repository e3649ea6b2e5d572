#!/usr/bin/env python3
"""Every language: a comparison and a reply in it are valid UTF-8, use
that language's own labels (none falls back to English except in English),
translate the fixed words (class, category and who-acts values), and leave
the body English. usage: langs.py SMTPCODE"""
import re
import subprocess
import sys

BIN = sys.argv[1]
passed = failed = 0
helptext = subprocess.run([BIN, "--help"], capture_output=True, check=True).stdout.decode()
tags = re.search(r"Languages:\s*\n\s*([A-Za-z -]+)\n", helptext).group(1).split()


def run(lang, *args):
    p = subprocess.run([BIN, "--lang=" + lang, *args], capture_output=True,
                       env={"LC_ALL": "C"})
    assert p.returncode == 0, (lang, args, p.returncode, p.stderr)
    return p.stdout.decode("utf-8")  # raises on invalid UTF-8


def labels(text):
    """The label of every 'Label: value' line and of every heading line."""
    out = set()
    for line in text.splitlines():
        # "- 211 (System Status): ..." lines of When to use which name a
        # code, not a label
        if line.startswith("SMTP ") or re.match(r"^- \d", line):
            continue
        m = re.match(r"^(?:- )?([^:]{1,40}):( |$)", line)
        if m:
            out.add(m.group(1))
    return out


# Words that are the same in English and the language.
COGNATES = {("de", "x1z Information"), ("fr", "x1z Information")}

english = labels(run("en", "211", "455")) | labels(run("en", "550 5.1.1 x"))
body_en = run("en", "211", "455")
for tag in tags:
    try:
        out = run(tag, "211", "455") + run(tag, "550 5.1.1 x")
        got = labels(out)
        assert len(got) >= 12, (tag, sorted(got))
        if tag != "en":
            # French writes Description as English does
            same = got & english - ({"Description"} if tag == "fr" else set())
            assert not same, f"{tag}: labels left in English: {sorted(same)}"
        # fixed words: the values of the Class, Category and Who acts lines
        # (the same lines, in the same places, as in English) are not left
        # in English
        if tag != "en":
            en_lines = (body_en + run("en", "550 5.1.1 x")).splitlines()
            for en_line, line in zip(en_lines, out.splitlines()):
                m = re.match(r"^(Class|Category|Who acts): (.*)$", en_line)
                if m:
                    value = line.split(": ", 1)[1]
                    if (tag, value) not in COGNATES:
                        assert value != m.group(2), f"{tag}: {m.group(1)} value left in English: {value}"
        # the body stays English: the descriptions are the English ones
        desc = re.search(r"^[^:\n]+: (The server reports its own status[^\n]*)", body_en, re.M).group(1)
        assert desc in out, f"{tag}: body is not the English text"
        passed += 1
    except AssertionError as e:
        print("FAIL", e)
        failed += 1
assert len(tags) >= 15, tags
print(f"langs: {len(tags)} languages, {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
