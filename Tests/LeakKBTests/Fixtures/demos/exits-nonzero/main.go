// Fixture: fails before printing any figures.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "cannot open config")
	os.Exit(3)
}
