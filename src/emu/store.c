/* store.c — certificate records per service, an id index, and the state file. */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/fileio.h"
#include "../core/timeutil.h"
#include "../core/wipe.h"
#include "../core/xalloc.h"
#include "../x509/cert.h"
#include "../x509/key.h"

static const char *const svc_names[EMU_SVC_COUNT] = {
#define EMU_SVC_NAME(id, name) [id] = name,
    EMU_SVC_LIST(EMU_SVC_NAME)
#undef EMU_SVC_NAME
};

const char *emu_svc_name(enum emu_svc svc) { return svc_names[svc]; }

bool emu_svc_from_name(const char *name, enum emu_svc *out)
{
    for (int i = 0; i < EMU_SVC_COUNT; i++)
        if (strcmp(svc_names[i], name) == 0) {
            *out = (enum emu_svc)i;
            return true;
        }
    return false;
}

int64_t emu_now_ms(void)
{
    return cd_now() * 1000;
}

/* ---- id index: open addressing, linear probing, tombstones ---- */

struct emu_map {
    struct emu_cert **slots;
    size_t cap, used; /* used counts tombstones too */
};

static struct emu_cert TOMBSTONE;

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static void map_insert(struct emu_map *m, struct emu_cert *c);

static void map_grow(struct emu_map *m)
{
    struct emu_cert **old = m->slots;
    size_t old_cap = m->cap;
    m->cap = old_cap ? old_cap * 2 : 64;
    m->slots = xcalloc(m->cap, sizeof(*m->slots));
    m->used = 0;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i] && old[i] != &TOMBSTONE)
            map_insert(m, old[i]);
    free(old);
}

static void map_insert(struct emu_map *m, struct emu_cert *c)
{
    if ((m->used + 1) * 4 >= m->cap * 3)
        map_grow(m);
    size_t i = hash_str(c->id) & (m->cap - 1);
    while (m->slots[i] && m->slots[i] != &TOMBSTONE)
        i = (i + 1) & (m->cap - 1);
    if (!m->slots[i])
        m->used++;
    m->slots[i] = c;
}

static size_t map_slot(const struct emu_map *m, const char *id)
{
    if (!m->cap)
        return SIZE_MAX;
    size_t i = hash_str(id) & (m->cap - 1);
    while (m->slots[i]) {
        if (m->slots[i] != &TOMBSTONE && strcmp(m->slots[i]->id, id) == 0)
            return i;
        i = (i + 1) & (m->cap - 1);
    }
    return SIZE_MAX;
}

/* ---- store ---- */

void emu_store_init(struct emu_store *s)
{
    memset(s, 0, sizeof(*s));
    pthread_mutex_init(&s->lock, NULL);
    for (int i = 0; i < EMU_SVC_COUNT; i++)
        s->index[i] = xcalloc(1, sizeof(struct emu_map));
    s->next_seq = 1;
}

void emu_store_free(struct emu_store *s)
{
    for (int i = 0; i < EMU_SVC_COUNT; i++) {
        for (size_t k = 0; k < s->count[i]; k++)
            emu_cert_free(s->items[i][k]);
        free(s->items[i]);
        free(s->index[i]->slots);
        free(s->index[i]);
    }
    free(s->state_path);
    pthread_mutex_destroy(&s->lock);
}

void emu_store_lock(struct emu_store *s) { pthread_mutex_lock(&s->lock); }
void emu_store_unlock(struct emu_store *s) { pthread_mutex_unlock(&s->lock); }

struct emu_cert *emu_store_find(struct emu_store *s, enum emu_svc svc, const char *id)
{
    size_t i = map_slot(s->index[svc], id);
    return i == SIZE_MAX ? NULL : s->index[svc]->slots[i];
}

void emu_store_add(struct emu_store *s, struct emu_cert *c)
{
    enum emu_svc svc = c->svc;
    if (!c->seq)
        c->seq = s->next_seq++;
    else if (c->seq >= s->next_seq)
        s->next_seq = c->seq + 1;
    if (s->count[svc] == s->cap[svc]) {
        s->cap[svc] = s->cap[svc] ? s->cap[svc] * 2 : 64;
        s->items[svc] = xreallocarray(s->items[svc], s->cap[svc], sizeof(*s->items[svc]));
    }
    s->items[svc][s->count[svc]++] = c;
    map_insert(s->index[svc], c);
}

