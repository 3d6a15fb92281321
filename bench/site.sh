#!/bin/sh
# site.sh - whole-site benchmark (make bench): synthetic site
# repositories of N awards, built by badgegen and the same pages by Hugo.
#
# For each N in $BENCH_SIZES (default "1000 10000"; add 100000 by hand,
# it takes long) it makes, in a temporary directory, a site repository:
# one issuer, three badge classes with Japanese text and PNG images, keys
# from `badgegen keygen`, and N awards from `badgegen issue --csv`, one
# CSV batch per format and badge: 70 % OB 2.0 RS256 JWS, 10 % OB 3.0
# VC-JWT ES256, 10 % VC-JWT EdDSA, 10 % eddsa-rdfc-2022; committed and
# repacked (repack -ad) so blobs are read from a pack.  Then it measures:
#
#   cold        no output, no verify cache
#   no change   the same commit again (verify cache warm)
#   one change  one award re-issued (--force, another date) and committed
#   bare        no change and one change again, built from a bare clone
#               (the post-receive path: no work tree to check)
#   hugo        the award pages from equivalent content files
#
# Each figure is the median of $BENCH_RUNS (3) runs; wall time and peak
# RSS come from GNU time (/usr/bin/time, installed as root if missing).
# The report goes to $BENCH_RESULTS (default build/bench/site.md) and to
# stdout.  Needs git; Hugo is installed as root (apt) if missing, else
# its column is skipped.
#
# Making the repository of 100,000 awards takes long (signing and
# writing every award), so BENCH_REPOS=<dir> keeps what is made, per N,
# in <dir>/<N>/: the site repository (site/), its keys (keys/) and the
# Hugo content (hugo/), each complete once its marker (site.done,
# hugo.done) is written; a later run reuses them, and makes again what
# has no marker (an interrupted generation).  The "one change" commits
# go on a branch, and the repository is reset to its generated commit
# before and after use.  Builds write to the temporary directory, never
# into <dir>.  BENCH_PREPARE=1 only makes (or checks) the repositories
# and measures nothing.  Without BENCH_REPOS everything is made in the
# temporary directory and removed at the end.
set -eu
cd "$(dirname "$0")/.."
TOP=$(pwd)
BUILD=${BUILD:-build}
SIZES=${BENCH_SIZES:-"1000 10000"}
RUNS=${BENCH_RUNS:-3}
RESULTS=${BENCH_RESULTS:-$TOP/$BUILD/bench/site.md}
REPOS=${BENCH_REPOS:-}
PREPARE=${BENCH_PREPARE:-}
# The layout of what make_site and make_hugo make: kept content of
# another version is made again.
GEN_VERSION=1 HUGO_VERSION=2
make -s badgegen
BG=$TOP/badgegen
NOW=2026-11-01T00:00:00Z
BASE=https://badges.example.ac.jp/
ISSUER=${BASE}issuers/kakuu.json
RSA_ID=${BASE}keys/kakuu-rs256.json
JWKS=${BASE}.well-known/jwks.json
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.ac.jp
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.ac.jp
export LC_ALL=C.UTF-8

WORK=$(mktemp -d "${TMPDIR:-/tmp}/badgegen-bench.XXXXXX")
# BENCH_KEEP=1 keeps the repositories (for profiling); else removed.
[ -n "${BENCH_KEEP:-}" ] && echo "keeping $WORK" >&2 ||
    trap 'rm -rf "$WORK"' EXIT INT TERM
mkdir -p "$(dirname "$RESULTS")"

# Tools: GNU time for RSS, Hugo for the comparison (as root only).
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ]; then
	apt-get install -y -q time >/dev/null 2>&1 || true
fi
if ! command -v hugo >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	apt-get install -y -q hugo >/dev/null 2>&1 || true
fi
HAVE_TIME=no; [ -x /usr/bin/time ] && HAVE_TIME=yes
HAVE_HUGO=no; command -v hugo >/dev/null 2>&1 && HAVE_HUGO=yes

