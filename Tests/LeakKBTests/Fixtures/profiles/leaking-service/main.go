// leaking-service serves net/http/pprof on a loopback port and leaks on a timer: every 20 ms a request
// handler starts a goroutine that blocks forever sending its result (main.sendResult), and a cache keeps
// 16 KiB per tick (main.remember). It prints its pprof index URL on stdout, then runs until stdin closes,
// so it ends with the test that started it, however that test ends.
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"time"
)

var cache [][]byte

//go:noinline
func sendResult(results chan<- []byte) { results <- make([]byte, 64) }

//go:noinline
func remember() { cache = append(cache, make([]byte, 16<<10)) }

func main() {
	runtime.MemProfileRate = 1
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	go http.Serve(listener, nil)
	go func() {
		for range time.Tick(20 * time.Millisecond) {
			go sendResult(make(chan []byte)) // nobody ever receives
			remember()
		}
	}()
	fmt.Printf("http://%s/debug/pprof/\n", listener.Addr())
	io.Copy(io.Discard, os.Stdin)
}
