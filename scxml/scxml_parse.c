/*
 * The parser: libxml2 tree → the immutable model of scxml_model.h. This
 * file reads the document's structure (<scxml>, states, transitions,
 * <datamodel>, <donedata>); executable content, <send>, <invoke> and
 * <content> are read by scxml_parse_exec.c; checks that need the whole
 * tree (targets, initial states, history) are in scxml_validate.c.
 *
 * Every problem is recorded with its line and the parse goes on, so one
 * run reports all of them; a document with any problem is refused.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>

#include "scxml/scxml_engine_priv.h"
#include "scxml/scxml_parse_priv.h"

/* ---- arena and small helpers ------------------------------------------- */

void *scxml_parse_alloc(scxml_parse *p, gsize size)
{
	void *mem = g_malloc0(size ? size : 1);

	g_hash_table_add(p->doc->strings, mem);
	return mem;
}

char *scxml_parse_strdup(scxml_parse *p, const char *s)
{
	char *copy;

	if (!s)
		return NULL;
	copy = g_strdup(s);
	g_hash_table_add(p->doc->strings, copy);
	return copy;
}

void *scxml_parse_ptrs(scxml_parse *p, GPtrArray *a, guint *n)
{
	void **out;

	*n = a->len;
	if (!a->len)
		return NULL;
	out = scxml_parse_alloc(p, sizeof(void *) * (a->len + 1));
	memcpy(out, a->pdata, sizeof(void *) * a->len);
	return out;
}

int scxml_parse_line(xmlNode *node)
{
	return node ? (int)xmlGetLineNo(node) : 0;
}

void scxml_parse_problem(scxml_parse *p, xmlNode *node, const char *fmt, ...)
{
	scxml_problem *pr = g_new0(scxml_problem, 1);
	va_list ap;

	pr->file = g_strdup(p->doc->file);
	pr->line = scxml_parse_line(node);
	va_start(ap, fmt);
	pr->reason = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_ptr_array_add(p->problems, pr);
}

const char *scxml_parse_excerpt(scxml_parse *p, const char *text)
{
	char *cut = scxml_excerpt(text);

	g_hash_table_add(p->doc->strings, cut);
	return cut;
}

char *scxml_parse_attr(scxml_parse *p, xmlNode *node, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(node, (const xmlChar *)name);
	char *out;

	if (!v)
		return NULL;
	out = scxml_parse_strdup(p, (const char *)v);
	xmlFree(v);
	return out;
}

scxml_expr *scxml_parse_expr(scxml_parse *p, xmlNode *node, const char *text)
{
	scxml_expr *e;

	if (!text)
		return NULL;
	e = scxml_parse_alloc(p, sizeof(*e));
	e->text = scxml_parse_strdup(p, text);
	if (strstr(text, "basichttp") || strstr(text, "BasicHTTP"))
		p->doc->uses_basichttp = TRUE;
	e->line = scxml_parse_line(node);
	e->id = p->doc->n_exprs++;
	g_ptr_array_add(p->exprs, e);
	return e;
}

scxml_expr *scxml_parse_expr_attr(scxml_parse *p, xmlNode *node,
				  const char *name)
{
	xmlChar *v = xmlGetNoNsProp(node, (const xmlChar *)name);
	scxml_expr *e;

	if (!v)
		return NULL;
	e = scxml_parse_expr(p, node, (const char *)v);
	xmlFree(v);
	return e;
}

scxml_expr *scxml_parse_location_attr(scxml_parse *p, xmlNode *node,
				      const char *name)
{
	scxml_expr *e = scxml_parse_expr_attr(p, node, name);

	if (e)
		e->kind = SCXML_EXPR_LOCATION;
	return e;
}

const char *scxml_parse_ns(xmlNode *node)
{
	return node->ns ? (const char *)node->ns->href : NULL;
}

gboolean scxml_parse_is(xmlNode *node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE &&
	       g_strcmp0(scxml_parse_ns(node), SCXML_NS) == 0 && node->name &&
	       !strcmp((const char *)node->name, name);
}

/* libxml2 (2.9) keeps building the tree when it cannot copy a namespace
 * name or an element name: the element is then left with a NULL href or
 * name, and read on it would be a different document (an SCXML element
 * taken for foreign content and skipped). Such a tree is refused whole. */
