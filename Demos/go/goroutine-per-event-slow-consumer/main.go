// Demo for Content/go/goroutine-per-event-slow-consumer.md: events arrive
// much faster than the one downstream connection can take them. Starting a
// goroutine per event never pushes back on the source, so the backlog
// becomes thousands of parked goroutines, each holding its event. A fixed
// pool of workers behind a small buffered channel makes the source wait
// instead, so at most a few dozen events are ever in flight. Both variants
// deliver every event; only the peak differs.
package main

import (
	"runtime"
	"sync"
	"time"

	"leakkb.dev/demos/internal/measure"
)

const (
	poolWorkers = 8
	queueSize   = 32
)

// eventSize is a variable, as a decoded message's size would be, so each
// event's payload lives on the heap.
var eventSize = 4 << 10

// sink stands for the slow consumer: a single downstream connection that
// takes one event at a time and needs about 20 µs per event.
type sink struct {
	mu        sync.Mutex
	delivered int
}

func (s *sink) deliver(ev []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	deadline := time.Now().Add(20 * time.Microsecond)
	for time.Now().Before(deadline) {
	}
	s.delivered += len(ev) / len(ev) // counts events; touches the payload
}

// peak is sampled by the source right after the last event was handed over:
// the moment the backlog is largest.
type peak struct {
	goroutines int
	heapInuse  uint64
	stackInuse uint64
}

func sample() peak {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return peak{runtime.NumGoroutine(), ms.HeapInuse, ms.StackInuse}
}

func newEvent(i int) []byte {
	ev := make([]byte, eventSize)
	ev[0] = byte(i)
	return ev
}

// perEvent is the leaky shape: go handle(ev) for every event.
func perEvent(n int, s *sink) peak {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		ev := newEvent(i)
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.deliver(ev)
		}()
	}
	p := sample()
	wg.Wait()
	return p
}

// pooled is the fix: a fixed number of workers; the source blocks on the
// queue when they fall behind.
func pooled(n int, s *sink) peak {
	queue := make(chan []byte, queueSize)
	var wg sync.WaitGroup
	for w := 0; w < poolWorkers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ev := range queue {
				s.deliver(ev)
			}
		}()
	}
	for i := 0; i < n; i++ {
		queue <- newEvent(i)
	}
	p := sample()
	close(queue)
	wg.Wait()
	return p
}

func run(r *measure.Run, f func(int, *sink) peak) {
	s := &sink{}
	start := time.Now()
	p := f(r.Scale, s)
	r.Record("elapsed_ms", float64(time.Since(start).Milliseconds()))
	r.Record("delivered", float64(s.delivered))
	r.Record("peak_goroutines", float64(p.goroutines))
	r.Record("peak_heap_inuse", float64(p.heapInuse))
	r.Record("peak_stack_inuse", float64(p.stackInuse))
}

func main() {
	measure.Main(measure.Demo{
		Scale: 10000,
		Leaky: func(r *measure.Run) any { run(r, perEvent); return nil },
		Fixed: func(r *measure.Run) any { run(r, pooled); return nil },
	})
}
