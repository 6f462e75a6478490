/*
 * The parser, part three: the checks that need the whole tree — every
 * target names a state, initial states are descendants of their state,
 * history defaults stay inside their parent, no transition loops for ever.
 * Targets are bound here, so the model the interpreter gets has pointers,
 * not ids.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "scxml/scxml_parse_priv.h"

static gboolean is_descendant(const scxml_state *s, const scxml_state *anc)
{
	for (const scxml_state *a = s->parent; a; a = a->parent)
		if (a == anc)
			return TRUE;
	return FALSE;
}

static void problem_at(scxml_parse *p, int line, const char *fmt, ...)
	G_GNUC_PRINTF(3, 4);

static void problem_at(scxml_parse *p, int line, const char *fmt, ...)
{
	va_list ap;

	scxml_problem *pr = g_new0(scxml_problem, 1);

	pr->file = g_strdup(p->doc->file);
	pr->line = line;
	va_start(ap, fmt);
	pr->reason = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_ptr_array_add(p->problems, pr);
}

static void bind_targets(scxml_parse *p, scxml_pending_targets *pt)
{
	scxml_transition *t = pt->t;
	char **ids = g_strsplit_set(pt->ids, " \t\r\n", -1);
	GPtrArray *targets = g_ptr_array_new();

	for (char **id = ids; *id; id++) {
		scxml_state *s;

		if (!**id)
			continue;
		s = g_hash_table_lookup(p->doc->by_id, *id);
		if (!s) {
			problem_at(p, t->line, "unknown target state '%s'",
				   scxml_parse_excerpt(p, *id));
			continue;
		}
		if (pt->is_initial && !is_descendant(s, t->source)) {
			problem_at(p, t->line,
				   "initial state '%s' is not a descendant "
				   "of its state",
				   scxml_parse_excerpt(p, *id));
			continue;
		}
		if (t->source->kind == SCXML_KIND_HISTORY &&
		    !is_descendant(s, t->source->parent)) {
			problem_at(p, t->line,
				   "the default of a history state must be "
				   "inside its parent, not '%s'",
				   scxml_parse_excerpt(p, *id));
			continue;
		}
		g_ptr_array_add(targets, s);
	}
	if (!targets->len && (pt->is_initial || !strlen(g_strstrip(pt->ids))))
		problem_at(p, t->line, "%s", "a target list is empty");
	t->targets = scxml_parse_ptrs(p, targets, &t->n_targets);
	g_ptr_array_unref(targets);
	g_strfreev(ids);
}

/* A parallel state's children all run: an initial or history default
 * naming two children of the same compound state is no configuration. */
static void check_targets_compatible(scxml_parse *p, scxml_transition *t)
{
	for (guint i = 0; i < t->n_targets; i++)
		for (guint j = i + 1; j < t->n_targets; j++) {
			scxml_state *a = t->targets[i], *b = t->targets[j];
			scxml_state *x, *y;

			if (a == b || is_descendant(a, b) ||
			    is_descendant(b, a)) {
				problem_at(p, t->line,
					   "targets '%s' overlap",
					   scxml_parse_excerpt(p, a->id));
				return;
			}
			/* Their lowest common ancestor must be parallel. */
			for (x = b->parent; x && !is_descendant(a, x);
			     x = x->parent)
				;
			y = x;
			if (y && y->kind != SCXML_KIND_PARALLEL) {
				problem_at(p, t->line,
					   "targets '%s' and others cannot be "
					   "active together",
					   scxml_parse_excerpt(p, a->id));
				return;
			}
		}
}

static gboolean has_eventless(const scxml_state *st)
{
	for (guint k = 0; k < st->n_transitions; k++)
		if (!st->transitions[k]->events)
			return TRUE;
	return FALSE;
}

/* An eventless transition with no cond and no target is enabled whenever
 * its state is active and changes nothing, so it is selected again and
 * again — unless another transition is selected instead of it or beside
 * it and leaves. Selection takes, for each active atomic state, the first
 * enabled eventless transition of the innermost state that has one. So
 * the loop is certain only when t is the first eventless transition of
 * its state (an earlier one, like cond="i === 100" target="done", may
 * fire once the body of t has counted up), no descendant has eventless
 * transitions (they are looked at first), and no ancestor is <parallel>
 * (another region's transition may be taken beside t and exit the state).
 * Anything else may or may not loop; the interpreter's microstep guard
 * stops it if it does. A transition with target= is told by pending. */
static void check_endless_transitions(scxml_parse *p, GHashTable *targeted)
{
	const scxml_doc *doc = p->doc;

	for (guint i = 0; i < doc->n_states; i++) {
		const scxml_state *st = doc->states[i];
		const scxml_transition *t = NULL;
		gboolean preempted = FALSE;

		if (st->kind != SCXML_KIND_STATE &&
		    st->kind != SCXML_KIND_PARALLEL)
			continue;
		for (guint k = 0; k < st->n_transitions && !t; k++)
			if (!st->transitions[k]->events)
				t = st->transitions[k];
		if (!t || t->cond || g_hash_table_contains(targeted, t))
			continue;
		/* Descendants are the states after st up to st->last. */
		for (guint d = st->index + 1; d <= st->last && !preempted; d++)
			preempted = has_eventless(doc->states[d]);
		for (const scxml_state *a = st->parent; a && !preempted;
		     a = a->parent)
			preempted = a->kind == SCXML_KIND_PARALLEL;
		if (!preempted)
			problem_at(p, t->line,
				   "<transition> without event, cond or "
				   "target is always enabled and never "
				   "leaves: an endless loop");
	}
}

void scxml_validate(scxml_parse *p)
{
	GHashTable *targeted = g_hash_table_new(NULL, NULL);

	for (guint i = 0; i < p->pending->len; i++) {
		scxml_pending_targets *pt =
			&g_array_index(p->pending, scxml_pending_targets, i);

		bind_targets(p, pt);
		g_hash_table_add(targeted, pt->t);
	}
	check_endless_transitions(p, targeted);
	g_hash_table_destroy(targeted);
	for (guint i = 0; i < p->doc->n_transitions; i++)
		if (p->doc->transitions[i]->n_targets > 1)
			check_targets_compatible(p, p->doc->transitions[i]);
	/* A <parallel> never has an initial: initial= is not among its
	 * attributes and <initial> not among its children (scxml_parse.c). */
}