static xmlNode *incomplete_element(xmlNode *root)
{
	for (xmlNode *n = root; n;) {
		if (n->type == XML_ELEMENT_NODE &&
		    (!n->name || (n->ns && !n->ns->href)))
			return n;
		for (xmlAttr *a = n->type == XML_ELEMENT_NODE ? n->properties
							       : NULL;
		     a; a = a->next)
			if (!a->name || (a->ns && !a->ns->href))
				return n;
		if (n->children) {
			n = n->children;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		n = n == root ? NULL : n->next;
	}
	return NULL;
}

void scxml_parse_check_attrs(scxml_parse *p, xmlNode *node,
			     const char *const *allowed)
{
	for (xmlAttr *a = node->properties; a; a = a->next) {
		gboolean ok = FALSE;

		if (a->ns) /* foreign attributes are allowed */
			continue;
		for (const char *const *n = allowed; *n && !ok; n++)
			ok = !strcmp(*n, (const char *)a->name);
		if (!ok)
			scxml_parse_problem(p, node,
					    "<%s>: unknown attribute '%s'",
					    node->name, a->name);
	}
}

void scxml_parse_exclusive(scxml_parse *p, xmlNode *node, const char *a,
			   const char *b)
{
	if (xmlHasProp(node, (const xmlChar *)a) &&
	    xmlHasProp(node, (const xmlChar *)b))
		scxml_parse_problem(p, node,
				    "<%s>: '%s' and '%s' cannot both be given",
				    node->name, a, b);
}

void scxml_parse_require(scxml_parse *p, xmlNode *node, const char *name)
{
	if (!xmlHasProp(node, (const xmlChar *)name))
		scxml_parse_problem(p, node, "<%s>: attribute '%s' is required",
				    node->name, name);
}

/* ---- states --------------------------------------------------------------- */

static scxml_state *parse_state(scxml_parse *p, xmlNode *node,
				scxml_state *parent, scxml_state_kind kind);

static void note_namespace(scxml_parse *p, xmlNode *node)
{
	if (node->ns && node->ns->href &&
	    !g_hash_table_contains(p->namespaces, node->ns->href))
		g_hash_table_add(p->namespaces,
				 g_strdup((const char *)node->ns->href));
}

static scxml_transition *new_transition(scxml_parse *p, xmlNode *node,
					scxml_state *source)
{
	scxml_transition *t = scxml_parse_alloc(p, sizeof(*t));

	t->index = p->transitions->len;
	t->source = source;
	t->line = scxml_parse_line(node);
	g_ptr_array_add(p->transitions, t);
	return t;
}

static void pend_targets(scxml_parse *p, scxml_transition *t, const char *ids,
			 gboolean is_initial)
{
	scxml_pending_targets pt = {t, g_strdup(ids), is_initial};

	g_array_append_val(p->pending, pt);
}

/* event="a b.* c." → {"a", "b", "c"}; "*" stays. */
static char **parse_descriptors(scxml_parse *p, xmlNode *node, const char *ev)
{
	char **words = g_strsplit_set(ev, " \t\r\n", -1);
	GPtrArray *out = g_ptr_array_new();
	char **res;
	guint n;

	for (char **w = words; *w; w++) {
		gsize len = strlen(*w);

		if (!len)
			continue;
		if (len > 2 && g_str_has_suffix(*w, ".*"))
			(*w)[len - 2] = '\0';
		else if (len > 1 && (*w)[len - 1] == '.')
			(*w)[len - 1] = '\0';
		g_ptr_array_add(out, scxml_parse_strdup(p, *w));
	}
	g_strfreev(words);
	if (!out->len)
		scxml_parse_problem(p, node, "<transition>: empty event list");
	g_ptr_array_add(out, NULL);
	res = scxml_parse_ptrs(p, out, &n);
	g_ptr_array_unref(out);
	return res;
}

static void parse_transition(scxml_parse *p, xmlNode *node, scxml_state *s,
			     GPtrArray *list)
{
	static const char *const allowed[] = {"event", "cond", "target",
					      "type", NULL};
	scxml_transition *t = new_transition(p, node, s);
	char *ev = scxml_parse_attr(p, node, "event");
	char *target = scxml_parse_attr(p, node, "target");
	char *type = scxml_parse_attr(p, node, "type");

	scxml_parse_check_attrs(p, node, allowed);
	if (ev)
		t->events = parse_descriptors(p, node, ev);
	t->cond = scxml_parse_expr_attr(p, node, "cond");
	if (type && strcmp(type, "internal") && strcmp(type, "external"))
		scxml_parse_problem(p, node,
				    "<transition>: type must be internal or "
				    "external, not '%s'",
				    scxml_parse_excerpt(p, type));
	t->internal = type && !strcmp(type, "internal");
	if (target)
		pend_targets(p, t, target, FALSE);
	/* An eventless, targetless, unconditional transition may loop for
	 * ever: scxml_validate looks at the whole state to tell. */
	t->body = scxml_parse_block(p, node->children);
	g_ptr_array_add(list, t);
}

/* <initial><transition target/></initial> */
static void parse_initial_element(scxml_parse *p, xmlNode *node,
				  scxml_state *s)
{
	xmlNode *tn = NULL;
	int count = 0;

	for (xmlNode *c = node->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (scxml_parse_is(c, "transition")) {
			tn = c;
			count++;
		} else {
			scxml_parse_problem(p, c,
					    "<initial> holds one <transition>, "
					    "not <%s>",
					    c->name);
		}
	}
	if (count != 1 || !xmlHasProp(tn, (const xmlChar *)"target")) {
		scxml_parse_problem(p, node,
				    "<initial> needs exactly one <transition> "
				    "with a target");
		return;
	}
	if (xmlHasProp(tn, (const xmlChar *)"event") ||
	    xmlHasProp(tn, (const xmlChar *)"cond"))
		scxml_parse_problem(p, tn,
				    "the <transition> of <initial> cannot "
				    "have event or cond");
	s->initial = new_transition(p, tn, s);
	{
		char *target = scxml_parse_attr(p, tn, "target");

		pend_targets(p, s->initial, target, TRUE);
	}
	s->initial->body = scxml_parse_block(p, tn->children);
}

static void parse_datamodel(scxml_parse *p, xmlNode *node, GArray *data)
{
	static const char *const allowed[] = {"id", "src", "expr", NULL};

	for (xmlNode *c = node->children; c; c = c->next) {
		scxml_data d = {0};
		gboolean has_children;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!scxml_parse_is(c, "data")) {
			if (g_strcmp0(scxml_parse_ns(c), SCXML_NS) == 0)
				scxml_parse_problem(p, c,
						    "<datamodel> holds <data> "
						    "only, not <%s>",
						    c->name);
			continue;
		}
		scxml_parse_check_attrs(p, c, allowed);
		scxml_parse_require(p, c, "id");
		d.id = scxml_parse_attr(p, c, "id");
		d.line = scxml_parse_line(c);
		d.expr = scxml_parse_expr_attr(p, c, "expr");
		d.src = scxml_parse_attr(p, c, "src");
		has_children = FALSE;
		for (xmlNode *k = c->children; k && !has_children; k = k->next)
			has_children = k->type == XML_ELEMENT_NODE ||
				       ((k->type == XML_TEXT_NODE ||
					 k->type == XML_CDATA_SECTION_NODE) &&
					!xmlIsBlankNode(k));
		if ((d.expr != NULL) + (d.src != NULL) + has_children > 1)
			scxml_parse_problem(p, c,
					    "<data>: expr, src and content "
					    "exclude each other");
		if (has_children && !d.expr && !d.src)
			d.text = scxml_parse_inline(p, c);
		if (d.src) {
			/* Read now: a failure is raised at run time as
			 * error.execution (the spec's choice for data), with
			 * the reason found now. */
			GError *err = NULL;

			d.text = scxml_parse_read_src(p, d.src, &err);
			if (d.text)
				d.src = NULL;
			else if (err)
				d.src_error =
					scxml_parse_strdup(p, err->message);
			g_clear_error(&err);
		}
		if (d.text)
			scxml_parse_check_json_depth(p, c, "<data>", d.text);
		g_array_append_val(data, d);
	}
}

