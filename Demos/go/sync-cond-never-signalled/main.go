// Demo for Content/go/sync-cond-never-signalled.md: each job has a result
// slot guarded by a sync.Cond, and four readers wait on it for the result.
// The job's error path marks the slot finished but returns without
// Broadcast, so nobody wakes the readers: Cond.Wait has no timeout and no
// other way out. Broadcasting on every path (in a defer) wakes them all.
package main

import (
	"errors"
	"sync"
	"sync/atomic"

	"leakkb.dev/demos/internal/measure"
)

const readersPerJob = 4

// bufSize is a variable, as a configured size would be, so each reader's
// buffer lives on the heap rather than in its stack frame.
var bufSize = 16 << 10

var errJob = errors.New("job failed")

type slot struct {
	mu   sync.Mutex
	cond *sync.Cond
	done bool
	data []byte
	err  error
}

func newSlot() *slot {
	s := &slot{}
	s.cond = sync.NewCond(&s.mu)
	return s
}

// woken counts readers that got past Wait.
var woken atomic.Int64

// read waits for the job; buf (16 KiB) is what a real reader would copy the result
// into, so it stays alive as long as the reader waits.
func read(s *slot, ready *sync.WaitGroup) {
	buf := make([]byte, bufSize)
	s.mu.Lock()
	ready.Done()
	for !s.done {
		s.cond.Wait()
	}
	copy(buf, s.data)
	s.mu.Unlock()
	woken.Add(1)
}

// runJob fails, as every job does here. broadcastAlways is the fix.
func runJob(s *slot, broadcastAlways bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if broadcastAlways {
		defer s.cond.Broadcast()
	}
	s.done, s.err = true, errJob
	// Only the success path (not taken here) used to wake the readers:
	//   s.data = result; s.cond.Broadcast()
}

func serve(jobs int, broadcastAlways bool) {
	for i := 0; i < jobs; i++ {
		s := newSlot()
		var ready sync.WaitGroup
		ready.Add(readersPerJob)
		for j := 0; j < readersPerJob; j++ {
			go read(s, &ready)
		}
		// Start the job only once every reader holds the lock at least once,
		// so all of them are waiting (or about to) rather than seeing done
		// before they ever wait: the race the leak depends on, made certain.
		ready.Wait()
		go runJob(s, broadcastAlways)
	}
}

func main() {
	measure.Main(measure.Demo{
		Scale: 250,
		Leaky: func(r *measure.Run) any {
			serve(r.Scale, false)
			r.RecordAtEnd("readers_woken", func() float64 { return float64(woken.Load()) })
			return nil
		},
		Fixed: func(r *measure.Run) any {
			serve(r.Scale, true)
			r.RecordAtEnd("readers_woken", func() float64 { return float64(woken.Load()) })
			return nil
		},
	})
}
