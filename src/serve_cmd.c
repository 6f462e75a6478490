/*
 * sipscxml serve: a call-control server. Each inbound INVITE is routed by
 * its Request-URI user ([routes], serve_routes.c) to a new session of that
 * route's document, which gets the call as interaction.added. The host
 * (host.h) owns the sessions and the shared event log. Overload ([serve]
 * max-sessions, max-calls; [voice] max-ringing), an event loop lagging
 * past [serve] max-loop-lag, and draining answer 503 with Retry-After, to
 * INVITEs and to OPTIONS probes alike. Signals:
 * SIGTERM/SIGINT drain (again: stop at once), SIGHUP reloads the routes
 * and documents, SIGUSR1 reopens the event log; systemd hears of start,
 * reload and drain (serve_notify.c). See doc/serve.md.
 */
#include "config.h"

#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "src/host.h"
#include "src/http_api.h"
#include "src/serve.h"

typedef struct serve {
	cli_env env;
	host *h;
	serve_config cfg;
	serve_routes *routes;
	http_api_config http_cfg;
	http_api *api; /* [http] bind set */
	char *config_path; /* NULL: none */
	char *base_dir;	   /* documents are resolved against it */
	char **defines;
	guint retry_after;
	gboolean draining;
	int stop_signals;
	guint drain_timer;
	guint flush_timer;
	guint lag_timer;
	guint sources[4];
} serve;

/* ---- routing ------------------------------------------------------------ */

/* The loop is late past [serve] max-loop-lag (the lag /metrics measures):
 * a new call now would only add to the backlog, and its caller's
 * retransmissions with it, so it is refused before a session is made, and
 * a dispatcher probing with OPTIONS moves traffic elsewhere. */
static gboolean lagging(serve *sv)
{
	double lag = sv->cfg.test_loop_lag_s >= 0
			     ? sv->cfg.test_loop_lag_s
			     : metrics_lag_last(host_metrics(sv->h));

	return sv->cfg.max_loop_lag_s > 0 && lag > sv->cfg.max_loop_lag_s;
}

static gboolean full(serve *sv)
{
	return host_live_sessions(sv->h) >= sv->cfg.max_sessions ||
	       voice_module_call_count(sv->env.voice) >= sv->cfg.max_calls;
}

static scxml_session *route_call(const char *request_uri, const char *user,
				 int *status, guint *retry_after, void *ud)
{
	serve *sv = ud;
	const serve_route *r;
	host_session *hs;

	*status = 503;
	*retry_after = sv->retry_after;
	/* The new call is counted already: more than max-calls is full. */
	if (sv->draining || host_live_sessions(sv->h) >= sv->cfg.max_sessions ||
	    voice_module_call_count(sv->env.voice) > sv->cfg.max_calls)
		goto refused;
	if (lagging(sv)) {
		metrics_refused(host_metrics(sv->h), *status, "overload");
		return NULL;
	}
	*retry_after = 0;
	r = serve_routes_match(sv->routes, user);
	if (!r) {
		*status = 404;
		goto refused;
	}
	*status = 500;
	if (!r->doc->doc)
		goto refused;
	hs = host_session_new(sv->h, r->doc->doc, r->pattern, r->doc->path,
			      sv->defines, FALSE);
	if (!hs)
		goto refused;
	/* A session that ended at its start has no one to take the call
	 * (the host frees it). */
	if (host_session_start(hs) < 0 || hs->cs.exited)
		goto refused;
	return hs->cs.s;
refused:
	metrics_refused(host_metrics(sv->h), *status, NULL);
	return NULL;
}

/* The voice module's own refusals ([voice] max-ringing,
 * max-calls-per-session, ring-timeout): counted with the router's. */
static void voice_refused(int status, void *ud)
{
	serve *sv = ud;

	metrics_refused(host_metrics(sv->h), status, NULL);
}

/* ---- what the HTTP API asks ---------------------------------------------- */

