/* config.c — the settings table, value checks, the INI file reader, endpoint
 * derivation, `config print` and `config init`. The environment overlay is in
 * config-env.c. */
#include "config.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "editdist.h"
#include "fileio.h"
#include "xalloc.h"

/* ---- Facts from endpoints.md §1, several "(unconfirmed)": change them here only. ---- */

/* Host patterns, first match wins; region NULL = any region of that cloud;
 * pattern NULL = the service is not offered (or not known) there. */
static const struct host_rule {
    const char *cloud, *service, *region, *pattern;
} host_rules[] = {
    {"huawei", "iam", "eu-west-101", "https://iam.eu-west-101.myhuaweicloud.eu"},
    {"huawei", "iam", NULL, "https://iam.{region}.myhuaweicloud.com"},
    /* eu-west-101 stays .com for ELB/WAF as in the Go SDK (unconfirmed). */
    {"huawei", "elb", NULL, "https://elb.{region}.myhuaweicloud.com"},
    {"huawei", "waf", "cn-north-9", "https://waf.cn-north-9.myhuaweicloud.cn"},
    {"huawei", "waf", NULL, "https://waf.{region}.myhuaweicloud.com"},
    {"huawei", "apic", NULL, "https://roma.{region}.myhuaweicloud.com"},
    {"huawei", "cae", NULL, "https://cae.{region}.myhuaweicloud.com"},
    /* Swiss OTC: from third-party code (unconfirmed); its WAF host is unknown. */
    {"otc", "iam", "eu-ch2", "https://iam-pub.eu-ch2.sc.otc.t-systems.com"},
    {"otc", "elb", "eu-ch2", "https://elb.eu-ch2.sc.otc.t-systems.com"},
    {"otc", "waf", "eu-ch2", NULL},
    {"otc", "iam", NULL, "https://iam.{region}.otc.t-systems.com"},
    {"otc", "elb", NULL, "https://elb.{region}.otc.t-systems.com"},
    {"otc", "waf", NULL, "https://waf.{region}.otc.t-systems.com"},
    {"otc", "apic", NULL, NULL}, /* no ROMA Connect on Open Telekom Cloud */
    {"otc", "cae", NULL, NULL},  /* no CAE either */
};

/* Regions and the IAM host suffix that mean Open Telekom Cloud. */
static const char *const otc_regions[] = {"eu-de", "eu-nl", "eu-ch2"};
static const char otc_host_suffix[] = ".otc.t-systems.com";

/* The services config knows: their endpoint setting and, for scoped
 * services, the list of ids without which they are "not set up". */
static const struct svc_info {
    const char *id;
    enum config_key endpoint;
    int scopes; /* enum config_key of the id list, or -1 */
} svc_infos[] = {
    {"iam", CFG_endpoint_iam, -1},
    {"elb", CFG_endpoint_elb, -1},
    {"waf", CFG_endpoint_waf, -1},
    {"apic", CFG_endpoint_apic, CFG_apic_instances},
    {"cae", CFG_endpoint_cae, CFG_cae_environments},
};

/* Keys people may try to write that must not be in a file. */
static const struct {
    const char *key, *why;
} refused_keys[] = {
    {"password", "passwords are never read from config files; certdeck asks when logging in"},
    {"ak", "AK/SK are never read from config files; set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK"},
    {"sk", "AK/SK are never read from config files; set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK"},
    {"access_key", "AK/SK are never read from config files; set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK"},
    {"secret_key", "AK/SK are never read from config files; set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK"},
};

const char *config_scope_setting(const char *service)
{
    for (size_t i = 0; i < sizeof(svc_infos) / sizeof(svc_infos[0]); i++)
        if (strcmp(svc_infos[i].id, service) == 0)
            return svc_infos[i].scopes >= 0 ? config_settings[svc_infos[i].scopes].key : NULL;
    return NULL;
}

#define CFG_ROW(key_, type_, def_, check_, example_, env_, help_)                          \
    [CFG_##key_] = {.key = #key_, .type = CFG_T_##type_, .offset = offsetof(struct profile, key_), \
                    .def = def_, .check = check_, .example = example_, .env = env_, .help = help_},
const struct config_setting config_settings[CFG_COUNT] = {CONFIG_SETTINGS(CFG_ROW)};
#undef CFG_ROW

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- small string helpers ---- */

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

static bool has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return true;
    return false;
}

/* Whether the '|'-separated choices contain word[0..len). */
static bool choice_has(const char *choices, const char *word, size_t len)
{
    for (const char *c = choices; *c;) {
        size_t n = strcspn(c, "|");
        if (n == len && strncmp(c, word, len) == 0)
            return true;
        c += n + (c[n] == '|');
    }
    return false;
}

