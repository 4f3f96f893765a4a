// Demo for Content/go/closures-in-global-map.md: a callback registered in a
// package-level map keeps everything it captures alive until it is removed;
// a request that registers one and never unregisters it leaks its buffer.
package main

import (
	"sync"

	"leakkb.dev/demos/internal/measure"
)

const bodySize = 64 << 10

// listeners is a process-wide registry of callbacks run on config reload.
var (
	mu        sync.Mutex
	nextID    int
	listeners = map[int]func(){}
)

func subscribe(fn func()) (id int) {
	mu.Lock()
	defer mu.Unlock()
	nextID++
	listeners[nextID] = fn
	return nextID
}

func unsubscribe(id int) {
	mu.Lock()
	defer mu.Unlock()
	delete(listeners, id)
}

// handle stands for one request: it reads a body and, while it runs, wants
// to hear about config reloads. The callback captures body, so the map now
// references the whole 64 KiB buffer.
func handle(i int, unregister bool) {
	body := make([]byte, bodySize)
	for j := range body {
		body[j] = byte(i + j) // as if read from the network
	}
	id := subscribe(func() {
		_ = len(body) // re-validate the body against the new config
	})
	if unregister {
		defer unsubscribe(id)
	}
	// ... the request's real work; then it returns and body should die ...
}

func main() {
	measure.Main(measure.Demo{
		Scale: 2000,
		Leaky: func(r *measure.Run) any {
			for i := 0; i < r.Scale; i++ {
				handle(i, false)
			}
			r.Record("listeners", float64(len(listeners)))
			return nil
		},
		Fixed: func(r *measure.Run) any {
			for i := 0; i < r.Scale; i++ {
				handle(i, true)
			}
			r.Record("listeners", float64(len(listeners)))
			return nil
		},
	})
}
