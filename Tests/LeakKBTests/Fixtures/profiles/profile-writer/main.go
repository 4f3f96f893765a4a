// profile-writer leaves a known state behind and writes the runtime's profiles of it into -out:
// 7 goroutines blocked sending on channels nobody reads (main.blockedSender), 5 labelled goroutines
// blocked receiving (main.labelledReceiver, label worker=receiver), and 64 retained 64 KiB buffers
// allocated in main.retainBuffers. The tests decode the files and compare them with these numbers.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"
)

const (
	senders   = 7
	receivers = 5
	buffers   = 64
	bufSize   = 64 << 10
)

var retained [][]byte

//go:noinline
func blockedSender(ch chan<- int) { ch <- 1 }

//go:noinline
func labelledReceiver(ch <-chan int) { <-ch }

//go:noinline
func retainBuffers() {
	for i := 0; i < buffers; i++ {
		buffer := make([]byte, bufSize) // a line of its own: a site of its own
		retained = append(retained, buffer)
	}
}

//go:noinline
func churn() {
	for i := 0; i < 1000; i++ {
		sink = make([]byte, 1024)
	}
}

var sink []byte

func write(dir, name string, profile *pprof.Profile) {
	var buf bytes.Buffer
	if err := profile.WriteTo(&buf, 0); err != nil {
		fail(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".pb.gz"), buf.Bytes(), 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

func main() {
	out := flag.String("out", "", "directory for the profiles")
	flag.Parse()
	runtime.MemProfileRate = 1

	for i := 0; i < senders; i++ {
		go blockedSender(make(chan int))
	}
	for i := 0; i < receivers; i++ {
		ctx := pprof.WithLabels(context.Background(), pprof.Labels("worker", "receiver"))
		pprof.SetGoroutineLabels(ctx)
		go labelledReceiver(make(chan int))
	}
	pprof.SetGoroutineLabels(context.Background())
	retainBuffers()
	churn()
	time.Sleep(200 * time.Millisecond) // let every goroutine reach its blocking point
	runtime.GC()
	runtime.GC() // a heap profile shows the state as of the last completed cycle

	write(*out, "goroutine", pprof.Lookup("goroutine"))
	write(*out, "heap", pprof.Lookup("heap"))
	write(*out, "allocs", pprof.Lookup("allocs"))
	write(*out, "block", pprof.Lookup("block")) // block profiling is off: a profile with no samples
	if leak := pprof.Lookup("goroutineleak"); leak != nil {
		write(*out, "goroutineleak", leak)
	}

	// The same goroutine profile without its gzip wrapper, as some tools store it.
	compressed, err := os.ReadFile(filepath.Join(*out, "goroutine.pb.gz"))
	if err != nil {
		fail(err)
	}
	reader, err := gzip.NewReader(bytes.NewReader(compressed))
	if err != nil {
		fail(err)
	}
	raw, err := io.ReadAll(reader)
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(filepath.Join(*out, "goroutine.pb"), raw, 0o644); err != nil {
		fail(err)
	}
	runtime.KeepAlive(retained)
}
