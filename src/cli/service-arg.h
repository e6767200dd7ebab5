/* service-arg.h — parsing "--service elb,waf" and a SERVICE argument. */
#ifndef CD_SERVICE_ARG_H
#define CD_SERVICE_ARG_H

#include <stdbool.h>

#include "cli.h"

/* "elb,waf" → a bit per service index; false (with a usage message) on an unknown name. */
bool service_mask_parse(const struct cli_cmd *cmd, const char *list, unsigned *mask);
/* "waf" → its index; -1 (with a usage message) when unknown. */
int service_arg(const struct cli_cmd *cmd, const char *name);

#endif
