// Demo for Content/go/timeout-handler-keeps-working.md: http.TimeoutHandler
// answers 503 when its deadline passes, but it cannot stop the handler it
// wraps. That handler runs on in its own goroutine, holding whatever it
// allocated, until it finishes on its own. The fixed handler checks
// r.Context(), which TimeoutHandler cancels at the deadline, and returns.
package main

import (
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"leakkb.dev/demos/internal/measure"
)

const (
	deadline  = 50 * time.Millisecond
	jobBuffer = 256 << 10
	// The slow job takes far longer than the demo runs, as a runaway query
	// or a retry loop against a dead backend would.
	jobSteps = 2000
	stepTime = 10 * time.Millisecond
)

type env struct {
	url     string
	client  *http.Client
	running *atomic.Int64
}

// report is the slow job: it builds a result in a buffer step by step.
// watch decides whether it looks at the request's context between steps.
func report(running *atomic.Int64, watch bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		running.Add(1)
		defer running.Add(-1)
		buf := make([]byte, jobBuffer)
		for i := 0; i < jobSteps; i++ {
			if watch {
				select {
				case <-r.Context().Done():
					// TimeoutHandler has already answered 503; nobody
					// will read what we would write.
					return
				default:
				}
			}
			buf[i%len(buf)]++
			time.Sleep(stepTime)
		}
		w.Write(buf[:16])
	}
}

func setup(r *measure.Run) {
	var running atomic.Int64
	h := http.TimeoutHandler(report(&running, r.Variant == "fixed"), deadline, "report timed out\n")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go (&http.Server{Handler: h}).Serve(ln)
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	r.State = &env{url: "http://" + ln.Addr().String(), client: client, running: &running}
}

// load is the same for both variants: Scale requests, 8 at a time, each
// answered with 503 after the deadline.
func load(r *measure.Run) any {
	e := r.State.(*env)
	var timeouts atomic.Int64
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range next {
				resp, err := e.client.Get(e.url)
				if err != nil {
					panic(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusServiceUnavailable {
					timeouts.Add(1)
				}
			}
		}()
	}
	for i := 0; i < r.Scale; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	r.Record("responses_503", float64(timeouts.Load()))
	r.RecordAtEnd("handlers_running", func() float64 { return float64(e.running.Load()) })
	// The client's idle connections and their server goroutines are the
	// same in both variants; close them so the figures show the handlers.
	e.client.CloseIdleConnections()
	return nil
}

func main() {
	measure.Main(measure.Demo{Scale: 100, Setup: setup, Leaky: load, Fixed: load})
}
