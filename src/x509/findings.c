/* findings.c — turns decoded certificates into warnings an admin can act on. */
#include "findings.h"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/timeutil.h"
#include "../core/xalloc.h"

static const struct {
    const char *name;
    enum x509_severity severity;
} finding_rows[X509_FINDING_COUNT] = {
#define X509_FINDING_ROW(id, name, sev) [id] = {name, sev},
    X509_FINDING_LIST(X509_FINDING_ROW)
#undef X509_FINDING_ROW
};

static const char *const severity_names[] = {"info", "warning", "critical"};

const char *x509_finding_name(enum x509_finding_id id) { return finding_rows[id].name; }
const char *x509_severity_name(enum x509_severity sev) { return severity_names[sev]; }

void x509_findings_add(struct x509_findings *f, enum x509_finding_id id, size_t cert,
                       const char *fmt, ...)
{
    f->items = xreallocarray(f->items, f->count + 1, sizeof(*f->items));
    struct x509_finding *it = &f->items[f->count++];
    it->id = id;
    it->severity = finding_rows[id].severity;
    it->cert = cert;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(it->message, sizeof(it->message), fmt, ap);
    va_end(ap);
}

void x509_findings_free(struct x509_findings *f)
{
    free(f->items);
    memset(f, 0, sizeof(*f));
}

enum x509_severity x509_findings_worst(const struct x509_findings *f)
{
    enum x509_severity worst = X509_SEV_INFO;
    for (size_t i = 0; i < f->count; i++)
        if (f->items[i].severity > worst)
            worst = f->items[i].severity;
    return worst;
}

static const char *who(const struct x509_cert *c)
{
    const char *cn = x509_cert_common_name(c);
    return cn ? cn : c->subject.text;
}

static void check_validity(const struct x509_cert *c, size_t i, const struct x509_check_opts *o,
                           struct x509_findings *out)
{
    char when[32], words[32];
    time_expiry_words(c->not_after, o->now, words, sizeof(words));
    if (c->not_after <= o->now) {
        time_format_human(c->not_after, when, sizeof(when));
        x509_findings_add(out, X509_FIND_EXPIRED, i, "%s expired on %s (%s)", who(c), when,
                          words + strlen("expired "));
    } else if (time_days_left(c->not_after, o->now) < o->warn_days) {
        time_format_human(c->not_after, when, sizeof(when));
        x509_findings_add(out, X509_FIND_EXPIRING, i, "%s expires on %s (%s)", who(c), when,
                          words);
    }
    if (c->not_before > o->now) {
        time_format_human(c->not_before, when, sizeof(when));
        x509_findings_add(out, X509_FIND_NOT_YET_VALID, i, "%s is not valid before %s", who(c),
                          when);
    }
}

static void check_strength(const struct x509_cert *c, size_t i, struct x509_findings *out)
{
    /* A root's own signature is never checked by clients, so its hash does not matter. */
    if (!c->self_signed &&
        (strcmp(c->signature_hash, "SHA1") == 0 || strcmp(c->signature_hash, "MD5") == 0))
        x509_findings_add(out, X509_FIND_WEAK_SIGNATURE, i,
                          "%s is signed with %s, which browsers and clients reject", who(c),
                          c->signature_hash);
    if (strncmp(c->key_algorithm, "RSA", 3) == 0 && c->key_bits < 2048)
        x509_findings_add(out, X509_FIND_WEAK_KEY, i,
                          "%s has a %d-bit RSA key; 2048 bits is the minimum", who(c), c->key_bits);
    if (!c->is_ca && (!c->has_san || c->san_count == 0))
        x509_findings_add(out, X509_FIND_NO_SAN, i,
                          "%s has no subject alternative names; clients ignore the CN and will "
                          "not accept it for any host name", who(c));
}

static bool issuer_in_file(const struct x509_certs *certs, size_t leaf)
{
    for (size_t j = 0; j < certs->count; j++)
        if (j != leaf && x509_cert_issued_by(&certs->items[leaf], &certs->items[j]))
            return true;
    return false;
}

