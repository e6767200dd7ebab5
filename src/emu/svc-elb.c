/* svc-elb.c — ELB v3 certificates (api/elb.md, seeds/elb-*.txt):
 * /v3/{project_id}/elb/certificates, marker/limit paging, create 201, delete 204,
 * the private key echoed back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"
#include "service.h"

/* Limits from the seed pages (create) and the seed update page. */
#define ELB_CERT_MAX 65536
#define ELB_KEY_MAX 8192
#define ELB_TEXT_MAX 255
#define ELB_LAYERS_MAX 11
#define ELB_DOMAIN_CREATE_CHARS 10000
#define ELB_DOMAIN_CREATE_NAMES 100
#define ELB_DOMAIN_UPDATE_CHARS 1024
#define ELB_DOMAIN_UPDATE_NAMES 30
#define ELB_LIMIT_MAX 2000

#define ELB_INVALID "ELB.8902"
#define ELB_BAD_CONTENT "ELB.1011"
#define ELB_NOT_FOUND "ELB.8904"

static const char *const elb_types[] = {"server", "client", "server_sm", NULL};
static const char *const elb_protection[] = {"nonProtection", "consoleProtection", NULL};

static bool one_of(const char *v, const char *const *allowed)
{
    for (; *allowed; allowed++)
        if (strcmp(v, *allowed) == 0)
            return true;
    return false;
}

/* ---- JSON out ---- */

static const char *extra_str(const struct emu_cert *c, const char *name, const char *dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(c->extra, name);
    return cJSON_IsString(v) ? v->valuestring : dflt;
}

static cJSON *elb_cert_json(const struct emu_cert *c)
{
    cJSON *o = cJSON_CreateObject();
    char t[21];
    cJSON_AddStringToObject(o, "id", c->id);
    cJSON_AddStringToObject(o, "project_id", c->project_id);
    cJSON_AddStringToObject(o, "name", c->name);
    cJSON_AddStringToObject(o, "description", c->description);
    cJSON_AddStringToObject(o, "type", extra_str(c, "type", "server"));
    cJSON_AddBoolToObject(o, "admin_state_up", true);
    cJSON_AddStringToObject(o, "certificate", c->cert_pem);
    cJSON_AddStringToObject(o, "private_key", c->key_pem ? c->key_pem : "");
    const char *domain = extra_str(c, "domain", NULL);
    if (domain && *domain)
        cJSON_AddStringToObject(o, "domain", domain);
    else
        cJSON_AddNullToObject(o, "domain");
    emu_iso_time(c->created_ms / 1000, t);
    cJSON_AddStringToObject(o, "created_at", t);
    emu_iso_time(c->updated_ms / 1000, t);
    cJSON_AddStringToObject(o, "updated_at", t);
    emu_iso_time(c->d.not_after, t);
    cJSON_AddStringToObject(o, "expire_time", t);
    cJSON_AddStringToObject(o, "common_name", c->d.common_name);
    cJSON_AddStringToObject(o, "fingerprint", c->d.sha1);
    cJSON *sans = cJSON_AddArrayToObject(o, "subject_alternative_names");
    for (size_t i = 0; i < c->d.dns_count; i++)
        cJSON_AddItemToArray(sans, cJSON_CreateString(c->d.dns[i]));
    if (c->d.dns_count == 0 && *c->d.common_name)
        cJSON_AddItemToArray(sans, cJSON_CreateString(c->d.common_name));
    cJSON_AddStringToObject(o, "source", extra_str(c, "source", ""));
    cJSON_AddStringToObject(o, "scm_certificate_id", extra_str(c, "scm_certificate_id", ""));
    cJSON_AddStringToObject(o, "protection_status", extra_str(c, "protection_status", "nonProtection"));
    cJSON_AddStringToObject(o, "protection_reason", extra_str(c, "protection_reason", ""));
    cJSON_AddStringToObject(o, "enterprise_project_id", extra_str(c, "enterprise_project_id", "0"));
    return o;
}

