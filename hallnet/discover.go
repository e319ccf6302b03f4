package hallnet

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/mdns"
)

// Discovery with DNS-SD over multicast DNS: every kiosk announces its hall
// endpoint as a _showhall._tcp service, named by its id, with its name
// and id in the TXT record; a curator's laptop or another kiosk asks for
// the service on every network it is on. Networks that block multicast
// use the static list of peers instead (ParsePeers).

// ServiceType is the DNS-SD service type of a hall endpoint.
const ServiceType = "_showhall._tcp"

// Found is a screen that answered a discovery.
type Found struct {
	ID, Name string
	Addr     string // HOST:PORT of its hall endpoint
}

// quietLog keeps the mDNS library's own log lines (every malformed
// packet on a busy network) out of the kiosk's log.
var quietLog = log.New(io.Discard, "", 0)

// multicastInterfaces are the interfaces discovery runs on: up, able to
// multicast, not loopback, with an IPv4 address.
func multicastInterfaces() []net.Interface {
	all, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var out []net.Interface
	for _, ifc := range all {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagMulticast == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		if len(ipv4s(ifc)) > 0 {
			out = append(out, ifc)
		}
	}
	return out
}

func ipv4s(ifc net.Interface) []net.IP {
	addrs, err := ifc.Addrs()
	if err != nil {
		return nil
	}
	var ips []net.IP
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil {
			ips = append(ips, n.IP.To4())
		}
	}
	return ips
}

// Announcement is a screen announced on the networks of this PC.
type Announcement struct {
	servers []*mdns.Server
}

// Announce makes the hall endpoint at port known as screen id (name) on
// every multicast network of this PC. host, when not empty and not a
// wildcard, is the one address announced (a kiosk told to listen there).
// With no network to announce on, it says so; the kiosk runs on, found
// through static lists.
func Announce(id, name, host string, port int) (*Announcement, error) {
	ifcs := multicastInterfaces()
	if len(ifcs) == 0 {
		return nil, fmt.Errorf("no network interface that can multicast")
	}
	only := net.ParseIP(host)
	if only != nil && (only.IsUnspecified() || only.IsLoopback()) {
		if only.IsLoopback() {
			return nil, fmt.Errorf("the hall endpoint listens on loopback %s only: nothing to announce", host)
		}
		only = nil
	}
	a := &Announcement{}
	for _, ifc := range ifcs {
		ips := ipv4s(ifc)
		if only != nil {
			if !slices.ContainsFunc(ips, only.Equal) {
				continue
			}
			ips = []net.IP{only}
		}
		zone, err := mdns.NewMDNSService(id, ServiceType, "", id+".local.", port, ips,
			[]string{"id=" + id, "name=" + name})
		if err != nil {
			a.Stop()
			return nil, err
		}
		srv, err := mdns.NewServer(&mdns.Config{Zone: zone, Iface: &ifc, Logger: quietLog})
		if err != nil {
			a.Stop()
			return nil, fmt.Errorf("announcing on %s: %v", ifc.Name, err)
		}
		a.servers = append(a.servers, srv)
	}
	if len(a.servers) == 0 {
		return nil, fmt.Errorf("no multicast network has the address %s", host)
	}
	return a, nil
}

// Stop withdraws the announcement.
func (a *Announcement) Stop() {
	if a == nil {
		return
	}
	for _, s := range a.servers {
		s.Shutdown()
	}
	a.servers = nil
}

// Discover asks every multicast network of this PC for hall endpoints,
// listening for answers for wait, and returns the screens found, once
// each (by id).
func Discover(ctx context.Context, wait time.Duration) ([]Found, error) {
	ifcs := multicastInterfaces()
	if len(ifcs) == 0 {
		return nil, fmt.Errorf("no network interface that can multicast")
	}
	var (
		mu    sync.Mutex
		found = map[string]Found{}
		errs  []string
		wg    sync.WaitGroup
	)
	for _, ifc := range ifcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			entries := make(chan *mdns.ServiceEntry, 64)
			done := make(chan struct{})
			go func() {
				defer close(done)
				for e := range entries {
					f, ok := toFound(e)
					if !ok {
						continue
					}
					mu.Lock()
					found[f.ID] = f
					mu.Unlock()
				}
			}()
			err := mdns.QueryContext(ctx, &mdns.QueryParam{Service: ServiceType, Domain: "local", Timeout: wait,
				Interface: &ifc, Entries: entries, DisableIPv6: true, Logger: quietLog})
			close(entries)
			<-done
			if err != nil {
				mu.Lock()
				errs = append(errs, fmt.Sprintf("%s: %v", ifc.Name, err))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	out := make([]Found, 0, len(found))
	for _, f := range found {
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b Found) int { return strings.Compare(a.Addr, b.Addr) })
	if len(out) == 0 && len(errs) == len(ifcs) {
		return nil, fmt.Errorf("discovery failed on every network: %s", strings.Join(errs, "; "))
	}
	return out, nil
}

// toFound reads a service entry of a hall endpoint.
func toFound(e *mdns.ServiceEntry) (Found, bool) {
	if e.AddrV4 == nil || e.Port == 0 || !strings.Contains(e.Name, ServiceType) {
		return Found{}, false
	}
	f := Found{Addr: net.JoinHostPort(e.AddrV4.String(), strconv.Itoa(e.Port))}
	for _, field := range e.InfoFields {
		field = unescapeTXT(field)
		if v, ok := strings.CutPrefix(field, "id="); ok {
			f.ID = v
		} else if v, ok := strings.CutPrefix(field, "name="); ok {
			f.Name = v
		}
	}
	if f.ID == "" {
		f.ID = f.Addr
	}
	return f, true
}

// unescapeTXT undoes the presentation format the DNS library gives TXT
// strings in: bytes outside printable ASCII as \DDD (decimal), and \"
// and \\ for themselves. A screen's name in Chinese comes back whole.
func unescapeTXT(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		if i+3 < len(s) {
			if n, err := strconv.Atoi(s[i+1 : i+4]); err == nil && n < 256 {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i+1])
		i++
	}
	return b.String()
}
