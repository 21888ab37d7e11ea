package extool

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRun(t *testing.T) {
	sh := New("sh", "it is part of every Unix")
	if _, err := sh.Path(); err != nil {
		t.Skip(err)
	}
	ctx := context.Background()
	lim := Limits{Timeout: 5 * time.Second, MaxStdout: 1000}
	out, err := sh.Run(ctx, lim, "-c", "echo hello")
	if err != nil || string(out) != "hello\n" {
		t.Errorf("echo: %q, %v", out, err)
	}
	if _, err := sh.Run(ctx, lim, "-c", "echo first >&2; echo broken >&2; exit 3"); err == nil || !strings.Contains(err.Error(), "exit status 3: broken") {
		t.Errorf("failing run: %v", err)
	}
	if _, err := sh.Run(ctx, lim, "-c", "yes"); err == nil || !strings.Contains(err.Error(), "more than 1000 bytes") {
		t.Errorf("endless output: %v", err)
	}
	if _, err := sh.Run(ctx, Limits{Timeout: 200 * time.Millisecond, MaxStdout: 1000}, "-c", "sleep 10"); err == nil || !strings.Contains(err.Error(), "did not finish within 200ms") {
		t.Errorf("slow run: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := sh.Run(cancelled, lim, "-c", "sleep 10"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run: %v", err)
	}
}

func TestMissing(t *testing.T) {
	_, err := New("proofpack-no-such-tool", "install it (apt-get install x)").Run(context.Background(), Limits{Timeout: time.Second})
	if !errors.Is(err, ErrMissing) || !strings.Contains(err.Error(), "proofpack-no-such-tool is not installed or not on PATH; install it (apt-get install x)") {
		t.Errorf("err = %v", err)
	}
}
