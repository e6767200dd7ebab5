/* svc-cae.c — CAE certificates (api/cae.md, seeds/cae-create-certificate.txt):
 * /v1/{project_id}/cae/certificates, scoped by the X-Environment-ID header (and
 * X-Enterprise-Project-ID), not by the path. List, create, update and delete
 * only: no show, no paging. Envelopes {api_version, kind, metadata, spec}; crt
 * and key travel as PEM or base64 of the PEM and are echoed back as uploaded
 * (the private key included); create answers 200 with a one-element items list,
 * update and delete 204; an unknown certificate is 400, not 404. */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/wipe.h"
#include "../core/xalloc.h"
#include "../x509/pem.h"
#include "emu.h"
#include "service.h"

#define CAE_API_VERSION "v1"        /* fixed in every envelope */
#define CAE_KIND "Certificate"
#define CAE_NAME_MAX 64             /* Terraform docs; not on the API page (unconfirmed) */
#define CAE_LAYERS_MAX 0            /* no chain limit documented (0 = none) */
#define CAE_EPS_DEFAULT "0"         /* X-Enterprise-Project-ID absent or "0" */
#define CAE_UUID_LEN 36             /* certificate ids and enterprise project ids */
/* The console allows 10 certificates per environment; what the API does at the
 * limit is unconfirmed, and synthetic seeds go far beyond it: not enforced. */
#define CAE_CONSOLE_CERTS_MAX 10
#define CAE_SEED_PEM_EVERY 3        /* every 3rd seeded record holds raw PEM, the rest base64 */

#define CAE_NOT_FOUND "CAE.01500005"     /* Terraform: unknown certificate, status 400 */
#define CAE_ENV_NOT_FOUND "CAE.01500404" /* Terraform: unknown environment, status 400;
                                          * also for a missing header (unconfirmed) */
#define CAE_EXISTS "CAE.01501302"        /* error-code table; for a duplicate name unconfirmed */
#define CAE_BAD_REQUEST "CAE.01500001"   /* unconfirmed: the table's "request body error"
                                          * row gives no code we could confirm */
#define CAE_WRONG_PROJECT "CAE.01501800" /* project in the URL is not the token's */

/* Extra fields of a record: its scope and how crt/key were uploaded. */
#define X_ENV "environment_id"
#define X_EPS "enterprise_project_id"
#define X_CRT_ENC "crt_encoding"    /* "pem" or "base64" */
#define X_KEY_ENC "key_encoding"

/* ---- the record's CAE fields ---- */

static const char *extra_str(const struct emu_cert *c, const char *name, const char *dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(c->extra, name);
    return cJSON_IsString(v) ? v->valuestring : dflt;
}

static void set_extra(struct emu_cert *c, const char *name, const char *value)
{
    cJSON_DeleteItemFromObjectCaseSensitive(c->extra, name);
    cJSON_AddStringToObject(c->extra, name, value);
}

static const char *encoding_name(bool b64)
{
    return b64 ? "base64" : "pem";
}

/* A random version-4 UUID, the form CAE's ids take. */
static void cae_new_id(char out[CAE_UUID_LEN + 1])
{
    char h[33];
    emu_random_hex(h, 32);
    h[12] = '4';
    h[16] = "89ab"[(h[16] <= '9' ? h[16] - '0' : h[16] - 'a' + 10) & 3];
    snprintf(out, CAE_UUID_LEN + 1, "%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8, h + 12, h + 16, h + 20);
}

static bool is_hex(char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

static bool uuid_ok(const char *s)
{
    if (strlen(s) != CAE_UUID_LEN)
        return false;
    for (size_t i = 0; i < CAE_UUID_LEN; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !is_hex(s[i]))
            return false;
    }
    return true;
}

/* ---- JSON out ---- */

/* RFC 3339 with microseconds, like "2023-02-28T07:19:49.610098Z". */
static void cae_time(int64_t ms, char out[32])
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + n, 32 - n, ".%06dZ", (int)(ms % 1000) * 1000);
}