/* "a|b|c" → "a, b or c". */
static void choices_text(const char *choices, char *out, size_t size)
{
    struct buf b = {0};
    for (const char *c = choices; *c;) {
        size_t n = strcspn(c, "|");
        if (c != choices)
            buf_append_str(&b, c[n] ? ", " : " or ");
        buf_append(&b, c, n);
        c += n + (c[n] == '|');
    }
    snprintf(out, size, "%s", b.data ? b.data : "");
    buf_free(&b);
}

/* The closest candidate to a misspelt word, if close enough to suggest. */
struct nearest {
    const char *word;
    const char *best;
    size_t best_len, dist;
};

static void nearest_try(struct nearest *n, const char *cand, size_t len)
{
    size_t d = edit_distance(n->word, cand, len);
    if (!n->best || d < n->dist) {
        n->best = cand;
        n->best_len = len;
        n->dist = d;
    }
}

static bool nearest_found(const struct nearest *n)
{
    size_t wl = strlen(n->word), limit = wl < 4 ? 1 : wl / 3 > 2 ? wl / 3 : 2;
    return n->best && n->dist > 0 && n->dist <= limit;
}

static const char *home_dir(void)
{
    const char *home = getenv("HOME");
    if (home && *home)
        return home;
    struct passwd *pw = getpwuid(getuid());
    return pw && pw->pw_dir && *pw->pw_dir ? pw->pw_dir : NULL;
}

/* ---- values: one parser per type ---- */

union cfg_value {
    char *str;
    unsigned num;
    struct strlist list;
};

static bool unknown_value(char *why, size_t size, const char *word, size_t len, const char *choices)
{
    char expected[160], *w = xstrndup(word, len);
    choices_text(choices, expected, sizeof(expected));
    struct nearest n = {.word = w};
    for (const char *c = choices; *c;) {
        size_t cl = strcspn(c, "|");
        nearest_try(&n, c, cl);
        c += cl + (c[cl] == '|');
    }
    if (nearest_found(&n))
        snprintf(why, size, "unknown value '%s' (expected %s; did you mean '%.*s'?)", w, expected,
                 (int)n.best_len, n.best);
    else
        snprintf(why, size, "unknown value '%s' (expected %s)", w, expected);
    free(w);
    return false;
}

static bool parse_uint(const char *raw, const char *range, unsigned *out, char *why, size_t size)
{
    char *end;
    unsigned long lo = strtoul(range, &end, 10), hi = strtoul(end + 2, NULL, 10);
    errno = 0;
    unsigned long v = strtoul(raw, &end, 10);
    if (!isdigit((unsigned char)*raw) || *end) {
        snprintf(why, size, "'%s' is not a number", raw);
        return false;
    }
    if (errno == ERANGE || v < lo || v > hi) {
        snprintf(why, size, "%s is out of range (%lu to %lu)", raw, lo, hi);
        return false;
    }
    *out = (unsigned)v;
    return true;
}

/* "0" or "off", "N" or "Ns" seconds, "Nm", "Nh": seconds within range. */
static bool parse_duration(const char *raw, const char *range, unsigned *out, char *why,
                           size_t size)
{
    if (strcmp(raw, "off") == 0) {
        *out = 0;
        return true;
    }
    char *end;
    errno = 0;
    unsigned long v = strtoul(raw, &end, 10);
    unsigned long unit = strcmp(end, "") == 0 || strcmp(end, "s") == 0 ? 1
                         : strcmp(end, "m") == 0                     ? 60
                         : strcmp(end, "h") == 0                     ? 3600
                                                                     : 0;
    if (!isdigit((unsigned char)*raw) || !unit) {
        snprintf(why, size, "'%s' is not a duration (0 or off, seconds, Nm or Nh)", raw);
        return false;
    }
    unsigned long hi = strtoul(strstr(range, "..") + 2, NULL, 10);
    if (errno == ERANGE || v > hi / unit) {
        snprintf(why, size, "%s is too long (at most %lu seconds)", raw, hi);
        return false;
    }
    *out = (unsigned)(v * unit);
    return true;
}

static bool parse_region(const char *raw, char *why, size_t size)
{
    for (const char *c = raw; *c; c++) {
        if (!islower((unsigned char)*c) && !isdigit((unsigned char)*c) && *c != '-') {
            snprintf(why, size, "'%s' is not a region id (lower-case letters, digits and '-')", raw);
            return false;
        }
    }
    return true;
}

/* Base URLs: the service paths are appended, so no trailing '/' or '/v3'
 * (users paste OS_AUTH_URL as ".../v3"). An SDK-style list keeps its first. */