# measure <label> <prepare command> <command>...: runs prepare then the
# command RUNS times; sets WALL (median seconds) and RSS (median KB).
# fresh <name> <command>...: writes $WORK/fresh.sh, which runs the
# command with one more argument, a new directory $WORK/<name>-<k> for
# the k-th run ($WORK/fresh.k says the last k).
fresh() {
	name=$1
	shift
	rm -f "$WORK/fresh.k"
	{ echo "k=\$(( \$(cat $WORK/fresh.k 2>/dev/null || echo 0) + 1 ))"
	  echo "echo \$k >$WORK/fresh.k"
	  printf 'exec'
	  for a in "$@"; do printf " '%s'" "$a"; done
	  echo " $WORK/$name-\$k"; } >"$WORK/fresh.sh"
}

measure() {
	label=$1 prep=$2
	shift 2
	: >"$WORK/times"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		sh -c "$prep"
		if [ "$HAVE_TIME" = yes ]; then
			/usr/bin/time -f '%e %M' -o "$WORK/t1" "$@" \
			    >/dev/null 2>"$WORK/last.err" ||
			    { cat "$WORK/last.err" >&2; echo "$label failed" >&2; exit 1; }
		else
			s=$(date +%s.%N)
			"$@" >/dev/null 2>"$WORK/last.err" ||
			    { cat "$WORK/last.err" >&2; echo "$label failed" >&2; exit 1; }
			e=$(date +%s.%N)
			echo "$(echo "$e - $s" | bc) 0" >"$WORK/t1"
		fi
		tail -n 1 "$WORK/t1" >>"$WORK/times"
		i=$((i + 1))
	done
	mid=$(( (RUNS + 1) / 2 ))
	WALL=$(cut -d' ' -f1 "$WORK/times" | sort -n | sed -n "${mid}p")
	RSS=$(cut -d' ' -f2 "$WORK/times" | sort -n | sed -n "${mid}p")
	echo "  $label: $(tr '\n' ' ' <"$WORK/times" | sed 's/ $//') -> median ${WALL} s, ${RSS} KB" >&2
}

