/*
 * Defaults for sanitizer builds (./configure --enable-sanitizers); the
 * sanitizers look these functions up, other builds never call them.
 *
 * sofia-sip 1.12 leaks a client request whose dialog the peer's BYE ended
 * before the request's response (our hold re-INVITE crossing a BYE): that
 * leak is the library's, not ours, so it is suppressed by name; the slow
 * unwind lets the leak checker see frames inside sofia-sip, which is built
 * without frame pointers.
 *
 * Its TLS transport (tport_tls.c) never frees its SSL_CTX, the SSL of each
 * connection, nor what it reads of a peer's certificate: suppressed by the
 * sofia-sip functions that make them.
 */
#include "config.h"

const char *__lsan_default_suppressions(void);
const char *__asan_default_options(void);

const char *__lsan_default_suppressions(void)
{
	return "leak:nua_client_request_template\n"
	       "leak:send_reinvite\n"
	       "leak:tls_init_master\n"
	       "leak:tls_init_secondary\n"
	       "leak:tls_connect\n"
	       "leak:tls_read\n"
	       "leak:tls_want_read\n";
}

const char *__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}