static void parse_donedata(scxml_parse *p, xmlNode *node, scxml_state *s)
{
	GPtrArray *params = g_ptr_array_new();

	s->has_donedata = TRUE;
	for (xmlNode *c = node->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (scxml_parse_is(c, "content")) {
			if (s->donedata_content)
				scxml_parse_problem(p, c,
						    "<donedata>: one <content> "
						    "at most");
			s->donedata_content = scxml_parse_content(p, c);
		} else if (!scxml_parse_is(c, "param")) {
			scxml_parse_problem(p, c,
					    "<donedata> holds <content> or "
					    "<param>, not <%s>",
					    c->name);
		}
	}
	scxml_parse_params(p, node, &s->donedata_params,
			   &s->n_donedata_params);
	if (s->donedata_content && s->n_donedata_params)
		scxml_parse_problem(p, node,
				    "<donedata>: <content> and <param> "
				    "exclude each other");
	g_ptr_array_unref(params);
}

static void register_id(scxml_parse *p, xmlNode *node, scxml_state *s)
{
	scxml_state *other = g_hash_table_lookup(p->doc->by_id, s->id);

	if (other) {
		scxml_parse_problem(p, node,
				    "duplicate state id '%s' (first at line "
				    "%d)",
				    scxml_parse_excerpt(p, s->id), other->line);
		return;
	}
	g_hash_table_insert(p->doc->by_id, s->id, s);
}

