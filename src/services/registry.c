/* registry.c — the certificate services certdeck knows, in display order. */
#include <string.h>

#include "service.h"

const struct service_ops *const services[] = {&svc_elb, &svc_waf, &svc_apic, &svc_cae};
const size_t service_count = sizeof(services) / sizeof(services[0]);

int service_find(const char *id)
{
    for (size_t i = 0; i < service_count; i++)
        if (strcmp(services[i]->id, id) == 0)
            return (int)i;
    return -1;
}
