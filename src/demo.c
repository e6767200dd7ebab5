/* demo.c — runs certdeck-emu in-process for `certdeck --demo`. */
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "emu/emu.h"

static bool exists(const char *dir, const char *file)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, file);
    return access(path, R_OK) == 0;
}

void demo_find_data(const char **data_dir, const char **assets_dir)
{
    static char assets[4096];
    const char *env = getenv("CERTDECK_DATA_DIR");
    const char *candidates[] = {env, CERTDECK_INSTALL_DATA_DIR, CERTDECK_SOURCE_DIR};
    *data_dir = *assets_dir = NULL;
    for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
        const char *d = candidates[i];
        if (!d || !*d || !exists(d, "themes/default.theme"))
            continue;
        *data_dir = d;
        /* installed: DATA/demo; the source tree: DATA/assets/demo */
        snprintf(assets, sizeof(assets), exists(d, "demo/seed.tsv") ? "%s" : "%s/assets", d);
        *assets_dir = assets;
        return;
    }
}

static struct emu_config cfg; /* the emulator reads it while it runs */

struct emu *demo_start(const char *assets_dir)
{
    if (!assets_dir) {
        fprintf(stderr, "certdeck --demo: the demo set is not installed (no demo/seed.tsv under "
                "$CERTDECK_DATA_DIR, %s or %s)\n", CERTDECK_INSTALL_DATA_DIR, CERTDECK_SOURCE_DIR);
        return NULL;
    }
    emu_config_defaults(&cfg);
    emu_config_fill_demo(&cfg);
    cfg.seed = "demo";
    cfg.assets_dir = assets_dir;
    struct emu *emu = NULL;
    struct cd_error err = {0};
    if (emu_start(&cfg, &emu, &err) != CD_OK) {
        fprintf(stderr, "certdeck --demo: cannot start the emulator: %s\n", err.message);
        emu_config_free(&cfg);
        return NULL;
    }
    /* The demo profile, from the environment alone: nothing of the user's
     * config, vault or credentials is read or changed. */
    static const char *const cleared[] = {"CERTDECK_PROFILE", "CERTDECK_PROJECT_NAME", "CERTDECK_SERVICES",
                                          "HUAWEICLOUD_SDK_SECURITY_TOKEN", "OS_AUTH_URL", "CERTDECK_ENDPOINT_IAM"};
    for (size_t i = 0; i < sizeof(cleared) / sizeof(cleared[0]); i++)
        unsetenv(cleared[i]);
    setenv("CERTDECK_CONFIG", "/dev/null", 1);
    setenv("CERTDECK_ENDPOINT", emu_base_url(emu), 1);
    setenv("CERTDECK_CA_FILE", emu_ca_file(emu), 1);
    setenv("CERTDECK_REGION", EMU_DEMO_PROJECT_NAME, 1);
    setenv("CERTDECK_PROJECT_ID", EMU_DEMO_PROJECT_ID, 1);
    setenv("CERTDECK_APIC_INSTANCES", EMU_DEMO_APIC_INSTANCE, 1);
    setenv("CERTDECK_CAE_ENVIRONMENTS", EMU_DEMO_CAE_ENVIRONMENT, 1);
    setenv("HUAWEICLOUD_SDK_AK", EMU_DEMO_AK, 1);
    setenv("HUAWEICLOUD_SDK_SK", EMU_DEMO_SK, 1);
    return emu;
}

void demo_stop(struct emu *emu)
{
    if (!emu)
        return;
    emu_stop(emu);
    emu_config_free(&cfg);
}