static const char *const state_attrs[] = {"id", "initial", NULL};
static const char *const parallel_attrs[] = {"id", NULL};
static const char *const final_attrs[] = {"id", NULL};
static const char *const history_attrs[] = {"id", "type", NULL};

static void parse_children(scxml_parse *p, xmlNode *node, scxml_state *s)
{
	GPtrArray *children = g_ptr_array_new();
	GPtrArray *transitions = g_ptr_array_new();
	GPtrArray *onentry = g_ptr_array_new();
	GPtrArray *onexit = g_ptr_array_new();
	GPtrArray *invokes = g_ptr_array_new();
	GArray *data = g_array_new(FALSE, TRUE, sizeof(scxml_data));
	gboolean seen_initial_el = FALSE, seen_datamodel = FALSE;

	for (xmlNode *c = node->children; c; c = c->next) {
		const char *name = (const char *)c->name;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		note_namespace(p, c);
		if (scxml_parse_ns(c) &&
		    scxml_engine_has_namespace(p->engine, scxml_parse_ns(c))) {
			/* A registered action written where it can never
			 * run is a mistake, not foreign content. */
			scxml_parse_problem(p, c,
					    "<%s> is executable content: it "
					    "belongs in <onentry>, <onexit> or "
					    "<transition>, not <%s>",
					    name, node->name);
			continue;
		}
		if (g_strcmp0(scxml_parse_ns(c), SCXML_NS) != 0)
			continue; /* foreign elements are ignored */
		if (s->kind == SCXML_KIND_HISTORY) {
			if (!strcmp(name, "transition")) {
				if (s->initial) {
					scxml_parse_problem(
						p, c,
						"<history> has one default "
						"<transition>");
					continue;
				}
				s->initial = new_transition(p, c, s);
				{
					char *target = scxml_parse_attr(
						p, c, "target");

					if (!target ||
					    xmlHasProp(c, (const xmlChar
								   *)"event") ||
					    xmlHasProp(c, (const xmlChar
								   *)"cond"))
						scxml_parse_problem(
							p, c,
							"the default transition "
							"of <history> needs a "
							"target and no event or "
							"cond");
					else
						pend_targets(p, s->initial,
							     target, FALSE);
				}
				s->initial->body =
					scxml_parse_block(p, c->children);
			} else {
				scxml_parse_problem(p, c,
						    "<history> holds one "
						    "<transition>, not <%s>",
						    name);
			}
			continue;
		}
		if (!strcmp(name, "state") || !strcmp(name, "parallel") ||
		    !strcmp(name, "final") || !strcmp(name, "history")) {
			scxml_state_kind kind =
				!strcmp(name, "state")	    ? SCXML_KIND_STATE
				: !strcmp(name, "parallel") ? SCXML_KIND_PARALLEL
				: !strcmp(name, "final")    ? SCXML_KIND_FINAL
							    : SCXML_KIND_HISTORY;

			if (s->kind == SCXML_KIND_FINAL) {
				scxml_parse_problem(p, c,
						    "<final> cannot hold <%s>",
						    name);
				continue;
			}
			if (kind == SCXML_KIND_HISTORY &&
			    s->kind == SCXML_KIND_SCXML) {
				scxml_parse_problem(p, c,
						    "<history> must be inside "
						    "<state> or <parallel>");
				continue;
			}
			g_ptr_array_add(children, parse_state(p, c, s, kind));
		} else if (!strcmp(name, "transition")) {
			if (s->kind == SCXML_KIND_FINAL ||
			    s->kind == SCXML_KIND_SCXML) {
				scxml_parse_problem(p, c,
						    "<transition> cannot be "
						    "inside <%s>",
						    node->name);
				continue;
			}
			parse_transition(p, c, s, transitions);
		} else if (s->kind == SCXML_KIND_SCXML &&
			   (!strcmp(name, "onentry") ||
			    !strcmp(name, "onexit"))) {
			scxml_parse_problem(p, c,
					    "<%s> cannot be inside <scxml> "
					    "(use <script> or a state)",
					    name);
		} else if (!strcmp(name, "onentry")) {
			g_ptr_array_add(onentry,
					scxml_parse_block(p, c->children));
		} else if (!strcmp(name, "onexit")) {
			g_ptr_array_add(onexit,
					scxml_parse_block(p, c->children));
		} else if (!strcmp(name, "datamodel") &&
			   s->kind != SCXML_KIND_FINAL) {
			if (seen_datamodel)
				scxml_parse_problem(p, c,
						    "one <datamodel> per "
						    "element");
			seen_datamodel = TRUE;
			parse_datamodel(p, c, data);
		} else if (!strcmp(name, "invoke") &&
			   s->kind != SCXML_KIND_FINAL &&
			   s->kind != SCXML_KIND_SCXML) {
			g_ptr_array_add(invokes, scxml_parse_invoke(p, c));
		} else if (!strcmp(name, "initial") &&
			   s->kind == SCXML_KIND_STATE) {
			if (seen_initial_el || xmlHasProp(node, (const xmlChar
								      *)"initial"))
				scxml_parse_problem(p, c,
						    "a state has one initial: "
						    "the initial attribute or "
						    "one <initial>");
			else
				parse_initial_element(p, c, s);
			seen_initial_el = TRUE;
		} else if (!strcmp(name, "donedata") &&
			   s->kind == SCXML_KIND_FINAL) {
			parse_donedata(p, c, s);
		} else if (!strcmp(name, "script") &&
			   s->kind == SCXML_KIND_SCXML) {
			scxml_exec *x = scxml_parse_exec_one(p, c);
			scxml_exec **tail = &p->doc->script;

			/* Several top-level scripts run in document order. */
			while (*tail)
				tail = &(*tail)->next;
			*tail = x;
		} else {
			scxml_parse_problem(p, c, "<%s> cannot be inside <%s>",
					    name, node->name);
		}
	}
	s->children = scxml_parse_ptrs(p, children, &s->n_children);
	s->transitions = scxml_parse_ptrs(p, transitions, &s->n_transitions);
	s->onentry = scxml_parse_ptrs(p, onentry, &s->n_onentry);
	s->onexit = scxml_parse_ptrs(p, onexit, &s->n_onexit);
	s->invokes = scxml_parse_ptrs(p, invokes, &s->n_invokes);
	if (data->len) {
		s->n_data = data->len;
		s->data = scxml_parse_alloc(p, sizeof(scxml_data) * data->len);
		memcpy(s->data, data->data, sizeof(scxml_data) * data->len);
	}
	g_ptr_array_unref(children);
	g_ptr_array_unref(transitions);
	g_ptr_array_unref(onentry);
	g_ptr_array_unref(onexit);
	g_ptr_array_unref(invokes);
	g_array_unref(data);
}

