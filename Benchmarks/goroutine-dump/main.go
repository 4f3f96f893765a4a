// Command goroutine-dump parks a large number of goroutines in the seven
// shapes a leaking service shows most (blocked send, blocked receive, a
// receive from a nil channel, sync.WaitGroup.Wait, sync.Mutex.Lock,
// time.Sleep and a select loop), then writes the goroutine profile of the
// same moment twice: as text (debug=2, the full traceback) and as pprof's
// protocol buffer (debug=0). Benchmarks/run diagnose times leakkb on both.
//
// Usage: goroutine-dump -n 100000 -out DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

// What each shape blocks on; handle is the user frame above the blocking call.
type shapes struct {
	unread    chan int       // nobody receives: senders block
	unwritten chan int       // nobody sends: receivers block
	never     chan int       // nil: receivers block forever
	pending   sync.WaitGroup // never done
	held      sync.Mutex     // locked before the lockers start
	tick      chan struct{}  // never fires: the select loop waits
	stop      chan struct{}
}

func (s *shapes) poll() {
	for {
		select {
		case <-s.tick:
		case <-s.stop:
			return
		}
	}
}

// handle's arguments are the same for every goroutine of a shape, as a
// request's would be in a leak of one kind: panicparse, which tells stacks
// apart by their non-pointer arguments, would otherwise find no two alike.
func handle(s *shapes, started *sync.WaitGroup, shape int) {
	started.Done()
	switch shape {
	case 0:
		s.unread <- shape
	case 1:
		<-s.unwritten
	case 2:
		<-s.never
	case 3:
		s.pending.Wait()
	case 4:
		s.held.Lock()
	case 5:
		time.Sleep(time.Hour)
	case 6:
		s.poll()
	}
}

func main() {
	n := flag.Int("n", 100000, "goroutines to park")
	out := flag.String("out", ".", "directory for goroutine.txt (debug=2) and goroutine.pb.gz (debug=0)")
	flag.Parse()

	s := &shapes{unread: make(chan int), unwritten: make(chan int), tick: make(chan struct{}), stop: make(chan struct{})}
	s.pending.Add(1)
	s.held.Lock()
	var started sync.WaitGroup
	started.Add(*n)
	for i := 0; i < *n; i++ {
		go handle(s, &started, i%7)
	}
	// Each has run up to its blocking call; a moment more and every one has parked there.
	started.Wait()
	time.Sleep(500 * time.Millisecond)
	write(filepath.Join(*out, "goroutine.txt"), 2)
	write(filepath.Join(*out, "goroutine.pb.gz"), 0)
	fmt.Printf("%d goroutines parked in 7 shapes\n", runtime.NumGoroutine()-1)
}

func write(path string, debug int) {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := pprof.Lookup("goroutine").WriteTo(f, debug); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
