#!/bin/sh
# sendmail.sh - from issuing to a real SMTP server: awards issued and
# committed, badgegen notify writes the outbox, contrib/send-outbox hands
# it to msmtp, which delivers over SMTP to an aiosmtpd sink on 127.0.0.1
# that stores what it receives in a Maildir.  The received messages are
# decoded (Python's email package) and checked.
#
# Needs msmtp and Python's aiosmtpd (Debian's msmtp and
# python3-aiosmtpd, which tools/deps.sh installs for make check); a case
# that needs them says "skip" and why when they are missing.  Every case
# that delivers starts its own sink (with_sink) and stops it at its end.
# With SENDMAIL_SHOW=<file>, the decoded headers and text part of one
# received message are written to that file.
. "$(dirname "$0")/lib/lib.sh"
SEND=$TOP/contrib/send-outbox
SITE=$TMP/site
KEYS=$TMP/keys
OUT=$TMP/outbox
SINK=$TMP/sink
BASE=https://badges.test.example/
BADGE=${BASE}badges/data.json
ISSUER=${BASE}issuers/uni.json
RSA_ID=${BASE}keys/rsa.json
SOURCE_DATE_EPOCH=1775001600	# 2026-04-01T00:00:00Z
export SOURCE_DATE_EPOCH
SUBJECT='Test University <Registry & Records>からオープンバッジ授与のお知らせ / Your Open Badge from Test University <Registry & Records>'
SERVER=

# A Python that has aiosmtpd (Debian's package is for /usr/bin/python3).
find_python() {
	for p in python3 /usr/bin/python3; do
		"$p" -c 'import aiosmtpd, email' >/dev/null 2>&1 &&
		    { echo "$p"; return 0; }
	done
	return 1
}

# listening <port>: whether something accepts connections there.
listening() {
	"$PY" -c 'import socket, sys
socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' \
	    "$1" 2>/dev/null
}

