#!/usr/bin/env python3
"""Machine-readable output, checked with a real JSON parser: every code in
every mode parses, carries every documented field, and TSV rows have the
documented columns. usage: formats.py SMTPCODE"""
import json
import subprocess
import sys

BIN = sys.argv[1]
FIELDS = {"code", "kind", "registered", "name", "class", "category",
          "in_grammar", "standard", "origin", "reference", "rfc_text",
          "seen_after", "basic_codes", "retry", "retry_text", "who",
          "description", "when", "fix"}
passed = failed = 0


def run(*args, status=0):
    p = subprocess.run([BIN, *args], capture_output=True)
    if p.returncode != status:
        raise AssertionError(f"{args}: exit {p.returncode}, expected {status}: {p.stderr!r}")
    return p.stdout.decode("utf-8")  # must be valid UTF-8


def check(name, fn):
    global passed, failed
    try:
        fn()
        passed += 1
    except AssertionError as e:
        failed += 1
        print(f"FAIL {name}: {e}")


def code_object(o, where):
    missing = FIELDS - set(o)
    assert not missing, f"{where}: missing {sorted(missing)}"
    assert set(o["class"]) == {"digit", "label", "name"}, where
    assert set(o["category"]) == {"digit", "label", "name"}, where
    for k in ("name", "description", "when", "fix", "retry_text", "reference"):
        assert isinstance(o[k], str) and o[k], f"{where}: empty {k}"
    assert all(w in {"client", "sender", "sender_admin", "recipient_admin"} for w in o["who"])
    assert o["retry"] in {"none", "continue", "later", "never", "by_class"}


DIAGNOSIS = {"provider", "provider_name", "reason", "reason_text", "hard",
             "blocklist", "blocklist_name", "lookup_url", "delist_url",
             "blocklist_query_failed", "basis", "action", "evidence"}


def diagnosis_object(d, where):
    assert set(d) == DIAGNOSIS, f"{where}: {sorted(set(d) ^ DIAGNOSIS)}"
    assert isinstance(d["hard"], bool) and isinstance(d["evidence"], list)
    assert all(isinstance(e, str) and e for e in d["evidence"])


def lines(text):
    return [json.loads(l) for l in text.splitlines()]


listing = lines(run("--format=json", "--list"))
tsv_list = run("--format=tsv", "--list").splitlines()


def list_matches_table():
    basic = run("--list", "basic").splitlines()
    enhanced = run("--list", "enhanced").splitlines()
    assert len(listing) == len(basic) + len(enhanced) == len(tsv_list)
    assert len(enhanced) == 81, len(enhanced)
    for o in listing:
        code_object(o, o["code"])


def every_code_explains_as_json():
    for o in listing:
        codes = [o["code"]]
        if o["kind"] == "enhanced":
            codes = [c + o["code"][1:] for c in "245"]
        for c in codes:
            p = subprocess.run([BIN, "--format=json", c], capture_output=True)
            obj = json.loads(p.stdout)
            code_object(obj, c)
            assert obj["registered"] == (p.returncode == 0), c


def compare_and_reply():
    obj = json.loads(run("--format=json", "211", "455"))
    assert len(obj["compare"]) == 2 and "class" in obj["differences"]
    for o in obj["compare"]:
        code_object(o, "compare")
    obj = json.loads(run("--format=json", "299", "5.9.9", status=1))
    assert obj["compare"][0]["registered"] is False
    obj = json.loads(run("--format=json", "550-5.1.1 The account does not exist."))
    assert obj["reply"]["code"] == "550" and obj["reply"]["enhanced"] == "5.1.1"
    code_object(obj["basic"], "reply basic")
    code_object(obj["enhanced"], "reply enhanced")
    diagnosis_object(obj["diagnosis"], "reply")
    assert obj["diagnosis"]["reason"] == "userunknown" and obj["diagnosis"]["hard"] is True
    obj = json.loads(run("--format=json", "250 OK"))
    assert obj["enhanced"] is None
    diagnosis_object(obj["diagnosis"], "success")
    assert obj["diagnosis"]["reason"] == "" and obj["diagnosis"]["evidence"] == []
    # a reply inside a log line, found without a basic code
    obj = json.loads(run("--format=json", "Status: 5.1.1 (bad address)"))
    assert obj["basic"] is None and obj["enhanced"]["code"] == "5.1.1"
    diagnosis_object(obj["diagnosis"], "found")
    # a provider's code is data like the registry's
    obj = json.loads(run("--format=json", "5.7.606"))
    code_object(obj, "5.7.606")
    assert obj["origin"] == "vendor" and obj["registered"] is True


