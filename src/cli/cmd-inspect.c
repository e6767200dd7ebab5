/* cmd-inspect.c — `certdeck inspect FILE…`: decode certificates and keys, check them. */
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "../core/timeutil.h"
#include "../core/xalloc.h"
#include "../net/tls-peer.h"
#include "commands.h"
#include "inspect.h"
#include "passphrase.h"

static const struct cli_opt inspect_opts[] = {
    {"key", 'k', "FILE", "private key to check against the certificates"},
    {"json", 'j', NULL, "print JSON (fields documented in the README)"},
    {"short", 0, NULL, "one block per file: who, names, until when, chain, key, findings"},
    {"color", 0, "WHEN", "colour findings by severity: auto (on a terminal, unless NO_COLOR), always, never"},
    {"strict", 's', NULL, "exit 1 on warnings too (critical findings always exit 1)"},
    {"warn-days", 'w', "DAYS", "call out certificates expiring within DAYS (default 30)"},
    {"passphrase-env", 0, "VAR", "read the key passphrase from environment variable VAR"},
    {"passphrase-file", 0, "FILE", "read the key passphrase from the first line of FILE"},
    {"servername", 0, "NAME", "for HOST:PORT: the name sent as SNI and verified (default HOST)"},
    {"ca-file", 0, "FILE", "trust the CA certificates in FILE (HOST:PORT, chain_incomplete)"},
    {NULL, 0, NULL, NULL},
};

size_t inspect_leaf(const struct inspect_item *it)
{
    return it->b.chain.reorderable ? it->b.chain.order[0] : 0;
}

static bool has_certs(const struct inspect_item *it)
{
    return it->b.status == CD_OK && it->b.certs.count > 0;
}

static bool is_loose_key(const struct inspect_item *it)
{
    return it->b.status == CD_OK && it->b.key && it->b.certs.count == 0;
}

static bool key_fits(const struct x509_key *key, const struct inspect_item *certs_item)
{
    return x509_key_matches_cert(key, &certs_item->b.certs.items[inspect_leaf(certs_item)]);
}

/* A key in the same file as certificates belongs to them; --key belongs to
 * every certificate file; otherwise each loose key goes to the certificates
 * it fits (or, with one of each, to the only certificates there are). */
static void pair_keys(struct inspect_run *run, const struct inspect_item *key_opt)
{
    size_t cert_files = 0, loose = 0;
    for (size_t i = 0; i < run->count; i++) {
        cert_files += has_certs(&run->items[i]);
        loose += is_loose_key(&run->items[i]);
    }
    for (size_t i = 0; i < run->count; i++) {
        struct inspect_item *it = &run->items[i];
        if (!has_certs(it))
            continue;
        if (it->b.key) {
            it->paired_key = it->b.key;
            it->paired_key_path = it->b.path;
        } else if (key_opt && key_opt->b.key) {
            it->paired_key = key_opt->b.key;
            it->paired_key_path = key_opt->b.path;
        } else {
            for (size_t j = 0; j < run->count && !it->paired_key; j++) {
                struct inspect_item *k = &run->items[j];
                if (is_loose_key(k) && (key_fits(k->b.key, it) || (cert_files == 1 && loose == 1))) {
                    it->paired_key = k->b.key;
                    it->paired_key_path = k->b.path;
                }
            }
        }
        if (it->paired_key)
            it->key_matches = key_fits(it->paired_key, it);
    }
    for (size_t j = 0; j < run->count; j++) {
        struct inspect_item *k = &run->items[j];
        if (!is_loose_key(k))
            continue;
        bool paired = false;
        for (size_t i = 0; i < run->count; i++) {
            if (run->items[i].paired_key != k->b.key)
                continue;
            paired = true; /* a mismatch is then reported on the certificates */
            if (run->items[i].key_matches && !k->matches_cert_path)
                k->matches_cert_path = run->items[i].b.path;
        }
        if (!paired && cert_files > 0)
            x509_findings_add(&k->b.findings, X509_FIND_KEY_MISMATCH, SIZE_MAX,
                              "%s fits none of the certificates given", k->b.path);
    }
}

static void check_items(struct inspect_run *run)
{
    struct x509_check_opts opts = {run->now, run->warn_days};
    for (size_t i = 0; i < run->count; i++) {
        struct inspect_item *it = &run->items[i];
        if (!has_certs(it))
            continue;
        x509_check_trusting(&it->b.certs, &it->b.chain, it->paired_key, &opts, run->ca_file,
                            &it->b.findings);
        const struct inspect_server *s = it->server;
        if (s && !s->verified)
            x509_findings_add(&it->b.findings, X509_FIND_NOT_TRUSTED, SIZE_MAX,
                              "the chain sent does not verify for %s: %s (clients will refuse "
                              "it; with a private CA, give --ca-file)", s->servername, s->verify_error);
    }
}

