/* inspect-text.c — the human-readable report of `certdeck inspect` (and the
 * certificate part of `show`): a short summary per file first — who, names,
 * until when, chain, key, findings — then every field of each chain layer. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../core/punycode.h"
#include "../core/timeutil.h"
#include "../x509/fields.h"
#include "inspect.h"

#define SUMMARY_NAMES 6 /* SANs listed in the summary before "+N more" */
#define SUMMARY_COL 12  /* where summary values start ("  names     ") */
#define FIELD_COL 25    /* where field values start ("    Serial               ") */

static const char *who(const struct x509_cert *c)
{
    const char *cn = x509_cert_common_name(c);
    return cn ? cn : c->subject.text;
}

/* "bücher.example (xn--bcher-kva.example)": Unicode for people, the ASCII
 * form beside it for what the configuration files and DNS hold. */
static void print_names(const struct x509_cert *c, FILE *out)
{
    fprintf(out, "  names     ");
    if (c->san_count == 0)
        fprintf(out, "(no subject alternative names)");
    for (size_t i = 0; i < c->san_count && i < SUMMARY_NAMES; i++) {
        const struct x509_san *s = &c->sans[i];
        fprintf(out, "%s", i ? ", " : "");
        if (s->unicode)
            fprintf(out, "%s (%s)", s->unicode, s->value);
        else
            fprintf(out, "%s", s->value);
    }
    if (c->san_count > SUMMARY_NAMES)
        fprintf(out, " (+%zu more)", c->san_count - SUMMARY_NAMES);
    fputc('\n', out);
}

static void print_chain_line(const struct x509_chain *ch, FILE *out)
{
    fprintf(out, "  chain     %zu certificate%s", ch->layers, ch->layers == 1 ? "" : "s");
    if (ch->layers > 1)
        fprintf(out, ", %s", ch->in_order ? "in order" : ch->reorderable ? "OUT OF ORDER" : "BROKEN");
    if (ch->ends_in_root)
        fprintf(out, ", ends in a self-signed root");
    fputc('\n', out);
}

static void print_key_line(const struct term_look *look, const struct x509_key *key,
                           const char *path, const char *verdict, bool bad, FILE *out)
{
    const struct x509_key_info *ki = x509_key_info(key);
    char desc[64];
    x509_key_summary(ki->algorithm, ki->bits, ki->curve, desc, sizeof(desc));
    fprintf(out, "  key       %s, %s, from %s", desc, x509_key_format_label(ki->format), path);
    if (verdict)
        fprintf(out, " — %s%s%s", term_on(look, bad ? TONE_CRITICAL : TONE_GOOD), verdict,
                term_off(look));
    fputc('\n', out);
}

static void print_findings(const struct term_look *look, const struct x509_findings *f, FILE *out)
{
    if (f->count == 0)
        fprintf(out, "  %sok%s        no warnings\n", term_on(look, TONE_GOOD), term_off(look));
    for (size_t i = 0; i < f->count; i++) {
        enum x509_severity sev = f->items[i].severity;
        const char *label = sev == X509_SEV_CRITICAL ? "CRITICAL" : sev == X509_SEV_WARNING ? "WARNING" : "note";
        enum term_tone tone = sev == X509_SEV_CRITICAL ? TONE_CRITICAL : sev == X509_SEV_WARNING ? TONE_WARNING : TONE_DIM;
        fprintf(out, "  %s%-9s%s ", term_on(look, tone), label, term_off(look));
        term_print_value(look, SUMMARY_COL, f->items[i].message, out);
    }
}

/* The leaf's name at the head of the summary; an IDN common name in Unicode
 * with its ASCII form beside it. */
static void print_who(const struct x509_cert *c, FILE *out)
{
    const char *name = who(c);
    char *unicode = idn_to_unicode(name);
    if (unicode)
        fprintf(out, "%s (%s)", unicode, name);
    else
        fputs(name, out);
    free(unicode);
}

