// Demo for Content/go/cancel-funcs-in-map.md: jobs whose cancel functions are
// parked in a map and never called stay registered in their long-lived
// parent context, together with everything their contexts carry; calling
// cancel and deleting the entry when a job ends releases them.
package main

import (
	"context"
	"time"

	"leakkb.dev/demos/internal/measure"
)

type jobKey struct{}

// job is the request-scoped data a job's context carries.
type job struct {
	id      int
	payload []byte
}

// tracker lets an operator cancel running jobs by id.
type tracker struct {
	base    context.Context // lives as long as the server
	running map[int]context.CancelFunc
}

// start derives the job's context from the server's base context. The new
// timer context is registered as a child of base until it is cancelled.
func (t *tracker) start(id int) (context.Context, context.CancelFunc) {
	ctx := context.WithValue(t.base, jobKey{}, &job{id: id, payload: make([]byte, 2048)})
	ctx, cancel := context.WithTimeout(ctx, time.Hour)
	t.running[id] = cancel
	return ctx, cancel
}

// work stands for the job itself; it finishes long before its deadline.
func work(ctx context.Context) {
	j := ctx.Value(jobKey{}).(*job)
	j.payload[0] = byte(j.id)
}

func main() {
	measure.Main(measure.Demo{
		Scale: 50_000,
		Setup: func(r *measure.Run) {
			base, stop := context.WithCancel(context.Background())
			r.State = &tracker{base: base, running: map[int]context.CancelFunc{}}
			_ = stop // the server's base context is cancelled only at shutdown
		},
		Leaky: func(r *measure.Run) any {
			t := r.State.(*tracker)
			for id := 0; id < r.Scale; id++ {
				ctx, _ := t.start(id) // cancel lives on only in t.running
				work(ctx)
			}
			r.Record("tracked_jobs", float64(len(t.running)))
			return nil
		},
		Fixed: func(r *measure.Run) any {
			t := r.State.(*tracker)
			for id := 0; id < r.Scale; id++ {
				ctx, cancel := t.start(id)
				work(ctx)
				cancel() // stops the timer, unregisters from base
				delete(t.running, id)
			}
			r.Record("tracked_jobs", float64(len(t.running)))
			return nil
		},
	})
}
