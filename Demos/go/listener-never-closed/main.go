// Demo for Content/go/listener-never-closed.md: each job (a test, a plugin, a
// one-off callback endpoint) starts its own loopback listener and an accept
// loop, uses it once and returns. Nothing closes the listener, so its accept
// goroutine waits in Accept forever and the listening socket stays open.
// The fixed job closes the listener when it is done, which makes Accept
// return net.ErrClosed and the loop exit.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"sync"

	"leakkb.dev/demos/internal/measure"
)

// serve is the accept loop: one goroutine per listener, one short-lived
// goroutine per connection that answers a single line.
func serve(ln net.Listener, wg *sync.WaitGroup) {
	defer wg.Done()
	for {
		c, err := ln.Accept()
		if err != nil {
			if !errors.Is(err, net.ErrClosed) {
				fmt.Println("accept:", err)
			}
			return
		}
		go func() {
			defer c.Close()
			line, err := bufio.NewReader(c).ReadString('\n')
			if err == nil {
				fmt.Fprintf(c, "pong %s", line)
			}
		}()
	}
}

// job starts a server, talks to it once, and returns. closeIt is the only
// difference between the variants.
func job(i int, closeIt bool) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go serve(ln, &wg)
	if closeIt {
		defer wg.Wait() // the accept loop has really exited on return
		defer ln.Close()
	}
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		panic(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "job %d\n", i)
	if _, err := bufio.NewReader(c).ReadString('\n'); err != nil {
		panic(err)
	}
}

func run(r *measure.Run, closeIt bool) any {
	for i := 0; i < r.Scale; i++ {
		job(i, closeIt)
	}
	return nil
}

func main() {
	measure.Main(measure.Demo{
		Scale: 200,
		Leaky: func(r *measure.Run) any { return run(r, false) },
		Fixed: func(r *measure.Run) any { return run(r, true) },
	})
}
