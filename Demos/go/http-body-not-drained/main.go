// Demo for Content/go/http-body-not-drained.md: a client that closes every
// response body but never reads it. Closing returns nothing to leak, yet a
// connection with unread bytes on it cannot carry the next response, so the
// transport hangs it up and the next request dials again. The fixed client
// reads each body to EOF before closing it.
//
// Two rounds per variant: small bodies (4 KiB, under the 256 KiB that Go
// 1.27's transport drains by itself on Close) and large ones (1 MiB, over
// it). The server counts the connections it accepts in each round.
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"leakkb.dev/demos/internal/measure"
)

const (
	smallBody = 4 << 10
	largeBody = 1 << 20
)

type env struct {
	port   int
	url    string
	client *http.Client
	conns  *atomic.Int64
}

func setup(r *measure.Run) {
	small := strings.Repeat("s", smallBody)
	large := strings.Repeat("L", largeBody)
	var conns atomic.Int64
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			body := small
			if req.URL.Path == "/large" {
				body = large
			}
			// A Content-Length (not chunked) is what most APIs send, and it
			// is what Go 1.27's drain-on-Close looks at.
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			io.WriteString(w, body)
		}),
		ConnState: func(_ net.Conn, s http.ConnState) {
			if s == http.StateNew {
				conns.Add(1)
			}
		},
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go srv.Serve(ln)
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	r.State = &env{port: ln.Addr().(*net.TCPAddr).Port, url: "http://" + ln.Addr().String(), client: client, conns: &conns}
}

// statusOnlyLeaky is the shape under test: the caller wants the status code,
// closes the body as it was told to, and never reads it.
func statusOnlyLeaky(c *http.Client, url string) (int, error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// statusOnlyFixed reads what is left of the body (bounded, so a huge or
// endless body cannot stall the caller) before closing it.
func statusOnlyFixed(c *http.Client, url string) (int, error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<20)); err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func run(r *measure.Run, call func(*http.Client, string) (int, error)) any {
	e := r.State.(*env)
	for _, path := range []string{"/small", "/large"} {
		start := e.conns.Load()
		for i := 0; i < r.Scale; i++ {
			code, err := call(e.client, e.url+path)
			if err != nil || code != http.StatusOK {
				panic(fmt.Sprintf("GET %s: %d %v", path, code, err))
			}
		}
		r.Record("new_conns"+strings.Replace(path, "/", "_", 1), float64(e.conns.Load()-start))
	}
	r.RecordAtEnd("time_wait", func() float64 { return float64(timeWait(e.port)) })
	return nil
}

// timeWait counts loopback TCP sockets in TIME_WAIT to or from port: what a
// hung-up connection leaves behind for a minute, holding an ephemeral port.
func timeWait(port int) int {
	b, err := os.ReadFile("/proc/net/tcp")
	if err != nil {
		return -1
	}
	hexPort := fmt.Sprintf(":%04X", port)
	n := 0
	for _, line := range strings.Split(string(b), "\n")[1:] {
		f := strings.Fields(line)
		// f[1] local address, f[2] remote address, f[3] state (06 = TIME_WAIT).
		if len(f) > 3 && f[3] == "06" && (strings.HasSuffix(f[1], hexPort) || strings.HasSuffix(f[2], hexPort)) {
			n++
		}
	}
	return n
}

func main() {
	measure.Main(measure.Demo{
		Scale: 100,
		Setup: setup,
		Leaky: func(r *measure.Run) any { return run(r, statusOnlyLeaky) },
		Fixed: func(r *measure.Run) any { return run(r, statusOnlyFixed) },
	})
}
