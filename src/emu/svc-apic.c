/* svc-apic.c — ROMA Connect APIC SSL certificates (api/apic.md,
 * seeds/roma-apic-create-certificate.txt): /v2/{project_id}/apic/certificates,
 * offset/limit paging (≤ 500) per ROMA instance with a total, create 200,
 * delete 204, update a full replace of name, certificate and key, and never a
 * PEM in any answer: the service's own decoded fields are all it returns.
 * Also …/{certificate_id}/attached-domains, so a client can see why a delete
 * of a bound certificate is refused. */
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"
#include "../x509/cert.h"
#include "../x509/key.h"
#include "emu.h"
#include "service.h"

/* Limits: the seed (SM2 fields), the list pages, the name rule of the newer pages. */
#define APIC_NAME_MIN 4
#define APIC_NAME_MAX 50
#define APIC_NAME_CJK 1              /* unconfirmed: Chinese U+4E00–U+9FA5 allowed, counted as characters */
#define APIC_PEM_MAX 65536           /* unconfirmed: no limit documented for the PEM fields */
#define APIC_SHORT_MAX 64            /* type, instance_id, algorithm_type: no valid value is longer */
#define APIC_SM2_MAX 8092            /* seed: cert_content_sign, private_key_sign */
#define APIC_LIMIT_DEFAULT 20
#define APIC_LIMIT_MAX 500           /* larger limits are clamped (APIG page), not refused */
#define APIC_NOT_AFTER_MAX 2147483647LL /* 2038-01-19T03:14:07Z, the 32-bit time limit */
#define APIC_GLOBAL_INSTANCE "common"   /* instance_id of type=global certificates */
#define APIC_SIG_PSS "SHA256-RSAPSS" /* unconfirmed: the PSS hash is not decoded, SHA-256 assumed */
#define APIC_SEED_GLOBAL_EVERY 4     /* every 4th seeded certificate is global */
#define APIC_SEED_BOUND_EVERY 5      /* every 5th seeded certificate is bound to a domain */

#define APIG_BAD_PARAM "APIG.2012"
#define APIG_KEY_MISMATCH "APIG.2101"
#define APIG_EXPIRED "APIG.2102"
#define APIG_CHAIN_ORDER "APIG.2104"
#define APIG_ENCRYPTED_KEY "APIG.2105"
#define APIG_BAD_PEM "APIG.2106"
#define APIG_AFTER_2038 "APIG.3148"
#define APIG_NAME_TAKEN "APIG.3325"     /* unconfirmed that names must be unique */
#define APIG_NO_CERT "APIG.3021"        /* unconfirmed: APIG.3025 is also documented */
#define APIG_NO_INSTANCE "APIG.3030"
#define APIG_IN_USE APIG_BAD_PARAM      /* unconfirmed: deleting a bound certificate */

static const char *const apic_types[] = {"global", "instance", NULL};
static const char *const apic_algorithms[] = {"RSA", "ECC", "SM2", NULL};

static bool one_of(const char *v, const char *const *allowed)
{
    for (; *allowed; allowed++)
        if (strcmp(v, *allowed) == 0)
            return true;
    return false;
}

/* 400 APIG.2012 naming the parameter, as the gateway words it, plus why. */
static void bad_param(struct emu_ctx *ctx, const char *param, const char *why)
{
    emu_resp_error(ctx->resp, 400, APIG_BAD_PARAM, "Invalid parameter value,parameterName:%s. %s",
                   param, why);
}

static void not_found(struct emu_ctx *ctx, const char *id)
{
    emu_resp_error(ctx->resp, 404, APIG_NO_CERT, "SSL certificate does not exist;id:%s", id);
}

/* ---- the record's APIC fields ---- */

static const char *extra_str(const struct emu_cert *c, const char *name, const char *dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(c->extra, name);
    return cJSON_IsString(v) ? v->valuestring : dflt;
}

static void set_extra(struct emu_cert *c, const char *name, const char *value)
{
    cJSON *v = cJSON_CreateString(value); /* first: value may be the old member's own text */
    if (cJSON_GetObjectItemCaseSensitive(c->extra, name))
        cJSON_ReplaceItemInObjectCaseSensitive(c->extra, name, v);
    else
        cJSON_AddItemToObject(c->extra, name, v);
}

static void set_extra_bool(struct emu_cert *c, const char *name, bool value)
{
    cJSON_DeleteItemFromObjectCaseSensitive(c->extra, name);
    cJSON_AddBoolToObject(c->extra, name, value);
}

static bool is_global(const struct emu_cert *c)
{
    return strcmp(extra_str(c, "type", "global"), "global") == 0;
}

/* Domains bound to the certificate (seeded only: certdeck does not bind). */
static const cJSON *bound_domains(const struct emu_cert *c)
{
    return cJSON_GetObjectItemCaseSensitive(c->extra, "bound_domains");
}

