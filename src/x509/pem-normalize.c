/* pem-normalize.c — PEM as APIs return it (line breaks stripped, as in the ELB
 * examples) back into the 64-column form OpenSSL and people expect. */
#include <string.h>

#include "../core/buf.h"
#include "../core/memfind.h"
#include "pem.h"

static const char BEGIN[] = "-----BEGIN ";
static const char DASHES[] = "-----";

/* "-----BEGIN LABEL-----\n"; appends, not printf: lists normalize thousands */
static void put_armor(struct buf *out, const char *what, const char *label, size_t label_len)
{
    buf_append_str(out, what);
    buf_append(out, label, label_len);
    buf_append(out, "-----\n", 6);
}

/* needle (a string) in [hay, end) */
static const char *find_text(const char *hay, const char *end, const char *needle)
{
    return mem_find(hay, end, needle, strlen(needle));
}

char *pem_normalize(const char *text)
{
    struct buf out = {0};
    size_t len = strlen(text);
    const char *text_end = text + len;
    buf_reserve_exact(&out, len + len / 64 + 64); /* one allocation for the usual case */
    out.data[0] = '\0';
    const char *p = text;
    while ((p = find_text(p, text_end, BEGIN))) {
        const char *label = p + sizeof(BEGIN) - 1;
        const char *label_end = find_text(label, text_end, DASHES);
        if (!label_end)
            break;
        size_t label_len = (size_t)(label_end - label);
        const char *body = label_end + sizeof(DASHES) - 1;
        const char *end = find_text(body, text_end, "-----END ");
        if (!end)
            break;
        put_armor(&out, "-----BEGIN ", label, label_len);
        /* re-wrap the base64 at 64 columns, copying runs rather than bytes:
         * lists normalize thousands of these */
        size_t col = 0;
        for (const char *c = body; c < end;) {
            if (*c == ' ' || *c == '\n' || *c == '\r' || *c == '\t') {
                c++;
                continue;
            }
            size_t run = strcspn(c, " \n\r\t-");
            if (run == 0) /* a stray '-' inside the body: keep it, as before */
                run = 1;
            if (run > (size_t)(end - c))
                run = (size_t)(end - c);
            if (col == 0 && run == 64 && c[64] == '\n' && c + 64 < end) {
                buf_append(&out, c, 65); /* a line as it should be: as it is */
                c += 65;
                continue;
            }
            if (run > 64 - col)
                run = 64 - col;
            buf_append(&out, c, run);
            c += run;
            if ((col += run) == 64) {
                buf_append(&out, "\n", 1);
                col = 0;
            }
        }
        if (col)
            buf_append(&out, "\n", 1);
        put_armor(&out, "-----END ", label, label_len);
        const char *after = find_text(end + 9, text_end, DASHES);
        p = after ? after + sizeof(DASHES) - 1 : end + 9;
    }
    return buf_steal(&out, NULL);
}

bool pem_is_normal(const char *text)
{
    const char *p = text, *end = text + strlen(text);
    if (p == end)
        return false;
    while (p < end) {
        if ((size_t)(end - p) < sizeof(BEGIN) - 1 || memcmp(p, BEGIN, sizeof(BEGIN) - 1) != 0)
            return false;
        const char *label = p + sizeof(BEGIN) - 1;
        const char *label_end = find_text(label, end, DASHES);
        if (!label_end || memchr(label, '\n', (size_t)(label_end - label)))
            return false;
        size_t label_len = (size_t)(label_end - label);
        const char *c = label_end + sizeof(DASHES) - 1;
        if (c >= end || *c++ != '\n')
            return false;
        const char *stop = find_text(c, end, "-----END ");
        if (!stop)
            return false;
        /* lines of 64 without blanks, the last one 1 to 64 long */
        while (c < stop) {
            size_t n = strcspn(c, " \t\r\n");
            if (c[n] != '\n' || n == 0 || n > 64 || (n < 64 && c + n + 1 != stop))
                return false;
            c += n + 1;
        }
        if (c != stop)
            return false;
        /* the end line names the same label, and nothing else follows it */
        const char *e = stop + 9;
        if ((size_t)(end - e) < label_len + 6 || memcmp(e, label, label_len) != 0 ||
            memcmp(e + label_len, "-----\n", 6) != 0 ||
            find_text(e, end, DASHES) != e + label_len)
            return false;
        p = e + label_len + 6;
    }
    return true;
}
