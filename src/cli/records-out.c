/* records-out.c — one record for people (`show`): every field, then the chain. */
#include "records-out.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../core/timeutil.h"
#include "../services/service.h"
#include "../x509/cert.h"
#include "../x509/fields.h"

void record_print_text(const struct cert_record *r, int64_t now, FILE *out)
{
    char when[32];
    fprintf(out, "%s certificate %s\n", services[r->service]->title, r->id);
    fprintf(out, "  %-20s %s\n", "Name", r->name);
    if (*r->description)
        fprintf(out, "  %-20s %s\n", "Description", r->description);
    if (*r->type)
        fprintf(out, "  %-20s %s\n", "Type", r->type);
    if (*r->scope)
        fprintf(out, "  %-20s %s\n", "Scope", r->scope);
    fprintf(out, "  %-20s %s\n", "Common name", r->common_name);
    char *domains = strlist_join(&r->domains, ", ");
    fprintf(out, "  %-20s %s\n", "Domains", domains);
    free(domains);
    if (r->not_after) {
        time_format_human(r->not_after, when, sizeof(when));
        char words[32];
        fprintf(out, "  %-20s %s (%s)\n", "Expires", when,
                time_expiry_words(r->not_after, now, words, sizeof(words)));
    }
    if (*r->fingerprint)
        fprintf(out, "  %-20s %s\n", "Fingerprint", r->fingerprint);
    if (r->created) {
        time_format_human(r->created, when, sizeof(when));
        fprintf(out, "  %-20s %s\n", "Uploaded", when);
    }
    cJSON *extra = cJSON_Parse(r->extra), *it;
    cJSON_ArrayForEach(it, extra)
        if (cJSON_IsString(it))
            fprintf(out, "  %-20s %s\n", it->string, it->valuestring);
    cJSON_Delete(extra);
    if (!r->pem) {
        fprintf(out, "\n  (the service does not return the certificate itself; shown above is "
                     "what it decoded)\n");
        if (*r->issuer)
            fprintf(out, "  %-20s %s\n", "Issuer", r->issuer);
        if (*r->serial)
            fprintf(out, "  %-20s %s\n", "Serial", r->serial);
        if (*r->signature_algorithm)
            fprintf(out, "  %-20s %s\n", "Signature", r->signature_algorithm);
        return;
    }
    struct x509_certs certs;
    struct cd_error err;
    if (x509_certs_from_mem(r->pem, strlen(r->pem), r->name, &certs, &err) != CD_OK) {
        fprintf(out, "\n  The certificate returned does not decode: %s\n", err.message);
        return;
    }
    for (size_t i = 0; i < certs.count; i++) {
        const char *cn = x509_cert_common_name(&certs.items[i]);
        fprintf(out, "\n[%zu/%zu] %s\n", i + 1, certs.count, cn ? cn : certs.items[i].subject.text);
        struct x509_fields f;
        x509_cert_fields(&certs.items[i], now, &f);
        const char *group = NULL;
        for (size_t k = 0; k < f.count; k++) {
            if (!group || strcmp(group, f.items[k].group) != 0)
                fprintf(out, "  %s\n", group = f.items[k].group);
            fprintf(out, "    %-20s %s\n", f.items[k].label, f.items[k].value);
        }
        x509_fields_free(&f);
    }
    x509_certs_free(&certs);
}
