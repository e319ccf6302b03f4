package e2e

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// startX starts an X server that picks a free display number itself
// (-displayfd) and writes it once it accepts connections. Runs of the
// tests side by side (several engineers, or CI jobs, on one machine) can
// then never take the same number, and a run never mistakes another's
// server for its own. why tells what went wrong when the server exits.
func startX(cmd *exec.Cmd, timeout time.Duration, why func() string) (*Display, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	cmd.Args = append(cmd.Args, "-displayfd", "3") // ExtraFiles[0] is fd 3
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		w.Close()
		return nil, err
	}
	w.Close()
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	d := &Display{cmd: cmd, exited: exited}
	number := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		number <- strings.TrimSpace(line)
	}()
	select {
	case n := <-number:
		if n != "" {
			d.Name = ":" + n
			return d, nil
		}
		<-exited
	case <-exited:
	case <-time.After(timeout):
		d.Stop()
		return nil, fmt.Errorf("%s did not start within %v%s", cmd.Args[0], timeout, why())
	}
	return nil, fmt.Errorf("%s exited: %v%s", cmd.Args[0], cmd.ProcessState, why())
}
