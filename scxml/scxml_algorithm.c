/*
 * The W3C SCXML 1.0 algorithm (Appendix D): selecting transitions,
 * resolving conflicts, exit and entry sets, history, done events. Function
 * names follow the Recommendation's procedures so the two read side by
 * side. Sets of states are bitsets in document order (entry order is bit
 * order, exit order its reverse); a state's descendants are the index range
 * (index, last], so "is descendant" is two comparisons.
 */
#include "config.h"

#include <string.h>

#include "scxml/scxml_session_priv.h"

#define BITS_ALLOCA(s) ((scxml_bits *)g_alloca(sizeof(scxml_bits) * (s)->words))

static inline gboolean is_descendant(const scxml_state *a,
				     const scxml_state *b)
{
	return a->index > b->index && a->index <= b->last;
}

static inline gboolean is_compound(const scxml_state *st)
{
	return st->kind == SCXML_KIND_STATE && st->first_child;
}

static inline gboolean is_atomic(const scxml_state *st)
{
	return (st->kind == SCXML_KIND_STATE || st->kind == SCXML_KIND_FINAL) &&
	       !st->first_child;
}

static void bits_zero(scxml_session *s, scxml_bits *b)
{
	memset(b, 0, sizeof(scxml_bits) * s->words);
}

/* Next set bit at or after i, or -1. */
static inline int bits_next(const scxml_session *s, const scxml_bits *b,
			    guint i)
{
	guint w = i >> 6;

	if (w >= s->words)
		return -1;
	scxml_bits word = b[w] & (~(scxml_bits)0 << (i & 63));

	while (!word) {
		if (++w >= s->words)
			return -1;
		word = b[w];
	}
	return (int)(w * 64 + (guint)__builtin_ctzll(word));
}

/* Previous set bit at or before i, or -1. */
static inline int bits_prev(const scxml_bits *b, int i)
{
	for (; i >= 0; i--) {
		scxml_bits word = b[i >> 6] & (~(scxml_bits)0 >> (63 - (i & 63)));

		if (word)
			return (i & ~63) + 63 - __builtin_clzll(word);
		i &= ~63;
	}
	return -1;
}

#define FOR_BITS(s, b, i)                                                     \
	for (int i = bits_next((s), (b), 0); i >= 0;                          \
	     i = bits_next((s), (b), (guint)i + 1))

/* Any state of set b inside st's subtree (descendants only). */
static gboolean any_descendant(scxml_session *s, const scxml_bits *b,
			       const scxml_state *st)
{
	int i = bits_next(s, b, st->index + 1);

	return i >= 0 && (guint)i <= st->last;
}

gboolean scxml_name_match(char *const *descriptors, const char *name)
{
	for (char *const *d = descriptors; *d; d++) {
		const char *a = *d, *n = name;

		if (a[0] == '*' && !a[1])
			return TRUE;
		while (*a && *a == *n) {
			a++;
			n++;
		}
		/* "foo" matches "foo" and "foo.bar", not "foobar". */
		if (!*a && (!*n || *n == '.'))
			return TRUE;
	}
	return FALSE;
}

static gboolean condition_match(scxml_session *s, const scxml_transition *t)
{
	GError *err = NULL;
	int rc;

	if (!t->cond)
		return TRUE;
	if (scxml_session_out_of_time(s))
		return FALSE;
	rc = s->dmc->eval_cond(s->dm, t->cond, &err);
	if (rc < 0) {
		scxml_session_error_at(s, "error.execution", NULL, "transition",
				       t->line, "cond: %s",
				       err ? err->message : "cannot evaluate");
		g_clear_error(&err);
		return FALSE;
	}
	return rc > 0;
}

/* ---- targets and domains ------------------------------------------------- */

static void get_effective_target_states(scxml_session *s,
					const scxml_transition *t,
					scxml_bits *out)
{
	for (guint i = 0; i < t->n_targets; i++) {
		const scxml_state *st = t->targets[i];

		if (st->kind != SCXML_KIND_HISTORY) {
			scxml_bit_set(out, st->index);
		} else if (s->history && s->history[st->index]) {
			for (guint w = 0; w < s->words; w++)
				out[w] |= s->history[st->index][w];
		} else if (st->initial) {
			get_effective_target_states(s, st->initial, out);
		}
	}
}

/* The lowest compound (or root) proper ancestor of first holding every
 * state of set b. */
