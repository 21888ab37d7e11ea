#!/usr/bin/env bash
# Side by side: proofpack build against libvips (vipsthumbnail with
# shrink-on-load into a 2000 px box at quality 85, two images at a time,
# then img2pdf), ImageMagick, img2pdf alone and three decode-only floors
# (the standard decoders at full size; photos decoded at 1/2 size as
# proofpack's own decoder does; libjpeg-turbo's SIMD `djpeg -scale 1/2` on
# the photos), on one deterministic order (bench/genorder: 8 phone photos
# 4032x3024 JPEG with EXIF orientation and GPS, 3 screenshots 1170x2532
# PNG). Runs the commands in turn, RUNS times (after one warm-up round), and
# prints median and min-max of wall time, CPU time (user+system) and peak
# memory (max RSS) from /usr/bin/time, the output sizes and the ratios
# against the targets (wall <= 0.6x the vips route, peak memory <= the vips
# route's + 30 MB, output no larger than the vips route's).
#
#   bench/run.sh [-n RUNS] [-w WORKDIR] [-b PROOFPACK_BINARY]
#
# -b times an already built binary instead of building ./cmd/proofpack; an
# order already in WORKDIR/order is reused.
# Needs: go, /usr/bin/time (Debian: time), ImageMagick 6 (imagemagick),
# img2pdf, vipsthumbnail (libvips-tools), djpeg (libjpeg-turbo-progs), xargs
# and unshare (util-linux) for the ImageMagick policy below.
#
# Debian's /etc/ImageMagick-6/policy.xml forbids writing PDF and caps
# memory at 256 MiB. ImageMagick reads every policy.xml on its path and the
# system file's "coder none PDF" rule is read last, so a policy found through
# MAGICK_CONFIGURE_PATH alone cannot lift it. The script therefore runs
# convert in a private mount namespace (unshare -rm) in which a permissive
# policy.xml from the work folder is bind-mounted over the system one: only
# that convert process sees it; /etc is never modified.
set -euo pipefail

runs=5
work=""
bin=""
while getopts "n:w:b:h" opt; do
	case $opt in
	n) runs=$OPTARG ;;
	w) work=$OPTARG ;;
	b) bin=$(realpath "$OPTARG") ;;
	*) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
	esac
done
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "$work" ]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/proofpack-bench.XXXXXX")
fi
mkdir -p "$work/out" "$work/times" "$work/magick"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: $TIME is missing (apt-get install time)" >&2; exit 1; }
# The real ImageMagick 6 binary, not a wrapper that may shadow it on PATH.
convert=$(command -v convert-im6.q16 || command -v convert || true)
[ -n "$convert" ] || { echo "bench: ImageMagick is missing (apt-get install imagemagick)" >&2; exit 1; }
command -v img2pdf >/dev/null || { echo "bench: img2pdf is missing (apt-get install img2pdf)" >&2; exit 1; }
command -v vipsthumbnail >/dev/null || { echo "bench: vipsthumbnail is missing (apt-get install libvips-tools)" >&2; exit 1; }
command -v djpeg >/dev/null || { echo "bench: djpeg is missing (apt-get install libjpeg-turbo-progs)" >&2; exit 1; }

echo "== building (work folder $work)"
(
	cd "$root"
	if [ -n "$bin" ]; then cp "$bin" "$work/proofpack"; else go build -o "$work/proofpack" ./cmd/proofpack; fi
	go build -o "$work/decodefloor" ./bench/decodefloor
	[ -f "$work/order/order.yaml" ] || go run ./bench/genorder -o "$work/order"
)
order=$work/order
# The images in manifest order.
mapfile -t images < <(sed -n 's/^  - {file: \([^,]*\),.*/\1/p' "$order/order.yaml")
paths=()
photos=()
for f in "${images[@]}"; do
	paths+=("$order/$f")
	case $f in *.jpg) photos+=("$order/$f") ;; esac
done

cat >"$work/magick/policy.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<policymap>
  <policy domain="resource" name="memory" value="8GiB"/>
  <policy domain="resource" name="map" value="8GiB"/>
  <policy domain="resource" name="area" value="4GP"/>
  <policy domain="resource" name="disk" value="16GiB"/>
  <policy domain="coder" rights="read|write" pattern="{PDF,JPEG,PNG}"/>
</policymap>
EOF
syspolicy=""
for p in /etc/ImageMagick-6/policy.xml /etc/ImageMagick-7/policy.xml; do
	[ -f "$p" ] && syspolicy=$p && break
done

