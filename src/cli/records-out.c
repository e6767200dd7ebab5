/* records-out.c — one record for people (`show`) in the layout of `inspect`:
 * the summary and findings first, then the service's fields under readable
 * labels, then every field of each layer; or the chain alone as PEM. */
#include "records-out.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../core/timeutil.h"
#include "../services/service.h"
#include "../x509/pem.h"
#include "inspect.h"

#define LABEL_W 20 /* "    %-20s " as in inspect's fields */

/* The services' own field names (the record's `extra`) as people read them. */
static const struct {
    const char *key;
    const char *label;
} extra_labels[] = {
    {"instance_id", "ROMA instance"},
    {"algorithm_type", "Algorithm"},
    {"organization", "Organization"},
    {"organizational_unit", "Organizational unit"},
    {"country", "Country"},
    {"bound_hosts", "Bound hosts"},
    {"enterprise_project_id", "Enterprise project"},
    {"source", "Source"},
    {"scm_certificate_id", "SCM certificate"},
    {"protection_status", "Protection"},
};

/* A field without a row: "some_field" → "Some field". */
static void extra_label(const char *key, char *out, size_t size)
{
    for (size_t i = 0; i < sizeof(extra_labels) / sizeof(extra_labels[0]); i++)
        if (strcmp(extra_labels[i].key, key) == 0) {
            snprintf(out, size, "%s", extra_labels[i].label);
            return;
        }
    snprintf(out, size, "%s", key);
    for (char *p = out; *p; p++)
        if (*p == '_')
            *p = ' ';
    out[0] = (char)toupper((unsigned char)out[0]);
}

static void print_row(const struct term_look *look, const char *label, const char *value, FILE *out)
{
    fprintf(out, "    %-*s ", LABEL_W, label);
    term_print_value(look, 4 + LABEL_W + 1, value, out);
}

/* One fingerprint format everywhere: a SHA-1 as colon upper-case hex, as
 * inspect prints it, whatever form the service gave. */
static void fingerprint_text(const char *given, char *out, size_t size)
{
    char digits[41];
    size_t n = 0;
    for (const char *p = given; *p && n <= 40; p++)
        if (isxdigit((unsigned char)*p))
            digits[n < 40 ? n : 40] = (char)toupper((unsigned char)*p), n++;
    if (n != 40) {
        snprintf(out, size, "%s", given);
        return;
    }
    size_t used = 0;
    for (size_t i = 0; i < 40 && used + 3 < size; i += 2)
        used += (size_t)snprintf(out + used, size - used, "%s%.2s", i ? ":" : "", digits + i);
}

static void print_extra(const struct term_look *look, const char *extra, FILE *out)
{
    cJSON *root = cJSON_Parse(extra), *it;
    cJSON_ArrayForEach(it, root) {
        char label[48];
        extra_label(it->string, label, sizeof(label));
        if (cJSON_IsString(it)) {
            print_row(look, label, it->valuestring, out);
        } else if (cJSON_IsArray(it)) {
            struct strlist items = {0};
            cJSON *v;
            cJSON_ArrayForEach(v, it)
                if (cJSON_IsString(v))
                    strlist_push(&items, v->valuestring);
            char *joined = strlist_join(&items, ", ");
            print_row(look, label, joined, out);
            free(joined);
            strlist_free(&items);
        }
    }
    cJSON_Delete(root);
}

static void print_service_fields(const struct cert_record *r, const struct term_look *look, FILE *out)
{
    char when[32], fp[64];
    fprintf(out, "  %s certificate\n", services[r->service]->title);
    print_row(look, "Id", r->id, out);
    print_row(look, "Name", r->name, out);
    if (*r->description)
        print_row(look, "Description", r->description, out);
    if (*r->type)
        print_row(look, "Type", r->type, out);
    if (*r->scope)
        print_row(look, "Scope", r->scope, out);
    if (r->created) {
        time_format_human(r->created, when, sizeof(when));
        print_row(look, "Uploaded", when, out);
    }
    if (r->updated && r->updated != r->created) {
        time_format_human(r->updated, when, sizeof(when));
        print_row(look, "Updated", when, out);
    }
    if (*r->fingerprint) {
        fingerprint_text(r->fingerprint, fp, sizeof(fp));
        print_row(look, "SHA-1", fp, out);
    }
    print_extra(look, r->extra, out);
}

/* The summary from what the service decoded, when it returns no PEM (APIC). */
static void print_record_summary(const struct cert_record *r, const struct record_text_opts *o,
                                 FILE *out)
{
    const char *who = *r->common_name ? r->common_name : r->name;
    char until[32], words[32];
    if (r->not_after) {
        time_format_human(r->not_after, until, sizeof(until));
        time_expiry_words(r->not_after, o->now, words, sizeof(words));
        if (r->not_after <= o->now)
            fprintf(out, "%s — %sEXPIRED on %s (%s)%s\n", who, term_on(&o->look, TONE_CRITICAL),
                    until, words, term_off(&o->look));
        else
            fprintf(out, "%s — valid until %s (%s)\n", who, until, words);
    } else {
        fprintf(out, "%s — expiry not given by the service\n", who);
    }
    char *names = strlist_join(&r->domains, ", ");
    fprintf(out, "  names     %s\n", *names ? names : "(none given)");
    free(names);
    if (*r->issuer)
        fprintf(out, "  issuer    %s\n", r->issuer);
    if (*r->serial)
        fprintf(out, "  serial    %s\n", r->serial);
    if (*r->signature_algorithm)
        fprintf(out, "  signature %s\n", r->signature_algorithm);
    fprintf(out, "  note      %s returns what it decoded, not the certificate itself\n",
            services[r->service]->title);
}

void record_print_text(const struct cert_record *r, const struct record_text_opts *o, FILE *out)
{
    struct inspect_run run = {.now = o->now, .warn_days = o->warn_days, .look = o->look};
    struct inspect_item it;
    memset(&it, 0, sizeof(it));
    bool decoded = false;
    if (r->pem) {
        x509_bundle_from_mem(r->pem, strlen(r->pem), r->name, X509_EXPECT_CERT, NULL, NULL, &it.b);
        decoded = it.b.status == CD_OK && it.b.certs.count > 0;
    }
    if (decoded) {
        struct x509_check_opts check = {o->now, o->warn_days};
        x509_check(&it.b.certs, &it.b.chain, NULL, &check, &it.b.findings);
        inspect_print_summary(&run, &it, out);
    } else {
        print_record_summary(r, o, out);
        if (r->pem)
            fprintf(out, "  %sCRITICAL%s  the certificate the service returned does not decode: %s\n",
                    term_on(&o->look, TONE_CRITICAL), term_off(&o->look), it.b.err.message);
    }
    fputc('\n', out);
    print_service_fields(r, &o->look, out);
    if (decoded)
        inspect_print_layers(&run, &it, out);
    x509_bundle_free(&it.b);
}

int record_print_pem(const struct cert_record *r, FILE *out)
{
    struct pem_set set;
    struct cd_error err;
    if (!r->pem || pem_parse(r->pem, strlen(r->pem), r->name, &set, &err) != CD_OK)
        return -1;
    int printed = 0;
    for (size_t i = 0; i < set.count; i++)
        if (set.blocks[i].kind == PEM_CERT) { /* never a key, whatever the text holds */
            const struct pem_block *b = &set.blocks[i];
            fprintf(out, "%.*s%s", (int)b->src_len, b->src,
                    b->src_len && b->src[b->src_len - 1] == '\n' ? "" : "\n");
            printed++;
        }
    pem_set_free(&set);
    return printed;
}
