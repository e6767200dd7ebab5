/* seed.c — fills the store: the demo set described in assets/demo/seed.tsv, or
 * N synthetic certificates spread over the four services. Synthetic ones reuse
 * a few keys and vary names, serials and dates, so 100,000 take seconds. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/fileio.h"
#include "../core/strlist.h"
#include "../core/timeutil.h"
#include "../core/wipe.h"
#include "../core/xalloc.h"
#include "certgen.h"
#include "demo-dir.h"
#include "emu-internal.h"

#define DAY 86400

/* Builds the record for one generated certificate and hands it to its service. */
static cd_status add_generated(struct emu *emu, enum emu_svc svc, const char *name,
                               char *cert_pem, const char *key_pem, size_t i,
                               struct cd_error *err)
{
    struct emu_decoded d;
    char why[512];
    if (emu_decode_pem(cert_pem, NULL, 0, &d, why, sizeof(why)) != CD_OK)
        return cd_error_set(err, CD_ERR_INTERNAL, "seed: generated certificate %zu: %s", i, why);
    const struct emu_project *p = &emu->cfg->projects[0];
    struct emu_cert *c = emu_cert_new(svc, p->id);
    emu_cert_set_str(&c->name, name);
    emu_cert_set_pem(c, cert_pem, key_pem, &d);
    emu_decoded_free(&d);
    /* spread upload times over the past year */
    c->created_ms = c->updated_ms = (cd_now() - (int64_t)((i * 7919) % 365) * DAY) * 1000;
    emu_services[svc]->seed(c, i);
    emu_store_add(&emu->store, c);
    return CD_OK;
}

static void split(const char *s, char sep, struct strlist *out)
{
    const char *p = s;
    while (*p) {
        const char *e = strchr(p, sep);
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char *item = xstrndup(p, n);
        strlist_push_owned(out, item);
        if (!e)
            break;
        p = e + 1;
    }
}

static cd_status seed_demo(struct emu *emu, struct cd_error *err)
{
    char *dir = emu_demo_dir(emu->cfg->assets_dir, err);
    if (!dir)
        return err->code;
    char *path = xasprintf("%s/seed.tsv", dir);
    free(dir);
    struct buf data = {0};
    cd_status rc = file_read_all(path, 1 << 20, &data, err);
    if (rc != CD_OK) {
        cd_error_prefix(err, "--seed demo");
        free(path);
        buf_free(&data);
        return rc;
    }
    struct certgen_ca root, inter;
    certgen_ca_new("certdeck Demo Root CA", &root);
    certgen_ca_sub(&root, "certdeck Demo Issuing CA", &inter);
    /* one key per kind: RSA generation is slow and the demo needs no more */
    static const char *const kinds[] = {"RSA2048", "EC256", "EC384"};
    EVP_PKEY *keys[3];
    char *key_pems[3];
    for (int k = 0; k < 3; k++) {
        keys[k] = certgen_key(kinds[k]);
        key_pems[k] = certgen_key_pem(keys[k]);
    }
    struct strlist lines = {0};
    split(data.data ? data.data : "", '\n', &lines);
    int64_t now = cd_now();
    size_t n = 0;
    /* earlier lines' certificates, for "same:NAME" (one certificate deployed twice) */
    struct strlist made_names = {0}, made_pems = {0};
    int made_keys[256];
    for (size_t li = 0; li < lines.count && rc == CD_OK; li++) {
        const char *line = lines.items[li];
        if (!*line || *line == '#')
            continue;
        struct strlist f = {0};
        split(line, '\t', &f);
        enum emu_svc svc;
        char *end = NULL;
        long days = f.count == 7 ? strtol(f.items[5], &end, 10) : 0;
        if (f.count != 7 || !emu_svc_from_name(f.items[0], &svc) || !end || *end) {
            rc = cd_error_set(err, CD_ERR_PARSE, "%s line %zu: expected 7 tab-separated fields "
                              "(service name cn sans key days chain)", path, li + 1);
        } else {
            struct strlist sans = {0};
            split(f.items[3], ',', &sans);
            int k = 0;
            while (k < 2 && strcmp(kinds[k], f.items[4]) != 0)
                k++;
            EVP_PKEY *key = keys[k];
            int64_t not_after = now + days * DAY;
            char *pem = NULL;
            if (strncmp(f.items[6], "same:", 5) == 0) {
                for (size_t m = 0; m < made_names.count && !pem; m++)
                    if (strcmp(made_names.items[m], f.items[6] + 5) == 0) {
                        pem = xstrdup(made_pems.items[m]);
                        k = made_keys[m];
                    }
                if (!pem)
                    rc = cd_error_set(err, CD_ERR_PARSE, "%s line %zu: \"%s\" names no earlier line", path,
                                      li + 1, f.items[6]);
            } else {
                char *leaf = certgen_leaf(&inter, key, f.items[2], (const char *const *)sans.items,
                                          sans.count, not_after - 397 * DAY, not_after,
                                          0x1000 + (uint64_t)n);
                pem = strcmp(f.items[6], "chain") == 0 ? xasprintf("%s%s", leaf, inter.pem) : xstrdup(leaf);
                free(leaf);
            }
            if (pem) {
                rc = add_generated(emu, svc, f.items[1], pem, key_pems[k], n++, err);
                if (made_names.count < sizeof(made_keys) / sizeof(made_keys[0])) {
                    made_keys[made_names.count] = k;
                    strlist_push(&made_names, f.items[1]);
                    strlist_push(&made_pems, pem);
                }
            }
            free(pem);
            strlist_free(&sans);
        }
        strlist_free(&f);
    }
    strlist_free(&lines);
    strlist_free(&made_names);
    strlist_free(&made_pems);
    for (int k = 0; k < 3; k++) {
        EVP_PKEY_free(keys[k]);
        wipe_free_str(key_pems[k]);
    }
    certgen_ca_free(&inter);
    certgen_ca_free(&root);
    buf_free(&data);
    free(path);
    return rc;
}

