/* resolve-arg.c — resolving the ID argument and saying why it did not work. */
#include "resolve-arg.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../client/client.h"
#include "../client/resolve.h"
#include "../core/timeutil.h"
#include "cli.h"

#define CD_STR_(x) #x
#define CD_STR(x) CD_STR_(x)

static void print_candidates(const char *command, const char *query, const struct record_list *l)
{
    int64_t now = cd_now();
    fprintf(stderr, "certdeck %s: \"%s\" matches %zu certificates; give one of these ids:\n",
            command, query, l->count);
    for (size_t i = 0; i < l->count; i++) {
        const struct cert_record *r = &l->items[i];
        char when[32] = "unknown";
        if (r->not_after)
            time_format_iso(r->not_after, when, sizeof(when));
        fprintf(stderr, "  %-4s  %-36s  %-36s  %s  expires %s", services[r->service]->id,
                *r->scope ? r->scope : "-", r->id, r->name, when);
        char words[32];
        if (r->not_after)
            fprintf(stderr, " (%s)", time_expiry_words(r->not_after, now, words, sizeof(words)));
        fputc('\n', stderr);
    }
}

bool cli_resolve_id(const char *command, struct svc_ctx *ctx, const char *query, char *id,
                    size_t id_size, int *exit_code)
{
    struct resolve_result res;
    if (cert_resolve(ctx, query, &res) != CD_OK) {
        client_report(command, ctx->err);
        *exit_code = CLI_EXIT_FINDINGS;
        return false;
    }
    bool ok = false;
    *exit_code = CLI_EXIT_USAGE;
    if (res.outcome == RESOLVE_AMBIGUOUS) {
        print_candidates(command, query, &res.matches);
    } else if (res.outcome == RESOLVE_NONE) {
        fprintf(stderr, "certdeck %s: no %s certificate%s%s has the id, name or id prefix \"%s\"%s\n",
                command, services[ctx->service]->id, ctx->scope ? " in " : "",
                ctx->scope ? ctx->scope : "", query,
                strlen(query) < RESOLVE_PREFIX_MIN ? " (an id prefix needs " CD_STR(RESOLVE_PREFIX_MIN)
                                                     " characters or more)"
                                                   : "");
    } else if (strlen(res.id) >= id_size) {
        fprintf(stderr, "certdeck %s: the id of \"%s\" is too long\n", command, query);
    } else {
        snprintf(id, id_size, "%s", res.id);
        ok = true;
        *exit_code = CLI_EXIT_OK;
    }
    resolve_result_free(&res);
    return ok;
}
