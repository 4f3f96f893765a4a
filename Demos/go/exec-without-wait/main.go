// Demo for Content/go/exec-without-wait.md: starting a child process with
// exec.Cmd.Start and never calling Wait leaves the child, once it exits, as
// a zombie in the process table until the parent exits. The fixed variant
// waits for every child.
package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"leakkb.dev/demos/internal/measure"
)

const child = "/bin/true"

// notifyLeaky fires off a hook process and forgets about it.
func notifyLeaky() error {
	cmd := exec.Command(child)
	return cmd.Start() // no Wait: nobody collects the exit status
}

// notifyFixed still runs the hook, but reaps it. If the caller must not
// block, the Wait can move to its own goroutine: go cmd.Wait().
func notifyFixed() error {
	cmd := exec.Command(child)
	if err := cmd.Start(); err != nil {
		return err
	}
	return cmd.Wait()
}

// zombies counts this process's children in state Z, from /proc/*/stat.
func zombies() int {
	self := os.Getpid()
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	n := 0
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// The command name is in parentheses and may contain spaces, so
		// the fields that follow are found after the last ')'.
		i := bytes.LastIndexByte(b, ')')
		if i < 0 {
			continue
		}
		f := bytes.Fields(b[i+1:])
		if len(f) < 2 || string(f[0]) != "Z" {
			continue
		}
		if ppid, _ := strconv.Atoi(string(f[1])); ppid == self {
			n++
		}
	}
	return n
}

// settleZombies gives children that were just started time to exit, until
// the zombie count stops changing (bounded at two seconds).
func settleZombies() int {
	last, stable := -1, 0
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline) && stable < 3; {
		time.Sleep(20 * time.Millisecond)
		if n := zombies(); n == last {
			stable++
		} else {
			last, stable = n, 0
		}
	}
	return last
}

func run(r *measure.Run, notify func() error) any {
	for i := 0; i < r.Scale; i++ {
		if err := notify(); err != nil {
			panic(err)
		}
	}
	// From Go 1.23 on Linux, each unreaped os.Process also holds a pidfd
	// until Wait, Release or the garbage collector lets go of it.
	if fds, err := os.ReadDir("/proc/self/fd"); err == nil {
		r.Record("loop_end_open_fds", float64(len(fds)-1))
	}
	r.Record("zombies", float64(settleZombies()))
	return nil
}

func main() {
	measure.Main(measure.Demo{
		Scale: 200,
		Leaky: func(r *measure.Run) any { return run(r, notifyLeaky) },
		Fixed: func(r *measure.Run) any { return run(r, notifyFixed) },
	})
}