/* RSA, ECC (SM2 only when asked for): the key decides. NULL: not one APIC knows. */
static const char *algorithm_from_key(const char *key_algorithm)
{
    if (strcmp(key_algorithm, "RSA") == 0)
        return "RSA";
    if (strcmp(key_algorithm, "EC") == 0)
        return "ECC";
    if (strcmp(key_algorithm, "SM2") == 0)
        return "SM2";
    return NULL;
}

/* Go's x509.SignatureAlgorithm names ("SHA256-RSA"); unknown ones as OpenSSL says. */
static const char *go_signature_algorithm(const char *openssl_name)
{
    static const char *const map[][2] = {
        {"md2WithRSAEncryption", "MD2-RSA"},     {"md5WithRSAEncryption", "MD5-RSA"},
        {"sha1WithRSAEncryption", "SHA1-RSA"},   {"sha256WithRSAEncryption", "SHA256-RSA"},
        {"sha384WithRSAEncryption", "SHA384-RSA"}, {"sha512WithRSAEncryption", "SHA512-RSA"},
        {"dsaWithSHA1", "DSA-SHA1"},             {"dsa_with_SHA256", "DSA-SHA256"},
        {"ecdsa-with-SHA1", "ECDSA-SHA1"},       {"ecdsa-with-SHA256", "ECDSA-SHA256"},
        {"ecdsa-with-SHA384", "ECDSA-SHA384"},   {"ecdsa-with-SHA512", "ECDSA-SHA512"},
        {"rsassaPss", APIC_SIG_PSS},             {"ED25519", "Ed25519"},
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (strcmp(openssl_name, map[i][0]) == 0)
            return map[i][1];
    return openssl_name;
}

/* ---- JSON out ---- */

/* "2025-04-01T08:00:00.123000Z": the list examples carry microseconds. */
static void add_time_us(cJSON *o, const char *key, int64_t ms)
{
    char base[21], t[32];
    emu_iso_time(ms / 1000, base);
    snprintf(t, sizeof(t), "%.19s.%06dZ", base, (int)(ms % 1000) * 1000);
    cJSON_AddStringToObject(o, key, t);
}

static void add_time(cJSON *o, const char *key, int64_t seconds)
{
    char t[21];
    emu_iso_time(seconds, t);
    cJSON_AddStringToObject(o, key, t);
}

/* CertBase: what list items carry. */
static cJSON *apic_base_json(const struct emu_cert *c)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", c->id);
    cJSON_AddStringToObject(o, "name", c->name);
    cJSON_AddStringToObject(o, "type", extra_str(c, "type", "global"));
    cJSON_AddStringToObject(o, "instance_id", extra_str(c, "instance_id", APIC_GLOBAL_INSTANCE));
    cJSON_AddStringToObject(o, "project_id", c->project_id);
    cJSON_AddStringToObject(o, "common_name", c->d.common_name);
    cJSON *san = cJSON_AddArrayToObject(o, "san");
    for (size_t i = 0; i < c->d.dns_count; i++)
        cJSON_AddItemToArray(san, cJSON_CreateString(c->d.dns[i]));
    add_time(o, "not_after", c->d.not_after);
    cJSON_AddStringToObject(o, "signature_algorithm", go_signature_algorithm(c->d.signature_algorithm));
    add_time_us(o, "create_time", c->created_ms);
    add_time_us(o, "update_time", c->updated_ms);
    cJSON_AddStringToObject(o, "algorithm_type", extra_str(c, "algorithm_type", "RSA"));
    cJSON_AddBoolToObject(o, "is_has_trusted_root_ca",
                          cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c->extra, "has_trusted_root_ca")));
    return o;
}

/* The values of one attribute ("O") of a name, in certificate order. */
static cJSON *name_values(const struct x509_name *n, const char *key)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < n->count; i++)
        if (strcmp(n->attrs[i].key, key) == 0)
            cJSON_AddItemToArray(a, cJSON_CreateString(n->attrs[i].value));
    return a;
}

/* Decimal, like the seed's "13010" (unconfirmed); the hex when it cannot be read. */
static void add_serial(cJSON *o, const char *hex)
{
    BIGNUM *bn = NULL;
    char *dec = hex && *hex && BN_hex2bn(&bn, hex) ? BN_bn2dec(bn) : NULL;
    cJSON_AddStringToObject(o, "serial_number", dec ? dec : (hex ? hex : ""));
    OPENSSL_free(dec);
    BN_free(bn);
}

/* CertDetail: CertBase plus the subject, issuer and validity of the leaf. The
 * name parts are not in the decoded fields, so the leaf is read again here. */