static bool parse_url(const char *raw, char **out, char *why, size_t size)
{
    char *first = xstrndup(raw, strcspn(raw, ","));
    char *u = trim(first), *sep = strstr(u, "://");
    bool ok = false;
    if (strpbrk(u, " \t")) {
        snprintf(why, size, "'%s' is not a URL (it contains a space)", u);
    } else if (sep && !(sep - u == 5 && strncmp(u, "https", 5) == 0) &&
               !(sep - u == 4 && strncmp(u, "http", 4) == 0)) {
        snprintf(why, size, "'%s': only http:// and https:// URLs are supported", u);
    } else {
        char *url = sep ? xstrdup(u) : xasprintf("https://%s", u);
        size_t host = (size_t)(strstr(url, "://") - url) + 3, n = strlen(url);
        while (n > host && url[n - 1] == '/')
            url[--n] = '\0';
        if (n >= host + 3 && strcmp(url + n - 3, "/v3") == 0)
            url[n -= 3] = '\0';
        while (n > host && url[n - 1] == '/')
            url[--n] = '\0';
        if (!url[host] || url[host] == '/') {
            snprintf(why, size, "'%s' has no host name", u);
            free(url);
        } else {
            *out = url;
            ok = true;
        }
    }
    free(first);
    return ok;
}

static bool parse_list(const struct config_setting *s, const char *raw, struct strlist *out,
                       char *why, size_t size)
{
    struct strlist l = {0};
    for (const char *c = raw; *c;) {
        size_t n = strcspn(c, ",");
        char *item = xstrndup(c, n), *t = trim(item);
        c += n + (c[n] == ',');
        bool ok = true;
        if (*t && strpbrk(t, " \t")) {
            snprintf(why, size, "'%s' contains a space (separate items with commas)", t);
            ok = false;
        } else if (*t && *s->check && !choice_has(s->check, t, strlen(t))) {
            ok = unknown_value(why, size, t, strlen(t), s->check);
        }
        bool dup = false;
        for (size_t i = 0; ok && *t && i < l.count && !dup; i++)
            dup = strcmp(l.items[i], t) == 0;
        if (ok && *t && !dup)
            strlist_push(&l, t);
        free(item);
        if (!ok) {
            strlist_free(&l);
            return false;
        }
    }
    *out = l;
    return true;
}

/* Parses raw (already trimmed and unquoted) for setting s; empty = default. */
static bool value_parse(const struct config_setting *s, const char *raw, union cfg_value *v,
                        char *why, size_t size)
{
    if (!*raw)
        raw = s->def;
    memset(v, 0, sizeof(*v));
    if (has_control(raw)) {
        snprintf(why, size, "the value contains a control character");
        return false;
    }
    switch (s->type) {
    case CFG_T_UINT:
        return parse_uint(raw, s->check, &v->num, why, size);
    case CFG_T_DURATION:
        return parse_duration(raw, s->check, &v->num, why, size);
    case CFG_T_LIST:
        return parse_list(s, raw, &v->list, why, size);
    case CFG_T_URL:
        return !*raw || parse_url(raw, &v->str, why, size);
    case CFG_T_REGION:
        if (!parse_region(raw, why, size))
            return false;
        break;
    case CFG_T_CHOICE:
        if (*raw && !choice_has(s->check, raw, strlen(raw)))
            return unknown_value(why, size, raw, strlen(raw), s->check);
        break;
    case CFG_T_PATH:
        if (raw[0] == '~' && raw[1] == '/' && home_dir()) {
            v->str = xasprintf("%s%s", home_dir(), raw + 1);
            return true;
        }
        break;
    case CFG_T_STR:
        break;
    }
    v->str = *raw ? xstrdup(raw) : NULL;
    return true;
}

static void *field_of(struct profile *p, const struct config_setting *s)
{
    return (char *)p + s->offset;
}

static const void *cfield_of(const struct profile *p, const struct config_setting *s)
{
    return (const char *)p + s->offset;
}

static void field_free(struct profile *p, const struct config_setting *s)
{
    void *f = field_of(p, s);
    if (s->type == CFG_T_LIST)
        strlist_free(f);
    else if (s->type != CFG_T_UINT && s->type != CFG_T_DURATION)
        free(*(char **)f);
}

bool config_store(struct profile *p, enum config_key key, const char *value,
                  const struct config_origin *origin, char *why, size_t why_size)
{
    const struct config_setting *s = &config_settings[key];
    union cfg_value v;
    if (!value_parse(s, value, &v, why, why_size))
        return false;
    field_free(p, s);
    void *f = field_of(p, s);
    if (s->type == CFG_T_LIST)
        *(struct strlist *)f = v.list;
    else if (s->type == CFG_T_UINT || s->type == CFG_T_DURATION)
        *(unsigned *)f = v.num;
    else
        *(char **)f = v.str;
    p->origin[key] = *origin;
    return true;
}

