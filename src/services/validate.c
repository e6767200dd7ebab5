/* validate.c — local checks before an upload, with one specific message each. */
#include "validate.h"

#include <ctype.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/timeutil.h"
#include "../core/wipe.h"
#include "../core/xalloc.h"
#include "../x509/bundle.h"
#include "../x509/ossl.h"

static char *take_bio(BIO *b)
{
    char *data = NULL;
    long n = BIO_get_mem_data(b, &data);
    char *s = xstrndup(data ? data : "", n > 0 ? (size_t)n : 0);
    return s;
}

/* The chain in `order` (or file order), re-encoded as clean PEM. */
static char *chain_pem(const struct x509_certs *certs, const size_t *order)
{
    BIO *b = BIO_new(BIO_s_mem());
    for (size_t i = 0; i < certs->count; i++)
        PEM_write_bio_X509(b, (X509 *)certs->items[order ? order[i] : i].x509);
    char *s = take_bio(b);
    BIO_free(b);
    return s;
}

/* The key as unencrypted PKCS#8: the services take no passphrases. The BIO is
 * secure memory, cleared when freed. */
static char *key_pem(const struct x509_key *key)
{
    BIO *b = BIO_new(BIO_s_secmem());
    PEM_write_bio_PrivateKey(b, (EVP_PKEY *)x509_key_evp(key), NULL, NULL, 0, NULL, NULL);
    char *s = take_bio(b);
    BIO_free(b);
    return s;
}

cd_status upload_check_text(int service, const char *name, const char *description,
                            struct cd_error *err)
{
    const struct service_ops *ops = services[service];
    const struct svc_rules *r = ops->rules;
    char why[256] = "";
    if (name && strlen(name) > r->name_max)
        return cd_error_set(err, CD_ERR_INVALID, "%s: the name is %zu characters long; at most %zu",
                            ops->id, strlen(name), r->name_max);
    if (name && r->name_ok && !r->name_ok(name, why, sizeof(why)))
        return cd_error_set(err, CD_ERR_INVALID, "%s: the name \"%s\" is not allowed: %s", ops->id,
                            name, why);
    if (description && !(ops->caps & SVC_CAP_DESCRIPTION))
        return cd_error_set(err, CD_ERR_INVALID, "%s certificates have no description", ops->id);
    if (description && r->description_max && strlen(description) > r->description_max)
        return cd_error_set(err, CD_ERR_INVALID, "%s: the description is longer than %zu "
                            "characters", ops->id, r->description_max);
    return CD_OK;
}

/* One name of a domain list; why says what is wrong with it. */
static bool domain_name_ok(const char *name, size_t len, char *why, size_t why_size)
{
    if (!len) {
        snprintf(why, why_size, "it is empty (a ',' at the start, at the end or twice)");
        return false;
    }
    if (len >= 2 && name[0] == '*' && name[1] == '.') {
        name += 2;
        len -= 2;
    }
    if (!len) {
        snprintf(why, why_size, "it has no name after \"*.\"");
        return false;
    }
    for (size_t at = 0; at <= len;) {
        size_t label = 0;
        while (at + label < len && name[at + label] != '.')
            label++;
        const char *l = name + at;
        if (!label) {
            snprintf(why, why_size, "it has an empty label (a '.' at the start, at the end or twice)");
            return false;
        }
        if (label > 63) {
            snprintf(why, why_size, "a label is %zu characters long; at most 63", label);
            return false;
        }
        for (size_t i = 0; i < label; i++) {
            unsigned char ch = (unsigned char)l[i];
            if (ch == '*') {
                snprintf(why, why_size, "'*' may only open the name, as \"*.\"");
                return false;
            }
            if (!(ch < 0x80 && (isalnum(ch) || ch == '-'))) {
                snprintf(why, why_size, "labels hold only letters, digits and '-' ('%c' is not)", ch);
                return false;
            }
        }
        if (l[0] == '-' || l[label - 1] == '-') {
            snprintf(why, why_size, "a label may not start or end with '-'");
            return false;
        }
        at += label + 1;
    }
    return true;
}

cd_status upload_check_domain(int service, const char *domain, bool update, struct cd_error *err)
{
    if (!domain || !*domain)
        return CD_OK;
    const struct service_ops *ops = services[service];
    const struct svc_rules *r = ops->rules;
    size_t names_max = update ? r->domains_max_update : r->domains_max;
    size_t chars_max = update ? r->domain_chars_max_update : r->domain_chars_max;
    const char *op = update ? "an update" : "a create";
    if (chars_max && strlen(domain) > chars_max)
        return cd_error_set(err, CD_ERR_INVALID, "%s: the domain list is %zu characters long; "
                            "%s takes at most %zu", ops->id, strlen(domain), op, chars_max);
    size_t count = 0;
    for (const char *p = domain;; p++) {
        size_t len = strcspn(p, ",");
        char why[128];
        count++;
        if (!domain_name_ok(p, len, why, sizeof(why)))
            return cd_error_set(err, CD_ERR_INVALID, "%s: domain name %zu \"%.*s\" is not "
                                "allowed: %s", ops->id, count, (int)(len > 200 ? 200 : len), p, why);
        p += len;
        if (!*p)
            break;
    }
    if (names_max && count > names_max)
        return cd_error_set(err, CD_ERR_INVALID, "%s: the domain list has %zu names; %s takes "
                            "at most %zu", ops->id, count, op, names_max);
    return CD_OK;
}

