/* config.h — profiles: the config file, the environment and defaults, merged
 * by one table of settings that drives parsing, checking, the environment
 * overlay, `certdeck config print` and `certdeck config init`. */
#ifndef CD_CONFIG_H
#define CD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "status.h"
#include "strlist.h"

/* One row per setting; adding a setting is one row here.
 *   key      name in the file, field of struct profile, CERTDECK_<KEY> in the env
 *   type     STR, REGION, CHOICE, URL, PATH, UINT, DURATION or LIST (see enum config_type)
 *   default  as it would be written in the file ("" = not set)
 *   check    CHOICE/LIST: allowed values "a|b"; UINT, DURATION: range "min..max"
 *            (DURATION: in seconds)
 *   example  value shown by `config init` when there is no default
 *   env      other environment variables, first set wins, all after
 *            CERTDECK_<KEY> (endpoints.md §3: HUAWEICLOUD_SDK_* → HW_* → OS_*);
 *            {REGION} is the region id upper-cased with '-' → '_'
 *   help     one line for `config init` and help screens */
#define CONFIG_SETTINGS(X)                                                                       \
    X(region, REGION, "", "", "cn-north-4", "HW_REGION_NAME OS_REGION_NAME",                     \
      "region id (cn-north-4, eu-de, ...)")                                                      \
    X(cloud, CHOICE, "huawei", "huawei|otc", "", "",                                             \
      "which cloud's host names to use (otc = Open Telekom Cloud; eu-de, eu-nl imply it)")       \
    X(project_id, STR, "", "", "0123456789abcdef0123456789abcdef",                               \
      "HUAWEICLOUD_SDK_PROJECT_ID HW_PROJECT_ID OS_PROJECT_ID OS_TENANT_ID",                     \
      "project id (looked up from the region when not set)")                                     \
    X(project_name, STR, "", "", "cn-north-4", "HW_PROJECT_NAME OS_PROJECT_NAME OS_TENANT_NAME", \
      "project name for password login (default: the region)")                                   \
    X(domain, STR, "", "", "my-account",                                                         \
      "HW_DOMAIN_NAME OS_USER_DOMAIN_NAME OS_PROJECT_DOMAIN_NAME OS_DOMAIN_NAME",                \
      "account (domain) name for password login")                                                \
    X(user, STR, "", "", "my-iam-user", "HW_USER_NAME OS_USERNAME",                              \
      "IAM user name for password login")                                                        \
    X(auth, CHOICE, "password", "password|aksk", "", "",                                         \
      "IAM password login, or AK/SK from HUAWEICLOUD_SDK_AK/SK (the default when both are set)") \
    X(endpoint, URL, "", "", "https://127.0.0.1:8443", "",                                       \
      "one base URL for every service (e.g. certdeck-emu)")                                      \
    X(endpoint_iam, URL, "", "", "https://iam.cn-north-4.myhuaweicloud.com",                     \
      "HUAWEICLOUD_SDK_IAM_ENDPOINT HUAWEICLOUD_SDK_REGION_IAM_{REGION} HW_AUTH_URL OS_AUTH_URL", \
      "IAM base URL (a trailing /v3 is dropped)")                                                \
    X(endpoint_elb, URL, "", "", "https://elb.cn-north-4.myhuaweicloud.com",                     \
      "HUAWEICLOUD_SDK_REGION_ELB_{REGION}", "ELB base URL")                                     \
    X(endpoint_waf, URL, "", "", "https://waf.cn-north-4.myhuaweicloud.com",                     \
      "HUAWEICLOUD_SDK_REGION_WAF_{REGION}", "WAF base URL")                                     \
    X(endpoint_apic, URL, "", "", "https://roma.cn-north-4.myhuaweicloud.com",                   \
      "HUAWEICLOUD_SDK_REGION_ROMA_{REGION}", "ROMA Connect (APIC) base URL")                    \
    X(endpoint_cae, URL, "", "", "https://cae.cn-north-4.myhuaweicloud.com",                     \
      "HUAWEICLOUD_SDK_REGION_CAE_{REGION}", "CAE base URL")                                     \
    X(services, LIST, "elb,waf,apic,cae", "elb|waf|apic|cae", "", "",                            \
      "services to show, comma-separated")                                                       \
    X(apic_instances, LIST, "", "", "instance-id-1,instance-id-2", "",                           \
      "ROMA Connect instance ids to read (none: APIC is not set up)")                            \
    X(cae_environments, LIST, "", "", "environment-id-1", "",                                    \
      "CAE environment ids to read (none: CAE is not set up)")                                   \
    X(enterprise_project_id, STR, "", "", "0", "HW_ENTERPRISE_PROJECT_ID",                       \
      "ELB/WAF/CAE enterprise project id (not set: the default one)")                            \
    X(ca_file, PATH, "", "", "~/certs/ca.pem", "OS_CACERT",                                      \
      "extra CA certificates to trust (PEM)")                                                    \
    X(refresh_interval, UINT, "60", "0..86400", "", "",                                          \
      "seconds between automatic refreshes (0 = never)")                                         \
    X(warn_days, UINT, "30", "0..3650", "", "", "days before expiry shown as a warning")          \
    X(crit_days, UINT, "7", "0..3650", "", "", "days before expiry shown as critical")           \
    X(theme, STR, "default", "", "", "", "colour theme name")                                    \
    X(read_only, CHOICE, "false", "false|true", "", "",                                          \
      "the TUI hides and refuses every key that changes something in the cloud")                 \
    X(mouse, CHOICE, "false", "false|true", "", "",                                              \
      "the TUI takes the mouse: click selects, the wheel scrolls (off: terminal copy works)")    \
    X(timeout, UINT, "30", "1..3600", "", "", "seconds before a request is given up")            \
    X(max_connections, UINT, "8", "1..64", "", "", "parallel requests at most")                  \
    X(vault_cache, DURATION, "15m", "0..86400", "", "",                                          \
      "how long the unlocked vault key stays in the kernel keyring (0 or off: ask every time)")