static cJSON *apic_detail_json(const struct emu_cert *c)
{
    cJSON *o = apic_base_json(c);
    struct x509_certs certs = {0};
    struct cd_error err;
    const struct x509_cert *leaf = NULL;
    if (x509_certs_from_mem(c->cert_pem, strlen(c->cert_pem), "certificate", &certs, &err) == CD_OK &&
        certs.count > 0)
        leaf = &certs.items[0];
    static const struct x509_name empty;
    const struct x509_name *subject = leaf ? &leaf->subject : &empty;
    cJSON_AddNumberToObject(o, "version", leaf ? leaf->version : 3);
    cJSON_AddItemToObject(o, "organization", name_values(subject, "O"));
    cJSON_AddItemToObject(o, "organizational_unit", name_values(subject, "OU"));
    cJSON_AddItemToObject(o, "locality", name_values(subject, "L"));
    cJSON_AddItemToObject(o, "state", name_values(subject, "ST"));
    cJSON_AddItemToObject(o, "country", name_values(subject, "C"));
    add_time(o, "not_before", c->d.not_before);
    add_serial(o, c->d.serial);
    /* issuer: its O values (the seed's ["SSL Inc"]), else its CN (unconfirmed) */
    cJSON *issuer = name_values(leaf ? &leaf->issuer : &empty, "O");
    if (cJSON_GetArraySize(issuer) == 0) {
        cJSON_Delete(issuer);
        issuer = name_values(leaf ? &leaf->issuer : &empty, "CN");
    }
    cJSON_AddItemToObject(o, "issuer", issuer);
    if (certs.items)
        x509_certs_free(&certs);
    return o;
}

/* ---- the create/update form ---- */

struct apic_form {
    const char *name, *cert, *key;             /* required */
    const char *type, *instance_id;            /* scope */
    const char *trusted_root_ca;
    const char *algorithm_type, *cert_sign, *key_sign;
};

/* Reads string member `field`: absent leaves *out NULL; not a string, longer
 * than max, or (required) missing or empty answers 400. */
static bool str_field(struct emu_ctx *ctx, const cJSON *body, const char *field, size_t max,
                      bool required, const char **out)
{
    bool present = false;
    const char *v = emu_json_str(body, field, &present);
    if (present && !v)
        return bad_param(ctx, field, "It must be a string."), false;
    if (required && (!v || !*v))
        return bad_param(ctx, field, "It is required."), false;
    if (v && strlen(v) > max) {
        char why[64];
        snprintf(why, sizeof(why), "It is longer than %zu characters.", max);
        return bad_param(ctx, field, why), false;
    }
    *out = v;
    return true;
}

/* Step 2: name, cert_content and private_key, all required, create and update. */
static bool required_ok(struct emu_ctx *ctx, const cJSON *body, struct apic_form *f)
{
    return str_field(ctx, body, "name", SIZE_MAX, true, &f->name) &&
           str_field(ctx, body, "cert_content", APIC_PEM_MAX, true, &f->cert) &&
           str_field(ctx, body, "private_key", APIC_PEM_MAX, true, &f->key);
}