# The sink: a free port (the system picks it; a few tries, as another
# program may take it first), the server in the background, and a
# bounded wait until it listens.
start_server() {
	tries=0
	while [ "$tries" -lt 5 ]; do
		tries=$((tries + 1))
		PORT=$("$PY" -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') ||
		    return 1
		"$PY" -m aiosmtpd -n -l "127.0.0.1:$PORT" \
		    -c aiosmtpd.handlers.Mailbox "$SINK" \
		    >"$TMP/server.log" 2>&1 &
		SERVER=$!
		n=0
		while [ "$n" -lt 100 ]; do
			kill -0 "$SERVER" 2>/dev/null || break
			if listening "$PORT"; then
				kill -0 "$SERVER" 2>/dev/null && return 0
				break
			fi
			sleep 0.1
			n=$((n + 1))
		done
		kill "$SERVER" 2>/dev/null
		wait "$SERVER" 2>/dev/null
		SERVER=
	done
	return 1
}

# with_sink: msmtp and a sink listening for it until the case ends;
# $MSMTP is the command that sends to it.
with_sink() {
	need msmtp msmtp
	PY=$(find_python) ||
	    skip "no Python aiosmtpd (as root: apt-get install python3-aiosmtpd)"
	trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null' EXIT
	start_server || { cat "$TMP/server.log" >&2; die "the SMTP sink did not start"; }
	cat >"$TMP/msmtprc" <<EOF
defaults
auth off
tls off
syslog off
account default
host 127.0.0.1
port $PORT
from badges@test.example
EOF
	chmod 600 "$TMP/msmtprc"
	MSMTP="msmtp -C $TMP/msmtprc"
}

# issue_one <email> <name>: issues an award; prints its path.
issue_one() {
	bg issue --repo "$SITE" --badge "$BADGE" --key "$KEYS/rsa.pem" \
	    --recipient "$1" --name "$2" | cut -f1
}

# received: the number of messages in the sink.
received() {
	find "$SINK/new" "$SINK/cur" -type f 2>/dev/null | wc -l
}

# setup: two awards issued and committed, notices for them in $OUT.
setup() {
	new_repo "$SITE" "$TOP/tests/e2e/build/minimal/site"
	mkdir -p "$KEYS" "$SITE/content/keys"
	bg keygen --alg RS256 --out "$KEYS/rsa" --id "$RSA_ID" \
	    --issuer "$ISSUER" >/dev/null || die "keygen"
	cp "$KEYS/rsa.key.json" "$SITE/content/keys/rsa.json"
	sed -i "s|^\(  \"id\": \"$ISSUER\",\)\$|\1\n  \"publicKey\": [\"$RSA_ID\"],|" \
	    "$SITE/content/issuers/uni.json"
	printf '\n[mail]\nfrom = badges@test.example\n' >>"$SITE/site.conf"
	commit_all "$SITE" "key and sender"
	git -C "$SITE" rev-parse HEAD >"$TMP/base"
	a1=$(issue_one yamada@example.ac.jp "山田 太郎") || die "issue 1"
	a2=$(issue_one obrien@example.ac.jp "Pat O'Brien") || die "issue 2"
	[ -n "$a1" ] && [ -n "$a2" ] || die "no award paths"
	commit_all "$SITE" "awards"
	echo "$a1 $a2" >"$TMP/awards"
	bg notify --repo "$SITE" --since "$(cat "$TMP/base")" \
	    --outbox "$OUT" >"$TMP/notify.out" || die "notify"
	[ "$(ls "$OUT/new" | wc -l)" -eq 2 ] || die "$(ls "$OUT/new")"
}
t "sendmail: two awards issued, committed and written to the outbox" setup

# sent: setup, a sink, and both messages sent to it.
sent() {
	setup
	with_sink
	send
}

send() {
	SENDMAIL=$MSMTP "$SEND" "$OUT" >"$TMP/send1" 2>&1 ||
	    { cat "$TMP/send1" "$TMP/server.log"; die "send-outbox failed"; }
	[ "$(grep -c '^sent ' "$TMP/send1")" -eq 2 ] || die "$(cat "$TMP/send1")"
	[ -z "$(ls "$OUT/new")" ] || die "new/ not empty"
	[ "$(ls "$OUT/sent" | wc -l)" -eq 2 ] || die "sent/: $(ls "$OUT/sent")"
	[ ! -e "$OUT/send-outbox.lock" ] || die "the lock is left behind"
	n=0
	while [ "$(received)" -lt 2 ] && [ "$n" -lt 50 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	[ "$(received)" -eq 2 ] || die "the sink has $(received) messages"
}
t "sendmail: send-outbox delivers both over SMTP and moves them to sent/" sent

# check.py <sink> <subject> <url> <addr> <name>: the received message
# to addr, decoded; prints its headers and text part.
write_check_py() {
	cat >"$TMP/check.py" <<'EOF'
import email, email.policy, mailbox, sys
sink, subject, url, addr, name = sys.argv[1:6]
found = []
for key, raw in mailbox.Maildir(sink, factory=None).iteritems():
    m = email.message_from_bytes(raw.as_bytes(), policy=email.policy.default)
    if any(a.addr_spec == addr for a in m["To"].addresses):
        found.append(m)
if len(found) != 1:
    sys.exit("%d messages to %s" % (len(found), addr))
m = found[0]
def need(cond, what):
    if not cond:
        sys.exit("received message to %s: %s" % (addr, what))
need(str(m["Subject"]) == subject, "Subject: %r" % str(m["Subject"]))
to = m["To"].addresses[0]
need(to.display_name == name, "To name: %r" % to.display_name)
need(m["From"].addresses[0].addr_spec == "badges@test.example", "From")
need(m["X-MailFrom"] == "badges@test.example", "envelope sender")
need(m["X-RcptTo"] == addr, "envelope recipient %r" % m["X-RcptTo"])
need(m["Message-ID"] and m["Date"], "Message-ID or Date")
need(m.get_content_type() == "multipart/alternative", m.get_content_type())
parts = {p.get_content_type(): p.get_content() for p in m.iter_parts()}
need(sorted(parts) == ["text/html", "text/plain"], "parts %r" % sorted(parts))
need(url in parts["text/plain"], "no %s in the text part" % url)
need('href="%s"' % url in parts["text/html"], "no %s in the HTML part" % url)
need(name in parts["text/plain"], "no name in the text part")
for h in ("Date", "From", "To", "Subject", "Message-ID", "MIME-Version",
          "Content-Type", "X-MailFrom", "X-RcptTo"):
    print("%s: %s" % (h, m[h]))
print()
print(parts["text/plain"], end="")
EOF
}

# url_of <award path>: its public page.
url_of() {
	echo "${BASE}$(echo "${1%.*}" | sed 's|^content/||')/"
}

decode() {
	sent
	write_check_py
	a1=$(cut -d' ' -f1 "$TMP/awards")
	a2=$(cut -d' ' -f2 "$TMP/awards")
	"$PY" "$TMP/check.py" "$SINK" "$SUBJECT" "$(url_of "$a1")" \
	    yamada@example.ac.jp "山田 太郎" >"$TMP/yamada.txt" || die "yamada"
	"$PY" "$TMP/check.py" "$SINK" "$SUBJECT" "$(url_of "$a2")" \
	    obrien@example.ac.jp "Pat O'Brien" >"$TMP/obrien.txt" || die "obrien"
	grep -q '山田 太郎 様' "$TMP/yamada.txt" || die "no Japanese greeting"
	grep -q 'Dear 山田 太郎' "$TMP/yamada.txt" || die "no English greeting"
	if [ -n "${SENDMAIL_SHOW:-}" ]; then cat "$TMP/yamada.txt" >"$SENDMAIL_SHOW"; fi
}
t "sendmail: received: Subject and To decoded, both parts, the award's URL" decode

again() {
	sent
	SENDMAIL=$MSMTP "$SEND" "$OUT" >"$TMP/send2" 2>&1 || die "second run"
	[ ! -s "$TMP/send2" ] || die "$(cat "$TMP/send2")"
	sleep 0.2
	[ "$(received)" -eq 2 ] || die "sent again: $(received) received"
	[ "$(ls "$OUT/sent" | wc -l)" -eq 2 ] || die "sent/ changed"
}
t "sendmail: a second run sends nothing" again

failing() {
	sent
	issue_one later@example.ac.jp "Later Person" >/dev/null || die "issue"
	commit_all "$SITE" "one more"
	bg notify --repo "$SITE" --since "$(cat "$TMP/base")" \
	    --outbox "$OUT" >/dev/null || die "notify"
	[ "$(ls "$OUT/new" | wc -l)" -eq 1 ] || die "new/: $(ls "$OUT/new")"
	SENDMAIL=false expect_status 1 "$SEND" "$OUT" 2>"$TMP/err"
	grep -q '^failed .*: false exited 1; left in new/$' "$TMP/err" ||
	    die "$(cat "$TMP/err")"
	[ "$(ls "$OUT/new" | wc -l)" -eq 1 ] || die "moved out of new/"
	[ "$(ls "$OUT/sent" | wc -l)" -eq 2 ] || die "moved to sent/"
	[ ! -e "$OUT/send-outbox.lock" ] || die "the lock is left behind"
	# The MTA that works again delivers it.
	SENDMAIL=$MSMTP "$SEND" "$OUT" >"$TMP/send3" 2>&1 || die "$(cat "$TMP/send3")"
	[ "$(grep -c '^sent ' "$TMP/send3")" -eq 1 ] || die "$(cat "$TMP/send3")"
	n=0
	while [ "$(received)" -lt 3 ] && [ "$n" -lt 50 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	[ "$(received)" -eq 3 ] || die "the sink has $(received) messages"
}
t "sendmail: a failing MTA leaves the message in new/, exit 1; retried later" failing

overlap() {
	# a slow MTA, two runs at once: each message is handed over once
	printf '#!/bin/sh\nsleep 0.3\ncat >>"%s"\necho . >>"%s"\n' \
	    "$TMP/slow.mbox" "$TMP/slow.mbox" >"$TMP/slow-mta"
	chmod +x "$TMP/slow-mta"
	mkdir -p "$TMP/ob2/new"
	for i in 1 2 3; do
		printf 'To: x%s@example.org\n\nbody\n' "$i" >"$TMP/ob2/new/m$i"
	done
	SENDMAIL=$TMP/slow-mta "$SEND" "$TMP/ob2" >"$TMP/o1" 2>&1 &
	p=$!
	SENDMAIL=$TMP/slow-mta "$SEND" "$TMP/ob2" >"$TMP/o2" 2>&1 || die "run 2"
	wait "$p" || die "run 1"
	[ "$(grep -c '^To: ' "$TMP/slow.mbox")" -eq 3 ] ||
	    die "$(grep -c '^To: ' "$TMP/slow.mbox") handed over"
	[ "$(cat "$TMP/o1" "$TMP/o2" | grep -c '^sent ')" -eq 3 ] || die "sent lines"
	[ "$(ls "$TMP/ob2/sent" | wc -l)" -eq 3 ] || die "sent/"
	expect_status 2 "$SEND" 2>/dev/null
	expect_status 2 "$SEND" "$TMP/nosuch" 2>/dev/null
}
t "send-outbox: overlapping runs send each message once; usage errors" overlap

finish
