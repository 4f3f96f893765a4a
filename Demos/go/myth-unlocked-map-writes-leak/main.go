// Demo for Content/go/myth-unlocked-map-writes-leak.md: several goroutines
// write to one map, each inserting new keys and deleting old ones so the
// table keeps rehashing. Without a lock (leaky) the runtime notices the
// concurrent writes and kills the process with "fatal error: concurrent map
// writes"; nothing is left running long enough to leak. With a mutex (fixed)
// the same two million writes and deletes leave the heap flat: rehashing
// creates no garbage that outlives the table it belongs to.
package main

import (
	"runtime"
	"sync"
	"time"

	"leakkb.dev/demos/internal/measure"
)

const (
	writers = 4
	window  = 1024 // live keys per writer
)

// churn inserts n new keys into m and deletes each key once it falls out of
// the writer's window, so the map's size stays bounded while its contents
// keep changing.
func churn(m map[int][16]byte, lock sync.Locker, writer, n int) {
	for i := 0; i < n; i++ {
		k := i*writers + writer
		lock.Lock()
		m[k] = [16]byte{byte(k)}
		if i >= window {
			delete(m, k-window*writers)
		}
		lock.Unlock()
	}
}

// noLock is what code without synchronisation does: nothing.
type noLock struct{}

func (noLock) Lock()   {}
func (noLock) Unlock() {}

func run(r *measure.Run, lock sync.Locker) map[int][16]byte {
	// Writers must really run in parallel for the runtime to catch them;
	// with one P they would only interleave at safe points.
	if runtime.GOMAXPROCS(0) < writers {
		runtime.GOMAXPROCS(writers)
	}
	m := make(map[int][16]byte)
	per := r.Scale / writers
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			churn(m, lock, w, per)
		}(w)
	}
	wg.Wait()
	r.Record("writes", float64(per*writers))
	r.Record("final_len", float64(len(m)))
	r.Record("seconds", time.Since(start).Seconds())
	runtime.KeepAlive(m)
	return m
}

func main() {
	measure.Main(measure.Demo{
		Scale: 2_000_000,
		Leaky: func(r *measure.Run) any {
			return run(r, noLock{})
		},
		Fixed: func(r *measure.Run) any {
			return run(r, &sync.Mutex{})
		},
	})
}
