/* cert-lookup.h — one certificate fetched before a command changes it, and the
 * facts about it that `update` and `delete` show (name, expiry, issuer, names,
 * fingerprint). */
#ifndef CD_CERT_LOOKUP_H
#define CD_CERT_LOOKUP_H

#include <stdint.h>

#include "../core/record.h"
#include "../services/service.h"

struct cert_facts {
    char sha1[41];          /* lower-case hex of the leaf, "" when unknown */
    char issuer[256];       /* RFC 4514, "" when unknown */
    char names[512];        /* the DNS names, comma-separated, or the CN */
    int64_t not_after;      /* 0 when unknown */
};

/* The certificate `id` of ctx's service: its show call, or its list where the
 * service has no show (CAE). An unknown id is CD_ERR_NOT_FOUND. */
cd_status cert_lookup(struct svc_ctx *ctx, const char *id, struct cert_record *out);
/* The facts of a record: decoded from its PEM when the service returned it,
 * else the service's own fields. */
void cert_facts_of_record(const struct cert_record *r, struct cert_facts *out);
/* The facts of a PEM chain's leaf (a certificate about to be sent). */
void cert_facts_of_pem(const char *pem, struct cert_facts *out);

#endif
