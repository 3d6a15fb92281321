#!/usr/bin/env python3
# make.py <site> - adds hostile documents to a copy of the minimal site:
# markup, script, javascript:/vbscript:/data: URLs, controls and bidi
# overrides in every field of an issuer, a badge class and an award; an
# award whose id climbs out of the site; documents nested too deep and
# with very many members; recipient addresses in sidecars.  Each payload
# carries a number X<n> so that a finding names its field.
import json
import os
import sys

site = sys.argv[1]
B = "https://badges.test.example/"
OB2 = "https://w3id.org/openbadges/v2"


def write(path, doc=None, raw=None):
    p = os.path.join(site, path)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w", encoding="utf-8") as f:
        f.write(raw if raw is not None else
                json.dumps(doc, ensure_ascii=False, indent=1))


def js(n):
    return 'javascript:alert("X%d")' % n


def tag(n):
    return ('"><script>alert("X%d")</script><img src=x onerror=alert("X%d")>'
            '\'><svg onload=alert("X%d")>\u001b[2J\u009b31m\u202egnp.exe'
            '\u2066\u0085\u007f\uffff' % (n, n, n))


def md(n):
    return ('<script>alert("X%d")</script> [a](javascript:alert("X%d")) '
            '![i](javascript:alert("X%d")) [J](JaVaScRiPt:alert(1)) '
            '<a href="javascript:alert(1)">raw</a> '
            '[d](data:text/html;base64,PHNjcmlwdD4=) [v](vbscript:msgbox) '
            '<iframe src="https://evil.test.example/"></iframe> '
            '<img src=x onerror=alert("X%d")> \u001b]8;;http://x\u001b\\ '
            '\u202e' % (n, n, n, n))


write("content/issuers/evil.json", {
    "@context": OB2, "type": "Issuer", "id": B + "issuers/evil.json",
    "name": tag(1), "url": js(2),
    "email": 'x"><img src=x onerror=alert("X3")>@test.example',
    "description": md(4), "image": js(5), "telephone": tag(6)})
write("content/badges/evil.json", {
    "@context": OB2, "type": "BadgeClass", "id": B + "badges/evil.json",
    "name": tag(10), "description": md(11), "image": B + "badges/data.png",
    "criteria": {"id": js(12), "narrative": md(13)},
    "issuer": B + "issuers/evil.json",
    "alignment": [{"targetName": tag(14), "targetUrl": js(15),
                   "targetDescription": tag(16), "targetFramework": tag(17),
                   "targetCode": tag(18)}],
    "tags": [tag(19), '</script><script>alert("X20")</script>']})
write("content/awards/2026/eve.json", {
    "@context": OB2, "type": "Assertion", "id": B + "awards/2026/eve.json",
    "recipient": {"type": "email", "hashed": True, "salt": "s9",
                  "identity": "sha256$" + "0f1e2d3c4b5a6978" * 4},
    "extensions:recipientProfile": {
        "type": ["Extension", "extensions:RecipientProfile"],
        "name": '</script><script>alert("X21")</script>' + tag(22)},
    "badge": B + "badges/evil.json", "verification": {"type": "hosted"},
    "issuedOn": "2026-03-31T15:30:00Z", "narrative": md(23),
    "evidence": [{"id": js(24), "name": tag(25), "description": md(26),
                  "narrative": md(27), "genre": tag(28), "audience": tag(29)}],
    "image": js(30)})
# the id climbs out of the site
write("content/awards/2026/climb.json", {
    "@context": OB2, "type": "Assertion",
    "id": B + "awards/2026/../../../../climbed.json",
    "recipient": {"type": "email", "hashed": True, "salt": "s7",
                  "identity": "sha256$" + "2f1e2d3c4b5a6978" * 4},
    "badge": B + "badges/data.json", "verification": {"type": "hosted"},
    "issuedOn": "2026-03-31T15:30:00Z"})
write("content/badges/climb.json", {
    "@context": OB2, "type": "BadgeClass",
    "id": B + "badges/../../../climbed-badge.json", "name": "Climb",
    "description": "Up.", "image": B + "badges/data.png",
    "criteria": {"narrative": "Climb."}, "issuer": B + "issuers/uni.json"})
# 100,000 brackets deep
write("content/awards/2026/deep.json", raw=(
    '{"@context": "%s", "type": "Assertion", "id": "%sawards/2026/deep.json",'
    ' "badge": "%sbadges/data.json", "recipient": {"type": "email",'
    ' "hashed": false, "identity": "deep.secret@test.example"},'
    ' "verification": {"type": "hosted"}, "issuedOn": "2026-03-31T15:30:00Z",'
    ' "x": %s%s}' % (OB2, B, B, "[" * 100000, "]" * 100000)))
# 60,000 members, a long narrative
wide = {"@context": OB2, "type": "Assertion", "id": B + "awards/2026/wide.json",
        "recipient": {"type": "email", "hashed": True, "salt": "s8",
                      "identity": "sha256$" + "1f1e2d3c4b5a6978" * 4},
        "badge": B + "badges/data.json", "verification": {"type": "hosted"},
        "issuedOn": "2026-03-31T15:30:00Z",
        "narrative": "<b>big</b> *and* " * 20000}
for i in range(60000):
    wide["x:k%d" % i] = {"v": [i, "<script>"]}
write("content/awards/2026/wide.json", wide)
for stem, addr in (("eve", "eve.secret@test.example"),
                   ("alice", "alice.secret@test.example"),
                   ("wide", "wide.secret@test.example")):
    with open(os.path.join(site, "content/awards/2026/%s.conf" % stem),
              "w", encoding="utf-8") as f:
        f.write("# the address the award was sent to\nemail = %s\n" % addr)
# a collection whose name is hostile
with open(os.path.join(site, "content/recipients/alice.conf"),
          "w", encoding="utf-8") as f:
    f.write('name = X40 "></title><script>alert("X40")</script>\u202e\u0085\n'
            "identities = alice@test.example alice@old.test.example\n")
