package jpegscale

// The scaled inverse DCT. A block's 8x8 DCT coefficients F(v, u) are those
// of an orthonormal transform (JPEG's C(u)/2 factors), so the lowest s x s
// of them, multiplied by sqrt(s/8) per dimension, are the orthonormal s x s
// DCT of the block low-pass filtered and decimated to s x s. Inverting that
// s x s transform gives the output pixels:
//
//	p(y, x) = sum over v, u < s of M(y, v) M(x, u) F(v, u) + 128
//	M(x, u) = sqrt(s/8) a(u) cos((2x+1) u pi / 2s),  a(0) = sqrt(1/s), a(u) = sqrt(2/s)
//
// computed in fixed point: M is scaled by 2^13 and rounded to an integer,
// the row pass keeps 3 fractional bits, and the column pass rounds. Each
// size has its own butterflies, which give exactly the sums of the plain
// product with that integer matrix (the tests keep the product as the
// reference).

// The constants: M(x, u) * 8192 for s = 4 and s = 2.
const (
	c0 = 2896 // sqrt(1/8): M(x, 0) for both sizes, and M(x, 1) for s = 2
	c1 = 3784 // cos(pi/8) / 2
	c3 = 1567 // cos(3 pi/8) / 2
)

// unzig maps a zig-zag index to the natural (row-major) 8x8 index.
var unzig = [64]int{
	0, 1, 8, 16, 9, 2, 3, 10,
	17, 24, 32, 25, 18, 11, 4, 5,
	12, 19, 26, 33, 40, 48, 41, 34,
	27, 20, 13, 6, 7, 14, 21, 28,
	35, 42, 49, 56, 57, 50, 43, 36,
	29, 22, 15, 23, 30, 37, 44, 51,
	58, 59, 52, 45, 38, 31, 39, 46,
	53, 60, 61, 54, 47, 55, 62, 63,
}

// keepIndex[s][k] is where the coefficient at zig-zag index k goes in an
// s x s block (row*s + col), or -1 when the scaled transform does not use
// it. The decoder stores such coefficients at -1 & 63, past the 49 a block
// uses at most, rather than test for them.
var keepIndex = func() (t [8][64]int8) {
	for s := 1; s < 8; s++ {
		for k, n := range unzig {
			t[s][k] = -1
			if row, col := n/8, n%8; row < s && col < s {
				t[s][k] = int8(row*s + col)
			}
		}
	}
	return t
}()

// idct writes the s x s pixels of blk (coefficients at row*s + col) to dst,
// rows stride apart. ac false means only the DC coefficient may be
// non-zero, so the block is flat.
func idct(blk *[64]int32, ac bool, s int, dst []uint8, stride int) {
	if !ac || s == 1 {
		// p = F(0,0)/8 + 128, rounded.
		v := clamp((blk[0] + 4 + 128<<3) >> 3)
		for y := range s {
			row := dst[y*stride : y*stride+s]
			for x := range row {
				row[x] = v
			}
		}
		return
	}
	switch s {
	case 2:
		idct2(blk, dst, stride)
	case 3:
		idct3(blk, dst, stride)
	case 4:
		idct4(blk, dst, stride)
	case 5:
		idct5(blk, dst, stride)
	case 6:
		idct6(blk, dst, stride)
	case 7:
		idct7(blk, dst, stride)
	}
}

// idct4 is the 4x4 case: rows of frequencies, then columns, each a
// 4-point even/odd butterfly.
func idct4(blk *[64]int32, dst []uint8, stride int) {
	var tmp [16]int32
	for v := 0; v < 16; v += 4 {
		f0, f1, f2, f3 := blk[v], blk[v+1], blk[v+2], blk[v+3]
		if f0|f1|f2|f3 == 0 {
			continue
		}
		e0, e1 := (f0+f2)*c0, (f0-f2)*c0
		o0, o1 := f1*c1+f3*c3, f1*c3-f3*c1
		tmp[v] = (e0 + o0 + 1<<9) >> 10
		tmp[v+1] = (e1 + o1 + 1<<9) >> 10
		tmp[v+2] = (e1 - o1 + 1<<9) >> 10
		tmp[v+3] = (e0 - o0 + 1<<9) >> 10
	}
	const bias = 1<<15 + 128<<16 // rounding, and the +128 level shift
	_ = dst[3*stride+3]
	for x := range 4 {
		f0, f1, f2, f3 := tmp[x], tmp[4+x], tmp[8+x], tmp[12+x]
		e0, e1 := (f0+f2)*c0+bias, (f0-f2)*c0+bias
		o0, o1 := f1*c1+f3*c3, f1*c3-f3*c1
		dst[x] = clamp((e0 + o0) >> 16)
		dst[stride+x] = clamp((e1 + o1) >> 16)
		dst[2*stride+x] = clamp((e1 - o1) >> 16)
		dst[3*stride+x] = clamp((e0 - o0) >> 16)
	}
}

