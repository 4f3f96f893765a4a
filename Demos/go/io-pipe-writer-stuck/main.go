// Demo for Content/go/io-pipe-writer-stuck.md: an export streams a report
// through an io.Pipe to an uploader. The uploader rejects the stream after
// its header and returns without closing its end of the pipe, so the
// encoding goroutine's next Write waits for a reader that will never come,
// holding its buffer. Closing the reader (CloseWithError) makes that Write
// fail at once, and the writer goroutine returns.
package main

import (
	"errors"
	"io"
	"sync"
	"sync/atomic"

	"leakkb.dev/demos/internal/measure"
)

const chunkSize = 16 << 10 // each export writes 16 KiB chunks

var errRejected = errors.New("upload: rejected after header")

// writerErrors counts writers whose Write failed because the reader went away:
// those are the writers that got to return.
var writerErrors atomic.Int64

// encode produces the report into the pipe. Its chunk buffer stays alive for
// as long as a Write on it is pending.
func encode(pw *io.PipeWriter, id int) {
	buf := make([]byte, chunkSize)
	buf[0] = byte(id)
	for i := 0; i < 4; i++ {
		if _, err := pw.Write(buf); err != nil {
			writerErrors.Add(1)
			pw.CloseWithError(err)
			return
		}
	}
	pw.Close()
}

// upload reads the header and gives up. closeReader is the fix: tell the
// writer side that nobody is reading any more.
func upload(pr *io.PipeReader, closeReader bool) error {
	header := make([]byte, 64)
	if _, err := io.ReadFull(pr, header); err != nil {
		return err
	}
	if closeReader {
		pr.CloseWithError(errRejected)
	}
	return errRejected
}

func export(n int, closeReader bool) int {
	var wg sync.WaitGroup
	var failed atomic.Int64
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			pr, pw := io.Pipe()
			go encode(pw, id)
			if upload(pr, closeReader) != nil {
				failed.Add(1)
			}
		}(i)
	}
	wg.Wait()
	return int(failed.Load())
}

func main() {
	measure.Main(measure.Demo{
		Scale: 1000,
		Leaky: func(r *measure.Run) any {
			r.Record("uploads_failed", float64(export(r.Scale, false)))
			r.RecordAtEnd("writer_errors", func() float64 { return float64(writerErrors.Load()) })
			return nil
		},
		Fixed: func(r *measure.Run) any {
			r.Record("uploads_failed", float64(export(r.Scale, true)))
			r.RecordAtEnd("writer_errors", func() float64 { return float64(writerErrors.Load()) })
			return nil
		},
	})
}