static scxml_state *parse_state(scxml_parse *p, xmlNode *node,
				scxml_state *parent, scxml_state_kind kind)
{
	scxml_state *s = scxml_parse_alloc(p, sizeof(*s));
	char *initial;

	s->index = p->states->len;
	s->kind = kind;
	s->line = scxml_parse_line(node);
	s->parent = parent;
	s->depth = parent ? parent->depth + 1 : 0;
	g_ptr_array_add(p->states, s);
	if (kind != SCXML_KIND_SCXML) {
		/* States without id get one once every written id is known
		 * (generate_ids). */
		s->id = scxml_parse_attr(p, node, "id");
		if (s->id)
			register_id(p, node, s);
		scxml_parse_check_attrs(
			p, node,
			kind == SCXML_KIND_HISTORY    ? history_attrs
			: kind == SCXML_KIND_FINAL    ? final_attrs
			: kind == SCXML_KIND_PARALLEL ? parallel_attrs
						      : state_attrs);
	}
	if (kind == SCXML_KIND_HISTORY) {
		char *type = scxml_parse_attr(p, node, "type");

		if (type && strcmp(type, "deep") && strcmp(type, "shallow"))
			scxml_parse_problem(p, node,
					    "<history>: type must be shallow "
					    "or deep, not '%s'",
					    scxml_parse_excerpt(p, type));
		s->deep = type && !strcmp(type, "deep");
	}
	initial = kind == SCXML_KIND_STATE || kind == SCXML_KIND_SCXML
			  ? scxml_parse_attr(p, node, "initial")
			  : NULL;
	if (initial) {
		s->initial = new_transition(p, node, s);
		pend_targets(p, s->initial, initial, TRUE);
	}
	parse_children(p, node, s);
	s->last = p->states->len - 1;
	for (guint i = 0; i < s->n_children && !s->first_child; i++)
		if (s->children[i]->kind != SCXML_KIND_HISTORY)
			s->first_child = s->children[i];
	if (kind == SCXML_KIND_HISTORY && !s->initial)
		scxml_parse_problem(p, node,
				    "<history> needs a default <transition>");
	if (initial && s->n_children == 0)
		scxml_parse_problem(p, node,
				    "initial= given to a state without "
				    "children");
	return s;
}