static void reply_cert(struct emu_ctx *ctx, int status, const struct emu_cert *c)
{
    char rid[37];
    emu_request_id(rid, true);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "certificate", elb_cert_json(c));
    cJSON_AddStringToObject(o, "request_id", rid);
    emu_resp_json(ctx->resp, status, o);
}

static void not_found(struct emu_ctx *ctx, const char *id)
{
    emu_resp_error(ctx->resp, 404, ELB_NOT_FOUND, "certificate %s could not be found.", id);
}

/* ---- validation ---- */

static bool label_ok(const char *l, size_t n)
{
    if (n < 1 || n > 63 || l[0] == '-' || l[n - 1] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = l[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '-'))
            return false;
    }
    return true;
}

/* A name ("www.test.com") or a wildcard ("*.test.com"). */
static bool domain_name_ok(const char *s, size_t n)
{
    if (n >= 2 && s[0] == '*' && s[1] == '.') {
        s += 2;
        n -= 2;
    }
    if (n == 0)
        return false;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++)
        if (i == n || s[i] == '.') {
            if (!label_ok(s + start, i - start))
                return false;
            start = i + 1;
        }
    return true;
}

/* Checks the comma-separated domain list; fills why. */
static bool domain_ok(const char *domain, size_t max_chars, size_t max_names, char *why,
                      size_t why_size)
{
    size_t len = strlen(domain);
    if (len == 0)
        return true;
    if (len > max_chars) {
        snprintf(why, why_size, "Invalid input for 'domain': longer than %zu characters.",
                 max_chars);
        return false;
    }
    size_t names = 0, start = 0;
    for (size_t i = 0; i <= len; i++)
        if (i == len || domain[i] == ',') {
            names++;
            if (!domain_name_ok(domain + start, i - start)) {
                snprintf(why, why_size, "Invalid input for 'domain': '%.*s' is not a valid "
                         "domain name.", (int)(i - start), domain + start);
                return false;
            }
            start = i + 1;
        }
    if (names > max_names) {
        snprintf(why, why_size, "Invalid input for 'domain': %zu names, at most %zu.", names,
                 max_names);
        return false;
    }
    return true;
}

/* Reads an optional string member into *out, checking type and length. */
static bool opt_text(struct emu_ctx *ctx, const cJSON *opt, const char *field, size_t max,
                     const char **out)
{
    bool present = false;
    const char *v = emu_json_str(opt, field, &present);
    if (present && !v) {
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(opt, field);
        if (field[0] == 'd' && strcmp(field, "domain") == 0 && cJSON_IsNull(m)) {
            *out = "";
            return true;
        }
        emu_resp_error(ctx->resp, 400, ELB_INVALID, "Invalid input for '%s': not a string.", field);
        return false;
    }
    if (v && strlen(v) > max) {
        emu_resp_error(ctx->resp, 400, ELB_INVALID,
                       "Invalid input for '%s': longer than %zu characters.", field, max);
        return false;
    }
    *out = v;
    return true;
}

/* The {"certificate": {...}} wrapper both create and update need. */
static cJSON *option_object(struct emu_ctx *ctx, cJSON **root)
{
    *root = emu_body_json(ctx);
    if (!*root) {
        emu_resp_error(ctx->resp, 400, ELB_INVALID, "Invalid input for 'certificate': the body "
                       "must be a JSON object.");
        return NULL;
    }
    cJSON *opt = cJSON_GetObjectItemCaseSensitive(*root, "certificate");
    if (!cJSON_IsObject(opt)) {
        emu_resp_error(ctx->resp, 400, ELB_INVALID,
                       "Invalid input for 'certificate': the body needs a \"certificate\" object.");
        cJSON_Delete(*root);
        return NULL;
    }
    return opt;
}

