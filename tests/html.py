#!/usr/bin/env python3
"""--report --format=html: the page of the fixture logs and bounces, and
of a log of hostile lines, is valid HTML5 (html5lib, strict), fetches
nothing from outside, matches its own Content-Security-Policy, stays under
200 KB, and shows hostile text as text. With headless Chromium, the page
loads without a console error or a policy violation and its screenshot is
not blank (skipped, and said so, where Chromium is missing).
usage: html.py SMTPCODE SOURCE_DIR"""
import base64
import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

smtpcode, src = sys.argv[1], sys.argv[2]
corpus = os.path.join(src, "tests", "corpus")
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def report(args, env=None):
    e = dict(os.environ, LC_ALL="C")
    if env:
        e.update(env)
    p = subprocess.run([smtpcode, "--report", "--format=html"] + args,
                       capture_output=True, env=e)
    if p.returncode not in (0, 1):
        fail(f"exit {p.returncode}: {p.stderr.decode(errors='replace')}")
    return p.stdout


HOSTILE = (
    b"Mar  3 10:00:00 mx1 postfix/smtp[1]: 1A2B3C: to=<\"<script>alert(1)</script>\"@evil.example>, "
    b"relay=evil.example[192.0.2.1]:25, delay=1, delays=0.1/0/0.3/0.2, dsn=5.1.1, status=bounced "
    b"(host evil.example[192.0.2.1] said: 550 5.1.1 <img src=x onerror=alert(1)> \x01\x1b[31m\xff\xfe "
    b"\"quoted\" 'single' & </td></table><style>body{display:none}</style> "
    b"(in reply to RCPT TO command))\n"
    b"Mar  3 10:00:01 mx1 postfix/smtp[1]: 1A2B3D: to=<bob@x<i\"'&y.example>, "
    b"relay=x.example[192.0.2.2]:25, delay=1, delays=0.1/0/0.3/0.2, dsn=4.7.1, status=deferred "
    b"(host x.example[192.0.2.2] said: 450 4.7.1 <a href=\"javascript:alert(2)\">click</a> "
    b"\xe2\x80\xae\xc3\x28 (in reply to RCPT TO command))\n"
    b"Mar  3 10:00:02 mx1 postfix/smtpd[2]: NOQUEUE: reject: RCPT from unknown[192.0.2.3]: 554 5.7.1 "
    b"Service unavailable; Client host [192.0.2.3] blocked using zen.spamhaus.org; "
    b"<iframe src=//evil.example> from=<a@b> to=<c@d> proto=ESMTP helo=<x>\n"
)

pages = {}
pages["mixed"] = report([os.path.join(corpus, "records", n) for n in
                         ("postfix.log", "exim.log", "sendmail.log", "opensmtpd.log")] +
                        [os.path.join(corpus, "bounces")])
pages["arabic"] = report([os.path.join(corpus, "records", "exim.log")], {"LC_ALL": "ar"})
tmp = tempfile.mkdtemp()
hostile = os.path.join(tmp, "hostile.log")
with open(hostile, "wb") as f:
    f.write(HOSTILE)
pages["hostile"] = report([hostile])
pages["empty"] = report([os.devnull])

try:
    import html5lib
except ImportError:
    html5lib = None
    print("html5lib is missing (sh tools/setup-debian.sh test): the HTML5 validation is skipped")

for name, page in pages.items():
    text = page.decode("utf-8")         # UTF-8 whatever the input was
    if len(page) > 200 * 1024:
        fail(f"{name}: {len(page)} bytes, more than 200 KB")
    if html5lib is not None:
        try:
            html5lib.HTMLParser(strict=True).parse(text)
        except Exception as e:          # html5lib.html5parser.ParseError
            fail(f"{name}: not valid HTML5: {e}")
    # Nothing is fetched: no script, link, src, import, or url() but to a
    # pattern of the page itself; links only to http(s) pages.
    low = text.lower()
    for bad in ("<script", "<link", "<iframe", "<img", "<object", "<embed", " src=",
                "@import", "javascript:"):
        if bad in low:
            fail(f"{name}: {bad!r} in the page")
    for u in re.findall(r"url\(([^)]*)\)", text):
        if not u.startswith("#"):
            fail(f"{name}: url({u}) fetches")
    for h in re.findall(r'href="([^"]*)"', text):
        if not re.match(r"https?://", h):
            fail(f"{name}: href {h!r}")
    # The policy's hash is the stylesheet's.
    style = re.search(r"<style>(.*?)</style>", text, re.S)
    csp = re.search(r"Content-Security-Policy\" content=\"([^\"]*)\"", text)
    if not style or not csp:
        fail(f"{name}: no style or no policy")
    else:
        h = "sha256-" + base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
        if f"'{h}'" not in csp.group(1) or "default-src 'none'" not in csp.group(1):
            fail(f"{name}: the policy does not allow exactly the page's style ({h})")
    if text.count("<style>") != 1:
        fail(f"{name}: {text.count('<style>')} style elements")

h = pages["hostile"].decode()
# A domain written by a stranger is shown, as text.
if "x&lt;i&quot;&#39;&amp;y.example" not in h:
    fail("hostile: the domain with markup is not shown escaped")
if "<i\"" in h:
    fail("hostile: markup from a domain came through")
if h.count("<table>") != h.count("</table>") or h.count("<tr>") != h.count("</tr>"):
    fail("hostile: tables not closed as opened")
if 'lang="ar" dir="rtl"' not in pages["arabic"].decode():
    fail("arabic: no lang=ar dir=rtl")
print(f"html: {len(pages)} pages, sizes " +
      ", ".join(f"{n} {len(p)} B" for n, p in pages.items()))


def png_colours(path):
    """The number of distinct colours of an 8-bit RGB(A) PNG."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, hgt, depth, ctype = struct.unpack(">IIBB", body[:10])
            bpp = {2: 3, 6: 4}[ctype]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    colours = set()
    i = 0
    while i < len(raw):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp * 7):
            colours.add(bytes(line[x:x + 3]))
        prev = line
    return len(colours)


chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
if chrome is None:
    print("chromium is missing: the browser test is skipped")
else:
    page = os.path.join(tmp, "report.html")
    shot = os.environ.get("SMTPCODE_SCREENSHOT") or os.path.join(tmp, "report.png")
    with open(page, "wb") as f:
        f.write(pages["mixed"])
    p = subprocess.run([chrome, "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-first-run", "--disable-extensions", "--hide-scrollbars",
                        "--disable-dev-shm-usage",
                        "--enable-logging=stderr", "--v=0", "--window-size=1100,2200",
                        f"--user-data-dir={os.path.join(tmp, 'profile')}",
                        f"--screenshot={shot}", "file://" + page],
                       capture_output=True, timeout=120)
    log = p.stderr.decode(errors="replace")
    console = [l for l in log.splitlines()
               if "CONSOLE" in l or "Content Security Policy" in l or "Refused to" in l]
    if p.returncode != 0 or not os.path.exists(shot):
        fail(f"chromium: exit {p.returncode}, no screenshot: {log[-500:]}")
    else:
        for l in console:
            fail(f"chromium console: {l}")
        n = png_colours(shot)
        print(f"chromium: screenshot {os.path.getsize(shot)} bytes, {n} colours sampled, "
              f"{len(console)} console messages")
        if n < 8:
            fail(f"chromium: the screenshot is blank ({n} colours)")
shutil.rmtree(tmp, ignore_errors=True)
sys.exit(1 if failures else 0)
