// Demo for Content/go/errgroup-without-cancel.md: a request runs a small
// pipeline in an errgroup, one feeder and four workers. The backend is down,
// so every worker fails on its first item and returns. With a group that
// does not cancel on the first error, the feeder's context never ends: it
// blocks sending the next item to workers that are gone, and Wait blocks on
// the feeder, so the request never returns. A group whose first error
// cancels the shared context lets the feeder stop and Wait return.
package main

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"leakkb.dev/demos/internal/measure"
)

// group is a stand-in for golang.org/x/sync/errgroup with the same
// contract: Wait returns the first error; cancel, when set (as by
// WithContext), is called on that first error.
type group struct {
	wg     sync.WaitGroup
	once   sync.Once
	err    error
	cancel context.CancelFunc
}

func withContext(ctx context.Context) (*group, context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	return &group{cancel: cancel}, ctx
}

func (g *group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.once.Do(func() {
				g.err = err
				if g.cancel != nil {
					g.cancel()
				}
			})
		}
	}()
}

func (g *group) Wait() error {
	g.wg.Wait()
	if g.cancel != nil {
		g.cancel()
	}
	return g.err
}

const (
	workers     = 4
	itemsPerReq = 64
	itemSize    = 512 // each item is a 512-byte record
)

var (
	errBackendDown = errors.New("backend unavailable")
	failures       atomic.Int64 // workers that hit the error
	returned       atomic.Int64 // requests whose Wait returned
)

func process(item []byte) error {
	return errBackendDown // the backend is down for the whole demo
}

// handle runs one request. cancelOnError picks the group: a zero group (the
// bug: nothing is cancelled) or one from withContext.
func handle(ctx context.Context, cancelOnError bool) error {
	g := &group{}
	if cancelOnError {
		g, ctx = withContext(ctx)
	}
	items := make(chan []byte)
	batch := make([][]byte, itemsPerReq)
	for i := range batch {
		batch[i] = make([]byte, itemSize)
	}
	g.Go(func() error {
		defer close(items)
		for _, it := range batch {
			select {
			case items <- it:
			case <-ctx.Done(): // never fires unless the group cancels
				return ctx.Err()
			}
		}
		return nil
	})
	for w := 0; w < workers; w++ {
		g.Go(func() error {
			for it := range items {
				if err := process(it); err != nil {
					failures.Add(1)
					return err
				}
			}
			return nil
		})
	}
	return g.Wait()
}

func serve(n int, cancelOnError bool) {
	for i := 0; i < n; i++ {
		go func() {
			handle(context.Background(), cancelOnError)
			returned.Add(1)
		}()
	}
	// Wait until every request returned or, in the leaky run, every worker
	// has failed (after which nothing moves any more); 3 s at most.
	deadline := time.Now().Add(3 * time.Second)
	for returned.Load() < int64(n) && failures.Load() < int64(n*workers) && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
}

func main() {
	measure.Main(measure.Demo{
		Scale: 500,
		Leaky: func(r *measure.Run) any {
			serve(r.Scale, false)
			r.RecordAtEnd("requests_returned", func() float64 { return float64(returned.Load()) })
			return nil
		},
		Fixed: func(r *measure.Run) any {
			serve(r.Scale, true)
			r.RecordAtEnd("requests_returned", func() float64 { return float64(returned.Load()) })
			return nil
		},
	})
}
