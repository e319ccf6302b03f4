package hallnet

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// ParsePeers reads a static list of screens, HOST:PORT separated by
// commas (blanks allowed around them), for networks that block
// multicast. A HOST alone gets DefaultPort.
func ParsePeers(list string) ([]string, error) {
	var peers []string
	for _, p := range strings.Split(list, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		addr, err := ParseAddr(p)
		if err != nil {
			return nil, err
		}
		peers = append(peers, addr)
	}
	return peers, nil
}

// ParseAddr checks one screen's address, HOST:PORT or HOST.
func ParseAddr(s string) (string, error) {
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		// A host alone (an IPv6 address needs its brackets with a port).
		if strings.Contains(s, "/") || strings.Count(s, ":") == 1 {
			return "", fmt.Errorf("%q is not a screen's address: give HOST:PORT, for example 192.168.1.21:%d", s, DefaultPort)
		}
		return net.JoinHostPort(strings.Trim(s, "[]"), strconv.Itoa(DefaultPort)), nil
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return "", fmt.Errorf("%q is not a screen's address: the port must be a number from 1 to 65535", s)
	}
	if host == "" {
		return "", fmt.Errorf("%q is not a screen's address: the host is missing", s)
	}
	return net.JoinHostPort(host, port), nil
}