// idct3 is the 3x3 case (3/8, a 12 MP photo for an A4 page at 200 DPI):
// M(x, 1) is c3a, 0 and -c3a, and M(x, 2) is c3b, -2 c3b and c3b.
func idct3(blk *[64]int32, dst []uint8, stride int) {
	const c3a, c3b = 3547, 2048 // cos(pi/6) / 2, cos(pi/3) / 2
	var tmp [9]int32
	for v := 0; v < 9; v += 3 {
		f0, f1, f2 := blk[v], blk[v+1], blk[v+2]
		e, o, t := f0*c0+f2*c3b, f1*c3a, f0*c0-2*f2*c3b
		tmp[v] = (e + o + 1<<9) >> 10
		tmp[v+1] = (t + 1<<9) >> 10
		tmp[v+2] = (e - o + 1<<9) >> 10
	}
	const bias = 1<<15 + 128<<16
	_ = dst[2*stride+2]
	for x := range 3 {
		f0, f1, f2 := tmp[x], tmp[3+x], tmp[6+x]
		e, o, t := f0*c0+f2*c3b+bias, f1*c3a, f0*c0-2*f2*c3b+bias
		dst[x] = clamp((e + o) >> 16)
		dst[stride+x] = clamp(t >> 16)
		dst[2*stride+x] = clamp((e - o) >> 16)
	}
}

// idct2 is the 2x2 case.
func idct2(blk *[64]int32, dst []uint8, stride int) {
	f00, f01, f10, f11 := blk[0], blk[1], blk[2], blk[3]
	r0a, r0b := ((f00+f01)*c0+1<<9)>>10, ((f00-f01)*c0+1<<9)>>10
	r1a, r1b := ((f10+f11)*c0+1<<9)>>10, ((f10-f11)*c0+1<<9)>>10
	const bias = 1<<15 + 128<<16
	_ = dst[stride+1]
	dst[0] = clamp(((r0a+r1a)*c0 + bias) >> 16)
	dst[1] = clamp(((r0b+r1b)*c0 + bias) >> 16)
	dst[stride] = clamp(((r0a-r1a)*c0 + bias) >> 16)
	dst[stride+1] = clamp(((r0b-r1b)*c0 + bias) >> 16)
}

func clamp(v int32) uint8 {
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return uint8(v)
}

// idct5, idct6 and idct7 use the symmetry of the matrix: M(s-1-x, u) is
// M(x, u) for even u and -M(x, u) for odd u (cos((2(s-1-x)+1) u pi / 2s) =
// (-1)^u cos((2x+1) u pi / 2s), and rounding is symmetric), so outputs x
// and s-1-x are the sum and difference of an even part (the even
// frequencies) and an odd part. Every entry is 2896 (u = 0), 0, +-4096 or
// +-round(4096 cos(k pi / 2s)), the constants below, and the sums are
// exactly those of the product with the matrix (integer arithmetic, which
// wraps alike in any order). Each writes rows of frequencies, skipping
// all-zero ones, into tmp transposed (tmp[x*s+v] is row v's output x), so
// that the column pass reads rows too.

// idct5 is the 5x5 case.
func idct5(blk *[64]int32, dst []uint8, stride int) {
	const c1, c2, c3, c4 = 3896, 3314, 2408, 1266 // 4096 cos(k pi / 10)
	var tmp [25]int32
	for v := 0; v < 25; v += 5 {
		r := blk[v : v+5 : v+5]
		f0, f1, f2, f3, f4 := r[0], r[1], r[2], r[3], r[4]
		if f0|f1|f2|f3|f4 == 0 {
			continue
		}
		f0 = f0*c0 + 1<<9
		e0, e1 := f0+f2*c2+f4*c4, f0-f2*c4-f4*c2
		o0, o1 := f1*c1+f3*c3, f1*c3-f3*c1
		t := tmp[v/5:]
		_ = t[20]
		t[0], t[20] = (e0+o0)>>10, (e0-o0)>>10
		t[5], t[15] = (e1+o1)>>10, (e1-o1)>>10
		t[10] = (f0 + (f4-f2)*4096) >> 10
	}
	const bias = 1<<15 + 128<<16 // rounding, and the +128 level shift
	for x := 0; x < 25; x += 5 {
		r := tmp[x : x+5 : x+5]
		f0, f1, f2, f3, f4 := r[0]*c0+bias, r[1], r[2], r[3], r[4]
		e0, e1 := f0+f2*c2+f4*c4, f0-f2*c4-f4*c2
		o0, o1 := f1*c1+f3*c3, f1*c3-f3*c1
		d := dst[x/5:]
		_ = d[4*stride]
		d[0], d[4*stride] = clamp((e0+o0)>>16), clamp((e0-o0)>>16)
		d[stride], d[3*stride] = clamp((e1+o1)>>16), clamp((e1-o1)>>16)
		d[2*stride] = clamp((f0 + (f4-f2)*4096) >> 16)
	}
}

