// Demo for Content/go/nil-channel-blocks-forever.md: a task struct has a
// result channel that the constructor forgot to make. The worker's send on
// the nil channel blocks forever, the collector's receive case never fires,
// and every task times out. Making the channel (with room for the one
// result) fixes both sides.
package main

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"leakkb.dev/demos/internal/measure"
)

const bufSize = 16 << 10 // each task works in a 16 KiB scratch buffer

type task struct {
	id     int
	result chan int // nil unless the constructor makes it
}

var buffers = sync.Pool{New: func() any { return new([bufSize]byte) }}

// outstanding counts scratch buffers taken and not yet given back.
var outstanding atomic.Int64

func getBuffer() *[bufSize]byte {
	outstanding.Add(1)
	return buffers.Get().(*[bufSize]byte)
}

func putBuffer(b *[bufSize]byte) {
	outstanding.Add(-1)
	buffers.Put(b)
}

func newTask(id int, makeChan bool) *task {
	t := &task{id: id}
	if makeChan {
		t.result = make(chan int, 1)
	}
	return t
}

func (t *task) run() {
	buf := getBuffer()
	defer putBuffer(buf) // never runs if the send below never returns
	buf[0] = byte(t.id)
	t.result <- len(buf) + int(buf[0]) // on a nil channel this never proceeds
}

// collect waits up to the context's deadline for each task's result.
// The nil channel's case is simply never ready, so select falls through to
// the deadline instead of blocking here.
func collect(ctx context.Context, tasks []*task) (got, missing int) {
	for _, t := range tasks {
		select {
		case <-t.result:
			got++
		case <-ctx.Done():
			missing++
		}
	}
	return got, missing
}

func run(r *measure.Run, makeChan bool) any {
	// The task table stays reachable on purpose: it shows that the leak
	// profile reports nil-channel waits even when everything is referenced.
	tasks := make([]*task, r.Scale)
	for i := range tasks {
		tasks[i] = newTask(i, makeChan)
		go tasks[i].run()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	got, missing := collect(ctx, tasks)
	r.Record("results", float64(got))
	r.Record("timeouts", float64(missing))
	r.RecordAtEnd("buffers_outstanding", func() float64 { return float64(outstanding.Load()) })
	return tasks
}

func main() {
	measure.Main(measure.Demo{
		Scale: 1000,
		Leaky: func(r *measure.Run) any { return run(r, false) },
		Fixed: func(r *measure.Run) any { return run(r, true) },
	})
}
