package jpegscale

import "math"

// The scaled inverse DCT. A block's 8x8 DCT coefficients F(v, u) are those
// of an orthonormal transform (JPEG's C(u)/2 factors), so the lowest s x s
// of them, multiplied by sqrt(s/8) per dimension, are the orthonormal s x s
// DCT of the block low-pass filtered and decimated to s x s. Inverting that
// s x s transform gives the output pixels:
//
//	p(y, x) = sum over v, u < s of M(y, v) M(x, u) F(v, u) + 128
//	M(x, u) = sqrt(s/8) a(u) cos((2x+1) u pi / 2s),  a(0) = sqrt(1/s), a(u) = sqrt(2/s)
//
// computed in fixed point: M is scaled by 2^13, the row pass keeps 3
// fractional bits, and the column pass rounds. The sizes of the usual
// scales (4, 2, 1) use even/odd butterflies; the others (3, 5, 6, 7) a
// plain product with the matrix, whose integer entries (idctMatrix) give
// the same sums the butterflies compute.

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
// s x s block (row*s + col), or 0 when the scaled transform does not use it
// (only k = 0, the DC coefficient, really goes to 0).
var keepIndex = func() (t [8][64]int8) {
	for s := 1; s < 8; s++ {
		for k, n := range unzig {
			if row, col := n/8, n%8; row < s && col < s {
				t[s][k] = int8(row*s + col)
			}
		}
	}
	return t
}()

// idctMatrix[s][x*s+u] is M(x, u) * 8192, rounded, for an s x s transform.
// Rounding a cosine to 13 bits never lands on a tie, so the table is the
// same on every platform.
var idctMatrix = func() (t [8][]int32) {
	for s := 1; s < 8; s++ {
		t[s] = make([]int32, s*s)
		for x := range s {
			for u := range s {
				m := 0.5 * math.Cos(float64((2*x+1)*u)*math.Pi/float64(2*s))
				if u == 0 {
					m = math.Sqrt(1.0 / 8)
				}
				t[s][x*s+u] = int32(math.Round(m * 8192))
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
	default:
		idctN(blk, s, dst, stride)
	}
}

// idctN is any other size: rows of frequencies, then columns, each a
// product with idctMatrix[s].
func idctN(blk *[64]int32, s int, dst []uint8, stride int) {
	m := idctMatrix[s]
	var tmp [64]int32
	for v := 0; v < s*s; v += s {
		row := blk[v : v+s]
		nonzero := false
		for _, f := range row {
			nonzero = nonzero || f != 0
		}
		if !nonzero {
			continue
		}
		for x := range s {
			mx := m[x*s : x*s+s]
			var acc int32
			for u, f := range row {
				acc += mx[u] * f
			}
			tmp[v+x] = (acc + 1<<9) >> 10
		}
	}
	const bias = 1<<15 + 128<<16 // rounding, and the +128 level shift
	for y := range s {
		my := m[y*s : y*s+s]
		out := dst[y*stride : y*stride+s]
		for x := range out {
			acc := int32(bias)
			for v, c := range my {
				acc += c * tmp[v*s+x]
			}
			out[x] = clamp(acc >> 16)
		}
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
