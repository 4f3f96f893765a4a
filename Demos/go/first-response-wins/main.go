// Demo for Content/go/first-response-wins.md: a query goes to three replicas
// at once and the first answer wins. The answers share an unbuffered
// channel, so after the caller has taken the first one the other two
// senders wait forever, each holding its answer. A buffer with room for
// every replica lets the losers finish and exit.
package main

import (
	"time"

	"leakkb.dev/demos/internal/measure"
)

const (
	replicas   = 3
	answerSize = 8 << 10 // each answer is 8 KiB
)

// askReplica stands for a network round trip to one replica.
func askReplica(replica, query int) []byte {
	time.Sleep(time.Duration(replica) * 100 * time.Microsecond)
	b := make([]byte, answerSize)
	b[0] = byte(query)
	return b
}

// firstAnswer returns whichever replica answers first.
// capacity is 0 in the leaky version and replicas in the fixed one.
func firstAnswer(query, capacity int) []byte {
	answers := make(chan []byte, capacity)
	for i := 0; i < replicas; i++ {
		go func(replica int) {
			answers <- askReplica(replica, query)
		}(i)
	}
	return <-answers
}

func run(r *measure.Run, capacity int) any {
	answered := 0
	for q := 0; q < r.Scale; q++ {
		if len(firstAnswer(q, capacity)) == answerSize {
			answered++
		}
	}
	r.Record("answered", float64(answered))
	return nil
}

func main() {
	measure.Main(measure.Demo{
		Scale: 1000,
		Leaky: func(r *measure.Run) any { return run(r, 0) },
		Fixed: func(r *measure.Run) any { return run(r, replicas) },
	})
}