# make_site <dir> <keys> <n>: the site repository of n awards, and its
# keys in <keys>.
make_site() {
	site=$1 keys=$2 n=$3
	rm -rf "$site" "$keys"
	mkdir -p "$site/content/badges" "$site/content/issuers" \
	    "$site/content/keys" "$site/content/static/.well-known" "$keys"
	cat >"$site/site.conf" <<-CONF
	title = 架空大学 オープンバッジ（ベンチマーク）
	base_url = $BASE
	lang = ja
	timezone = Asia/Tokyo
	output = public
	CONF
	for b in ai-basics ds-pbl infosec-intro; do
		cp "$TOP/content/badges/$b.json" "$TOP/content/badges/$b.png" \
		    "$site/content/badges/"
	done
	cp "$TOP/content/issuers/kakuu.png" "$site/content/issuers/"
	"$BG" keygen --alg RS256 --out "$keys/rsa" --id "$RSA_ID" \
	    --issuer "$ISSUER" >/dev/null
	"$BG" keygen --alg ES256 --out "$keys/p256" >/dev/null
	"$BG" keygen --alg EdDSA --out "$keys/ed" >/dev/null
	cp "$keys/rsa.key.json" "$site/content/keys/kakuu-rs256.json"
	{ printf '{"keys": [\n'; cat "$keys/rsa.jwk.json"; printf ',\n'
	  cat "$keys/p256.jwk.json"; printf ']}\n'; } \
	    >"$site/content/static/.well-known/jwks.json"
	mb=$(sed -n 's/.*"publicKeyMultibase": "\(z[^"]*\)".*/\1/p' \
	    "$keys/ed.did.json" | head -n 1)
	cat >"$site/content/issuers/kakuu.json" <<-JSON
	{
	  "@context": "https://w3id.org/openbadges/v2",
	  "type": "Issuer",
	  "id": "$ISSUER",
	  "name": "架空大学 学務部",
	  "url": "https://www.example.ac.jp/",
	  "email": "badges@example.ac.jp",
	  "description": "架空大学 学務部は、本学のプログラムを修了した学生に、学修成果を証明するオープンバッジを発行しています。",
	  "image": "${BASE}issuers/kakuu.png",
	  "publicKey": ["$RSA_ID"],
	  "verificationMethod": [{"id": "$ISSUER#ed", "type": "Multikey",
	    "controller": "$ISSUER", "publicKeyMultibase": "$mb"}],
	  "assertionMethod": ["$ISSUER#ed"]
	}
	JSON
	git -C "$site" init -q -b main
	# The batches: 70 % RS256 over the three badges, then 10 % each.
	n_rs=$((n * 7 / 10)) n_es=$((n / 10)) n_ed=$((n / 10))
	n_di=$((n - n_rs - n_es - n_ed))
	kid=$(tr -d ' \n' <"$keys/p256.jwk.json" |
	    sed 's/.*"kid":"\([^"]*\)".*/\1/')
	first=0
	batch() {	# <count> <badge> <format> <key> <key id>
		awk -v n="$1" -v f="$first" 'BEGIN {
			print "email,name"
			for (i = f; i < f + n; i++)
				printf "student%06d@example.ac.jp,架空 太郎%06d\n", i, i
		}' >"$WORK/batch.csv"
		first=$((first + $1))
		(cd "$site" && "$BG" issue --badge "content/badges/$2.json" \
		    --key "$4" --key-id "$5" --format "$3" --csv "$WORK/batch.csv" \
		    --date 2026-04-01T09:00:00+09:00 >/dev/null)
	}
	a=$((n_rs / 3)) b=$((n_rs / 3))
	batch "$a" ai-basics ob2 "$keys/rsa.pem" "$RSA_ID"
	batch "$b" ds-pbl ob2 "$keys/rsa.pem" "$RSA_ID"
	batch $((n_rs - a - b)) infosec-intro ob2 "$keys/rsa.pem" "$RSA_ID"
	batch "$n_es" ai-basics ob3-jwt "$keys/p256.pem" "$JWKS#$kid"
	batch "$n_ed" ds-pbl ob3-jwt "$keys/ed.pem" "$ISSUER#ed"
	batch "$n_di" infosec-intro ob3-di "$keys/ed.pem" "$ISSUER#ed"
	git -C "$site" add -A
	# No automatic gc in the background: the repack is next.
	git -C "$site" -c gc.auto=0 commit -qm "$n awards"
	git -C "$site" repack -adq
	git -C "$site" prune-packed
}

