package measure

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// procStatus reads this process's resident and peak resident set sizes in
// KiB from /proc/self/status; zero where /proc is not available.
func procStatus() (rssKiB, hwmKiB int64) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		n, _ := strconv.ParseInt(fields[1], 10, 64)
		switch fields[0] {
		case "VmRSS:":
			rssKiB = n
		case "VmHWM:":
			hwmKiB = n
		}
	}
	return rssKiB, hwmKiB
}

// openFDs counts this process's open file descriptors, not counting the one
// used to read the directory.
func openFDs() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries) - 1
}
