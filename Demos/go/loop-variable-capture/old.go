//go:build go1.21

// This file is compiled with Go 1.21 language semantics, although the module
// says go 1.22: a //go:build line naming an older Go version sets the
// language version of its file. Under those semantics a for loop has ONE
// variable for all its iterations. startConsumersGo121 is word for word the
// same as startConsumers in main.go; only the language version differs.

package main

import "sync"

func startConsumersGo121(ws []*worker, wg *sync.WaitGroup) {
	var loops []func()
	for _, w := range ws {
		loops = append(loops, func() {
			defer wg.Done()
			for msg := range w.in {
				w.handle(msg)
			}
		})
	}
	wg.Add(len(loops))
	for _, loop := range loops {
		go loop()
	}
}
