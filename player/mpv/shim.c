#include <dlfcn.h>
#include <malloc.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "shim.h"
#include "_cgo_export.h"

// One pointer per libmpv function, typed from the header's declaration.
#define FUNCS(X) \
	X(mpv_client_api_version) X(mpv_error_string) X(mpv_create) \
	X(mpv_initialize) X(mpv_terminate_destroy) X(mpv_set_option_string) \
	X(mpv_set_property_string) X(mpv_get_property) X(mpv_command) \
	X(mpv_command_ret) X(mpv_free_node_contents) X(mpv_request_log_messages) \
	X(mpv_get_property_string) X(mpv_free) \
	X(mpv_wait_event) X(mpv_wakeup) X(mpv_render_context_create) \
	X(mpv_render_context_set_update_callback) X(mpv_render_context_update) \
	X(mpv_render_context_render) X(mpv_render_context_free) \
	X(mpv_observe_property) X(mpv_command_string)

#define DECLARE(f) static __typeof__(&f) p_##f;
FUNCS(DECLARE)

static void *lib;

// limit_malloc runs as the program starts, before any thread: the
// window's software GL starts rendering threads before libmpv is loaded,
// and each took a malloc arena of its own (five arenas, 32 MB, under the
// attract loop; 7-10 MB less peak PSS with two from the start,
// BENCHMARKS.md).
__attribute__((constructor)) static void limit_malloc(void) {
	// mpv starts decoder and demuxer threads for every file; glibc gives
	// busy threads malloc arenas of their own, which fragment as files come
	// and go. Two arenas keep a kiosk's memory flat over thousands of loops
	// (BENCHMARKS.md: +73 MB after 250 loops with the default, +3 MB with
	// 2). An operator's MALLOC_ARENA_MAX wins.
	if (!getenv("MALLOC_ARENA_MAX"))
		mallopt(M_ARENA_MAX, 2);
	// Video frames and the textures they become are megabytes each, made
	// and freed many times a second. glibc raises its mmap threshold as
	// large blocks are freed, after which they come from the heap and are
	// not given back: in the kiosk this kept about 70 MB more and crept.
	// A fixed threshold keeps every large buffer mmapped and returned.
	if (!getenv("MALLOC_MMAP_THRESHOLD_") && !getenv("GLIBC_TUNABLES"))
		mallopt(M_MMAP_THRESHOLD, 1 << 20);
}