/* The length of a UTF-8 CJK ideograph (U+4E00–U+9FA5) at p: 3, or 0 for anything else. */
static size_t cjk_char(const unsigned char *p)
{
    if (!APIC_NAME_CJK || (p[0] & 0xF0) != 0xE0 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
        return 0;
    unsigned cp = (p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
    return cp >= 0x4E00 && cp <= 0x9FA5 ? 3 : 0;
}

/* Step 3: 4–50 characters, a letter (or CJK) first, then letters, digits, '_' (or CJK). */
static bool name_ok(struct emu_ctx *ctx, const char *name)
{
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; chars++) {
        size_t cjk = cjk_char(p);
        bool letter = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
        bool other = (*p >= '0' && *p <= '9') || *p == '_';
        if (!cjk && !letter && !(other && chars > 0))
            return bad_param(ctx, "name", chars == 0 ? "It must start with a letter."
                             : "Only letters, digits and underscores are allowed."), false;
        p += cjk ? cjk : 1;
    }
    if (chars < APIC_NAME_MIN || chars > APIC_NAME_MAX)
        return bad_param(ctx, "name", "It must be 4 to 50 characters long."), false;
    return true;
}

/* Step 4 on create: type global (default) or instance; instance needs a known instance_id. */
static bool scope_ok(struct emu_ctx *ctx, const cJSON *body, struct apic_form *f)
{
    if (!str_field(ctx, body, "type", APIC_SHORT_MAX, false, &f->type) ||
        !str_field(ctx, body, "instance_id", APIC_SHORT_MAX, false, &f->instance_id))
        return false;
    if (!f->type)
        f->type = "global";
    if (!one_of(f->type, apic_types))
        return bad_param(ctx, "type", "It must be global or instance."), false;
    if (strcmp(f->type, "global") == 0) {
        f->instance_id = APIC_GLOBAL_INSTANCE; /* an instance_id sent along is ignored */
        return true;
    }
    if (!f->instance_id || !*f->instance_id)
        return bad_param(ctx, "instance_id", "It is required when type is instance."), false;
    if (!emu_apic_instance_known(ctx->emu, f->instance_id)) {
        emu_resp_error(ctx->resp, 404, APIG_NO_INSTANCE, "The instance does not exist;id:%s",
                       f->instance_id);
        return false;
    }
    return true;
}

/* Step 4 on update: the scope cannot change; type and instance_id may be repeated. */
static bool scope_kept(struct emu_ctx *ctx, const cJSON *body, const struct emu_cert *cur,
                       struct apic_form *f)
{
    if (!str_field(ctx, body, "type", APIC_SHORT_MAX, false, &f->type) ||
        !str_field(ctx, body, "instance_id", APIC_SHORT_MAX, false, &f->instance_id))
        return false;
    const char *type = extra_str(cur, "type", "global");
    const char *instance = extra_str(cur, "instance_id", APIC_GLOBAL_INSTANCE);
    if (f->type && !one_of(f->type, apic_types))
        return bad_param(ctx, "type", "It must be global or instance."), false;
    if (f->type && strcmp(f->type, type) != 0)
        return bad_param(ctx, "type", "The certificate scope cannot be changed."), false;
    if (!is_global(cur) && f->instance_id && strcmp(f->instance_id, instance) != 0)
        return bad_param(ctx, "instance_id", "The certificate scope cannot be changed."), false;
    f->type = type;
    f->instance_id = instance;
    return true;
}

/* Step 5: algorithm_type; SM2 needs the signature certificate and key. */
static bool algorithm_ok(struct emu_ctx *ctx, const cJSON *body, struct apic_form *f)
{
    if (!str_field(ctx, body, "algorithm_type", APIC_SHORT_MAX, false, &f->algorithm_type) ||
        !str_field(ctx, body, "cert_content_sign", APIC_SM2_MAX, false, &f->cert_sign) ||
        !str_field(ctx, body, "private_key_sign", APIC_SM2_MAX, false, &f->key_sign))
        return false;
    if (f->algorithm_type && !one_of(f->algorithm_type, apic_algorithms))
        return bad_param(ctx, "algorithm_type", "It must be RSA, ECC or SM2."), false;
    bool sm2 = f->algorithm_type && strcmp(f->algorithm_type, "SM2") == 0;
    if (sm2 && (!f->cert_sign || !*f->cert_sign))
        return bad_param(ctx, "cert_content_sign", "It is required when algorithm_type is SM2."), false;
    if (sm2 && (!f->key_sign || !*f->key_sign))
        return bad_param(ctx, "private_key_sign", "It is required when algorithm_type is SM2."), false;
    return true;
}

/* What a field looks like: which PEM labels it has, and the seed example's
 * mistakes (quotes around the value, a literal backslash-n for line breaks). */
struct pem_shape {
    bool cert, key, quoted, escaped;
};

static struct pem_shape pem_shape(const char *s)
{
    struct pem_shape sh = {
        .cert = strstr(s, "-----BEGIN CERTIFICATE-----") != NULL,
        .key = strstr(s, "PRIVATE KEY-----") != NULL,
        .escaped = strstr(s, "\\n") != NULL,
    };
    s += strspn(s, " \t\r\n");
    sh.quoted = *s == '\'' || *s == '"';
    return sh;
}

static void add_problem(char *msg, size_t size, const char *problem)
{
    size_t used = strlen(msg);
    snprintf(msg + used, size - used, "%s%s", used ? "; " : "", problem);
}

/* Says what is wrong with a pasted certificate and key before decoding them:
 * swapped fields, stray quotes, literal "\n". False (400 APIG.2106) on any. */
static bool pem_shape_ok(struct emu_ctx *ctx, const struct apic_form *f)
{
    struct pem_shape c = pem_shape(f->cert), k = pem_shape(f->key);
    char msg[512] = "";
    bool cert_is_key = c.key && !c.cert, key_is_cert = k.cert && !k.key;
    if (cert_is_key && key_is_cert)
        add_problem(msg, sizeof(msg), "cert_content and private_key are swapped (cert_content "
                    "holds a private key, private_key a certificate)");
    else if (cert_is_key)
        add_problem(msg, sizeof(msg), "cert_content holds a private key, not a certificate");
    else if (key_is_cert)
        add_problem(msg, sizeof(msg), "private_key holds a certificate, not a private key");
    if (c.quoted || k.quoted)
        add_problem(msg, sizeof(msg), c.quoted && k.quoted ? "both values are wrapped in quotes"
                    : c.quoted ? "cert_content is wrapped in quotes" : "private_key is wrapped in quotes");
    if (c.escaped || k.escaped)
        add_problem(msg, sizeof(msg), "the PEM has literal \\n sequences instead of line breaks");
    if (!*msg)
        return true;
    emu_resp_error(ctx->resp, 400, APIG_BAD_PEM, "Invalid certificate or private key: %s", msg);
    return false;
}

/* Whether the key belongs to a certificate other than the first: the chain is out of order. */
static bool key_matches_later_cert(const char *cert_pem, const char *key_pem)
{
    struct x509_certs certs = {0};
    struct x509_key *key = NULL;
    struct cd_error err;
    bool later = false;
    if (x509_certs_from_mem(cert_pem, strlen(cert_pem), "certificate", &certs, &err) == CD_OK &&
        x509_key_from_mem(key_pem, strlen(key_pem), "private key", NULL, NULL, &key, &err) == CD_OK)
        for (size_t i = 1; i < certs.count && !later; i++)
            later = x509_key_matches_cert(key, &certs.items[i]);
    x509_key_free(key);
    if (certs.items)
        x509_certs_free(&certs);
    return later;
}

/* Step 6: the certificate (leaf first) and its unencrypted key, valid now and
 * before 2038. Fills d on success. */
static bool content_ok(struct emu_ctx *ctx, const struct apic_form *f, struct emu_decoded *d)
{
    if (!pem_shape_ok(ctx, f))
        return false;
    char why[512];
    cd_status rc = emu_decode_pem(f->cert, f->key, 0, d, why, sizeof(why));
    if (rc == CD_ERR_BAD_PASSPHRASE) {
        emu_resp_error(ctx->resp, 400, APIG_ENCRYPTED_KEY, "Encrypted private keys are not supported");
    } else if (rc == CD_ERR_KEY_MISMATCH && key_matches_later_cert(f->cert, f->key)) {
        emu_resp_error(ctx->resp, 400, APIG_CHAIN_ORDER, "The certificate chain is in the wrong "
                       "order: the server certificate must come first");
    } else if (rc == CD_ERR_KEY_MISMATCH) {
        emu_resp_error(ctx->resp, 400, APIG_KEY_MISMATCH, "The certificate and private key do not match");
    } else if (rc != CD_OK) {
        emu_resp_error(ctx->resp, 400, APIG_BAD_PEM, "Invalid certificate or private key: %s", why);
    }
    if (rc != CD_OK)
        return false;
    char when[21];
    emu_iso_time(d->not_after, when);
    if (d->not_after <= emu_now_ms() / 1000)
        emu_resp_error(ctx->resp, 400, APIG_EXPIRED, "The certificate has expired (%s)", when);
    else if (d->not_after > APIC_NOT_AFTER_MAX)
        emu_resp_error(ctx->resp, 400, APIG_AFTER_2038, "The certificate expires after "
                       "2038-01-19T03:14:07Z (%s)", when);
    else if (!algorithm_from_key(d->key_algorithm))
        emu_resp_error(ctx->resp, 400, APIG_BAD_PEM, "Invalid certificate or private key: %s "
                       "keys are not supported (RSA, ECC or SM2)", d->key_algorithm);
    else if (f->algorithm_type && strcmp(f->algorithm_type, "SM2") != 0 &&
             strcmp(f->algorithm_type, algorithm_from_key(d->key_algorithm)) != 0)
        bad_param(ctx, "algorithm_type", "It does not match the key of the certificate.");
    else
        return true;
    emu_decoded_free(d);
    return false;
}

/* Step 7: a trusted root CA, when given, holds at least one certificate. */
static bool trusted_root_ok(struct emu_ctx *ctx, const cJSON *body, struct apic_form *f)
{
    if (!str_field(ctx, body, "trusted_root_ca", APIC_PEM_MAX, false, &f->trusted_root_ca))
        return false;
    if (!f->trusted_root_ca || !*f->trusted_root_ca) {
        f->trusted_root_ca = NULL; /* "" means none */
        return true;
    }
    struct emu_decoded d;
    char why[512];
    if (emu_decode_pem(f->trusted_root_ca, NULL, 0, &d, why, sizeof(why)) != CD_OK) {
        emu_resp_error(ctx->resp, 400, APIG_BAD_PEM, "Invalid trusted_root_ca: %s", why);
        return false;
    }
    emu_decoded_free(&d);
    return true;
}

/* Names are unique per project (unconfirmed); self is the record being updated. */
static bool name_free(struct emu_ctx *ctx, const char *name, const struct emu_cert *self)
{
    struct emu_cert **all = ctx->store->items[EMU_APIC];
    for (size_t i = 0; i < ctx->store->count[EMU_APIC]; i++)
        if (all[i] != self && strcmp(all[i]->project_id, ctx->project_id) == 0 &&
            strcmp(all[i]->name, name) == 0) {
            emu_resp_error(ctx->resp, 400, APIG_NAME_TAKEN, "The certificate name already exists;"
                           "name:%s", name);
            return false;
        }
    return true;
}

/* The checklist of api/apic.md, steps 2–7, then the name's uniqueness; cur is
 * the record on update, NULL on create. Fills d on success. */
static bool form_ok(struct emu_ctx *ctx, const cJSON *body, const struct emu_cert *cur,
                    struct apic_form *f, struct emu_decoded *d)
{
    if (!required_ok(ctx, body, f) || !name_ok(ctx, f->name))
        return false;
    if (!(cur ? scope_kept(ctx, body, cur, f) : scope_ok(ctx, body, f)))
        return false;
    if (!algorithm_ok(ctx, body, f) || !content_ok(ctx, f, d))
        return false;
    if (trusted_root_ok(ctx, body, f) && name_free(ctx, f->name, cur))
        return true;
    emu_decoded_free(d);
    return false;
}

/* The body of POST and PUT: a JSON object (step 1). */
static cJSON *body_object(struct emu_ctx *ctx)
{
    cJSON *body = emu_body_json(ctx);
    if (!body)
        bad_param(ctx, "body", "The request body must be a JSON object.");
    return body;
}

/* Stores the form on the record: the PEM, name and the APIC fields. */
static void apply_form(struct emu_cert *c, const struct apic_form *f, const struct emu_decoded *d)
{
    emu_cert_set_str(&c->name, f->name);
    emu_cert_set_pem(c, f->cert, f->key, d);
    set_extra(c, "type", f->type);
    set_extra(c, "instance_id", f->instance_id);
    set_extra(c, "algorithm_type",
              f->algorithm_type ? f->algorithm_type : algorithm_from_key(d->key_algorithm));
    set_extra_bool(c, "has_trusted_root_ca", f->trusted_root_ca != NULL);
}

/* ---- operations ---- */

static struct emu_cert *find_own(struct emu_ctx *ctx, const char *id)
{
    struct emu_cert *c = emu_store_find(ctx->store, EMU_APIC, id);
    return c && strcmp(c->project_id, ctx->project_id) == 0 ? c : NULL;
}

/* offset and limit: integers; offset < 0 → 0, limit ≤ 0 → 20, > 500 → 500. */
static bool paging_ok(struct emu_ctx *ctx, long *offset, long *limit)
{
    const char *off_s = emu_query(ctx->req, "offset"), *lim_s = emu_query(ctx->req, "limit");
    *offset = 0;
    *limit = APIC_LIMIT_DEFAULT;
    if (off_s && !emu_parse_long(off_s, LONG_MIN, LONG_MAX, offset))
        return bad_param(ctx, "offset", "It must be an integer."), false;
    if (lim_s && !emu_parse_long(lim_s, LONG_MIN, LONG_MAX, limit))
        return bad_param(ctx, "limit", "It must be an integer."), false;
    if (*offset < 0)
        *offset = 0;
    if (*limit <= 0)
        *limit = APIC_LIMIT_DEFAULT;
    if (*limit > APIC_LIMIT_MAX)
        *limit = APIC_LIMIT_MAX;
    return true;
}

struct list_query {
    const char *instance_id, *name, *common_name, *signature_algorithm, *type, *algorithm_type;
};

/* instance_id is required and must exist; type and algorithm_type are enums. */
static bool list_query_ok(struct emu_ctx *ctx, struct list_query *q)
{
    const struct emu_req *req = ctx->req;
    *q = (struct list_query){emu_query(req, "instance_id"), emu_query(req, "name"),
                             emu_query(req, "common_name"), emu_query(req, "signature_algorithm"),
                             emu_query(req, "type"), emu_query(req, "algorithm_type")};
    if (!q->instance_id || !*q->instance_id)
        return bad_param(ctx, "instance_id", "It is required."), false;
    if (!emu_apic_instance_known(ctx->emu, q->instance_id)) {
        emu_resp_error(ctx->resp, 404, APIG_NO_INSTANCE, "The instance does not exist;id:%s",
                       q->instance_id);
        return false;
    }
    if (q->type && !one_of(q->type, apic_types))
        return bad_param(ctx, "type", "It must be global or instance."), false;
    if (q->algorithm_type && !one_of(q->algorithm_type, apic_algorithms))
        return bad_param(ctx, "algorithm_type", "It must be RSA, ECC or SM2."), false;
    return true;
}

/* An instance sees the global certificates and its own (unconfirmed); name
 * matches a part of the name, the other filters the whole value. */
static bool list_match(const struct list_query *q, const struct emu_cert *c)
{
    if (!is_global(c) && strcmp(extra_str(c, "instance_id", ""), q->instance_id) != 0)
        return false;
    return (!q->type || strcmp(q->type, extra_str(c, "type", "global")) == 0) &&
           (!q->name || strstr(c->name, q->name)) &&
           (!q->common_name || strcmp(q->common_name, c->d.common_name) == 0) &&
           (!q->signature_algorithm ||
            strcmp(q->signature_algorithm, go_signature_algorithm(c->d.signature_algorithm)) == 0) &&
           (!q->algorithm_type || strcmp(q->algorithm_type, extra_str(c, "algorithm_type", "RSA")) == 0);
}

/* Newest first, then by id: a total order, so pages never overlap. */
static int newest_first(const void *a, const void *b)
{
    const struct emu_cert *x = *(const struct emu_cert *const *)a, *y = *(const struct emu_cert *const *)b;
    if (x->created_ms != y->created_ms)
        return x->created_ms > y->created_ms ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* GET /v2/{project_id}/apic/certificates?instance_id=…&offset=…&limit=… */
static void apic_list(struct emu_ctx *ctx)
{
    struct list_query q;
    long offset, limit;
    if (!list_query_ok(ctx, &q) || !paging_ok(ctx, &offset, &limit))
        return;
    size_t n = ctx->store->count[EMU_APIC], m = 0;
    struct emu_cert **all = ctx->store->items[EMU_APIC];
    struct emu_cert **match = xcalloc(n ? n : 1, sizeof(*match));
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i]->project_id, ctx->project_id) == 0 && list_match(&q, all[i]))
            match[m++] = all[i];
    qsort(match, m, sizeof(*match), newest_first);
    size_t start = (size_t)offset < m ? (size_t)offset : m;
    size_t end = m - start > (size_t)limit ? start + (size_t)limit : m;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "total", (double)m);
    cJSON_AddNumberToObject(o, "size", (double)(end - start));
    cJSON *certs = cJSON_AddArrayToObject(o, "certs");
    for (size_t i = start; i < end; i++)
        cJSON_AddItemToArray(certs, apic_base_json(match[i]));
    free(match);
    emu_resp_json(ctx->resp, 200, o);
}

