// Fixture: starts a long-lived child process, prints its pid and hangs, so
// that the runner must kill the whole process group on timeout.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

func main() {
	cmd := exec.Command("sleep", "300")
	if err := cmd.Start(); err != nil {
		panic(err)
	}
	fmt.Fprintf(os.Stderr, "child %d\n", cmd.Process.Pid)
	self, _ := os.Executable()
	os.WriteFile(filepath.Join(filepath.Dir(self), "child.pid"), []byte(fmt.Sprint(cmd.Process.Pid)), 0o644)
	time.Sleep(time.Hour)
}
