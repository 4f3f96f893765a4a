// Package peer runs the other end of a demo's connections in a child
// process (the demo's own binary, started in a named role), so that the
// figures the demo prints count its own side alone: the peer's goroutines,
// sockets and memory are another process's.
package peer

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"strings"
)

// roleVariable tells a demo binary it was started as a peer, and as which.
const roleVariable = "PEER_MODE"

// Role is the role this process was started in, or "" in the demo itself.
func Role() string { return os.Getenv(roleVariable) }

// Process is a running peer: the demo writes to In and reads the peer's
// lines from Out. The peer lives until In closes, which happens at the
// latest when the demo exits, so no peer outlives its demo.
type Process struct {
	In  io.WriteCloser
	Out *bufio.Reader
}

// Start runs this binary again in the given role. Failing to start a peer
// is a broken demo, not a measurement, so it panics.
func Start(role string) *Process {
	self, err := os.Executable()
	if err != nil {
		panic(err)
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), roleVariable+"="+role)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		panic(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		panic(err)
	}
	if err := cmd.Start(); err != nil {
		panic(err)
	}
	return &Process{In: in, Out: bufio.NewReader(out)}
}

// Line reads the next line the peer printed, without its newline.
func (p *Process) Line() string {
	line, err := p.Out.ReadString('\n')
	if err != nil {
		panic("peer: " + err.Error())
	}
	return strings.TrimSuffix(line, "\n")
}

// UntilDemoExits blocks the peer until its demo closes stdin (or exits).
func UntilDemoExits() { io.Copy(io.Discard, os.Stdin) }