# make_hugo <site> <dir>: the same award pages as Hugo content.
make_hugo() {
	site=$1 hs=$2
	rm -rf "$hs"
	mkdir -p "$hs/content/awards" "$hs/layouts/_default" "$hs/static/badges"
	cp "$site/content/badges/"*.png "$hs/static/badges/"
	cat >"$hs/config.toml" <<-TOML
	baseURL = "$BASE"
	languageCode = "ja"
	title = "架空大学 オープンバッジ（ベンチマーク）"
	disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "section"]
	TOML
	printf '<!doctype html><title>{{ .Site.Title }}</title>\n' \
	    >"$hs/layouts/index.html"
	cp "$TOP/bench/hugo-single.html" "$hs/layouts/_default/single.html"
	# One content file per award of the site, from its sidecar and badge.
	for b in ai-basics ds-pbl infosec-intro; do
		# name, description, criteria (one line, JSON-escaped), skills
		sed -n 's/^  "name": "\(.*\)",$/\1/p' "$site/content/badges/$b.json" >"$WORK/$b.name"
		sed -n 's/^  "description": "\(.*\)",$/\1/p' "$site/content/badges/$b.json" >"$WORK/$b.desc"
		sed -n 's/^    "narrative": "\(.*\)"$/\1/p' "$site/content/badges/$b.json" | head -n 1 >"$WORK/$b.crit"
		sed -n 's/^      "targetName": "\(.*\)",$/\1/p' "$site/content/badges/$b.json" |
		    sed 's/.*/"&"/' | paste -sd, - >"$WORK/$b.skills"
	done
	find "$site/content/awards" -name '*.conf' | sort |
	    awk -v w="$WORK" -v out="$hs/content/awards" '
	function slurp(f,   l) { getline l < f; close(f); return l }
	{
		conf = $0; base = conf; sub(/\.conf$/, "", base)
		n = split(base, p, "/"); slug = p[n]
		b = slug; sub(/-[0-9a-f]+$/, "", b)
		if (!(b in bname)) {
			bname[b] = slurp(w "/" b ".name"); bdesc[b] = slurp(w "/" b ".desc")
			bcrit[b] = slurp(w "/" b ".crit"); bskill[b] = slurp(w "/" b ".skills")
		}
		# The sidecar holds the address only: the name is the one
		# batch() gave that address.
		name = ""
		while ((getline l < conf) > 0)
			if (l ~ /^email *= *student[0-9]+@/) {
				sub(/^email *= *student/, "", l); sub(/@.*/, "", l)
				name = "架空 太郎" l
			}
		close(conf)
		crit = bcrit[b]; gsub(/\\n/, "\n", crit)
		f = out "/" slug ".md"
		printf "---\ntitle: \"%s\"\nbadge: \"%s\"\nbadge_image: \"/badges/%s.png\"\n", bname[b], bname[b], b > f
		printf "issuer: \"架空大学 学務部\"\nissuer_url: \"https://www.example.ac.jp/\"\n" > f
		printf "recipient: \"%s\"\nissued: 2026-04-01T09:00:00+09:00\n", name > f
		printf "expires: 2030-03-31T23:59:59+09:00\n" > f
		printf "description: \"%s\"\nskills: [%s]\n---\n%s\n", bdesc[b], bskill[b], crit > f
		close(f)
	}'
}

# awards_count <site>: the awards in the repository.
awards_count() {
	find "$1/content/awards" -name '*.conf' | wc -l | tr -d ' '
}

# marker_ok <file> <first line>: whether the marker is there and says
# a complete generation of this version and size.
marker_ok() {
	[ -f "$1" ] && [ "$(sed -n 1p "$1")" = "$2" ]
}

# pristine <site> <commit>: the repository back at its generated commit,
# on main, with no other branch and nothing else in the work tree.
pristine() {
	git -C "$1" checkout -qf main
	git -C "$1" reset -q --hard "$2"
	git -C "$1" clean -qfdx
	if git -C "$1" rev-parse -q --verify refs/heads/bench-one >/dev/null
	then
		git -C "$1" branch -qD bench-one
	fi
}

# prepare_site <n>: sets site, keys and hs (the Hugo content) for n
# awards, made now or, with BENCH_REPOS, reused when complete.
prepare_site() {
	if [ -z "$REPOS" ]; then
		site=$WORK/site-$1 keys=$WORK/keys hs=$WORK/hugo-$1
		t0=$(date +%s)
		make_site "$site" "$keys" "$1"
		echo "  site made in $(( $(date +%s) - t0 )) s:" \
		    "$(awards_count "$site") awards" >&2
		return
	fi
	site=$REPOS/$1/site keys=$REPOS/$1/keys hs=$REPOS/$1/hugo
	if marker_ok "$REPOS/$1/site.done" "bench-site $GEN_VERSION $1"; then
		echo "  reusing $site ($(sed -n 2p "$REPOS/$1/site.done"))" >&2
		pristine "$site" "$(sed -n 's/^commit //p' "$REPOS/$1/site.done")"
		return
	fi
	rm -rf "$REPOS/$1"
	mkdir -p "$REPOS/$1"
	t0=$(date +%s)
	make_site "$site" "$keys" "$1"
	got=$(awards_count "$site")
	[ "$got" = "$1" ] ||
	    { echo "site of $1 awards has $got" >&2; exit 1; }
	{ echo "bench-site $GEN_VERSION $1"
	  echo "made $(date -u +%Y-%m-%dT%H:%M:%SZ) in $(( $(date +%s) - t0 )) s" \
	      "by badgegen $(git -C "$TOP" rev-parse --short HEAD 2>/dev/null || echo '?')"
	  echo "commit $(git -C "$site" rev-parse HEAD)"; } >"$REPOS/$1/site.done"
	echo "  site made in $(( $(date +%s) - t0 )) s: $got awards," \
	    "kept in $site" >&2
}

