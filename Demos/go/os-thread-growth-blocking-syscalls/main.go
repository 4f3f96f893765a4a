// Demo for Content/go/os-thread-growth-blocking-syscalls.md: goroutines
// that sit in a blocking system call each pin an OS thread, and the
// scheduler starts new threads so that other goroutines keep running. When
// the calls return, the extra threads park and stay for the life of the
// process: Go never shrinks its thread pool. A semaphore that bounds how
// many goroutines may be inside the call at once bounds the threads too.
package main

import (
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"leakkb.dev/demos/internal/measure"
)

// gate is a system call that really blocks its thread (as a read on a
// blocking fd, flock, a slow NFS stat or a cgo call do): a read on a pipe
// opened without O_NONBLOCK, which the netpoller cannot take over. Every
// call returns once the gate opens. A timed call (a 50 ms nanosleep) let
// the first calls return before the last ones started on a loaded machine,
// and counted threads by how fast goroutines started, not by how many
// calls can be in flight at once.
type gate struct{ read, write int }

func newGate() gate {
	var fds [2]int
	if err := syscall.Pipe(fds[:]); err != nil {
		panic(err)
	}
	return gate{fds[0], fds[1]}
}

func (g gate) wait() {
	var b [1]byte
	for {
		if _, err := syscall.Read(g.read, b[:]); err != syscall.EINTR {
			return
		}
	}
}

// open releases every call, present and future: a read of a pipe whose
// writer is closed returns at once.
func (g gate) open() { syscall.Close(g.write) }

// threads reads the kernel's count of this process's threads.
func threads() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "Threads:" {
			n, _ := strconv.ParseFloat(f[1], 64)
			return n
		}
	}
	return -1
}

func run(r *measure.Run, limit int) any {
	var wg sync.WaitGroup
	var sem chan struct{}
	if limit > 0 {
		sem = make(chan struct{}, limit)
	}
	g := newGate()
	defer syscall.Close(g.read)
	var started atomic.Int64
	for i := 0; i < r.Scale; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			started.Add(1)
			if sem != nil {
				sem <- struct{}{}
				defer func() { <-sem }()
			}
			g.wait()
		}()
	}
	// Every goroutine has started; the last to start get 100 ms to reach
	// the call (or the semaphore) before the gate opens.
	for started.Load() < int64(r.Scale) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	g.open()
	wg.Wait()
	// Read at the very end, after every call has long returned: the
	// threads are idle now, and still there.
	r.RecordAtEnd("threads", threads)
	r.RecordAtEnd("threads_created", func() float64 {
		return float64(pprof.Lookup("threadcreate").Count())
	})
	return nil
}

func main() {
	measure.Main(measure.Demo{
		Scale: 200, // goroutines making the call at the same time
		Leaky: func(r *measure.Run) any { return run(r, 0) },
		Fixed: func(r *measure.Run) any { return run(r, 16) },
	})
}
