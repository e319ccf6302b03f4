package mpv

/*
#include <stdlib.h>
#include "shim.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"time"
	"unsafe"

	"showhall/store/media"
)

// ProbeTimeout bounds one probe: a file that shows no frame in this long
// would not show one in front of visitors either.
const ProbeTimeout = 10 * time.Second

// Probe returns the deep check videos get when they enter the hall (a
// media.VideoProbe): each call opens a private mpv core with no video or
// audio output, loads the file, and waits until its first video frame is
// decoded (or it fails, or ProbeTimeout passes). library is as in Options.
// It fails at once when libmpv cannot be opened, so the caller can fall
// back to the container check and say so.
func Probe(library string) (media.VideoProbe, error) {
	name := or(library, os.Getenv("SHOWHALL_LIBMPV"))
	if err := load(or(name, DefaultLibrary)); err != nil {
		return nil, err
	}
	return probe, nil
}

func probe(path string) (media.VideoInfo, error) {
	var info media.VideoInfo
	h := C.shim_create()
	if h == nil {
		return info, errors.New("libmpv could not start")
	}
	defer C.shim_terminate_destroy(h)
	opts := slices.Concat(nothingOfItsOwn, [][2]string{
		{"vo", "null"}, {"ao", "null"}, {"sid", "no"}, {"hwdec", "no"},
		{"idle", "yes"}, {"pause", "no"},
		// The same local-files-only rules as the players (see New).
		{"access-references", "no"}, {"load-unsafe-playlists", "no"},
		{"demuxer-lavf-o", "protocol_whitelist=file"},
	})
	for _, kv := range opts {
		if err := setOptionOn(h, kv[0], kv[1]); err != nil {
			return info, err
		}
	}
	lvl := C.CString("error")
	C.shim_request_log_messages(h, lvl)
	C.free(unsafe.Pointer(lvl))
	if err := mpvErr("mpv_initialize", C.shim_initialize(h)); err != nil {
		return info, err
	}
	cpath, cmode := C.CString(path), C.CString("replace")
	defer C.free(unsafe.Pointer(cpath))
	defer C.free(unsafe.Pointer(cmode))
	var id C.int64_t
	if err := mpvErr("loadfile", C.shim_loadfile(h, cpath, cmode, &id)); err != nil {
		return info, err
	}
	deadline := time.Now().Add(ProbeTimeout)
	var ev C.shim_event
	loaded, lastError := false, ""
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return info, fmt.Errorf("no frame decoded within %s", ProbeTimeout)
		}
		C.shim_wait_event(h, C.double(left.Seconds()), &ev)
		switch ev.id {
		case C.MPV_EVENT_LOG_MESSAGE:
			lastError = C.GoString(ev.prefix) + ": " + trimNL(C.GoString(ev.text))
		case C.MPV_EVENT_FILE_LOADED:
			loaded = true
			if !hasVideoTrack(h) {
				return info, errors.New("it has no video track (sound only?)")
			}
		case C.MPV_EVENT_PLAYBACK_RESTART:
			// Playback starts once the first frame is decoded.
			if !loaded {
				continue
			}
			info.Duration = time.Duration(getDouble(h, "duration") * float64(time.Second))
			info.Width, _ = strconv.Atoi(getString(h, "video-params/w"))
			info.Height, _ = strconv.Atoi(getString(h, "video-params/h"))
			if info.Width <= 0 || info.Height <= 0 {
				return info, errors.New("its first frame could not be decoded")
			}
			if info.Duration <= 0 {
				return info, errors.New("it has no duration")
			}
			info.Deep = true
			return info, nil
		case C.MPV_EVENT_END_FILE:
			why := "it ended before a first frame was decoded"
			if ev.reason == C.MPV_END_FILE_REASON_ERROR {
				why = "libmpv cannot play it: " + C.GoString(C.shim_error_string(ev.error))
			}
			if lastError != "" {
				why += " (" + lastError + ")"
			}
			return info, errors.New(why)
		case C.MPV_EVENT_SHUTDOWN:
			return info, errors.New("libmpv stopped")
		}
	}
}

func hasVideoTrack(h *C.mpv_handle) bool {
	n, _ := strconv.Atoi(getString(h, "track-list/count"))
	for i := 0; i < n; i++ {
		if getString(h, "track-list/"+strconv.Itoa(i)+"/type") == "video" {
			return true
		}
	}
	return false
}

func getString(h *C.mpv_handle, name string) string {
	cn := C.CString(name)
	defer C.free(unsafe.Pointer(cn))
	v := C.shim_get_string(h, cn)
	if v == nil {
		return ""
	}
	defer C.shim_free(unsafe.Pointer(v))
	return C.GoString(v)
}

func getDouble(h *C.mpv_handle, name string) float64 {
	cn := C.CString(name)
	defer C.free(unsafe.Pointer(cn))
	var v C.double
	if C.shim_get_double(h, cn, &v) < 0 {
		return 0
	}
	return float64(v)
}

func setOptionOn(h *C.mpv_handle, name, value string) error {
	cn, cv := C.CString(name), C.CString(value)
	defer C.free(unsafe.Pointer(cn))
	defer C.free(unsafe.Pointer(cv))
	return mpvErr("option "+name, C.shim_set_option(h, cn, cv))
}
