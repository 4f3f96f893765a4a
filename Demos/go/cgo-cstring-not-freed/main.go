// Demo for Content/go/cgo-cstring-not-freed.md: every call into a C function
// converts a Go string with C.CString, which copies it into memory from C's
// malloc. The Go collector never sees that memory, so forgetting C.free
// leaks it outside the Go heap: the process's resident set grows while
// runtime.MemStats stays flat. The fixed variant frees each copy once the C
// call has returned.
package main

/*
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

// checksum stands for any C API that reads a string and does not take
// ownership of it (the usual case: the caller frees).
static unsigned long checksum(const char *s) {
	unsigned long h = 0;
	for (size_t i = 0, n = strlen(s); i < n; i++) h = h * 31 + (unsigned char)s[i];
	return h;
}

// cHeapInUse asks glibc how many bytes its allocator has handed out and not
// got back: the C heap the Go runtime cannot see.
static size_t cHeapInUse(void) {
	struct mallinfo2 mi = mallinfo2();
	return mi.uordblks + mi.hblkhd;
}
*/
import "C"

import (
	"strings"
	"unsafe"

	"leakkb.dev/demos/internal/measure"
)

const messageSize = 2 << 10 // each string handed to C is 2 KiB

func message(i int) string {
	// A fresh Go string per call, as a request would bring; it is garbage as
	// soon as C.CString has copied it.
	return strings.Repeat(string(rune('a'+i%26)), messageSize)
}

// sendLeaky copies the string into C memory and never frees the copy.
func sendLeaky(s string) uint64 {
	cs := C.CString(s)
	return uint64(C.checksum(cs))
}

// sendFixed frees the copy once C is done with it; checksum keeps no
// pointer to it, so freeing right after the call is safe.
func sendFixed(s string) uint64 {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	return uint64(C.checksum(cs))
}

func run(r *measure.Run, send func(string) uint64) any {
	before := uint64(C.cHeapInUse())
	var sum uint64
	for i := 0; i < r.Scale; i++ {
		sum += send(message(i))
	}
	r.Record("calls", float64(r.Scale))
	// Growth of the C heap during the workload, in bytes.
	r.Record("c_heap_growth", float64(int64(C.cHeapInUse())-int64(before)))
	return sum
}

func main() {
	measure.Main(measure.Demo{
		Scale: 20000,
		Leaky: func(r *measure.Run) any { return run(r, sendLeaky) },
		Fixed: func(r *measure.Run) any { return run(r, sendFixed) },
	})
}