/* ---- profiles ---- */

int config_find(const char *key)
{
    char norm[64];
    size_t n = strlen(key);
    if (n >= sizeof(norm))
        return -1;
    for (size_t i = 0; i <= n; i++)
        norm[i] = key[i] == '-' ? '_' : (char)tolower((unsigned char)key[i]);
    for (int k = 0; k < CFG_COUNT; k++)
        if (strcmp(config_settings[k].key, norm) == 0)
            return k;
    return -1;
}

static void profile_init(struct profile *p, const char *name)
{
    static const struct config_origin dflt = {.src = CFG_SRC_DEFAULT};
    memset(p, 0, sizeof(*p));
    p->name = xstrdup(name);
    for (int k = 0; k < CFG_COUNT; k++) {
        char why[160];
        bool ok = config_store(p, (enum config_key)k, "", &dflt, why, sizeof(why));
        assert(ok && "a default fails its own check");
        (void)ok;
    }
}

void profile_free(struct profile *p)
{
    if (!p)
        return;
    for (int k = 0; k < CFG_COUNT; k++)
        field_free(p, &config_settings[k]);
    free(p->name);
    free(p->file);
    memset(p, 0, sizeof(*p));
}

static bool is_otc_region(const char *region)
{
    for (size_t i = 0; region && i < COUNT(otc_regions); i++)
        if (strcmp(region, otc_regions[i]) == 0)
            return true;
    return false;
}

static bool is_otc_host(const char *url)
{
    if (!url)
        return false;
    const char *host = strstr(url, "://");
    host = host ? host + 3 : url;
    size_t n = strcspn(host, ":/"), sl = sizeof(otc_host_suffix) - 1;
    return n > sl && strncmp(host + n - sl, otc_host_suffix, sl) == 0;
}

/* Stores a derived value (or the plain default when note is NULL). */
static void derive(struct profile *p, enum config_key key, const char *value, const char *note)
{
    struct config_origin o = {.src = note ? CFG_SRC_DERIVED : CFG_SRC_DEFAULT};
    if (note)
        snprintf(o.note, sizeof(o.note), "%s", note);
    char why[160];
    config_store(p, key, value, &o, why, sizeof(why));
}

void config_derive(struct profile *p)
{
    if (p->origin[CFG_cloud].src <= CFG_SRC_DERIVED) {
        if (is_otc_region(p->region))
            derive(p, CFG_cloud, "otc", "the region is an Open Telekom Cloud one");
        else if (is_otc_host(p->endpoint_iam))
            derive(p, CFG_cloud, "otc", "the IAM endpoint is an Open Telekom Cloud one");
        else
            derive(p, CFG_cloud, "", NULL);
    }
    if (p->origin[CFG_auth].src <= CFG_SRC_DERIVED) {
        if (p->env_has_aksk)
            derive(p, CFG_auth, "aksk", "HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK are set");
        else
            derive(p, CFG_auth, "", NULL);
    }
}

cd_status config_set(struct profile *p, const char *key, const char *value, struct cd_error *err)
{
    int k = config_find(key);
    if (k < 0)
        return cd_error_set(err, CD_ERR_USAGE, "unknown setting '%s'", key);
    struct config_origin o = {.src = CFG_SRC_FLAG};
    snprintf(o.note, sizeof(o.note), "--%s", config_settings[k].key);
    for (char *c = o.note; *c; c++)
        if (*c == '_')
            *c = '-';
    char why[256];
    if (!config_store(p, (enum config_key)k, value, &o, why, sizeof(why)))
        return cd_error_set(err, CD_ERR_CONFIG, "%s: %s", o.note, why);
    config_derive(p);
    return CD_OK;
}

/* ---- the file ---- */

struct cfg_parse {
    const char *path, *want;
    struct profile *out;
    struct profile scratch;       /* other profiles are checked into this */
    struct profile *cur;          /* NULL before the first section */
    struct strlist names;         /* profiles seen, in order */
    unsigned *name_lines;
    unsigned key_line[CFG_COUNT]; /* where the current section set each key */
    unsigned line;
    struct cd_error *err;
};

