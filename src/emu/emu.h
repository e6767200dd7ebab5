/* emu.h — certdeck-emu: a local HTTP(S) stand-in for the IAM, ELB, WAF, ROMA
 * APIC and CAE certificate APIs. Built as a library (tests and `certdeck --demo`
 * start it in-process) and as the certdeck-emu binary. */
#ifndef CD_EMU_H
#define CD_EMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../core/status.h"
#include "../core/strlist.h"
#include "faults.h"

struct emu_user {
    char *domain;      /* account name */
    char *name;
    char *password;
};

struct emu_project {
    char *id;          /* 32 lower-case hex/digits */
    char *name;        /* the region id, e.g. "cn-north-4" */
};

struct emu_aksk {
    char *ak;
    char *sk;
    char *project_id;  /* the project the key may act on */
};

struct emu_config {
    unsigned port;               /* 0 = ephemeral */
    bool tls;                    /* HTTPS (default) or plain HTTP */
    const char *tls_cert;        /* server certificate + key to use instead of generating */
    const char *tls_key;
    const char *ca_out;          /* where to write the generated CA (NULL: a temp file) */
    struct emu_user *users;
    size_t user_count;
    struct emu_project *projects;
    size_t project_count;
    struct emu_aksk *aksk;
    size_t aksk_count;
    struct strlist apic_instances;   /* ROMA Connect instance ids that exist */
    struct strlist cae_environments; /* CAE environment ids that exist */
    int64_t token_ttl;           /* seconds */
    const char *state_path;      /* NULL: memory only */
    const char *seed;            /* "demo", a number, or NULL */
    const char *assets_dir;      /* where assets/demo lives */
    struct emu_fault_config faults;
    unsigned threads;            /* libmicrohttpd thread pool size */
    bool verbose;                /* one log line per request on stderr */
};

/* Fills cfg with the defaults: HTTPS, ephemeral port, the demo user, project
 * and AK/SK below, tokens valid 24 h. */
void emu_config_defaults(struct emu_config *cfg);
void emu_config_free(struct emu_config *cfg);
/* Adds the demo user, project, AK/SK, APIC instance and CAE environment where
 * the configuration names none (call before emu_start). */
void emu_config_fill_demo(struct emu_config *cfg);

/* The demo identity, used when no --user/--project/--aksk is given. */
#define EMU_DEMO_DOMAIN "certdeck-demo"
#define EMU_DEMO_USER "demo"
#define EMU_DEMO_PASSWORD "demo-password"
#define EMU_DEMO_PROJECT_ID "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
#define EMU_DEMO_PROJECT_NAME "cn-north-4"
#define EMU_DEMO_AK "DEMOACCESSKEY0000001"
#define EMU_DEMO_SK "DemoSecretKey0000000000000000000000000001"
/* ROMA instance ids are UUID-shaped (api/apic.md) */
#define EMU_DEMO_APIC_INSTANCE "5b1b7b9f-3b8e-4c5d-9a0f-1e2d3c4b5a69"
#define EMU_DEMO_CAE_ENVIRONMENT "7e3c9a1b-2f4d-4e6a-8b0c-1d2e3f4a5b6c"

struct emu;

/* Seeds, loads state, starts listening. */
cd_status emu_start(const struct emu_config *cfg, struct emu **out, struct cd_error *err);
void emu_stop(struct emu *emu);

unsigned emu_port(const struct emu *emu);
/* "https://127.0.0.1:PORT" */
const char *emu_base_url(const struct emu *emu);
/* The CA file clients should trust (NULL for plain HTTP). */
const char *emu_ca_file(const struct emu *emu);
size_t emu_cert_count(struct emu *emu);

struct buf;
/* Appends the shell lines that point certdeck at the emulator: every setting
 * certdeck reads to reach it (CERTDECK_ENDPOINT, _CA_FILE, _REGION, …) and the
 * emulator's own CERTDECK_EMU_* (demo identity, AK/SK), CERTDECK_EMU_URL last. */
void emu_env_text(const struct emu *emu, const struct emu_config *cfg, struct buf *out);
/* The same, written to out. */
void emu_print_env(const struct emu *emu, const struct emu_config *cfg, FILE *out);
/* One line per service: "elb https://127.0.0.1:PORT/v3/{project_id}/elb/certificates". */
void emu_print_endpoints(const struct emu *emu, FILE *out);

#endif
