package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/proofpack/proofpack/evidence"
)

// platformAliases maps what sellers call a platform, in Chinese or in
// short, to its name in manifests (evidence.Platforms). Tmall disputes go
// through Taobao's after-sales flow.
var platformAliases = map[string]string{
	"pdd": "pinduoduo", "拼多多": "pinduoduo",
	"tb": "taobao", "淘宝": "taobao", "tmall": "taobao", "天猫": "taobao",
	"抖音": "douyin", "抖店": "douyin", "抖音小店": "douyin",
	"京东": "jd", "jingdong": "jd", "jd.com": "jd",
	"微信": "wechat", "微信小店": "wechat", "weixin": "wechat",
	"亚马逊": "amazon",
	"其他":  "other",
}

// platformChoices lists what --platform takes, for help and errors: the
// names and the aliases sellers use most.
var platformChoices = strings.Join(evidence.Platforms, ", ") + ", or 拼多多, 淘宝, 天猫, 抖音, 京东, 微信, PDD"

// platformName resolves a --platform value case-insensitively and through
// platformAliases.
func platformName(v string) (string, error) {
	s := strings.ToLower(strings.TrimSpace(v))
	if a, ok := platformAliases[s]; ok {
		s = a
	}
	if !slices.Contains(evidence.Platforms, s) {
		return "", usageError{fmt.Errorf("--platform %q: expected one of %s", v, platformChoices)}
	}
	return s, nil
}

// profileName resolves a --profile value: profiles are named after their
// platform, so the platform aliases apply too.
func profileName(v string) string {
	s := strings.ToLower(strings.TrimSpace(v))
	if a, ok := platformAliases[s]; ok {
		return a
	}
	return s
}

// paperName resolves a --paper value case-insensitively ("" stays "").
func paperName(v string) (string, error) {
	s := strings.ToLower(strings.TrimSpace(v))
	switch s {
	case "", "a4", "letter":
		return s, nil
	case "us-letter", "us letter", "usletter":
		return "letter", nil
	}
	return "", usageError{fmt.Errorf("--paper %q: expected a4 or letter", v)}
}
