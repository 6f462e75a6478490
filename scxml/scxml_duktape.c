/*
 * Duktape itself, compiled from the source the system ships (copied into the
 * build directory by scxml/ecma.mk, with our configuration and patches), plus
 * two pieces that need its internals.
 *
 * The global-shape probe lets the data model keep the global object clean
 * cheaply: code that assigns an undeclared name (`x = 1` in a condition)
 * creates a global property that every session would see. Counting the
 * global object's property slots costs a few nanoseconds, so it is checked
 * after every evaluation, and the full sweep (scxml_dm_ecma_script.c) runs
 * only when the count changed.
 *
 * The tick is what makes the script deadline reach inside one built-in call
 * (scxml/ecma.mk patches it into every property access and regexp step).
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

/* SCXML_DUK_TICK found the executor's interrupt counter run out inside a
 * built-in (a property access or a regexp step). The counter is the one the
 * bytecode loop counts down, so a script that mixes bytecode and built-in
 * work is checked at the same pace: every DUK_HTHREAD_INTCTR_DEFAULT steps
 * of either kind. Past the deadline, throw as the bytecode loop does, and
 * leave the counter at zero so that the next instruction throws again
 * (a catch in the script cannot keep it running). */
void scxml_duk_tick_expired(void *p)
{
	duk_hthread *thr = p;

	thr->interrupt_init = DUK_HTHREAD_INTCTR_DEFAULT;
	thr->interrupt_counter = DUK_HTHREAD_INTCTR_DEFAULT - 1;
	if (DUK_HEAP_HAS_INTERRUPT_RUNNING(thr->heap))
		return;
	if (scxml_dm_ecma_timeout_check(thr->heap->heap_udata)) {
		thr->interrupt_init = 0;
		thr->interrupt_counter = 0;
		DUK_ERROR_RANGE(thr, "execution timeout");
	}
}