/* Whether the trust store (ca_file, or the system's) holds the issuer: a leaf
 * issued straight by a root needs nothing else. The system's store is read
 * as its hashed directory, which looks up one name instead of parsing the
 * whole bundle on every check. */
static bool issuer_trusted(const struct x509_cert *c, const char *ca_file)
{
    const char *dir = getenv(X509_get_default_cert_dir_env());
    if (!dir || !*dir)
        dir = X509_get_default_cert_dir();
    X509_STORE *store = X509_STORE_new();
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    X509 *issuer = NULL;
    bool found = false;
    if (store && ctx &&
        (ca_file ? X509_STORE_load_file(store, ca_file) : X509_STORE_load_path(store, dir)) == 1 &&
        X509_STORE_CTX_init(ctx, store, c->x509, NULL) == 1)
        found = X509_STORE_CTX_get1_issuer(&issuer, ctx, c->x509) == 1;
    X509_free(issuer);
    X509_STORE_CTX_free(ctx);
    X509_STORE_free(store);
    ERR_clear_error();
    return found;
}

/* The most common ELB/WAF mistake: the server certificate alone, without the
 * intermediate that issued it (browsers may cope, API clients do not). */
static void check_complete(const struct x509_certs *certs, size_t leaf, const char *ca_file,
                           struct x509_findings *out)
{
    const struct x509_cert *c = &certs->items[leaf];
    if (c->self_signed || c->is_ca || issuer_in_file(certs, leaf) || issuer_trusted(c, ca_file))
        return;
    x509_findings_add(out, X509_FIND_CHAIN_INCOMPLETE, leaf,
                      "the issuer of %s (%s) is not among the certificates given: append the "
                      "intermediate certificate(s) after it, or clients that lack them reject "
                      "the chain", who(c), c->issuer.text);
}

static void check_chain(const struct x509_certs *certs, const struct x509_chain *ch,
                        struct x509_findings *out)
{
    if (ch->in_order)
        return;
    if (ch->reorderable) {
        char order[256] = "";
        size_t used = 0;
        for (size_t k = 0; k < ch->layers && used < sizeof(order); k++)
            used += (size_t)snprintf(order + used, sizeof(order) - used, "%s%zu", k ? ", " : "",
                                     ch->order[k] + 1);
        x509_findings_add(out, X509_FIND_CHAIN_ORDER, SIZE_MAX,
                          "the chain is out of order: put the certificates in the order %s "
                          "(leaf first, each followed by its issuer)", order);
        return;
    }
    size_t i = ch->broken_at;
    x509_findings_add(out, X509_FIND_CHAIN_BROKEN, i,
                      "certificate %zu (%s) was not issued by certificate %zu (%s), and no order "
                      "of these certificates forms a chain", i + 1, who(&certs->items[i]), i + 2,
                      who(&certs->items[i + 1]));
}

void x509_check(const struct x509_certs *certs, const struct x509_chain *chain,
                const struct x509_key *key, const struct x509_check_opts *opts,
                struct x509_findings *out)
{
    x509_check_trusting(certs, chain, key, opts, NULL, out);
}

void x509_check_trusting(const struct x509_certs *certs, const struct x509_chain *chain,
                         const struct x509_key *key, const struct x509_check_opts *opts,
                         const char *ca_file, struct x509_findings *out)
{
    for (size_t i = 0; i < certs->count; i++) {
        check_validity(&certs->items[i], i, opts, out);
        check_strength(&certs->items[i], i, out);
    }
    size_t leaf = chain && chain->reorderable ? chain->order[0] : 0;
    if (chain)
        check_chain(certs, chain, out);
    if (certs->count)
        check_complete(certs, leaf, ca_file, out);
    if (key && certs->count) {
        if (!x509_key_matches_cert(key, &certs->items[leaf]))
            x509_findings_add(out, X509_FIND_KEY_MISMATCH, leaf,
                              "the private key does not belong to %s (its public key differs)",
                              who(&certs->items[leaf]));
    }
}