/* Ids for the states written without one ("_s<index>"), given after the
 * walk so that a generated id never takes one the author wrote. */
static void generate_ids(scxml_parse *p)
{
	for (guint i = 1; i < p->states->len; i++) {
		scxml_state *s = p->states->pdata[i];
		char *id;

		if (s->id)
			continue;
		id = g_strdup_printf("_s%u", s->index);
		for (guint n = 1; g_hash_table_contains(p->doc->by_id, id);
		     n++) {
			g_free(id);
			id = g_strdup_printf("_s%u_%u", s->index, n);
		}
		s->id = scxml_parse_strdup(p, id);
		s->id_generated = TRUE;
		g_hash_table_insert(p->doc->by_id, s->id, s);
		g_free(id);
	}
}

/* ---- the document ---------------------------------------------------------- */

static scxml_doc *doc_new(const char *file, const char *base_dir)
{
	scxml_doc *doc = g_new0(scxml_doc, 1);

	doc->refcount = 1;
	doc->file = g_strdup(file);
	doc->base_dir = g_strdup(base_dir);
	doc->strings = g_hash_table_new_full(g_direct_hash, g_direct_equal,
					     g_free, NULL);
	doc->by_id = g_hash_table_new(g_str_hash, g_str_equal);
	return doc;
}

scxml_doc *scxml_parse_tree(scxml_engine *engine, xmlNode *root,
			    const char *file, const char *base_dir,
			    GPtrArray *problems)
{
	static const char *const allowed[] = {"initial", "name", "version",
					      "datamodel", "binding", NULL};
	scxml_parse p = {0};
	guint before = problems->len, n;
	char *version, *binding;

	p.engine = engine;
	p.doc = doc_new(file, base_dir);
	p.doc->engine = engine;
	p.problems = problems;
	p.states = g_ptr_array_new();
	p.transitions = g_ptr_array_new();
	p.exprs = g_ptr_array_new();
	p.pending = g_array_new(FALSE, TRUE, sizeof(scxml_pending_targets));
	p.namespaces = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					     NULL);

	xmlNode *bad = incomplete_element(root);
	if (bad) {
		scxml_parse_problem(&p, bad,
				    "out of memory while reading the document "
				    "(an element or namespace name was lost)");
		goto out;
	}
	if (!scxml_parse_is(root, "scxml")) {
		scxml_parse_problem(&p, root,
				    "the root element must be <scxml> in "
				    "namespace " SCXML_NS);
		goto out;
	}
	note_namespace(&p, root);
	scxml_parse_check_attrs(&p, root, allowed);
	version = scxml_parse_attr(&p, root, "version");
	if (!version || strcmp(version, "1.0"))
		scxml_parse_problem(&p, root, "<scxml>: version must be 1.0");
	p.doc->name = scxml_parse_attr(&p, root, "name");
	p.doc->datamodel = scxml_parse_attr(&p, root, "datamodel");
	binding = scxml_parse_attr(&p, root, "binding");
	if (binding && strcmp(binding, "early") && strcmp(binding, "late"))
		scxml_parse_problem(&p, root,
				    "<scxml>: binding must be early or late");
	p.doc->late_binding = binding && !strcmp(binding, "late");
	p.doc->root = parse_state(&p, root, NULL, SCXML_KIND_SCXML);
	generate_ids(&p);
	p.doc->root->id = scxml_parse_strdup(&p, "_scxml");
	p.doc->root->id_generated = TRUE;
	if (p.doc->root->n_children == 0)
		scxml_parse_problem(&p, root, "<scxml> has no state");
	p.doc->states = scxml_parse_ptrs(&p, p.states, &n);
	p.doc->n_states = n;
	p.doc->transitions = scxml_parse_ptrs(&p, p.transitions, &n);
	p.doc->n_transitions = n;
	p.doc->exprs = scxml_parse_ptrs(&p, p.exprs, &n);
	scxml_validate(&p);
	{
		GHashTableIter it;
		gpointer k;
		GPtrArray *ns = g_ptr_array_new();

		g_hash_table_iter_init(&it, p.namespaces);
		while (g_hash_table_iter_next(&it, &k, NULL))
			g_ptr_array_add(ns, scxml_parse_strdup(&p, k));
		g_ptr_array_add(ns, NULL);
		p.doc->namespaces = scxml_parse_ptrs(&p, ns, &n);
		g_ptr_array_unref(ns);
	}