enum config_type {
    CFG_T_STR,      /* any text without control characters; "" = not set */
    CFG_T_REGION,   /* lower-case letters, digits and '-' */
    CFG_T_CHOICE,   /* one of check's values */
    CFG_T_URL,      /* https:// added when missing; trailing / and /v3 dropped */
    CFG_T_PATH,     /* a leading ~/ is expanded */
    CFG_T_UINT,     /* decimal within check's range */
    CFG_T_DURATION, /* seconds: "0"/"off", "N" seconds, "Nm" minutes, "Nh" hours */
    CFG_T_LIST,     /* comma-separated; items from check when it is set */
};

/* The C field each type becomes in struct profile. */
#define CFG_FIELD_STR(key) char *key;
#define CFG_FIELD_REGION(key) char *key;
#define CFG_FIELD_CHOICE(key) char *key;
#define CFG_FIELD_URL(key) char *key;
#define CFG_FIELD_PATH(key) char *key;
#define CFG_FIELD_UINT(key) unsigned key;
#define CFG_FIELD_DURATION(key) unsigned key;
#define CFG_FIELD_LIST(key) struct strlist key;

enum config_key {
#define CFG_KEY_ENUM(key, ...) CFG_##key,
    CONFIG_SETTINGS(CFG_KEY_ENUM)
#undef CFG_KEY_ENUM
    CFG_COUNT
};

struct config_setting {
    const char *key;
    enum config_type type;
    size_t offset;            /* of the field in struct profile */
    const char *def, *check, *example, *env, *help;
};

extern const struct config_setting config_settings[CFG_COUNT];

/* Where a value came from, lowest precedence first. */
enum config_src {
    CFG_SRC_DEFAULT,
    CFG_SRC_DERIVED,          /* worked out from other settings; `note` says how */
    CFG_SRC_FILE,
    CFG_SRC_ENV,
    CFG_SRC_FLAG,             /* command line */
};

struct config_origin {
    enum config_src src;
    unsigned line;            /* CFG_SRC_FILE */
    char note[96];            /* env variable, flag or derivation */
};

/* One profile, every setting resolved. Strings are owned, NULL when not set;
 * lists are empty when not set. */
