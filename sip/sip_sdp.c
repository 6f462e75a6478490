/*
 * Our side of the SDP offer/answer (RFC 3264). The engine does not terminate
 * media: it offers one audio stream on the configured address, port and
 * codecs (G.711 static payloads), and only the stream's direction changes
 * over a call's life (sendrecv, sendonly to hold, inactive when both hold).
 * The peer's SDP is read with sofia-sip's SDP parser; we build ours as text
 * because it is one fixed shape.
 */
#include "config.h"

#include <string.h>

#include <sofia-sip/sdp.h>

#include "sip/sip_call_priv.h"

typedef struct sip_codec {
	const char *name;
	unsigned pt;
} sip_codec;

static const sip_codec known_codecs[] = {
	{"PCMU", 0},
	{"PCMA", 8},
};

static const sip_codec *codec_by_name(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(known_codecs); i++)
		if (g_ascii_strcasecmp(known_codecs[i].name, name) == 0)
			return &known_codecs[i];
	return NULL;
}

const char *sip_direction_name(sip_direction dir)
{
	switch (dir) {
	case SIP_DIR_SENDONLY:
		return "sendonly";
	case SIP_DIR_RECVONLY:
		return "recvonly";
	case SIP_DIR_INACTIVE:
		return "inactive";
	case SIP_DIR_SENDRECV:
	default:
		return "sendrecv";
	}
}

/* Bounds on a peer's media descriptions: far above any real offer (a
 * softphone lists a dozen or two formats), low enough that a hostile one
 * costs little. */
#define SDP_MAX_MEDIA 32
#define SDP_MAX_FORMATS 128
#define SDP_MAX_MEDIA_LINE 2048

/* RFC 4566 §9: token-char. */
static gboolean sdp_token_char(char c)
{
	return g_ascii_isalnum(c) || (c && strchr("!#$%&'*+-.^_`{|}~", c));
}

/* One field of an m= line: a token, or for the protocol tokens joined by
 * '/' (RFC 4566 §9: proto = token *("/" token)). */
static gboolean sdp_field_ok(const char *f, gsize len, gboolean slashes)
{
	if (len == 0 || f[0] == '/' || f[len - 1] == '/')
		return FALSE;
	for (gsize i = 0; i < len; i++)
		if (!sdp_token_char(f[i]) &&
		    !(slashes && f[i] == '/' && f[i - 1] != '/'))
			return FALSE;
	return TRUE;
}

/* "m=<media> <port>[/<count>] <proto> <fmt> ..." (RFC 4566 §5.14). */
static gboolean sdp_media_line_ok(const char *line, gsize len)
{
	gsize field = 0;
	if (len > SDP_MAX_MEDIA_LINE)
		return FALSE;
	for (gsize i = 0; i < len;) {
		gsize start = i;
		while (i < len && line[i] != ' ')
			i++;
		const char *f = line + start;
		gsize flen = i - start;
		gboolean ok;
		switch (field) {
		case 0: /* media */
			ok = sdp_field_ok(f, flen, FALSE);
			break;
		case 1: /* port */
			ok = flen > 0 && flen <= 11 && g_ascii_isdigit(f[0]);
			for (gsize k = 0; ok && k < flen; k++)
				ok = g_ascii_isdigit(f[k]) ||
				     (f[k] == '/' && k > 0 && k + 1 < flen);
			break;
		case 2: /* proto */
			ok = sdp_field_ok(f, flen, TRUE);
			break;
		default: /* fmt */
			ok = field - 3 < SDP_MAX_FORMATS &&
			     sdp_field_ok(f, flen, FALSE);
			break;
		}
		if (!ok)
			return FALSE;
		field++;
		while (i < len && line[i] == ' ')
			i++;
	}
	return field >= 4;
}

/* sofia-sip 1.12's sdp_parse, given an m= line with a protocol other than
 * RTP/AVP whose format list holds a character outside token-char (say
 * "m=audio 4000 udp 0 (" or a byte >= 0x80), allocates list items without
 * end until the process runs out of memory (found by fuzz_sdp). Every m=
 * line is therefore checked against RFC 4566's grammar first, and an SDP
 * with one that does not conform is refused before sofia-sip reads it.
 * Lines are cut as sofia-sip cuts them: at any CR or LF, leading spaces
 * and tabs skipped (so " m=..." after a lone CR is an m= line too). */
static gboolean sdp_media_lines_ok(const char *sdp)
{
	unsigned media = 0;
	for (const char *line = sdp; *line;) {
		line += strspn(line, " \t");
		gsize len = strcspn(line, "\r\n");
		if (len >= 2 && line[0] == 'm' && line[1] == '=') {
			if (++media > SDP_MAX_MEDIA ||
			    !sdp_media_line_ok(line + 2, len - 2))
				return FALSE;
		}
		line += len;
		line += strspn(line, "\r\n");
	}
	return TRUE;
}

/* What the peer's offer says about its audio stream, from the peer's side.
 * Returns FALSE when there is no usable audio stream. */
