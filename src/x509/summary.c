/* summary.c — quick walker first, full decoder as the fallback (see summary.h). */
#include "summary.h"

#include <stdio.h>
#include <string.h>

#include "../core/xalloc.h"

/* "AB:CD:…" (the full decoder's form) to "abcd…" (the summary's). */
static void plain_hex(const char *colon_hex, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = colon_hex; *p && n + 1 < size; p++)
        if (*p != ':')
            out[n++] = (char)(*p >= 'A' && *p <= 'F' ? *p + ('a' - 'A') : *p);
    out[n] = '\0';
}

void x509_summary_from_cert(const struct x509_cert *c, struct x509_summary *out)
{
    memset(out, 0, sizeof(*out));
    out->version = c->version;
    snprintf(out->serial_hex, sizeof(out->serial_hex), "%s", c->serial_hex);
    out->subject = xstrdup(c->subject.text);
    out->issuer = xstrdup(c->issuer.text);
    const char *cn = x509_cert_common_name(c);
    out->common_name = cn ? xstrdup(cn) : NULL;
    out->not_before = c->not_before;
    out->not_after = c->not_after;
    snprintf(out->signature_algorithm, sizeof(out->signature_algorithm), "%s",
             c->signature_algorithm);
    snprintf(out->key_algorithm, sizeof(out->key_algorithm), "%s", c->key_algorithm);
    out->key_bits = c->key_bits;
    snprintf(out->key_curve, sizeof(out->key_curve), "%s", c->key_curve ? c->key_curve : "");
    plain_hex(c->sha1, out->sha1, sizeof(out->sha1));
    plain_hex(c->sha256, out->sha256, sizeof(out->sha256));
    struct strlist *by_kind[X509_SAN_KIND_COUNT] = {
        [X509_SAN_DNS] = &out->dns, [X509_SAN_IP] = &out->ips,
        [X509_SAN_EMAIL] = &out->emails, [X509_SAN_URI] = &out->uris,
    };
    for (size_t i = 0; i < c->san_count; i++)
        if (by_kind[c->sans[i].kind])
            strlist_push(by_kind[c->sans[i].kind], c->sans[i].value);
    out->has_san = c->has_san;
    out->is_ca = c->is_ca;
}

bool x509_summary_load(const char *data, size_t len, struct x509_summary *out)
{
    if (x509_summary_from_pem(data, len, out))
        return true;
    x509_summary_free(out);
    struct x509_certs certs;
    struct cd_error err;
    if (x509_certs_from_mem(data, len, "certificate", &certs, &err) != CD_OK)
        return false;
    x509_summary_from_cert(&certs.items[0], out);
    out->der_len = 0; /* not known here, and not needed by summary readers */
    x509_certs_free(&certs);
    return true;
}
