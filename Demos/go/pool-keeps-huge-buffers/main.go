// Demo for Content/go/pool-keeps-huge-buffers.md: a sync.Pool of
// *bytes.Buffer that takes every buffer back keeps the buffers a short burst
// of huge responses grew, for as long as ordinary small traffic goes on;
// refusing to pool buffers above 64 KiB lets the GC free them.
package main

import (
	"bytes"
	"runtime"
	"runtime/metrics"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"leakkb.dev/demos/internal/measure"
)

const (
	workers   = 16       // requests served at the same time
	hugeSize  = 4 << 20  // the burst: one 4 MiB response per worker
	smallSize = 2 << 10  // everything after the burst
	maxPooled = 64 << 10 // fixed variant: larger buffers are not put back
)

var chunk = bytes.Repeat([]byte("0123456789abcdef"), 256) // 4 KiB

// server renders responses into pooled buffers, as encoders, loggers and
// template engines commonly do.
type server struct {
	pool    sync.Pool
	capped  bool
	created atomic.Int64
	sent    atomic.Int64
}

func newServer(capped bool) *server {
	s := &server{capped: capped}
	s.pool.New = func() any {
		s.created.Add(1)
		return new(bytes.Buffer)
	}
	return s
}

func (s *server) handle(size int) {
	buf := s.pool.Get().(*bytes.Buffer)
	buf.Reset()
	for buf.Len() < size {
		buf.Write(chunk)
	}
	time.Sleep(time.Millisecond) // a client reading the response
	s.sent.Add(int64(buf.Len()))
	if s.capped && buf.Cap() > maxPooled {
		return // too big to keep: let the GC have it
	}
	s.pool.Put(buf)
}

// serve runs the requests on a fixed number of workers and returns when all
// are done.
func (s *server) serve(sizes []int) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(sizes); i = int(next.Add(1)) - 1 {
				s.handle(sizes[i])
			}
		}()
	}
	wg.Wait()
}

// sampleLiveHeap forces a GC every 20 ms until stop is closed and collects
// the heap each GC found live: what the program holds, garbage excluded.
func sampleLiveHeap(stop <-chan struct{}) []float64 {
	var out []float64
	m := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return out
		case <-tick.C:
			runtime.GC()
			metrics.Read(m)
			out = append(out, float64(m[0].Value.Uint64()))
		}
	}
}

// countPooledHuge empties the pool from one goroutine and counts the
// buffers above maxPooled it hands out before it has to make a new one.
func countPooledHuge(s *server) float64 {
	made := s.created.Load()
	huge := 0
	for s.created.Load() == made {
		if b := s.pool.Get().(*bytes.Buffer); b.Cap() > maxPooled {
			huge++
		}
	}
	return float64(huge)
}

func run(r *measure.Run, capped bool) any {
	s := newServer(capped)

	burst := make([]int, workers)
	for i := range burst {
		burst[i] = hugeSize
	}
	s.serve(burst)

	steady := make([]int, r.Scale)
	for i := range steady {
		steady[i] = smallSize
	}
	stop := make(chan struct{})
	samples := make(chan []float64)
	go func() { samples <- sampleLiveHeap(stop) }()
	s.serve(steady)
	close(stop)
	live := <-samples

	sort.Float64s(live)
	if n := len(live); n > 0 {
		r.Record("live_heap_min", live[0])
		r.Record("live_heap_median", live[n/2])
	}
	r.Record("live_heap_samples", float64(len(live)))
	r.Record("pooled_huge_buffers", countPooledHuge(s))
	r.Record("buffers_created", float64(s.created.Load()))
	return s // the pool stays reachable until the "after" snapshot
}

func main() {
	measure.Main(measure.Demo{
		Scale: 12000,
		Leaky: func(r *measure.Run) any { return run(r, false) },
		Fixed: func(r *measure.Run) any { return run(r, true) },
	})
}