static void apic_show(struct emu_ctx *ctx)
{
    const char *id = ctx->req->params[1];
    struct emu_cert *c = find_own(ctx, id);
    if (!c)
        return not_found(ctx, id);
    emu_resp_json(ctx->resp, 200, apic_detail_json(c));
}

/* POST: 200 (not 201) with the CertDetail. */
static void apic_create(struct emu_ctx *ctx)
{
    cJSON *body = body_object(ctx);
    if (!body)
        return;
    struct apic_form f = {0};
    struct emu_decoded d;
    if (!form_ok(ctx, body, NULL, &f, &d)) {
        cJSON_Delete(body);
        return;
    }
    struct emu_cert *c = emu_cert_new(EMU_APIC, ctx->project_id);
    emu_random_hex(c->id, 32);
    apply_form(c, &f, &d);
    emu_decoded_free(&d);
    emu_store_add(ctx->store, c);
    emu_store_changed(ctx->store);
    emu_resp_json(ctx->resp, 200, apic_detail_json(c));
    cJSON_Delete(body);
}

/* PUT: a full replace of name, certificate and key; the scope stays. */
static void apic_update(struct emu_ctx *ctx)
{
    const char *id = ctx->req->params[1];
    cJSON *body = body_object(ctx);
    if (!body)
        return;
    struct emu_cert *c = find_own(ctx, id);
    struct apic_form f = {0};
    struct emu_decoded d;
    bool ok = c && form_ok(ctx, body, c, &f, &d);
    if (!c)
        not_found(ctx, id);
    if (!ok) {
        cJSON_Delete(body);
        return;
    }
    apply_form(c, &f, &d);
    emu_decoded_free(&d);
    c->updated_ms = emu_now_ms();
    emu_store_changed(ctx->store);
    emu_resp_json(ctx->resp, 200, apic_detail_json(c));
    cJSON_Delete(body);
}

