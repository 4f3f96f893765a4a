// Demo for Content/go/file-not-closed.md: a helper opens a file to read its
// first bytes and never closes it. Under a soft limit of 1024 descriptors (a
// common default), the leaky loop runs out of descriptors long before the
// garbage collector gets round to the files' finalizers. The fixed helper
// closes every file.
//
// After the loop the demo forces a GC and waits: the finalizers that package
// os attaches to every *os.File then close the leaked descriptors. That is a
// safety net, not a fix: nothing triggers it when descriptors run out.
package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"leakkb.dev/demos/internal/measure"
)

const fdLimit = 1024

// readHeaderLeaky returns the first bytes of the file at path.
func readHeaderLeaky(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 16)
	n, err := io.ReadFull(f, buf)
	return buf[:n], err // f is never closed
}

func readHeaderFixed(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 16)
	n, err := io.ReadFull(f, buf)
	return buf[:n], err
}

func openFDs() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries) - 1
}

// limitFDs lowers the soft descriptor limit, as `ulimit -n 1024` would; the
// Go runtime raises it to the hard limit at startup.
func limitFDs() {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		panic(err)
	}
	lim.Cur = fdLimit
	if lim.Max < lim.Cur {
		lim.Cur = lim.Max
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		panic(err)
	}
}

// scan reads the header of path n times and reports the first error as a
// panic, so that the message is something a claim can check.
func scan(r *measure.Run, read func(string) ([]byte, error)) any {
	path := writeHeaderFile()
	defer os.RemoveAll(filepath.Dir(path))
	limitFDs()
	base := openFDs()
	var firstErr error
	peak, failures := 0, 0
	for i := 0; i < r.Scale; i++ {
		if _, err := read(path); err != nil {
			failures++
			if firstErr == nil {
				firstErr = err
			}
		}
		if i%100 == 0 {
			peak = max(peak, openFDs()-base) // fails once none is left
		}
	}
	r.Record("peak_extra_fds", float64(peak))
	r.Record("failed_opens", float64(failures))
	waitForFinalizers()
	if firstErr != nil {
		// The message names the file by its base name: the temporary
		// directory differs on every machine and run.
		var pe *os.PathError
		if errors.As(firstErr, &pe) {
			pe.Path = filepath.Base(pe.Path)
		}
		panic(firstErr.Error()) // open header.dat: too many open files
	}
	return nil
}

// writeHeaderFile creates the file the loop reads, in a fresh temporary
// directory, and returns its path.
func writeHeaderFile() string {
	dir, err := os.MkdirTemp("", "leakkb-file-not-closed-")
	if err != nil {
		panic(err)
	}
	path := filepath.Join(dir, "header.dat")
	if err := os.WriteFile(path, []byte("LEAKKB-HEADER-0123456789\n"), 0o600); err != nil {
		panic(err)
	}
	return path
}

// waitForFinalizers runs the collector until the open descriptor count stops
// falling, bounded at one second.
func waitForFinalizers() {
	last := -1
	for deadline := time.Now().Add(time.Second); time.Now().Before(deadline); {
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
		n := openFDs()
		if n == last {
			return
		}
		last = n
	}
}

func main() {
	measure.Main(measure.Demo{
		Scale: 3000,
		Leaky: func(r *measure.Run) any { return scan(r, readHeaderLeaky) },
		Fixed: func(r *measure.Run) any { return scan(r, readHeaderFixed) },
	})
}
