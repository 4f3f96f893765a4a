// Fixture: the leaky variant prints its figures at once; the fixed variant
// never finishes. Stopping leakkb during the fixed run must record nothing.
package main

import (
	"flag"
	"fmt"
	"time"
)

func main() {
	variant := flag.String("variant", "leaky", "")
	flag.Parse()
	if *variant == "fixed" {
		time.Sleep(time.Hour)
	}
	for _, phase := range []string{"before", "after"} {
		fmt.Printf("{\"variant\":%q,\"phase\":%q,\"heap_inuse\":1}\n", *variant, phase)
	}
}
