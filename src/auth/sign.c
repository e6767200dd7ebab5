/* sign.c — the SDK-HMAC-SHA256 canonical request, string to sign and signature. */
#include "sign.h"

#include <ctype.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../core/buf.h"
#include "../core/percent.h"
#include "../core/xalloc.h"

static const char HEX[] = "0123456789abcdef";

static void hex_lower(const unsigned char *in, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = HEX[in[i] >> 4];
        out[2 * i + 1] = HEX[in[i] & 15];
    }
    out[2 * n] = '\0';
}

static void sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char md[32];
    unsigned int n = 0;
    EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
    hex_lower(md, 32, out);
}

static void canonical_uri(const char *path, struct buf *out)
{
    size_t dlen;
    char *decoded = percent_decode(path, strlen(path), &dlen);
    const char *p = decoded, *end = decoded + dlen;
    while (p < end) {
        const char *slash = memchr(p, '/', (size_t)(end - p));
        size_t seg = slash ? (size_t)(slash - p) : (size_t)(end - p);
        char *e = percent_encode(p, seg);
        buf_append_str(out, e);
        free(e);
        if (!slash)
            break;
        buf_append(out, "/", 1);
        p = slash + 1;
    }
    if (out->len == 0 || out->data[out->len - 1] != '/')
        buf_append(out, "/", 1);
    free(decoded);
}

struct qpair {
    char *key, *value;
};

static int qpair_cmp(const void *a, const void *b)
{
    const struct qpair *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : strcmp(x->value, y->value);
}

static void canonical_query(const char *query, struct buf *out)
{
    if (!query || !*query)
        return;
    struct qpair *pairs = NULL;
    size_t n = 0;
    const char *p = query;
    while (*p) {
        const char *amp = strchr(p, '&');
        size_t len = amp ? (size_t)(amp - p) : strlen(p);
        if (len) {
            const char *eq = memchr(p, '=', len);
            size_t klen = eq ? (size_t)(eq - p) : len;
            pairs = xreallocarray(pairs, n + 1, sizeof(*pairs));
            pairs[n].key = percent_decode(p, klen, NULL);
            pairs[n].value = eq ? percent_decode(eq + 1, len - klen - 1, NULL) : xstrdup("");
            n++;
        }
        p += len + (amp ? 1 : 0);
        if (!amp)
            break;
    }
    if (n > 1) /* pairs is NULL when the query held only separators */
        qsort(pairs, n, sizeof(*pairs), qpair_cmp);
    for (size_t i = 0; i < n; i++) {
        char *k = percent_encode(pairs[i].key, strlen(pairs[i].key));
        char *v = percent_encode(pairs[i].value, strlen(pairs[i].value));
        buf_printf(out, "%s%s=%s", i ? "&" : "", k, v);
        free(k);
        free(v);
        free(pairs[i].key);
        free(pairs[i].value);
    }
    free(pairs);
}

static const char *find_header(const struct sign_request *req, const char *name, size_t len)
{
    for (size_t i = 0; i < req->header_count; i++)
        if (strlen(req->headers[i].name) == len && strncasecmp(req->headers[i].name, name, len) == 0)
            return req->headers[i].value;
    return NULL;
}

static void append_trimmed(struct buf *out, const char *v)
{
    while (*v == ' ' || *v == '\t')
        v++;
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
        n--;
    buf_append(out, v, n);
}

static int strcmp_ptr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *sign_header_list(const struct sign_header *headers, size_t count)
{
    char **names = xcalloc(count ? count : 1, sizeof(*names));
    for (size_t i = 0; i < count; i++) {
        names[i] = xstrdup(headers[i].name);
        for (char *c = names[i]; *c; c++)
            *c = (char)tolower((unsigned char)*c);
    }
    qsort(names, count, sizeof(*names), strcmp_ptr);
    struct buf b = {0};
    buf_append(&b, "", 0);
    for (size_t i = 0; i < count; i++) {
        buf_printf(&b, "%s%s", i ? ";" : "", names[i]);
        free(names[i]);
    }
    free(names);
    return buf_steal(&b, NULL);
}

