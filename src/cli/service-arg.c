/* service-arg.c — service names on the command line. */
#include "service-arg.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../services/service.h"

static void known(char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < service_count && used < size; i++)
        used += (size_t)snprintf(out + used, size - used, "%s%s", i ? ", " : "", services[i]->id);
}

int service_arg(const struct cli_cmd *cmd, const char *name)
{
    char lower[32]; /* service names are case-insensitive: ELB, Waf */
    size_t n = 0;
    for (; name[n] && n + 1 < sizeof(lower); n++)
        lower[n] = (char)tolower((unsigned char)name[n]);
    lower[n] = '\0';
    int s = name[n] ? -1 : service_find(lower);
    if (s < 0) {
        char names[128];
        known(names, sizeof(names));
        cli_usage_error(cmd, "unknown service \"%s\" (known: %s)", name, names);
    }
    return s;
}

bool service_mask_parse(const struct cli_cmd *cmd, const char *list, unsigned *mask)
{
    *mask = 0;
    const char *p = list;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char name[32];
        snprintf(name, sizeof(name), "%.*s", (int)(len < 31 ? len : 31), p);
        int s = service_arg(cmd, name);
        if (s < 0)
            return false;
        *mask |= 1u << s;
        p += len + (comma ? 1 : 0);
    }
    return true;
}