static scxml_doc *api_route_doc(const char *name, const char **path, void *ud)
{
	serve *sv = ud;
	const serve_route *r = serve_routes_find(sv->routes, name);

	if (!r || !r->doc->doc)
		return NULL;
	*path = r->doc->path;
	return r->doc->doc;
}

static gboolean api_draining(void *ud)
{
	return ((serve *)ud)->draining;
}

static gboolean api_full(void *ud)
{
	return full(ud);
}

static int options_status(guint *retry_after, void *ud)
{
	serve *sv = ud;

	if (!sv->draining && !full(sv) && !lagging(sv))
		return 200;
	*retry_after = sv->retry_after;
	return 503;
}

/* ---- draining, reloading, log rotation ---------------------------------- */

static void session_exited(host *h, host_session *hs, void *ud)
{
	serve *sv = ud;

	if (sv->draining && host_live_sessions(h) == 0)
		g_main_loop_quit(sv->env.loop);
}

static gboolean drain_expired(gpointer ud)
{
	serve *sv = ud;

	sv->drain_timer = 0;
	g_warning("drain time over: stopping %u "
			"sessions",
		host_live_sessions(sv->h));
	host_stop_all(sv->h, "drain");
	g_main_loop_quit(sv->env.loop);
	return G_SOURCE_REMOVE;
}

static gboolean on_stop_signal(gpointer ud)
{
	serve *sv = ud;

	switch (sv->stop_signals++) {
	case 0:
		sv->draining = TRUE;
		serve_notify("STOPPING=1");
		g_message("draining: new calls get 503, %u "
			"sessions go on for up to %g s (again to stop at "
			"once)",
			host_live_sessions(sv->h), sv->cfg.drain_time_s);
		if (host_live_sessions(sv->h) == 0) {
			g_main_loop_quit(sv->env.loop);
			break;
		}
		sv->drain_timer = g_timeout_add_full(
			G_PRIORITY_DEFAULT,
			(guint)(sv->cfg.drain_time_s * 1000 + 0.5),
			drain_expired, sv, NULL);
		break;
	case 1:
		g_message("stopping: releasing calls "
				"(again to quit at once)");
		sv->draining = TRUE;
		host_stop_all(sv->h, "stopped");
		g_main_loop_quit(sv->env.loop);
		break;
	default:
		g_message("stopped");
		_exit(CLI_EXIT_OTHER);
	}
	return G_SOURCE_CONTINUE;
}

static gboolean on_reload(gpointer ud)
{
	serve *sv = ud;
	GKeyFile *kf = g_key_file_new();
	GError *err = NULL;
	serve_routes *rt = NULL;
	g_autofree char *reloading = g_strdup_printf(
		"RELOADING=1\nMONOTONIC_USEC=%" G_GINT64_FORMAT,
		g_get_monotonic_time());

	serve_notify(reloading);
	if (!sv->config_path) {
		g_warning("reload: no configuration "
				"file to read");
		goto out;
	}
	if (!g_key_file_load_from_file(kf, sv->config_path, G_KEY_FILE_NONE,
				       &err) ||
	    !(rt = serve_routes_load(&sv->env, kf, sv->base_dir, sv->routes,
				     &err))) {
		g_warning("reload: %s: %s; the routes stay as "
			"they were",
			sv->config_path, err->message);
		g_clear_error(&err);
		goto out;
	}
	serve_routes_free(sv->routes);
	sv->routes = rt;
	g_message("reloaded: %u routes",
		serve_routes_count(rt));
out:
	g_key_file_unref(kf);
	serve_notify(sv->draining ? "STOPPING=1" : "READY=1");
	return G_SOURCE_CONTINUE;
}

static gboolean on_reopen(gpointer ud)
{
	serve *sv = ud;
	GError *err = NULL;

	event_log_flush(host_log(sv->h));
	if (event_log_reopen(host_log(sv->h), &err) < 0) {
		g_warning("%s", err->message);
		g_clear_error(&err);
	}
	return G_SOURCE_CONTINUE;
}

