/*
 * XML values in the ECMAScript data model (W3C B.2.2): inline XML in
 * <data> (or loaded by src) and XML content of an event become a small DOM
 * rather than a string: nodeType, nodeName/tagName, attributes, childNodes,
 * textContent, getAttribute, hasAttribute, getElementsByTagName,
 * documentElement. libxml2 parses; the objects are built by one JavaScript
 * function compiled on first use and kept in the heap stash, so every node
 * shares its methods through one prototype.
 */
#include "config.h"

#include <string.h>

#include <libxml/parser.h>

#include "scxml/scxml_dm_ecma_priv.h"

/* (desc, xml) → a document node. desc: {t: name, a: {attrs}, c: [desc|text]};
 * xml: the text it was parsed from. */
static const char builder_src[] =
	"(function () {\n"
	"  function Node() {}\n"
	"  Node.prototype.getAttribute = function (n) {\n"
	"    var a = this.attributes;\n"
	"    return a && Object.prototype.hasOwnProperty.call(a, n) ? a[n] : null;\n"
	"  };\n"
	"  Node.prototype.hasAttribute = function (n) {\n"
	"    return this.getAttribute(n) !== null;\n"
	"  };\n"
	"  Node.prototype.getElementsByTagName = function (name) {\n"
	"    var out = [];\n"
	"    (function walk(n) {\n"
	"      for (var i = 0; i < n.childNodes.length; i++) {\n"
	"        var k = n.childNodes[i];\n"
	"        if (k.nodeType !== 1) continue;\n"
	"        if (name === '*' || k.tagName === name) out.push(k);\n"
	"        walk(k);\n"
	"      }\n"
	"    })(this);\n"
	"    return out;\n"
	"  };\n"
	"  /* A document reads and serializes as the XML it came from (an\n"
	"     <invoke><content expr> of it, an event carrying it); a\n"
	"     node as its text. */\n"
	"  Node.prototype.toString = function () {\n"
	"    return this.nodeType === 9 ? this.xml : this.textContent;\n"
	"  };\n"
	"  Node.prototype.toJSON = function () {\n"
	"    return this.nodeType === 9 ? this.xml : this.textContent;\n"
	"  };\n"
	"  function hide(o, name, v) {\n"
	"    Object.defineProperty(o, name, {value: v, writable: true});\n"
	"  }\n"
	"  function build(d) {\n"
	"    var n = new Node();\n"
	"    if (typeof d === 'string') {\n"
	"      n.nodeType = 3; n.nodeName = '#text';\n"
	"      n.nodeValue = n.textContent = d; n.childNodes = [];\n"
	"      return n;\n"
	"    }\n"
	"    n.nodeType = 1; n.nodeName = n.tagName = n.localName = d.t;\n"
	"    n.attributes = d.a; n.childNodes = []; n.textContent = '';\n"
	"    for (var i = 0; i < d.c.length; i++) {\n"
	"      var k = build(d.c[i]);\n"
	"      hide(k, 'parentNode', n);\n"
	"      n.childNodes.push(k);\n"
	"      n.textContent += k.textContent;\n"
	"    }\n"
	"    n.firstChild = n.childNodes[0] || null;\n"
	"    return n;\n"
	"  }\n"
	"  /* Shared by every session's documents: frozen, like the\n"
	"     built-ins (scxml_dm_ecma_lock.c). */\n"
	"  Object.freeze(Node.prototype);\n"
	"  Object.freeze(Node);\n"
	"  return function (d, xml) {\n"
	"    var doc = new Node();\n"
	"    doc.nodeType = 9; doc.nodeName = '#document';\n"
	"    hide(doc, 'xml', xml);\n"
	"    doc.documentElement = build(d);\n"
	"    hide(doc.documentElement, 'parentNode', doc);\n"
	"    doc.childNodes = [doc.documentElement];\n"
	"    doc.firstChild = doc.documentElement;\n"
	"    doc.textContent = doc.documentElement.textContent;\n"
	"    return doc;\n"
	"  };\n"
	"})()";

/* The description of an element, pushed on the value stack. */
static void push_desc(duk_context *ctx, xmlNode *el, int depth)
{
	duk_uarridx_t i = 0;

	duk_push_object(ctx);
	duk_push_string(ctx, (const char *)el->name);
	duk_put_prop_literal(ctx, -2, "t");
	duk_push_object(ctx);
	for (xmlAttr *a = el->properties; a; a = a->next) {
		xmlChar *v = xmlNodeGetContent((xmlNode *)a);

		duk_push_string(ctx, v ? (const char *)v : "");
		duk_put_prop_string(ctx, -2, (const char *)a->name);
		xmlFree(v);
	}
	duk_put_prop_literal(ctx, -2, "a");
	duk_push_array(ctx);
	for (xmlNode *c = el->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && depth < 64 &&
		    duk_check_stack(ctx, 8)) {
			push_desc(ctx, c, depth + 1);
		} else if ((c->type == XML_TEXT_NODE ||
			    c->type == XML_CDATA_SECTION_NODE) &&
			   !xmlIsBlankNode(c)) {
			duk_push_string(ctx, (const char *)c->content);
		} else {
			continue;
		}
		duk_put_prop_index(ctx, -2, i++);
	}
	duk_put_prop_literal(ctx, -2, "c");
}

/* Stack: [builder desc xml] → [doc]. */
static duk_ret_t call_builder(duk_context *ctx, void *ud)
{
	(void)ud;
	duk_call(ctx, 2);
	return 1;
}

static gboolean push_builder(duk_context *ctx)
{
	duk_memory_functions mf;
	scxml_ecma_engine *eng;
	guint32 owner;
	gboolean ok;

	duk_push_heap_stash(ctx);
	if (duk_get_prop_literal(ctx, -1, "xml_dom")) {
		duk_remove(ctx, -2);
		return TRUE;
	}
	duk_pop(ctx);
	/* Made once, for every session: the engine's memory, not the
	 * account of the session that first needed it. */
	duk_get_memory_functions(ctx, &mf);
	eng = mf.udata;
	owner = eng->owner;
	eng->owner = 0;
	ok = duk_peval_string(ctx, builder_src) == 0 &&
	     duk_is_function(ctx, -1);
	if (ok) {
		scxml_ecma_freeze_shared(ctx, -1);
		duk_dup(ctx, -1);
		duk_put_prop_literal(ctx, -3, "xml_dom");
		duk_remove(ctx, -2);
	} else {
		duk_pop_2(ctx);
	}
	eng->owner = owner;
	return ok;
}

gboolean scxml_ecma_push_xml(duk_context *ctx, const char *text, char **refusal)
{
	xmlDoc *xml;
	xmlNode *root;
	gboolean ok = FALSE;

	*refusal = NULL;
	while (g_ascii_isspace(*text))
		text++;
	if (*text != '<')
		return FALSE;
	/* Text that is not XML simply stays a string; one that declares an
	 * entity is refused, as a document doing so is: reading an attribute
	 * would expand its references in full (billion laughs). */
	xml = scxml_xml_read_text(text, strlen(text), refusal);
	root = xml ? xmlDocGetRootElement(xml) : NULL;
	if (root && duk_check_stack(ctx, 8) && push_builder(ctx)) {
		push_desc(ctx, root, 0);
		duk_push_string(ctx, text);
		if (duk_safe_call(ctx, call_builder, NULL, 3, 1) ==
		    DUK_EXEC_SUCCESS)
			ok = TRUE;
		else
			duk_pop(ctx);
	}
	if (xml)
		xmlFreeDoc(xml);
	return ok;
}
