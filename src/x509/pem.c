/* pem.c — a strict PEM reader: finds blocks, tells truncated from damaged. */
#include "pem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memfind.h"
#include "../core/wipe.h"
#include "../core/xalloc.h"

static const char BEGIN[] = "-----BEGIN ";
static const char END[] = "-----END ";

/* needle (a string) in hay[0..hay_len) */
static const char *find(const char *hay, size_t hay_len, const char *needle)
{
    return mem_find(hay, hay + hay_len, needle, strlen(needle));
}

bool pem_present(const char *text, size_t len)
{
    return find(text, len, BEGIN) != NULL;
}

/* Line numbers for positions met in increasing order: counting resumes where
 * it stopped, so a file of many blocks is read once, not once per block. */
struct line_counter {
    const char *pos;
    size_t line;
};

static size_t line_at(struct line_counter *lc, const char *at)
{
    for (; lc->pos < at; lc->pos++)
        if (*lc->pos == '\n')
            lc->line++;
    return lc->line;
}

static enum pem_kind kind_of(const char *label)
{
    static const char *const certs[] = {"CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"};
    for (size_t i = 0; i < sizeof(certs) / sizeof(certs[0]); i++)
        if (strcmp(label, certs[i]) == 0)
            return PEM_CERT;
    size_t n = strlen(label);
    if (n >= 11 && strcmp(label + n - 11, "PRIVATE KEY") == 0)
        return PEM_KEY;
    return PEM_OTHER;
}

bool pem_blank(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r' && text[i] != '\t')
            return false;
    return true;
}

static int b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

bool base64_decode(const char *in, size_t len, unsigned char **out, size_t *out_len,
                   size_t *bad_offset)
{
    unsigned char *res = xmalloc(len / 4 * 3 + 3);
    size_t o = 0, pad = 0;
    unsigned quad = 0, nq = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        if (c == '=') {
            pad++;
            if (pad > 2 || nq + pad > 4 || nq < 2)
                goto bad;
            continue;
        }
        int v = b64_value(c);
        if (v < 0 || pad) {
            if (bad_offset)
                *bad_offset = i;
            goto fail;
        }
        quad = quad << 6 | (unsigned)v;
        if (++nq == 4) {
            res[o++] = (unsigned char)(quad >> 16);
            res[o++] = (unsigned char)(quad >> 8);
            res[o++] = (unsigned char)quad;
            quad = 0;
            nq = 0;
        }
        continue;
    bad:
        if (bad_offset)
            *bad_offset = i;
        goto fail;
    }
    if (nq == 1 || (nq && nq + pad != 4) || (!nq && pad)) { /* PEM always pads to 4 */
        if (bad_offset)
            *bad_offset = len;
        goto fail;
    }
    if (nq == 2) {
        res[o++] = (unsigned char)(quad >> 4);
    } else if (nq == 3) {
        res[o++] = (unsigned char)(quad >> 10);
        res[o++] = (unsigned char)(quad >> 2);
    }
    *out = res;
    *out_len = o;
    return true;
fail:
    wipe(res, len / 4 * 3 + 3);
    free(res);
    return false;
}

/* Skips RFC 1421 headers ("Proc-Type: …", "DEK-Info: …") at the start of a body. */
static const char *skip_headers(const char *body, const char *end, bool *legacy_encrypted)
{
    const char *p = body;
    while (p < end && (*p == '\r' || *p == '\n'))
        p++;
    const char *line = p;
    bool any = false;
    while (line < end) {
        const char *eol = memchr(line, '\n', (size_t)(end - line));
        if (!eol)
            eol = end;
        const char *colon = memchr(line, ':', (size_t)(eol - line));
        if (!colon)
            break;
        if (strncmp(line, "Proc-Type:", 10) == 0 && find(line, (size_t)(eol - line), "ENCRYPTED"))
            *legacy_encrypted = true;
        any = true;
        line = eol < end ? eol + 1 : end;
    }
    return any ? line : body;
}

static void block_free(struct pem_block *b)
{
    if (b->der && b->kind == PEM_KEY)
        wipe(b->der, b->der_len);
    free(b->der);
}

cd_status pem_parse(const char *text, size_t len, const char *origin, struct pem_set *out,
                    struct cd_error *err)
{
    memset(out, 0, sizeof(*out));
    size_t cap = 0;
    const char *p = text, *end = text + len;
    struct line_counter lc = {text, 1};
    for (;;) {
        const char *begin = find(p, (size_t)(end - p), BEGIN);
        if (!begin)
            break;
        const char *label = begin + strlen(BEGIN);
        const char *dash = find(label, (size_t)(end - label), "-----");
        const char *nl = memchr(label, '\n', (size_t)(end - label));
        if (!dash || (nl && nl < dash) || (size_t)(dash - label) >= sizeof(out->blocks[0].label)) {
            pem_set_free(out);
            return cd_error_set(err, CD_ERR_TRUNCATED_PEM,
                                "%s: line %zu: malformed PEM BEGIN line", origin,
                                line_at(&lc, begin));
        }
        struct pem_block b = {.line = line_at(&lc, begin)};
        memcpy(b.label, label, (size_t)(dash - label));
        b.kind = kind_of(b.label);

        char end_marker[80];
        snprintf(end_marker, sizeof(end_marker), "%s%s-----", END, b.label);
        const char *body = dash + 5;
        const char *stop = find(body, (size_t)(end - body), end_marker);
        const char *next_begin = find(body, (size_t)(end - body), BEGIN);
        if (!stop || (next_begin && next_begin < stop)) {
            pem_set_free(out);
            return cd_error_set(err, CD_ERR_TRUNCATED_PEM,
                                "%s: truncated PEM: \"BEGIN %s\" at line %zu has no matching "
                                "\"END %s\" line (the file was cut short or pasted incompletely)",
                                origin, b.label, b.line, b.label);
        }
        const char *data = skip_headers(body, stop, &b.legacy_encrypted);
        size_t bad = 0;
        if (!base64_decode(data, (size_t)(stop - data), &b.der, &b.der_len, &bad)) {
            /* bad is the body length when the last group is short or unpadded:
             * point at the last base64 line, not at the BEGIN line. */
            const char *at = data + bad;
            if (bad >= (size_t)(stop - data)) {
                at = stop;
                while (at > data && (at[-1] == '\n' || at[-1] == '\r' || at[-1] == ' ' ||
                                     at[-1] == '\t'))
                    at--;
            }
            size_t bad_line = line_at(&lc, at);
            pem_set_free(out);
            return cd_error_set(err, CD_ERR_BAD_BASE64,
                                "%s: line %zu: bad base64 in the \"%s\" block that starts at line %zu",
                                origin, bad_line, b.label, b.line);
        }
        b.src = begin;
        b.src_len = (size_t)(stop + strlen(end_marker) - begin);
        if (out->count == cap) {
            cap = cap ? cap * 2 : 4;
            out->blocks = xreallocarray(out->blocks, cap, sizeof(*out->blocks));
        }
        out->blocks[out->count++] = b;
        p = stop + strlen(end_marker);
    }
    return CD_OK;
}

void pem_set_free(struct pem_set *set)
{
    for (size_t i = 0; i < set->count; i++)
        block_free(&set->blocks[i]);
    free(set->blocks);
    memset(set, 0, sizeof(*set));
}

size_t pem_count(const struct pem_set *set, enum pem_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < set->count; i++)
        n += set->blocks[i].kind == kind;
    return n;
}
