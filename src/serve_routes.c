/*
 * serve's route table: [routes] maps the user part of an INVITE's
 * Request-URI to a document. Keys are tried in file order (GKeyFile keeps
 * it); a key with * or ? is a glob (g_pattern_match_simple: * any run of
 * characters, ? one character, no escapes), any other key matches the
 * user exactly; the key "default" takes what nothing else matched. Each
 * document is loaded and checked once, whatever the number of routes
 * naming it, and every session of it shares the parsed form.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "src/serve.h"

struct serve_routes {
	GPtrArray *routes;   /* serve_route*, file order, default excluded */
	serve_route *fallback; /* "default", or NULL */
	GHashTable *docs;    /* path → serve_doc* (owned) */
};

static void doc_free(gpointer data)
{
	serve_doc *d = data;

	if (d->doc)
		scxml_doc_unref(d->doc);
	g_free(d->path);
	g_free(d);
}

static void route_free(gpointer data)
{
	serve_route *r = data;

	if (!r)
		return;
	g_free(r->pattern);
	g_free(r);
}

/* The document at path, loaded once per table. Refused now but loaded
 * by the table before: that version is kept. */
static serve_doc *load_doc(serve_routes *rt, cli_env *env, const char *path,
			   const char *route, const serve_routes *previous)
{
	serve_doc *d = g_hash_table_lookup(rt->docs, path);
	serve_doc *old;

	if (d)
		return d;
	d = g_new0(serve_doc, 1);
	d->path = g_strdup(path);
	d->doc = cli_load_doc(env, path, TRUE);
	g_hash_table_insert(rt->docs, d->path, d);
	if (d->doc)
		return d;
	old = previous ? g_hash_table_lookup(previous->docs, path) : NULL;
	if (old && old->doc) {
		g_warning("%s: refused, the version loaded "
			"before stays in use",
			path);
		d->doc = scxml_doc_ref(old->doc);
	} else {
		g_warning("route %s: %s refused; its calls get "
			"500",
			route, path);
	}
	return d;
}

serve_routes *serve_routes_load(cli_env *env, GKeyFile *kf,
				const char *base_dir,
				const serve_routes *previous, GError **err)
{
	serve_routes *rt = g_new0(serve_routes, 1);
	g_auto(GStrv) keys = NULL;

	rt->routes = g_ptr_array_new_with_free_func(route_free);
	rt->docs = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
					 doc_free);
	if (!kf || !g_key_file_has_group(kf, "routes"))
		return rt;
	keys = g_key_file_get_keys(kf, "routes", NULL, NULL);
	for (char **k = keys; k && *k; k++) {
		g_autofree char *value =
			g_key_file_get_value(kf, "routes", *k, NULL);
		g_autofree char *path = NULL;
		serve_route *r;

		g_strstrip(value);
		if (!*value) {
			g_set_error(err, G_KEY_FILE_ERROR,
				    G_KEY_FILE_ERROR_INVALID_VALUE,
				    "[routes] %s: no document", *k);
			serve_routes_free(rt);
			return NULL;
		}
		path = g_path_is_absolute(value)
			       ? g_strdup(value)
			       : g_build_filename(base_dir, value, NULL);
		r = g_new0(serve_route, 1);
		r->pattern = g_strdup(*k);
		r->glob = strpbrk(*k, "*?") != NULL;
		r->doc = load_doc(rt, env, path, *k, previous);
		if (!strcmp(*k, "default")) {
			route_free(rt->fallback);
			rt->fallback = r;
		} else {
			g_ptr_array_add(rt->routes, r);
		}
	}
	return rt;
}

void serve_routes_free(serve_routes *rt)
{
	if (!rt)
		return;
	g_ptr_array_unref(rt->routes);
	route_free(rt->fallback);
	g_hash_table_unref(rt->docs);
	g_free(rt);
}

const serve_route *serve_routes_match(const serve_routes *rt,
				      const char *user)
{
	for (guint i = 0; i < rt->routes->len; i++) {
		const serve_route *r = rt->routes->pdata[i];

		if (r->glob ? g_pattern_match_simple(r->pattern, user)
			    : strcmp(r->pattern, user) == 0)
			return r;
	}
	return rt->fallback;
}

const serve_route *serve_routes_find(const serve_routes *rt,
				     const char *name)
{
	for (guint i = 0; i < rt->routes->len; i++) {
		const serve_route *r = rt->routes->pdata[i];

		if (!strcmp(r->pattern, name))
			return r;
	}
	if (rt->fallback && !strcmp(rt->fallback->pattern, name))
		return rt->fallback;
	return NULL;
}

guint serve_routes_count(const serve_routes *rt)
{
	return rt->routes->len + (rt->fallback != NULL);
}