static cd_status parse_error(struct cfg_parse *ps, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static cd_status parse_error(struct cfg_parse *ps, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return cd_error_set(ps->err, CD_ERR_CONFIG, "%s:%u: %s", ps->path, ps->line, msg);
}

static bool is_comment_start(const char *c)
{
    return *c == '#' || *c == ';';
}

static bool profile_name_ok(const char *name)
{
    if (!*name)
        return false;
    for (const char *c = name; *c; c++)
        if (!isalnum((unsigned char)*c) && !strchr("._-", *c))
            return false;
    return true;
}

static cd_status parse_section(struct cfg_parse *ps, char *line)
{
    char *end = strchr(line, ']');
    if (!end)
        return parse_error(ps, "missing ']' in section header");
    char *rest = trim(end + 1);
    if (*rest && !is_comment_start(rest))
        return parse_error(ps, "unexpected text after ']'");
    *end = '\0';
    char *inner = trim(line + 1), *name = inner;
    if (strcmp(inner, "profile") == 0)
        return parse_error(ps, "missing profile name (write [profile NAME])");
    if (strncmp(inner, "profile", 7) == 0 && isspace((unsigned char)inner[7]))
        name = trim(inner + 8);
    else if (strcmp(inner, "default") != 0)
        return parse_error(ps, "unknown section [%s] (expected [default] or [profile %s])", inner,
                           profile_name_ok(inner) ? inner : "NAME");
    if (!profile_name_ok(name))
        return parse_error(ps, "bad profile name '%s' (letters, digits, '.', '_' and '-')", name);
    for (size_t i = 0; i < ps->names.count; i++)
        if (strcmp(ps->names.items[i], name) == 0)
            return parse_error(ps, "duplicate profile '%s' (first defined at line %u)", name,
                               ps->name_lines[i]);
    strlist_push(&ps->names, name);
    ps->name_lines = xreallocarray(ps->name_lines, ps->names.cap, sizeof(*ps->name_lines));
    ps->name_lines[ps->names.count - 1] = ps->line;
    memset(ps->key_line, 0, sizeof(ps->key_line));
    if (strcmp(name, ps->want) == 0) {
        ps->cur = ps->out;
        ps->out->line = ps->line;
    } else {
        profile_free(&ps->scratch);
        profile_init(&ps->scratch, name);
        ps->cur = &ps->scratch;
    }
    return CD_OK;
}

/* The value after '=': quoted, or up to a comment that follows whitespace. */
static bool value_text(char *raw, char **out, char *why, size_t size)
{
    char *v = trim(raw);
    if (*v == '"' || *v == '\'') {
        char *close = strchr(v + 1, *v);
        if (!close) {
            snprintf(why, size, "unterminated quote");
            return false;
        }
        *close = '\0';
        char *rest = trim(close + 1);
        if (*rest && !is_comment_start(rest)) {
            snprintf(why, size, "unexpected text after the closing quote");
            return false;
        }
        *out = v + 1;
        return true;
    }
    for (char *c = v; *c; c++) {
        if (is_comment_start(c) && (c == v || isspace((unsigned char)c[-1]))) {
            *c = '\0';
            break;
        }
    }
    *out = trim(v);
    return true;
}

static cd_status unknown_setting(struct cfg_parse *ps, const char *key)
{
    struct nearest n = {.word = key};
    for (int k = 0; k < CFG_COUNT; k++)
        nearest_try(&n, config_settings[k].key, strlen(config_settings[k].key));
    if (nearest_found(&n))
        return parse_error(ps, "unknown setting '%s' (did you mean '%s'?)", key, n.best);
    return parse_error(ps, "unknown setting '%s'", key);
}

static cd_status parse_setting(struct cfg_parse *ps, char *line, char *eq)
{
    *eq = '\0';
    char *key = trim(line), *value, why[256];
    if (!*key)
        return parse_error(ps, "missing setting name before '='");
    for (size_t i = 0; i < COUNT(refused_keys); i++)
        if (strcmp(key, refused_keys[i].key) == 0)
            return parse_error(ps, "%s: %s", key, refused_keys[i].why);
    int k = config_find(key);
    if (k < 0)
        return unknown_setting(ps, key);
    if (!ps->cur)
        return parse_error(ps, "'%s' is outside a profile (start one with [default] or [profile NAME])",
                           key);
    if (ps->key_line[k])
        return parse_error(ps, "%s is set twice in profile '%s' (first at line %u)",
                           config_settings[k].key, ps->cur->name, ps->key_line[k]);
    if (!value_text(eq + 1, &value, why, sizeof(why)))
        return parse_error(ps, "%s: %s", config_settings[k].key, why);
    struct config_origin o = {.src = CFG_SRC_FILE, .line = ps->line};
    if (!config_store(ps->cur, (enum config_key)k, value, &o, why, sizeof(why)))
        return parse_error(ps, "%s: %s", config_settings[k].key, why);
    ps->key_line[k] = ps->line;
    return CD_OK;
}

static cd_status parse_line(struct cfg_parse *ps, char *raw)
{
    char *line = trim(raw);
    if (!*line || is_comment_start(line))
        return CD_OK;
    if (*line == '[')
        return parse_section(ps, line);
    char *eq = strchr(line, '=');
    if (eq)
        return parse_setting(ps, line, eq);
    size_t w = strcspn(line, " \t");
    line[w] = '\0';
    if (config_find(line) >= 0)
        return parse_error(ps, "missing '=' (write: %s = VALUE)", line);
    return parse_error(ps, "expected [profile NAME], key = value or a # comment");
}

static cd_status parse_text(struct cfg_parse *ps, char *text)
{
    cd_status rc = CD_OK;
    for (char *c = text; c && rc == CD_OK;) {
        char *nl = strchr(c, '\n');
        if (nl)
            *nl = '\0';
        ps->line++;
        rc = parse_line(ps, c);
        c = nl ? nl + 1 : NULL;
    }
    return rc;
}

static cd_status profile_missing(struct cfg_parse *ps)
{
    if (!ps->names.count)
        return cd_error_set(ps->err, CD_ERR_CONFIG, "profile '%s' is not in %s (it has no profiles)",
                            ps->want, ps->path);
    char *names = strlist_join(&ps->names, ", ");
    cd_status rc = cd_error_set(ps->err, CD_ERR_CONFIG, "profile '%s' is not in %s (profiles there: %s)",
                                ps->want, ps->path, names);
    free(names);
    return rc;
}

static cd_status parse_file(struct profile *out, bool named, struct cd_error *err)
{
    struct buf text = {0};
    cd_status rc = file_read_all(out->file, 1u << 20, &text, err);
    if (rc != CD_OK) {
        buf_free(&text);
        return rc;
    }
    struct cfg_parse ps = {.path = out->file, .want = out->name, .out = out, .err = err};
    char *start = text.data ? text.data : (char[]){""};
    if (strncmp(start, "\xef\xbb\xbf", 3) == 0) /* a UTF-8 BOM from Windows editors */
        start += 3;
    rc = parse_text(&ps, start);
    if (rc == CD_OK && !out->line && named && strcmp(out->name, "default") != 0)
        rc = profile_missing(&ps);
    profile_free(&ps.scratch);
    strlist_free(&ps.names);
    free(ps.name_lines);
    buf_free(&text);
    return rc;
}

char *config_default_path(void)
{
    const char *env = getenv("CERTDECK_CONFIG");
    if (env && *env)
        return xstrdup(env);
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && xdg[0] == '/') /* the XDG spec ignores relative values */
        return xasprintf("%s/certdeck/config", xdg);
    const char *home = home_dir();
    return home ? xasprintf("%s/.config/certdeck/config", home) : NULL;
}

