/*
 * Fuzz harness: the Refer-To builder (make_refer_to of
 * sip/sip_call_refer.c, included so that its static code is the code run).
 * Its inputs come from outside: the transfer target from the flow's
 * expressions, and for an attended transfer the replaced dialog's Call-ID
 * and tags, which the peers chose. The input is four lines: target,
 * Call-ID, remote tag, local tag (three lines or fewer: a blind transfer).
 *
 * Besides "no crash", the escaping is checked: when the Call-ID is a valid
 * SIP Call-ID and the tags are tokens, the Refer-To made must parse, and
 * its Replaces header, unescaped and parsed, must name exactly that dialog
 * (RFC 3891) — a byte the escaping let through would break the transfer.
 */
#include "sip/sip_call_refer.c"

#include <sofia-sip/url.h>
#include <sofia-sip/sip_extra.h>
#include <sofia-sip/msg_parser.h>

#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_logs();
	return 0;
}

/* RFC 3261 token characters. */
static gboolean is_token(const char *s)
{
	if (!*s)
		return FALSE;
	for (; *s; s++)
		if (!g_ascii_isalnum(*s) && !strchr("-.!%*_+`'~", *s))
			return FALSE;
	return TRUE;
}

/* RFC 3261 word ["@" word]. */
static gboolean is_word(const char *s, gsize len)
{
	if (!len)
		return FALSE;
	for (gsize i = 0; i < len; i++)
		if (!g_ascii_isalnum(s[i]) &&
		    !strchr("-.!%*_+`'~()<>:\\\"/[]?{}", s[i]))
			return FALSE;
	return TRUE;
}

static gboolean is_call_id(const char *s)
{
	const char *at = strchr(s, '@');

	if (!at)
		return is_word(s, strlen(s));
	return is_word(s, (gsize)(at - s)) && is_word(at + 1, strlen(at + 1));
}

/* The Replaces header carried by the URI's headers part must name the
 * dialog of call. */
static void check_replaces(su_home_t *home, const url_t *url,
			   const sip_call *call)
{
	const char *h = url->url_headers;
	char *value;
	sip_replaces_t *rp;

	if (!h || strncmp(h, "Replaces=", 9) != 0)
		abort();
	value = su_strdup(home, h + 9);
	url_unescape(value, value);
	rp = sip_replaces_make(home, value);
	if (!rp || strcmp(rp->rp_call_id, call->call_id) != 0 ||
	    !rp->rp_to_tag || strcmp(rp->rp_to_tag, call->remote_tag) != 0 ||
	    !rp->rp_from_tag || strcmp(rp->rp_from_tag, call->local_tag) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	su_home_t home[1] = {SU_HOME_INIT(home)};
	char *text = fuzz_strdup(data, size);
	char **part = g_strsplit(text, "\n", 4);
	sip_call replaced = {0};
	sip_call *rep = NULL;
	char *target;
	sip_refer_to_t *rt;

	if (!part[0]) {
		g_strfreev(part);
		g_free(text);
		return 0;
	}
	if (part[1] && part[2] && part[3]) {
		replaced.call_id = part[1];
		replaced.remote_tag = part[2];
		replaced.local_tag = part[3];
		rep = &replaced;
	}
	target = make_refer_to(part[0], rep);
	if (!target) {
		/* Refused: only a target whose URI has a '#' is. */
		const char *lt = strchr(part[0], '<');
		if (!strchr(lt ? lt : part[0], '#'))
			abort();
		g_strfreev(part);
		g_free(text);
		return 0;
	}
	/* As sip_call_refer: only a Refer-To sofia-sip reads is sent. */
	rt = sip_refer_to_make(home, target);
	if (rt && rt->r_url->url_host && rep && !strpbrk(part[0], "<>?\"") &&
	    is_call_id(rep->call_id) && is_token(rep->remote_tag) &&
	    is_token(rep->local_tag))
		check_replaces(home, rt->r_url, rep);
	g_free(target);
	g_strfreev(part);
	g_free(text);
	su_home_deinit(home);
	return 0;
}