out:
	for (guint i = 0; i < p.pending->len; i++)
		g_free(g_array_index(p.pending, scxml_pending_targets, i).ids);
	g_array_unref(p.pending);
	g_ptr_array_unref(p.states);
	g_ptr_array_unref(p.transitions);
	g_ptr_array_unref(p.exprs);
	g_hash_table_destroy(p.namespaces);
	if (problems->len > before) {
		scxml_doc_free_model(p.doc);
		return NULL;
	}
	return p.doc;
}

static void add_xml_problem(GPtrArray *problems, const char *file,
			    const xmlError *e, gboolean own)
{
	scxml_problem *pr = g_new0(scxml_problem, 1);

	pr->file = g_strdup(file);
	pr->line = e ? e->line : 0;
	if (own) {
		pr->reason = g_strdup(e->message);
	} else {
		char *msg = g_strdup(e && e->message ? e->message
					      : "cannot read the document");

		pr->reason = g_strdup_printf("malformed XML: %s",
					     g_strstrip(msg));
		g_free(msg);
	}
	g_ptr_array_add(problems, pr);
}

/* libxml2 reports every error here; the first one is where the document
 * went wrong (later ones are consequences), so it is the one kept. */
typedef struct xml_errors {
	xmlError first;
	gboolean seen;
	gboolean own; /* first is our refusal, not libxml2's */
} xml_errors;

static void on_xml_error(void *ud, xmlError *e)
{
	xmlParserCtxt *ctxt = ud;
	xml_errors *errs = ctxt->_private;

	if (!errs || errs->seen || e->level < XML_ERR_ERROR)
		return;
	errs->seen = TRUE;
	errs->first.line = e->line;
	errs->first.message = e->message ? g_strdup(e->message) : NULL;
}

/* Our own refusal, where the parser is: the parse stops there. */
static void refuse(xmlParserCtxt *ctxt, char *why)
{
	xml_errors *errs = ctxt->_private;

	if (!errs->seen) {
		errs->seen = TRUE;
		errs->own = TRUE;
		errs->first.line = xmlSAX2GetLineNumber(ctxt);
		errs->first.message = why;
	} else {
		g_free(why);
	}
	xmlStopParser(ctxt);
}

/* SCXML needs no DTD, and entities are how a small document expands to
 * gigabytes (a 100 KB entity referenced 1,000 times was 100 MB in every
 * expression reading it) or comes out empty (<data>&e;</data> was
 * undefined): a declaration is refused before any reference is read. The
 * five predefined entities and character references are not declared, so
 * they stay. */
static void on_entity_decl(void *ctx, const xmlChar *name, int type,
			   const xmlChar *public_id, const xmlChar *system_id,
			   xmlChar *content)
{
	refuse(ctx, g_strdup_printf("entity '%s' declared: SCXML documents "
				    "take no entity declarations (&lt; &amp; "
				    "&gt; &quot; &apos; and &#…; references "
				    "need none)",
				    name));
}

