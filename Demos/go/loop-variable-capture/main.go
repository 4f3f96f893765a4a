// Demo for Content/go/loop-variable-capture.md: a dispatcher builds one
// consumer closure per worker in a range loop and starts them afterwards.
// Under Go 1.21 loop semantics (old.go) every closure shares the loop's
// single variable, which holds the last worker once the loop is done, so all
// consumers drain the last worker's queue and the producers feeding the
// other queues block forever. Under Go 1.22 semantics (this file) each
// iteration has its own variable and every queue gets its consumer.
package main

import (
	"sync"
	"sync/atomic"

	"leakkb.dev/demos/internal/measure"
)

const (
	messagesPerWorker = 4
	messageSize       = 8 << 10
)

type worker struct {
	in      chan []byte
	handled atomic.Int64
}

// handle stands for real work on one message.
func (w *worker) handle(msg []byte) {
	if len(msg) > 0 {
		w.handled.Add(1)
	}
}

// startConsumers is the same source as startConsumersGo121 in old.go.
func startConsumers(ws []*worker, wg *sync.WaitGroup) {
	var loops []func()
	for _, w := range ws {
		loops = append(loops, func() {
			defer wg.Done()
			for msg := range w.in {
				w.handle(msg)
			}
		})
	}
	wg.Add(len(loops))
	for _, loop := range loops {
		go loop()
	}
}

// produce feeds one worker's queue and closes it. It takes the worker as an
// argument, so it behaves the same under either loop semantics.
func produce(w *worker) {
	for i := 0; i < messagesPerWorker; i++ {
		w.in <- make([]byte, messageSize) // blocks until a consumer reads this queue
	}
	close(w.in)
}

func dispatch(r *measure.Run, start func([]*worker, *sync.WaitGroup)) any {
	ws := make([]*worker, r.Scale)
	for i := range ws {
		ws[i] = &worker{in: make(chan []byte)}
	}
	var consumers sync.WaitGroup
	start(ws, &consumers)
	for i := 0; i < len(ws); i++ {
		go produce(ws[i])
	}
	// All consumers return once the queue they read is closed; with the old
	// semantics that is the last worker's queue, and only that one.
	consumers.Wait()
	used, handled := 0, int64(0)
	for _, w := range ws {
		if n := w.handled.Load(); n > 0 {
			used++
			handled += n
		}
	}
	r.Record("workers_used", float64(used))
	r.Record("messages_handled", float64(handled))
	return nil // the dispatcher forgets its workers, as a finished batch would
}

func main() {
	measure.Main(measure.Demo{
		Scale: 500,
		Leaky: func(r *measure.Run) any { return dispatch(r, startConsumersGo121) },
		Fixed: func(r *measure.Run) any { return dispatch(r, startConsumers) },
	})
}
