/*
 * <send> and <cancel>: the SCXML event I/O processor. Targets: none (this
 * session's external queue), #_internal, #_parent, #_scxml_<sessionid>,
 * #_<invokeid>. Delays run on GLib timeouts of the engine's context; a
 * delayed send waits in the session's table under its sendid until it
 * fires or is cancelled.
 *
 * Errors follow W3C 6.2: what cannot be evaluated, an unsupported type or
 * a malformed target is error.execution, and nothing is sent; a target
 * that cannot be reached when the event is due is error.communication.
 * So is a target whose queue is full, or a delayed send past the session's
 * timer bound: the send is right, the event cannot be dispatched (as for
 * a target that cannot be reached), and the session goes on.
 */
#include "config.h"

#include <string.h>

#include "scxml/scxml_http.h"
#include "scxml/scxml_session_priv.h"

typedef struct scxml_delayed {
	scxml_session *s;
	char *sendid;
	char *target; /* as evaluated; NULL: this session */
	scxml_event *ev;
	guint source;
	gboolean http;	  /* Basic HTTP: target is a URL */
	gboolean content; /* Basic HTTP: the data is <content> */
	int line;	  /* of the <send>, for its errors */
} scxml_delayed;

static void delayed_free(gpointer p)
{
	scxml_delayed *d = p;

	if (d->source)
		g_source_remove(d->source);
	scxml_event_free(d->ev);
	g_free(d->sendid);
	g_free(d->target);
	g_free(d);
}

void scxml_send_free_table(gpointer p)
{
	g_hash_table_destroy(p);
}

static gboolean is_http_type(const char *type)
{
	return type && (!strcmp(type, SCXML_HTTP_PROCESSOR_URI) ||
			!strcmp(type, "basichttp"));
}

static gboolean is_scxml_type(const char *type)
{
	return !type || !strcmp(type, SCXML_PROCESSOR_URI) ||
	       !strcmp(type, "scxml");
}

/* A target this processor can address (whether it exists is checked when
 * the event is due). */
static gboolean target_well_formed(const char *target)
{
	return !target || !strcmp(target, "#_internal") ||
	       !strcmp(target, "#_parent") ||
	       (g_str_has_prefix(target, "#_") && target[2]);
}

/* Deliver ev (taken) to target; NULL, or why it could not be. */
static const char *deliver(scxml_session *s, const char *target,
			   scxml_event *ev)
{
	scxml_session *to = NULL;
	guint flags = 0;

	if (target && !strcmp(target, "#_internal")) {
		if (!scxml_session_room(s, SCXML_BOUND_INTERNAL,
					s->internal.length)) {
			scxml_event_free(ev);
			return "the internal queue is full";
		}
		ev->type = SCXML_EVENT_INTERNAL;
		g_queue_push_tail(&s->internal, ev);
		return NULL;
	}
	if (!target) {
		to = s;
	} else if (!strcmp(target, "#_parent")) {
		flags = SCXML_Q_FROM_CHILD;
		to = s->parent;
		if (to) {
			g_free(ev->invokeid);
			ev->invokeid = g_strdup(s->invokeid);
		}
	} else if (g_str_has_prefix(target, "#_scxml_")) {
		to = scxml_engine_find_session(s->engine, target + 8);
	} else {
		scxml_child *c = scxml_invoke_child(s, target + 2);

		to = c && !c->done ? c->session : NULL;
	}
	if (!to || scxml_session_finished(to)) {
		scxml_event_free(ev);
		return "it cannot be reached";
	}
	/* The sender counts the overflow: it is the one flooding. */
	if (!scxml_session_room(s, SCXML_BOUND_EXTERNAL, to->external.length)) {
		scxml_event_free(ev);
		return "its queue is full";
	}
	scxml_session_enqueue_from(to, s, ev, flags);
	return NULL;
}

static gboolean delayed_fire(gpointer ud)
{
	scxml_delayed *d = ud;
	scxml_session *s = d->s;
	scxml_event *ev = d->ev;
	char *target = d->target, *sendid = d->sendid;
	gboolean http = d->http, content = d->content;
	int line = d->line;
	const char *why;

	d->source = 0;
	d->ev = NULL;
	d->target = NULL;
	d->sendid = NULL;
	g_hash_table_remove(s->sends, sendid);
	if (http) {
		scxml_http_send(scxml_engine_http(s->engine), s, target, ev,
				content, sendid);
		scxml_session_run_internal(s);
	} else if ((why = deliver(s, target, ev))) {
		scxml_session_error_at(s, "error.communication", sendid, "send",
				       line, "target '%s': %s",
				       target ? target : "(this session)", why);
		scxml_session_run_internal(s);
	}
	g_free(target);
	g_free(sendid);
	return G_SOURCE_REMOVE;
}

/* An attribute given literally or as an expression: its string. */
static int eval_str(scxml_session *s, const char *literal,
		    const scxml_expr *expr, char **out, GError **err)
{
	*out = NULL;
	if (literal) {
		*out = g_strdup(literal);
		return 0;
	}
	if (!expr)
		return 0;
	*out = s->dmc->eval_string(s->dm, expr, err);
	return *err ? -1 : 0;
}