static const scxml_state *find_lcca(scxml_session *s, const scxml_state *first,
				    const scxml_bits *b)
{
	for (const scxml_state *anc = first->parent; anc; anc = anc->parent) {
		gboolean all = TRUE;

		if (!is_compound(anc) && anc->kind != SCXML_KIND_SCXML)
			continue;
		FOR_BITS(s, b, i)
		{
			if (!is_descendant(s->doc->states[i], anc)) {
				all = FALSE;
				break;
			}
		}
		if (all)
			return anc;
	}
	return s->doc->root;
}

static const scxml_state *get_transition_domain(scxml_session *s,
						const scxml_transition *t)
{
	scxml_bits *tstates;
	gboolean inside = TRUE;

	if (!t->n_targets)
		return NULL;
	tstates = BITS_ALLOCA(s);
	bits_zero(s, tstates);
	get_effective_target_states(s, t, tstates);
	if (t->internal && is_compound(t->source)) {
		FOR_BITS(s, tstates, i)
		{
			if (!is_descendant(s->doc->states[i], t->source)) {
				inside = FALSE;
				break;
			}
		}
		if (inside)
			return t->source;
	}
	/* findLCCA([source] + tstates): source's ancestors holding them. */
	scxml_bit_set(tstates, t->source->index);
	return find_lcca(s, t->source, tstates);
}

static void compute_exit_set_one(scxml_session *s, const scxml_transition *t,
				 scxml_bits *out)
{
	const scxml_state *domain = get_transition_domain(s, t);

	if (!domain)
		return;
	/* The configuration's states inside the domain: one index range. */
	for (int i = bits_next(s, s->config, domain->index + 1);
	     i >= 0 && (guint)i <= domain->last;
	     i = bits_next(s, s->config, (guint)i + 1))
		scxml_bit_set(out, (guint)i);
}

static void compute_exit_set(scxml_session *s, GPtrArray *ts, scxml_bits *out)
{
	bits_zero(s, out);
	for (guint i = 0; i < ts->len; i++)
		compute_exit_set_one(s, ts->pdata[i], out);
}

/* ---- selection ------------------------------------------------------------ */

static gboolean bits_intersect(scxml_session *s, const scxml_bits *a,
			       const scxml_bits *b)
{
	for (guint w = 0; w < s->words; w++)
		if (a[w] & b[w])
			return TRUE;
	return FALSE;
}

static void remove_conflicting_transitions(scxml_session *s)
{
	GPtrArray *enabled = s->enabled;
	GPtrArray *filtered;
	scxml_bits *exits; /* one set per kept transition */
	scxml_bits *e1;

	if (enabled->len < 2)
		return;
	filtered = g_ptr_array_sized_new(enabled->len);
	exits = g_new0(scxml_bits, (gsize)s->words * (enabled->len + 1));
	e1 = exits + (gsize)s->words * enabled->len;
	for (guint i = 0; i < enabled->len; i++) {
		scxml_transition *t1 = enabled->pdata[i];
		gboolean preempted = FALSE;
		gboolean *remove = g_newa(gboolean, filtered->len + 1);

		bits_zero(s, e1);
		compute_exit_set_one(s, t1, e1);
		for (guint j = 0; j < filtered->len; j++) {
			scxml_transition *t2 = filtered->pdata[j];

			remove[j] = FALSE;
			if (!bits_intersect(s, e1, exits + (gsize)j * s->words))
				continue;
			if (is_descendant(t1->source, t2->source)) {
				remove[j] = TRUE;
			} else {
				preempted = TRUE;
				break;
			}
		}
		if (preempted)
			continue;
		/* Drop the preempted ones, keeping their exit sets aligned. */
		for (guint j = filtered->len; j-- > 0;) {
			if (!remove[j])
				continue;
			g_ptr_array_remove_index(filtered, j);
			memmove(exits + (gsize)j * s->words,
				exits + (gsize)(j + 1) * s->words,
				sizeof(scxml_bits) * s->words *
					(filtered->len - j));
		}
		memcpy(exits + (gsize)filtered->len * s->words, e1,
		       sizeof(scxml_bits) * s->words);
		g_ptr_array_add(filtered, t1);
	}
	g_ptr_array_set_size(enabled, 0);
	for (guint i = 0; i < filtered->len; i++)
		g_ptr_array_add(enabled, filtered->pdata[i]);
	g_ptr_array_unref(filtered);
	g_free(exits);
}