/* The content as uploaded: the PEM itself, or base64 of it on one line. */
static void add_content(cJSON *spec, const char *field, const char *pem, bool b64, bool secret)
{
    if (!b64) {
        cJSON_AddStringToObject(spec, field, pem);
        return;
    }
    size_t n = strlen(pem);
    char *enc = xmalloc(4 * ((n + 2) / 3) + 1);
    EVP_EncodeBlock((unsigned char *)enc, (const unsigned char *)pem, (int)n);
    cJSON_AddStringToObject(spec, field, enc);
    if (secret)
        wipe_free_str(enc);
    else
        free(enc);
}

static bool is_b64(const struct emu_cert *c, const char *field)
{
    return strcmp(extra_str(c, field, "pem"), "base64") == 0;
}

/* CertItem: {metadata{id, name}, spec{crt, key, created_at}}. */
static cJSON *cae_item_json(const struct emu_cert *c)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *meta = cJSON_AddObjectToObject(o, "metadata");
    cJSON_AddStringToObject(meta, "id", c->id);
    cJSON_AddStringToObject(meta, "name", c->name);
    cJSON *spec = cJSON_AddObjectToObject(o, "spec");
    add_content(spec, "crt", c->cert_pem, is_b64(c, X_CRT_ENC), false);
    add_content(spec, "key", c->key_pem ? c->key_pem : "", is_b64(c, X_KEY_ENC), true);
    char t[32];
    cae_time(c->created_ms, t);
    cJSON_AddStringToObject(spec, "created_at", t);
    return o;
}

/* {"api_version": "v1", "kind": "Certificate", "items": []}; items returned. */
static cJSON *cae_envelope(cJSON **items)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "api_version", CAE_API_VERSION);
    cJSON_AddStringToObject(o, "kind", CAE_KIND);
    *items = cJSON_AddArrayToObject(o, "items");
    return o;
}

static void not_found(struct emu_ctx *ctx, const char *id)
{
    emu_resp_error(ctx->resp, 400, CAE_NOT_FOUND, "The resource not found: certificate %s.", id);
}

/* ---- scope: environment and enterprise project ---- */

/* Where a call acts, from its headers (names matched case-insensitively:
 * Terraform sends X-Environment-Id). */
struct cae_scope {
    const char *env;
    const char *eps;
};

static bool scope_from_headers(struct emu_ctx *ctx, struct cae_scope *sc)
{
    sc->env = emu_header(ctx->req, "X-Environment-ID");
    if (!sc->env || !*sc->env) {
        emu_resp_error(ctx->resp, 400, CAE_ENV_NOT_FOUND,
                       "The environment not found: the X-Environment-ID header is required.");
        return false;
    }
    if (!emu_cae_environment_known(ctx->emu, sc->env)) {
        emu_resp_error(ctx->resp, 400, CAE_ENV_NOT_FOUND, "The environment not found: %.64s.",
                       sc->env);
        return false;
    }
    sc->eps = emu_header(ctx->req, "X-Enterprise-Project-ID");
    if (!sc->eps || !*sc->eps)
        sc->eps = CAE_EPS_DEFAULT;
    if (strcmp(sc->eps, CAE_EPS_DEFAULT) != 0 && !uuid_ok(sc->eps)) {
        emu_resp_error(ctx->resp, 400, CAE_BAD_REQUEST, "Invalid X-Enterprise-Project-ID: "
                       "'%.64s' is neither \"0\" nor a UUID.", sc->eps);
        return false;
    }
    return true;
}

static bool same_env(const struct emu_ctx *ctx, const struct cae_scope *sc,
                     const struct emu_cert *c)
{
    return strcmp(c->project_id, ctx->project_id) == 0 &&
           strcmp(extra_str(c, X_ENV, ""), sc->env) == 0;
}

static bool in_scope(const struct emu_ctx *ctx, const struct cae_scope *sc,
                     const struct emu_cert *c)
{
    return same_env(ctx, sc, c) && strcmp(extra_str(c, X_EPS, CAE_EPS_DEFAULT), sc->eps) == 0;
}

static struct emu_cert *find_own(struct emu_ctx *ctx, const struct cae_scope *sc, const char *id)
{
    struct emu_cert *c = emu_store_find(ctx->store, EMU_CAE, id);
    return c && in_scope(ctx, sc, c) ? c : NULL;
}

/* Names are unique within an environment (the Terraform importer finds a
 * certificate by environment + name), whatever the enterprise project. */
