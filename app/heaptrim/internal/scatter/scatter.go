//go:build linux && cgo

// Package scatter leaves holes in glibc's heap for heaptrim's tests: what
// a page of textures freed among pieces still in use leaves behind.
package scatter

/*
#include <stdlib.h>
#include <string.h>
*/
import "C"

import "unsafe"

// Holes allocates n blocks of size bytes from glibc, writes to each so
// that it is resident, then frees every other one, which glibc cannot
// hand back by itself since a block still in use follows each hole. It
// returns a function that frees the rest.
func Holes(n, size int) (freeRest func()) {
	blocks := make([]unsafe.Pointer, n)
	for i := range blocks {
		blocks[i] = C.malloc(C.size_t(size))
		C.memset(blocks[i], 1, C.size_t(size))
	}
	for i := 0; i < n; i += 2 {
		C.free(blocks[i])
	}
	return func() {
		for i := 1; i < n; i += 2 {
			C.free(blocks[i])
		}
	}
}
