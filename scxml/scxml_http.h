/*
 * The Basic HTTP event I/O processor (scxml_http.c): one per engine.
 */
#ifndef SCXML_HTTP_H
#define SCXML_HTTP_H

#include <sipscxml/scxml.h>

#define SCXML_HTTP_PROCESSOR_URI                                              \
	"http://www.w3.org/TR/scxml/#BasicHTTPEventProcessor"

typedef struct scxml_http scxml_http;

scxml_http *scxml_http_new(scxml_engine *engine);
void scxml_http_free(scxml_http *h);
/* The URL events for this session are posted to (new string), opening the
 * server on first use; NULL when it cannot listen. */
char *scxml_http_location(scxml_http *h, const char *session_id);
/* POST ev (taken: its name and data) to target for session s; failures
 * come back as error.communication in s. data_is_content: the data is
 * <content>, not namelist/params. */
void scxml_http_send(scxml_http *h, scxml_session *s, const char *target,
		     scxml_event *ev, gboolean data_is_content,
		     const char *sendid);

#endif