def hostile_reply_text_stays_valid():
    nasty = "550 5.7.1 \x01\x1b[31mred\x7f \"quoted\" back\\slash tab\there"
    p = subprocess.run([BIN, "--format=json", nasty.encode() + b"\xff\xfe end"],
                       capture_output=True)
    obj = json.loads(p.stdout.decode("utf-8"))
    text = obj["reply"]["lines"][0]
    assert "\x1b[31m" in text and "\ufffd" in text and '"quoted"' in text
    p = subprocess.run([BIN, "--format=tsv", nasty.encode()], capture_output=True)
    assert p.stdout.count(b"\n") == 2 and b"\x1b" not in p.stdout


def search_modes():
    found = lines(run("--format=json", "--search", "relay", "denied"))
    assert found, "no match for relay denied"
    for o in found:
        code_object(o, "search")
    run("--format=json", "--search", "zzzznotaword", status=1)


def tsv_columns():
    for args in (["--list"], ["--search", "mailbox"], ["455"], ["211", "455"]):
        out = run("--format=tsv", *args)
        for row in out.splitlines():
            assert row.count("\t") == 6, f"{args}: {row[:60]}"
    # a reply's rows carry reason, hard, provider and block list after them
    out = run("--format=tsv", "550 5.1.1 x - gsmtp")
    for row in out.splitlines():
        cols = row.split("\t")
        assert len(cols) == 11, f"reply: {row[:60]}"
        assert cols[7:] == ["userunknown", "1", "gmail", ""], cols[7:]


def tsv_diagnosis_as_json():
    """TSV rows take their diagnosis from a cache keyed by the reply with
    its numbers left out; JSON diagnoses every hit. Over a log of the
    corpus's lines said again with other numbers, more different replies
    than the cache holds, both must give every hit the same diagnosis."""
    import os
    import random
    import tempfile
    corpus = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus")
    base = []
    for name in ("loglines.tsv", "scan-real.tsv", "bouncelines.tsv",
                 "provider-replies.tsv", "provider-replies-extra.tsv"):
        with open(os.path.join(corpus, name), encoding="utf-8", errors="replace") as f:
            next(f)
            base += [line.split("\t")[0] for line in f if line.strip()]
    rng = random.Random(5321)

    def renumber(m):
        d = m.group(0)
        if rng.random() < 0.5:
            return d
        n = len(d) if rng.random() < 0.5 else rng.randint(1, 7)
        return "".join(rng.choice("0123456789") for _ in range(n))

    import re
    out = list(base)
    while len(out) < 60000:
        out += [re.sub(r"[0-9]+", renumber, line) for line in base]
    with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False,
                                     encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
        path = f.name
    try:
        rows = [r.split("\t") for r in run("--scan", "--format=tsv", path).splitlines()]
        objs = lines(run("--scan", "--format=json", path))
    finally:
        os.unlink(path)
    assert len(rows) == len(objs) and len(rows) > 20000, (len(rows), len(objs))
    failures = 0
    for r, o in zip(rows, objs):
        d = o["diagnosis"]
        want = [d["reason"], "1" if d["hard"] else "0", d["provider"], d["blocklist"]]
        assert r[1] == str(o["line"]), (r[:2], o["line"])
        assert r[5:9] == want, f"line {r[1]}: TSV {r[5:9]}, JSON {want}: {r[4][:80]}"
        failures += d["reason"] != ""
    assert failures > 10000, failures


for name, fn in list(globals().items()):
    if callable(fn) and fn.__module__ == "__main__" and name not in (
            "run", "check", "code_object", "diagnosis_object", "lines"):
        check(name, fn)
print(f"formats: {passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
