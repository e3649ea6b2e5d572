#!/usr/bin/env python3
"""Write a realistic mail log of about SIZE megabytes to stdout: Postfix,
Exim and Sendmail lines in the proportions of a busy relay, most of them
without any reply code, as real logs are. With --dense, only the lines
that hold a reply: the same log as an administrator's grep for replies
would leave it. Deterministic (fixed seed), so every run measures the
same bytes. usage: genlog.py [--dense] SIZE_MB"""
import random
import sys

rng = random.Random(5321)
HOSTS = ["mx1", "mx2", "relay", "smtp-out"]
DOMAINS = ["example.com", "example.net", "example.org", "mail.example.jp"]


def ip():
    return f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def qid():
    return "".join(rng.choice("0123456789ABCDEF") for _ in range(10))


def stamp():
    return f"Nov {rng.randint(1, 28):2d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"


def addr():
    return f"user{rng.randint(1, 99999)}@{rng.choice(DOMAINS)}"


def postfix_noise():
    h = rng.choice(HOSTS)
    pid = rng.randint(100, 65000)
    kind = rng.random()
    if kind < 0.25:
        return f"{stamp()} {h} postfix/smtpd[{pid}]: connect from unknown[{ip()}]"
    if kind < 0.45:
        return f"{stamp()} {h} postfix/smtpd[{pid}]: disconnect from unknown[{ip()}] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5"
    if kind < 0.6:
        return f"{stamp()} {h} postfix/cleanup[{pid}]: {qid()}: message-id=<{rng.randint(10**9, 10**10)}.{pid}@{rng.choice(DOMAINS)}>"
    if kind < 0.75:
        return f"{stamp()} {h} postfix/qmgr[{pid}]: {qid()}: from=<{addr()}>, size={rng.randint(300, 9000000)}, nrcpt={rng.randint(1, 9)} (queue active)"
    if kind < 0.85:
        return f"{stamp()} {h} postfix/smtpd[{pid}]: {qid()}: client=unknown[{ip()}]:{rng.randint(1024, 65535)}"
    return f"{stamp()} {h} postfix/qmgr[{pid}]: {qid()}: removed"


def postfix_code():
    h = rng.choice(HOSTS)
    pid = rng.randint(100, 65000)
    kind = rng.random()
    d = f"{rng.random() * 5:.2f}"
    if kind < 0.6:
        return (f"{stamp()} {h} postfix/smtp[{pid}]: {qid()}: to=<{addr()}>, relay={rng.choice(DOMAINS)}[{ip()}]:25, "
                f"delay={d}, delays=0.1/0/0.3/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as {qid()})")
    if kind < 0.8:
        return (f"{stamp()} {h} postfix/smtpd[{pid}]: NOQUEUE: reject: RCPT from unknown[{ip()}]: 550 5.1.1 "
                f"<{addr()}>: Recipient address rejected: User unknown in local recipient table; from=<{addr()}> to=<{addr()}> proto=ESMTP helo=<localhost>")
    return (f"{stamp()} {h} postfix/smtp[{pid}]: {qid()}: host {rng.choice(DOMAINS)}[{ip()}] said: 450 4.7.1 "
            f"Greylisted, please try again in {rng.randint(60, 900)} seconds (in reply to RCPT TO command)")


def exim(dense=False):
    kind = 1.0 if dense else rng.random()
    t = f"2026-11-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    mid = f"1r{rng.randint(10000, 99999)}-000{rng.randint(100, 999)}-Ab"
    if kind < 0.8:
        return f"{t} {mid} <= {addr()} H=({rng.choice(DOMAINS)}) [{ip()}] P=esmtps X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no S={rng.randint(500, 90000)} id={qid()}@{rng.choice(DOMAINS)}"
    return f"{t} {mid} ** {addr()} R=dnslookup T=remote_smtp H={rng.choice(DOMAINS)} [{ip()}]: SMTP error from remote mail server after RCPT TO:<{addr()}>: 550 5.7.1 Relaying denied"


def sendmail(dense=False):
    kind = 1.0 if dense else rng.random()
    pid = rng.randint(100, 65000)
    if kind < 0.85:
        return f"{stamp()} mx sm-mta[{pid}]: {qid()}: from=<{addr()}>, size={rng.randint(500, 90000)}, class=0, nrcpts=1, msgid=<{qid()}@{rng.choice(DOMAINS)}>, proto=ESMTP, daemon=MTA, relay=[{ip()}]"
    return f"{stamp()} mx sm-mta[{pid}]: {qid()}: to=<{addr()}>, delay=00:00:0{rng.randint(1, 9)}, xdelay=00:00:01, mailer=esmtp, pri=120{rng.randint(100, 999)}, relay={rng.choice(DOMAINS)}. [{ip()}], dsn=4.2.2, stat=Deferred: 452 4.2.2 Mailbox full"


def main():
    dense = sys.argv[1] == "--dense"
    target = int(sys.argv[-1]) * 1024 * 1024
    out = sys.stdout
    written = 0
    buf = []
    while written < target:
        r = rng.random()
        if dense:
            line = postfix_code() if r < 0.6 else exim(True) if r < 0.8 else sendmail(True)
        elif r < 0.70:
            line = postfix_noise()
        elif r < 0.82:
            line = postfix_code()
        elif r < 0.92:
            line = exim()
        else:
            line = sendmail()
        buf.append(line)
        written += len(line) + 1
        if len(buf) >= 10000:
            out.write("\n".join(buf) + "\n")
            buf = []
    if buf:
        out.write("\n".join(buf) + "\n")


main()
