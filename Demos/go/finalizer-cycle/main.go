// Demo for Content/go/finalizer-cycle.md: a parent/child pair that points both
// ways, with a finalizer on the parent, is never collected and its finalizer
// never runs; moving the finalizer to a small handle outside the cycle lets
// the GC free the pair and run the finalizer.
package main

import (
	"runtime"
	"sync/atomic"
	"time"

	"leakkb.dev/demos/internal/measure"
)

const bufSize = 16 << 10 // 16 KiB of data per connection

// conn and its session point at each other: a common shape for a parent and
// a child that needs to reach back (a connection and its read loop state).
type conn struct {
	fd      int
	buf     []byte
	session *session
	handle  *fdHandle // fixed variant only
}

type session struct {
	conn  *conn
	state []byte
}

// fdHandle owns the descriptor and points at no conn, so it is never part
// of the cycle.
type fdHandle struct {
	fd   int
	name string
}

var closed atomic.Int64 // how many finalizers ran ("descriptors closed")

func closeFD(int) { closed.Add(1) }

func newPair(fd int) *conn {
	c := &conn{fd: fd, buf: make([]byte, bufSize)}
	c.session = &session{conn: c, state: make([]byte, 512)}
	for i := range c.buf {
		c.buf[i] = byte(fd + i)
	}
	return c
}

// waitFor runs GCs until counter reaches want or a second has passed, and
// returns the count: finalizers and cleanups run on their own goroutine
// some time after the GC that found their object unreachable.
func waitFor(counter *atomic.Int64, want int) float64 {
	deadline := time.Now().Add(time.Second)
	for counter.Load() < int64(want) && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	return float64(counter.Load())
}

func main() {
	measure.Main(measure.Demo{
		Scale: 2000,
		Leaky: func(r *measure.Run) any {
			for i := 0; i < r.Scale; i++ {
				c := newPair(i)
				runtime.SetFinalizer(c, func(c *conn) { closeFD(c.fd) })
			}
			// every pair is now unreachable from the program
			r.Record("finalizers_run", waitFor(&closed, r.Scale))
			return nil
		},
		Fixed: func(r *measure.Run) any {
			for i := 0; i < r.Scale; i++ {
				c := newPair(i)
				c.handle = &fdHandle{fd: i, name: "conn"}
				runtime.SetFinalizer(c.handle, func(h *fdHandle) { closeFD(h.fd) })
			}
			r.Record("finalizers_run", waitFor(&closed, r.Scale))
			recordCleanups(r)
			return nil
		},
	})
}
