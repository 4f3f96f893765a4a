// Demo for Content/go/cgo-handle-not-deleted.md: Go values cannot be passed
// to C as pointers to keep, so a callback's state goes through
// runtime/cgo.NewHandle, an integer C can hold. The handle table is a
// package-level map in the runtime: each value stays reachable until
// Handle.Delete, whatever C and Go still use. The leaky variant never
// deletes, the fixed one deletes in the callback that consumes the handle.
package main

/*
#include <stdint.h>
void submitJob(uintptr_t userData, int input);
*/
import "C"

import (
	"runtime/cgo"

	"leakkb.dev/demos/internal/measure"
)

const requestSize = 4 << 10 // each job carries a 4 KiB request

// job is the Go state a C callback needs to find again.
type job struct {
	request []byte
	status  int
	done    bool
}

// deleteInCallback chooses the variant: whether goJobDone releases the
// handle after it has used it.
var deleteInCallback bool

//export goJobDone
func goJobDone(userData C.uintptr_t, status C.int) {
	h := cgo.Handle(userData)
	j := h.Value().(*job)
	j.status, j.done = int(status), true
	if deleteInCallback {
		h.Delete() // the handle is single-use: nothing will look it up again
	}
}

// submit hands one job to C and returns its handle, as a caller that wants
// to keep track of jobs would; the job itself is not kept by the caller.
func submit(i int) cgo.Handle {
	j := &job{request: make([]byte, requestSize)}
	j.request[0] = byte(i)
	h := cgo.NewHandle(j)
	C.submitJob(C.uintptr_t(h), C.int(i))
	return h
}

// liveHandles asks the runtime's table which of the given handles still
// resolve: Value panics on a deleted handle.
func liveHandles(hs []cgo.Handle) int {
	n := 0
	for _, h := range hs {
		func() {
			defer func() { recover() }()
			h.Value()
			n++
		}()
	}
	return n
}

func run(r *measure.Run, del bool) any {
	deleteInCallback = del
	handles := make([]cgo.Handle, r.Scale) // plain integers: they keep nothing alive
	completed := 0
	for i := range handles {
		handles[i] = submit(i)
		completed++
	}
	r.Record("jobs", float64(completed))
	r.RecordAtEnd("live_handles", func() float64 { return float64(liveHandles(handles)) })
	return nil
}

func main() {
	measure.Main(measure.Demo{
		Scale: 10000,
		Leaky: func(r *measure.Run) any { return run(r, false) },
		Fixed: func(r *measure.Run) any { return run(r, true) },
	})
}