bool emu_store_remove(struct emu_store *s, enum emu_svc svc, const char *id)
{
    size_t slot = map_slot(s->index[svc], id);
    if (slot == SIZE_MAX)
        return false;
    struct emu_cert *c = s->index[svc]->slots[slot];
    s->index[svc]->slots[slot] = &TOMBSTONE;
    for (size_t i = 0; i < s->count[svc]; i++)
        if (s->items[svc][i] == c) {
            memmove(&s->items[svc][i], &s->items[svc][i + 1],
                    (s->count[svc] - i - 1) * sizeof(*s->items[svc]));
            s->count[svc]--;
            break;
        }
    emu_cert_free(c);
    return true;
}

void emu_store_changed(struct emu_store *s)
{
    if (!s->state_path)
        return;
    struct cd_error err;
    if (emu_store_save(s, &err) != CD_OK)
        fprintf(stderr, "certdeck-emu: %s\n", err.message);
}

/* ---- records ---- */

struct emu_cert *emu_cert_new(enum emu_svc svc, const char *project_id)
{
    struct emu_cert *c = xcalloc(1, sizeof(*c));
    c->svc = svc;
    snprintf(c->project_id, sizeof(c->project_id), "%s", project_id);
    c->name = xstrdup("");
    c->description = xstrdup("");
    c->extra = cJSON_CreateObject();
    c->created_ms = c->updated_ms = emu_now_ms();
    return c;
}

void emu_cert_free(struct emu_cert *c)
{
    if (!c)
        return;
    free(c->name);
    free(c->description);
    free(c->cert_pem);
    wipe_free_str(c->key_pem);
    emu_decoded_free(&c->d);
    cJSON_Delete(c->extra);
    free(c);
}

void emu_cert_set_str(char **field, const char *value)
{
    char *old = *field;
    *field = xstrdup(value ? value : "");
    free(old);
}

void emu_cert_set_pem(struct emu_cert *c, const char *cert_pem, const char *key_pem,
                      const struct emu_decoded *d)
{
    emu_cert_set_str(&c->cert_pem, cert_pem);
    if (key_pem) {
        wipe_free_str(c->key_pem);
        c->key_pem = xstrdup(key_pem);
    }
    emu_decoded_free(&c->d);
    emu_decoded_copy(&c->d, d);
}

/* ---- decoding ---- */

static void hex_plain(const char *colon_hex, char *out)
{
    size_t n = 0;
    for (const char *p = colon_hex; *p; p++)
        if (*p != ':')
            out[n++] = (char)(*p >= 'A' && *p <= 'F' ? *p - 'A' + 'a' : *p);
    out[n] = '\0';
}

static void push(char ***list, size_t *count, const char *s)
{
    *list = xreallocarray(*list, *count + 1, sizeof(**list));
    (*list)[(*count)++] = xstrdup(s);
}

static void fill_decoded(const struct x509_certs *certs, struct emu_decoded *d)
{
    const struct x509_cert *c = &certs->items[0];
    memset(d, 0, sizeof(*d));
    d->layers = (int)certs->count;
    d->not_before = c->not_before;
    d->not_after = c->not_after;
    const char *cn = x509_cert_common_name(c);
    d->common_name = xstrdup(cn ? cn : "");
    d->subject = xstrdup(c->subject.text);
    d->issuer = xstrdup(c->issuer.text);
    d->serial = xstrdup(c->serial_hex);
    d->signature_algorithm = xstrdup(c->signature_algorithm);
    d->key_algorithm = xstrdup(c->key_algorithm);
    d->key_bits = c->key_bits;
    hex_plain(c->sha1, d->sha1);
    hex_plain(c->sha256, d->sha256);
    d->has_san = c->has_san && c->san_count > 0;
    for (size_t i = 0; i < c->san_count; i++) {
        push(&d->sans, &d->san_count, c->sans[i].value);
        if (c->sans[i].kind == X509_SAN_DNS)
            push(&d->dns, &d->dns_count, c->sans[i].value);
    }
}