char *sign_canonical_request(const struct sign_request *req)
{
    char *all = req->signed_headers ? NULL : sign_header_list(req->headers, req->header_count);
    const char *list = req->signed_headers ? req->signed_headers : all;
    struct buf b = {0};
    buf_printf(&b, "%s\n", req->method);
    canonical_uri(req->path, &b);
    buf_append(&b, "\n", 1);
    canonical_query(req->query, &b);
    buf_append(&b, "\n", 1);
    bool ok = true;
    for (const char *p = list; *p && ok;) {
        const char *semi = strchr(p, ';');
        size_t len = semi ? (size_t)(semi - p) : strlen(p);
        const char *v = find_header(req, p, len);
        if (!v) {
            ok = false;
            break;
        }
        for (size_t i = 0; i < len; i++) {
            char c = (char)tolower((unsigned char)p[i]);
            buf_append(&b, &c, 1);
        }
        buf_append(&b, ":", 1);
        append_trimmed(&b, v);
        buf_append(&b, "\n", 1);
        p += len + (semi ? 1 : 0);
    }
    buf_printf(&b, "\n%s\n", list);
    const char *unsigned_payload = find_header(req, "x-sdk-content-sha256", 20);
    if (unsigned_payload) {
        buf_append_str(&b, unsigned_payload);
    } else {
        char h[65];
        sha256_hex(req->body ? req->body : "", req->body ? req->body_len : 0, h);
        buf_append_str(&b, h);
    }
    free(all);
    if (!ok) {
        buf_free(&b);
        return NULL;
    }
    return buf_steal(&b, NULL);
}

void sign_signature(const char *sk, size_t sk_len, const char *sdk_date, const char *canonical,
                    char out[65])
{
    char cr_hash[65];
    sha256_hex(canonical, strlen(canonical), cr_hash);
    char *sts = xasprintf("%s\n%s\n%s", SIGN_ALGORITHM, sdk_date, cr_hash);
    unsigned char mac[32];
    unsigned int n = 0;
    HMAC(EVP_sha256(), sk, (int)sk_len, (const unsigned char *)sts, strlen(sts), mac, &n);
    hex_lower(mac, 32, out);
    free(sts);
}

void sign_format_date(int64_t t, char out[17])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

bool sign_parse_date(const char *s, int64_t *out)
{
    if (strlen(s) != 16 || s[8] != 'T' || s[15] != 'Z')
        return false;
    for (int i = 0; i < 15; i++)
        if (i != 8 && !isdigit((unsigned char)s[i]))
            return false;
    struct tm tm;
    memset(&tm, 0, sizeof(tm));
    if (sscanf(s, "%4d%2d%2dT%2d%2d%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min, &tm.tm_sec) != 6)
        return false;
    if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
        tm.tm_min > 59 || tm.tm_sec > 60)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *out = (int64_t)timegm(&tm);
    return true;
}

/* Copies the value of "Name=value" (trimmed) when part starts with name=. */
static bool take_part(const char *part, size_t len, const char *name, char *out, size_t size)
{
    while (len && (*part == ' ' || *part == '\t')) {
        part++;
        len--;
    }
    size_t nl = strlen(name);
    if (len <= nl || strncmp(part, name, nl) != 0 || part[nl] != '=')
        return false;
    part += nl + 1;
    len -= nl + 1;
    while (len && (part[len - 1] == ' ' || part[len - 1] == '\t'))
        len--;
    if (len >= size)
        return false;
    memcpy(out, part, len);
    out[len] = '\0';
    return true;
}

bool sign_parse_authorization(const char *value, struct sign_auth *out)
{
    memset(out, 0, sizeof(*out));
    size_t alg = strlen(SIGN_ALGORITHM);
    if (strncmp(value, SIGN_ALGORITHM, alg) != 0 || value[alg] != ' ')
        return false;
    const char *p = value + alg + 1;
    bool a = false, h = false, s = false;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        a |= take_part(p, len, "Access", out->access, sizeof(out->access));
        h |= take_part(p, len, "SignedHeaders", out->signed_headers, sizeof(out->signed_headers));
        s |= take_part(p, len, "Signature", out->signature, sizeof(out->signature));
        p += len + (comma ? 1 : 0);
        if (!comma)
            break;
    }
    return a && h && s;
}
