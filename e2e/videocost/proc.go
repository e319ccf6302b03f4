package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// clockTicks is the kernel's USER_HZ, the unit of /proc's CPU times
// (100 on every Linux a hall PC runs).
const clockTicks = 100

// statFields are the fields of /proc/<pid>/stat after the command's
// closing parenthesis (field 3 onwards).
func statFields(path string) []string {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	s := string(raw)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(s[i+1:])
}

// cpuSeconds is a process's CPU time, its reaped children's included.
func cpuSeconds(pid int) float64 {
	f := statFields(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if len(f) < 15 {
		return 0
	}
	var t float64
	for _, i := range []int{11, 12, 13, 14} { // utime stime cutime cstime
		v, _ := strconv.ParseFloat(f[i], 64)
		t += v
	}
	return t / clockTicks
}

// tree is pid and every process below it.
func tree(pid int) []int {
	children := map[int][]int{}
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		f := statFields(filepath.Join("/proc", e.Name(), "stat"))
		if len(f) < 2 {
			continue
		}
		pp, _ := strconv.Atoi(f[1])
		children[pp] = append(children[pp], p)
	}
	out := []int{pid}
	for i := 0; i < len(out); i++ {
		out = append(out, children[out[i]]...)
	}
	return out
}

func treeCPU(pid int) float64 {
	var t float64
	for _, p := range tree(pid) {
		t += cpuSeconds(p)
	}
	return t
}

// treePSS is the tree's proportional set size in bytes: shared pages
// count once across the tree, as a machine's memory sees them.
func treePSS(pid int) float64 {
	var sum float64
	for _, p := range tree(pid) {
		raw, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(p), "smaps_rollup"))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(raw), "\n") {
			if strings.HasPrefix(line, "Pss:") {
				f := strings.Fields(line)
				kb, _ := strconv.ParseFloat(f[1], 64)
				sum += kb * 1024
			}
		}
	}
	return sum
}

// threadTimes is a process's CPU seconds by thread name.
func threadTimes(pid int) map[string]float64 {
	out := map[string]float64{}
	dir := filepath.Join("/proc", strconv.Itoa(pid), "task")
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		comm, _ := os.ReadFile(filepath.Join(dir, e.Name(), "comm"))
		f := statFields(filepath.Join(dir, e.Name(), "stat"))
		if len(f) < 13 {
			continue
		}
		u, _ := strconv.ParseFloat(f[11], 64)
		s, _ := strconv.ParseFloat(f[12], 64)
		out[strings.TrimSpace(string(comm))] += (u + s) / clockTicks
	}
	return out
}

// newGroup puts a command in a process group of its own, so that it and
// every process it starts (Chromium's renderers) end together.
func newGroup() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setpgid: true} }

func stopGroup(cmd *exec.Cmd) {
	pgid := cmd.Process.Pid
	syscall.Kill(-pgid, syscall.SIGTERM)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-done
	}
}