static cd_status check_chain(const struct x509_bundle *cb, const struct upload_checks *checks,
                             struct cd_error *err)
{
    const struct x509_chain *ch = &cb->chain;
    if (ch->in_order)
        return CD_OK;
    if (ch->reorderable && checks->fix_order)
        return CD_OK;
    if (ch->reorderable) {
        char order[128] = "";
        size_t used = 0;
        for (size_t i = 0; i < ch->layers && used < sizeof(order); i++)
            used += (size_t)snprintf(order + used, sizeof(order) - used, "%s%zu", i ? ", " : "",
                                     ch->order[i] + 1);
        return cd_error_set(err, CD_ERR_INVALID, "%s: the chain is out of order; it must be "
                            "%s (leaf first) — fix the file or add --fix-order", cb->path, order);
    }
    return cd_error_set(err, CD_ERR_INVALID, "%s: certificate %zu was not issued by certificate "
                        "%zu and no order of them forms a chain (is a certificate missing or "
                        "foreign?)", cb->path, ch->broken_at + 1, ch->broken_at + 2);
}

static cd_status check_limits(int service, const struct upload_material *m, struct cd_error *err)
{
    const struct service_ops *ops = services[service];
    const struct svc_rules *r = ops->rules;
    if (r->layers_max && m->layers > r->layers_max)
        return cd_error_set(err, CD_ERR_INVALID, "%s takes chains of at most %zu certificates; "
                            "this one has %zu", ops->id, r->layers_max, m->layers);
    if (r->cert_max && strlen(m->cert_pem) > r->cert_max)
        return cd_error_set(err, CD_ERR_INVALID, "%s takes certificates of at most %zu "
                            "characters; this PEM has %zu", ops->id, r->cert_max, strlen(m->cert_pem));
    if (r->key_max && strlen(m->key_pem) > r->key_max)
        return cd_error_set(err, CD_ERR_INVALID, "%s takes private keys of at most %zu "
                            "characters; this one has %zu", ops->id, r->key_max, strlen(m->key_pem));
    return CD_OK;
}

cd_status upload_prepare(int service, const char *cert_path, const char *key_path,
                         const struct upload_checks *checks, struct upload_material *out,
                         struct cd_error *err)
{
    memset(out, 0, sizeof(*out));
    struct x509_bundle cb, kb;
    memset(&kb, 0, sizeof(kb));
    x509_bundle_load(cert_path, X509_EXPECT_CERT, checks->passphrase, checks->passphrase_ud, &cb);
    if (key_path)
        x509_bundle_load(key_path, X509_EXPECT_KEY, checks->passphrase, checks->passphrase_ud, &kb);
    else /* the key travels with the certificates (PKCS#12, or a combined PEM) */
        key_path = cert_path;
    const struct x509_key *key = kb.key ? kb.key : cb.key;
    cd_status rc = CD_OK;
    if (cb.status != CD_OK) {
        *err = cb.err;
        rc = cb.status;
    } else if (cb.certs.count == 0) {
        rc = cd_error_set(err, CD_ERR_KEY_NOT_CERT, "%s holds a private key, not a certificate "
                          "(are --cert and --key swapped?)", cert_path);
    } else if (kb.path && kb.status != CD_OK) {
        *err = kb.err;
        rc = kb.status;
    } else if (kb.path && !kb.key) {
        rc = cd_error_set(err, CD_ERR_CERT_NOT_KEY, "%s holds a certificate, not a private key "
                          "(are --cert and --key swapped?)", key_path);
    } else if (!key) {
        rc = cd_error_set(err, CD_ERR_NO_KEY, "%s holds no private key: give it with --key FILE",
                          cert_path);
    }
    if (rc == CD_OK)
        rc = check_chain(&cb, checks, err);
    size_t leaf = cb.chain.reorderable ? cb.chain.order[0] : 0;
    if (rc == CD_OK && !x509_key_matches_cert(key, &cb.certs.items[leaf]))
        rc = cd_error_set(err, CD_ERR_KEY_MISMATCH, "the private key in %s does not belong to the "
                          "certificate in %s", key_path, cert_path);
    if (rc == CD_OK) {
        const struct x509_cert *c = &cb.certs.items[leaf];
        int64_t now = cd_now();
        char when[32];
        time_format_human(c->not_after, when, sizeof(when));
        if (c->not_after <= now && !checks->allow_expired)
            rc = cd_error_set(err, CD_ERR_INVALID, "%s expired on %s; renew it first (or add "
                              "--allow-expired)", cert_path, when);
        else if (c->not_after <= now && services[service]->rules->reject_expired)
            rc = cd_error_set(err, CD_ERR_INVALID, "%s refuses expired certificates (%s expired "
                              "on %s)", services[service]->id, cert_path, when);
    }
    if (rc == CD_OK) {
        const struct x509_cert *c = &cb.certs.items[leaf];
        out->cert_pem = chain_pem(&cb.certs, cb.chain.reorderable ? cb.chain.order : NULL);
        out->key_pem = key_pem(key);
        const char *cn = x509_cert_common_name(c);
        out->common_name = xstrdup(cn ? cn : c->subject.text);
        out->not_after = c->not_after;
        out->layers = cb.certs.count;
        out->reordered = cb.chain.reorderable;
        rc = check_limits(service, out, err);
        if (rc != CD_OK)
            upload_material_free(out);
    }
    x509_bundle_free(&cb);
    x509_bundle_free(&kb);
    return rc;
}

void upload_material_free(struct upload_material *m)
{
    free(m->cert_pem);
    wipe_free_str(m->key_pem);
    free(m->common_name);
    memset(m, 0, sizeof(*m));
}