/* selectTransitions / selectEventlessTransitions (name NULL). */
static void select_transitions(scxml_session *s, const char *name)
{
	const scxml_doc *doc = s->doc;

	g_ptr_array_set_size(s->enabled, 0);
	FOR_BITS(s, s->config, i)
	{
		const scxml_state *atomic = doc->states[i];

		if (!is_atomic(atomic))
			continue;
		for (const scxml_state *st = atomic; st; st = st->parent) {
			const scxml_transition *found = NULL;

			for (guint k = 0; k < st->n_transitions && !found;
			     k++) {
				const scxml_transition *t = st->transitions[k];

				if (name ? !t->events ||
						   !scxml_name_match(t->events,
								     name)
					 : t->events != NULL)
					continue;
				if (condition_match(s, t))
					found = t;
			}
			if (found) {
				gboolean dup = FALSE;

				for (guint k = 0; k < s->enabled->len && !dup;
				     k++)
					dup = s->enabled->pdata[k] == found;
				if (!dup)
					g_ptr_array_add(s->enabled,
							(gpointer)found);
				break;
			}
		}
	}
	remove_conflicting_transitions(s);
}

/* ---- exit ------------------------------------------------------------------ */

static void record_history(scxml_session *s, const scxml_state *st)
{
	for (guint c = 0; c < st->n_children; c++) {
		const scxml_state *h = st->children[c];
		scxml_bits *hv;

		if (h->kind != SCXML_KIND_HISTORY)
			continue;
		if (!s->history)
			s->history = g_new0(scxml_bits *, s->doc->n_states);
		if (!s->history[h->index])
			s->history[h->index] = g_new0(scxml_bits, s->words);
		hv = s->history[h->index];
		bits_zero(s, hv);
		if (h->deep) {
			for (int i = bits_next(s, s->config, st->index + 1);
			     i >= 0 && (guint)i <= st->last;
			     i = bits_next(s, s->config, (guint)i + 1))
				if (is_atomic(s->doc->states[i]))
					scxml_bit_set(hv, (guint)i);
		} else {
			for (guint k = 0; k < st->n_children; k++)
				if (scxml_bit_test(s->config,
						   st->children[k]->index))
					scxml_bit_set(hv,
						      st->children[k]->index);
		}
	}
}

static void exit_one(scxml_session *s, const scxml_state *st)
{
	for (guint k = 0; k < st->n_onexit; k++)
		scxml_exec_block(s, st->onexit[k]);
	if (st->n_invokes)
		scxml_invoke_cancel_state(s, st);
	scxml_bit_clear(s->config, st->index);
}

static void exit_states(scxml_session *s)
{
	scxml_bits *exit = scxml_scratch(s, SCXML_B_EXIT);

	compute_exit_set(s, s->enabled, exit);
	FOR_BITS(s, exit, i)
	{
		scxml_bit_clear(s->to_invoke, (guint)i);
		record_history(s, s->doc->states[i]);
	}
	for (int i = bits_prev(exit, (int)(s->words * 64) - 1); i >= 0;
	     i = bits_prev(exit, i - 1))
		exit_one(s, s->doc->states[i]);
}

/* ---- entry ----------------------------------------------------------------- */

static void add_descendant_states_to_enter(scxml_session *s,
					   const scxml_state *st);

static void add_ancestor_states_to_enter(scxml_session *s,
					 const scxml_state *st,
					 const scxml_state *ancestor)
{
	scxml_bits *enter = scxml_scratch(s, SCXML_B_ENTER);

	for (const scxml_state *anc = st->parent;
	     anc && anc != ancestor && anc->kind != SCXML_KIND_SCXML;
	     anc = anc->parent) {
		scxml_bit_set(enter, anc->index);
		if (anc->kind != SCXML_KIND_PARALLEL)
			continue;
		for (guint c = 0; c < anc->n_children; c++) {
			const scxml_state *child = anc->children[c];

			if (child->kind == SCXML_KIND_HISTORY)
				continue;
			if (!scxml_bit_test(enter, child->index) &&
			    !any_descendant(s, enter, child))
				add_descendant_states_to_enter(s, child);
		}
	}
}

static void add_targets_of(scxml_session *s, const scxml_transition *t,
			   const scxml_state *ancestor)
{
	for (guint k = 0; k < t->n_targets; k++)
		add_descendant_states_to_enter(s, t->targets[k]);
	for (guint k = 0; k < t->n_targets; k++)
		add_ancestor_states_to_enter(s, t->targets[k], ancestor);
}

