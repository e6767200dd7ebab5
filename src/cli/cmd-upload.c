/* cmd-upload.c — `certdeck upload SERVICE --name N --cert FILE --key FILE`:
 * validates everything locally, then creates; says what it created. */
#include <stdio.h>

#include "../services/validate.h"
#include "client-args.h"
#include "commands.h"
#include "passphrase.h"
#include "service-arg.h"
#include "../client/target.h"

static const struct cli_opt upload_opts[] = {
    {"name", 'n', "NAME", "the certificate's name in the service"},
    {"cert", 'c', "FILE", "certificate (PEM, DER or PKCS#12 .p12/.pfx), with its chain"},
    {"key", 'k', "FILE", "its private key (PKCS#8, PKCS#1, SEC1; may be encrypted; not with PKCS#12)"},
    {"description", 'd', "TEXT", "a description (ELB)"},
    {"domain", 0, "NAMES", "comma-separated domain names (ELB)"},
    {"scope", 0, "ID", "the ROMA instance / CAE environment (default: the profile's first)"},
    {"fix-order", 0, NULL, "put a chain given in the wrong order in order"},
    {"allow-expired", 0, NULL, "upload an expired certificate anyway"},
    {"dry-run", 0, NULL, "check everything, send nothing"},
    {"quiet", 'q', NULL, "print only the new id (for scripts)"},
    {"passphrase-env", 0, "VAR", "read the key passphrase from environment variable VAR"},
    {"passphrase-file", 0, "FILE", "read the key passphrase from the first line of FILE"},
    CLIENT_OPTION_ROWS,
    {NULL, 0, NULL, NULL},
};

static int upload_exec(const struct cli_args *args)
{
    int service = service_arg(args->cmd, args->pos[0]);
    if (service < 0)
        return CLI_EXIT_USAGE;
    const char *name = cli_get(args, "name"), *cert = cli_get(args, "cert"),
               *key = cli_get(args, "key"), *desc = cli_get(args, "description"),
               *domain = cli_get(args, "domain");
    if (!name || !cert)
        return cli_usage_error(args->cmd, "--name and --cert are required (and --key, unless "
                               "the certificate file holds the key: PKCS#12 or combined PEM)");
    if (domain && !(services[service]->caps & SVC_CAP_DOMAIN))
        return cli_usage_error(args->cmd, "%s certificates have no domain list", services[service]->id);
    struct cd_error err;
    if (upload_check_text(service, name, desc, &err) != CD_OK ||
        upload_check_domain(service, domain, false, &err) != CD_OK) {
        client_report("upload", &err);
        return CLI_EXIT_USAGE;
    }
    struct passphrase_source pass = {cli_get(args, "passphrase-env"), cli_get(args, "passphrase-file")};
    struct upload_checks checks = {cli_has(args, "fix-order"), cli_has(args, "allow-expired"),
                                   passphrase_from_source, &pass};
    struct upload_material m;
    if (upload_prepare(service, cert, key, &checks, &m, &err) != CD_OK) {
        client_report("upload", &err); /* nothing was sent */
        return CLI_EXIT_USAGE;
    }
    if (m.reordered)
        fprintf(stderr, "certdeck upload: the chain was put in order (leaf first)\n");
    if (cli_has(args, "dry-run")) {
        printf("ok: %s, %zu certificate%s, key matches; nothing sent (--dry-run)\n", m.common_name,
               m.layers, m.layers == 1 ? "" : "s");
        upload_material_free(&m);
        return CLI_EXIT_OK;
    }
    struct client c;
    if (cli_client_open(args, true, &c, &err) != CD_OK) {
        client_report("upload", &err);
        upload_material_free(&m);
        return CLI_EXIT_FINDINGS;
    }
    int rc = CLI_EXIT_OK;
    const struct client_target *t = target_pick(&c, service, cli_get(args, "scope"), &err);
    struct svc_ctx ctx;
    struct cert_record r;
    if (t)
        client_ctx(&c, t, &ctx, &err);
    struct upload_req req = {name, desc, m.cert_pem, m.key_pem, domain, NULL};
    if (!t || services[service]->create(&ctx, &req, &r) != CD_OK) {
        client_report("upload", &err);
        rc = CLI_EXIT_FINDINGS;
    } else {
        if (cli_has(args, "quiet"))
            printf("%s\n", r.id);
        else
            printf("uploaded %s to %s%s%s as %s\n", name, services[service]->id,
                   t->scope ? " " : "", t->scope ? t->scope : "", r.id);
        record_free(&r);
    }
    upload_material_free(&m);
    client_close(&c);
    return rc;
}

const struct cli_cmd cmd_upload = {
    .name = "upload",
    .usage = "SERVICE --name NAME --cert FILE [--key FILE] [options]",
    .summary = "check a certificate and key locally, then upload them; says what was created",
    .opts = upload_opts,
    .min_args = 1,
    .max_args = 1,
    .exec = upload_exec,
};
