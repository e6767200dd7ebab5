/* inspect.h — the files given to `certdeck inspect`, decoded and paired. */
#ifndef CD_INSPECT_H
#define CD_INSPECT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../x509/bundle.h"
#include "term-look.h"

/* What a server sent (`inspect HOST:PORT`), besides its chain. */
struct inspect_server {
    char host[256];
    char port[8];
    const char *servername;              /* SNI and the name verified */
    bool verified;
    char verify_error[200];
    char protocol[16];
    char cipher[64];
};

struct inspect_item {
    struct x509_bundle b;
    struct inspect_server *server;       /* NULL for a file */
    const struct x509_key *paired_key;   /* the key checked against b.certs, or NULL */
    const char *paired_key_path;
    bool key_matches;
    const char *matches_cert_path;       /* for a key-only file: whose key it is */
};

struct inspect_run {
    struct inspect_item *items;
    size_t count;
    int64_t now;
    int warn_days;
    const char *ca_file;                 /* --ca-file: trusted CAs, NULL for the system's */
    bool short_form;                     /* --short: the summary only */
    struct term_look look;
};

/* The leaf of an item: the first certificate, or the first of the suggested order. */
size_t inspect_leaf(const struct inspect_item *it);

void inspect_print_text(const struct inspect_run *run, FILE *out);
/* The summary block (who, names, until when, chain, key, findings) of an
 * item holding certificates, and every field of each of its layers. */
void inspect_print_summary(const struct inspect_run *run, const struct inspect_item *it, FILE *out);
void inspect_print_layers(const struct inspect_run *run, const struct inspect_item *it, FILE *out);
/* One decoded item without its "== path ==" line: the summary and findings,
 * then (unless run->short_form) every field of each layer. */
void inspect_print_item(const struct inspect_run *run, const struct inspect_item *it, FILE *out);
void inspect_print_json(const struct inspect_run *run, FILE *out);

#endif