static bool name_taken(struct emu_ctx *ctx, const struct cae_scope *sc, const char *name)
{
    struct emu_cert **all = ctx->store->items[EMU_CAE];
    for (size_t i = 0; i < ctx->store->count[EMU_CAE]; i++)
        if (same_env(ctx, sc, all[i]) && strcmp(all[i]->name, name) == 0)
            return true;
    return false;
}

/* ---- validation ---- */

/* Lower-case letters, digits, '-' and '.', starting and ending with a letter
 * or digit, at most CAE_NAME_MAX (Terraform docs, unconfirmed). */
static bool name_ok(const char *name, char *why, size_t why_size)
{
    size_t n = strlen(name);
    if (n == 0 || n > CAE_NAME_MAX) {
        snprintf(why, why_size, "1 to %d characters are allowed", CAE_NAME_MAX);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char ch = name[i];
        bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
        if (!alnum && !((ch == '-' || ch == '.') && i > 0 && i + 1 < n)) {
            snprintf(why, why_size, "only lower-case letters, digits, '-' and '.' are allowed, "
                     "starting and ending with a letter or digit");
            return false;
        }
    }
    return true;
}

/* A required, non-empty string member; answers 400 naming path otherwise. */
static const char *required_str(struct emu_ctx *ctx, const cJSON *obj, const char *name,
                                const char *path)
{
    bool present = false;
    const char *v = emu_json_str(obj, name, &present);
    if (!v || !*v) {
        emu_resp_error(ctx->resp, 400, CAE_BAD_REQUEST, "Invalid %s: %s.", path,
                       !present ? "it is required" : !v ? "not a string" : "it is empty");
        return NULL;
    }
    return v;
}

static bool fixed_str(struct emu_ctx *ctx, const cJSON *root, const char *name, const char *want)
{
    const char *v = required_str(ctx, root, name, name);
    if (v && strcmp(v, want) != 0) {
        emu_resp_error(ctx->resp, 400, CAE_BAD_REQUEST, "Invalid %s: '%.32s', must be '%s'.",
                       name, v, want);
        return false;
    }
    return v != NULL;
}

/* The envelope create and update share: api_version, kind and a spec object.
 * Returns spec (inside *root, which the caller deletes), or NULL when answered. */
static cJSON *envelope_spec(struct emu_ctx *ctx, cJSON **root)
{
    *root = emu_body_json(ctx);
    if (!*root) {
        emu_resp_error(ctx->resp, 400, CAE_BAD_REQUEST,
                       "Invalid request body: it must be a JSON object.");
        return NULL;
    }
    cJSON *spec = cJSON_GetObjectItemCaseSensitive(*root, "spec");
    if (!fixed_str(ctx, *root, "api_version", CAE_API_VERSION) ||
        !fixed_str(ctx, *root, "kind", CAE_KIND)) {
        spec = NULL;
    } else if (!cJSON_IsObject(spec)) {
        emu_resp_error(ctx->resp, 400, CAE_BAD_REQUEST, "Invalid spec: an object is required.");
        spec = NULL;
    }
    if (!spec) {
        cJSON_Delete(*root);
        *root = NULL;
    }
    return spec;
}

/* crt and key as decoded PEM, how each came, and the certificate's fields. */
struct cae_content {
    char *crt_pem;
    char *key_pem;
    bool crt_b64, key_b64;
    struct emu_decoded d;
};

static void content_free(struct cae_content *ct)
{
    free(ct->crt_pem);
    wipe_free_str(ct->key_pem);
    emu_decoded_free(&ct->d);
    memset(ct, 0, sizeof(*ct));
}

/* The PEM text of an uploaded value: the value itself when it holds a PEM
 * marker (base64 never can: no '-' or ' '), else its base64 decoding when that
 * is PEM text. NULL when neither. */
static char *upload_pem(const char *v, bool *b64)
{
    *b64 = !pem_present(v, strlen(v));
    if (!*b64)
        return xstrdup(v);
    unsigned char *raw = NULL;
    size_t len = 0;
    if (!base64_decode(v, strlen(v), &raw, &len, NULL))
        return NULL;
    char *pem = NULL;
    if (!memchr(raw, '\0', len) && pem_present((const char *)raw, len))
        pem = xstrndup((const char *)raw, len);
    wipe(raw, len);
    free(raw);
    return pem;
}

/* Reads spec.crt and spec.key, decodes them and checks they are a certificate
 * and its private key; answers 400 naming the field otherwise. */