static gboolean flush_log(gpointer ud)
{
	serve *sv = ud;

	event_log_flush(host_log(sv->h));
	return G_SOURCE_CONTINUE;
}

/* ---- the command -------------------------------------------------------- */

static int check_defines(char **defines)
{
	for (char **d = defines; d && *d; d++) {
		const char *eq = strchr(*d, '=');

		if (!eq || eq == *d) {
			g_warning("--define wants NAME=VALUE, got "
				"\"%s\"",
				*d);
			return -1;
		}
	}
	return 0;
}

/* Configuration, routes and documents, the event log. */
static int serve_setup(serve *sv, const char *events_path)
{
	GError *err = NULL;
	event_log *log = NULL;
	char *abs;

	if (check_defines(sv->defines) < 0 ||
	    cli_env_init_or_report(&sv->env, sv->config_path) < 0)
		return -1;
	if (sv->config_path) {
		abs = g_canonicalize_filename(sv->config_path, NULL);
		sv->base_dir = g_path_get_dirname(abs);
		g_free(abs);
	} else {
		sv->base_dir = g_get_current_dir();
	}
	if (serve_config_load(sv->env.config, &sv->cfg, &err) < 0 ||
	    http_api_config_load(sv->env.config, &sv->http_cfg, &err) < 0 ||
	    !(sv->routes = serve_routes_load(&sv->env, sv->env.config,
					     sv->base_dir, NULL, &err)) ||
	    (events_path &&
	     !(log = event_log_open_append(events_path, &err)))) {
		g_warning("%s%s%s",
			sv->config_path ? sv->config_path : "",
			sv->config_path ? ": " : "", err->message);
		g_clear_error(&err);
		return -1;
	}
	if (!serve_routes_count(sv->routes))
		g_warning("no [routes]: every call "
				"gets 404");
	/* the API's event streams and /metrics read the log's records */
	if (!log && sv->http_cfg.bind)
		log = event_log_new_tap_only();
	event_log_set_buffered(log, TRUE);
	sv->h = host_new(&sv->env, log);
	host_set_end_with_last_call(sv->h, sv->cfg.end_with_last_call);
	host_set_on_exit(sv->h, session_exited, sv);
	return 0;
}

static int serve_start_sip(serve *sv, char **binds, gboolean trace)
{
	GError *err = NULL;

	if (trace)
		voice_module_set_sip_trace(sv->env.voice, TRUE);
	if (voice_module_start_sip(sv->env.voice, binds ? binds[0] : NULL,
				   &err) < 0) {
		g_warning("cannot start SIP: %s",
			err ? err->message : "unknown error");
		g_clear_error(&err);
		return -1;
	}
	sv->retry_after = voice_module_retry_after(sv->env.voice);
	/* A session's calls go with it: nobody else could ever end them. */
	if (!voice_module_force_release_on_exit(sv->env.voice))
		g_warning("[voice] release-on-exit = "
				"false ignored: a session's calls are released "
				"when it ends");
	voice_module_set_router(sv->env.voice, route_call, options_status, sv);
	voice_module_set_refused(sv->env.voice, voice_refused, sv);
	return 0;
}

static int serve_start_http(serve *sv)
{
	const http_api_serve hooks = {
		.route_doc = api_route_doc,
		.draining = api_draining,
		.full = api_full,
		.defines = sv->defines,
		.ud = sv,
	};
	GError *err = NULL;

	if (!sv->http_cfg.bind)
		return 0;
	sv->api = http_api_new(sv->h, &sv->http_cfg, &hooks, &err);
	if (!sv->api) {
		g_warning("cannot start the HTTP API on "
				"%s: %s",
			sv->http_cfg.bind, err->message);
		g_clear_error(&err);
		return -1;
	}
	return 0;
}