/* Decodes cert (+ key) and answers 400 with the service's code when they are bad. */
static bool content_ok(struct emu_ctx *ctx, const char *cert, const char *key,
                       struct emu_decoded *d)
{
    char why[512];
    cd_status rc = emu_decode_pem(cert, key, ELB_LAYERS_MAX, d, why, sizeof(why));
    if (rc == CD_OK)
        return true;
    if (rc == CD_ERR_INVALID)
        emu_resp_error(ctx->resp, 400, ELB_INVALID, "Invalid input for 'certificate': %s.", why);
    else
        emu_resp_error(ctx->resp, 400, ELB_BAD_CONTENT, "Invalid private key or certificate "
                       "content: %s.", why);
    return false;
}

static void set_extra(struct emu_cert *c, const char *name, const char *value)
{
    cJSON_DeleteItemFromObjectCaseSensitive(c->extra, name);
    cJSON_AddStringToObject(c->extra, name, value);
}

/* ---- operations ---- */

static bool match_any(const struct emu_req *req, const char *param, const char *value)
{
    size_t n = emu_query_count(req, param);
    if (n == 0)
        return true;
    for (size_t i = 0; i < n; i++)
        if (strcmp(emu_query_nth(req, param, i), value) == 0)
            return true;
    return false;
}

static bool list_filters_match(const struct emu_req *req, const struct emu_cert *c)
{
    const char *domain = extra_str(c, "domain", "");
    return match_any(req, "id", c->id) && match_any(req, "name", c->name) &&
           match_any(req, "description", c->description) &&
           match_any(req, "type", extra_str(c, "type", "server")) &&
           match_any(req, "domain", domain) &&
           match_any(req, "common_name", c->d.common_name) &&
           match_any(req, "fingerprint", c->d.sha1) &&
           match_any(req, "source", extra_str(c, "source", "")) &&
           match_any(req, "scm_certificate_id", extra_str(c, "scm_certificate_id", "")) &&
           match_any(req, "protection_status", extra_str(c, "protection_status", "nonProtection")) &&
           match_any(req, "protection_reason", extra_str(c, "protection_reason", "")) &&
           (emu_query_count(req, "enterprise_project_id") == 0 ||
            match_any(req, "enterprise_project_id", "all_granted_eps") ||
            match_any(req, "enterprise_project_id", extra_str(c, "enterprise_project_id", "0")));
}

/* GET /v3/{project_id}/elb/certificates — marker/limit/page_reverse paging. */
static void elb_list(struct emu_ctx *ctx)
{
    const struct emu_req *req = ctx->req;
    long limit = ELB_LIMIT_MAX;
    const char *limit_s = emu_query(req, "limit");
    if (limit_s && !emu_parse_long(limit_s, 0, ELB_LIMIT_MAX, &limit)) {
        emu_resp_error(ctx->resp, 400, ELB_INVALID, "Invalid input for 'limit': %s.", limit_s);
        return;
    }
    bool reverse = false;
    const char *rev_s = emu_query(req, "page_reverse");
    if (rev_s && !emu_parse_bool(rev_s, &reverse)) {
        emu_resp_error(ctx->resp, 400, ELB_INVALID, "Invalid input for 'page_reverse': %s.", rev_s);
        return;
    }
    const char *marker = limit_s ? emu_query(req, "marker") : NULL; /* ignored without limit */
    if (!limit_s)
        reverse = false;

    /* The matching records of this project, in creation order. */
    size_t n = ctx->store->count[EMU_ELB], m = 0;
    struct emu_cert **all = ctx->store->items[EMU_ELB];
    struct emu_cert **match = xcalloc(n ? n : 1, sizeof(*match));
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i]->project_id, ctx->project_id) == 0 && list_filters_match(req, all[i]))
            match[m++] = all[i];

    size_t start = 0, end = m; /* the page is match[start, end) */
    if (marker) {
        size_t pos = SIZE_MAX;
        for (size_t i = 0; i < m && pos == SIZE_MAX; i++)
            if (strcmp(match[i]->id, marker) == 0)
                pos = i;
        if (pos == SIZE_MAX) {
            emu_resp_error(ctx->resp, 400, ELB_INVALID, "Invalid input for 'marker': %s.", marker);
            free(match);
            return;
        }
        if (reverse) {
            end = pos;
            start = end > (size_t)limit ? end - (size_t)limit : 0;
        } else {
            start = pos + 1;
        }
    } else if (reverse) {
        start = m > (size_t)limit ? m - (size_t)limit : 0;
    }
    if (!reverse && end - start > (size_t)limit)
        end = start + (size_t)limit;

    cJSON *o = cJSON_CreateObject();
    cJSON *certs = cJSON_AddArrayToObject(o, "certificates");
    for (size_t i = start; i < end; i++)
        cJSON_AddItemToArray(certs, elb_cert_json(match[i]));
    cJSON *page = cJSON_AddObjectToObject(o, "page_info");
    if (end > start)
        cJSON_AddStringToObject(page, "previous_marker", match[start]->id);
    bool more = reverse ? start > 0 : end < m;
    if (more && end > start)
        cJSON_AddStringToObject(page, "next_marker", reverse ? match[start]->id : match[end - 1]->id);
    cJSON_AddNumberToObject(page, "current_count", (double)(end - start));
    char rid[37];
    emu_request_id(rid, true);
    cJSON_AddStringToObject(o, "request_id", rid);
    free(match);
    emu_resp_json(ctx->resp, 200, o);
}

