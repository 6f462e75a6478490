/*
 * The parser, part two: executable content (<raise>, <if>, <foreach>,
 * <log>, <assign>, <script>, <send>, <cancel>, extension elements), and the
 * pieces <send>, <invoke> and <donedata> share (<param>, <content>).
 */
#include "config.h"

#include <string.h>

#include <sipscxml/scxml_ext.h>

#include "scxml/scxml_engine_priv.h"
#include "scxml/scxml_parse_priv.h"

static gboolean is_scxml_ns(xmlNode *node)
{
	return g_strcmp0(scxml_parse_ns(node), SCXML_NS) == 0;
}

static scxml_exec *new_exec(scxml_parse *p, xmlNode *node,
			    scxml_exec_kind kind)
{
	scxml_exec *x = scxml_parse_alloc(p, sizeof(*x));

	x->kind = kind;
	x->line = scxml_parse_line(node);
	return x;
}

char *scxml_parse_read_src(scxml_parse *p, const char *src, GError **err)
{
	char *text = scxml_src_read(p->engine, p->doc->base_dir, src, err);

	if (text)
		g_hash_table_add(p->doc->strings, text);
	return text;
}

void scxml_parse_check_json_depth(scxml_parse *p, xmlNode *node,
				  const char *what, const char *text)
{
	const char *p0 = text;

	/* It would be refused at run time, after json-glib or Duktape had
	 * to follow it: better said now, where it is written. Only text that
	 * opens as JSON nests: markup or prose with brackets is no JSON. */
	while (p0 && g_ascii_isspace(*p0))
		p0++;
	if (p0 && (*p0 == '[' || *p0 == '{') && scxml_json_too_deep(p0, -1))
		scxml_parse_problem(p, node,
				    "%s: JSON nested deeper than %d levels",
				    what, SCXML_JSON_MAX_DEPTH);
}

