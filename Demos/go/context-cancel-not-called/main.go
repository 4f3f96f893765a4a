// Demo for Content/go/context-cancel-not-called.md: every request derives a
// context with a one-hour timeout from a long-lived server context. The leaky
// handler never calls the cancel function, so each child context stays in
// the parent's list of children, and its timer stays armed, until the hour
// is up. The fixed handler defers cancel.
package main

import (
	"context"
	"time"

	"leakkb.dev/demos/internal/measure"
)

const requestTimeout = time.Hour

// request keeps the cancel function in a field, as real code often does.
// go vet's lostcancel check only sees a cancel function that is dropped
// inside one function, so it cannot flag the leaky handler below.
type request struct {
	ctx    context.Context
	cancel context.CancelFunc
	id     int
}

func newRequest(parent context.Context, id int) *request {
	ctx, cancel := context.WithTimeout(parent, requestTimeout)
	return &request{ctx: ctx, cancel: cancel, id: id}
}

// work stands for the handler's real work; it only reads the context.
func work(req *request) int {
	if req.ctx.Err() != nil {
		return 0
	}
	return req.id & 1
}

func handleLeaky(server context.Context, id int) int {
	req := newRequest(server, id)
	return work(req) // req.cancel is never called
}

func handleFixed(server context.Context, id int) int {
	req := newRequest(server, id)
	defer req.cancel()
	return work(req)
}

// server is the long-lived parent, cancelled only at shutdown.
type server struct {
	ctx  context.Context
	stop context.CancelFunc
}

// serve handles r.Scale requests on the long-lived server context.
func serve(r *measure.Run, handle func(context.Context, int) int) int {
	srv := r.State.(*server)
	n := 0
	for i := 0; i < r.Scale; i++ {
		n += handle(srv.ctx, i)
	}
	return n
}

func main() {
	measure.Main(measure.Demo{
		Scale: 100_000,
		Setup: func(r *measure.Run) {
			ctx, stop := context.WithCancel(context.Background())
			r.State = &server{ctx: ctx, stop: stop}
		},
		Leaky: func(r *measure.Run) any { return serve(r, handleLeaky) },
		Fixed: func(r *measure.Run) any { return serve(r, handleFixed) },
	})
}