void inspect_print_summary(const struct inspect_run *run, const struct inspect_item *it, FILE *out)
{
    const struct x509_cert *leaf = &it->b.certs.items[inspect_leaf(it)];
    print_who(leaf, out);
    char until[32], words[32];
    time_format_human(leaf->not_after, until, sizeof(until));
    time_expiry_words(leaf->not_after, run->now, words, sizeof(words));
    if (leaf->not_after <= run->now)
        fprintf(out, " — %sEXPIRED on %s (%s)%s\n", term_on(&run->look, TONE_CRITICAL), until,
                words, term_off(&run->look));
    else
        fprintf(out, " — valid until %s (%s)\n", until, words);
    print_names(leaf, out);
    fprintf(out, "  issuer    ");
    term_print_value(&run->look, SUMMARY_COL, leaf->issuer.text, out);
    print_chain_line(&it->b.chain, out);
    if (it->server)
        fprintf(out, "  server    %s, %s; %s for %s\n", it->server->protocol, it->server->cipher,
                it->server->verified ? "the chain verifies" : "the chain DOES NOT VERIFY",
                it->server->servername);
    if (it->paired_key)
        print_key_line(&run->look, it->paired_key, it->paired_key_path,
                       it->key_matches ? "matches" : "DOES NOT MATCH", !it->key_matches, out);
    print_findings(&run->look, &it->b.findings, out);
}

static void print_fields(const struct inspect_run *run, const struct x509_cert *c, FILE *out)
{
    struct x509_fields f;
    x509_cert_fields(c, run->now, &f);
    const char *group = NULL;
    for (size_t i = 0; i < f.count; i++) {
        const struct x509_field *r = &f.items[i];
        if (!group || strcmp(group, r->group) != 0) {
            group = r->group;
            fprintf(out, "  %s\n", group);
        }
        if (r->label[0]) {
            fprintf(out, "    %-20s ", r->label);
            term_print_value(&run->look, FIELD_COL, r->value, out);
        } else {
            fprintf(out, "    ");
            term_print_value(&run->look, 4, r->value, out);
        }
    }
    x509_fields_free(&f);
}

void inspect_print_layers(const struct inspect_run *run, const struct inspect_item *it, FILE *out)
{
    const struct x509_certs *cs = &it->b.certs;
    for (size_t i = 0; i < cs->count; i++) {
        const struct x509_cert *c = &cs->items[i];
        fprintf(out, "\n[%zu/%zu] %s", i + 1, cs->count, who(c));
        if (c->line)
            fprintf(out, "  (line %zu)", c->line);
        fputc('\n', out);
        print_fields(run, c, out);
        if (i + 1 < cs->count)
            fprintf(out, "  Chain\n    %-20s %s\n", "Issued by next",
                    it->b.chain.issued_by_next[i] ? "yes (name and signature match)" : "NO");
    }
}

void inspect_print_item(const struct inspect_run *run, const struct inspect_item *it, FILE *out)
{
    if (it->b.certs.count == 0) {
        char verdict[512];
        snprintf(verdict, sizeof(verdict), "matches the certificate in %s",
                 it->matches_cert_path ? it->matches_cert_path : "");
        print_key_line(&run->look, it->b.key, it->b.path, it->matches_cert_path ? verdict : NULL,
                       false, out);
        fprintf(out, "            (the key's content is never shown)\n");
        print_findings(&run->look, &it->b.findings, out);
        return;
    }
    inspect_print_summary(run, it, out);
    if (!run->short_form)
        inspect_print_layers(run, it, out);
}

void inspect_print_text(const struct inspect_run *run, FILE *out)
{
    bool first = true;
    for (size_t i = 0; i < run->count; i++) {
        const struct inspect_item *it = &run->items[i];
        if (it->b.status != CD_OK)
            continue; /* its error went to stderr, once */
        if (!first)
            fputc('\n', out);
        first = false;
        fprintf(out, "== %s ==\n", it->b.path);
        inspect_print_item(run, it, out);
    }
}
