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

// waitFor runs GCs until every counter reaches want or a second has passed:
// finalizers and cleanups run on their own goroutine some time after the GC
// that found their object unreachable. A nil counter (no AddCleanup before
// Go 1.24) is skipped.
func waitFor(want int, counters ...*atomic.Int64) {
	done := func() bool {
		for _, c := range counters {
			if c != nil && c.Load() < int64(want) {
				return false
			}
		}
		return true
	}
	for deadline := time.Now().Add(time.Second); !done() && time.Now().Before(deadline); {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}

// run builds r.Scale pairs with a finalizer (set by finalize) and, on Go
// 1.24+, r.Scale more with a cleanup, drops all of them and counts how many
// finalizers and cleanups ran.
func run(r *measure.Run, leaky bool, finalize func(c *conn)) any {
	for i := 0; i < r.Scale; i++ {
		finalize(newPair(i))
	}
	cleanups := startCleanups(r.Scale, leaky)
	// every pair is now unreachable from the program
	waitFor(r.Scale, &closed, cleanups)
	r.Record("finalizers_run", float64(closed.Load()))
	if cleanups != nil {
		r.Record("cleanups_run", float64(cleanups.Load()))
	}
	return nil
}

func main() {
	measure.Main(measure.Demo{
		Scale: 2000,
		Leaky: func(r *measure.Run) any {
			return run(r, true, func(c *conn) {
				runtime.SetFinalizer(c, func(c *conn) { closeFD(c.fd) })
			})
		},
		Fixed: func(r *measure.Run) any {
			return run(r, false, func(c *conn) {
				c.handle = &fdHandle{fd: c.fd, name: "conn"}
				runtime.SetFinalizer(c.handle, func(h *fdHandle) { closeFD(h.fd) })
			})
		},
	})
}