/* Element children serialized as XML; otherwise the text content. */
char *scxml_parse_inline(scxml_parse *p, xmlNode *node)
{
	gboolean elements = FALSE;
	char *out;

	for (xmlNode *c = node->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			elements = TRUE;
	if (elements) {
		xmlBuffer *buf = xmlBufferCreate();
		gboolean whole = buf != NULL;

		/* Each element in a document of its own, so the namespaces
		 * it inherits are declared in the text. */
		for (xmlNode *c = node->children; c && whole; c = c->next) {
			xmlDoc *d;
			xmlNode *copy;

			if (c->type == XML_COMMENT_NODE)
				continue;
			if (c->type != XML_ELEMENT_NODE) {
				whole = xmlNodeDump(buf, node->doc, c, 0, 0) >= 0;
				continue;
			}
			d = xmlNewDoc((const xmlChar *)"1.0");
			copy = d ? xmlDocCopyNode(c, d, 1) : NULL;
			whole = copy != NULL;
			if (copy) {
				xmlDocSetRootElement(d, copy);
				xmlReconciliateNs(d, copy);
				whole = xmlNodeDump(buf, d, copy, 0, 0) >= 0;
			}
			if (d)
				xmlFreeDoc(d);
		}
		/* Content cut short would be another message than the
		 * document's: refused instead. */
		if (!whole || !xmlBufferContent(buf)) {
			scxml_parse_problem(p, node,
					    "out of memory while copying the "
					    "content of <%s>",
					    node->name);
			out = scxml_parse_strdup(p, "");
		} else {
			out = scxml_parse_strdup(
				p, (const char *)xmlBufferContent(buf));
		}
		if (buf)
			xmlBufferFree(buf);
	} else {
		xmlChar *t = xmlNodeGetContent(node);

		out = scxml_parse_strdup(p, t ? (const char *)t : "");
		xmlFree(t);
	}
	return out;
}

static gboolean has_element_children(xmlNode *node)
{
	for (xmlNode *c = node->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return TRUE;
	return FALSE;
}

static gboolean has_text(xmlNode *node)
{
	for (xmlNode *c = node->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
		     c->type == XML_CDATA_SECTION_NODE) &&
		    !xmlIsBlankNode(c))
			return TRUE;
	return FALSE;
}

scxml_content *scxml_parse_content(scxml_parse *p, xmlNode *node)
{
	static const char *const allowed[] = {"expr", NULL};
	scxml_content *c = scxml_parse_alloc(p, sizeof(*c));
	xmlNode *nested = NULL;

	scxml_parse_check_attrs(p, node, allowed);
	c->line = scxml_parse_line(node);
	c->expr = scxml_parse_expr_attr(p, node, "expr");
	if (c->expr && (has_element_children(node) || has_text(node)))
		scxml_parse_problem(p, node,
				    "<content>: expr and inline content "
				    "exclude each other");
	if (c->expr)
		return c;
	for (xmlNode *k = node->children; k; k = k->next)
		if (scxml_parse_is(k, "scxml"))
			nested = k;
	if (nested && p->in_invoke_content) {
		scxml_doc *doc = scxml_parse_tree(p->engine, nested,
						  p->doc->file,
						  p->doc->base_dir, p->problems);

		if (doc && !scxml_doc_prepare(doc, p->problems)) {
			scxml_doc_free_model(doc);
			doc = NULL;
		}
		if (doc) {
			if (!p->doc->nested)
				p->doc->nested = g_ptr_array_new();
			g_ptr_array_add(p->doc->nested, doc);
			c->doc = doc;
		}
	}
	c->text = scxml_parse_inline(p, node);
	if (!c->doc)
		scxml_parse_check_json_depth(p, node, "<content>", c->text);
	return c;
}

void scxml_parse_params(scxml_parse *p, xmlNode *parent, scxml_param **out,
			guint *n)
{
	static const char *const allowed[] = {"name", "expr", "location",
					      NULL};
	GArray *a = g_array_new(FALSE, TRUE, sizeof(scxml_param));

	for (xmlNode *c = parent->children; c; c = c->next) {
		scxml_param prm = {0};

		if (!scxml_parse_is(c, "param"))
			continue;
		scxml_parse_check_attrs(p, c, allowed);
		scxml_parse_require(p, c, "name");
		scxml_parse_exclusive(p, c, "expr", "location");
		prm.name = scxml_parse_attr(p, c, "name");
		prm.expr = scxml_parse_expr_attr(p, c, "expr");
		if (!prm.expr) {
			prm.expr = scxml_parse_location_attr(p, c, "location");
			prm.is_location = prm.expr != NULL;
		}
		if (!prm.expr)
			scxml_parse_problem(p, c,
					    "<param>: expr or location is "
					    "required");
		g_array_append_val(a, prm);
	}
	*n = a->len;
	*out = NULL;
	if (a->len) {
		*out = scxml_parse_alloc(p, sizeof(scxml_param) * a->len);
		memcpy(*out, a->data, sizeof(scxml_param) * a->len);
	}
	g_array_unref(a);
}

static scxml_expr **parse_namelist(scxml_parse *p, xmlNode *node, guint *n)
{
	char *list = scxml_parse_attr(p, node, "namelist");
	char **words;
	GPtrArray *a;
	scxml_expr **out;

	*n = 0;
	if (!list)
		return NULL;
	words = g_strsplit_set(list, " \t\r\n", -1);
	a = g_ptr_array_new();
	for (char **w = words; *w; w++) {
		scxml_expr *e;

		if (!**w)
			continue;
		e = scxml_parse_expr(p, node, *w);
		e->kind = SCXML_EXPR_LOCATION;
		g_ptr_array_add(a, e);
	}
	g_strfreev(words);
	out = scxml_parse_ptrs(p, a, n);
	g_ptr_array_unref(a);
	return out;
}

/* <content> child of node (one at most), checked against <param>s and
 * namelist. */
static scxml_content *content_child(scxml_parse *p, xmlNode *node,
				     gboolean exclusive)
{
	scxml_content *content = NULL;
	gboolean params = FALSE;

	for (xmlNode *c = node->children; c; c = c->next) {
		if (scxml_parse_is(c, "param"))
			params = TRUE;
		if (!scxml_parse_is(c, "content"))
			continue;
		if (content)
			scxml_parse_problem(p, c, "<%s>: one <content> at most",
					    node->name);
		else
			content = scxml_parse_content(p, c);
	}
	if (exclusive && content &&
	    (params || xmlHasProp(node, (const xmlChar *)"namelist")))
		scxml_parse_problem(p, node,
				    "<%s>: <content> excludes namelist and "
				    "<param>",
				    node->name);
	return content;
}

static void parse_send(scxml_parse *p, xmlNode *node, scxml_send *s)
{
	static const char *const allowed[] = {
		"event", "eventexpr", "target", "targetexpr", "type",
		"typeexpr", "id", "idlocation", "delay", "delayexpr",
		"namelist", NULL};

	scxml_parse_check_attrs(p, node, allowed);
	scxml_parse_exclusive(p, node, "event", "eventexpr");
	scxml_parse_exclusive(p, node, "target", "targetexpr");
	scxml_parse_exclusive(p, node, "type", "typeexpr");
	scxml_parse_exclusive(p, node, "id", "idlocation");
	scxml_parse_exclusive(p, node, "delay", "delayexpr");
	s->event = scxml_parse_attr(p, node, "event");
	s->eventexpr = scxml_parse_expr_attr(p, node, "eventexpr");
	s->target = scxml_parse_attr(p, node, "target");
	s->targetexpr = scxml_parse_expr_attr(p, node, "targetexpr");
	s->type = scxml_parse_attr(p, node, "type");
	if (s->type && (strstr(s->type, "BasicHTTP") ||
			!strcmp(s->type, "basichttp")))
		p->doc->uses_basichttp = TRUE;
	s->typeexpr = scxml_parse_expr_attr(p, node, "typeexpr");
	s->id = scxml_parse_attr(p, node, "id");
	s->idlocation = scxml_parse_location_attr(p, node, "idlocation");
	s->delay = scxml_parse_attr(p, node, "delay");
	s->delayexpr = scxml_parse_expr_attr(p, node, "delayexpr");
	s->namelist = parse_namelist(p, node, &s->n_namelist);
	scxml_parse_params(p, node, &s->params, &s->n_params);
	s->content = content_child(p, node, TRUE);
	for (xmlNode *c = node->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && is_scxml_ns(c) &&
		    !scxml_parse_is(c, "param") &&
		    !scxml_parse_is(c, "content"))
			scxml_parse_problem(p, c,
					    "<%s> cannot be inside <send>",
					    c->name);
	if (s->delay) {
		guint64 ms;

		if (!scxml_delay_parse(s->delay, &ms))
			scxml_parse_problem(p, node,
					    "<send>: delay '%s' is not a time "
					    "such as 2s or 500ms",
					    scxml_parse_excerpt(p, s->delay));
	}
	if ((s->delay || s->delayexpr) && s->target &&
	    !strcmp(s->target, "#_internal"))
		scxml_parse_problem(p, node,
				    "<send>: an event to #_internal cannot be "
				    "delayed");
	/* Other processors (Basic HTTP) may name the event in the content
	 * or a parameter; ours needs a name. */
	if (!s->event && !s->eventexpr && !s->typeexpr &&
	    (!s->type || !strcmp(s->type, "scxml") ||
	     !strcmp(s->type,
		     "http://www.w3.org/TR/scxml/#SCXMLEventProcessor")))
		scxml_parse_problem(p, node,
				    "<send>: event or eventexpr is required");
}

scxml_invoke *scxml_parse_invoke(scxml_parse *p, xmlNode *node)
{
	static const char *const allowed[] = {
		"type", "typeexpr", "src",	  "srcexpr", "id",
		"idlocation", "namelist", "autoforward", NULL};
	scxml_invoke *inv = scxml_parse_alloc(p, sizeof(*inv));
	char *autoforward;
	gboolean saved = p->in_invoke_content;

	scxml_parse_check_attrs(p, node, allowed);
	scxml_parse_exclusive(p, node, "type", "typeexpr");
	scxml_parse_exclusive(p, node, "src", "srcexpr");
	scxml_parse_exclusive(p, node, "id", "idlocation");
	inv->line = scxml_parse_line(node);
	inv->index = p->doc->n_invokes++;
	inv->type = scxml_parse_attr(p, node, "type");
	inv->typeexpr = scxml_parse_expr_attr(p, node, "typeexpr");
	inv->src = scxml_parse_attr(p, node, "src");
	inv->srcexpr = scxml_parse_expr_attr(p, node, "srcexpr");
	inv->id = scxml_parse_attr(p, node, "id");
	inv->idlocation = scxml_parse_location_attr(p, node, "idlocation");
	inv->namelist = parse_namelist(p, node, &inv->n_namelist);
	autoforward = scxml_parse_attr(p, node, "autoforward");
	if (autoforward && strcmp(autoforward, "true") &&
	    strcmp(autoforward, "false"))
		scxml_parse_problem(p, node,
				    "<invoke>: autoforward must be true or "
				    "false");
	inv->autoforward = autoforward && !strcmp(autoforward, "true");
	scxml_parse_params(p, node, &inv->params, &inv->n_params);
	p->in_invoke_content = TRUE;
	/* An invoked document's content goes with namelist and <param>. */
	inv->content = content_child(p, node, FALSE);
	p->in_invoke_content = saved;
	if (inv->content && (inv->src || inv->srcexpr))
		scxml_parse_problem(p, node,
				    "<invoke>: src and <content> exclude each "
				    "other");
	for (xmlNode *c = node->children; c; c = c->next) {
		if (scxml_parse_is(c, "finalize")) {
			if (inv->finalize)
				scxml_parse_problem(p, c,
						    "<invoke>: one <finalize> "
						    "at most");
			inv->finalize = scxml_parse_block(p, c->children);
		} else if (c->type == XML_ELEMENT_NODE && is_scxml_ns(c) &&
			   !scxml_parse_is(c, "param") &&
			   !scxml_parse_is(c, "content")) {
			scxml_parse_problem(p, c, "<%s> cannot be inside "
						  "<invoke>",
					    c->name);
		}
	}
	return inv;
}

/* <if>: branches split at <elseif>/<else>, each with its own block. */
static void parse_if(scxml_parse *p, xmlNode *node, scxml_exec *x)
{
	GArray *br = g_array_new(FALSE, TRUE, sizeof(scxml_if_branch));
	scxml_if_branch cur = {0};
	scxml_exec **tail = &cur.body;
	gboolean seen_else = FALSE;

	scxml_parse_require(p, node, "cond");
	cur.cond = scxml_parse_expr_attr(p, node, "cond");
	for (xmlNode *c = node->children; c; c = c->next) {
		if (scxml_parse_is(c, "elseif") || scxml_parse_is(c, "else")) {
			gboolean is_else = scxml_parse_is(c, "else");

			if (seen_else)
				scxml_parse_problem(p, c,
						    "<%s> after <else>",
						    c->name);
			g_array_append_val(br, cur);
			memset(&cur, 0, sizeof(cur));
			tail = &cur.body;
			if (!is_else) {
				scxml_parse_require(p, c, "cond");
				cur.cond = scxml_parse_expr_attr(p, c, "cond");
			}
			seen_else = seen_else || is_else;
			continue;
		}
		{
			scxml_exec *one = scxml_parse_exec_one(p, c);

			if (one) {
				*tail = one;
				tail = &one->next;
			}
		}
	}
	g_array_append_val(br, cur);
	x->u.if_.n_branches = br->len;
	x->u.if_.branches =
		scxml_parse_alloc(p, sizeof(scxml_if_branch) * br->len);
	memcpy(x->u.if_.branches, br->data, sizeof(scxml_if_branch) * br->len);
	g_array_unref(br);
}

/* An element of a registered extension namespace. */
static scxml_exec *parse_extension(scxml_parse *p, xmlNode *node)
{
	const char *ns = (const char *)node->ns->href;
	const scxml_ext_element *el = scxml_engine_lookup(
		p->engine, ns, (const char *)node->name);
	GPtrArray *names, *exprs;
	scxml_exec *x;
	guint n;

	if (!el) {
		scxml_parse_problem(p, node,
				    "<%s>: no such element in namespace %s",
				    node->name, ns);
		return NULL;
	}
	for (const scxml_attr_spec *a = el->attrs; a && a->name; a++)
		if (a->required && !xmlHasProp(node, (const xmlChar *)a->name))
			scxml_parse_problem(p, node,
					    "<%s>: attribute '%s' is required",
					    node->name, a->name);
	names = g_ptr_array_new();
	exprs = g_ptr_array_new();
	for (xmlAttr *at = node->properties; at; at = at->next) {
		const scxml_attr_spec *spec = NULL;

		if (at->ns)
			continue;
		for (const scxml_attr_spec *a = el->attrs; a && a->name; a++)
			if (!strcmp(a->name, (const char *)at->name))
				spec = a;
		if (!spec) {
			scxml_parse_problem(p, node,
					    "<%s>: unknown attribute '%s'",
					    node->name, at->name);
			continue;
		}
		g_ptr_array_add(names, (gpointer)spec->name);
		g_ptr_array_add(exprs,
				spec->kind == SCXML_ATTR_LOCATION
					? scxml_parse_location_attr(p, node,
								    spec->name)
					: scxml_parse_expr_attr(p, node,
								spec->name));
	}
	x = new_exec(p, node, SCXML_X_EXTENSION);
	x->u.ext.el = el;
	g_ptr_array_add(names, NULL);
	x->u.ext.attr_names = scxml_parse_ptrs(p, names, &n);
	x->u.ext.attr_exprs = scxml_parse_ptrs(p, exprs, &x->u.ext.n_attrs);
	x->u.ext.where = scxml_parse_alloc(p, strlen(p->doc->file) + 16);
	sprintf(x->u.ext.where, "%s:%d", p->doc->file, x->line);
	g_ptr_array_unref(names);
	g_ptr_array_unref(exprs);
	return x;
}

scxml_exec *scxml_parse_exec_one(scxml_parse *p, xmlNode *node)
{
	const char *name = (const char *)node->name;
	scxml_exec *x = NULL;

	if (node->type != XML_ELEMENT_NODE)
		return NULL;
	if (!is_scxml_ns(node)) {
		const char *ns = scxml_parse_ns(node);
		if (ns && !g_hash_table_contains(p->namespaces, ns))
			g_hash_table_add(p->namespaces, g_strdup(ns));
		if (ns && scxml_engine_has_namespace(p->engine, ns))
			return parse_extension(p, node);
		return NULL; /* foreign content is ignored */
	}
	if (!strcmp(name, "raise")) {
		static const char *const allowed[] = {"event", NULL};

		scxml_parse_check_attrs(p, node, allowed);
		scxml_parse_require(p, node, "event");
		x = new_exec(p, node, SCXML_X_RAISE);
		x->u.raise.event = scxml_parse_attr(p, node, "event");
	} else if (!strcmp(name, "if")) {
		static const char *const allowed[] = {"cond", NULL};

		scxml_parse_check_attrs(p, node, allowed);
		x = new_exec(p, node, SCXML_X_IF);
		parse_if(p, node, x);
	} else if (!strcmp(name, "foreach")) {
		static const char *const allowed[] = {"array", "item", "index",
						      NULL};

		scxml_parse_check_attrs(p, node, allowed);
		scxml_parse_require(p, node, "array");
		scxml_parse_require(p, node, "item");
		x = new_exec(p, node, SCXML_X_FOREACH);
		x->u.foreach.array = scxml_parse_expr_attr(p, node, "array");
		x->u.foreach.item = scxml_parse_location_attr(p, node, "item");
		x->u.foreach.index = scxml_parse_location_attr(p, node, "index");
		x->u.foreach.body = scxml_parse_block(p, node->children);
	} else if (!strcmp(name, "log")) {
		static const char *const allowed[] = {"label", "expr", NULL};

		scxml_parse_check_attrs(p, node, allowed);
		x = new_exec(p, node, SCXML_X_LOG);
		x->u.log.label = scxml_parse_attr(p, node, "label");
		x->u.log.expr = scxml_parse_expr_attr(p, node, "expr");
	} else if (!strcmp(name, "assign")) {
		static const char *const allowed[] = {"location", "expr", NULL};

		scxml_parse_check_attrs(p, node, allowed);
		scxml_parse_require(p, node, "location");
		x = new_exec(p, node, SCXML_X_ASSIGN);
		x->u.assign.location =
			scxml_parse_location_attr(p, node, "location");
		x->u.assign.expr = scxml_parse_expr_attr(p, node, "expr");
		if (x->u.assign.expr &&
		    (has_element_children(node) || has_text(node)))
			scxml_parse_problem(p, node,
					    "<assign>: expr and content "
					    "exclude each other");
		if (!x->u.assign.expr)
			x->u.assign.text = scxml_parse_inline(p, node);
	} else if (!strcmp(name, "script")) {
		static const char *const allowed[] = {"src", NULL};
		char *src = scxml_parse_attr(p, node, "src");
		char *code;
		GError *err = NULL;

		scxml_parse_check_attrs(p, node, allowed);
		x = new_exec(p, node, SCXML_X_SCRIPT);
		if (src) {
			if (has_text(node))
				scxml_parse_problem(p, node,
						    "<script>: src and content "
						    "exclude each other");
			code = scxml_parse_read_src(p, src, &err);
			if (!code)
				scxml_parse_problem(p, node, "<script src>: %s",
						    err->message);
			g_clear_error(&err);
		} else {
			code = scxml_parse_inline(p, node);
		}
		x->u.script.code = scxml_parse_expr(p, node, code ? code : "");
		x->u.script.code->kind = SCXML_EXPR_SCRIPT;
	} else if (!strcmp(name, "send")) {
		x = new_exec(p, node, SCXML_X_SEND);
		parse_send(p, node, &x->u.send);
	} else if (!strcmp(name, "cancel")) {
		static const char *const allowed[] = {"sendid", "sendidexpr",
						      NULL};

		scxml_parse_check_attrs(p, node, allowed);
		scxml_parse_exclusive(p, node, "sendid", "sendidexpr");
		x = new_exec(p, node, SCXML_X_CANCEL);
		x->u.cancel.sendid = scxml_parse_attr(p, node, "sendid");
		x->u.cancel.sendidexpr =
			scxml_parse_expr_attr(p, node, "sendidexpr");
		if (!x->u.cancel.sendid && !x->u.cancel.sendidexpr)
			scxml_parse_problem(p, node,
					    "<cancel>: sendid or sendidexpr "
					    "is required");
	} else if (!strcmp(name, "elseif") || !strcmp(name, "else")) {
		scxml_parse_problem(p, node, "<%s> outside <if>", name);
	} else {
		scxml_parse_problem(p, node,
				    "<%s> is not executable content", name);
	}
	return x;
}

scxml_exec *scxml_parse_block(scxml_parse *p, xmlNode *first)
{
	scxml_exec *head = NULL, **tail = &head;

	for (xmlNode *c = first; c; c = c->next) {
		scxml_exec *x = scxml_parse_exec_one(p, c);

		if (x) {
			*tail = x;
			tail = &x->next;
		}
	}
	return head;
}
