/*
 * Duktape itself, compiled from the source the system ships (copied into the
 * build directory by scxml/ecma.mk, with our configuration), plus one probe
 * into its internals that the public API lacks.
 *
 * The probe lets the data model keep the global object clean cheaply: code
 * that assigns an undeclared name (`x = 1` in a condition) creates a global
 * property that every session would see. Counting the global object's
 * property slots costs a few nanoseconds, so it is checked after every
 * evaluation, and the full sweep (scxml_dm_ecma_script.c) runs only when
 * the count changed.
 */
#include "duktape.c"

unsigned long scxml_duk_global_shape(duk_context *ctx)
{
	duk_hthread *thr = (duk_hthread *)ctx;

	/* The next free slot of the entry part: any property added moves it
	 * (an add that compacts the object changes it too). */
	return (unsigned long)DUK_HOBJECT_GET_ENEXT(
		thr->builtins[DUK_BIDX_GLOBAL]);
}
