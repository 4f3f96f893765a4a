// Fixture: the demo itself stays small while a child process it starts
// allocates 384 MiB; then it prints its figures and exits 0. A memory ceiling
// read from the demo's own process only would let this pass.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"time"
)

func main() {
	if os.Getenv("CHILD_HOG") == "1" {
		var kept [][]byte
		for range 384 {
			b := make([]byte, 1<<20)
			for i := range b {
				b[i] = 1
			}
			kept = append(kept, b)
		}
		time.Sleep(2 * time.Second)
		fmt.Fprintln(os.Stderr, len(kept))
		return
	}
	variant := flag.String("variant", "leaky", "")
	flag.Parse()
	self, _ := os.Executable()
	child := exec.Command(self)
	child.Env = append(os.Environ(), "CHILD_HOG=1")
	if err := child.Run(); err != nil {
		panic(err)
	}
	for _, phase := range []string{"before", "after"} {
		fmt.Printf("{\"variant\":%q,\"phase\":%q,\"heap_inuse\":1}\n", *variant, phase)
	}
}
