// Demo for Content/go/context-afterfunc-not-stopped.md: each request
// registers a context.AfterFunc on the long-lived server context, so that
// its session is released if the server shuts down mid-request. The leaky
// handler drops the stop function that AfterFunc returns, so the parent
// keeps every registration, and the closure and session it holds, until the
// server context is cancelled. The fixed handler calls stop when the request
// ends.
package main

import (
	"context"
	"sync/atomic"

	"leakkb.dev/demos/internal/measure"
)

const sessionSize = 4 << 10 // each session holds a 4 KiB buffer

type session struct {
	id  int
	buf []byte
}

// released counts callbacks that ran; the server is never shut down in the
// demo, so it stays 0 in both variants.
var released atomic.Int64

// handle serves one request on the long-lived server context. stop says
// whether the handler unregisters its callback when it returns.
func handle(server context.Context, id int, stop bool) int {
	s := &session{id: id, buf: make([]byte, sessionSize)}
	unregister := context.AfterFunc(server, func() {
		// Capturing s is what makes a forgotten registration expensive.
		released.Add(1)
		s.buf = nil
	})
	if stop {
		defer unregister()
	}
	s.buf[0] = byte(id)
	return int(s.buf[0] & 1)
}

type server struct {
	ctx      context.Context
	shutdown context.CancelFunc
}

func serve(r *measure.Run, stop bool) int {
	srv := r.State.(*server)
	sum := 0
	for i := 0; i < r.Scale; i++ {
		sum += handle(srv.ctx, i, stop)
	}
	r.RecordAtEnd("callbacks_run", func() float64 { return float64(released.Load()) })
	return sum
}

func main() {
	measure.Main(measure.Demo{
		Scale: 10_000,
		// The server context exists before the "before" snapshot and
		// outlives the workload, as in a real server.
		Setup: func(r *measure.Run) {
			ctx, cancel := context.WithCancel(context.Background())
			r.State = &server{ctx: ctx, shutdown: cancel}
		},
		Leaky: func(r *measure.Run) any { return serve(r, false) },
		Fixed: func(r *measure.Run) any { return serve(r, true) },
	})
}
