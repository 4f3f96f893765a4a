// Demo for Content/go/truncated-slice-of-pointers.md: a reused batch slice
// truncated with batch[:0], and a queue drained with q = q[1:], both keep the
// jobs they once held alive through their backing arrays; clearing the
// slots first lets the GC free the jobs.
package main

import (
	"runtime"

	"leakkb.dev/demos/internal/measure"
)

const payloadSize = 32 << 10 // 32 KiB per job

type job struct {
	id      int
	payload []byte
}

func newJob(id int) *job {
	j := &job{id: id, payload: make([]byte, payloadSize)}
	for i := range j.payload {
		j.payload[i] = byte(id + i)
	}
	return j
}

func process(j *job) int { return j.id + int(j.payload[0]) }

// owner holds the long-lived slices, as a worker struct or a server would.
type owner struct {
	batch []*job
	queue []*job
}

// liveHeap collects garbage and returns the bytes still allocated.
func liveHeap() float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapAlloc)
}

// run fills and empties a batch, then fills and drains a queue, recording
// how much memory each step leaves behind after a GC.
func run(r *measure.Run, clearSlots bool) any {
	o := &owner{}
	n := r.Scale

	base := liveHeap()
	for i := 0; i < n; i++ {
		o.batch = append(o.batch, newJob(i))
	}
	for _, j := range o.batch {
		process(j)
	}
	if clearSlots {
		clear(o.batch) // nil every slot, keep the capacity
	}
	o.batch = o.batch[:0]
	r.Record("batch_retained", liveHeap()-base)

	base = liveHeap()
	for i := 0; i < n; i++ {
		o.queue = append(o.queue, newJob(i))
	}
	for len(o.queue) > 0 {
		j := o.queue[0]
		if clearSlots {
			o.queue[0] = nil // drop the array's reference to the job
		}
		o.queue = o.queue[1:]
		process(j)
	}
	r.Record("queue_retained", liveHeap()-base)
	return o
}

func main() {
	measure.Main(measure.Demo{
		Scale: 1000,
		Leaky: func(r *measure.Run) any { return run(r, false) },
		Fixed: func(r *measure.Run) any { return run(r, true) },
	})
}