static bool content_ok(struct emu_ctx *ctx, const cJSON *spec, struct cae_content *ct)
{
    memset(ct, 0, sizeof(*ct));
    const char *crt = required_str(ctx, spec, "crt", "spec.crt");
    const char *key = crt ? required_str(ctx, spec, "key", "spec.key") : NULL;
    if (!key)
        return false;
    ct->crt_pem = upload_pem(crt, &ct->crt_b64);
    ct->key_pem = ct->crt_pem ? upload_pem(key, &ct->key_b64) : NULL;
    if (!ct->key_pem) {
        emu_resp_error(ctx->resp, 400, CAE_BAD_REQUEST, "Invalid %s: neither PEM nor base64 of "
                       "a PEM.", ct->crt_pem ? "spec.key" : "spec.crt");
        content_free(ct);
        return false;
    }
    /* the certificate alone first, so that errors name the right field */
    char why[512];
    const char *field = "spec.crt";
    cd_status rc = emu_decode_pem(ct->crt_pem, NULL, CAE_LAYERS_MAX, &ct->d, why, sizeof(why));
    if (rc == CD_OK) {
        emu_decoded_free(&ct->d);
        field = "spec.key";
        rc = emu_decode_pem(ct->crt_pem, ct->key_pem, CAE_LAYERS_MAX, &ct->d, why, sizeof(why));
    }
    if (rc != CD_OK) {
        emu_resp_error(ctx->resp, 400, CAE_BAD_REQUEST, "Invalid %s: %s.", field, why);
        content_free(ct);
        return false;
    }
    return true;
}

static void store_content(struct emu_cert *c, const struct cae_content *ct)
{
    emu_cert_set_pem(c, ct->crt_pem, ct->key_pem, &ct->d);
    set_extra(c, X_CRT_ENC, encoding_name(ct->crt_b64));
    set_extra(c, X_KEY_ENC, encoding_name(ct->key_b64));
}

/* ---- operations ---- */

/* GET /v1/{project_id}/cae/certificates — the whole environment, creation order. */
static void cae_list(struct emu_ctx *ctx)
{
    struct cae_scope sc;
    if (!scope_from_headers(ctx, &sc))
        return;
    cJSON *items;
    cJSON *o = cae_envelope(&items);
    struct emu_cert **all = ctx->store->items[EMU_CAE];
    for (size_t i = 0; i < ctx->store->count[EMU_CAE]; i++)
        if (in_scope(ctx, &sc, all[i]))
            cJSON_AddItemToArray(items, cae_item_json(all[i]));
    emu_resp_json(ctx->resp, 200, o);
}

/* metadata.name of a create body, checked; NULL when answered. */
static const char *create_name(struct emu_ctx *ctx, const cJSON *root)
{
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(root, "metadata");
    if (!cJSON_IsObject(meta)) {
        emu_resp_error(ctx->resp, 400, CAE_BAD_REQUEST, "Invalid metadata: an object is required.");
        return NULL;
    }
    const char *name = required_str(ctx, meta, "name", "metadata.name");
    char why[256];
    if (name && !name_ok(name, why, sizeof(why))) {
        emu_resp_error(ctx->resp, 400, CAE_BAD_REQUEST, "Invalid metadata.name: %s.", why);
        return NULL;
    }
    return name;
}

/* POST /v1/{project_id}/cae/certificates — 200 with items[1], not 201. */
static void cae_create(struct emu_ctx *ctx)
{
    struct cae_scope sc;
    cJSON *root, *spec;
    if (!scope_from_headers(ctx, &sc) || !(spec = envelope_spec(ctx, &root)))
        return;
    const char *name = create_name(ctx, root);
    struct cae_content ct;
    if (!name || !content_ok(ctx, spec, &ct)) {
        cJSON_Delete(root);
        return;
    }
    if (name_taken(ctx, &sc, name)) {
        emu_resp_error(ctx->resp, 400, CAE_EXISTS, "Resource already exist: certificate %s.", name);
        content_free(&ct);
        cJSON_Delete(root);
        return;
    }
    struct emu_cert *c = emu_cert_new(EMU_CAE, ctx->project_id);
    cae_new_id(c->id);
    emu_cert_set_str(&c->name, name);
    store_content(c, &ct);
    set_extra(c, X_ENV, sc.env);
    set_extra(c, X_EPS, sc.eps);
    content_free(&ct);
    emu_store_add(ctx->store, c);
    emu_store_changed(ctx->store);
    cJSON *items;
    cJSON *o = cae_envelope(&items);
    cJSON_AddItemToArray(items, cae_item_json(c));
    emu_resp_json(ctx->resp, 200, o);
    cJSON_Delete(root);
}

