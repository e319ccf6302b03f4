package feedtest

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Nginx is a real nginx serving one folder on a free loopback port, with
// its configuration, pid and logs in its own temporary folder: nothing of
// the system's nginx configuration is read or touched.
type Nginx struct {
	URL  string // http://127.0.0.1:PORT/
	dir  string
	cmd  *exec.Cmd
	done chan struct{} // closed once nginx has exited and been waited for
}

// ErrNoNginx is returned when nginx is not installed.
var ErrNoNginx = errors.New("nginx is not installed (Debian package nginx)")

// FindNginx returns the nginx binary's path.
func FindNginx() (string, error) {
	if p, err := exec.LookPath("nginx"); err == nil {
		return p, nil
	}
	for _, p := range []string{"/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"} {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", ErrNoNginx
}

// StartNginx serves root (with directory listings, so wget -r can walk
// it) until Stop. work is a folder for nginx's own files.
func StartNginx(root, work string) (*Nginx, error) {
	bin, err := FindNginx()
	if err != nil {
		return nil, err
	}
	root, err = filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	for _, d := range []string{"logs", "tmp"} {
		if err := os.MkdirAll(filepath.Join(work, d), 0o755); err != nil {
			return nil, err
		}
	}
	user := ""
	if os.Getuid() == 0 {
		// Workers would otherwise drop to nobody, who cannot read a test's
		// private temporary folder.
		user = "user root root;"
	}
	tmp := filepath.Join(work, "tmp")
	conf := fmt.Sprintf(`%s
daemon off;
worker_processes 1;
pid %[2]s/nginx.pid;
error_log %[2]s/logs/error.log warn;
events { worker_connections 256; }
http {
    access_log %[2]s/logs/access.log;
    client_body_temp_path %[3]s/body;
    proxy_temp_path %[3]s/proxy;
    fastcgi_temp_path %[3]s/fastcgi;
    uwsgi_temp_path %[3]s/uwsgi;
    scgi_temp_path %[3]s/scgi;
    types { application/json json; text/html html; }
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 10000;
    server {
        listen %[4]s;
        root %[5]s;
        autoindex on;
        etag on;
    }
}
`, user, work, tmp, addr, root)
	confPath := filepath.Join(work, "nginx.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "-p", work, "-c", confPath, "-e", filepath.Join(work, "logs", "error.log"))
	out, err := os.Create(filepath.Join(work, "logs", "stderr.log"))
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		out.Close()
		return nil, fmt.Errorf("starting nginx: %w", err)
	}
	out.Close()
	n := &Nginx{URL: "http://" + addr + "/", dir: work, cmd: cmd, done: make(chan struct{})}
	exited := make(chan error, 1)
	go func() {
		exited <- cmd.Wait()
		close(n.done)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			c.Close()
			return n, nil
		}
		select {
		case err := <-exited:
			log, _ := os.ReadFile(filepath.Join(work, "logs", "stderr.log"))
			elog, _ := os.ReadFile(filepath.Join(work, "logs", "error.log"))
			return nil, fmt.Errorf("nginx exited at start (%v): %s %s", err, strings.TrimSpace(string(log)), strings.TrimSpace(string(elog)))
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			return nil, errors.New("nginx did not start listening within 10s")
		}
	}
}

// Stop ends nginx (a fast shutdown) and waits for it to go.
func (n *Nginx) Stop() {
	if n == nil || n.cmd.Process == nil {
		return
	}
	n.cmd.Process.Signal(os.Interrupt)
	select {
	case <-n.done:
		return
	case <-time.After(2 * time.Second):
	}
	n.cmd.Process.Kill()
	<-n.done
}
