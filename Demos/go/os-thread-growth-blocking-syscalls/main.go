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
	"syscall"
	"time"

	"leakkb.dev/demos/internal/measure"
)

// blockingCall stands for a system call that really blocks the thread
// (a read on a blocking fd, flock, a slow NFS stat, a cgo call): nanosleep
// through the syscall package, which the netpoller cannot take over.
func blockingCall() {
	ts := syscall.NsecToTimespec(int64(50 * time.Millisecond))
	for syscall.Nanosleep(&ts, &ts) == syscall.EINTR {
	}
}

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
	for i := 0; i < r.Scale; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if sem != nil {
				sem <- struct{}{}
				defer func() { <-sem }()
			}
			blockingCall()
		}()
	}
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
