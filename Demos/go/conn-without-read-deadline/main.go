// Demo for Content/go/conn-without-read-deadline.md: clients that send a
// request over a raw TCP connection and wait for the answer with no read
// deadline. The peer accepted the connection and never answers (hung, or
// behind a middlebox that dropped the path), so each Read waits forever in
// the network poller, holding a goroutine and a socket. The fixed client
// sets a read deadline; its Read fails with os.ErrDeadlineExceeded and it
// closes the connection.
//
// The silent peer runs in a child process (this binary with
// PEER_MODE=silent), so only the client side is counted.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync/atomic"
	"time"

	"leakkb.dev/demos/internal/measure"
	"leakkb.dev/demos/internal/peer"
)

const replyTimeout = 100 * time.Millisecond

// silentPeer accepts connections and keeps them open without reading or
// writing, until its stdin (the parent) goes away.
func silentPeer() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(ln.Addr().String())
	go func() {
		var held []net.Conn
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	peer.UntilDemoExits()
}

type env struct {
	addr string
	keep io.Writer // the child's stdin: open as long as we are
}

func setup(r *measure.Run) {
	silent := peer.Start("silent")
	r.State = &env{addr: silent.Line(), keep: silent.In}
}

// ask sends one request line and waits for one reply line.
func ask(addr string, deadline bool, timeouts *atomic.Int64) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		panic(err)
	}
	defer c.Close()
	if deadline {
		// An absolute time, not a duration: it covers the whole reply,
		// however the peer dribbles it out.
		c.SetReadDeadline(time.Now().Add(replyTimeout))
	}
	fmt.Fprintf(c, "STATUS\n")
	_, err = bufio.NewReader(c).ReadString('\n')
	if errors.Is(err, os.ErrDeadlineExceeded) {
		timeouts.Add(1)
	}
}

func run(r *measure.Run, deadline bool) any {
	e := r.State.(*env)
	var timeouts, started atomic.Int64
	for i := 0; i < r.Scale; i++ {
		go func() {
			started.Add(1)
			ask(e.addr, deadline, &timeouts)
		}()
	}
	// Give every request three reply timeouts to be answered or give up.
	time.Sleep(3 * replyTimeout)
	r.RecordAtEnd("read_timeouts", func() float64 { return float64(timeouts.Load()) })
	r.Record("requests", float64(started.Load()))
	return nil
}

func main() {
	if peer.Role() == "silent" {
		silentPeer()
		return
	}
	measure.Main(measure.Demo{
		Scale: 200,
		Setup: setup,
		Leaky: func(r *measure.Run) any { return run(r, false) },
		Fixed: func(r *measure.Run) any { return run(r, true) },
	})
}
