/*
 * Isolation of the sessions sharing one heap: what they all see is made
 * immutable, as Redis locks the globals of its Lua scripts.
 *
 * Every object reachable from the global object at engine start (Math, JSON,
 * Object.prototype, Array.prototype, String.prototype, every built-in
 * function, the Duktape object, In) is frozen, and the global object's own
 * properties become read-only and non-configurable. A script that assigns
 * one (`Math.max = f`, `Array.prototype.push = null`) changes nothing: in
 * ordinary (sloppy) code the write is ignored, as ECMAScript ignores a write
 * to a read-only property; in strict code, and for Object.defineProperty
 * or delete, it throws a TypeError, which is error.execution. Other sessions
 * see the built-ins as they were. Shadowing an inherited built-in still
 * works (`Foo.prototype.toString = f`): scxml/ecma.mk patches Duktape so
 * that such a write creates the own property.
 *
 * The global object itself cannot be frozen: a script's top-level `var`
 * lands on it before the sweep moves it to the session
 * (scxml_dm_ecma_script.c). So the functions that would change its shape
 * for everyone (Object.freeze/seal/preventExtensions/defineProperty/
 * defineProperties/setPrototypeOf, their Reflect twins, the __proto__
 * setter) refuse the global object with a TypeError; on any other object
 * they work as before.
 *
 * Duktape.fin is removed: a finalizer would run the document's code at an
 * arbitrary time, in another session's run or at heap destruction with no
 * deadline (an endless finalizer hung the exit).
 */
#include "config.h"

#include "scxml/scxml_dm_ecma_priv.h"

/* (G, keep): the global object and the names of its properties that stay
 * writable (none now: the script runner's are getters, script.c). */
static const char lock_src[] =
	"(function (G, keep) {\n"
	"  'use strict';\n"
	"  var O = Object, freeze = O.freeze, isFrozen = O.isFrozen;\n"
	"  var names = O.getOwnPropertyNames, desc = O.getOwnPropertyDescriptor;\n"
	"  var symbols = O.getOwnPropertySymbols, define = O.defineProperty;\n"
	"  var protoOf = O.getPrototypeOf;\n"
	"  function refuse(what) {\n"
	"    throw new TypeError(what + ': the global object is shared by all '\n"
	"                        + 'sessions and cannot be changed so');\n"
	"  }\n"
	"  function guard(obj, name) {\n"
	"    var orig = obj && obj[name];\n"
	"    if (typeof orig !== 'function') return;\n"
	"    define(obj, name, {value: function (target) {\n"
	"      if (target === G) refuse(name);\n"
	"      return orig.apply(this, arguments);\n"
	"    }});\n"
	"  }\n"
	"  ['freeze', 'seal', 'preventExtensions', 'defineProperty',\n"
	"   'defineProperties', 'setPrototypeOf'].forEach(function (n) {\n"
	"    guard(O, n);\n"
	"  });\n"
	"  if (typeof Reflect === 'object')\n"
	"    ['defineProperty', 'preventExtensions', 'setPrototypeOf']\n"
	"      .forEach(function (n) { guard(Reflect, n); });\n"
	"  var proto = desc(O.prototype, '__proto__');\n"
	"  if (proto && proto.set) {\n"
	"    var set = proto.set;\n"
	"    define(O.prototype, '__proto__', {set: function (v) {\n"
	"      if (this === G) refuse('__proto__');\n"
	"      return set.call(this, v);\n"
	"    }});\n"
	"  }\n"
	"  if (typeof Duktape === 'object') delete Duktape.fin;\n"
	"  var todo = [G];\n"
	"  function visit(v) {\n"
	"    if (v === null || v === G || (typeof v !== 'object' &&\n"
	"        typeof v !== 'function') || isFrozen(v)) return;\n"
	"    freeze(v);\n"
	"    todo.push(v);\n"
	"  }\n"
	"  /* Not enumerable either: the sweep moves enumerable globals\n"
	"     (Duktape's `performance` is one) to the session. */\n"
	"  names(G).forEach(function (k) {\n"
	"    if (keep.indexOf(k) >= 0) return;\n"
	"    if ('value' in desc(G, k))\n"
	"      define(G, k, {writable: false, configurable: false,\n"
	"                    enumerable: false});\n"
	"    else\n"
	"      define(G, k, {configurable: false, enumerable: false});\n"
	"  });\n"
	"  while (todo.length) {\n"
	"    var o = todo.pop();\n"
	"    visit(protoOf(o));\n"
	"    var keys = names(o).concat(symbols ? symbols(o) : []);\n"
	"    for (var i = 0; i < keys.length; i++) {\n"
	"      var d = desc(o, keys[i]);\n"
	"      if (!d) continue;\n"
	"      visit(d.value); visit(d.get); visit(d.set);\n"
	"    }\n"
	"  }\n"
	"})";

void scxml_ecma_lock_builtins(duk_context *ctx)
{
	duk_compile_string(ctx, DUK_COMPILE_EVAL, lock_src);
	duk_call(ctx, 0);
	duk_push_global_object(ctx);
	duk_push_array(ctx);
	duk_call(ctx, 2);
	duk_pop(ctx);
	/* The thread object (Duktape.Thread.current()) is shared too. */
	duk_push_current_thread(ctx);
	duk_freeze(ctx, -1);
	duk_pop(ctx);
}

void scxml_ecma_freeze_shared(duk_context *ctx, duk_idx_t idx)
{
	idx = duk_normalize_index(ctx, idx);
	if (duk_get_prop_literal(ctx, idx, "prototype") &&
	    duk_is_object(ctx, -1))
		duk_freeze(ctx, -1);
	duk_pop(ctx);
	duk_freeze(ctx, idx);
}