struct profile {
    char *name;
    char *file;               /* the config file consulted (may not exist), or NULL */
    bool file_exists;
    unsigned line;            /* of the profile's [section], 0 when not in the file */
    bool env_has_aksk;        /* HUAWEICLOUD_SDK_AK and _SK are both set (the values are not kept) */
#define CFG_KEY_FIELD(key, type, ...) CFG_FIELD_##type(key)
    CONFIG_SETTINGS(CFG_KEY_FIELD)
#undef CFG_KEY_FIELD
    struct config_origin origin[CFG_COUNT];
};

/* The config file path: $CERTDECK_CONFIG, else $XDG_CONFIG_HOME/certdeck/config,
 * else ~/.config/certdeck/config. New string; NULL when there is no home. */
char *config_default_path(void);

/* Loads profile_name (NULL: $CERTDECK_PROFILE, else "default") from path
 * (NULL: config_default_path()) over the defaults. Every profile in the file
 * is checked; errors (CD_ERR_CONFIG) read "FILE:LINE: what is wrong". A
 * missing file is fine, so is a missing "default" profile; any other missing
 * profile is an error naming those that exist. out is always initialised;
 * free it with profile_free. Does not read the environment overlay. */
cd_status config_load(const char *path, const char *profile_name, struct profile *out,
                      struct cd_error *err);

/* Lays the environment over p (config-env.c): for each setting the first
 * non-empty of CERTDECK_<KEY> and its env column wins over the file. Sets
 * env_has_aksk; auth then defaults to aksk. A bad value is CD_ERR_CONFIG
 * naming the variable. */
cd_status config_apply_env(struct profile *p, struct cd_error *err);

/* Sets key (a setting name; '-' may stand for '_') from the command line,
 * over the file and the environment. */
cd_status config_set(struct profile *p, const char *key, const char *value, struct cd_error *err);

/* Checks value and stores it with its origin. On a bad value returns false
 * with the reason in why (no key or location in it) and p unchanged. */
bool config_store(struct profile *p, enum config_key key, const char *value,
                  const struct config_origin *origin, char *why, size_t why_size);

/* Re-derives defaults that follow other settings: cloud from the region or
 * IAM host, auth from env_has_aksk. Only touches default/derived values. */
void config_derive(struct profile *p);

/* The setting called key ('-' may stand for '_'), or -1. */
int config_find(const char *key);

/* The base URL of service ("iam", "elb", "waf", "apic", "cae"), no trailing
 * '/': its endpoint_<service>, else `endpoint`, else the host pattern for
 * cloud and region — whichever comes from the higher source, the specific one
 * on a tie. NULL when no region is set, the service is unknown or not offered
 * there (OTC has no ROMA Connect or CAE). New string. */
char *config_endpoint(const struct profile *p, const char *service);

/* Whether service is in p->services. */
bool profile_service_enabled(const struct profile *p, const char *service);

enum config_service_state {
    CFG_SVC_DISABLED,         /* not in `services` (or unknown) */
    CFG_SVC_NO_REGION,        /* no region and no endpoint set */
    CFG_SVC_NOT_OFFERED,      /* no endpoint for this cloud/region */
    CFG_SVC_NOT_SET_UP,       /* needs instance / environment ids and has none */
    CFG_SVC_READY,
};
enum config_service_state profile_service_state(const struct profile *p, const char *service);
/* The setting that lists a scoped service's ids ("apic_instances"), or NULL. */
const char *config_scope_setting(const char *service);
/* "disabled", "no region set", "not offered", "not set up", "ready". */
const char *config_service_state_name(enum config_service_state state);

/* Describes where setting key of p came from: "default", "file PATH:LINE",
 * "env HW_REGION_NAME", "flag --region", "derived (...)". */
void config_origin_describe(const struct profile *p, enum config_key key, char *buf, size_t size);

/* `certdeck config print`: a [profile] section with every setting and its
 * origin as a comment, then the resolved endpoints. Never prints secrets. */
void config_print(const struct profile *p, FILE *out);

/* `certdeck config init`: writes a commented example to path (NULL: default
 * path). Refuses to overwrite an existing file; creates the directory 0700
 * and the file 0600, atomically. */
cd_status config_write_example(const char *path, struct cd_error *err);

void profile_free(struct profile *p);

#endif