static struct emu_cert *find_own(struct emu_ctx *ctx, const char *id)
{
    struct emu_cert *c = emu_store_find(ctx->store, EMU_ELB, id);
    return c && strcmp(c->project_id, ctx->project_id) == 0 ? c : NULL;
}

static void elb_show(struct emu_ctx *ctx)
{
    const char *id = ctx->req->params[1];
    struct emu_cert *c = find_own(ctx, id);
    if (!c)
        return not_found(ctx, id);
    reply_cert(ctx, 200, c);
}

static void elb_create(struct emu_ctx *ctx)
{
    cJSON *root;
    cJSON *opt = option_object(ctx, &root);
    if (!opt)
        return;
    const char *name = NULL, *desc = NULL, *type = NULL, *cert = NULL, *key = NULL,
               *domain = NULL, *eps = NULL, *scm = NULL, *source = NULL, *prot = NULL,
               *reason = NULL;
    bool ok = opt_text(ctx, opt, "name", ELB_TEXT_MAX, &name) &&
              opt_text(ctx, opt, "description", ELB_TEXT_MAX, &desc) &&
              opt_text(ctx, opt, "type", 32, &type) &&
              opt_text(ctx, opt, "certificate", ELB_CERT_MAX, &cert) &&
              opt_text(ctx, opt, "private_key", ELB_KEY_MAX, &key) &&
              opt_text(ctx, opt, "domain", ELB_DOMAIN_CREATE_CHARS, &domain) &&
              opt_text(ctx, opt, "enterprise_project_id", 64, &eps) &&
              opt_text(ctx, opt, "scm_certificate_id", 64, &scm) &&
              opt_text(ctx, opt, "source", 16, &source) &&
              opt_text(ctx, opt, "protection_status", 32, &prot) &&
              opt_text(ctx, opt, "protection_reason", ELB_TEXT_MAX, &reason);
    char why[256];
    if (ok && !type)
        type = "server";
    if (ok && !one_of(type, elb_types))
        ok = (emu_resp_error(ctx->resp, 400, ELB_INVALID, "Invalid input for 'type': %s.", type), false);
    else if (ok && (!cert || !*cert))
        ok = (emu_resp_error(ctx->resp, 400, ELB_INVALID, "Invalid input for 'certificate': "
                             "the certificate content is required."), false);
    else if (ok && strcmp(type, "client") != 0 && (!key || !*key))
        ok = (emu_resp_error(ctx->resp, 400, ELB_INVALID, "Invalid input for 'private_key': "
                             "required for %s certificates.", type), false);
    else if (ok && domain && !domain_ok(domain, ELB_DOMAIN_CREATE_CHARS, ELB_DOMAIN_CREATE_NAMES,
                                        why, sizeof(why)))
        ok = (emu_resp_error(ctx->resp, 400, ELB_INVALID, "%s", why), false);
    else if (ok && eps && (!*eps || strcmp(eps, "0") == 0))
        ok = (emu_resp_error(ctx->resp, 400, ELB_INVALID, "Invalid input for "
                             "'enterprise_project_id': omit it for the default project."), false);
    else if (ok && prot && !one_of(prot, elb_protection))
        ok = (emu_resp_error(ctx->resp, 400, ELB_INVALID, "Invalid input for "
                             "'protection_status': %s.", prot), false);
    else if (ok && source && *source && strcmp(source, "scm") != 0)
        ok = (emu_resp_error(ctx->resp, 400, ELB_INVALID, "Invalid input for 'source': %s.", source), false);
    struct emu_decoded d;
    if (ok && !content_ok(ctx, cert, strcmp(type, "client") == 0 ? NULL : key, &d))
        ok = false;
    if (!ok) {
        cJSON_Delete(root);
        return;
    }
    struct emu_cert *c = emu_cert_new(EMU_ELB, ctx->project_id);
    emu_random_hex(c->id, 32);
    emu_cert_set_str(&c->name, name);
    emu_cert_set_str(&c->description, desc);
    emu_cert_set_pem(c, cert, strcmp(type, "client") == 0 ? NULL : key, &d);
    emu_decoded_free(&d);
    set_extra(c, "type", type);
    set_extra(c, "domain", strcmp(type, "server") == 0 && domain ? domain : "");
    set_extra(c, "enterprise_project_id", eps ? eps : "0");
    set_extra(c, "scm_certificate_id", scm ? scm : "");
    set_extra(c, "source", source ? source : (scm && *scm ? "scm" : ""));
    set_extra(c, "protection_status", prot ? prot : "nonProtection");
    set_extra(c, "protection_reason", reason ? reason : "");
    emu_store_add(ctx->store, c);
    emu_store_changed(ctx->store);
    reply_cert(ctx, 201, c);
    cJSON_Delete(root);
}