# prepare_hugo <n>: the Hugo content of prepare_site's site in hs, made
# now or, with BENCH_REPOS, reused when complete.
prepare_hugo() {
	if [ -n "$REPOS" ] &&
	    marker_ok "$REPOS/$1/hugo.done" "bench-hugo $HUGO_VERSION $1"; then
		return
	fi
	[ -z "$REPOS" ] || rm -f "$REPOS/$1/hugo.done"
	t0=$(date +%s)
	make_hugo "$site" "$hs"
	echo "  Hugo content made in $(( $(date +%s) - t0 )) s" >&2
	[ -z "$REPOS" ] ||
	    echo "bench-hugo $HUGO_VERSION $1" >"$REPOS/$1/hugo.done"
}

if [ -n "$PREPARE" ]; then
	[ -n "$REPOS" ] || { echo "BENCH_PREPARE needs BENCH_REPOS" >&2; exit 2; }
	for n in $SIZES; do
		echo "== $n awards" >&2
		prepare_site "$n"
		[ "$HAVE_HUGO" = no ] || prepare_hugo "$n"
	done
	exit 0
fi

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
{
	echo "## Measured $(date -u +%Y-%m-%d)"
	echo
	echo "Machine: $(nproc) cores, $cpu, $mem, $(uname -sr)."
	echo "badgegen $(git -C "$TOP" rev-parse --short HEAD 2>/dev/null || echo '?'),"
	echo "$(hugo version 2>/dev/null | cut -d' ' -f1-2 || true)."
	echo "Median of $RUNS runs; wall time and peak RSS from GNU time ($HAVE_TIME)."
	echo
	echo "| Awards | Case | Wall s | Awards/s | Peak RSS MB | Output MB |"
	echo "|---:|---|---:|---:|---:|---:|"
} >"$RESULTS"
ratios=

