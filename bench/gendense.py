#!/usr/bin/env python3
"""Write a code-dense file of about SIZE megabytes to stdout: every line
holds a reply, taken from the project's labelled corpora (real log lines,
application-log lines, provider replies), in a fixed shuffled order. The
worst case for a scanner that does work per reply, and for grep the case
where every line is printed. usage: gendense.py SIZE_MB"""
import csv
import os
import random
import sys

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "corpus")
lines = []
for name, text_col, code_col in (("loglines.tsv", 0, 1), ("scan-real.tsv", 0, 1),
                                 ("provider-replies.tsv", 0, None),
                                 ("provider-replies-extra.tsv", 0, None)):
    with open(os.path.join(here, name), newline="", encoding="utf-8") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        for row in rows:
            if len(row) <= text_col or (code_col is not None and
                                        (len(row) <= code_col or not row[code_col].strip())):
                continue
            lines.append(row[text_col].replace("\r", " "))
rng = random.Random(3463)
want = int(sys.argv[1]) * 1024 * 1024
out, size = sys.stdout, 0
while size < want:
    rng.shuffle(lines)
    for line in lines:
        out.write(line + "\n")
        size += len(line.encode("utf-8")) + 1
        if size >= want:
            break