static void elb_update(struct emu_ctx *ctx)
{
    const char *id = ctx->req->params[1];
    cJSON *root;
    cJSON *opt = option_object(ctx, &root);
    if (!opt)
        return;
    struct emu_cert *c = find_own(ctx, id);
    if (!c) {
        cJSON_Delete(root);
        return not_found(ctx, id);
    }
    const char *name = NULL, *desc = NULL, *cert = NULL, *key = NULL, *domain = NULL,
               *prot = NULL, *reason = NULL;
    bool ok = opt_text(ctx, opt, "name", ELB_TEXT_MAX, &name) &&
              opt_text(ctx, opt, "description", ELB_TEXT_MAX, &desc) &&
              opt_text(ctx, opt, "certificate", ELB_CERT_MAX, &cert) &&
              opt_text(ctx, opt, "private_key", ELB_KEY_MAX, &key) &&
              opt_text(ctx, opt, "domain", ELB_DOMAIN_UPDATE_CHARS, &domain) &&
              opt_text(ctx, opt, "protection_status", 32, &prot) &&
              opt_text(ctx, opt, "protection_reason", ELB_TEXT_MAX, &reason);
    const char *type = extra_str(c, "type", "server");
    bool is_client = strcmp(type, "client") == 0;
    char why[256];
    if (ok && cJSON_GetObjectItemCaseSensitive(opt, "type"))
        ok = (emu_resp_error(ctx->resp, 400, ELB_INVALID, "Invalid input for 'type': it cannot "
                             "be changed."), false);
    else if (ok && key && is_client)
        ok = (emu_resp_error(ctx->resp, 400, ELB_INVALID, "Invalid input for 'private_key': "
                             "a CA certificate has no private key."), false);
    else if (ok && domain && !domain_ok(domain, ELB_DOMAIN_UPDATE_CHARS, ELB_DOMAIN_UPDATE_NAMES,
                                        why, sizeof(why)))
        ok = (emu_resp_error(ctx->resp, 400, ELB_INVALID, "%s", why), false);
    else if (ok && prot && !one_of(prot, elb_protection))
        ok = (emu_resp_error(ctx->resp, 400, ELB_INVALID, "Invalid input for "
                             "'protection_status': %s.", prot), false);
    else if (ok && domain && !*domain && *extra_str(c, "domain", "") &&
             cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c->extra, "in_use")))
        ok = (emu_resp_error(ctx->resp, 409, "ELB.8907", "The certificate is used by a listener; "
                             "its domain cannot be cleared."), false);
    struct emu_decoded d;
    bool new_content = ok && (cert || key);
    if (new_content) {
        /* a new key is checked against the new (or current) certificate, and vice versa */
        const char *use_cert = cert ? cert : c->cert_pem;
        const char *use_key = is_client ? NULL : (key ? key : c->key_pem);
        ok = content_ok(ctx, use_cert, use_key, &d);
        if (ok) {
            emu_cert_set_pem(c, use_cert, use_key, &d);
            emu_decoded_free(&d);
        }
    }
    if (!ok) {
        cJSON_Delete(root);
        return;
    }
    if (name)
        emu_cert_set_str(&c->name, name);
    if (desc)
        emu_cert_set_str(&c->description, desc);
    if (domain && strcmp(type, "server") == 0)
        set_extra(c, "domain", domain);
    if (prot)
        set_extra(c, "protection_status", prot);
    if (reason)
        set_extra(c, "protection_reason", reason);
    c->updated_ms = emu_now_ms();
    emu_store_changed(ctx->store);
    reply_cert(ctx, 200, c);
    cJSON_Delete(root);
}

