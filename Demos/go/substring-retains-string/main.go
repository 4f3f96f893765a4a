// Demo for Content/go/substring-retains-string.md: keeping the first ten bytes
// of each 1 MiB document as a substring keeps every document alive; cloning
// the prefix lets the GC free the documents.
package main

import (
	"strings"

	"leakkb.dev/demos/internal/measure"
)

const (
	docSize = 1 << 20
	keyLen  = 10
)

// loadDocument builds a fresh 1 MiB string, as reading a request body or a
// file into a string does.
func loadDocument(n int) string {
	b := make([]byte, docSize)
	for i := range b {
		b[i] = 'a' + byte((i+n)%26)
	}
	return string(b)
}

func main() {
	measure.Main(measure.Demo{
		Scale: 64,
		Leaky: func(r *measure.Run) any {
			keys := make([]string, 0, r.Scale)
			for i := 0; i < r.Scale; i++ {
				doc := loadDocument(i)
				keys = append(keys, doc[:keyLen]) // points into doc's bytes
			}
			return keys
		},
		Fixed: func(r *measure.Run) any {
			keys := make([]string, 0, r.Scale)
			for i := 0; i < r.Scale; i++ {
				doc := loadDocument(i)
				keys = append(keys, strings.Clone(doc[:keyLen])) // own 10 bytes
			}
			return keys
		},
	})
}