/* Names that every service accepts (APIC: a letter first, then [A-Za-z0-9_]). */
static void synthetic_name(enum emu_svc svc, size_t i, char *out, size_t size)
{
    snprintf(out, size, svc == EMU_APIC ? "cert_%06zu" : "cert-%06zu", i);
}

#define SYNTH_KEYS 4
#define SYNTH_THREADS 2 /* certificate signing is the cost; CI machines have 2 cores */

struct synth_job {
    const struct certgen_ca *ca;
    EVP_PKEY **keys;
    int64_t now;
    size_t count, first, step;
    char **pems;                 /* [i]: certificate i */
    struct emu_decoded *decoded; /* [i]: its decoded fields */
    bool failed;
};

/* Makes and decodes certificates first, first+step, … (one thread's share). */
static void *synth_worker(void *arg)
{
    struct synth_job *j = arg;
    static const char *const zones[] = {"example.com", "example.net", "example.org", "test.example"};
    for (size_t i = j->first; i < j->count; i += j->step) {
        char cn[96], www[100], why[256];
        snprintf(cn, sizeof(cn), "host%06zu.%s", i, zones[(i / 4) % 4]);
        snprintf(www, sizeof(www), "www.%s", cn);
        const char *sans[] = {cn, www};
        /* expiries from 60 days ago to two years ahead, well mixed */
        int64_t not_after = j->now + ((int64_t)((i * 7919) % 790) - 60) * DAY + (int64_t)(i % 86400);
        j->pems[i] = certgen_leaf(j->ca, j->keys[i % SYNTH_KEYS], cn, sans, 2,
                                  not_after - 365 * DAY, not_after, 0x100000 + (uint64_t)i);
        if (emu_decode_pem(j->pems[i], NULL, 0, &j->decoded[i], why, sizeof(why)) != CD_OK)
            j->failed = true;
    }
    return NULL;
}

/* Synthetic certificates go round-robin over the services in `spread`. */
struct spread {
    enum emu_svc svcs[EMU_SVC_COUNT];
    size_t count;
};

