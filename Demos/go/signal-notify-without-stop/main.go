// Demo for Content/go/signal-notify-without-stop.md: every job registers a
// channel with signal.Notify so that SIGHUP can interrupt it, and forgets
// signal.Stop when it finishes. The os/signal package keeps each registered
// channel in its handler table until Stop, so every job ever run leaves its
// channel (and the table entry) behind, and each later SIGHUP would be
// offered to all of them. signal.Stop in a defer removes the channel with the job.
package main

import (
	"os"
	"os/signal"
	"syscall"

	"leakkb.dev/demos/internal/measure"
)

// runJob does a unit of work that a SIGHUP may interrupt. The watcher goroutine
// returns when the job is done either way; only the registration outlives it.
func runJob(stop bool) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	if stop {
		defer signal.Stop(hup)
	}
	done := make(chan struct{})
	go func() {
		select {
		case <-hup:
		case <-done:
		}
	}()
	close(done)
}

// programHup is the program's own long-lived SIGHUP registration, as a
// server that reloads its configuration on SIGHUP has. It keeps SIGHUP
// enabled between jobs: when a job's Stop removes the last channel for a
// signal, the package also disables the signal and waits for its delivery
// loop to go idle, which made 100,000 jobs take seconds in a side run.
var programHup = make(chan os.Signal, 1)

func run(r *measure.Run, stop bool) {
	for i := 0; i < r.Scale; i++ {
		runJob(stop)
	}
}

func main() {
	measure.Main(measure.Demo{
		Scale: 100000,
		Setup: func(r *measure.Run) { signal.Notify(programHup, syscall.SIGHUP) },
		Leaky: func(r *measure.Run) any { run(r, false); return nil },
		Fixed: func(r *measure.Run) any { run(r, true); return nil },
	})
}
