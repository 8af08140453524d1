#!/usr/bin/env bash
# Time publishing N (default 100) policy pages with policyeditor against
# Hugo building the same N Markdown pages, and print the ratio.
#
#   bench/publish_vs_hugo.sh            # N=100, RUNS=10
#   N=300 RUNS=5 bench/publish_vs_hugo.sh
#
# policyeditor: each run starts from a copy of a draft store holding the N
# imported pages and no publications, and runs `publish --all --target site`
# (render, date stamp, atomic write made durable — two syncfs calls per
# batch on Linux's local file systems, else an fsync of every page and
# folder — then revision + publication in SQLite, one transaction per
# batch; see target.dirBatch). Hugo: each run builds
# the site into an empty public/ folder. Hugo does NOT fsync what it
# writes, so this compares a durable publish against a build that leaves
# the data in the page cache.
#
# Uses the policyeditor CLI if it builds (`--db DB import FILE --slug S`,
# `--db DB publish --all --target site`), else bench/publishgen, which
# calls storage + publish/deploy directly (USE_CLI=no forces it). Uses hyperfine if installed
# (Debian: hyperfine; NO_HYPERFINE=1 to skip it), else a loop timed with
# date +%s%N.
# Needs: go, hugo (Debian: hugo).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100}
RUNS=${RUNS:-10}
W=$(mktemp -d /tmp/publish-vs-hugo.XXXXXX)
trap 'rm -rf "$W"' EXIT

command -v hugo >/dev/null || { echo "hugo not installed (Debian package hugo)" >&2; exit 1; }
go build -o "$W/publishgen" ./bench/publishgen
"$W/publishgen" gen "$W/md" "$N"
"$W/publishgen" hugo "$W/hugo" "$W/md"
mkdir -p "$W/base" "$W/run"

tool=publishgen
if [ "${USE_CLI:-auto}" != no ] && go build -tags nogui -o "$W/policyeditor" . 2>"$W/build.log" &&
	"$W/policyeditor" help 2>&1 | grep -q 'publish' && "$W/policyeditor" help 2>&1 | grep -q 'import'; then
	tool=policyeditor
	for f in "$W"/md/*.md; do
		slug=$(basename "$f" .md)
		"$W/policyeditor" --db "$W/base/drafts.db" import "$f" --slug "$slug" >/dev/null
	done
	publish_cmd="$W/policyeditor --db $W/run/drafts.db publish --all --target site"
else
	"$W/publishgen" import "$W/base/drafts.db" "$W/md"
	publish_cmd="$W/publishgen publish $W/run/drafts.db"
fi
# A fresh store with no publications for every run, so every page is written.
# What a run leaves is moved aside, not deleted until the end: on ext4
# without a journal a file created steps over every inode freed in the last
# minute or more, so deleting the last run's files made each create of the
# next cost several times more, for both tools (see bench/runner).
mkdir -p "$W/used"
aside="for p in $W/run $W/base/site $W/hugo/public $W/hugo/resources; do if [ -e \$p ]; then mv \$p $W/used/\$(date +%s%N)-\$(basename \$p); fi; done"
prepare_pe="$aside && mkdir -p $W/run && cp $W/base/drafts.db* $W/run/ && sync"
hugo_cmd="hugo --quiet --source $W/hugo --destination $W/hugo/public"
prepare_hugo="$aside && sync"

# Sanity: one run of each writes N pages.
eval "$prepare_pe"; $publish_cmd >/dev/null 2>&1
pe_pages=$(find "$W" -path "$W/hugo" -prune -o -name index.html -print | wc -l)
eval "$prepare_hugo"; $hugo_cmd
hugo_pages=$(find "$W/hugo/public" -name index.html | wc -l)
echo "pages: $N markdown files; policyeditor ($tool) wrote $pe_pages, hugo wrote $hugo_pages"
[ "$pe_pages" -ge "$N" ] && [ "$hugo_pages" -ge "$N" ] || { echo "a tool did not write every page" >&2; exit 1; }

if [ "${NO_HYPERFINE:-0}" != 1 ] && command -v hyperfine >/dev/null; then
	hyperfine --warmup 1 --runs "$RUNS" --export-csv "$W/times.csv" \
		--prepare "$prepare_pe" -n "policyeditor publish --all ($tool)" "$publish_cmd" \
		--prepare "$prepare_hugo" -n "hugo" "$hugo_cmd"
	# CSV columns: command,mean,stddev,median,user,system,min,max
	pe_mean=$(awk -F, 'NR==2{print $2}' "$W/times.csv")
	hugo_mean=$(awk -F, 'NR==3{print $2}' "$W/times.csv")
	awk -F, 'NR>1{printf "%-45s median %7.1f ms, CPU (user+sys) %7.1f ms\n", $1, $4*1000, ($5+$6)*1000; m[NR]=$4; c[NR]=$5+$6}
		END{printf "median ratio policyeditor/hugo: %.2f; CPU ratio: %.2f\n", m[2]/m[3], c[2]/c[3]}' "$W/times.csv"
else
	time_loop() { # prepare, command → mean seconds
		local total=0 t0 t1
		for _ in $(seq "$RUNS"); do
			eval "$1"
			t0=$(date +%s%N); $2 >/dev/null 2>&1; t1=$(date +%s%N)
			total=$((total + t1 - t0))
		done
		awk -v t="$total" -v n="$RUNS" 'BEGIN{printf "%.4f", t/n/1e9}'
	}
	pe_mean=$(time_loop "$prepare_pe" "$publish_cmd")
	hugo_mean=$(time_loop "$prepare_hugo" "$hugo_cmd")
fi
awk -v pe="$pe_mean" -v hu="$hugo_mean" -v n="$N" 'BEGIN{
	printf "policyeditor: %.1f ms for %d pages (%.2f ms/page, every page fsynced)\n", pe*1000, n, pe*1000/n
	printf "hugo:         %.1f ms for %d pages (%.2f ms/page, no fsync)\n", hu*1000, n, hu*1000/n
	printf "ratio policyeditor/hugo: %.2f\n", pe/hu
}'
