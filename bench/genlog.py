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
# The address each host sends from: what a provider's refusal names.
OUR_IP = {"mx1": "192.0.2.11", "mx2": "192.0.2.12", "relay": "192.0.2.13", "smtp-out": "192.0.2.14"}
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


# Replies as providers send them (see tests/corpus/provider-replies*.tsv):
# (weight, status, relay, dsn, reply, command).
REPLIES = [
    (30, "deferred", "gmail-smtp-in.l.google.com", "4.7.28",
     "421-4.7.28 [{ip}      15] Our system has detected an unusual rate of unsolicited mail "
     "originating from your IP address. To protect our users from spam, mail sent from your IP "
     "address has been temporarily rate limited. Please visit 421-4.7.28 "
     "https://support.google.com/mail/?p=UnsolicitedRateLimitError to review our Bulk Email "
     "Senders Guidelines. {gid} - gsmtp", "end of DATA command"),
    (20, "deferred", "mta7.am0.yahoodns.net", "4.7.0",
     "421 4.7.0 [TSS04] Messages from {ip} temporarily deferred due to unexpected volume or user "
     "complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes", "MAIL FROM command"),
    (15, "deferred", "mx.example.net", "4.2.0",
     "450 4.2.0 <{to}>: Recipient address rejected: Greylisted, see "
     "http://postgrey.schweikert.ch/help/example.net.html", "RCPT TO command"),
    (20, "bounced", "gmail-smtp-in.l.google.com", "5.1.1",
     "550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 "
     "double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. "
     "Learn more at 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser {gid} - gsmtp",
     "RCPT TO command"),
    (10, "bounced", "outlook-com.olc.protection.outlook.com", "5.7.1",
     "550 5.7.1 Unfortunately, messages from [{ip}] weren't sent. Please contact your Internet "
     "service provider since part of their network is on our block list (S3150). You can also "
     "refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. "
     "[AM0EUR02FT012.eop-EUR02.prod.protection.outlook.com]", "MAIL FROM command"),
    (5, "bounced", "mx.example.org", "5.2.2",
     "552 5.2.2 <{to}>: Mailbox full", "RCPT TO command"),
]
# Messages deferred and not yet sent or given up on: (qid, to, relay, host).
PENDING = []
RELAY_DOMAIN = {"gmail-smtp-in.l.google.com": "gmail.com", "mta7.am0.yahoodns.net": "yahoo.com",
                "outlook-com.olc.protection.outlook.com": "outlook.com",
                "mx.example.net": "example.net", "mx.example.org": "example.org"}


def postfix_code():
    h = rng.choice(HOSTS)
    pid = rng.randint(100, 65000)
    kind = rng.random()
    d = f"{rng.random() * 5:.2f}"
    if kind < 0.55:
        q = qid()
        return (f"{stamp()} {h} postfix/smtp[{pid}]: {q}: to=<{addr()}>, relay={rng.choice(DOMAINS)}[{ip()}]:25, "
                f"delay={d}, delays=0.1/0/0.3/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as {qid()})\n"
                f"{stamp()} {h} postfix/qmgr[{pid}]: {q}: removed")
    if kind < 0.70:
        r = rng.random()
        if r < 0.5:
            why = (f"550 5.1.1 <{addr()}>: Recipient address rejected: User unknown in local recipient table; "
                   f"from=<{addr()}> to=<{addr()}> proto=ESMTP helo=<localhost>")
        elif r < 0.85:
            a = ip()
            why = (f"554 5.7.1 Service unavailable; Client host [{a}] blocked using zen.spamhaus.org; "
                   f"https://www.spamhaus.org/query/ip/{a}; from=<{addr()}> to=<{addr()}> proto=ESMTP helo=<localhost>")
        else:
            why = (f"450 4.7.1 <localhost>: Helo command rejected: Host not found; from=<{addr()}> "
                   f"to=<{addr()}> proto=ESMTP helo=<localhost>")
        return f"{stamp()} {h} postfix/smtpd[{pid}]: NOQUEUE: reject: RCPT from unknown[{ip()}]: {why}"
    if kind < 0.97 and PENDING and rng.random() < 0.45:
        # A message deferred before: sent at last, or given up on.
        q, to, relay, h = PENDING.pop(rng.randrange(len(PENDING)))
        a = ip()
        if rng.random() < 0.85:
            line = (f"{stamp()} {h} postfix/smtp[{pid}]: {q}: to=<{to}>, relay={relay}[{a}]:25, "
                    f"delay={d}, delays=0.1/0/0.3/0.2, dsn=2.0.0, status=sent (250 2.0.0 OK {qid()} - gsmtp)")
        else:
            line = (f"{stamp()} {h} postfix/qmgr[{pid}]: {q}: from=<{addr()}>, "
                    f"status=expired, returned to sender")
        return line + f"\n{stamp()} {h} postfix/qmgr[{pid}]: {q}: removed"
    if kind < 0.97:
        w = rng.randint(1, 100)
        for weight, status, relay, dsn, reply, cmd in REPLIES:
            w -= weight
            if w <= 0:
                break
        to = f"user{rng.randint(1, 99999)}@{RELAY_DOMAIN[relay]}"
        a = ip()
        # Gmail's replies end with an id of their own, new each time.
        gid = f"{rng.choice('abcdefghij')}{rng.randint(10, 99)}si{rng.randint(10**6, 10**7)}qkb.{rng.randint(10, 99)}"
        text = reply.format(ip=OUR_IP[h], to=to, gid=gid)
        q = qid()
        line = (f"{stamp()} {h} postfix/smtp[{pid}]: {q}: to=<{to}>, relay={relay}[{a}]:25, "
                f"delay={d}, delays=0.1/0/0.3/0.2, dsn={dsn}, status={status} "
                f"(host {relay}[{a}] said: {text} (in reply to {cmd}))")
        if status == "deferred" and len(PENDING) < 2000:
            PENDING.append((q, to, relay, h))
        elif status == "bounced":
            line += f"\n{stamp()} {h} postfix/qmgr[{pid}]: {q}: removed"
        return line
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
