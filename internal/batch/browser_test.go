package batch

import (
	"context"
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// pageReport is what a real browser sees of a review page.
type pageReport struct {
	Orders  []string `json:"orders"`  // data-order of every row, in page order
	Images  int      `json:"images"`  // <img> elements
	Broken  []string `json:"broken"`  // src of images that did not load
	Visible []string `json:"visible"` // rows still shown after clicking the "failed" filter
}

// probe is added to a copy of the page: once everything has loaded it
// lists the rows and the images that did not load, clicks the "failed"
// status filter as a person would, and writes what it found into the DOM
// for --dump-dom.
const probe = `<script>
window.addEventListener('load', function () {
  var rows = function () { return Array.prototype.slice.call(document.querySelectorAll('tr.order')); };
  var out = {orders: rows().map(function (r) { return r.dataset.order; }), images: document.images.length, broken: []};
  Array.prototype.forEach.call(document.images, function (i) {
    if (!i.complete || i.naturalWidth === 0) out.broken.push(i.getAttribute('src'));
  });
  var f = document.querySelector('label[for=s-failed]');
  if (f) f.click();
  out.visible = rows().filter(function (r) { return getComputedStyle(r).display !== 'none'; }).map(function (r) { return r.dataset.order; });
  var pre = document.createElement('pre');
  pre.id = 'proofpack-probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>`

var probeRe = regexp.MustCompile(`(?s)<pre id="proofpack-probe">(.*?)</pre>`)

// inspectPage opens the page in headless Chromium, from disk, with the
// network off, and reports what it shows. Without Chromium the test is
// skipped, or fails under CI (where .ci/run installs it).
func inspectPage(t *testing.T, page string) pageReport {
	t.Helper()
	var browser string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed (apt-get install chromium)")
		}
		t.Skip("chromium is not installed")
	}
	data, err := os.ReadFile(page)
	must(t, err)
	doc := string(data)
	if !strings.Contains(doc, "</body>") {
		t.Fatalf("%s has no </body>", page)
	}
	// The copy sits beside the page so that its relative links resolve alike.
	probed := filepath.Join(filepath.Dir(page), ".probe-"+filepath.Base(page))
	must(t, os.WriteFile(probed, []byte(strings.Replace(doc, "</body>", probe+"</body>", 1)), 0o644))
	defer os.Remove(probed)
	abs, err := filepath.Abs(probed)
	must(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--dump-dom", "file://"+filepath.ToSlash(abs))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	m := probeRe.FindSubmatch(out)
	if m == nil {
		t.Fatalf("the probe did not run; chromium printed:\n%.2000s", out)
	}
	var rep pageReport
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &rep); err != nil {
		t.Fatalf("probe output %s: %v", m[1], err)
	}
	return rep
}
