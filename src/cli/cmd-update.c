/* cmd-update.c — `certdeck update SERVICE ID …`: rename, describe, or replace
 * the certificate and key, within what the service allows; says what changes. */
#include <stdio.h>
#include <string.h>

#include "../core/timeutil.h"
#include "cert-lookup.h"
#include "../services/validate.h"
#include "client-args.h"
#include "commands.h"
#include "passphrase.h"
#include "resolve-arg.h"
#include "service-arg.h"
#include "../client/target.h"

static const struct cli_opt update_opts[] = {
    {"name", 'n', "NAME", "a new name"},
    {"description", 'd', "TEXT", "a new description (ELB)"},
    {"cert", 'c', "FILE", "a new certificate (with --key)"},
    {"key", 'k', "FILE", "its private key (with --cert)"},
    {"domain", 0, "NAMES", "new comma-separated domain names (ELB)"},
    {"scope", 0, "ID", "the ROMA instance / CAE environment (default: the profile's first)"},
    {"fix-order", 0, NULL, "put a chain given in the wrong order in order"},
    {"allow-expired", 0, NULL, "send an expired certificate anyway"},
    {"dry-run", 0, NULL, "check everything and show what would change, send nothing"},
    {"passphrase-env", 0, "VAR", "read the key passphrase from environment variable VAR"},
    {"passphrase-file", 0, "FILE", "read the key passphrase from the first line of FILE"},
    CLIENT_OPTION_ROWS,
    {NULL, 0, NULL, NULL},
};

/* What the service cannot do, said before anything is sent. */
static const char *unsupported(const struct service_ops *ops, const struct cli_args *args)
{
    bool has_cert = cli_has(args, "cert") || cli_has(args, "key");
    if (cli_has(args, "cert") != cli_has(args, "key"))
        return "--cert and --key go together";
    if (cli_has(args, "name") && !(ops->caps & SVC_CAP_RENAME))
        return "this service cannot rename a certificate";
    if (cli_has(args, "description") && !(ops->caps & SVC_CAP_DESCRIPTION))
        return "this service has no description";
    if (cli_has(args, "domain") && !(ops->caps & SVC_CAP_DOMAIN))
        return "this service has no domain list";
    if ((ops->caps & SVC_CAP_UPDATE_REPLACES_ALL) && !has_cert)
        return "this service replaces name, certificate and key together: give --cert and --key";
    if (!has_cert && !cli_has(args, "name") && !cli_has(args, "description") && !cli_has(args, "domain"))
        return "nothing to change: give --name, --description, --domain or --cert with --key";
    return NULL;
}

static void print_change(const char *label, const char *old, const char *new)
{
    if (new && strcmp(old, new) != 0)
        printf("  %-12s %s → %s\n", label, *old ? old : "-", *new ? new : "-");
}

/* What the update changes, old → new, from the certificate as it is now. */
static void print_changes(const struct cert_record *now, const struct update_req *req)
{
    print_change("name", now->name, req->name);
    print_change("description", now->description, req->description);
    if (req->domain) {
        char old[512] = "";
        size_t used = 0;
        for (size_t i = 0; i < now->domains.count && used < sizeof(old); i++)
            used += (size_t)snprintf(old + used, sizeof(old) - used, "%s%s", i ? "," : "",
                                     now->domains.items[i]);
        print_change("domain", old, req->domain);
    }
    if (!req->cert_pem)
        return;
    struct cert_facts before, after;
    cert_facts_of_record(now, &before);
    cert_facts_of_pem(req->cert_pem, &after);
    char old_exp[32] = "", new_exp[32] = "";
    if (before.not_after)
        time_format_human(before.not_after, old_exp, sizeof(old_exp));
    time_format_human(after.not_after, new_exp, sizeof(new_exp));
    if (strcmp(old_exp, new_exp) == 0)
        printf("  %-12s %s (unchanged)\n", "expires", new_exp);
    print_change("expires", old_exp, new_exp);
    print_change("issuer", before.issuer, after.issuer);
    print_change("names", before.names, after.names);
    if (*before.sha1 && strcmp(before.sha1, after.sha1) == 0)
        printf("  %-12s the same certificate as now\n", "certificate");
}

static int update_exec(const struct cli_args *args)
{
    int service = service_arg(args->cmd, args->pos[0]);
    if (service < 0)
        return CLI_EXIT_USAGE;
    const struct service_ops *ops = services[service];
    const char *why = unsupported(ops, args);
    if (why)
        return cli_usage_error(args->cmd, "%s: %s", ops->id, why);
    struct cd_error err;
    if (upload_check_text(service, cli_get(args, "name"), cli_get(args, "description"), &err) != CD_OK ||
        upload_check_domain(service, cli_get(args, "domain"), true, &err) != CD_OK) {
        client_report("update", &err);
        return CLI_EXIT_USAGE;
    }
    struct upload_material m = {0};
    if (cli_has(args, "cert")) {
        struct passphrase_source pass = {cli_get(args, "passphrase-env"), cli_get(args, "passphrase-file")};
        struct upload_checks checks = {cli_has(args, "fix-order"), cli_has(args, "allow-expired"),
                                       passphrase_from_source, &pass};
        if (upload_prepare(service, cli_get(args, "cert"), cli_get(args, "key"), &checks, &m, &err) != CD_OK) {
            client_report("update", &err);
            return CLI_EXIT_USAGE;
        }
    }
    struct client c;
    if (cli_client_open(args, true, &c, &err) != CD_OK) {
        client_report("update", &err);
        upload_material_free(&m);
        return CLI_EXIT_FINDINGS;
    }
    int rc = CLI_EXIT_OK;
    const struct client_target *t = target_pick(&c, service, cli_get(args, "scope"), &err);
    struct svc_ctx ctx;
    if (t)
        client_ctx(&c, t, &ctx, &err);
    char id[CERT_ID_ARG_MAX] = "";
    if (t && !cli_resolve_id("update", &ctx, args->pos[1], id, sizeof(id), &rc)) {
        upload_material_free(&m);
        client_close(&c);
        return rc;
    }
    struct update_req req = {cli_get(args, "name"), cli_get(args, "description"), m.cert_pem,
                             m.key_pem, cli_get(args, "domain")};
    /* the certificate as it is now: a wrong id fails before anything is sent */
    struct cert_record now;
    bool have = t && cert_lookup(&ctx, id, &now) == CD_OK;
    bool dry = cli_has(args, "dry-run");
    if (have) {
        printf("%s %s certificate %s (%s):\n", dry ? "would update" : "updating", ops->id, id,
               now.name);
        print_changes(&now, &req);
        record_free(&now);
    }
    if (!have) {
        client_report("update", &err);
        rc = CLI_EXIT_FINDINGS;
    } else if (dry) {
        printf("nothing sent (--dry-run)\n");
    } else if (ops->update(&ctx, id, &req) != CD_OK) {
        client_report("update", &err);
        rc = CLI_EXIT_FINDINGS;
    } else {
        printf("updated %s certificate %s\n", ops->id, id);
    }
    upload_material_free(&m);
    client_close(&c);
    return rc;
}

const struct cli_cmd cmd_update = {
    .name = "update",
    .usage = "SERVICE ID [--name N] [--description D] [--domain D] [--cert FILE --key FILE]",
    .summary = "rename a certificate or replace its content, as far as the service allows",
    .opts = update_opts,
    .min_args = 2,
    .max_args = 2,
    .exec = update_exec,
};
