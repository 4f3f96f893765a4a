// Fixture: the leaky variant prints the figure from issue 12, -1e300
// goroutines; the fixed one is well-formed.
package main

import (
	"flag"
	"fmt"
)

func main() {
	variant := flag.String("variant", "", "leaky or fixed")
	flag.Int("scale", 1, "ignored")
	flag.Parse()
	fmt.Printf("{\"variant\":%q,\"phase\":\"before\",\"goroutines\":1}\n", *variant)
	if *variant == "leaky" {
		fmt.Printf("{\"variant\":%q,\"phase\":\"after\",\"goroutines\":-1e300}\n", *variant)
	} else {
		fmt.Printf("{\"variant\":%q,\"phase\":\"after\",\"goroutines\":1}\n", *variant)
	}
}
