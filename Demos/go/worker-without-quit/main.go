// Demo for Content/go/worker-without-quit.md: every session starts a
// background loop that handles jobs and flushes on a ticker. The loop has no
// way to stop, so when the session is dropped the goroutine keeps ticking
// forever and keeps the session (and its buffer) alive. Giving the loop a
// context and cancelling it in Close ends the goroutine and the ticker.
package main

import (
	"context"
	"sync/atomic"
	"time"

	"leakkb.dev/demos/internal/measure"
)

const bufSize = 16 << 10 // each session owns a 16 KiB write buffer

// flushes counts ticker-driven flushes across all sessions.
var flushes atomic.Int64

type session struct {
	jobs   chan string
	buf    []byte
	cancel context.CancelFunc // nil in the leaky version
}

func (s *session) flush() {
	flushes.Add(1)
	s.buf = s.buf[:0]
}

// loopForever is the leaky worker: nothing ever tells it to return.
func (s *session) loopForever() {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop() // unreachable in practice
	for {
		select {
		case j := <-s.jobs:
			s.buf = append(s.buf, j...)
		case <-tick.C:
			s.flush()
		}
	}
}

// loop is the fixed worker: it returns when its context is cancelled.
func (s *session) loop(ctx context.Context) {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case j := <-s.jobs:
			s.buf = append(s.buf, j...)
		case <-tick.C:
			s.flush()
		case <-ctx.Done():
			return
		}
	}
}

func newSession(withQuit bool) *session {
	s := &session{jobs: make(chan string), buf: make([]byte, 0, bufSize)}
	if withQuit {
		ctx, cancel := context.WithCancel(context.Background())
		s.cancel = cancel
		go s.loop(ctx)
	} else {
		go s.loopForever()
	}
	return s
}

// Close is what the caller runs when the session ends.
func (s *session) Close() {
	if s.cancel != nil {
		s.cancel()
	}
}

func run(r *measure.Run, withQuit bool) {
	for i := 0; i < r.Scale; i++ {
		s := newSession(withQuit)
		s.jobs <- "hello"
		s.Close() // the session is dropped here
	}
	// Count flushes in a 200 ms window after every session was closed.
	start := flushes.Load()
	time.Sleep(200 * time.Millisecond)
	r.Record("flushes_after_close", float64(flushes.Load()-start))
}

func main() {
	measure.Main(measure.Demo{
		Scale: 1000,
		Leaky: func(r *measure.Run) any {
			run(r, false)
			return nil
		},
		Fixed: func(r *measure.Run) any {
			run(r, true)
			return nil
		},
	})
}