/* DELETE: 204; only certificates bound to no domain. */
static void apic_delete(struct emu_ctx *ctx)
{
    const char *id = ctx->req->params[1];
    struct emu_cert *c = find_own(ctx, id);
    if (!c)
        return not_found(ctx, id);
    if (cJSON_GetArraySize(bound_domains(c)) > 0) {
        emu_resp_error(ctx->resp, 400, APIG_IN_USE, "Invalid parameter value,parameterName:"
                       "certificate_id. The certificate is bound to %d domain name(s); unbind "
                       "them first", cJSON_GetArraySize(bound_domains(c)));
        return;
    }
    emu_store_remove(ctx->store, EMU_APIC, id);
    emu_store_changed(ctx->store);
    ctx->resp->status = 204;
}

/* A stable 32-hex id for something derived from the certificate (domain, group). */
static void derived_id(const char *cert_id, const char *what, char out[33])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    char *in = xasprintf("%s/%s", cert_id, what);
    EVP_Digest(in, strlen(in), md, &n, EVP_sha256(), NULL);
    free(in);
    for (size_t i = 0; i < 16; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
}

static cJSON *bound_domain_json(const struct emu_cert *c, const char *domain)
{
    char id[33], group[33], group_name[40];
    derived_id(c->id, domain, id);
    derived_id(c->id, "group", group);
    snprintf(group_name, sizeof(group_name), "group_%.8s", group);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "url_domain", domain);
    cJSON_AddStringToObject(o, "id", id);
    cJSON_AddNumberToObject(o, "status", 3); /* CNAME resolved */
    cJSON_AddStringToObject(o, "min_ssl_version", "TLSv1.2");
    cJSON_AddBoolToObject(o, "is_http_redirect_to_https", false);
    cJSON_AddBoolToObject(o, "verified_client_certificate_enabled", false);
    cJSON_AddStringToObject(o, "ssl_id", c->id);
    cJSON_AddStringToObject(o, "ssl_name", c->name);
    cJSON_AddStringToObject(o, "api_group_id", group);
    cJSON_AddStringToObject(o, "api_group_name", group_name);
    cJSON_AddStringToObject(o, "instance_id", is_global(c) ? EMU_DEMO_APIC_INSTANCE
                                                           : extra_str(c, "instance_id", ""));
    return o;
}

