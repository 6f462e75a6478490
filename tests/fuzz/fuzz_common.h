/*
 * What every libFuzzer harness of tests/fuzz/ shares: GLib's log output
 * silenced (millions of runs would print millions of warnings about the bad
 * inputs they are fed), except that a critical — a g_return_if_fail() that
 * failed, i.e. a programming error reached from outside input — aborts, so
 * that libFuzzer reports it as a defect with its input.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static inline GLogWriterOutput fuzz_log_writer(GLogLevelFlags level,
					       const GLogField *fields,
					       gsize n_fields, gpointer ud)
{
	(void)ud;
	if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR)) {
		g_log_writer_standard_streams(level, fields, n_fields, NULL);
		abort();
	}
	return G_LOG_WRITER_HANDLED;
}

/* Unstructured g_log (libraries built without G_LOG_USE_STRUCTURED). */
static inline void fuzz_log_handler(const char *domain, GLogLevelFlags level,
				    const char *message, gpointer ud)
{
	(void)ud;
	if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR)) {
		g_printerr("%s: %s\n", domain ? domain : "", message);
		abort();
	}
}

static inline void fuzz_quiet_logs(void)
{
	g_log_set_writer_func(fuzz_log_writer, NULL, NULL);
	g_log_set_default_handler(fuzz_log_handler, NULL);
}

/* The input as a NUL-terminated string (bytes after an inner NUL are
 * simply not seen by C-string readers, as on the wire). */
static inline char *fuzz_strdup(const uint8_t *data, size_t size)
{
	return g_strndup((const char *)data, size);
}

#endif
