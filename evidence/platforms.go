package evidence

// PlatformInfo is what proofpack assumes about a platform's orders where
// the manifest or the command does not say.
type PlatformInfo struct {
	Name string
	// Zone is the IANA name of the time zone the platform's order pages
	// show times in, or "" for platforms that serve many zones.
	Zone string
	// Language is the language its sellers' packets are usually written
	// in (a phrase book's name), Currency its orders' usual currency.
	Language, Currency string
}

// platforms are the accepted platforms, in the order help lists them.
var platforms = []PlatformInfo{
	{"pinduoduo", "Asia/Shanghai", "zh", "CNY"},
	{"taobao", "Asia/Shanghai", "zh", "CNY"},
	{"douyin", "Asia/Shanghai", "zh", "CNY"},
	{"jd", "Asia/Shanghai", "zh", "CNY"},
	{"wechat", "Asia/Shanghai", "zh", "CNY"},
	{"stripe", "", "en", "USD"},
	{"shopify", "", "en", "USD"},
	{"paypal", "", "en", "USD"},
	{"amazon", "", "en", "USD"},
	{"other", "", "en", ""},
}

// DefaultPlatform is the platform assumed when none is given.
const DefaultPlatform = "taobao"

// Platforms lists the accepted platform names.
var Platforms = func() []string {
	names := make([]string, len(platforms))
	for i, p := range platforms {
		names[i] = p.Name
	}
	return names
}()

// LookupPlatform returns what is assumed about a platform's orders.
func LookupPlatform(name string) (PlatformInfo, bool) {
	for _, p := range platforms {
		if p.Name == name {
			return p, true
		}
	}
	return PlatformInfo{}, false
}

// PlatformZone returns the IANA name of the platform's own time zone, or ""
// for platforms that serve many zones.
func PlatformZone(platform string) string {
	p, _ := LookupPlatform(platform)
	return p.Zone
}
