// Demo for Content/go/goroutine-blocked-receive.md: each upload hands its
// records to a batching goroutine that ranges over a channel and writes the
// batch when the channel is closed. The producer never closes it, so every
// batcher waits for good, holding its half-built batch. Closing the channel
// when the producer is done lets the batcher flush and exit.
package main

import (
	"sync/atomic"

	"leakkb.dev/demos/internal/measure"
)

const (
	recordsPerUpload = 16
	recordSize       = 1 << 10 // 1 KiB per record
)

type record []byte

// flushed counts batches that reached the sink.
var flushed atomic.Int64

// batcher collects records until its input is closed, then writes them out.
func batcher(in <-chan record) {
	var batch []record
	for rec := range in { // returns only after close(in)
		batch = append(batch, rec)
	}
	flushed.Add(1)
	_ = batch // a real sink would write the batch here
}

// upload streams one upload's records to a fresh batcher.
// closeWhenDone is the fix: tell the batcher there is nothing more to come.
func upload(closeWhenDone bool) {
	recs := make(chan record)
	go batcher(recs)
	if closeWhenDone {
		defer close(recs)
	}
	for i := 0; i < recordsPerUpload; i++ {
		recs <- make(record, recordSize)
	}
}

func run(r *measure.Run, closeWhenDone bool) {
	for i := 0; i < r.Scale; i++ {
		upload(closeWhenDone)
	}
	r.RecordAtEnd("flushed", func() float64 { return float64(flushed.Load()) })
}

func main() {
	measure.Main(measure.Demo{
		Scale: 1000,
		Leaky: func(r *measure.Run) any {
			run(r, false)
			return nil
		},
		Fixed: func(r *measure.Run) any {
			run(r, true)
			return nil
		},
	})
}