const char *shim_load(const char *name) {
	static char msg[512];
	if (lib)
		return NULL;
	void *l = dlopen(name, RTLD_NOW | RTLD_LOCAL);
	if (!l) {
		const char *e = dlerror();
		strncpy(msg, e ? e : "dlopen failed", sizeof msg - 1);
		return msg;
	}
#define RESOLVE(f) \
	p_##f = (__typeof__(&f))dlsym(l, #f); \
	if (!p_##f) { \
		strncpy(msg, "libmpv lacks " #f, sizeof msg - 1); \
		dlclose(l); \
		return msg; \
	}
	FUNCS(RESOLVE)
	lib = l;
	return NULL;
}

unsigned long shim_client_api_version(void) { return p_mpv_client_api_version(); }
const char *shim_error_string(int err) { return p_mpv_error_string(err); }
mpv_handle *shim_create(void) { return p_mpv_create(); }
int shim_initialize(mpv_handle *h) { return p_mpv_initialize(h); }
void shim_terminate_destroy(mpv_handle *h) { p_mpv_terminate_destroy(h); }
void shim_wakeup(mpv_handle *h) { p_mpv_wakeup(h); }

int shim_set_option(mpv_handle *h, const char *name, const char *value) {
	return p_mpv_set_option_string(h, name, value);
}

int shim_set_property(mpv_handle *h, const char *name, const char *value) {
	return p_mpv_set_property_string(h, name, value);
}

int shim_get_double(mpv_handle *h, const char *name, double *out) {
	return p_mpv_get_property(h, name, MPV_FORMAT_DOUBLE, out);
}

int shim_get_flag(mpv_handle *h, const char *name, int *out) {
	return p_mpv_get_property(h, name, MPV_FORMAT_FLAG, out);
}

char *shim_get_string(mpv_handle *h, const char *name) { return p_mpv_get_property_string(h, name); }
void shim_free(void *p) { p_mpv_free(p); }

int shim_request_log_messages(mpv_handle *h, const char *level) {
	return p_mpv_request_log_messages(h, level);
}

int shim_command(mpv_handle *h, const char *a0, const char *a1, const char *a2, const char *a3) {
	const char *args[] = {a0, a1, a2, a3, NULL};
	return p_mpv_command(h, args);
}

int shim_loadfile(mpv_handle *h, const char *url, const char *flags, int64_t *entry) {
	const char *args[] = {"loadfile", url, flags, NULL};
	mpv_node res;
	*entry = 0;
	int err = p_mpv_command_ret(h, args, &res);
	if (err < 0)
		return err;
	if (res.format == MPV_FORMAT_NODE_MAP) {
		for (int i = 0; i < res.u.list->num; i++) {
			mpv_node *v = &res.u.list->values[i];
			if (!strcmp(res.u.list->keys[i], "playlist_entry_id") && v->format == MPV_FORMAT_INT64)
				*entry = v->u.int64;
		}
	}
	p_mpv_free_node_contents(&res);
	return 0;
}

int shim_observe(mpv_handle *h, uint64_t id, const char *name) {
	return p_mpv_observe_property(h, id, name, MPV_FORMAT_DOUBLE);
}

int shim_command_string(mpv_handle *h, const char *cmd) { return p_mpv_command_string(h, cmd); }

void shim_wait_event(mpv_handle *h, double timeout, shim_event *out) {
	mpv_event *ev = p_mpv_wait_event(h, timeout);
	memset(out, 0, sizeof *out);
	out->id = ev->event_id;
	out->error = ev->error;
	switch (ev->event_id) {
	case MPV_EVENT_START_FILE:
		out->entry = ((mpv_event_start_file *)ev->data)->playlist_entry_id;
		break;
	case MPV_EVENT_END_FILE: {
		mpv_event_end_file *e = ev->data;
		out->reason = e->reason;
		out->error = e->error;
		out->entry = e->playlist_entry_id;
		break;
	}
	case MPV_EVENT_PROPERTY_CHANGE: {
		mpv_event_property *pr = ev->data;
		out->entry = (int64_t)ev->reply_userdata;
		if (pr->format == MPV_FORMAT_DOUBLE && pr->data) {
			out->value = (int64_t)(*(double *)pr->data * 1e6);
			out->has_value = 1;
		}
		break;
	}
	case MPV_EVENT_LOG_MESSAGE: {
		mpv_event_log_message *m = ev->data;
		out->level = m->level;
		out->prefix = m->prefix;
		out->text = m->text;
		break;
	}
	default:
		break;
	}
}

static void on_update(void *token) { showhallMpvUpdate((uintptr_t)token); }

int shim_render_create(mpv_handle *h, mpv_render_context **out, uintptr_t token) {
	mpv_render_param params[] = {
		{MPV_RENDER_PARAM_API_TYPE, MPV_RENDER_API_TYPE_SW},
		{MPV_RENDER_PARAM_INVALID, NULL},
	};
	int err = p_mpv_render_context_create(out, h, params);
	if (err < 0)
		return err;
	p_mpv_render_context_set_update_callback(*out, on_update, (void *)token);
	return 0;
}

uint64_t shim_render_update(mpv_render_context *ctx) { return p_mpv_render_context_update(ctx); }

int shim_render_sw(mpv_render_context *ctx, int w, int h, size_t stride, void *pixels) {
	int size[2] = {w, h};
	mpv_render_param params[] = {
		{MPV_RENDER_PARAM_SW_SIZE, size},
		{MPV_RENDER_PARAM_SW_FORMAT, "rgb0"},
		{MPV_RENDER_PARAM_SW_STRIDE, &stride},
		{MPV_RENDER_PARAM_SW_POINTER, pixels},
		{MPV_RENDER_PARAM_INVALID, NULL},
	};
	int err = p_mpv_render_context_render(ctx, params);
	if (err < 0)
		return err;
	// "rgb0" leaves the fourth byte undefined; image.RGBA reads it as alpha.
	uint8_t *row = pixels;
	for (int y = 0; y < h; y++, row += stride)
		for (int x = 3; x < 4 * w; x += 4)
			row[x] = 255;
	return 0;
}

void shim_render_free(mpv_render_context *ctx) { p_mpv_render_context_free(ctx); }