cd_status config_load(const char *path, const char *profile_name, struct profile *out,
                      struct cd_error *err)
{
    const char *env = getenv("CERTDECK_PROFILE");
    if (!profile_name || !*profile_name)
        profile_name = env && *env ? env : NULL;
    bool named = profile_name != NULL;
    profile_init(out, named ? profile_name : "default");
    out->file = path ? xstrdup(path) : config_default_path();
    cd_status rc = CD_OK;
    struct stat st;
    if (out->file && stat(out->file, &st) == 0) {
        out->file_exists = true;
        rc = parse_file(out, named, err);
    } else if (out->file && errno != ENOENT && errno != ENOTDIR) {
        rc = cd_error_set(err, CD_ERR_IO, "cannot read %s: %s", out->file, strerror(errno));
    } else if (named && strcmp(out->name, "default") != 0) {
        rc = cd_error_set(err, CD_ERR_CONFIG, "profile '%s' not found: %s does not exist", out->name,
                          out->file ? out->file : "the config file");
    }
    config_derive(out);
    return rc;
}

/* ---- endpoints and services ---- */

static const struct svc_info *svc_find(const char *id)
{
    for (size_t i = 0; id && i < COUNT(svc_infos); i++)
        if (strcmp(svc_infos[i].id, id) == 0)
            return &svc_infos[i];
    return NULL;
}

static int src_rank(enum config_src src)
{
    return src <= CFG_SRC_DERIVED ? 0 : (int)src;
}

static const char *host_pattern(const char *cloud, const char *service, const char *region)
{
    for (size_t i = 0; i < COUNT(host_rules); i++) {
        const struct host_rule *r = &host_rules[i];
        if (strcmp(r->cloud, cloud) == 0 && strcmp(r->service, service) == 0 &&
            (!r->region || strcmp(r->region, region) == 0))
            return r->pattern;
    }
    return NULL;
}

