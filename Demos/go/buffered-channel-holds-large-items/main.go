// Demo for Content/go/buffered-channel-holds-large-items.md: an uploader
// queues payloads on a large buffered channel for one consumer goroutine.
// The consumer gives up after an error, but the uploader (and so the
// channel) lives on, and producers keep enqueueing with a non-blocking send.
// Nothing blocks and no goroutine leaks: the channel's buffer simply fills
// with payloads nobody will read, and the GC must keep every one of them.
// The fix marks the queue dead and drains it when the consumer quits.
package main

import (
	"errors"
	"sync"
	"sync/atomic"

	"leakkb.dev/demos/internal/measure"
)

const (
	queueCap    = 512
	payloadSize = 128 << 10
	failAfter   = 10 // the remote end breaks after this many uploads
)

type uploader struct {
	queue   chan []byte
	dead    atomic.Bool
	dropped int
	sent    int
}

var errBroken = errors.New("upload: connection reset")

func (u *uploader) upload(b []byte) error {
	if u.sent == failAfter {
		return errBroken
	}
	u.sent++
	return nil
}

// consume uploads until the first error. drain chooses what happens to the
// payloads still queued at that point.
func (u *uploader) consume(done *sync.WaitGroup, drain bool) {
	defer done.Done()
	for b := range u.queue {
		if u.upload(b) != nil {
			break
		}
	}
	if !drain {
		return // the bug: whatever is buffered stays buffered
	}
	u.dead.Store(true) // producers stop adding first...
	for {
		select { // ...then what is already queued becomes garbage
		case <-u.queue:
		default:
			return
		}
	}
}

// enqueue never blocks the caller: a full queue drops the payload.
func (u *uploader) enqueue(b []byte) {
	if u.dead.Load() {
		u.dropped++
		return
	}
	select {
	case u.queue <- b:
	default:
		u.dropped++
	}
}

func run(r *measure.Run, drain bool) any {
	u := &uploader{queue: make(chan []byte, queueCap)}
	var done sync.WaitGroup
	done.Add(1)
	go u.consume(&done, drain)
	for i := 0; i < r.Scale; i++ {
		b := make([]byte, payloadSize)
		for j := 0; j < len(b); j += 4096 {
			b[j] = byte(i) // a real payload: every page written
		}
		u.enqueue(b)
		if i == failAfter*2 {
			done.Wait() // let the consumer hit its error at a fixed point
		}
	}
	r.Record("queued_items", float64(len(u.queue)))
	return u // the uploader is part of a long-lived service
}

func main() {
	measure.Main(measure.Demo{
		Scale: 2000, // payloads produced
		Leaky: func(r *measure.Run) any { return run(r, false) },
		Fixed: func(r *measure.Run) any { return run(r, true) },
	})
}
