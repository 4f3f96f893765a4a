// Demo for Content/go/ticker-not-stopped.md: every session uses two tickers,
// one to poll until its backend is ready and one for a heartbeat goroutine.
// The leaky sessions never call Stop, and their heartbeat goroutine ranges
// over the ticker channel with no way out. The fixed sessions stop both
// tickers and end the heartbeat goroutine on Close.
//
// track (track_*.go) is only an instrument: it counts the tickers the garbage
// collector was able to free once every session had been closed.
package main

import (
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"leakkb.dev/demos/internal/measure"
)

const (
	pollEvery = 2 * time.Millisecond
	beatEvery = 10 * time.Millisecond
	idle      = 300 * time.Millisecond
)

var collected atomic.Int64 // tickers the garbage collector has freed

func newTicker(d time.Duration) *time.Ticker {
	t := time.NewTicker(d)
	track(t)
	return t
}

var beats atomic.Int64 // heartbeats sent by all sessions

type session struct {
	polls int
	done  chan struct{}
}

func (s *session) ready() bool { s.polls++; return s.polls > 1 }

// Leaky: both tickers are left running.

func (s *session) waitReadyLeaky() {
	t := newTicker(pollEvery)
	for !s.ready() {
		<-t.C
	}
}

func (s *session) startHeartbeatLeaky() {
	t := newTicker(beatEvery)
	go func() {
		for range t.C { // Stop would not end this loop either: it never closes t.C
			beats.Add(1)
		}
	}()
}

// Fixed: every ticker is stopped, and Close ends the heartbeat goroutine.

func (s *session) waitReadyFixed() {
	t := newTicker(pollEvery)
	defer t.Stop()
	for !s.ready() {
		<-t.C
	}
}

func (s *session) startHeartbeatFixed() {
	t := newTicker(beatEvery)
	go func() {
		defer t.Stop()
		for {
			select {
			case <-t.C:
				beats.Add(1)
			case <-s.done:
				return
			}
		}
	}()
}

func (s *session) close() { close(s.done) }

// serve opens n sessions concurrently, then closes and drops all of them.
func serve(n int, open func(*session)) {
	var wg sync.WaitGroup
	sessions := make([]*session, n)
	for i := range sessions {
		s := &session{done: make(chan struct{})}
		sessions[i] = s
		wg.Add(1)
		go func() {
			defer wg.Done()
			open(s)
		}()
	}
	wg.Wait()
	for _, s := range sessions {
		s.close()
	}
}

// observe lets the collector run finalizers, then measures what is still
// happening while the program has no sessions at all.
func observe(r *measure.Run) {
	for i := 0; i < 3; i++ {
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
	}
	r.Record("tickers_collected", float64(collected.Load()))
	before := beats.Load()
	cpu0 := cpuTime()
	time.Sleep(idle)
	r.Record("beats_after_close", float64(beats.Load()-before))
	r.Record("idle_cpu_ms", float64((cpuTime()-cpu0)/time.Millisecond))
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func main() {
	measure.Main(measure.Demo{
		Scale: 2000,
		Leaky: func(r *measure.Run) any {
			serve(r.Scale, func(s *session) {
				s.waitReadyLeaky()
				s.startHeartbeatLeaky()
			})
			observe(r)
			return nil
		},
		Fixed: func(r *measure.Run) any {
			serve(r.Scale, func(s *session) {
				s.waitReadyFixed()
				s.startHeartbeatFixed()
			})
			observe(r)
			return nil
		},
	})
}
