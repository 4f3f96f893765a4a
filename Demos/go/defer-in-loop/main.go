// Demo for Content/go/defer-in-loop.md: a function that opens every file in a
// directory and defers each Close inside the loop keeps all of them open
// until it returns. The fixed version moves the body into a helper, so each
// deferred Close runs at the end of its own iteration.
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"leakkb.dev/demos/internal/measure"
)

type corpus struct {
	dir   string
	paths []string
}

// setup writes r.Scale small files into a fresh temporary directory.
func setup(r *measure.Run) {
	dir, err := os.MkdirTemp("", "leakkb-defer-in-loop-")
	if err != nil {
		panic(err)
	}
	c := &corpus{dir: dir}
	for i := 0; i < r.Scale; i++ {
		p := filepath.Join(dir, fmt.Sprintf("f%05d.txt", i))
		if err := os.WriteFile(p, []byte("line one\nline two\n"), 0o600); err != nil {
			panic(err)
		}
		c.paths = append(c.paths, p)
	}
	r.State = c
}

// peak tracks the most descriptors open at once beyond those that were open
// before the work started. It reads /proc/self/fd on every call, while the
// current file is still open: sampling only some calls could miss the one
// descriptor the fixed version holds and read 0, which would make any ratio
// against it meaningless.
type peak struct{ base, extra int }

func openFDs() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries) - 1
}

func (p *peak) sample() {
	if n := openFDs() - p.base; n > p.extra {
		p.extra = n
	}
}

// totalSizeLeaky defers every Close to the end of the whole function.
func totalSizeLeaky(paths []string, pk *peak) (int64, error) {
	var total int64
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return 0, err
		}
		defer f.Close() // runs when totalSizeLeaky returns, not now
		n, err := io.Copy(io.Discard, f)
		if err != nil {
			return 0, err
		}
		total += n
		pk.sample()
	}
	return total, nil
}

// totalSizeFixed gives each file its own function call, so its deferred
// Close runs before the next file is opened.
func totalSizeFixed(paths []string, pk *peak) (int64, error) {
	var total int64
	for _, p := range paths {
		n, err := sizeOf(p, pk)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

func sizeOf(path string, pk *peak) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n, err := io.Copy(io.Discard, f)
	pk.sample()
	return n, err
}

func run(r *measure.Run, total func([]string, *peak) (int64, error)) any {
	c := r.State.(*corpus)
	defer os.RemoveAll(c.dir)
	pk := peak{base: openFDs()}
	n, err := total(c.paths, &pk)
	if err != nil {
		panic(err)
	}
	r.Record("peak_extra_fds", float64(pk.extra))
	return n
}

func main() {
	measure.Main(measure.Demo{
		Scale: 500,
		Setup: setup,
		Leaky: func(r *measure.Run) any { return run(r, totalSizeLeaky) },
		Fixed: func(r *measure.Run) any { return run(r, totalSizeFixed) },
	})
}
