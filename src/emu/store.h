/* store.h — the emulator's state: every certificate of every service, in memory,
 * optionally persisted to a JSON file written atomically. */
#ifndef CD_EMU_STORE_H
#define CD_EMU_STORE_H

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/status.h"

/* One row per emulated certificate service: enum, short name. */
#define EMU_SVC_LIST(X) \
    X(EMU_ELB, "elb")   \
    X(EMU_WAF, "waf")   \
    X(EMU_APIC, "apic") \
    X(EMU_CAE, "cae")

enum emu_svc {
#define EMU_SVC_ENUM(id, name) id,
    EMU_SVC_LIST(EMU_SVC_ENUM)
#undef EMU_SVC_ENUM
    EMU_SVC_COUNT
};

const char *emu_svc_name(enum emu_svc svc);
bool emu_svc_from_name(const char *name, enum emu_svc *out);

/* What the services compute from the leaf certificate of a PEM. */
struct emu_decoded {
    int64_t not_before, not_after;   /* UTC seconds */
    char *common_name;               /* subject CN, "" when none */
    char *subject;                   /* RFC 4514 */
    char *issuer;
    char *serial;                    /* upper-case hex */
    char *signature_algorithm;       /* "sha256WithRSAEncryption" */
    char *key_algorithm;             /* "RSA", "EC"… */
    int key_bits;
    char sha1[41];                   /* lower-case hex, no separators */
    char sha256[65];
    char **dns;                      /* DNS SANs, in order */
    size_t dns_count;
    char **sans;                     /* every SAN as text (DNS, IP, email, URI) */
    size_t san_count;
    bool has_san;
    int layers;                      /* certificates in the PEM */
};

struct emu_cert {
    uint64_t seq;            /* creation order, stable across restarts */
    enum emu_svc svc;
    char id[40];
    char project_id[40];
    char *name;
    char *description;
    char *cert_pem;
    char *key_pem;
    int64_t created_ms;      /* UTC milliseconds */
    int64_t updated_ms;
    struct emu_decoded d;
    cJSON *extra;            /* the service's own fields (type, domain, instance_id…) */
};

struct emu_map;

struct emu_store {
    pthread_mutex_t lock;    /* one lock: handlers hold it for the whole operation */
    struct emu_cert **items[EMU_SVC_COUNT];   /* in creation order */
    size_t count[EMU_SVC_COUNT];
    size_t cap[EMU_SVC_COUNT];
    struct emu_map *index[EMU_SVC_COUNT];    /* id → position */
    uint64_t next_seq;
    char *state_path;        /* NULL: memory only */
};

void emu_store_init(struct emu_store *s);
void emu_store_free(struct emu_store *s);
void emu_store_lock(struct emu_store *s);
void emu_store_unlock(struct emu_store *s);

/* With the lock held: */
struct emu_cert *emu_store_find(struct emu_store *s, enum emu_svc svc, const char *id);
/* Takes c (allocated with emu_cert_new); sets seq. */
void emu_store_add(struct emu_store *s, struct emu_cert *c);
bool emu_store_remove(struct emu_store *s, enum emu_svc svc, const char *id);
/* Persists when a state file is set; errors are logged, the memory state stays. */
void emu_store_changed(struct emu_store *s);

struct emu_cert *emu_cert_new(enum emu_svc svc, const char *project_id);
void emu_cert_free(struct emu_cert *c);
/* Replaces the PEM (and decoded fields); takes ownership of nothing. */
void emu_cert_set_pem(struct emu_cert *c, const char *cert_pem, const char *key_pem,
                      const struct emu_decoded *d);
void emu_cert_set_str(char **field, const char *value);

/* Decodes cert_pem (chain) and, when key_pem is not NULL, checks the key
 * matches the leaf. Returns CD_OK, or a specific status with why filled:
 * CD_ERR_PARSE (not PEM / damaged), CD_ERR_KEY_MISMATCH, CD_ERR_BAD_PASSPHRASE
 * (an encrypted key), CD_ERR_INVALID (more than max_layers certificates). */
cd_status emu_decode_pem(const char *cert_pem, const char *key_pem, int max_layers,
                         struct emu_decoded *out, char *why, size_t why_size);
void emu_decoded_free(struct emu_decoded *d);
void emu_decoded_copy(struct emu_decoded *dst, const struct emu_decoded *src);

/* State file: load (refusing a corrupt file with a clear error) and save. */
cd_status emu_store_load(struct emu_store *s, const char *path, struct cd_error *err);
cd_status emu_store_save(struct emu_store *s, struct cd_error *err);

/* Milliseconds since the epoch (honours CERTDECK_NOW). */
int64_t emu_now_ms(void);

#endif
