/* config.c — the emulator's defaults: the demo identity, HTTPS, 24 h tokens. */
#include <stdlib.h>
#include <string.h>

#include "../core/wipe.h"
#include "../core/xalloc.h"
#include "emu.h"

void emu_config_defaults(struct emu_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->tls = true;
    cfg->token_ttl = 24 * 3600;
    cfg->threads = 4;
    cfg->faults.slow_ms = 3000;
    cfg->faults.seed = 1;
}

void emu_config_fill_demo(struct emu_config *cfg)
{
    if (!cfg->project_count) {
        cfg->projects = xcalloc(1, sizeof(*cfg->projects));
        cfg->projects[0] = (struct emu_project){xstrdup(EMU_DEMO_PROJECT_ID), xstrdup(EMU_DEMO_PROJECT_NAME)};
        cfg->project_count = 1;
    }
    if (!cfg->user_count) {
        cfg->users = xcalloc(1, sizeof(*cfg->users));
        cfg->users[0] = (struct emu_user){xstrdup(EMU_DEMO_DOMAIN), xstrdup(EMU_DEMO_USER),
                                          xstrdup(EMU_DEMO_PASSWORD)};
        cfg->user_count = 1;
    }
    if (!cfg->aksk_count) {
        cfg->aksk = xcalloc(1, sizeof(*cfg->aksk));
        cfg->aksk[0] = (struct emu_aksk){xstrdup(EMU_DEMO_AK), xstrdup(EMU_DEMO_SK),
                                         xstrdup(cfg->projects[0].id)};
        cfg->aksk_count = 1;
    }
    if (!cfg->apic_instances.count)
        strlist_push(&cfg->apic_instances, EMU_DEMO_APIC_INSTANCE);
    if (!cfg->cae_environments.count)
        strlist_push(&cfg->cae_environments, EMU_DEMO_CAE_ENVIRONMENT);
}

void emu_config_free(struct emu_config *cfg)
{
    for (size_t i = 0; i < cfg->user_count; i++) {
        free(cfg->users[i].domain);
        free(cfg->users[i].name);
        wipe_free_str(cfg->users[i].password);
    }
    free(cfg->users);
    for (size_t i = 0; i < cfg->project_count; i++) {
        free(cfg->projects[i].id);
        free(cfg->projects[i].name);
    }
    free(cfg->projects);
    for (size_t i = 0; i < cfg->aksk_count; i++) {
        free(cfg->aksk[i].ak);
        wipe_free_str(cfg->aksk[i].sk);
        free(cfg->aksk[i].project_id);
    }
    free(cfg->aksk);
    strlist_free(&cfg->apic_instances);
    strlist_free(&cfg->cae_environments);
    memset(cfg, 0, sizeof(*cfg));
}
