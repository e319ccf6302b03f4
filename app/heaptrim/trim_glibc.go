//go:build linux && cgo

package heaptrim

// #include <malloc.h>
import "C"

// Release returns the free pages of every glibc arena to the system and
// reports whether there were any. It holds each arena's lock while it
// walks it, during which the other threads' mallocs wait: 29-39 ms on a
// kiosk after visitors, on the development machine (BENCHMARKS.md).
func Release() bool { return C.malloc_trim(0) == 1 }