static char *expand_region(const char *pattern, const char *region)
{
    const char *at = strstr(pattern, "{region}");
    if (!at)
        return xstrdup(pattern);
    return xasprintf("%.*s%s%s", (int)(at - pattern), pattern, region, at + 8);
}

char *config_endpoint(const struct profile *p, const char *service)
{
    const struct svc_info *s = svc_find(service);
    if (!s)
        return NULL;
    const char *own = *(char *const *)cfield_of(p, &config_settings[s->endpoint]);
    /* A more specific setting wins unless `endpoint` comes from a higher
     * source: CERTDECK_ENDPOINT must reroute a file's endpoint_elb too. */
    if (own && (!p->endpoint ||
                src_rank(p->origin[s->endpoint].src) >= src_rank(p->origin[CFG_endpoint].src)))
        return xstrdup(own);
    if (p->endpoint)
        return xstrdup(p->endpoint);
    if (!p->region || !p->cloud)
        return NULL;
    const char *pattern = host_pattern(p->cloud, service, p->region);
    return pattern ? expand_region(pattern, p->region) : NULL;
}

bool profile_service_enabled(const struct profile *p, const char *service)
{
    for (size_t i = 0; service && i < p->services.count; i++)
        if (strcmp(p->services.items[i], service) == 0)
            return true;
    return false;
}

enum config_service_state profile_service_state(const struct profile *p, const char *service)
{
    const struct svc_info *s = svc_find(service);
    if (!s || !profile_service_enabled(p, service))
        return CFG_SVC_DISABLED;
    char *url = config_endpoint(p, service);
    if (!url)
        return p->region ? CFG_SVC_NOT_OFFERED : CFG_SVC_NO_REGION;
    free(url);
    if (s->scopes >= 0 && !((const struct strlist *)cfield_of(p, &config_settings[s->scopes]))->count)
        return CFG_SVC_NOT_SET_UP;
    return CFG_SVC_READY;
}

const char *config_service_state_name(enum config_service_state state)
{
    static const char *const names[] = {
        [CFG_SVC_DISABLED] = "disabled",     [CFG_SVC_NO_REGION] = "no region set",
        [CFG_SVC_NOT_OFFERED] = "not offered", [CFG_SVC_NOT_SET_UP] = "not set up",
        [CFG_SVC_READY] = "ready",
    };
    return (unsigned)state < COUNT(names) ? names[state] : "unknown";
}

/* ---- printing ---- */

void config_origin_describe(const struct profile *p, enum config_key key, char *buf, size_t size)
{
    const struct config_origin *o = &p->origin[key];
    switch (o->src) {
    case CFG_SRC_DEFAULT:
        snprintf(buf, size, "default");
        break;
    case CFG_SRC_DERIVED:
        snprintf(buf, size, "derived: %s", o->note);
        break;
    case CFG_SRC_FILE:
        snprintf(buf, size, "file %s:%u", p->file ? p->file : "?", o->line);
        break;
    case CFG_SRC_ENV:
        snprintf(buf, size, "env %s", o->note);
        break;
    case CFG_SRC_FLAG:
        snprintf(buf, size, "flag %s", o->note);
        break;
    }
}

/* The value as text, quoted when the file reader would otherwise change it. */
static char *value_string(const struct profile *p, const struct config_setting *s)
{
    const void *f = cfield_of(p, s);
    if (s->type == CFG_T_UINT)
        return xasprintf("%u", *(const unsigned *)f);
    if (s->type == CFG_T_DURATION) {
        unsigned secs = *(const unsigned *)f;
        if (secs && secs % 3600 == 0)
            return xasprintf("%uh", secs / 3600);
        if (secs && secs % 60 == 0)
            return xasprintf("%um", secs / 60);
        return xasprintf("%u", secs);
    }
    if (s->type == CFG_T_LIST)
        return strlist_join(f, ",");
    const char *v = *(char *const *)f;
    if (!v)
        return xstrdup("");
    size_t n = strlen(v);
    bool quote = isspace((unsigned char)v[0]) || isspace((unsigned char)v[n - 1]) ||
                 is_comment_start(v) || *v == '"' || *v == '\'' || strstr(v, " #") ||
                 strstr(v, " ;") || strstr(v, "\t#") || strstr(v, "\t;");
    if (!quote)
        return xstrdup(v);
    return xasprintf(strchr(v, '"') ? "'%s'" : "\"%s\"", v);
}