static void add_descendant_states_to_enter(scxml_session *s,
					   const scxml_state *st)
{
	scxml_bits *enter = scxml_scratch(s, SCXML_B_ENTER);

	if (st->kind == SCXML_KIND_HISTORY) {
		scxml_bits *hv = s->history ? s->history[st->index] : NULL;

		if (hv) {
			FOR_BITS(s, hv, i)
			add_descendant_states_to_enter(s, s->doc->states[i]);
			FOR_BITS(s, hv, i)
			add_ancestor_states_to_enter(s, s->doc->states[i],
						     st->parent);
		} else if (st->initial) {
			/* The default transition's content runs after the
			 * parent's onentry. */
			g_ptr_array_add(s->dflt_history,
					(gpointer)st->parent);
			g_ptr_array_add(s->dflt_history,
					(gpointer)st->initial);
			add_targets_of(s, st->initial, st->parent);
		}
		return;
	}
	scxml_bit_set(enter, st->index);
	if (is_compound(st)) {
		scxml_bit_set(scxml_scratch(s, SCXML_B_DEFAULT_ENTRY),
			      st->index);
		if (st->initial) {
			add_targets_of(s, st->initial, st);
		} else {
			add_descendant_states_to_enter(s, st->first_child);
			add_ancestor_states_to_enter(s, st->first_child, st);
		}
	} else if (st->kind == SCXML_KIND_PARALLEL) {
		for (guint c = 0; c < st->n_children; c++) {
			const scxml_state *child = st->children[c];

			if (child->kind == SCXML_KIND_HISTORY)
				continue;
			if (!scxml_bit_test(enter, child->index) &&
			    !any_descendant(s, enter, child))
				add_descendant_states_to_enter(s, child);
		}
	}
}

static void compute_entry_set(scxml_session *s, GPtrArray *ts)
{
	scxml_bits *tstates = BITS_ALLOCA(s);

	for (guint i = 0; i < ts->len; i++) {
		const scxml_transition *t = ts->pdata[i];
		const scxml_state *ancestor;

		if (!t->n_targets)
			continue;
		for (guint k = 0; k < t->n_targets; k++)
			add_descendant_states_to_enter(s, t->targets[k]);
		ancestor = get_transition_domain(s, t);
		bits_zero(s, tstates);
		get_effective_target_states(s, t, tstates);
		FOR_BITS(s, tstates, k)
		add_ancestor_states_to_enter(s, s->doc->states[k], ancestor);
	}
}

static gboolean is_in_final_state(scxml_session *s, const scxml_state *st)
{
	if (is_compound(st)) {
		for (guint c = 0; c < st->n_children; c++)
			if (st->children[c]->kind == SCXML_KIND_FINAL &&
			    scxml_bit_test(s->config, st->children[c]->index))
				return TRUE;
		return FALSE;
	}
	if (st->kind == SCXML_KIND_PARALLEL) {
		for (guint c = 0; c < st->n_children; c++)
			if (st->children[c]->kind != SCXML_KIND_HISTORY &&
			    !is_in_final_state(s, st->children[c]))
				return FALSE;
		return TRUE;
	}
	return FALSE;
}

static JsonNode *eval_donedata(scxml_session *s, const scxml_state *st)
{
	JsonNode *data = NULL;

	if (!st->has_donedata)
		return NULL;
	if (st->donedata_content) {
		if (scxml_exec_content(s, st->donedata_content, &data) < 0)
			return NULL;
	} else if (scxml_exec_params(s, "donedata", NULL, 0,
				     st->donedata_params, st->n_donedata_params,
				     &data) < 0) {
		return NULL;
	}
	return data;
}

static void enter_final(scxml_session *s, const scxml_state *st)
{
	const scxml_state *parent = st->parent, *grand;
	char *name;

	if (parent->kind == SCXML_KIND_SCXML) {
		scxml_session_move(s, SCXML_LIFE_STOPPING, SCXML_END_FINAL);
		s->final_id = st->id;
		if (s->donedata)
			json_node_unref(s->donedata);
		s->donedata = eval_donedata(s, st);
		return;
	}
	name = g_strconcat("done.state.", parent->id, NULL);
	scxml_session_raise(s, name, SCXML_EVENT_INTERNAL,
			    eval_donedata(s, st));
	g_free(name);
	grand = parent->parent;
	if (grand && grand->kind == SCXML_KIND_PARALLEL &&
	    is_in_final_state(s, grand)) {
		name = g_strconcat("done.state.", grand->id, NULL);
		scxml_session_raise(s, name, SCXML_EVENT_INTERNAL, NULL);
		g_free(name);
	}
}