static gboolean parse_audio(su_home_t *home, const char *sdp,
			    sdp_media_t **audio)
{
	*audio = NULL;
	if (!sdp_media_lines_ok(sdp))
		return FALSE;
	sdp_parser_t *parser = sdp_parse(home, sdp, strlen(sdp), 0);
	sdp_session_t *sess = sdp_session(parser);
	if (!sess)
		return FALSE;
	for (sdp_media_t *m = sess->sdp_media; m; m = m->m_next) {
		if (m->m_type == sdp_media_audio && !m->m_rejected &&
		    m->m_port != 0) {
			*audio = m;
			return TRUE;
		}
	}
	return FALSE;
}

gboolean sip_sdp_read_direction(const char *sdp, sip_direction *dir)
{
	su_home_t home[1] = {SU_HOME_INIT(home)};
	sdp_media_t *audio;
	gboolean ok = parse_audio(home, sdp, &audio);
	if (ok)
		*dir = (sip_direction)audio->m_mode;
	su_home_deinit(home);
	return ok;
}

/* RFC 3264 §6.1: the answer's direction mirrors the offer's, and a side on
 * hold never receives. */
sip_direction sip_sdp_answer_direction(sip_direction offered,
				       gboolean local_hold)
{
	sip_direction ans;
	switch (offered) {
	case SIP_DIR_SENDONLY:
		ans = SIP_DIR_RECVONLY;
		break;
	case SIP_DIR_RECVONLY:
		ans = SIP_DIR_SENDONLY;
		break;
	case SIP_DIR_INACTIVE:
		ans = SIP_DIR_INACTIVE;
		break;
	default:
		ans = SIP_DIR_SENDRECV;
		break;
	}
	if (local_hold)
		ans &= SIP_DIR_SENDONLY;
	return ans;
}

/* The payload types to put on our m= line: all configured codecs for an
 * offer, the configured ones the offer also carries for an answer. */
static void choose_codecs(const sip_agent_config *cfg, const sdp_media_t *off,
			  GArray *pts)
{
	g_auto(GStrv) names =
		g_strsplit(cfg->codecs ? cfg->codecs : "PCMU", ",", -1);
	for (size_t i = 0; names[i]; i++) {
		const sip_codec *c = codec_by_name(g_strstrip(names[i]));
		if (!c)
			continue;
		gboolean wanted = off == NULL;
		for (sdp_rtpmap_t *rm = off ? off->m_rtpmaps : NULL; rm;
		     rm = rm->rm_next)
			if (rm->rm_pt == c->pt ||
			    (rm->rm_encoding &&
			     g_ascii_strcasecmp(rm->rm_encoding, c->name) ==
				     0 &&
			     rm->rm_rate == 8000))
				wanted = TRUE;
		if (wanted)
			g_array_append_val(pts, c->pt);
	}
}

char *sip_sdp_make(const sip_agent_config *cfg, guint64 id, guint64 version,
		   sip_direction dir, const char *offer)
{
	su_home_t home[1] = {SU_HOME_INIT(home)};
	sdp_media_t *off = NULL;
	char *out = NULL;
	GArray *pts = g_array_new(FALSE, FALSE, sizeof(unsigned));

	if (offer && !parse_audio(home, offer, &off))
		goto out;
	choose_codecs(cfg, off, pts);
	if (pts->len == 0)
		goto out;

	const char *addr =
		cfg->media_address ? cfg->media_address : "127.0.0.1";
	const char *ip = strchr(addr, ':') ? "IP6" : "IP4";
	GString *s = g_string_new(NULL);
	g_string_append_printf(s,
			       "v=0\r\n"
			       "o=sipscxml %" G_GUINT64_FORMAT
			       " %" G_GUINT64_FORMAT " IN %s %s\r\n"
			       "s=sipscxml\r\n"
			       "c=IN %s %s\r\n"
			       "t=0 0\r\n"
			       "m=audio %u RTP/AVP",
			       id, version, ip, addr, ip, addr,
			       cfg->media_port ? cfg->media_port : 4000);
	for (guint i = 0; i < pts->len; i++)
		g_string_append_printf(s, " %u",
				       g_array_index(pts, unsigned, i));
	g_string_append(s, "\r\n");
	for (guint i = 0; i < pts->len; i++) {
		unsigned pt = g_array_index(pts, unsigned, i);
		for (size_t k = 0; k < G_N_ELEMENTS(known_codecs); k++)
			if (known_codecs[k].pt == pt)
				g_string_append_printf(
					s, "a=rtpmap:%u %s/8000\r\n", pt,
					known_codecs[k].name);
	}
	g_string_append_printf(s, "a=%s\r\n", sip_direction_name(dir));
	out = g_string_free(s, FALSE);
out:
	g_array_unref(pts);
	su_home_deinit(home);
	return out;
}

/* The message's body when it is SDP, as a string; NULL otherwise. */
char *sip_sdp_payload(const sip_t *sip)
{
	if (!sip || !sip->sip_payload || !sip->sip_payload->pl_data ||
	    sip->sip_payload->pl_len == 0)
		return NULL;
	if (sip->sip_content_type && sip->sip_content_type->c_type &&
	    g_ascii_strcasecmp(sip->sip_content_type->c_type,
			       "application/sdp") != 0)
		return NULL;
	return g_strndup(sip->sip_payload->pl_data, sip->sip_payload->pl_len);
}
