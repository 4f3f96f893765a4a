// Demo for Content/go/server-without-read-header-timeout.md: an http.Server
// with no ReadHeaderTimeout faces slowloris clients that open a connection,
// send part of a request header and then one more header line now and then,
// never finishing. Each such connection pins a server goroutine and a socket
// for as long as the client likes. The fixed server sets ReadHeaderTimeout,
// a deadline for the whole header, so trickling bytes does not extend it.
//
// The slow clients run in a child process (this binary with PEER_MODE=slow),
// so that the figures are the server's alone.
package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"leakkb.dev/demos/internal/measure"
	"leakkb.dev/demos/internal/peer"
)

const (
	headerTimeout = 200 * time.Millisecond
	// wait is how long the server is watched after the clients connected:
	// three header timeouts, while the clients keep trickling.
	wait    = 600 * time.Millisecond
	trickle = 100 * time.Millisecond
)

// slowClients is the child: it reads the server's address and a count from
// stdin, opens that many connections, starts a request on each, says
// "ready", then adds one header line per connection every trickle interval
// until its stdin closes. Connections the server closed are dropped.
func slowClients() {
	in := bufio.NewReader(os.Stdin)
	line, err := in.ReadString('\n')
	if err != nil {
		os.Exit(1)
	}
	f := strings.Fields(line)
	n, _ := strconv.Atoi(f[1])
	var conns []net.Conn
	for i := 0; i < n; i++ {
		c, err := net.Dial("tcp", f[0])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Fprintf(c, "GET /slow/%d HTTP/1.1\r\nHost: demo\r\n", i)
		conns = append(conns, c)
	}
	fmt.Println("ready")
	go func() { io.Copy(io.Discard, in); os.Exit(0) }()
	for {
		time.Sleep(trickle)
		live := conns[:0]
		for _, c := range conns {
			if _, err := io.WriteString(c, "X-Pad: a\r\n"); err == nil {
				live = append(live, c)
			} else {
				c.Close()
			}
		}
		conns = live
	}
}

type env struct {
	addr    string
	clients *peer.Process
	open    *atomic.Int64
}

func setup(r *measure.Run) {
	var open atomic.Int64
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			io.WriteString(w, "ok\n")
		}),
		// Counts connections the server holds, whatever state they are in.
		ConnState: func(_ net.Conn, s http.ConnState) {
			switch s {
			case http.StateNew:
				open.Add(1)
			case http.StateClosed, http.StateHijacked:
				open.Add(-1)
			}
		},
	}
	if r.Variant == "fixed" {
		srv.ReadHeaderTimeout = headerTimeout
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go srv.Serve(ln)

	clients := peer.Start("slow")
	r.State = &env{addr: ln.Addr().String(), clients: clients, open: &open}
}

// attack is the same workload for both variants; only the server's
// configuration (in setup) differs.
func attack(r *measure.Run) any {
	e := r.State.(*env)
	fmt.Fprintf(e.clients.In, "%s %d\n", e.addr, r.Scale)
	if line := e.clients.Line(); line != "ready" {
		panic(fmt.Sprintf("slow clients did not start: %q", line))
	}
	time.Sleep(wait)
	r.RecordAtEnd("server_open_conns", func() float64 { return float64(e.open.Load()) })
	return nil
}

func main() {
	if peer.Role() == "slow" {
		slowClients()
		return
	}
	measure.Main(measure.Demo{Scale: 200, Setup: setup, Leaky: attack, Fixed: attack})
}
