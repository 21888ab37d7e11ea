#!/bin/sh
# Measures proofpack batch: the 200-order run with one corrupt image, the
# incremental re-run, a one-file change, peak memory against a 10-order
# batch, -j 2 against -j 1, and a kill -9 in the middle followed by a
# resume (every PDF through qpdf --check).
#
#   sh bench/batch/measure.sh [WORKDIR]     (from the repository root)
set -eu
W=${1:-/tmp/proofpack-batch-bench}
rm -rf "$W" && mkdir -p "$W"
go build -o "$W/proofpack" ./cmd/proofpack
P="$W/proofpack"
"$P" samples -o "$W/s" --only missing-item-zh >/dev/null

# gen N DIR: N copies of the Chinese sample, order ids BENCH-0001...
gen() {
	mkdir -p "$2"
	i=1
	while [ "$i" -le "$1" ]; do
		id=$(printf 'BENCH-%04d' "$i")
		cp -r "$W/s/orders/missing-item-zh" "$2/$id"
		sed -i "s/PDD-20261101-0001/$id/" "$2/$id/order.yaml"
		i=$((i + 1))
	done
}
gen 200 "$W/r200"
gen 10 "$W/r10"
gen 20 "$W/r20"
head -c 2000 "$W/r200/BENCH-0077/label.jpg" > "$W/x" && mv "$W/x" "$W/r200/BENCH-0077/label.jpg"

echo "== 200 orders, one corrupt, -j 2"
/usr/bin/time -v "$P" batch "$W/r200" -o "$W/o200" -j 2 2>"$W/t200" >"$W/tally200" || echo "exit $?"
cat "$W/tally200"; grep FAILED "$W/t200"; grep -E 'Elapsed|Maximum resident' "$W/t200"
echo "== second run"
"$P" batch "$W/r200" -o "$W/o200" -j 2 --quiet || echo "exit $?"
echo "== one evidence file changed"
printf 'x' >> "$W/r200/BENCH-0123/chat-1.png"
"$P" batch "$W/r200" -o "$W/o200" -j 2 2>&1 | grep -v unchanged || true
echo "== 10 orders, -j 2"
/usr/bin/time -v "$P" batch "$W/r10" -o "$W/o10" -j 2 --quiet 2>"$W/t10" || echo "exit $?"
grep -E 'Elapsed|Maximum resident' "$W/t10"
echo "== kill -9 mid-run, then resume"
"$P" batch "$W/r20" -o "$W/o20" -j 2 --quiet & pid=$!
sleep 7; kill -9 $pid; wait $pid 2>/dev/null || true
ls -a "$W/o20" | grep -c 'pdf$' || true; ls -a "$W/o20" | grep tmp || true
for f in "$W"/o20/*.pdf; do qpdf --check "$f" >/dev/null || echo "BROKEN $f"; done
"$P" batch "$W/r20" -o "$W/o20" -j 2 --quiet || echo "exit $?"
ls -a "$W/o20" | grep tmp || echo "no temporary files left"
n=0; for f in "$W"/o20/*.pdf; do qpdf --check "$f" >/dev/null && n=$((n + 1)) || echo "BROKEN $f"; done; echo "$n PDFs pass qpdf --check"
echo "== -j 2 vs -j 1 (10 orders, --force)"
for run in 1 2 3; do
	for j in 1 2; do
		/usr/bin/time -f "-j $j: %e s wall, %U+%S s CPU, %M KB" "$P" batch "$W/r10" -o "$W/oj$j" -j $j --quiet --force
	done
done
