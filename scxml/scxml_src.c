/*
 * What a src= attribute may read (<data src>, <script src>, <invoke src>):
 * a path or file: URI relative to the document's folder, naming a regular
 * file no larger than the engine's limit, under the engine's document root
 * when one is set. src="/dev/zero" took `check` to 4.5 GB; a FIFO would
 * block the engine for ever; a document posted to a server must not read
 * the host's files.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scxml/scxml_engine_priv.h"

/* src as a path: file: URIs unwrapped, relative to base_dir. */
static char *src_to_path(const char *base_dir, const char *src, GError **err)
{
	const char *name = src;
	char *shown;

	if (g_str_has_prefix(src, "file://")) {
		char *path = g_filename_from_uri(src, NULL, NULL);

		if (path)
			return path;
		name = src + 7;
	} else if (g_str_has_prefix(src, "file:")) {
		name = src + 5;
	} else if (strstr(src, "://")) {
		shown = scxml_excerpt(src);
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
			    "'%s': only files are read, nothing from the "
			    "network",
			    shown);
		g_free(shown);
		return NULL;
	}
	if (!*name) {
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
			    "an empty src names no file");
		return NULL;
	}
	return g_path_is_absolute(name) || !base_dir
		       ? g_strdup(name)
		       : g_build_filename(base_dir, name, NULL);
}

static void set_errno_error(GError **err, int code, const char *src)
{
	char *shown = scxml_excerpt(src);

	g_set_error(err, G_FILE_ERROR, g_file_error_from_errno(code),
		    "'%s': %s", shown, g_strerror(code));
	g_free(shown);
}

/* path itself when no root is set; else its real path (links and ".."
 * followed), which must be the root or inside it. */
static char *inside_root(scxml_engine *engine, char *path, const char *src,
			 GError **err)
{
	const char *root = scxml_engine_document_root(engine);
	char *real_root, *real, *shown;
	gsize n;
	gboolean inside;

	if (!root)
		return path;
	real_root = realpath(root, NULL);
	if (!real_root) {
		shown = scxml_excerpt(src);
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_NOENT,
			    "'%s': the document root %s cannot be read: %s",
			    shown, root, g_strerror(errno));
		g_free(shown);
		g_free(path);
		return NULL;
	}
	real = realpath(path, NULL);
	g_free(path);
	if (!real) {
		set_errno_error(err, errno, src);
		free(real_root);
		return NULL;
	}
	n = strlen(real_root);
	/* "/" as the root holds everything. */
	inside = !strcmp(real_root, "/") ||
		 (!strncmp(real, real_root, n) &&
		  (real[n] == '\0' || real[n] == '/'));
	free(real_root);
	if (!inside) {
		shown = scxml_excerpt(src);
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_PERM,
			    "'%s' is outside the document root", shown);
		g_free(shown);
		free(real);
		return NULL;
	}
	path = g_strdup(real);
	free(real);
	return path;
}

/* A regular file within the size limit; FALSE and *err otherwise. */
static gboolean acceptable(scxml_engine *engine, const struct stat *st,
			   const char *src, GError **err)
{
	gsize limit = scxml_engine_src_size_limit(engine);
	char *shown;

	if (S_ISREG(st->st_mode) && (guint64)st->st_size <= limit)
		return TRUE;
	shown = scxml_excerpt(src);
	if (!S_ISREG(st->st_mode))
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
			    "'%s' is not a regular file", shown);
	else
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_FAILED,
			    "'%s' is larger than the src size limit (%" G_GSIZE_FORMAT
			    " bytes)",
			    shown, limit);
	g_free(shown);
	return FALSE;
}

char *scxml_src_path(scxml_engine *engine, const char *base_dir,
		     const char *src, GError **err)
{
	char *path = src_to_path(base_dir, src, err);
	struct stat st;

	if (path)
		path = inside_root(engine, path, src, err);
	if (!path)
		return NULL;
	/* Looked at before opening: opening some devices has effects. */
	if (stat(path, &st) < 0) {
		set_errno_error(err, errno, src);
		g_free(path);
		return NULL;
	}
	if (!acceptable(engine, &st, src, err)) {
		g_free(path);
		return NULL;
	}
	return path;
}

char *scxml_src_read(scxml_engine *engine, const char *base_dir,
		     const char *src, GError **err)
{
	gsize limit = scxml_engine_src_size_limit(engine);
	char *path = scxml_src_path(engine, base_dir, src, err);
	GString *text;
	struct stat st;
	int fd;

	if (!path)
		return NULL;
	/* Non-blocking: if a FIFO took the file's place since the check,
	 * the open does not wait for a writer (fstat refuses it). */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	g_free(path);
	if (fd < 0) {
		set_errno_error(err, errno, src);
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !acceptable(engine, &st, src, err)) {
		if (err && !*err)
			set_errno_error(err, errno, src);
		close(fd);
		return NULL;
	}
	text = g_string_sized_new((gsize)st.st_size + 1);
	/* The file may have grown since: one byte past the limit says so. */
	while (text->len <= limit) {
		char buf[8192];
		gsize want = MIN(sizeof(buf), limit + 1 - text->len);
		ssize_t got = read(fd, buf, want);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			set_errno_error(err, errno, src);
			close(fd);
			g_string_free(text, TRUE);
			return NULL;
		}
		if (got == 0)
			break;
		g_string_append_len(text, buf, got);
	}
	close(fd);
	if (text->len > limit) {
		st.st_size = (off_t)text->len;
		acceptable(engine, &st, src, err);
		g_string_free(text, TRUE);
		return NULL;
	}
	return g_string_free(text, FALSE);
}