/* GET …/{certificate_id}/attached-domains: the domains to unbind before a delete. */
static void apic_attached_domains(struct emu_ctx *ctx)
{
    const char *id = ctx->req->params[1];
    struct emu_cert *c = find_own(ctx, id);
    long offset, limit;
    if (!c)
        return not_found(ctx, id);
    if (!paging_ok(ctx, &offset, &limit))
        return;
    const char *filter = emu_query(ctx->req, "url_domain");
    cJSON *o = cJSON_CreateObject();
    cJSON *items = cJSON_CreateArray();
    long total = 0;
    const cJSON *d;
    cJSON_ArrayForEach(d, bound_domains(c)) {
        if (!cJSON_IsString(d) || (filter && !strstr(d->valuestring, filter)))
            continue;
        if (total >= offset && total < offset + limit)
            cJSON_AddItemToArray(items, bound_domain_json(c, d->valuestring));
        total++;
    }
    cJSON_AddNumberToObject(o, "total", (double)total);
    cJSON_AddNumberToObject(o, "size", cJSON_GetArraySize(items));
    cJSON_AddItemToObject(o, "bound_domains", items);
    emu_resp_json(ctx->resp, 200, o);
}

/* Seeded certificates: mostly the demo instance's own, some global, some bound. */
static void apic_seed(struct emu_cert *c, size_t i)
{
    emu_random_hex(c->id, 32);
    bool global = i % APIC_SEED_GLOBAL_EVERY == 1;
    set_extra(c, "type", global ? "global" : "instance");
    set_extra(c, "instance_id", global ? APIC_GLOBAL_INSTANCE : EMU_DEMO_APIC_INSTANCE);
    const char *alg = algorithm_from_key(c->d.key_algorithm ? c->d.key_algorithm : "");
    set_extra(c, "algorithm_type", alg ? alg : "RSA");
    set_extra_bool(c, "has_trusted_root_ca", false);
    const char *domain = c->d.dns_count ? c->d.dns[0] : c->d.common_name;
    if (i % APIC_SEED_BOUND_EVERY == 0 && domain && *domain) {
        cJSON *bound = cJSON_AddArrayToObject(c->extra, "bound_domains");
        cJSON_AddItemToArray(bound, cJSON_CreateString(domain));
    }
}

