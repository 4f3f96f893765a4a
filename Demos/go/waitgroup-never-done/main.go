// Demo for Content/go/waitgroup-never-done.md: a batch fans out to four
// workers and a finisher goroutine waits for them before publishing the
// batch. One worker returns early on an error without calling wg.Done, so
// the finisher's wg.Wait never returns and it keeps the whole batch alive.
// Calling Done in a defer covers every return path.
package main

import (
	"errors"
	"sync"
	"sync/atomic"

	"leakkb.dev/demos/internal/measure"
)

const (
	itemsPerBatch = 4
	itemSize      = 4 << 10 // each item's output is 4 KiB
)

var errBadItem = errors.New("bad item")

// published counts batches whose finisher ran to the end.
var published atomic.Int64

// publish stands for handing a finished batch on (to a writer, a reply...).
func publish(out [][]byte) {
	n := 0
	for _, b := range out {
		n += len(b)
	}
	if n > 0 {
		published.Add(1)
	}
}

func process(item int) ([]byte, error) {
	if item == itemsPerBatch-1 { // the last item of every batch fails
		return nil, errBadItem
	}
	return make([]byte, itemSize), nil
}

// leakyWorker calls Done only on the success path.
func leakyWorker(wg *sync.WaitGroup, out [][]byte, i int) {
	b, err := process(i)
	if err != nil {
		return // forgets wg.Done
	}
	out[i] = b
	wg.Done()
}

// fixedWorker calls Done on every path.
func fixedWorker(wg *sync.WaitGroup, out [][]byte, i int) {
	defer wg.Done()
	b, err := process(i)
	if err != nil {
		return
	}
	out[i] = b
}

// startBatch runs the workers and returns at once; a finisher goroutine
// publishes the batch when all workers are done.
func startBatch(worker func(*sync.WaitGroup, [][]byte, int)) {
	var wg sync.WaitGroup
	out := make([][]byte, itemsPerBatch)
	for i := 0; i < itemsPerBatch; i++ {
		wg.Add(1)
		go worker(&wg, out, i)
	}
	go func() {
		wg.Wait()
		publish(out) // out stays alive for as long as Wait blocks
	}()
}

func run(r *measure.Run, worker func(*sync.WaitGroup, [][]byte, int)) {
	for i := 0; i < r.Scale; i++ {
		startBatch(worker)
	}
	r.RecordAtEnd("published", func() float64 { return float64(published.Load()) })
}

func main() {
	measure.Main(measure.Demo{
		Scale: 1000,
		Leaky: func(r *measure.Run) any {
			run(r, leakyWorker)
			return nil
		},
		Fixed: func(r *measure.Run) any {
			run(r, fixedWorker)
			return nil
		},
	})
}
