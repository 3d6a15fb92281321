#!/usr/bin/env python3
# check.py <out> - fails (exit 1, one line a finding) when anything of
# the site in <out> carries what hostile content could inject: an event
# handler attribute, a frame, a script that is neither badgegen's nor
# JSON-LD, a link or source with a javascript:, vbscript: or data: URL,
# a control character or bidi override in a page, or XML that does not
# parse.
import html.parser
import os
import re
import sys
import xml.etree.ElementTree as ET

out = sys.argv[1]
findings = []
URL_ATTRS = {"href", "src", "action", "formaction", "poster", "srcset",
             "xlink:href", "data", "background", "cite"}
BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.I)
BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff"
                       "\u202a-\u202e\u2066-\u2069]")


class Page(html.parser.HTMLParser):
    def __init__(self, name):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.script = None

    def find(self, what):
        findings.append("%s:%d: %s" % (self.name, self.getpos()[0], what))

    def handle_starttag(self, tag, attrs):
        if tag in ("iframe", "frame", "object", "embed", "base", "form") and \
                not (tag == "form" and dict(attrs).get("class") == "filter"):
            self.find("a <%s> element" % tag)
        for k, v in attrs:
            if k.startswith("on"):
                self.find("an event handler %s=%r" % (k, v))
            if v is not None and k in URL_ATTRS and BAD_SCHEME.match(v):
                self.find("%s=%r" % (k, v))
            if k == "content" and v is not None and BAD_SCHEME.match(v):
                self.find("content=%r" % v)
        if tag == "script":
            a = dict(attrs)
            if a.get("type") == "application/ld+json":
                self.script = ""
            elif "src" in a and not a["src"].startswith(("javascript", "data")) \
                    and re.match(r"^(\.\./)*assets/[a-z-]+\.js$", a["src"]):
                self.script = None
            else:
                self.find("a script that is not badgegen's: %r" % attrs)

    def handle_data(self, data):
        if self.script is not None:
            self.script += data

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            if "</" in self.script or "<!--" in self.script:
                self.find("markup inside JSON-LD")
            self.script = None


for top, dirs, files in os.walk(out):
    for f in files:
        path = os.path.join(top, f)
        name = os.path.relpath(path, out)
        if not f.endswith((".html", ".xml", ".txt", ".svg", ".js", ".css")):
            continue
        with open(path, encoding="utf-8") as fp:
            text = fp.read()
        m = BAD_CHARS.search(text)
        if m:
            findings.append("%s: U+%04X in the file" % (name, ord(m.group())))
        if f.endswith(".html"):
            p = Page(name)
            p.feed(text)
            p.close()
        elif f.endswith((".xml", ".svg")):
            try:
                ET.fromstring(text.encode("utf-8"))
            except ET.ParseError as e:
                findings.append("%s: not XML: %s" % (name, e))
for line in findings:
    print(line)
sys.exit(1 if findings else 0)
