// Fixture: starts a child in a new session (out of the demo's process group)
// that keeps the demo's stdout open and sleeps, writes its pid beside the
// binary, prints figures and exits 0.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

func main() {
	variant := flag.String("variant", "leaky", "")
	flag.Parse()
	escaped := exec.Command("sleep", "300")
	escaped.Stdout = os.Stdout
	escaped.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := escaped.Start(); err != nil {
		panic(err)
	}
	self, _ := os.Executable()
	pid := fmt.Sprint(escaped.Process.Pid)
	os.WriteFile(filepath.Join(filepath.Dir(self), "escaped.pid"), []byte(pid), 0o644)
	for _, phase := range []string{"before", "after"} {
		fmt.Printf("{\"variant\":%q,\"phase\":%q,\"heap_inuse\":1}\n", *variant, phase)
	}
}
