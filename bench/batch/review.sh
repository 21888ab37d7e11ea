#!/bin/sh
# What the review page (index.html and its thumbnails) costs a batch: the
# same 200 orders (copies of the Chinese missing-item sample, one with a
# damaged label) built with --force at -j 2, with the page and with
# --no-html, in turn, ROUNDS times. Prints wall and CPU time (user+system)
# per run; compare CPU time on a shared machine.
#
#   sh bench/batch/review.sh [WORKDIR] [ROUNDS]     (from the repository root)
set -eu
W=${1:-/tmp/proofpack-review-bench}
R=${2:-2}
rm -rf "$W" && mkdir -p "$W"
go build -o "$W/proofpack" ./cmd/proofpack
P="$W/proofpack"
"$P" samples -o "$W/s" --only missing-item-zh >/dev/null
mkdir -p "$W/r"
i=1
while [ "$i" -le 200 ]; do
	id=$(printf 'BENCH-%04d' "$i")
	cp -r "$W/s/orders/missing-item-zh" "$W/r/$id"
	sed -i "s/PDD-20261101-0001/$id/" "$W/r/$id/order.yaml"
	i=$((i + 1))
done
head -c 2000 "$W/r/BENCH-0077/label.jpg" > "$W/x" && mv "$W/x" "$W/r/BENCH-0077/label.jpg"
round=1
while [ "$round" -le "$R" ]; do
	for mode in html no-html; do
		flag=""
		[ "$mode" = no-html ] && flag=--no-html
		/usr/bin/time -f "$mode: %e s wall, %U+%S s CPU, %M KB" "$P" batch "$W/r" -o "$W/o-$mode" -j 2 --quiet --force $flag >/dev/null 2>"$W/err" || true
		tail -1 "$W/err"
	done
	round=$((round + 1))
done
du -sh "$W/o-html/review" "$W/o-html/index.html"
