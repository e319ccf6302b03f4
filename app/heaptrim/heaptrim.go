// Package heaptrim gives back to the system the memory that the kiosk's
// C libraries have freed but glibc's allocator still holds. Mesa keeps a
// visitor's pages as textures in ordinary memory on a PC without a GPU,
// mpv its frames and overlays; when they are freed, glibc hands back only
// what lies at the top of each heap, and the rest (hundreds of megabytes
// after an hour of visitors, BENCHMARKS.md) stays resident until
// malloc_trim asks for it.
package heaptrim