/* A document that could not be read for want of memory. */
static void add_oom_problem(GPtrArray *problems, const char *file)
{
	scxml_problem *pr = g_new0(scxml_problem, 1);

	pr->file = g_strdup(file);
	pr->reason = g_strdup("out of memory: libxml2 could not allocate "
			      "a parser");
	g_ptr_array_add(problems, pr);
}

/* NULL when libxml2 cannot allocate a parser: the caller reports it. */
static xmlParserCtxt *new_ctxt(xml_errors *errs)
{
	xmlParserCtxt *ctxt = xmlNewParserCtxt();

	memset(errs, 0, sizeof(*errs));
	if (!ctxt)
		return NULL;
	ctxt->_private = errs;
	ctxt->sax->serror = on_xml_error;
	ctxt->sax->entityDecl = on_entity_decl;
	return ctxt;
}

static scxml_doc *parse_xml(scxml_engine *engine, xmlDoc *xml,
			    xmlParserCtxt *ctxt, const char *file,
			    const char *base_dir, GPtrArray *problems)
{
	xml_errors *errs = ctxt->_private;
	scxml_doc *doc;

	if (!xml || errs->seen) {
		add_xml_problem(problems, file,
				errs->seen ? &errs->first
					   : xmlCtxtGetLastError(ctxt),
				errs->own);
		g_free(errs->first.message);
		if (xml)
			xmlFreeDoc(xml);
		return NULL;
	}
	doc = scxml_parse_tree(engine, xmlDocGetRootElement(xml), file,
			       base_dir, problems);
	xmlFreeDoc(xml);
	return doc;
}

/* Nothing from the network, no entity expansion surprises, line numbers
 * kept past 65535. */
#define SCXML_XML_OPTIONS                                                     \
	(XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES)

scxml_doc *scxml_parse_file(scxml_engine *engine, const char *path,
			    GPtrArray *problems)
{
	xml_errors errs;
	xmlParserCtxt *ctxt = new_ctxt(&errs);
	char *base;
	xmlDoc *xml;
	scxml_doc *doc;

	if (!ctxt) {
		add_oom_problem(problems, path);
		return NULL;
	}
	base = g_path_get_dirname(path);
	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
		scxml_problem *pr = g_new0(scxml_problem, 1);

		pr->file = g_strdup(path);
		pr->reason = g_strdup("cannot read the file");
		g_ptr_array_add(problems, pr);
		xmlFreeParserCtxt(ctxt);
		g_free(base);
		return NULL;
	}
	xml = xmlCtxtReadFile(ctxt, path, NULL, SCXML_XML_OPTIONS);
	doc = parse_xml(engine, xml, ctxt, path, base, problems);
	xmlFreeParserCtxt(ctxt);
	g_free(base);
	return doc;
}

scxml_doc *scxml_parse_memory(scxml_engine *engine, const char *buf,
			      gsize len, const char *name, GPtrArray *problems)
{
	xml_errors errs;
	xmlParserCtxt *ctxt = new_ctxt(&errs);
	if (!ctxt) {
		add_oom_problem(problems, name ? name : "<memory>");
		return NULL;
	}
	char *base = name ? g_path_get_dirname(name) : g_get_current_dir();
	xmlDoc *xml = xmlCtxtReadMemory(ctxt, buf, (int)len, name, NULL,
					SCXML_XML_OPTIONS);
	scxml_doc *doc = parse_xml(engine, xml, ctxt,
				   name ? name : "<memory>", base, problems);

	xmlFreeParserCtxt(ctxt);
	g_free(base);
	return doc;
}

xmlDoc *scxml_xml_read_text(const char *text, gsize len, char **refusal)
{
	xml_errors errs;
	xmlParserCtxt *ctxt = new_ctxt(&errs);
	xmlDoc *xml = NULL;

	*refusal = NULL;
	if (!ctxt)
		return NULL;
	if (len <= G_MAXINT)
		xml = xmlCtxtReadMemory(ctxt, text, (int)len, NULL, NULL,
					XML_PARSE_NONET | XML_PARSE_NOERROR |
						XML_PARSE_NOWARNING);
	if (errs.own) {
		*refusal = errs.first.message;
		if (xml)
			xmlFreeDoc(xml);
		xml = NULL;
	} else {
		g_free(errs.first.message);
	}
	xmlFreeParserCtxt(ctxt);
	return xml;
}
