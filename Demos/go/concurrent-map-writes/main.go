// Demo for Content/go/concurrent-map-writes.md: goroutines writing to one
// plain map without a lock trip the runtime's check and kill the process with
// "fatal error: concurrent map writes"; guarding the map with a sync.Mutex
// does not.
package main

import (
	"runtime"
	"sync"
	"time"

	"leakkb.dev/demos/internal/measure"
)

const (
	workers = 4
	users   = 4096
)

// hits counts requests per user id, shared by all workers.
type hits struct {
	mu     *sync.Mutex // nil in the leaky variant: no locking at all
	byUser map[int]int
}

func (h *hits) add(user int) {
	if h.mu != nil {
		h.mu.Lock()
		defer h.mu.Unlock()
	}
	h.byUser[user]++
}

// round runs workers goroutines, each recording perWorker hits.
func round(h *hits, perWorker int) {
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			// No help: the runtime reports the race with a fatal error,
			// not a panic, so there is nothing to recover.
			defer func() { _ = recover() }()
			for i := 0; i < perWorker; i++ {
				h.add((w*perWorker + i) % users)
			}
		}(w)
	}
	wg.Wait()
}

func main() {
	// The check needs goroutines that really run at the same time.
	if runtime.GOMAXPROCS(0) < 2 {
		runtime.GOMAXPROCS(2)
	}
	measure.Main(measure.Demo{
		Scale: 100_000,
		Leaky: func(r *measure.Run) any {
			// Sized up front, like the fixed variant, so that the only
			// difference is the lock.
			h := &hits{byUser: make(map[int]int, users)}
			// The race is detected on a lucky interleaving, not on every
			// write, so keep going until it is (in practice within
			// milliseconds) or give up after 3 s and exit normally.
			for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); {
				round(h, r.Scale)
			}
			return h
		},
		Fixed: func(r *measure.Run) any {
			h := &hits{mu: new(sync.Mutex), byUser: make(map[int]int, users)}
			round(h, r.Scale)
			return h
		},
	})
}
