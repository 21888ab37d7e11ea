// Package extool runs the external programs proofpack relies on for media
// it does not decode in Go: ffmpeg and ffprobe for videos, libheif's
// heif-convert for HEIC photos. Each is looked up on PATH once, run as a
// separate process under exec.CommandContext with a time limit, and its
// output is bounded: a program that writes more than it may is killed.
package extool

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// Tool is one external program.
type Tool struct {
	Name string // the executable's name on PATH
	// Install says how to get it, e.g. "install ffmpeg (apt-get install ffmpeg)".
	Install string
	find    func() (string, error)
}

// New describes a program; it is looked up on PATH the first time it is
// needed, and never again.
func New(name, install string) *Tool {
	t := &Tool{Name: name, Install: install}
	t.find = sync.OnceValues(func() (string, error) { return exec.LookPath(name) })
	return t
}

// ErrMissing matches Path's error (under errors.Is) when the program is
// not on PATH.
var ErrMissing = errors.New("program not on PATH")

// missingError says which program is missing and how to install it.
type missingError struct{ t *Tool }

func (e missingError) Error() string {
	return fmt.Sprintf("%s is not installed or not on PATH; %s", e.t.Name, e.t.Install)
}

func (e missingError) Is(target error) bool { return target == ErrMissing }

// Path returns the program's path, or an error that says how to install it.
func (t *Tool) Path() (string, error) {
	p, err := t.find()
	if err != nil {
		return "", missingError{t}
	}
	return p, nil
}

// Limits bound one run.
type Limits struct {
	Timeout   time.Duration // the run is killed after it
	MaxStdout int64         // bytes of standard output kept; more kills the run
	// Files are open to the program as descriptors 3, 4, …, so that it
	// reads exactly the file proofpack opened (as /dev/fd/3).
	Files []*os.File
}

// Run runs the program with args and returns its standard output. A run
// that exits non-zero, times out or writes too much returns an error that
// quotes the end of its standard error.
func (t *Tool) Run(ctx context.Context, lim Limits, args ...string) ([]byte, error) {
	p, err := t.Path()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, lim.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, p, args...)
	stdout := &capped{max: lim.MaxStdout, cancel: cancel}
	stderr := &capped{max: 64 << 10, tail: true}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.ExtraFiles = lim.Files
	cmd.WaitDelay = 2 * time.Second
	err = cmd.Run()
	switch {
	case stdout.over:
		return nil, fmt.Errorf("%s wrote more than %d bytes of output; stopped", t.Name, lim.MaxStdout)
	case ctx.Err() == context.DeadlineExceeded:
		return nil, fmt.Errorf("%s did not finish within %s; stopped", t.Name, lim.Timeout)
	case ctx.Err() != nil:
		return nil, ctx.Err() // the caller's context ended
	case err != nil:
		msg := strings.TrimSpace(stderr.buf.String())
		if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
			msg = strings.TrimSpace(msg[i+1:])
		}
		if msg == "" {
			return nil, fmt.Errorf("%s failed: %v", t.Name, err)
		}
		return nil, fmt.Errorf("%s failed: %v: %s", t.Name, err, msg)
	}
	return stdout.buf.Bytes(), nil
}

// capped keeps at most max bytes: the first ones, or with tail the last
// ones. Without tail, going over calls cancel.
type capped struct {
	buf    bytes.Buffer
	max    int64
	tail   bool
	over   bool
	cancel func()
}

func (c *capped) Write(p []byte) (int, error) {
	if c.tail {
		c.buf.Write(p)
		if extra := int64(c.buf.Len()) - c.max; extra > 0 {
			c.buf.Next(int(extra))
		}
		return len(p), nil
	}
	if int64(c.buf.Len()+len(p)) > c.max {
		c.over = true
		c.cancel()
		return 0, errors.New("output limit reached")
	}
	return c.buf.Write(p)
}
