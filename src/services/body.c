/* body.c — request bodies in wiped buffers (see body.h). */
#include "body.h"

void svc_body_open(struct jsonw *w)
{
    memset(w, 0, sizeof(*w));
    w->out.secret = true; /* every growth moves by hand and wipes the old block */
    jw_object(w, NULL);
}

const char *svc_body_text(struct jsonw *w)
{
    jw_end(w);
    return w->out.data;
}

void svc_body_free(struct jsonw *w)
{
    buf_free(&w->out);
    memset(w, 0, sizeof(*w));
}
