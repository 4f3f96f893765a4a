// Demo for Content/go/http-body-not-closed.md: a client that checks only the
// status code and never closes the response body. Each unread body pins its
// keep-alive connection, so every request dials a new one, and each of them
// keeps two client goroutines, a server goroutine and two sockets. The fixed
// client drains and closes every body and reuses one connection.
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"leakkb.dev/demos/internal/measure"
)

type env struct {
	srv    *httptest.Server
	client *http.Client
}

func setup(r *measure.Run) {
	payload := strings.Repeat("x", 4<<10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		io.WriteString(w, payload)
	}))
	client := &http.Client{
		Timeout:   5 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 2},
	}
	r.State = &env{srv: srv, client: client}
}

// pingLeaky looks at the status and returns, leaving the body open.
func pingLeaky(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

// pingFixed reads the body to the end and closes it, which hands the
// connection back to the transport's idle pool.
func pingFixed(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

func run(r *measure.Run, ping func(*http.Client, string) error) any {
	e := r.State.(*env)
	for i := 0; i < r.Scale; i++ {
		if err := ping(e.client, e.srv.URL); err != nil {
			panic(err)
		}
	}
	return nil
}

func main() {
	measure.Main(measure.Demo{
		Scale: 200,
		Setup: setup,
		Leaky: func(r *measure.Run) any { return run(r, pingLeaky) },
		Fixed: func(r *measure.Run) any { return run(r, pingFixed) },
	})
}