int scxml_exec_send(scxml_session *s, const scxml_exec *x)
{
	const scxml_send *snd = &x->u.send;
	char *name = NULL, *target = NULL, *type = NULL, *delay = NULL;
	char *sendid = NULL;
	const char *what = "event";
	JsonNode *data = NULL;
	scxml_event *ev;
	guint64 ms = 0;
	GError *err = NULL;
	const char *why;
	int rc = -1;

	if (eval_str(s, snd->event, snd->eventexpr, &name, &err) < 0)
		goto eval_failed;
	what = "target";
	if (eval_str(s, snd->target, snd->targetexpr, &target, &err) < 0)
		goto eval_failed;
	what = "type";
	if (eval_str(s, snd->type, snd->typeexpr, &type, &err) < 0)
		goto eval_failed;
	what = "delay";
	if (eval_str(s, snd->delay, snd->delayexpr, &delay, &err) < 0)
		goto eval_failed;
	/* The id first: an error from here on names it (W3C 5.10.1). */
	if (snd->id) {
		sendid = g_strdup(snd->id);
	} else {
		sendid = g_strdup_printf("%s.send%u", s->id, ++s->send_seq);
		if (snd->idlocation) {
			JsonNode *v = json_node_new(JSON_NODE_VALUE);

			json_node_set_string(v, sendid);
			if (s->dmc->assign_value(s->dm, snd->idlocation, v,
						 &err) < 0) {
				what = "idlocation";
				goto eval_failed;
			}
		}
	}
	if (!is_scxml_type(type) && !is_http_type(type)) {
		scxml_session_error_at(s, "error.execution", sendid, "send",
				       x->line, "unsupported type '%s'", type);
		goto out;
	}
	if (is_http_type(type) && !target) {
		/* Nowhere to post to: the event cannot be dispatched. */
		scxml_session_error_at(s, "error.communication", sendid, "send",
				       x->line, "Basic HTTP needs a target");
		rc = 0;
		goto out;
	}
	if (!is_http_type(type) && !target_well_formed(target)) {
		scxml_session_error_at(s, "error.execution", sendid, "send",
				       x->line, "invalid target '%s'", target);
		goto out;
	}
	if (delay && !scxml_delay_parse(delay, &ms)) {
		scxml_session_error_at(s, "error.execution", sendid, "send",
				       x->line, "delay '%s' is not a time",
				       delay);
		goto out;
	}
	if (snd->content) {
		if (scxml_exec_content(s, snd->content, &data) < 0)
			goto out;
	} else if (scxml_exec_params(s, "send", snd->namelist, snd->n_namelist,
				     snd->params, snd->n_params, &data) < 0) {
		goto out;
	}
	ev = scxml_event_new(name ? name : "", SCXML_EVENT_EXTERNAL, data);
	if (snd->id || snd->idlocation)
		ev->sendid = g_strdup(sendid);
	ev->origin = g_strconcat("#_scxml_", s->id, NULL);
	ev->origintype = g_strdup(SCXML_PROCESSOR_URI);
	if (ms > 0 && (!target || strcmp(target, "#_internal"))) {
		scxml_delayed *d;
		GSource *src;

		/* A send reusing a pending id replaces it: no new timer. */
		if (!(s->sends && g_hash_table_contains(s->sends, sendid)) &&
		    !scxml_session_room(s, SCXML_BOUND_TIMERS,
					s->sends ? g_hash_table_size(s->sends)
						 : 0)) {
			scxml_event_free(ev);
			scxml_session_error_at(
				s, "error.communication", sendid, "send",
				x->line, "%u delayed sends are pending already",
				scxml_session_bound(s, SCXML_BOUND_TIMERS));
			rc = 0;
			goto out;
		}
		d = g_new0(scxml_delayed, 1);
		src = g_timeout_source_new((guint)ms);
		d->http = is_http_type(type);
		d->line = x->line;
		d->content = snd->content != NULL;
		d->s = s;
		d->sendid = g_strdup(sendid);
		d->target = g_strdup(target);
		d->ev = ev;
		g_source_set_callback(src, delayed_fire, d, NULL);
		d->source = g_source_attach(src,
					    scxml_engine_context(s->engine));
		g_source_unref(src);
		if (!s->sends)
			s->sends = g_hash_table_new_full(
				g_str_hash, g_str_equal, NULL, delayed_free);
		g_hash_table_replace(s->sends, d->sendid, d);
		rc = 0;
		goto out;
	}
	if (is_http_type(type))
		scxml_http_send(scxml_engine_http(s->engine), s, target, ev,
				snd->content != NULL, sendid);
	else if ((why = deliver(s, target, ev)))
		scxml_session_error_at(s, "error.communication", sendid, "send",
				       x->line, "target '%s': %s",
				       target ? target : "(this session)", why);
	rc = 0; /* a communication error does not stop the block */
	goto out;
eval_failed:
	scxml_session_error_at(s, "error.execution", sendid, "send", x->line,
			       "%s: %s", what,
			       err ? err->message : "cannot evaluate");
	g_clear_error(&err);
out:
	g_free(name);
	g_free(target);
	g_free(type);
	g_free(delay);
	g_free(sendid);
	return rc;
}

int scxml_exec_cancel(scxml_session *s, const scxml_exec *x)
{
	char *sendid = NULL;
	GError *err = NULL;

	if (eval_str(s, x->u.cancel.sendid, x->u.cancel.sendidexpr, &sendid,
		     &err) < 0) {
		scxml_session_error_at(s, "error.execution", NULL, "cancel",
				       x->line, "%s", err->message);
		g_clear_error(&err);
		return -1;
	}
	/* An id that is unknown, or already delivered, is no error. */
	if (sendid && s->sends)
		g_hash_table_remove(s->sends, sendid);
	g_free(sendid);
	return 0;
}

void scxml_send_cancel_all(scxml_session *s)
{
	if (s->sends)
		g_hash_table_remove_all(s->sends);
}
