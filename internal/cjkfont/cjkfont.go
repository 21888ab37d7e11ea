// Package cjkfont embeds the one font proofpack draws text with: WenQuanYi
// Micro Hei, a sans-serif covering Latin and CJK, as a plain TrueType file so
// that fpdf can load it and Chinese renders and extracts on any machine.
// See NOTICE for its origin and licence.
package cjkfont

import _ "embed"

//go:generate go run ../ttc/cmd/ttcextract /usr/share/fonts/truetype/wqy/wqy-microhei.ttc 0 wqy-microhei.ttf

// TTF is the font file.
//
//go:embed wqy-microhei.ttf
var TTF []byte

// Family is the name the font is registered under in the PDF renderer.
const Family = "WenQuanYiMicroHei"
