package evidence

import (
	"reflect"
	"testing"
	"time"
)

// TestDatesListsEveryDate sets every date field of a manifest, found by
// reflection, to a time of its own, and checks that Dates returns each
// one: a date field added to the manifest but not to Dates fails here.
func TestDatesListsEveryDate(t *testing.T) {
	m := &Manifest{AfterSale: AfterSale{Remedy: &Remedy{}}, Timeline: make([]Event, 2)}
	base := time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC)
	set := map[time.Time]bool{}
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		switch {
		case v.Type() == reflect.TypeFor[time.Time]():
			at := base.Add(time.Duration(len(set)) * time.Hour)
			v.Set(reflect.ValueOf(at))
			set[at] = true
		case v.Type() == reflect.TypeFor[*time.Time]():
			v.Set(reflect.New(v.Type().Elem()))
			fill(v.Elem())
		case v.Kind() == reflect.Pointer && !v.IsNil():
			fill(v.Elem())
		case v.Kind() == reflect.Slice:
			for i := range v.Len() {
				fill(v.Index(i))
			}
		case v.Kind() == reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					fill(v.Field(i))
				}
			}
		}
	}
	fill(reflect.ValueOf(m).Elem())
	delete(set, *m.GeneratedAt) // the packet's date, not the order's

	ds := m.Dates()
	fields := map[string]bool{}
	for _, d := range ds {
		if !set[d.At] {
			t.Errorf("%s: %v is not a date the manifest sets, or is listed twice", d.Field, d.At)
		}
		delete(set, d.At)
		if fields[d.Field] {
			t.Errorf("%s listed twice", d.Field)
		}
		fields[d.Field] = true
		if (d.Event >= 0) != (d.Field == "timeline[0].at" || d.Field == "timeline[1].at") {
			t.Errorf("%s: Event = %d", d.Field, d.Event)
		}
	}
	for at := range set {
		t.Errorf("the date %v is set but Dates does not list it", at)
	}
}