int cli_serve(int argc, char **argv)
{
	char *events_path = NULL;
	char **binds = NULL;
	gboolean sip_trace = FALSE;
	serve sv = {0};
	const GOptionEntry entries[] = {
		{"config", 'c', 0, G_OPTION_ARG_FILENAME, &sv.config_path,
		 "configuration file ([serve], [routes], ...)", "FILE"},
		{"events", 'e', 0, G_OPTION_ARG_FILENAME, &events_path,
		 "write the JSON event log of every session to FILE (- for "
		 "stdout)",
		 "FILE"},
		{"define", 'D', 0, G_OPTION_ARG_STRING_ARRAY, &sv.defines,
		 "set top-level data NAME to VALUE in every document that "
		 "declares it",
		 "NAME=VALUE"},
		{"bind", 'b', 0, G_OPTION_ARG_STRING_ARRAY, &binds,
		 "SIP address to listen on (overrides [sip] bind): "
		 "ADDR:PORT, [IPv6]:PORT or a sip:/sips: URI",
		 "ADDR:PORT|URI"},
		{"sip-trace", 0, 0, G_OPTION_ARG_NONE, &sip_trace,
		 "print every SIP message sent and received on stderr", NULL},
		{NULL},
	};
	int rc = CLI_EXIT_INVALID;

	serve_log_init();
	if (cli_parse_options("serve", "- route each inbound call to a new "
				       "session",
			      entries, &argc, &argv, 0) < 0)
		goto out;
	if (binds && binds[0] && binds[1]) {
		g_warning("one --bind only (more "
				"addresses: [sip] transports and tls-bind)");
		goto out;
	}
	if (argc > 1) {
		g_warning("no arguments (documents come "
				"from [routes])");
		goto out;
	}
	if (!sv.config_path && cli_default_config())
		sv.config_path = g_strdup(cli_default_config());
	if (serve_setup(&sv, events_path) < 0)
		goto out;
	rc = CLI_EXIT_OTHER;
	if (serve_start_sip(&sv, binds, sip_trace) < 0 ||
	    serve_start_http(&sv) < 0)
		goto out;
	sv.sources[0] = g_unix_signal_add(SIGINT, on_stop_signal, &sv);
	sv.sources[1] = g_unix_signal_add(SIGTERM, on_stop_signal, &sv);
	sv.sources[2] = g_unix_signal_add(SIGHUP, on_reload, &sv);
	sv.sources[3] = g_unix_signal_add(SIGUSR1, on_reopen, &sv);
	sv.flush_timer = g_timeout_add_seconds(1, flush_log, &sv);
	/* /metrics' histogram and the shedding (max-loop-lag) read it */
	sv.lag_timer = metrics_lag_start(host_metrics(sv.h), sv.env.ctx, 100);
	g_message("%u routes, SIP on %s%s%s",
		serve_routes_count(sv.routes),
		sv.env.voice ? voice_module_contact(sv.env.voice) : "",
		sv.api ? ", HTTP API on " : "",
		sv.api ? sv.http_cfg.bind : "");
	/* Listening, with every document of [routes] loaded. */
	serve_notify("READY=1");
	g_main_loop_run(sv.env.loop);
	if (sv.drain_timer)
		g_source_remove(sv.drain_timer);
	/* Sessions end (their calls released), then the agent goes. */
	host_stop_all(sv.h, "stopped");
	rc = CLI_EXIT_FINAL;
out:
	if (sv.flush_timer)
		g_source_remove(sv.flush_timer);
	if (sv.lag_timer)
		g_source_destroy(g_main_context_find_source_by_id(
			sv.env.ctx, sv.lag_timer));
	http_api_free(sv.api);
	/* before the sessions go: their calls' BYEs are answered */
	if (sv.env.engine)
		cli_shutdown_sip(&sv.env);
	host_free(sv.h);
	for (gsize i = 0; i < G_N_ELEMENTS(sv.sources); i++)
		if (sv.sources[i])
			g_source_remove(sv.sources[i]);
	serve_routes_free(sv.routes);
	http_api_config_clear(&sv.http_cfg);
	cli_env_clear(&sv.env);
	g_free(sv.config_path);
	g_free(sv.base_dir);
	g_free(events_path);
	g_strfreev(binds);
	g_strfreev(sv.defines);
	return rc;
}