static void enter_states(scxml_session *s, GPtrArray *ts)
{
	scxml_bits *enter = scxml_scratch(s, SCXML_B_ENTER);
	scxml_bits *dflt = scxml_scratch(s, SCXML_B_DEFAULT_ENTRY);

	bits_zero(s, enter);
	bits_zero(s, dflt);
	g_ptr_array_set_size(s->dflt_history, 0);
	compute_entry_set(s, ts);
	FOR_BITS(s, enter, i)
	{
		const scxml_state *st = s->doc->states[i];

		scxml_bit_set(s->config, st->index);
		scxml_bit_set(s->to_invoke, st->index);
		if (s->doc->late_binding)
			scxml_session_bind_data(s, st);
		for (guint k = 0; k < st->n_onentry; k++)
			scxml_exec_block(s, st->onentry[k]);
		if (scxml_bit_test(dflt, st->index) && st->initial)
			scxml_exec_block(s, st->initial->body);
		for (guint k = 0; k + 1 < s->dflt_history->len; k += 2)
			if (s->dflt_history->pdata[k] == st) {
				const scxml_transition *t =
					s->dflt_history->pdata[k + 1];

				scxml_exec_block(s, t->body);
			}
		if (st->kind == SCXML_KIND_FINAL)
			enter_final(s, st);
	}
}

/* ---- steps ----------------------------------------------------------------- */

static void microstep(scxml_session *s)
{
	exit_states(s);
	for (guint i = 0; i < s->enabled->len; i++) {
		const scxml_transition *t = s->enabled->pdata[i];

		if (t->body)
			scxml_exec_block(s, t->body);
	}
	enter_states(s, s->enabled);
}

void scxml_enter_initial(scxml_session *s)
{
	const scxml_state *root = s->doc->root;
	scxml_transition start = {0};
	const scxml_state *first = root->first_child;
	scxml_state *targets[1];

	if (!s->enabled) {
		s->enabled = g_ptr_array_new();
		s->dflt_history = g_ptr_array_new();
	}
	g_ptr_array_set_size(s->enabled, 0);
	if (root->initial) {
		g_ptr_array_add(s->enabled, root->initial);
	} else {
		/* No initial=: the first child state, by a transition made
		 * up for the occasion. */
		targets[0] = (scxml_state *)first;
		start.source = (scxml_state *)root;
		start.targets = targets;
		start.n_targets = 1;
		g_ptr_array_add(s->enabled, &start);
	}
	enter_states(s, s->enabled);
	g_ptr_array_set_size(s->enabled, 0);
}

static void report_event(scxml_session *s, const scxml_event *ev)
{
	s->dmc->set_event(s->dm, ev);
	if (s->hooks.on_event)
		s->hooks.on_event(s, ev, s->ud);
}

/* Microsteps one macrostep may take. A document whose eventless
 * transitions or raised events never settle would otherwise hold the
 * engine (and every other session) for ever: past this it is stopped. */
#define SCXML_MAX_MICROSTEPS 100000

void scxml_macrostep(scxml_session *s)
{
	guint steps = 0;

	for (;;) {
		while (scxml_session_running(s)) {
			scxml_event *ev = NULL;

			if (++steps > SCXML_MAX_MICROSTEPS) {
				scxml_session_fail(
					s, "macrostep-loop",
					"%d microsteps without reaching a "
					"stable configuration: the document "
					"loops",
					SCXML_MAX_MICROSTEPS);
				break;
			}
			if (scxml_session_out_of_time(s))
				break;

			select_transitions(s, NULL);
			if (!s->enabled->len) {
				ev = g_queue_pop_head(&s->internal);
				if (!ev)
					break;
				report_event(s, ev);
				select_transitions(s, ev->name);
			}
			if (s->enabled->len)
				microstep(s);
			scxml_event_free(ev);
		}
		if (!scxml_session_running(s))
			return;
		/* Invoke for the states entered in this macrostep and not
		 * exited again, in entry order. */
		FOR_BITS(s, s->to_invoke, i)
		{
			const scxml_state *st = s->doc->states[i];

			scxml_bit_clear(s->to_invoke, (guint)i);
			if (st->n_invokes && scxml_bit_test(s->config, st->index))
				scxml_invoke_start(s, st);
		}
		if (g_queue_is_empty(&s->internal))
			return;
	}
}

void scxml_process_external(scxml_session *s, const scxml_qevent *q)
{
	const scxml_event *ev = q->ev;

	/* Events of a child that was cancelled are dropped (W3C 6.4.4). */
	if (q->from_child && scxml_invoke_cancelled(s, ev->invokeid))
		return;
	report_event(s, ev);
	scxml_invoke_external(s, ev);
	if (!scxml_session_running(s))
		return;
	select_transitions(s, ev->name);
	if (s->enabled->len)
		microstep(s);
	scxml_macrostep(s);
}

void scxml_exit_interpreter(scxml_session *s)
{
	for (int i = bits_prev(s->config, (int)(s->words * 64) - 1); i >= 0;
	     i = bits_prev(s->config, i - 1))
		exit_one(s, s->doc->states[i]);
}
