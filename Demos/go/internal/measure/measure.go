// Package measure is the demo side of the leakkb demo protocol: it runs one
// variant of a demo and prints the figures leakkb checks claims against, as
// JSON lines on stdout.
package measure

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"time"
)

// Run is what a variant sees: the workload size and a place to report
// demo-specific figures.
type Run struct {
	Variant string
	Scale   int
	// State carries what Setup built into the variant, so that setup
	// allocations are part of the "before" snapshot, not of the delta.
	State any
	extra map[string]float64
	atEnd []func()
}

// Record adds a demo-specific figure to the "after" line (for example the
// number of zombie processes). Names use snake_case like the built-in ones.
// A figure the protocol cannot carry (Demos/PROTOCOL.md) stops the demo with
// exit status 2: it is a bug in the demo, never a measurement or a panic.
func (r *Run) Record(name string, value float64) {
	if !validName(name) {
		fail("figure name %q must be 1 to 64 ASCII letters, digits and _", name)
	}
	if math.IsNaN(value) || math.Abs(value) > bound {
		fail("figure %q is %v, outside ±2^53", name, value)
	}
	if r.extra == nil {
		r.extra = map[string]float64{}
	}
	r.extra[name] = value
}

// RecordAtEnd is Record for a figure that goroutines started by the
// workload may still change: value is read after they have settled, just
// before the "after" snapshot.
func (r *Run) RecordAtEnd(name string, value func() float64) {
	r.atEnd = append(r.atEnd, func() { r.Record(name, value()) })
}

// Variant runs the workload and returns whatever the program still holds
// afterwards (a cache, a map, a slice of results). It is kept alive until the
// "after" snapshot has been taken, as a long-lived variable would be.
type Variant func(r *Run) (retained any)

// Demo describes a demo program with its two variants.
type Demo struct {
	// Scale is the default workload size (-scale overrides it).
	Scale int
	// Setup, when set, runs before the "before" snapshot.
	Setup func(r *Run)
	Leaky Variant
	Fixed Variant
}

// Main parses -variant, -scale and -evidence, runs the chosen variant between
// two snapshots and prints the protocol lines. It exits 2 on a usage error.
func Main(d Demo) {
	variant := flag.String("variant", "", "leaky or fixed")
	scale := flag.Int("scale", d.Scale, "workload size")
	evidenceDir := flag.String("evidence", "", "directory to write goroutine dumps and heap profiles into")
	flag.Parse()
	var v Variant
	switch *variant {
	case "leaky":
		v = d.Leaky
	case "fixed":
		v = d.Fixed
	}
	if v == nil || *scale <= 0 {
		fmt.Fprintln(os.Stderr, "usage: -variant leaky|fixed [-scale N>0]")
		os.Exit(2)
	}
	r := &Run{Variant: *variant, Scale: *scale}
	var ev *evidence
	if *evidenceDir != "" {
		if info, err := os.Stat(*evidenceDir); err != nil || !info.IsDir() {
			fmt.Fprintf(os.Stderr, "-evidence %s: not a directory; create it first\n", *evidenceDir)
			os.Exit(2)
		}
		ev = &evidence{dir: *evidenceDir, variant: *variant}
		ev.sampleEveryAllocation()
	}
	if d.Setup != nil {
		d.Setup(r)
	}
	if ev != nil {
		ev.heapBefore()
	}
	emit(r.Variant, "before", snapshot(false), nil)
	retained := call(r, v)
	settle()
	for _, record := range r.atEnd {
		record()
	}
	after := snapshot(true)
	emit(r.Variant, "after", after, r.extra)
	if ev != nil {
		ev.atEnd()
	}
	runtime.KeepAlive(retained)
	runtime.KeepAlive(r.State)
}

// call runs the variant and turns a recovered panic into an event line, so
// that "panics with X" is something a claim can check.
func call(r *Run, v Variant) (retained any) {
	defer func() {
		if p := recover(); p != nil {
			line := map[string]any{"variant": r.Variant, "event": "panic", "message": fmt.Sprint(p)}
			writeLine(line)
		}
	}()
	return v(r)
}

// settle waits until the number of goroutines has been stable for a few
// checks, so that goroutines that are about to exit (fixed variants) or about
// to block (leaky ones) have done so before the snapshot. Bounded at 2 s.
func settle() {
	deadline := time.Now().Add(2 * time.Second)
	last, stable := -1, 0
	for stable < 5 && time.Now().Before(deadline) {
		runtime.Gosched()
		time.Sleep(10 * time.Millisecond)
		if n := runtime.NumGoroutine(); n == last {
			stable++
		} else {
			last, stable = n, 0
		}
	}
}

func snapshot(withLeaks bool) map[string]any {
	runtime.GC()
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	s := map[string]any{
		"heap_alloc":   ms.HeapAlloc,
		"heap_inuse":   ms.HeapInuse,
		"heap_objects": ms.HeapObjects,
		"total_alloc":  ms.TotalAlloc,
		"mallocs":      ms.Mallocs,
		"frees":        ms.Frees,
		"sys":          ms.Sys,
		// Goroutine stacks are not heap: a goroutine leak shows here first.
		"stack_inuse": ms.StackInuse,
		"goroutines":  runtime.NumGoroutine(),
		"open_fds":    openFDs(),
	}
	rss, hwm := procStatus()
	s["vm_rss_kib"], s["vm_hwm_kib"] = rss, hwm
	if withLeaks {
		if n, ok := leakedGoroutines(); ok {
			s["leaked_goroutines"] = n
		}
	}
	return s
}

func emit(variant, phase string, figures map[string]any, extra map[string]float64) {
	figures["variant"] = variant
	figures["phase"] = phase
	for k, v := range extra {
		if _, taken := figures[k]; taken {
			fail("figure %q is one measure records itself", k)
		}
		figures[k] = v
	}
	writeLine(figures)
}

func writeLine(v map[string]any) {
	b, err := json.Marshal(v)
	if err != nil {
		// Not panic: leakkb would read a "panic:" line on stderr as the demo's own.
		fail("cannot encode a protocol line: %v", err)
	}
	os.Stdout.Write(append(b, '\n'))
}

// bound is the largest magnitude a figure may have: every integer up to it is
// exact in a float64.
const bound = 1 << 53

func validName(name string) bool {
	if name == "" || len(name) > 64 {
		return false
	}
	for _, c := range name {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// warn reports a problem that does not stop the demo on stderr.
func warn(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "measure: "+format+"\n", args...)
}

// fail reports a demo's misuse of the protocol and exits with the usage status.
func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "measure: "+format+"\n", args...)
	os.Exit(2)
}
