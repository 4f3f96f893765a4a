// Demo for Content/go/subslice-retains-array.md: keeping a 16-byte header
// sliced out of each 1 MiB read buffer keeps every buffer alive; copying the
// header into its own small slice lets the GC free the buffers.
package main

import (
	"bytes"
	"io"

	"leakkb.dev/demos/internal/measure"
)

const (
	bufSize    = 1 << 20 // one read buffer per message
	headerSize = 16      // the part the program wants to keep
)

// stream stands for a network connection or a file: it fills whatever it is
// given with bytes that depend on the message number.
type stream struct{ seq byte }

func (s *stream) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = s.seq + byte(i)
	}
	s.seq++
	return len(p), nil
}

// readMessage reads one message into a fresh buffer, as code does that
// allocates per read instead of reusing a buffer.
func readMessage(src io.Reader) []byte {
	buf := make([]byte, bufSize)
	if _, err := io.ReadFull(src, buf); err != nil {
		panic(err)
	}
	return buf
}

func main() {
	measure.Main(measure.Demo{
		Scale: 64,
		Leaky: func(r *measure.Run) any {
			src := &stream{}
			headers := make([][]byte, 0, r.Scale)
			for i := 0; i < r.Scale; i++ {
				msg := readMessage(src)
				headers = append(headers, msg[:headerSize]) // shares msg's array
			}
			return headers
		},
		Fixed: func(r *measure.Run) any {
			src := &stream{}
			headers := make([][]byte, 0, r.Scale)
			for i := 0; i < r.Scale; i++ {
				msg := readMessage(src)
				headers = append(headers, bytes.Clone(msg[:headerSize])) // own 16-byte array
			}
			return headers
		},
	})
}
