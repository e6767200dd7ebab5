/* body.h — request bodies that carry a private key, written as JSON straight
 * into a buffer that is wiped when it grows and when it is freed: the body is
 * the one copy of the key, and no freed block keeps another. */
#ifndef CD_SERVICES_BODY_H
#define CD_SERVICES_BODY_H

#include "../core/jsonw.h"

/* Starts a body: w (any contents) becomes an empty secret writer with the
 * top object open; add members with the jw_* calls. */
void svc_body_open(struct jsonw *w);
/* Closes the top object; the text stays w's until svc_body_free. */
const char *svc_body_text(struct jsonw *w);
/* Wipes the whole buffer and frees it. */
void svc_body_free(struct jsonw *w);

#endif
