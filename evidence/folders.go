package evidence

import (
	"slices"
	"strings"
)

// weighingFolders are folder names that say "weights" without saying
// whose: the files inside are told apart by their names (weighingNames).
var weighingFolders = []string{"称重", "重量", "weights", "weight", "weighing", "scale", "scales"}

// weighingNames classify a file inside a weighing folder by its name, in
// order: 复称/重新 before the others, since "重新称重仓库" is a re-weigh.
var weighingNames = []struct {
	kind     Kind
	keywords []string
}{
	{Reweigh, []string{"复称", "重新", "reweigh", "re-weigh", "again"}},
	{CourierWeight, []string{"快递", "揽收", "内网", "courier", "pickup", "pick-up"}},
	{WarehouseWeight, []string{"仓库", "出库", "warehouse", "dispatch"}},
}

// classifyWeighing classifies a file whose nearest folder is a weighing
// folder by its file name (lower case, without extension).
func classifyWeighing(nearestDir, file string) (Kind, bool) {
	if !slices.Contains(weighingFolders, nearestDir) {
		return "", false
	}
	for _, w := range weighingNames {
		for _, kw := range w.keywords {
			if strings.Contains(file, kw) {
				return w.kind, true
			}
		}
	}
	return "", false
}

// folderNames lists, for each kind, a Chinese and an English folder name
// that classifies the files inside it ("面单/label, 仓库称重/warehouse,
// …"), for the message about a file nothing classifies.
func folderNames() string {
	var parts []string
	for _, ki := range Kinds {
		var zh, en string
		for _, kw := range ki.keywords {
			if zh == "" && hasNonASCII(kw) {
				zh = kw
			} else if en == "" && !hasNonASCII(kw) {
				en = kw
			}
		}
		parts = append(parts, zh+"/"+en)
	}
	return strings.Join(parts, ", ")
}

func hasNonASCII(s string) bool {
	for _, r := range s {
		if r > 127 {
			return true
		}
	}
	return false
}