static void elb_delete(struct emu_ctx *ctx)
{
    const char *id = ctx->req->params[1];
    struct emu_cert *c = find_own(ctx, id);
    if (!c)
        return not_found(ctx, id);
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c->extra, "in_use"))) {
        emu_resp_error(ctx->resp, 409, "ELB.8907", "certificate %s is used by a listener; "
                       "unbind it first.", id);
        return;
    }
    emu_store_remove(ctx->store, EMU_ELB, id);
    emu_store_changed(ctx->store);
    ctx->resp->status = 204;
}

static void elb_seed(struct emu_cert *c, size_t i)
{
    emu_random_hex(c->id, 32);
    set_extra(c, "type", "server");
    char domain[1024] = "";
    size_t used = 0;
    for (size_t k = 0; k < c->d.dns_count && k < 30; k++)
        used += (size_t)snprintf(domain + used, sizeof(domain) - used > 0 ? sizeof(domain) - used : 0,
                                 "%s%s", k ? "," : "", c->d.dns[k]);
    set_extra(c, "domain", used < sizeof(domain) ? domain : "");
    set_extra(c, "enterprise_project_id", "0");
    set_extra(c, "source", "");
    set_extra(c, "scm_certificate_id", "");
    set_extra(c, "protection_status", "nonProtection");
    set_extra(c, "protection_reason", "");
    if (i % 7 == 3) /* some are bound to listeners: delete gives 409 */
        cJSON_AddBoolToObject(c->extra, "in_use", true);
}

static const struct emu_route elb_routes[] = {
    {"GET", "/v3/{project_id}/elb/certificates", "elb.list", elb_list},
    {"POST", "/v3/{project_id}/elb/certificates", "elb.create", elb_create},
    {"GET", "/v3/{project_id}/elb/certificates/{certificate_id}", "elb.show", elb_show},
    {"PUT", "/v3/{project_id}/elb/certificates/{certificate_id}", "elb.update", elb_update},
    {"DELETE", "/v3/{project_id}/elb/certificates/{certificate_id}", "elb.delete", elb_delete},
    {NULL, NULL, NULL, NULL},
};

const struct emu_service emu_service_elb = {
    .svc = EMU_ELB,
    .title = "ELB v3",
    .base_path = "/v3/{project_id}/elb/certificates",
    .routes = elb_routes,
    .unauth_status = 401,
    .unauth_code = "APIGW.0301",
    .forbidden_status = 403,
    .forbidden_code = "ELB.1102",
    .seed = elb_seed,
};
