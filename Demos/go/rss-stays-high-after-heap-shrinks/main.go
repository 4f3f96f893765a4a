// Demo for Content/go/rss-stays-high-after-heap-shrinks.md: a 200 MiB burst
// of short-lived buffers is freed by the GC, yet the process stays large.
// The heap is empty; the pages are still mapped and resident, waiting for
// the runtime's background scavenger, which hands them back slowly on
// purpose. debug.FreeOSMemory returns them at once.
//
// The demo also re-runs the burst in two child processes of itself, started
// with GODEBUG=madvdontneed=0 and =1, because that setting is read only at
// start-up: os.Setenv in a running program changes nothing.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"leakkb.dev/demos/internal/measure"
)

const (
	chunk    = 1 << 20 // the burst is made of 1 MiB buffers
	probeEnv = "LEAKKB_RSS_PROBE"
)

// sink keeps the burst reachable while it is being built, so that the
// compiler cannot drop the allocations.
var sink [][]byte

// burst allocates mib MiB, writing one byte per 4 KiB page so every page is
// really resident, and then lets it all go.
func burst(mib int) {
	sink = make([][]byte, 0, mib)
	for i := 0; i < mib; i++ {
		b := make([]byte, chunk)
		for j := 0; j < len(b); j += 4096 {
			b[j] = 1
		}
		sink = append(sink, b)
	}
	sink = nil
}

// rssKiB reads VmRSS from /proc/self/status.
func rssKiB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			n, _ := strconv.ParseFloat(f[1], 64)
			return n
		}
	}
	return 0
}

// quiet is how long the process sits idle after the burst, as a server
// would between traffic peaks.
const quiet = 500 * time.Millisecond

// record reads what the process holds after the burst has been collected.
func record(r *measure.Run) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	r.Record("idle_heap_inuse", float64(ms.HeapInuse))
	// Free heap pages the OS has not been given back yet: this, not the
	// heap, is what keeps RSS up.
	r.Record("idle_heap_unreleased", float64(ms.HeapIdle-ms.HeapReleased))
	r.Record("idle_heap_released", float64(ms.HeapReleased))
	r.Record("idle_rss_kib", rssKiB())
}

// probe runs in a child: burst, FreeOSMemory, report RSS, exit.
func probe(mib int) {
	burst(mib)
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("%d %d\n", int64(rssKiB()), ms.HeapReleased)
}

// child re-executes this program with GODEBUG set and reads back the RSS it
// had after FreeOSMemory.
func child(r *measure.Run, godebug, name string) {
	self, err := os.Executable()
	if err != nil {
		r.Record(name+"_rss_kib", -1)
		return
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), "GODEBUG="+godebug, probeEnv+"="+strconv.Itoa(r.Scale))
	out, err := cmd.Output()
	var rss, released float64
	if err == nil {
		_, err = fmt.Sscan(string(out), &rss, &released)
	}
	if err != nil {
		rss = -1
	}
	r.Record(name+"_rss_kib", rss)
}

func main() {
	if s := os.Getenv(probeEnv); s != "" {
		mib, _ := strconv.Atoi(s)
		probe(mib)
		return
	}
	measure.Main(measure.Demo{
		Scale: 200,
		Leaky: func(r *measure.Run) any {
			burst(r.Scale)
			runtime.GC()
			time.Sleep(quiet)
			record(r)
			child(r, "madvdontneed=0", "madv_free")
			child(r, "madvdontneed=1", "madv_dontneed")
			return nil
		},
		Fixed: func(r *measure.Run) any {
			burst(r.Scale)
			debug.FreeOSMemory() // a GC, then every free page back to the OS now
			time.Sleep(quiet)
			record(r)
			child(r, "madvdontneed=0", "madv_free")
			child(r, "madvdontneed=1", "madv_dontneed")
			return nil
		},
	})
}