static const struct emu_route apic_routes[] = {
    {"GET", "/v2/{project_id}/apic/certificates", "apic.list", apic_list},
    {"POST", "/v2/{project_id}/apic/certificates", "apic.create", apic_create},
    {"GET", "/v2/{project_id}/apic/certificates/{certificate_id}", "apic.show", apic_show},
    {"PUT", "/v2/{project_id}/apic/certificates/{certificate_id}", "apic.update", apic_update},
    {"DELETE", "/v2/{project_id}/apic/certificates/{certificate_id}", "apic.delete", apic_delete},
    {"GET", "/v2/{project_id}/apic/certificates/{certificate_id}/attached-domains",
     "apic.attached_domains", apic_attached_domains},
    {NULL, NULL, NULL, NULL},
};

const struct emu_service emu_service_apic = {
    .svc = EMU_APIC,
    .title = "ROMA Connect APIC",
    .base_path = "/v2/{project_id}/apic/certificates",
    .routes = apic_routes,
    /* APIG.1000 is the code for a missing token, APIG.1002 for a bad one; the
     * auth layer sends one code, so the bad-token one (seed example). */
    .unauth_status = 401,
    .unauth_code = "APIG.1002",
    .missing_code = "APIG.1000",
    .forbidden_status = 403, /* the seed's example; the error table says 401 */
    .forbidden_code = "APIG.1005",
    .seed = apic_seed,
};
