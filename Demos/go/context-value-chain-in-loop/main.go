// Demo for Content/go/context-value-chain-in-loop.md: a long-running worker
// attaches each message to its context with context.WithValue before
// handling it. The leaky worker assigns the result back to the loop's ctx, so
// every message wraps the previous context: the chain grows by one node per
// message, keeps every message alive, and each lookup of a value set before
// the loop walks the whole chain. The fixed worker derives each message's
// context from the worker's base context and drops it afterwards.
package main

import (
	"context"
	"time"

	"leakkb.dev/demos/internal/measure"
)

type ctxKey int

const (
	requestIDKey ctxKey = iota // set once, before the loop
	messageKey                 // set per message
)

const payloadSize = 2 << 10 // each message carries 2 KiB

type message struct {
	seq     int
	payload []byte
}

// handle reads a value stored before the loop, as logging or tracing
// middleware does on every call. Its cost is the depth of the chain above
// the key.
func handle(ctx context.Context) int {
	id, _ := ctx.Value(requestIDKey).(int)
	m, _ := ctx.Value(messageKey).(*message)
	return id + int(m.payload[0])
}

func newMessage(i int) *message {
	m := &message{seq: i, payload: make([]byte, payloadSize)}
	m.payload[0] = byte(i)
	return m
}

// runLeaky returns the context the worker holds at the end: the head of a
// chain with one node per message handled.
func runLeaky(base context.Context, n int) (context.Context, int) {
	ctx := base
	sum := 0
	for i := 0; i < n; i++ {
		ctx = context.WithValue(ctx, messageKey, newMessage(i))
		sum += handle(ctx)
	}
	return ctx, sum
}

// runFixed gives each message its own short-lived child of base, so the
// worker still holds only base at the end.
func runFixed(base context.Context, n int) (context.Context, int) {
	sum := 0
	for i := 0; i < n; i++ {
		msgCtx := context.WithValue(base, messageKey, newMessage(i))
		sum += handle(msgCtx)
	}
	last := context.WithValue(base, messageKey, newMessage(n))
	return last, sum
}

// lookupNanos times a lookup of the key stored before the loop. It keeps
// the best of several batches, so that a batch slowed down by another
// process on the machine does not count.
func lookupNanos(ctx context.Context) float64 {
	const batch = 200
	best := time.Duration(1 << 62)
	for round := 0; round < 7; round++ {
		start := time.Now()
		for i := 0; i < batch; i++ {
			if ctx.Value(requestIDKey) == nil {
				panic("request id lost")
			}
		}
		if d := time.Since(start); d < best {
			best = d
		}
	}
	return float64(best.Nanoseconds()) / batch
}

func run(r *measure.Run, worker func(context.Context, int) (context.Context, int)) any {
	base := context.WithValue(context.Background(), requestIDKey, 42)
	start := time.Now()
	ctx, sum := worker(base, r.Scale)
	r.Record("loop_ms", float64(time.Since(start).Microseconds())/1000)
	r.Record("lookup_ns", lookupNanos(ctx))
	r.Record("checksum", float64(sum))
	return ctx // the worker is long-lived: it still holds its context
}

func main() {
	measure.Main(measure.Demo{
		Scale: 10_000,
		Leaky: func(r *measure.Run) any { return run(r, runLeaky) },
		Fixed: func(r *measure.Run) any { return run(r, runFixed) },
	})
}
