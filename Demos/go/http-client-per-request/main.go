// Demo for Content/go/http-client-per-request.md: a client that builds a new
// http.Transport for every request. Each transport keeps its finished
// connection idle for reuse that never comes, and nothing ever closes it: two
// goroutines and a socket stay per request. The fixed client still builds an
// http.Client per request, but all of them share one Transport, which is the
// part that owns connections.
//
// The HTTP server runs in a child process (this same binary, started with
// PEER_MODE=server), so the figures are the client's alone.
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"leakkb.dev/demos/internal/measure"
	"leakkb.dev/demos/internal/peer"
)

type env struct {
	url    string
	peer   *peer.Process
	shared *http.Transport
}

// serve is the child: an HTTP server on loopback that prints its address and
// lives until its stdin (the parent) goes away.
func serve() {
	payload := strings.Repeat("x", 4<<10)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		io.WriteString(w, payload)
	})}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("http://" + ln.Addr().String())
	go srv.Serve(ln)
	peer.UntilDemoExits()
}

func setup(r *measure.Run) {
	server := peer.Start("server")
	r.State = &env{url: server.Line(), peer: server, shared: &http.Transport{}}
}

func get(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	// The body is read to the end and closed: the connection is handed back
	// to its transport correctly. The leak is in who owns that transport.
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// leaky builds a Transport per call. Once the call returns nobody refers to
// the transport, but its idle connection's readLoop goroutine still does, so
// it is never collected, and a zero Transport has no IdleConnTimeout.
func leaky(r *measure.Run) any {
	e := r.State.(*env)
	for i := 0; i < r.Scale; i++ {
		c := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{}}
		if err := get(c, e.url); err != nil {
			panic(err)
		}
	}
	return nil
}

// fixed still makes a Client per call (a Client is a small value with no
// connections of its own); the shared Transport pools the connection.
func fixed(r *measure.Run) any {
	e := r.State.(*env)
	for i := 0; i < r.Scale; i++ {
		c := &http.Client{Timeout: 5 * time.Second, Transport: e.shared}
		if err := get(c, e.url); err != nil {
			panic(err)
		}
	}
	return nil
}

func main() {
	if peer.Role() == "server" {
		serve()
		return
	}
	measure.Main(measure.Demo{Scale: 200, Setup: setup, Leaky: leaky, Fixed: fixed})
}