static void print_endpoints(const struct profile *p, FILE *out)
{
    fprintf(out, "\n# endpoints:\n");
    for (size_t i = 0; i < COUNT(svc_infos); i++) {
        const char *id = svc_infos[i].id;
        char *url = config_endpoint(p, id);
        if (strcmp(id, "iam") == 0) /* not a certificate service: no state */
            fprintf(out, "#   %-5s %s\n", id, url ? url : "(no region set)");
        else
            fprintf(out, "#   %-5s %s (%s)\n", id, url ? url : "-",
                    config_service_state_name(profile_service_state(p, id)));
        free(url);
    }
}

void config_print(const struct profile *p, FILE *out)
{
    fprintf(out, "# config file: %s%s\n", p->file ? p->file : "(none)",
            p->file && !p->file_exists ? " (not found)" : "");
    if (strcmp(p->name, "default") == 0)
        fprintf(out, "[default]");
    else
        fprintf(out, "[profile %s]", p->name);
    if (p->line)
        fprintf(out, "  # line %u\n", p->line);
    else
        fprintf(out, "  # not in the file\n");
    for (int k = 0; k < CFG_COUNT; k++) {
        const struct config_setting *s = &config_settings[k];
        char *v = value_string(p, s), where[1024];
        if (p->origin[k].src == CFG_SRC_DEFAULT && !*v)
            snprintf(where, sizeof(where), "not set");
        else
            config_origin_describe(p, (enum config_key)k, where, sizeof(where));
        int w = fprintf(out, "%s = %s", s->key, v);
        fprintf(out, "%*s# %s\n", w < 40 ? 40 - w : 1, "", where);
        free(v);
    }
    fprintf(out, "\n# AK/SK in the environment: %s\n", p->env_has_aksk ? "yes" : "no");
    print_endpoints(p, out);
}

/* ---- `config init` ---- */

static void example_setting(struct buf *b, const struct config_setting *s)
{
    buf_printf(b, "\n# %s", s->help);
    if (*s->check)
        buf_printf(b, " [%s]", s->check);
    char upper[64];
    size_t n = 0;
    for (; s->key[n] && n + 1 < sizeof(upper); n++)
        upper[n] = (char)toupper((unsigned char)s->key[n]);
    upper[n] = '\0';
    buf_printf(b, "\n#   env: CERTDECK_%s%s%s\n", upper, *s->env ? " " : "", s->env);
    buf_printf(b, "# %s = %s\n", s->key, *s->def ? s->def : s->example);
}

static char *example_text(void)
{
    struct buf b = {0};
    buf_append_str(&b,
        "# certdeck configuration (written by `certdeck config init`).\n"
        "#\n"
        "# Sections are [default] or [profile NAME]; pick one with --profile NAME or\n"
        "# CERTDECK_PROFILE. Lines are `key = value`; '#' and ';' start comments;\n"
        "# quote values that need them. An empty value means the default.\n"
        "# The environment overrides this file (CERTDECK_<KEY> first, then the\n"
        "# HUAWEICLOUD_SDK_*, HW_* and OS_* variables listed), flags override both.\n"
        "# Passwords and AK/SK are never read from here.\n"
        "# `certdeck config print` shows every value and where it came from.\n"
        "\n[default]\n");
    for (int k = 0; k < CFG_COUNT; k++)
        example_setting(&b, &config_settings[k]);
    buf_append_str(&b,
        "\n# Open Telekom Cloud, Frankfurt (no ROMA Connect, no CAE there):\n"
        "# [profile otc]\n"
        "# cloud = otc\n"
        "# region = eu-de\n"
        "# domain = OTC00000000001000000xxx\n"
        "# user = my-iam-user\n"
        "\n# The emulator (certdeck-emu prints the endpoint and CA file):\n"
        "# [profile emu]\n"
        "# region = cn-north-4\n"
        "# endpoint = https://127.0.0.1:8443\n"
        "# auth = aksk\n");
    return buf_steal(&b, NULL);
}

cd_status config_write_example(const char *path, struct cd_error *err)
{
    char *own = path ? NULL : config_default_path();
    if (!path && !own)
        return cd_error_set(err, CD_ERR_CONFIG, "no config path: HOME is not set");
    path = path ? path : own;
    struct stat st;
    cd_status rc = CD_OK;
    if (lstat(path, &st) == 0) {
        rc = cd_error_set(err, CD_ERR_CONFIG, "%s already exists; not overwriting it", path);
    } else {
        char *copy = xstrdup(path);
        rc = file_mkdirs(dirname(copy), 0700, err);
        free(copy);
        if (rc == CD_OK) {
            char *text = example_text();
            rc = file_write_atomic(path, text, strlen(text), 0600, err);
            free(text);
        }
    }
    free(own);
    return rc;
}
