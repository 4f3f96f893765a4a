// Demo for Content/go/mutex-never-unlocked.md: a store's lookup returns
// early on a miss without unlocking its mutex. The first miss leaves the
// mutex locked, and every request after it blocks in Lock for good, each
// holding its request buffer. Unlocking in a defer covers every return path.
//
// The demo then swaps in a fresh store, as a config reload would, to show
// when the goroutineleak profile can see the stuck requests.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"

	"leakkb.dev/demos/internal/measure"
)

// bodySize is a variable, like a Content-Length: each body is 16 KiB.
var bodySize = 16 << 10

var errNotFound = errors.New("not found")

type store struct {
	mu   sync.Mutex
	data map[string]int
}

func newStore() *store {
	return &store{data: map[string]int{"alice": 1, "bob": 2}}
}

// getLeaky forgets to unlock on the miss path.
func (s *store) getLeaky(key string) (int, error) {
	s.mu.Lock()
	v, ok := s.data[key]
	if !ok {
		return 0, errNotFound
	}
	s.mu.Unlock()
	return v, nil
}

// getFixed unlocks on every path.
func (s *store) getFixed(key string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.data[key]
	if !ok {
		return 0, errNotFound
	}
	return v, nil
}

// current is the live store, reachable from a package variable like most
// shared state in a server. It is set when the server starts: an object
// built by a package-level initializer may be laid out statically, outside
// the heap, and the leak profile never reports waits on those.
var current *store

func readBody(n int) []byte { return make([]byte, n) }

// handle serves one request: it reads a body, looks a key up, and still
// needs the body afterwards.
func handle(key string, fixed bool) int {
	body := readBody(bodySize)
	var v int
	if fixed {
		v, _ = current.getFixed(key)
	} else {
		v, _ = current.getLeaky(key)
	}
	return v + int(body[0])
}

func run(r *measure.Run, fixed bool) {
	current = newStore()
	handle("carol", fixed) // one miss, served before the others arrive
	var wg sync.WaitGroup
	for i := 0; i < r.Scale; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			handle("alice", fixed)
		}()
	}
	if fixed {
		wg.Wait()
	}
	settle()
	if n, ok := leakedGoroutines(); ok {
		r.Record("leaked_while_reachable", float64(n))
	}
	current = newStore() // reload: the old store is no longer referenced
}

// leakedGoroutines reads the goroutineleak profile's total where the
// toolchain has it (Go 1.26+ with the experiment, built in later).
func leakedGoroutines() (int, bool) {
	p := pprof.Lookup("goroutineleak")
	if p == nil {
		return 0, false
	}
	var buf bytes.Buffer
	if err := p.WriteTo(&buf, 1); err != nil {
		return 0, false
	}
	var n int
	if _, err := fmt.Sscanf(buf.String(), "goroutineleak profile: total %d", &n); err != nil {
		return 0, false
	}
	return n, true
}

// settle waits until the goroutine count has been stable for 50 ms.
func settle() {
	last, stable := -1, 0
	for deadline := time.Now().Add(time.Second); stable < 5 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
		if n := runtime.NumGoroutine(); n == last {
			stable++
		} else {
			last, stable = n, 0
		}
	}
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
