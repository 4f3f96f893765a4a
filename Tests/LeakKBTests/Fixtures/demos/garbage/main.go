// Fixture: prints something that is not a figures line.
package main

import "fmt"

func main() { fmt.Println("hello, this is not JSON") }
