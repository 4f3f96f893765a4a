// Demo for Content/go/slice-capacity-never-shrinks.md: each connection keeps
// a bytes.Buffer and a []byte scratch slice that it reuses for every
// message. Reset() and s[:0] empty them but keep their capacity, so one
// huge message leaves each connection holding a huge buffer for as long as
// it lives, even though every later message is small. The fix drops a
// buffer that grew past a cap instead of reusing it.
package main

import (
	"bytes"

	"leakkb.dev/demos/internal/measure"
)

const (
	smallMsg = 512     // what almost every message weighs
	hugeMsg  = 2 << 20 // one message per connection is this big
	maxKeep  = 64 << 10
	messages = 200 // per connection; message 10 is the huge one
)

// conn is a long-lived connection with its reusable buffers.
type conn struct {
	out     bytes.Buffer // encodes replies
	scratch []byte       // decodes requests
}

// handle processes one message of n bytes with the connection's buffers.
func (c *conn) handle(n int, capped bool) {
	c.scratch = c.scratch[:0]
	for i := 0; i < n; i++ {
		c.scratch = append(c.scratch, byte(i))
	}
	c.out.Reset()
	c.out.Write(c.scratch)
	if capped {
		// Reuse only buffers of ordinary size; let a giant go to the GC.
		if cap(c.scratch) > maxKeep {
			c.scratch = nil
		}
		if c.out.Cap() > maxKeep {
			c.out = bytes.Buffer{}
		}
	}
}

func serve(r *measure.Run, capped bool) any {
	conns := make([]*conn, r.Scale)
	for i := range conns {
		conns[i] = &conn{}
		for m := 0; m < messages; m++ {
			n := smallMsg
			if m == 10 {
				n = hugeMsg
			}
			conns[i].handle(n, capped)
		}
	}
	var scratchCap, outCap int
	for _, c := range conns {
		scratchCap += cap(c.scratch)
		outCap += c.out.Cap()
	}
	r.Record("scratch_cap_total", float64(scratchCap))
	r.Record("buffer_cap_total", float64(outCap))
	return conns // the connections stay open
}

func main() {
	measure.Main(measure.Demo{
		Scale: 32, // connections
		Leaky: func(r *measure.Run) any { return serve(r, false) },
		Fixed: func(r *measure.Run) any { return serve(r, true) },
	})
}