/* An update carries no metadata; a name in it may only repeat the current one
 * (the real service may ignore it; refusing makes a rename attempt visible). */
static bool update_name_ok(struct emu_ctx *ctx, const cJSON *root, const struct emu_cert *c)
{
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(root, "metadata");
    const char *name = emu_json_str(meta, "name", NULL);
    if (!name || strcmp(name, c->name) == 0)
        return true;
    emu_resp_error(ctx->resp, 400, CAE_BAD_REQUEST, "Invalid metadata.name: a certificate "
                   "cannot be renamed.");
    return false;
}

/* PUT /v1/{project_id}/cae/certificates/{certificate_id} — crt and key together;
 * 204 as Terraform expects (the docs say 200). */
static void cae_update(struct emu_ctx *ctx)
{
    const char *id = ctx->req->params[1];
    struct cae_scope sc;
    cJSON *root, *spec;
    if (!scope_from_headers(ctx, &sc) || !(spec = envelope_spec(ctx, &root)))
        return;
    struct emu_cert *c = find_own(ctx, &sc, id);
    struct cae_content ct;
    if (!c) {
        not_found(ctx, id);
    } else if (update_name_ok(ctx, root, c) && content_ok(ctx, spec, &ct)) {
        store_content(c, &ct);
        content_free(&ct);
        c->updated_ms = emu_now_ms();
        emu_store_changed(ctx->store);
        ctx->resp->status = 204;
    }
    cJSON_Delete(root);
}

/* DELETE /v1/{project_id}/cae/certificates/{certificate_id} — 204. */
static void cae_delete(struct emu_ctx *ctx)
{
    const char *id = ctx->req->params[1];
    struct cae_scope sc;
    if (!scope_from_headers(ctx, &sc))
        return;
    if (!find_own(ctx, &sc, id)) {
        not_found(ctx, id);
        return;
    }
    emu_store_remove(ctx->store, EMU_CAE, id);
    emu_store_changed(ctx->store);
    ctx->resp->status = 204;
}

/* Seeded records live in the demo environment, default enterprise project;
 * most hold base64 (what Terraform sends), some raw PEM, so clients meet both. */
static void cae_seed(struct emu_cert *c, size_t i)
{
    cae_new_id(c->id);
    /* CAE times carry a fraction; give seeded ones a non-zero one */
    c->created_ms += (int64_t)((i * 7919) % 1000);
    c->updated_ms = c->created_ms;
    set_extra(c, X_ENV, EMU_DEMO_CAE_ENVIRONMENT);
    set_extra(c, X_EPS, CAE_EPS_DEFAULT);
    bool b64 = i % CAE_SEED_PEM_EVERY != CAE_SEED_PEM_EVERY - 1;
    set_extra(c, X_CRT_ENC, encoding_name(b64));
    set_extra(c, X_KEY_ENC, encoding_name(b64));
}

/* No show: a GET by id is not an API (the gateway answers 404). */
static const struct emu_route cae_routes[] = {
    {"GET", "/v1/{project_id}/cae/certificates", "cae.list", cae_list},
    {"POST", "/v1/{project_id}/cae/certificates", "cae.create", cae_create},
    {"PUT", "/v1/{project_id}/cae/certificates/{certificate_id}", "cae.update", cae_update},
    {"DELETE", "/v1/{project_id}/cae/certificates/{certificate_id}", "cae.delete", cae_delete},
    {NULL, NULL, NULL, NULL},
};

const struct emu_service emu_service_cae = {
    .svc = EMU_CAE,
    .title = "CAE",
    .base_path = "/v1/{project_id}/cae/certificates",
    .routes = cae_routes,
    .unauth_status = 401,
    .unauth_code = "APIGW.0301",
    .forbidden_status = 400,
    .forbidden_code = CAE_WRONG_PROJECT,
    .seed = cae_seed,
};