cd_status emu_decode_pem(const char *cert_pem, const char *key_pem, int max_layers,
                         struct emu_decoded *out, char *why, size_t why_size)
{
    memset(out, 0, sizeof(*out));
    struct x509_certs certs;
    struct cd_error err;
    if (!cert_pem || !*cert_pem) {
        snprintf(why, why_size, "the certificate is empty");
        return CD_ERR_PARSE;
    }
    if (x509_certs_from_mem(cert_pem, strlen(cert_pem), "certificate", &certs, &err) != CD_OK) {
        snprintf(why, why_size, "%s", err.message);
        return CD_ERR_PARSE;
    }
    cd_status rc = CD_OK;
    if (max_layers > 0 && certs.count > (size_t)max_layers) {
        snprintf(why, why_size, "the certificate chain has %zu layers, more than %d", certs.count,
                 max_layers);
        rc = CD_ERR_INVALID;
    }
    if (rc == CD_OK && key_pem) {
        struct x509_key *key = NULL;
        cd_status krc = x509_key_from_mem(key_pem, strlen(key_pem), "private key", NULL, NULL, &key,
                                          &err);
        if (krc == CD_ERR_NEED_PASSPHRASE) {
            snprintf(why, why_size, "encrypted private keys are not supported");
            rc = CD_ERR_BAD_PASSPHRASE;
        } else if (krc != CD_OK) {
            snprintf(why, why_size, "%s", err.message);
            rc = CD_ERR_PARSE;
        } else if (!x509_key_matches_cert(key, &certs.items[0])) {
            snprintf(why, why_size, "the private key does not match the certificate");
            rc = CD_ERR_KEY_MISMATCH;
        }
        x509_key_free(key);
    }
    if (rc == CD_OK)
        fill_decoded(&certs, out);
    x509_certs_free(&certs);
    return rc;
}

static void free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

void emu_decoded_free(struct emu_decoded *d)
{
    free(d->common_name);
    free(d->subject);
    free(d->issuer);
    free(d->serial);
    free(d->signature_algorithm);
    free(d->key_algorithm);
    free_list(d->dns, d->dns_count);
    free_list(d->sans, d->san_count);
    memset(d, 0, sizeof(*d));
}

void emu_decoded_copy(struct emu_decoded *dst, const struct emu_decoded *src)
{
    *dst = *src;
    dst->common_name = xstrdup(src->common_name ? src->common_name : "");
    dst->subject = xstrdup(src->subject ? src->subject : "");
    dst->issuer = xstrdup(src->issuer ? src->issuer : "");
    dst->serial = xstrdup(src->serial ? src->serial : "");
    dst->signature_algorithm = xstrdup(src->signature_algorithm ? src->signature_algorithm : "");
    dst->key_algorithm = xstrdup(src->key_algorithm ? src->key_algorithm : "");
    dst->dns = NULL;
    dst->dns_count = 0;
    dst->sans = NULL;
    dst->san_count = 0;
    for (size_t i = 0; i < src->dns_count; i++)
        push(&dst->dns, &dst->dns_count, src->dns[i]);
    for (size_t i = 0; i < src->san_count; i++)
        push(&dst->sans, &dst->san_count, src->sans[i]);
}

/* ---- state file ---- */

#define STATE_FORMAT "certdeck-emu-state"
#define STATE_VERSION 1

static cJSON *cert_state_json(const struct emu_cert *c)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "service", emu_svc_name(c->svc));
    cJSON_AddNumberToObject(o, "seq", (double)c->seq);
    cJSON_AddStringToObject(o, "id", c->id);
    cJSON_AddStringToObject(o, "project_id", c->project_id);
    cJSON_AddStringToObject(o, "name", c->name);
    cJSON_AddStringToObject(o, "description", c->description);
    cJSON_AddStringToObject(o, "certificate", c->cert_pem ? c->cert_pem : "");
    if (c->key_pem)
        cJSON_AddStringToObject(o, "private_key", c->key_pem);
    cJSON_AddNumberToObject(o, "created_ms", (double)c->created_ms);
    cJSON_AddNumberToObject(o, "updated_ms", (double)c->updated_ms);
    cJSON_AddItemToObject(o, "extra", cJSON_Duplicate(c->extra, 1));
    return o;
}

