/*
 * serve's HTTP API ([http] bind; doc/http-api.md): start, list, inspect,
 * signal and stop sessions, follow a session's events as Server-Sent
 * Events, health and Prometheus metrics. http_api_config.c reads [http],
 * http_api.c is the server (routing, token, errors), http_api_sessions.c
 * the session endpoints, http_api_sse.c the event streams,
 * http_api_json.c the JSON bodies.
 */
#ifndef HTTP_API_H
#define HTTP_API_H

#include <libsoup/soup.h>

#include "src/host.h"

/* ---- [http] ---------------------------------------------------------------
 */

typedef struct http_api_config {
	char *bind;	     /* "ADDR:PORT"; NULL: no API */
	char *token;	     /* bearer token, or NULL */
	char *document_root; /* real path, or NULL: documents by route only */
	guint max_body;	     /* request body bytes; 413 past it */
} http_api_config;

/* Defaults for what kf (may be NULL) does not set; an unknown key, a bad
 * value, or a bind address other than loopback without a token is an
 * error naming the key. */
int http_api_config_load(GKeyFile *kf, http_api_config *cfg, GError **err);
void http_api_config_clear(http_api_config *cfg);

/* ---- the server ------------------------------------------------------------
 */

/* What the API asks of serve. */
typedef struct http_api_serve {
	/* The document of the [routes] key name (exactly), or NULL; *path
	 * its path. */
	scxml_doc *(*route_doc)(const char *name, const char **path, void *ud);
	/* TRUE: new sessions get 503 (draining or max-sessions reached). */
	gboolean (*draining)(void *ud);
	gboolean (*full)(void *ud);
	char **defines; /* serve's --define items, applied first */
	void *ud;
} http_api_serve;

typedef struct http_api http_api;

/* Listens on cfg->bind on the host's loop. NULL with *err when it cannot. */
http_api *http_api_new(host *h, const http_api_config *cfg,
		       const http_api_serve *sv, GError **err);
/* Ends the event streams and stops listening. */
void http_api_free(http_api *api);

/* ---- inside the API -------------------------------------------------------
 */

struct http_api {
	host *h;
	const http_api_config *cfg;
	http_api_serve sv;
	SoupServer *server;
	GHashTable *streams; /* session id → GList* of SoupServerMessage */
};

/* A JSON reply (root taken). */
void http_api_reply(SoupServerMessage *msg, guint status, JsonNode *root);
/* {"error": message} with status. */
void http_api_error(SoupServerMessage *msg, guint status, const char *fmt, ...)
	G_GNUC_PRINTF(3, 4);
/* The request body as a JSON object, or NULL after replying 400/413. */
JsonObject *http_api_body_object(http_api *api, SoupServerMessage *msg,
				 JsonNode **root);

/* /sessions and /sessions/{id}[/events] (http_api_sessions.c). */
void http_api_sessions(http_api *api, SoupServerMessage *msg,
		       const char *method, const char *path);
/* GET /sessions/{id}/events (http_api_sse.c). */
void http_api_sse_open(http_api *api, SoupServerMessage *msg, host_session *hs);
/* The host's event log listener: records go to the session's streams; its
 * exit record ends them. */
void http_api_sse_record(JsonObject *record, const char *line, void *ud);
void http_api_sse_close_all(http_api *api);

#endif
