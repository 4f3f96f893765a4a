// Demo for Content/go/interior-pointer-keeps-array.md: a loader decodes a
// batch of records into one large slice and hands out &records[i] for the
// one it wants to keep; a parser keeps &msg.Header of a message whose body
// is a large array in the same struct. The GC marks whole objects, never
// parts of them, so a pointer into the middle keeps the whole backing array
// (or the whole struct) alive. The fix copies the element out.
package main

import (
	"runtime"

	"leakkb.dev/demos/internal/measure"
)

// record is one decoded row: 1 KiB, most of it payload.
type record struct {
	id      int
	name    [32]byte
	payload [992 - 8]byte
}

const batchLen = 1024 // records per batch: one 1 MiB backing array

// message is a protocol frame with a small header and a large inline body.
type message struct {
	header struct{ kind, length int }
	body   [256 << 10]byte
}

// pickRecord loads a batch and returns a pointer to the record wanted.
func pickRecord(batch int, copyOut bool) *record {
	recs := make([]record, batchLen)
	for i := range recs {
		recs[i].id = batch*batchLen + i
		recs[i].payload[0] = 1
	}
	if copyOut {
		r := recs[7] // its own 1 KiB object; recs becomes garbage
		return &r
	}
	return &recs[7] // points into recs: the GC must keep all of it
}

// header parses a message and returns a pointer to its header.
func header(i int, copyOut bool) *struct{ kind, length int } {
	m := new(message)
	m.header.kind, m.header.length = i, len(m.body)
	m.body[0] = 1
	if copyOut {
		h := m.header
		return &h
	}
	return &m.header
}

type kept struct {
	records []*record
	headers []*struct{ kind, length int }
}

// liveHeap is the heap still reachable after a full collection.
func liveHeap() float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapAlloc)
}

func run(r *measure.Run, copyOut bool) any {
	var k kept
	start := liveHeap()
	for b := 0; b < r.Scale; b++ {
		k.records = append(k.records, pickRecord(b, copyOut))
	}
	mid := liveHeap()
	for i := 0; i < 4*r.Scale; i++ {
		k.headers = append(k.headers, header(i, copyOut))
	}
	end := liveHeap()
	// What each kind of kept pointer costs, measured separately.
	r.Record("records_heap", mid-start)
	r.Record("headers_heap", end-mid)
	r.Record("records_kept", float64(len(k.records)))
	r.Record("headers_kept", float64(len(k.headers)))
	return &k
}

func main() {
	measure.Main(measure.Demo{
		Scale: 64, // batches of 1 MiB, and 4x as many 256 KiB messages
		Leaky: func(r *measure.Run) any { return run(r, false) },
		Fixed: func(r *measure.Run) any { return run(r, true) },
	})
}
