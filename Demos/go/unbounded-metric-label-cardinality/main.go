// Demo for Content/go/unbounded-metric-label-cardinality.md: an HTTP
// middleware records request latency in a histogram labelled by request
// data. Labelled with the raw URL path and the user id, every new user and
// every new order id creates a series that is kept forever; labelled with
// the route template and the status class, the number of series is fixed
// by the code, not by the traffic.
package main

import (
	"fmt"
	"io"
	"math/rand"

	"leakkb.dev/demos/internal/measure"
)

type request struct {
	method  string
	route   string // the router's pattern, e.g. /users/{id}/orders/{order}
	path    string // the concrete URL path
	userID  string
	status  int
	seconds float64
}

var routes = []string{"/users/{id}", "/users/{id}/orders", "/users/{id}/orders/{order}", "/health"}

// traffic generates n requests from 20,000 users; the same seed gives both
// variants the same requests.
func traffic(n int, each func(request)) {
	rng := rand.New(rand.NewSource(1))
	methods := []string{"GET", "GET", "GET", "POST"}
	statuses := []int{200, 200, 200, 201, 404, 500}
	for i := 0; i < n; i++ {
		user := rng.Intn(20000)
		order := rng.Intn(1000000)
		route := routes[rng.Intn(len(routes))]
		var path string
		switch route {
		case "/users/{id}":
			path = fmt.Sprintf("/users/%d", user)
		case "/users/{id}/orders":
			path = fmt.Sprintf("/users/%d/orders", user)
		case "/users/{id}/orders/{order}":
			path = fmt.Sprintf("/users/%d/orders/%d", user, order)
		default:
			path = route
		}
		each(request{
			method:  methods[rng.Intn(len(methods))],
			route:   route,
			path:    path,
			userID:  fmt.Sprint(user),
			status:  statuses[rng.Intn(len(statuses))],
			seconds: rng.ExpFloat64() * 0.05,
		})
	}
}

// recordLeaky labels with values that come from the request: the path
// carries ids, and the user id is unbounded by itself.
func recordLeaky(h *histogramVec) func(request) {
	return func(r request) {
		h.observe(r.seconds, r.method, r.path, r.userID, fmt.Sprint(r.status))
	}
}

// recordFixed labels with values the code fixes: the route template and
// the status class. Per-user detail belongs in logs or traces.
func recordFixed(h *histogramVec) func(request) {
	return func(r request) {
		h.observe(r.seconds, r.method, r.route, fmt.Sprintf("%dxx", r.status/100))
	}
}

// countingWriter measures a scrape without keeping its text.
type countingWriter struct{ n int }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }

var _ io.Writer = (*countingWriter)(nil)

func run(r *measure.Run, h *histogramVec, record func(*histogramVec) func(request)) any {
	traffic(r.Scale, record(h))
	var scrape countingWriter
	h.writeText(&scrape)
	r.Record("requests", float64(r.Scale))
	r.Record("series", float64(h.len()))
	r.Record("scrape_bytes", float64(scrape.n))
	return h // the registry lives as long as the process
}

func main() {
	measure.Main(measure.Demo{
		Scale: 30000,
		Leaky: func(r *measure.Run) any {
			h := newHistogramVec("http_request_duration_seconds", "method", "path", "user", "code")
			return run(r, h, recordLeaky)
		},
		Fixed: func(r *measure.Run) any {
			h := newHistogramVec("http_request_duration_seconds", "method", "route", "code")
			return run(r, h, recordFixed)
		},
	})
}
