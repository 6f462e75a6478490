/*
 * A loaded document as a Graphviz graph (`sipscxml dot`), for reading a
 * call flow at a glance: compound states are clusters (dashed for
 * <parallel>), atomic states rounded boxes, finals double boxes, history
 * states circles (H, H*); each transition is an edge labelled with its
 * events and [condition]; a targetless one loops on its state, dotted. A
 * compound state's edges start or end at its cluster's border (Graphviz
 * ltail/lhead) through an invisible anchor node inside it.
 */
#include "config.h"

#include <string.h>

#include "scxml/scxml_model.h"

/* Graphviz node names: states by document order, so that no id needs
 * quoting rules of its own. */
static void node_name(GString *out, const scxml_state *s)
{
	g_string_append_printf(out, "s%u", s->index);
}

static gboolean is_compound(const scxml_state *s)
{
	return s->kind == SCXML_KIND_SCXML || s->kind == SCXML_KIND_PARALLEL ||
	       (s->kind == SCXML_KIND_STATE && s->first_child);
}

/* Compound states but <parallel> have a default entry, drawn as an arrow
 * from a small dot inside their cluster. */
static gboolean has_entry_dot(const scxml_state *s)
{
	return is_compound(s) && s->kind != SCXML_KIND_PARALLEL;
}

/* A double-quoted Graphviz string (quotes and backslashes escaped, line
 * breaks kept as \n). */
static void quoted(GString *out, const char *text)
{
	g_string_append_c(out, '"');
	for (const char *p = text; p && *p; p++) {
		if (*p == '"' || *p == '\\')
			g_string_append_c(out, '\\');
		if (*p == '\n') {
			g_string_append(out, "\\n");
			continue;
		}
		if (*p == '\r' || *p == '\t') {
			g_string_append_c(out, ' ');
			continue;
		}
		g_string_append_c(out, *p);
	}
	g_string_append_c(out, '"');
}

static void indent(GString *out, guint depth)
{
	for (guint i = 0; i < depth; i++)
		g_string_append(out, "  ");
}

/* root_name: the <scxml name>, the label of the outer cluster. */
static void write_state(GString *out, const scxml_state *s, guint depth,
			const char *root_name)
{
	indent(out, depth);
	if (is_compound(s)) {
		g_string_append_printf(out, "subgraph cluster_%u {\n",
				       s->index);
		indent(out, depth + 1);
		g_string_append(out, "label=");
		quoted(out, s->kind == SCXML_KIND_SCXML
				    ? (root_name ? root_name : "")
				    : s->id);
		g_string_append_printf(
			out, "; style=\"rounded%s\";\n",
			s->kind == SCXML_KIND_PARALLEL ? ",dashed" : "");
		/* the anchor: where the cluster's edges attach */
		indent(out, depth + 1);
		node_name(out, s);
		g_string_append(out, " [shape=point, style=invis];\n");
		if (has_entry_dot(s)) {
			indent(out, depth + 1);
			g_string_append_printf(
				out, "i%u [shape=point, width=0.1];\n",
				s->index);
		}
		for (guint i = 0; i < s->n_children; i++)
			write_state(out, s->children[i], depth + 1, NULL);
		indent(out, depth);
		g_string_append(out, "}\n");
		return;
	}
	node_name(out, s);
	g_string_append(out, " [label=");
	if (s->kind == SCXML_KIND_HISTORY) {
		quoted(out, s->deep ? "H*" : "H");
		g_string_append(out, ", shape=circle");
	} else {
		quoted(out, s->id);
		g_string_append(out, s->kind == SCXML_KIND_FINAL
					     ? ", shape=box, peripheries=2"
					     : ", shape=box, style=rounded");
	}
	g_string_append(out, "];\n");
}

static gboolean is_descendant(const scxml_state *d, const scxml_state *a)
{
	return d->index > a->index && d->index <= a->last;
}

/* "from -> to" with the cluster clipping that makes sense for the pair:
 * an end that contains the other end is not clipped (Graphviz would only
 * warn). */
static void write_edge(GString *out, const scxml_state *from,
		       const scxml_state *to, const char *label,
		       const char *style)
{
	g_string_append(out, "  ");
	node_name(out, from);
	g_string_append(out, " -> ");
	node_name(out, to);
	g_string_append(out, " [");
	if (label) {
		g_string_append(out, "label=");
		quoted(out, label);
		g_string_append(out, ", ");
	}
	g_string_append_printf(out, "style=%s", style);
	if (is_compound(from) && to != from && !is_descendant(to, from))
		g_string_append_printf(out, ", ltail=cluster_%u", from->index);
	if (is_compound(to) && to != from && !is_descendant(from, to))
		g_string_append_printf(out, ", lhead=cluster_%u", to->index);
	g_string_append(out, "];\n");
}

static void write_transition(GString *out, const scxml_transition *t)
{
	g_autoptr(GString) label = g_string_new(NULL);

	if (t->source->kind == SCXML_KIND_HISTORY) {
		/* a history state's default: where it goes with no history */
		for (guint i = 0; i < t->n_targets; i++)
			write_edge(out, t->source, t->targets[i], NULL,
				   "dashed");
		return;
	}
	for (char **e = t->events; e && *e; e++)
		g_string_append_printf(label, "%s%s", e == t->events ? "" : " ",
				       *e);
	if (t->cond)
		g_string_append_printf(label, "%s[%s]", label->len ? "\n" : "",
				       t->cond->text);
	if (!t->n_targets) /* targetless: a dotted loop */
		write_edge(out, t->source, t->source, label->str, "dotted");
	for (guint i = 0; i < t->n_targets; i++)
		write_edge(out, t->source, t->targets[i], label->str, "solid");
}

/* The arrow of a default entry (the initial= targets, else the first
 * child) from its dot. */
static void write_initial(GString *out, const scxml_state *s)
{
	if (!has_entry_dot(s))
		return;
	for (guint i = 0; i < (s->initial ? s->initial->n_targets : 1); i++) {
		const scxml_state *to =
			s->initial ? s->initial->targets[i] : s->first_child;

		g_string_append_printf(out, "  i%u -> ", s->index);
		node_name(out, to);
		if (is_compound(to))
			g_string_append_printf(out, " [lhead=cluster_%u]",
					       to->index);
		g_string_append(out, ";\n");
	}
}

char *scxml_doc_to_dot(const scxml_doc *doc)
{
	GString *out = g_string_new("digraph scxml {\n");

	g_string_append(out, "  compound=true; node [fontsize=11]; "
			     "edge [fontsize=9];\n");
	write_state(out, doc->root, 1, doc->name);
	for (guint i = 0; i < doc->n_states; i++)
		write_initial(out, doc->states[i]);
	for (guint i = 0; i < doc->n_transitions; i++) {
		const scxml_transition *t = doc->transitions[i];

		/* <initial> is drawn as the entry dot */
		if (t->source && (t->source->initial != t ||
				  t->source->kind == SCXML_KIND_HISTORY))
			write_transition(out, t);
	}
	g_string_append(out, "}\n");
	return g_string_free(out, FALSE);
}
