/* config-env.c — the environment laid over a profile: CERTDECK_<KEY> first,
 * then the variables users already set for the Huawei Cloud SDKs, Terraform
 * and OpenStack (the settings table's env column, in its order). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* getenv, with "" treated as unset (`export OS_PROJECT_ID=` is common). */
static const char *env_value(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

/* Copies src upper-cased into out, '-' → '_' ("cn-north-4" → "CN_NORTH_4"). */
static void env_token(const char *src, size_t len, char *out, size_t size)
{
    size_t n = 0;
    for (; n < len && src[n] && n + 1 < size; n++)
        out[n] = src[n] == '-' ? '_' : (char)toupper((unsigned char)src[n]);
    out[n] = '\0';
}

/* Expands "{REGION}" in a variable name; false when it is needed and the
 * region is not known. */
static bool env_name(const char *pattern, size_t len, const char *region, char *out, size_t size)
{
    char region_tok[64];
    const char *at = strstr(pattern, "{REGION}");
    if (!at || at >= pattern + len) {
        snprintf(out, size, "%.*s", (int)len, pattern);
        return true;
    }
    if (!region)
        return false;
    env_token(region, strlen(region), region_tok, sizeof(region_tok));
    size_t after = len - (size_t)(at - pattern) - 8;
    snprintf(out, size, "%.*s%s%.*s", (int)(at - pattern), pattern, region_tok, (int)after, at + 8);
    return true;
}

/* The first set variable for setting s; its name goes to var. */
static const char *env_first(const struct profile *p, const struct config_setting *s, char *var,
                             size_t size)
{
    char key[64];
    env_token(s->key, strlen(s->key), key, sizeof(key));
    snprintf(var, size, "CERTDECK_%s", key);
    const char *v = env_value(var);
    for (const char *c = s->env; !v && *c;) {
        c += strspn(c, " ");
        size_t n = strcspn(c, " ");
        if (n && env_name(c, n, p->region, var, size))
            v = env_value(var);
        c += n;
    }
    return v;
}

cd_status config_apply_env(struct profile *p, struct cd_error *err)
{
    /* Table order matters: region comes first, so the {REGION} variables of
     * the endpoint rows see the region the environment chose. */
    for (int k = 0; k < CFG_COUNT; k++) {
        struct config_origin o = {.src = CFG_SRC_ENV};
        const char *v = env_first(p, &config_settings[k], o.note, sizeof(o.note));
        char why[256];
        if (v && !config_store(p, (enum config_key)k, v, &o, why, sizeof(why)))
            return cd_error_set(err, CD_ERR_CONFIG, "environment variable %s: %s", o.note, why);
    }
    /* The values stay in the environment: the auth layer reads them there. */
    p->env_has_aksk = env_value("HUAWEICLOUD_SDK_AK") && env_value("HUAWEICLOUD_SDK_SK");
    config_derive(p);
    return CD_OK;
}
