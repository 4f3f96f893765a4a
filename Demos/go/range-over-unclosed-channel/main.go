// Demo for Content/go/range-over-unclosed-channel.md: each session fans in
// events from four producers onto one channel, and an aggregator ranges over
// it, keeping the events until the range ends. No single producer may close
// the channel (the others may still send), and nobody else does, so the
// range never ends. The session, channel included, stays in a registry for
// the status page, which also hides the stuck aggregators from Go's
// goroutine leak profile: their channel is still reachable. A closer that
// waits for all producers and then closes ends every range.
package main

import (
	"sync"
	"sync/atomic"

	"leakkb.dev/demos/internal/measure"
)

const (
	producers         = 4
	eventsPerProducer = 4
)

// eventSize is a variable, as a decoded message's size would be, so each
// event's payload lives on the heap.
var eventSize = 1 << 10

type session struct {
	id      int
	events  chan []byte
	summary atomic.Int64 // bytes aggregated, set when the range ends
}

// registry keeps every session for the status page, in both variants.
type registry struct {
	mu       sync.Mutex
	sessions []*session
}

func (r *registry) add(s *session) {
	r.mu.Lock()
	r.sessions = append(r.sessions, s)
	r.mu.Unlock()
}

var summarized atomic.Int64

// aggregate keeps every event until its input ends, then summarizes.
func aggregate(s *session) {
	var all [][]byte
	for ev := range s.events {
		all = append(all, ev)
	}
	total := 0
	for _, ev := range all {
		total += len(ev)
	}
	s.summary.Store(int64(total))
	summarized.Add(1)
}

// runSession starts producers and the aggregator and returns without waiting,
// as a handler that answers "accepted" would. closeWhenDone is the fix.
func runSession(reg *registry, id int, closeWhenDone bool, sent *sync.WaitGroup) {
	s := &session{id: id, events: make(chan []byte, producers*eventsPerProducer)}
	reg.add(s)
	go aggregate(s)
	var wg sync.WaitGroup
	for p := 0; p < producers; p++ {
		wg.Add(1)
		sent.Add(1)
		go func() {
			defer sent.Done()
			defer wg.Done()
			for i := 0; i < eventsPerProducer; i++ {
				s.events <- make([]byte, eventSize)
			}
			// close(s.events) here would panic the other producers' sends.
		}()
	}
	if closeWhenDone {
		go func() {
			wg.Wait()
			close(s.events)
		}()
	}
}

func serve(reg *registry, n int, closeWhenDone bool) {
	var sent sync.WaitGroup
	for i := 0; i < n; i++ {
		runSession(reg, i, closeWhenDone, &sent)
	}
	sent.Wait()
}

func main() {
	measure.Main(measure.Demo{
		Scale: 1000,
		Setup: func(r *measure.Run) { r.State = &registry{} },
		Leaky: func(r *measure.Run) any {
			serve(r.State.(*registry), r.Scale, false)
			r.RecordAtEnd("summarized", func() float64 { return float64(summarized.Load()) })
			return nil
		},
		Fixed: func(r *measure.Run) any {
			serve(r.State.(*registry), r.Scale, true)
			r.RecordAtEnd("summarized", func() float64 { return float64(summarized.Load()) })
			return nil
		},
	})
}
