// Demo for Content/go/time-after-in-loop.md: a receive loop that calls
// time.After(time.Hour) on every iteration creates a new one-hour timer each
// time. Before Go 1.23 every such timer stays reachable from the runtime's
// timer heap until it fires, an hour later; from Go 1.23 on the unreferenced
// timers are collected, but one is still allocated per iteration. The fixed
// loop reuses a single timer.
package main

import (
	"time"

	"leakkb.dev/demos/internal/measure"
)

const idleTimeout = time.Hour

// produce sends n messages and closes the channel, like a connection that
// delivers a burst of requests and then goes away.
func produce(n int) <-chan int {
	ch := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			ch <- i
		}
		close(ch)
	}()
	return ch
}

// consumeLeaky gives up when no message arrives for idleTimeout, using a
// fresh time.After in every select.
func consumeLeaky(ch <-chan int) (sum, timeouts int) {
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				return sum, timeouts
			}
			sum += v
		case <-time.After(idleTimeout):
			timeouts++
		}
	}
}

// consumeFixed uses one timer for the whole loop and re-arms it after each
// message. The non-blocking drain keeps it correct on Go 1.22, where a timer
// that fired leaves a value buffered in its channel.
func consumeFixed(ch <-chan int) (sum, timeouts int) {
	timer := time.NewTimer(idleTimeout)
	defer timer.Stop()
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				return sum, timeouts
			}
			sum += v
			if !timer.Stop() {
				select {
				case <-timer.C:
				default:
				}
			}
			timer.Reset(idleTimeout)
		case <-timer.C:
			timeouts++
			timer.Reset(idleTimeout)
		}
	}
}

func main() {
	measure.Main(measure.Demo{
		Scale: 200_000,
		Leaky: func(r *measure.Run) any {
			sum, _ := consumeLeaky(produce(r.Scale))
			return sum
		},
		Fixed: func(r *measure.Run) any {
			sum, _ := consumeFixed(produce(r.Scale))
			return sum
		},
	})
}
