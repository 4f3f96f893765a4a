package main

// A minimal metrics registry in the style of Prometheus client libraries:
// a family has fixed label names, and every distinct combination of label
// values is a series that lives until the process exits. Standard library
// only, so the demo needs no third-party module.

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

// latencyBuckets are upper bounds in seconds, like a client library's
// defaults: each series carries one counter per bucket.
var latencyBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type series struct {
	labelValues []string
	buckets     []uint64 // cumulative counts, one per bucket
	count       uint64
	sum         float64
}

// histogramVec is one metric family: a name, its label names and a series
// per label-value combination. Nothing ever removes a series.
type histogramVec struct {
	mu     sync.Mutex
	name   string
	labels []string
	series map[string]*series
}

func newHistogramVec(name string, labels ...string) *histogramVec {
	return &histogramVec{name: name, labels: labels, series: map[string]*series{}}
}

// observe records v for the series named by labelValues, creating the
// series on first use.
func (h *histogramVec) observe(v float64, labelValues ...string) {
	key := strings.Join(labelValues, "\xff")
	h.mu.Lock()
	defer h.mu.Unlock()
	s := h.series[key]
	if s == nil {
		s = &series{
			labelValues: append([]string(nil), labelValues...),
			buckets:     make([]uint64, len(latencyBuckets)),
		}
		h.series[key] = s
	}
	for i, ub := range latencyBuckets {
		if v <= ub {
			s.buckets[i]++
		}
	}
	s.count++
	s.sum += v
}

func (h *histogramVec) len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.series)
}

// writeText writes the family in the Prometheus text format, as a scrape of
// /metrics would get it: one line per bucket, plus sum and count, per series.
func (h *histogramVec) writeText(w io.Writer) {
	h.mu.Lock()
	defer h.mu.Unlock()
	keys := make([]string, 0, len(h.series))
	for k := range h.series {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(w, "# TYPE %s histogram\n", h.name)
	for _, k := range keys {
		s := h.series[k]
		var lb strings.Builder
		for i, name := range h.labels {
			fmt.Fprintf(&lb, "%s=%q,", name, s.labelValues[i])
		}
		for i, ub := range latencyBuckets {
			fmt.Fprintf(w, "%s_bucket{%sle=\"%g\"} %d\n", h.name, lb.String(), ub, s.buckets[i])
		}
		fmt.Fprintf(w, "%s_bucket{%sle=\"+Inf\"} %d\n", h.name, lb.String(), s.count)
		labels := strings.TrimSuffix(lb.String(), ",")
		fmt.Fprintf(w, "%s_sum{%s} %g\n%s_count{%s} %d\n", h.name, labels, s.sum, h.name, labels, s.count)
	}
}