for n in $SIZES; do
	echo "== $n awards" >&2
	out=$WORK/out-$n
	cache=$WORK/.out-$n.verify-cache
	prepare_site "$n"
	pristine_commit=$(git -C "$site" rev-parse HEAD)
	build="$BG build --repo $site --out $out --now $NOW"
	row() {	# <case> <awards>
		mb=$(du -sb "$out" | awk '{ printf "%.1f", $1 / 1e6 }')
		printf '| %s | %s | %s | %s | %s | %s |\n' "$n" "$1" "$WALL" \
		    "$(awk -v n="$2" -v w="$WALL" 'BEGIN { printf "%.0f", (w > 0 ? n / w : 0) }')" \
		    "$(awk -v r="$RSS" 'BEGIN { printf "%.0f", r / 1024 }')" "$mb" \
		    >>"$RESULTS"
	}
	# Each cold run writes a directory of its own, removed only after
	# all runs: on this file system, writing many files just after
	# removing many costs up to four times as much (inode allocation
	# passes over the recently freed ones), which is not the build's
	# cost.  Hugo's runs get the same.
	fresh "cold-$n" $BG build --repo "$site" --now $NOW --out
	measure cold "true" sh "$WORK/fresh.sh"
	out=$WORK/cold-$n-$(cat "$WORK/fresh.k")
	cache=$WORK/.cold-$n-$(cat "$WORK/fresh.k").verify-cache
	build="$BG build --repo $site --out $out --now $NOW"
	grep '^built' "$WORK/last.err" >&2 || true
	row "badgegen cold (no output, no verify cache)" "$n"
	bg_cold=$WALL
	measure "no change" "true" $build
	row "badgegen no change (cache warm)" "$n"
	# One award re-issued with another date, committed on a branch,
	# then built; the repository goes back to its commit afterwards.
	one=$(find "$site/content/awards" -name '*.conf' | sort | head -n 1)
	email=$(sed -n 's/^email *= *//p' "$one")
	badge=$(basename "$one" | sed 's/-[0-9a-f]*\.conf$//')
	cat >"$WORK/one.sh" <<-ONE
	set -e
	d=\$(( \$(cat $WORK/day 2>/dev/null || echo 1) + 1 ))
	echo \$d >$WORK/day
	cd $site
	$BG issue --badge content/badges/$badge.json --key $keys/rsa.pem \
	    --key-id $RSA_ID --recipient $email --name 変更 --force \
	    --date 2026-04-\$(printf %02d \$d)T09:00:00+09:00 >/dev/null
	git add -A && git commit -qm "one change \$d"
	ONE
	git -C "$site" checkout -q -b bench-one
	measure "one change" "sh $WORK/one.sh" $build
	row "badgegen one award changed" "$n"
	# The publishing path: contrib/post-receive builds from a bare
	# repository, which has no work tree to check for uncommitted
	# changes.
	bare=$WORK/bare-$n.git
	rm -rf "$bare"
	git clone -q --bare --shared "$site" "$bare"
	measure "bare no change" "$BG build --repo $bare --rev bench-one --out $out --now $NOW --quiet" \
	    $BG build --repo "$bare" --rev bench-one --out "$out" --now $NOW
	row "badgegen no change, bare repository (post-receive)" "$n"
	measure "bare one change" "sh $WORK/one.sh && git -C $bare fetch -q $site +bench-one:bench-one" \
	    $BG build --repo "$bare" --rev bench-one --out "$out" --now $NOW
	row "badgegen one award changed, bare repository (post-receive)" "$n"
	rm -rf "$bare"
	pristine "$site" "$pristine_commit"
	if [ "$HAVE_HUGO" = yes ]; then
		prepare_hugo "$n"
		fresh "hugo-out-$n" hugo --quiet -s "$hs" --cacheDir \
		    "$WORK/hugo-cache" -d
		measure hugo "rm -rf $hs/resources $WORK/hugo-cache" \
		    sh "$WORK/fresh.sh"
		rm -rf "$hs/resources" "$hs/.hugo_build.lock"
		[ -n "${BENCH_KEEP:-}" ] || rm -rf "$WORK"/cold-$n-* \
		    "$WORK"/.cold-$n-*
		out=$WORK/hugo-out-$n-$(cat "$WORK/fresh.k")
		row "Hugo cold, the same award pages" "$n"
		ratios="$ratios
- $n awards: badgegen cold $bg_cold s, Hugo $WALL s: badgegen $(awk -v a="$bg_cold" -v b="$WALL" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')× Hugo's pages/s"
		[ -n "${BENCH_KEEP:-}" ] || [ -n "$REPOS" ] || rm -rf "$hs"
	fi
	[ -n "${BENCH_KEEP:-}" ] || rm -rf "$WORK"/cold-$n-* \
	    "$WORK"/.cold-$n-* "$WORK"/hugo-out-$n-*
	[ -n "${BENCH_KEEP:-}" ] || [ -n "$REPOS" ] || rm -rf "$site"
	rm -f "$WORK/day"
done
if [ -n "$ratios" ]; then
	{ echo; echo "Ratios (badgegen cold against Hugo):"; echo "$ratios"; } \
	    >>"$RESULTS"
fi
cat "$RESULTS"
