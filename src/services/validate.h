/* validate.h — everything checked locally before a certificate is sent: the
 * files decode, the key matches, the chain is in order, nothing has expired,
 * and the service's limits hold. Used by `upload`, `update` and the wizard. */
#ifndef CD_VALIDATE_H
#define CD_VALIDATE_H

#include <stdbool.h>

#include "../core/status.h"
#include "../x509/key.h"
#include "service.h"

struct upload_material {
    char *cert_pem;        /* the chain, leaf first, re-encoded */
    char *key_pem;         /* the key as unencrypted PKCS#8 PEM (wiped on free) */
    char *common_name;     /* of the leaf, for messages */
    int64_t not_after;
    size_t layers;
    bool reordered;        /* the chain was put in order (--fix-order) */
};

struct upload_checks {
    bool fix_order;        /* reorder a chain given in the wrong order */
    bool allow_expired;    /* send an expired certificate anyway */
    x509_passphrase_fn passphrase;
    void *passphrase_ud;
};

/* Reads cert_path and key_path and checks them for `service`. key_path NULL:
 * the key is in cert_path (PKCS#12, or a PEM holding both). */
cd_status upload_prepare(int service, const char *cert_path, const char *key_path,
                         const struct upload_checks *checks, struct upload_material *out,
                         struct cd_error *err);
/* Checks a name and description against the service's rules. */
cd_status upload_check_text(int service, const char *name, const char *description,
                            struct cd_error *err);
/* Checks a domain list ("www.example.com,*.example.com") against the
 * service's rules for a create or an update: the count and length limits,
 * each name's labels 1–63 letters, digits and '-' (not first or last), '*'
 * only as a leading "*.". NULL passes; "" passes (it clears the list). */
cd_status upload_check_domain(int service, const char *domain, bool update, struct cd_error *err);
void upload_material_free(struct upload_material *m);

#endif
