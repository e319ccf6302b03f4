// A thin layer over the few libmpv functions the player uses, reached
// through dlopen so that the program starts on machines without libmpv.
// Types come from libmpv-dev's headers; no symbol is linked.
#ifndef SHOWHALL_MPV_SHIM_H
#define SHOWHALL_MPV_SHIM_H

#include <stdint.h>
#include <mpv/client.h>
#include <mpv/render.h>

// shim_load opens the library and resolves every function; on failure it
// returns a message (static storage) and leaves nothing loaded.
const char *shim_load(const char *name);

// One event, flattened; strings stay valid until the next wait.
typedef struct {
	int id;
	int error;    // mpv error code of the event or of END_FILE
	int reason;   // END_FILE reason
	int64_t entry; // playlist entry id for START_FILE and END_FILE; the
	               // observation's id for PROPERTY_CHANGE
	const char *level, *prefix, *text; // LOG_MESSAGE
	int64_t value; // PROPERTY_CHANGE of a time property, in microseconds
	int has_value; // whether value holds one (0: unavailable)
} shim_event;

unsigned long shim_client_api_version(void);
const char *shim_error_string(int err);
mpv_handle *shim_create(void);
int shim_initialize(mpv_handle *h);
void shim_terminate_destroy(mpv_handle *h);
int shim_set_option(mpv_handle *h, const char *name, const char *value);
int shim_set_property(mpv_handle *h, const char *name, const char *value);
int shim_get_double(mpv_handle *h, const char *name, double *out);
int shim_get_flag(mpv_handle *h, const char *name, int *out);
// shim_get_string returns a property as a string for shim_free, or NULL.
char *shim_get_string(mpv_handle *h, const char *name);
void shim_free(void *p);
int shim_request_log_messages(mpv_handle *h, const char *level);
// shim_command runs a command of up to four arguments (NULL ends them).
int shim_command(mpv_handle *h, const char *a0, const char *a1, const char *a2, const char *a3);
// shim_loadfile runs "loadfile url flags" and returns the new playlist
// entry's id in *entry (0 when this libmpv does not say).
int shim_loadfile(mpv_handle *h, const char *url, const char *flags, int64_t *entry);
// shim_observe asks for a PROPERTY_CHANGE event with id whenever the
// value of a time property (seconds) changes.
int shim_observe(mpv_handle *h, uint64_t id, const char *name);
// shim_command_string runs a command given as one line of mpv's input
// syntax.
int shim_command_string(mpv_handle *h, const char *cmd);
void shim_wait_event(mpv_handle *h, double timeout, shim_event *out);
void shim_wakeup(mpv_handle *h);

// The software render context; its update callback calls the Go function
// showhallMpvUpdate with token.
int shim_render_create(mpv_handle *h, mpv_render_context **out, uintptr_t token);
uint64_t shim_render_update(mpv_render_context *ctx);
// shim_render_sw draws the current frame into a w x h RGBA buffer and
// makes every pixel opaque.
int shim_render_sw(mpv_render_context *ctx, int w, int h, size_t stride, void *pixels);
void shim_render_free(mpv_render_context *ctx);

#endif