/* `inspect HOST:PORT`: the chain a TLS server sends, as if read from a file. */
static void load_server(const char *target, const char *servername, const char *ca_file,
                        struct inspect_item *it)
{
    struct inspect_server *s = xcalloc(1, sizeof(*s));
    it->server = s;
    memset(&it->b, 0, sizeof(it->b));
    it->b.path = xstrdup(target);
    tls_peer_parse_target(target, s->host, s->port);
    s->servername = servername ? servername : s->host;
    struct tls_peer peer;
    it->b.status = tls_peer_fetch(s->host, s->port, servername, ca_file, &peer, &it->b.err);
    if (it->b.status != CD_OK)
        return;
    s->verified = peer.verified;
    snprintf(s->verify_error, sizeof(s->verify_error), "%s", peer.verify_error);
    snprintf(s->protocol, sizeof(s->protocol), "%s", peer.protocol);
    snprintf(s->cipher, sizeof(s->cipher), "%s", peer.cipher);
    x509_bundle_from_mem(peer.chain_pem, strlen(peer.chain_pem), target, X509_EXPECT_CERT, NULL,
                         NULL, &it->b);
    tls_peer_free(&peer);
}

/* A name that is no file but reads as HOST:PORT is a server. */
static bool is_server(const char *arg)
{
    char host[256], port[8];
    return access(arg, F_OK) != 0 && tls_peer_parse_target(arg, host, port);
}

/* 2 when a file cannot be read; else 1 on a critical finding (expired, key
 * mismatch, key and certificate swapped) or, with --strict, on a warning. */
static int exit_code(const struct inspect_run *run, bool strict)
{
    enum x509_severity fails_at = strict ? X509_SEV_WARNING : X509_SEV_CRITICAL;
    int rc = CLI_EXIT_OK;
    for (size_t i = 0; i < run->count; i++) {
        const struct inspect_item *it = &run->items[i];
        if (it->b.status != CD_OK)
            return CLI_EXIT_USAGE;
        if (x509_findings_worst(&it->b.findings) >= fails_at)
            rc = CLI_EXIT_FINDINGS;
    }
    return rc;
}

static int inspect_exec(const struct cli_args *args)
{
    long warn_days = 30;
    if (!cli_get_int(args, "warn-days", 0, 100000, &warn_days))
        return CLI_EXIT_USAGE;
    if (cli_has(args, "passphrase-env") && cli_has(args, "passphrase-file"))
        return cli_usage_error(args->cmd, "give --passphrase-env or --passphrase-file, not both");
    struct passphrase_source pass = {cli_get(args, "passphrase-env"),
                                     cli_get(args, "passphrase-file")};
    const char *key_path = cli_get(args, "key");
    if (args->npos == 0 && !key_path)
        return cli_usage_error(args->cmd, "no file given (usage: %s inspect %s)", cli_program,
                               args->cmd->usage);
    struct inspect_run run = {.now = cd_now(), .warn_days = (int)warn_days,
                              .ca_file = cli_get(args, "ca-file"), .short_form = cli_has(args, "short")};
    if (!term_look_from_args(args, &run.look))
        return CLI_EXIT_USAGE;
    run.count = (size_t)args->npos + (key_path ? 1 : 0);
    run.items = xcalloc(run.count, sizeof(*run.items));
    for (int i = 0; i < args->npos; i++) {
        if (is_server(args->pos[i]))
            load_server(args->pos[i], cli_get(args, "servername"), cli_get(args, "ca-file"),
                        &run.items[i]);
        else
            x509_bundle_load(args->pos[i], X509_EXPECT_ANY, passphrase_from_source, &pass,
                             &run.items[i].b);
    }
    struct inspect_item *key_opt = NULL;
    if (key_path) {
        key_opt = &run.items[run.count - 1];
        x509_bundle_load(key_path, X509_EXPECT_KEY, passphrase_from_source, &pass, &key_opt->b);
    }
    pair_keys(&run, key_opt);
    check_items(&run);
    for (size_t i = 0; i < run.count; i++)
        if (run.items[i].b.status != CD_OK)
            fprintf(stderr, "%s inspect: %s\n", cli_program, run.items[i].b.err.message);
    if (cli_has(args, "json"))
        inspect_print_json(&run, stdout);
    else
        inspect_print_text(&run, stdout);
    int rc = exit_code(&run, cli_has(args, "strict"));
    for (size_t i = 0; i < run.count; i++) {
        x509_bundle_free(&run.items[i].b);
        free(run.items[i].server);
    }
    free(run.items);
    return rc;
}

const struct cli_cmd cmd_inspect = {
    .name = "inspect",
    .usage = "[options] FILE|HOST:PORT…",
    .summary = "decode certificates (PEM, DER, PKCS#12, chains, a server's) and keys, and check them",
    .opts = inspect_opts,
    .min_args = 0,
    .max_args = -1,
    .exec = inspect_exec,
};
