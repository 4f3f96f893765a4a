// Demo for Content/go/time-afterfunc-without-stop.md: each request arms a
// one-hour time.AfterFunc that would clean up after it if it were abandoned,
// and the closure captures the request. Most requests finish in time, but
// the leaky handler never stops its timer, so the runtime keeps every timer,
// its closure and the request it captured until the hour is up. The fixed
// handler stops the timer when the request completes.
package main

import (
	"sync/atomic"
	"time"

	"leakkb.dev/demos/internal/measure"
)

const (
	watchdogDelay = time.Hour
	bufferSize    = 4 << 10 // each request holds a 4 KiB buffer
)

type request struct {
	id  int
	buf []byte
}

// abandoned counts watchdogs that fired; none should within the demo.
var abandoned atomic.Int64

// handle serves one request. The watchdog would release the request's
// resources if the handler hung; stop says whether the handler cancels it
// once it is done (the fix) or just lets it run out (the bug).
func handle(id int, stop bool) int {
	req := &request{id: id, buf: make([]byte, bufferSize)}
	watchdog := time.AfterFunc(watchdogDelay, func() {
		// The closure refers to req, so the timer keeps the request alive.
		abandoned.Add(1)
		req.buf = nil
	})
	if stop {
		defer watchdog.Stop()
	}
	req.buf[0] = byte(id)
	return int(req.buf[0] & 1)
}

func serve(n int, stop bool) int {
	sum := 0
	for i := 0; i < n; i++ {
		sum += handle(i, stop)
	}
	return sum
}

func main() {
	measure.Main(measure.Demo{
		Scale: 10_000,
		Leaky: func(r *measure.Run) any {
			sum := serve(r.Scale, false)
			r.RecordAtEnd("fired", func() float64 { return float64(abandoned.Load()) })
			return sum
		},
		Fixed: func(r *measure.Run) any {
			sum := serve(r.Scale, true)
			r.RecordAtEnd("fired", func() float64 { return float64(abandoned.Load()) })
			return sum
		},
	})
}