run_proofpack() { "$work/proofpack" build "$order" -o "$work/out/proofpack.pdf" >/dev/null; }
run_magick() {
	local args=("${paths[@]}" -auto-orient -resize 2000x2000 -quality 85 -compress jpeg "$work/out/magick.pdf")
	if [ -n "$syspolicy" ]; then
		MAGICK_CONFIGURE_PATH=$work/magick unshare -rm sh -c \
			'mount --bind "$0" "$1" && shift && exec "$@"' \
			"$work/magick/policy.xml" "$syspolicy" "$convert" "${args[@]}"
	else
		MAGICK_CONFIGURE_PATH=$work/magick "$convert" "${args[@]}"
	fi
}
run_img2pdf() { img2pdf "${paths[@]}" -o "$work/out/img2pdf.pdf"; }
# vipsthumbnail decodes each JPEG at the largest 1/2^k that still covers
# the box (shrink-on-load), applies the EXIF orientation and strips
# metadata; the numbered names keep img2pdf's page order.
run_vips() {
	rm -rf "$work/vips" && mkdir -p "$work/vips"
	local i=0
	for p in "${paths[@]}"; do
		i=$((i + 1))
		printf '%s\0%s/vips/%02d.jpg[Q=85,strip]\0' "$p" "$work" "$i"
	done | xargs -0 -n 2 -P 2 sh -c 'vipsthumbnail "$0" --size 2000x2000 -o "$1"'
	img2pdf "$work"/vips/*.jpg -o "$work/out/vips.pdf"
}
run_djpeg() { for p in "${photos[@]}"; do djpeg -scale 1/2 "$p" >/dev/null; done; }
run_floor() { "$work/decodefloor" "${paths[@]}" >/dev/null; }
run_floor2() { "$work/decodefloor" -jpeg-scale 2 "${paths[@]}" >/dev/null; }

tools=(proofpack vips magick img2pdf floor floor2 djpeg)
timed() { # tool round
	"$TIME" -o "$work/times/$1.$2" -f '%e %U %S %M' bash -c "$(declare -f "run_$1"); $(declare -p work order paths photos convert syspolicy); run_$1"
}

echo "== warm-up round"
for t in "${tools[@]}"; do timed "$t" warmup; done
for r in $(seq 1 "$runs"); do
	echo "== round $r of $runs"
	for t in "${tools[@]}"; do timed "$t" "$r"; done
done

# stats FILE-GLOB FIELD-EXPR -> "median min max"
stats() {
	local tool=$1 expr=$2
	for r in $(seq 1 "$runs"); do
		awk "{ print $expr }" "$work/times/$tool.$r"
	done | sort -g | awk '{ v[NR] = $1 } END {
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%s %s %s\n", m, v[1], v[NR] }'
}
declare -A wall cpu mem
echo
echo "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $runs runs each, interleaved"
echo "input: ${#paths[@]} images, $(du -cb "${paths[@]}" | tail -1 | cut -f1 | awk '{ printf "%.1f MB", $1 / 1e6 }')"
printf '\n| %-10s | %-22s | %-22s | %-22s | %-9s |\n' tool "wall s: median (min-max)" "CPU s: median (min-max)" "peak MB: median (min-max)" "output MB"
printf '|%s|%s|%s|%s|%s|\n' ------------ ------------------------ ------------------------ ------------------------ -----------
for t in "${tools[@]}"; do
	read -r wm wl wh < <(stats "$t" '$1')
	read -r cm cl ch < <(stats "$t" '$2 + $3')
	read -r mm ml mh < <(stats "$t" '$4 / 1024')
	wall[$t]=$wm cpu[$t]=$cm mem[$t]=$mm
	size="-"
	case $t in
	proofpack | vips | magick | img2pdf) size=$(stat -c %s "$work/out/$t.pdf" | awk '{ printf "%.2f", $1 / 1e6 }') ;;
	esac
	printf '| %-10s | %-22s | %-22s | %-22s | %-9s |\n' "$t" \
		"$(printf '%.2f (%.2f-%.2f)' "$wm" "$wl" "$wh")" \
		"$(printf '%.2f (%.2f-%.2f)' "$cm" "$cl" "$ch")" \
		"$(printf '%.0f (%.0f-%.0f)' "$mm" "$ml" "$mh")" "$size"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
size() { stat -c %s "$work/out/$1.pdf"; }
echo
echo "proofpack / vips wall:         $(ratio "${wall[proofpack]}" "${wall[vips]}")  (target <= 0.60)"
echo "proofpack - vips peak memory:  $(awk -v a="${mem[proofpack]}" -v b="${mem[vips]}" 'BEGIN { printf "%+.0f MB", a - b }')  (target <= +30 MB)"
echo "proofpack / vips output:       $(ratio "$(size proofpack)" "$(size vips)")  (target <= 1.00)"
echo "proofpack / ImageMagick wall:  $(ratio "${wall[proofpack]}" "${wall[magick]}")"
echo "proofpack / decode floor wall: $(ratio "${wall[proofpack]}" "${wall[floor]}")"
echo "proofpack / 1/2-decode floor:  $(ratio "${wall[proofpack]}" "${wall[floor2]}")  (photos decoded at 1/2 size by proofpack's decoder)"
echo "proofpack / djpeg 1/2 floor:   $(ratio "${wall[proofpack]}" "${wall[djpeg]}")  (libjpeg-turbo, SIMD C, photos only, one core)"
echo "proofpack output:              $(size proofpack | awk '{ printf "%.2f MB", $1 / 1e6 }')"
echo "outputs and raw times: $work"
