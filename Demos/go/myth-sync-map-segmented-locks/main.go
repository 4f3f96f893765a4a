// Demo for Content/go/myth-sync-map-segmented-locks.md: several goroutines
// insert disjoint keys, either into a sync.Map (leaky: the variant the myth
// praises) or into a plain map behind one sync.RWMutex (fixed: the baseline).
// The demo reports the time and allocations per insert, and how many locks
// the finished structure contains, counted by walking it with reflection. That count is what the "segmented locks" story
// is about: Go 1.22's sync.Map has exactly one mutex, Go 1.24+'s is a hash
// trie with one mutex per trie node, and neither has a fixed set of segments.
package main

import (
	"runtime"
	"sync"
	"time"

	"leakkb.dev/demos/internal/measure"
)

const (
	writers = 8 // more goroutines than cores, as in a busy server
	rounds  = 3 // the best round counts, to damp noise from other processes
)

// store is what both variants fill.
type store interface {
	put(k, v int)
	structure() any // what the lock counter walks
}

type syncMapStore struct{ m sync.Map }

func (s *syncMapStore) put(k, v int)   { s.m.Store(k, v) }
func (s *syncMapStore) structure() any { return &s.m }

type lockedMapStore struct {
	mu sync.RWMutex
	m  map[int]int
}

func (s *lockedMapStore) put(k, v int) {
	s.mu.Lock()
	s.m[k] = v
	s.mu.Unlock()
}
func (s *lockedMapStore) structure() any { return s }

// fill has each writer insert its own range of keys, so no two writers ever
// touch the same key: the case where segmented locking would shine.
func fill(s store, perWriter int) time.Duration {
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	ready.Add(writers)
	done.Add(writers)
	for w := 0; w < writers; w++ {
		go func(base int) {
			defer done.Done()
			ready.Done()
			<-start
			for i := 0; i < perWriter; i++ {
				s.put(base+i, i)
			}
		}(w * perWriter)
	}
	ready.Wait()
	t0 := time.Now()
	close(start)
	done.Wait()
	return time.Since(t0)
}

func run(r *measure.Run, newStore func() store) any {
	perWriter := r.Scale / writers
	var best time.Duration
	var last store
	var mallocs uint64
	for round := 0; round < rounds; round++ {
		s := newStore()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		before := ms.Mallocs
		d := fill(s, perWriter)
		runtime.ReadMemStats(&ms)
		mallocs = ms.Mallocs - before
		if round == 0 || d < best {
			best = d
		}
		last = s
	}
	ops := float64(perWriter * writers)
	r.Record("ns_per_insert", float64(best.Nanoseconds())/ops)
	r.Record("mallocs_per_insert", float64(mallocs)/ops)
	r.Record("locks", float64(countLocks(last.structure())))
	r.Record("gomaxprocs", float64(runtime.GOMAXPROCS(0)))
	return last
}

func main() {
	measure.Main(measure.Demo{
		Scale: 100_000,
		Leaky: func(r *measure.Run) any {
			return run(r, func() store { return &syncMapStore{} })
		},
		Fixed: func(r *measure.Run) any {
			return run(r, func() store { return &lockedMapStore{m: map[int]int{}} })
		},
	})
}
