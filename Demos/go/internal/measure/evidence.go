package measure

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

// evidence writes the profiles `leakkb diagnose` reads, one set per variant,
// into a directory given with -evidence (Demos/PROTOCOL.md, "Evidence").
type evidence struct {
	dir     string
	variant string
}

// sampleEveryAllocation makes the heap profiles see every allocation. The
// default rate (one sample per 512 KiB allocated) would miss most of a
// demo's small leaked objects (timers, contexts, closures); the rate is read
// when an allocation is made, so it must be set before the demo's setup.
func (e evidence) sampleEveryAllocation() {
	runtime.MemProfileRate = 1
}

// heapBefore writes the heap profile as the "before" snapshot would see it.
// It runs before that snapshot, whose collection then frees what writing
// allocated, so the "before" and delta figures do not count the profile.
func (e evidence) heapBefore() {
	// A heap profile shows the heap as of the last completed collection.
	runtime.GC()
	e.write("heap-before.pb.gz", "heap", 0)
}

// atEnd writes the goroutine dumps and the "after" heap profile, while what
// the variant retained is still alive.
func (e evidence) atEnd() {
	e.write("goroutine-debug2.txt", "goroutine", 2)
	e.write("goroutine-debug1.txt", "goroutine", 1)
	e.write("goroutine.pb.gz", "goroutine", 0)
	// Collect what writing the dumps allocated, so the profile shows the demo's heap.
	runtime.GC()
	e.write("heap-after.pb.gz", "heap", 0)
	if pprof.Lookup("goroutineleak") != nil {
		e.write("goroutineleak.pb.gz", "goroutineleak", 0)
	}
}

// write writes one profile to a temporary file and renames it into place, so
// that a demo that crashes meanwhile leaves no half-written file. Evidence
// is a by-product: a failure is reported on stderr and the run goes on.
func (e evidence) write(name, profile string, debug int) {
	p := pprof.Lookup(profile)
	if p == nil {
		return
	}
	path := filepath.Join(e.dir, e.variant+"-"+name)
	f, err := os.CreateTemp(e.dir, ".evidence-*")
	if err != nil {
		warn("cannot write evidence %s: %v", path, err)
		return
	}
	err = p.WriteTo(f, debug)
	if err == nil {
		err = f.Chmod(0o644) // CreateTemp makes it 0600; evidence is meant to be shared
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		warn("cannot write evidence %s: %v", path, err)
	}
}
