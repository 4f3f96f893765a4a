// Demo for Content/go/goroutine-blocked-send.md: a lookup starts a goroutine
// that sends its answer on an unbuffered channel, but the caller gives up on
// its deadline first. Nobody ever receives, so every late sender blocks for
// good, together with the answer it was trying to hand over. A buffer of one
// lets the late sender finish and exit.
package main

import (
	"context"
	"errors"
	"sync"
	"time"

	"leakkb.dev/demos/internal/measure"
)

const payloadSize = 16 << 10 // each answer carries 16 KiB

// backendReady is closed once every caller has given up, so that each
// answer arrives late on every run, not just on most runs.
var backendReady chan struct{}

// slowBackend stands for a remote call that answers after the caller's
// deadline has passed.
func slowBackend(id int) []byte {
	<-backendReady
	b := make([]byte, payloadSize)
	b[0] = byte(id)
	return b
}

var errTimeout = errors.New("lookup: deadline exceeded")

// lookup waits for the backend or the context, whichever comes first.
// buffered chooses the capacity of the result channel: 0 (the bug) or 1.
func lookup(ctx context.Context, id int, buffered bool) ([]byte, error) {
	size := 0
	if buffered {
		size = 1
	}
	result := make(chan []byte, size)
	go func() {
		result <- slowBackend(id) // with size 0 this waits for a receiver
	}()
	select {
	case b := <-result:
		return b, nil
	case <-ctx.Done():
		return nil, errTimeout
	}
}

// serve runs n lookups concurrently, each with a 1 ms deadline, and counts
// the timeouts.
func serve(n int, buffered bool) int {
	backendReady = make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	timeouts := 0
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
			defer cancel()
			if _, err := lookup(ctx, id, buffered); err != nil {
				mu.Lock()
				timeouts++
				mu.Unlock()
			}
		}(i)
	}
	wg.Wait()
	close(backendReady) // the answers arrive now, too late
	return timeouts
}

func main() {
	measure.Main(measure.Demo{
		Scale: 1000,
		Leaky: func(r *measure.Run) any {
			r.Record("timeouts", float64(serve(r.Scale, false)))
			return nil
		},
		Fixed: func(r *measure.Run) any {
			r.Record("timeouts", float64(serve(r.Scale, true)))
			return nil
		},
	})
}