// idct6 is the 6x6 case (M(1, 2) is 0, M(x, 4) is 2048 or -4096).
func idct6(blk *[64]int32, dst []uint8, stride int) {
	const c1, c2, c3, c5 = 3956, 3547, 2896, 1060 // 4096 cos(k pi / 12)
	var tmp [36]int32
	for v := 0; v < 36; v += 6 {
		r := blk[v : v+6 : v+6]
		f0, f1, f2, f3, f4, f5 := r[0], r[1], r[2], r[3], r[4], r[5]
		if f0|f1|f2|f3|f4|f5 == 0 {
			continue
		}
		f0 = f0*c0 + 1<<9
		a, b := f0+f4*2048, f2*c2
		e0, e1, e2 := a+b, f0-f4*4096, a-b
		o0, o1, o2 := f1*c1+f3*c3+f5*c5, (f1-f3-f5)*c3, f1*c5-f3*c3+f5*c1
		t := tmp[v/6:]
		_ = t[30]
		t[0], t[30] = (e0+o0)>>10, (e0-o0)>>10
		t[6], t[24] = (e1+o1)>>10, (e1-o1)>>10
		t[12], t[18] = (e2+o2)>>10, (e2-o2)>>10
	}
	const bias = 1<<15 + 128<<16
	for x := 0; x < 36; x += 6 {
		r := tmp[x : x+6 : x+6]
		f0, f1, f2, f3, f4, f5 := r[0]*c0+bias, r[1], r[2], r[3], r[4], r[5]
		a, b := f0+f4*2048, f2*c2
		e0, e1, e2 := a+b, f0-f4*4096, a-b
		o0, o1, o2 := f1*c1+f3*c3+f5*c5, (f1-f3-f5)*c3, f1*c5-f3*c3+f5*c1
		d := dst[x/6:]
		_ = d[5*stride]
		d[0], d[5*stride] = clamp((e0+o0)>>16), clamp((e0-o0)>>16)
		d[stride], d[4*stride] = clamp((e1+o1)>>16), clamp((e1-o1)>>16)
		d[2*stride], d[3*stride] = clamp((e2+o2)>>16), clamp((e2-o2)>>16)
	}
}

// idct7 is the 7x7 case.
func idct7(blk *[64]int32, dst []uint8, stride int) {
	const c1, c2, c3, c4, c5, c6 = 3993, 3690, 3202, 2554, 1777, 911 // 4096 cos(k pi / 14)
	var tmp [49]int32
	for v := 0; v < 49; v += 7 {
		r := blk[v : v+7 : v+7]
		f0, f1, f2, f3, f4, f5, f6 := r[0], r[1], r[2], r[3], r[4], r[5], r[6]
		if f0|f1|f2|f3|f4|f5|f6 == 0 {
			continue
		}
		f0 = f0*c0 + 1<<9
		e0 := f0 + f2*c2 + f4*c4 + f6*c6
		e1 := f0 + f2*c6 - f4*c2 - f6*c4
		e2 := f0 - f2*c4 - f4*c6 + f6*c2
		o0 := f1*c1 + f3*c3 + f5*c5
		o1 := f1*c3 - f3*c5 - f5*c1
		o2 := f1*c5 - f3*c1 + f5*c3
		t := tmp[v/7:]
		_ = t[42]
		t[0], t[42] = (e0+o0)>>10, (e0-o0)>>10
		t[7], t[35] = (e1+o1)>>10, (e1-o1)>>10
		t[14], t[28] = (e2+o2)>>10, (e2-o2)>>10
		t[21] = (f0 + (f4-f2-f6)*4096) >> 10
	}
	const bias = 1<<15 + 128<<16
	for x := 0; x < 49; x += 7 {
		r := tmp[x : x+7 : x+7]
		f0, f1, f2, f3, f4, f5, f6 := r[0]*c0+bias, r[1], r[2], r[3], r[4], r[5], r[6]
		e0 := f0 + f2*c2 + f4*c4 + f6*c6
		e1 := f0 + f2*c6 - f4*c2 - f6*c4
		e2 := f0 - f2*c4 - f4*c6 + f6*c2
		o0 := f1*c1 + f3*c3 + f5*c5
		o1 := f1*c3 - f3*c5 - f5*c1
		o2 := f1*c5 - f3*c1 + f5*c3
		d := dst[x/7:]
		_ = d[6*stride]
		d[0], d[6*stride] = clamp((e0+o0)>>16), clamp((e0-o0)>>16)
		d[stride], d[5*stride] = clamp((e1+o1)>>16), clamp((e1-o1)>>16)
		d[2*stride], d[4*stride] = clamp((e2+o2)>>16), clamp((e2-o2)>>16)
		d[3*stride] = clamp((f0 + (f4-f2-f6)*4096) >> 16)
	}
}