static cd_status seed_synthetic(struct emu *emu, size_t count, const struct spread *spread,
                                struct cd_error *err)
{
    struct certgen_ca ca;
    certgen_ca_new("certdeck Synthetic CA", &ca);
    static const char *const kinds[SYNTH_KEYS] = {"EC256", "EC256", "RSA2048", "EC384"};
    EVP_PKEY *keys[SYNTH_KEYS];
    char *key_pems[SYNTH_KEYS];
    for (int k = 0; k < SYNTH_KEYS; k++) {
        keys[k] = certgen_key(kinds[k]);
        key_pems[k] = certgen_key_pem(keys[k]);
    }
    char **pems = xcalloc(count ? count : 1, sizeof(*pems));
    struct emu_decoded *decoded = xcalloc(count ? count : 1, sizeof(*decoded));
    struct synth_job jobs[SYNTH_THREADS];
    pthread_t threads[SYNTH_THREADS];
    for (size_t t = 0; t < SYNTH_THREADS; t++) {
        jobs[t] = (struct synth_job){&ca, keys, cd_now(), count, t, SYNTH_THREADS, pems, decoded, false};
        pthread_create(&threads[t], NULL, synth_worker, &jobs[t]);
    }
    bool failed = false;
    for (size_t t = 0; t < SYNTH_THREADS; t++) {
        pthread_join(threads[t], NULL);
        failed |= jobs[t].failed;
    }
    cd_status rc = failed ? cd_error_set(err, CD_ERR_INTERNAL, "seed: a generated certificate "
                                         "did not decode") : CD_OK;
    const struct emu_project *p = &emu->cfg->projects[0];
    int64_t now = cd_now();
    for (size_t i = 0; i < count; i++) {
        if (rc == CD_OK) {
            enum emu_svc svc = spread->svcs[i % spread->count];
            struct emu_cert *c = emu_cert_new(svc, p->id);
            char name[32];
            synthetic_name(svc, i, name, sizeof(name));
            emu_cert_set_str(&c->name, name);
            c->cert_pem = pems[i]; /* the record takes the PEM and the decoded fields */
            pems[i] = NULL;
            c->key_pem = xstrdup(key_pems[i % SYNTH_KEYS]);
            c->d = decoded[i];
            memset(&decoded[i], 0, sizeof(decoded[i]));
            c->created_ms = c->updated_ms = (now - (int64_t)((i * 7919) % 365) * DAY) * 1000;
            emu_services[svc]->seed(c, i);
            emu_store_add(&emu->store, c);
        }
        free(pems[i]);
        emu_decoded_free(&decoded[i]);
    }
    free(pems);
    free(decoded);
    for (int k = 0; k < SYNTH_KEYS; k++) {
        EVP_PKEY_free(keys[k]);
        wipe_free_str(key_pems[k]);
    }
    certgen_ca_free(&ca);
    return rc;
}

/* "elb,cae" → those services, in that order; every service when list is NULL. */
static cd_status parse_spread(const char *list, struct spread *out, struct cd_error *err)
{
    out->count = 0;
    if (!list) {
        for (int s = 0; s < EMU_SVC_COUNT; s++)
            out->svcs[out->count++] = (enum emu_svc)s;
        return CD_OK;
    }
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        char *name = xstrndup(p, n);
        enum emu_svc svc;
        bool known = emu_svc_from_name(name, &svc);
        free(name);
        if (!known || out->count == EMU_SVC_COUNT)
            return cd_error_set(err, CD_ERR_USAGE, "--seed: \"%.*s\" is not one of elb, waf, "
                                "apic, cae", (int)n, p);
        out->svcs[out->count++] = svc;
        p += n + (p[n] == ',');
    }
    if (!out->count)
        return cd_error_set(err, CD_ERR_USAGE, "--seed: no service after \":\"");
    return CD_OK;
}

/* "N" or "N:SERVICES" */
static cd_status seed_numbered(struct emu *emu, const char *spec, struct cd_error *err)
{
    char *end = NULL;
    errno = 0;
    unsigned long long n = strtoull(spec, &end, 10);
    if (errno || !end || end == spec || (*end && *end != ':') || n > 10000000ull)
        return cd_error_set(err, CD_ERR_USAGE, "--seed takes \"demo\" or a number of "
                            "certificates (up to 10,000,000), optionally with the services to "
                            "put them in (\"10000:elb\"), not \"%s\"", spec);
    struct spread spread;
    cd_status rc = parse_spread(*end == ':' ? end + 1 : NULL, &spread, err);
    return rc == CD_OK ? seed_synthetic(emu, (size_t)n, &spread, err) : rc;
}

cd_status emu_seed(struct emu *emu, const char *spec, struct cd_error *err)
{
    emu_store_lock(&emu->store);
    cd_status rc = strcmp(spec, "demo") == 0 ? seed_demo(emu, err) : seed_numbered(emu, spec, err);
    emu_store_unlock(&emu->store);
    if (rc == CD_OK)
        emu_store_changed(&emu->store);
    return rc;
}