cd_status emu_store_save(struct emu_store *s, struct cd_error *err)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", STATE_FORMAT);
    cJSON_AddNumberToObject(root, "version", STATE_VERSION);
    cJSON *list = cJSON_AddArrayToObject(root, "certificates");
    for (int svc = 0; svc < EMU_SVC_COUNT; svc++)
        for (size_t i = 0; i < s->count[svc]; i++)
            cJSON_AddItemToArray(list, cert_state_json(s->items[svc][i]));
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    cd_status rc = file_write_atomic(s->state_path, text, strlen(text), 0600, err);
    wipe(text, strlen(text)); /* it holds private keys */
    free(text);
    return rc;
}

static const char *str_field(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static cd_status cert_from_state(const cJSON *o, size_t n, const char *path,
                                 struct emu_cert **out, struct cd_error *err)
{
    enum emu_svc svc;
    const char *service = str_field(o, "service"), *id = str_field(o, "id"),
               *project = str_field(o, "project_id"), *pem = str_field(o, "certificate");
    const cJSON *seq = cJSON_GetObjectItemCaseSensitive(o, "seq");
    const cJSON *extra = cJSON_GetObjectItemCaseSensitive(o, "extra");
    if (!service || !emu_svc_from_name(service, &svc) || !id || !*id || strlen(id) >= 40 ||
        !project || strlen(project) >= 40 || !pem || !cJSON_IsNumber(seq) || !cJSON_IsObject(extra))
        return cd_error_set(err, CD_ERR_PARSE,
                            "state file %s: certificate #%zu lacks a valid service, id, project_id, "
                            "seq, certificate or extra field", path, n + 1);
    char why[512];
    struct emu_decoded d;
    if (emu_decode_pem(pem, NULL, 0, &d, why, sizeof(why)) != CD_OK)
        return cd_error_set(err, CD_ERR_PARSE, "state file %s: certificate #%zu (%s): %s", path,
                            n + 1, id, why);
    struct emu_cert *c = emu_cert_new(svc, project);
    snprintf(c->id, sizeof(c->id), "%s", id);
    c->seq = (uint64_t)seq->valuedouble;
    emu_cert_set_str(&c->name, str_field(o, "name"));
    emu_cert_set_str(&c->description, str_field(o, "description"));
    emu_cert_set_pem(c, pem, str_field(o, "private_key"), &d);
    emu_decoded_free(&d);
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "created_ms");
    if (cJSON_IsNumber(t))
        c->created_ms = (int64_t)t->valuedouble;
    t = cJSON_GetObjectItemCaseSensitive(o, "updated_ms");
    if (cJSON_IsNumber(t))
        c->updated_ms = (int64_t)t->valuedouble;
    cJSON_Delete(c->extra);
    c->extra = cJSON_Duplicate(extra, 1);
    *out = c;
    return CD_OK;
}

cd_status emu_store_load(struct emu_store *s, const char *path, struct cd_error *err)
{
    struct buf data = {.secret = true};
    cd_status rc = file_read_all(path, 1u << 30, &data, err);
    if (rc != CD_OK) {
        buf_free(&data);
        return rc;
    }
    cJSON *root = cJSON_ParseWithLength(data.data ? data.data : "", data.len);
    buf_free(&data);
    const cJSON *fmt = root ? cJSON_GetObjectItemCaseSensitive(root, "format") : NULL;
    const cJSON *ver = root ? cJSON_GetObjectItemCaseSensitive(root, "version") : NULL;
    const cJSON *list = root ? cJSON_GetObjectItemCaseSensitive(root, "certificates") : NULL;
    if (!root)
        rc = cd_error_set(err, CD_ERR_PARSE, "state file %s is not valid JSON (corrupt or "
                          "truncated); refusing to start rather than replace it", path);
    else if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, STATE_FORMAT) != 0 ||
             !cJSON_IsArray(list))
        rc = cd_error_set(err, CD_ERR_PARSE, "%s is not a certdeck-emu state file", path);
    else if (!cJSON_IsNumber(ver) || ver->valueint != STATE_VERSION)
        rc = cd_error_set(err, CD_ERR_PARSE, "state file %s has version %d; this certdeck-emu "
                          "reads version %d", path, cJSON_IsNumber(ver) ? ver->valueint : -1,
                          STATE_VERSION);
    size_t n = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, list)
    {
        if (rc != CD_OK)
            break;
        struct emu_cert *c = NULL;
        rc = cert_from_state(item, n++, path, &c, err);
        if (rc == CD_OK)
            emu_store_add(s, c);
    }
    cJSON_Delete(root);
    return rc;
}
