/* fields.c — turns a decoded certificate into display rows (label, value). */
#include "fields.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/timeutil.h"
#include "../core/xalloc.h"

static void add(struct x509_fields *f, const char *group, const char *label, char *value)
{
    f->items = xreallocarray(f->items, f->count + 1, sizeof(*f->items));
    f->items[f->count++] = (struct x509_field){group, label, value};
}

static void add_list(struct x509_fields *f, const char *group, const char *label,
                     const struct strlist *list)
{
    for (size_t i = 0; i < list->count; i++)
        add(f, group, label, xstrdup(list->items[i]));
}

static void add_name(struct x509_fields *f, const char *group, const struct x509_name *n)
{
    add(f, group, "", xstrdup(n->text));
    for (size_t i = 0; i < n->count; i++)
        add(f, group, n->attrs[i].key, xstrdup(n->attrs[i].value));
}

void x509_key_summary(const char *algorithm, int bits, const char *curve, char *out, size_t size)
{
    if (curve && *curve)
        snprintf(out, size, "%s %s", algorithm, curve);
    else if (strcmp(algorithm, "Ed25519") == 0 || strcmp(algorithm, "Ed448") == 0)
        snprintf(out, size, "%s", algorithm);
    else
        snprintf(out, size, "%s %d", algorithm, bits);
}

static void add_validity(struct x509_fields *f, const struct x509_cert *c, int64_t now)
{
    char when[32];
    time_format_human(c->not_before, when, sizeof(when));
    add(f, "Validity", "Not before", xstrdup(when));
    time_format_human(c->not_after, when, sizeof(when));
    add(f, "Validity", "Not after", xstrdup(when));
    char words[32];
    add(f, "Validity", "Expiry", xstrdup(time_expiry_words(c->not_after, now, words, sizeof(words))));
}

static void add_sans(struct x509_fields *f, const struct x509_cert *c)
{
    if (!c->has_san)
        add(f, "Subject alternative names", "", xstrdup("(none)"));
    for (size_t i = 0; i < c->san_count; i++) {
        const struct x509_san *s = &c->sans[i];
        char *v = s->unicode ? xasprintf("%s (%s)", s->unicode, s->value) : xstrdup(s->value);
        add(f, "Subject alternative names", x509_san_kind_label(s->kind), v);
    }
}

static void add_extensions(struct x509_fields *f, const struct x509_cert *c)
{
    const char *g = "Extensions";
    if (c->key_usage.count) {
        char *ku = strlist_join(&c->key_usage, ", ");
        add(f, g, "Key usage", c->key_usage_critical ? xasprintf("%s (critical)", ku) : xstrdup(ku));
        free(ku);
    }
    if (c->ext_key_usage.count)
        add(f, g, "Extended key usage", strlist_join(&c->ext_key_usage, ", "));
    if (c->has_basic_constraints) {
        if (!c->is_ca)
            add(f, g, "Basic constraints", xstrdup("not a CA"));
        else if (c->path_len >= 0)
            add(f, g, "Basic constraints", xasprintf("CA, path length %ld", c->path_len));
        else
            add(f, g, "Basic constraints", xstrdup("CA, unlimited path length"));
    }
    if (c->subject_key_id)
        add(f, g, "Subject key id", xstrdup(c->subject_key_id));
    if (c->authority_key_id)
        add(f, g, "Authority key id", xstrdup(c->authority_key_id));
    add_list(f, g, "OCSP", &c->ocsp_urls);
    add_list(f, g, "CA issuers", &c->ca_issuer_urls);
    add_list(f, g, "CRL", &c->crl_urls);
    add_list(f, g, "Policy", &c->policies);
}

void x509_cert_fields(const struct x509_cert *c, int64_t now, struct x509_fields *out)
{
    memset(out, 0, sizeof(*out));
    add_name(out, "Subject", &c->subject);
    add_name(out, "Issuer", &c->issuer);
    add_validity(out, c, now);
    const char *g = "Certificate";
    add(out, g, "Serial", xstrdup(c->serial_hex));
    add(out, g, "Version", xasprintf("%d", c->version));
    add(out, g, "Signature", xstrdup(c->signature_algorithm));
    char key[64];
    x509_key_summary(c->key_algorithm, c->key_bits, c->key_curve, key, sizeof(key));
    add(out, g, "Public key", xstrdup(key));
    add(out, g, "SHA-1", xstrdup(c->sha1));
    add(out, g, "SHA-256", xstrdup(c->sha256));
    if (c->self_signed)
        add(out, g, "Self-signed", xstrdup("yes (a root)"));
    else if (c->self_issued)
        add(out, g, "Self-issued", xstrdup("yes, but its signature does not verify"));
    add_sans(out, c);
    add_extensions(out, c);
}

void x509_fields_free(struct x509_fields *f)
{
    for (size_t i = 0; i < f->count; i++)
        free(f->items[i].value);
    free(f->items);
    memset(f, 0, sizeof(*f));
}
