/* env.c — the shell variables that point certdeck (or curl) at a running
 * emulator: every setting certdeck reads to reach it, and the demo identity. */
#include <string.h>

#include "../core/buf.h"
#include "emu-internal.h"

/* `export NAME=VALUE`, VALUE single-quoted when the shell would split or
 * expand it (a CA path under a directory with a space in its name). */
static void put(struct buf *b, const char *name, const char *value)
{
    if (value[strspn(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                            "0123456789-_.,:/@+=%")] == '\0') {
        buf_printf(b, "export %s=%s\n", name, value);
        return;
    }
    buf_printf(b, "export %s='", name);
    for (const char *c = value; *c; c++) {
        if (*c == '\'')
            buf_append_str(b, "'\\''");
        else
            buf_append(b, c, 1);
    }
    buf_append_str(b, "'\n");
}

static void put_list(struct buf *b, const char *name, const struct strlist *items)
{
    struct buf joined = {0};
    for (size_t i = 0; i < items->count; i++)
        buf_printf(&joined, "%s%s", i ? "," : "", items->items[i]);
    put(b, name, joined.data ? joined.data : "");
    buf_free(&joined);
}

void emu_env_text(const struct emu *emu, const struct emu_config *cfg, struct buf *b)
{
    const struct emu_project *p = cfg->project_count ? &cfg->projects[0] : NULL;
    const struct emu_user *u = cfg->user_count ? &cfg->users[0] : NULL;
    const struct emu_aksk *k = cfg->aksk_count ? &cfg->aksk[0] : NULL;
    buf_append_str(b, "# certdeck-emu: `. THIS-FILE`, then `certdeck login` (password "
                      "$CERTDECK_EMU_PASSWORD) and `certdeck list`\n"
                      "# settings certdeck reads (a config file is not needed):\n");
    put(b, "CERTDECK_ENDPOINT", emu->base_url);
    if (emu->ca_file)
        put(b, "CERTDECK_CA_FILE", emu->ca_file);
    if (p) {
        put(b, "CERTDECK_REGION", p->name);
        put(b, "CERTDECK_PROJECT_ID", p->id);
    }
    if (u) {
        put(b, "CERTDECK_DOMAIN", u->domain);
        put(b, "CERTDECK_USER", u->name);
    }
    if (cfg->apic_instances.count)
        put_list(b, "CERTDECK_APIC_INSTANCES", &cfg->apic_instances);
    if (cfg->cae_environments.count)
        put_list(b, "CERTDECK_CAE_ENVIRONMENTS", &cfg->cae_environments);
    /* HUAWEICLOUD_SDK_AK/SK would switch certdeck to AK/SK: the demo key
     * pair is offered under names certdeck does not read */
    buf_append_str(b, "# the emulator's own (for curl and scripts):\n");
    if (emu->ca_file)
        put(b, "CERTDECK_EMU_CA", emu->ca_file);
    if (p) {
        put(b, "CERTDECK_EMU_PROJECT_ID", p->id);
        put(b, "CERTDECK_EMU_PROJECT_NAME", p->name);
    }
    if (u) {
        put(b, "CERTDECK_EMU_DOMAIN", u->domain);
        put(b, "CERTDECK_EMU_USER", u->name);
        put(b, "CERTDECK_EMU_PASSWORD", u->password);
    }
    if (k) {
        put(b, "CERTDECK_EMU_AK", k->ak);
        put(b, "CERTDECK_EMU_SK", k->sk);
    }
    if (cfg->apic_instances.count)
        put(b, "CERTDECK_EMU_APIC_INSTANCE", cfg->apic_instances.items[0]);
    if (cfg->cae_environments.count)
        put(b, "CERTDECK_EMU_CAE_ENVIRONMENT", cfg->cae_environments.items[0]);
    put(b, "CERTDECK_EMU_URL", emu->base_url); /* last: readers of a growing file wait for it */
}

void emu_print_env(const struct emu *emu, const struct emu_config *cfg, FILE *out)
{
    struct buf b = {.secret = true}; /* it holds the demo password and SK */
    emu_env_text(emu, cfg, &b);
    fwrite(b.data, 1, b.len, out);
    fflush(out);
    buf_free(&b);
}
