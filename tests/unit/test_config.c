/* test_config.c — profiles: the file reader and its errors, the environment
 * overlay, endpoints, services, `config print` and `config init`. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/fileio.h"
#include "core/xalloc.h"

extern char **environ;

/* Unsets every variable the config module could read, so the developer's
 * own OS_* or HW_* settings cannot leak into the tests. */
static void clear_env(void)
{
    static const char *const prefixes[] = {"HUAWEICLOUD_SDK_", "HW_", "OS_"};
    struct strlist names = {0};
    for (char **e = environ; *e; e++) {
        size_t n = strcspn(*e, "=");
        for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
            if (strncmp(*e, prefixes[i], strlen(prefixes[i])) == 0)
                strlist_push_owned(&names, xstrndup(*e, n));
    }
    for (size_t i = 0; i < names.count; i++)
        unsetenv(names.items[i]);
    strlist_free(&names);
    for (int k = 0; k < CFG_COUNT; k++) {
        char var[64];
        snprintf(var, sizeof(var), "CERTDECK_%s", config_settings[k].key);
        for (char *c = var; *c; c++)
            *c = (char)(*c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c);
        unsetenv(var);
    }
    unsetenv("CERTDECK_PROFILE");
    unsetenv("CERTDECK_CONFIG");
}

static char *temp_dir(void)
{
    char *dir = xstrdup("/tmp/certdeck-config-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static char *write_file(const char *dir, const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", dir, name);
    struct cd_error err;
    assert_int_equal(file_write_atomic(path, text, strlen(text), 0600, &err), CD_OK);
    return path;
}

static void remove_tree(const char *dir)
{
    char *cmd = xasprintf("rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
}

/* Loads profile from text; fails the test on any error. */
static void load_text(const char *text, const char *profile, struct profile *p)
{
    char *dir = temp_dir(), *path = write_file(dir, "config", text);
    struct cd_error err = {0};
    cd_status rc = config_load(path, profile, p, &err);
    if (rc != CD_OK)
        fail_msg("config_load: %s", err.message);
    remove_tree(dir);
    free(path);
    free(dir);
}

static char *origin_of(const struct profile *p, enum config_key k)
{
    static char buf[4][512];
    static int slot;
    char *b = buf[slot++ % 4];
    config_origin_describe(p, k, b, sizeof(buf[0]));
    return b;
}

static void test_defaults(void **state)
{
    clear_env();
    struct profile p;
    struct cd_error err;
    assert_int_equal(config_load("/nonexistent/certdeck/config", NULL, &p, &err), CD_OK);
    assert_string_equal(p.name, "default");
    assert_false(p.file_exists);
    assert_null(p.region);
    assert_string_equal(p.cloud, "huawei");
    assert_string_equal(p.auth, "password");
    assert_string_equal(p.theme, "default");
    assert_int_equal(p.refresh_interval, 60);
    assert_int_equal(p.warn_days, 30);
    assert_int_equal(p.crit_days, 7);
    assert_int_equal(p.timeout, 30);
    assert_int_equal(p.max_connections, 8);
    assert_int_equal(p.vault_cache, 15 * 60);
    assert_int_equal(p.services.count, 4);
    assert_int_equal(p.apic_instances.count, 0);
    for (int k = 0; k < CFG_COUNT; k++)
        assert_int_equal(p.origin[k].src, CFG_SRC_DEFAULT);
    assert_null(config_endpoint(&p, "elb")); /* no region yet */
    /* every default and every example passes its own row's check */
    for (int k = 0; k < CFG_COUNT; k++) {
        const struct config_setting *s = &config_settings[k];
        struct config_origin o = {.src = CFG_SRC_FLAG};
        char why[256] = "";
        if (!config_store(&p, (enum config_key)k, s->def, &o, why, sizeof(why)) ||
            (*s->example && !config_store(&p, (enum config_key)k, s->example, &o, why, sizeof(why))))
            fail_msg("%s: %s", s->key, why);
    }
    profile_free(&p);
}

static const char sample[] =
    "# certdeck config\n"
    "; another comment style\n"
    "\n"
    "[default]\n"
    "region = cn-north-4\n"
    "project_id = \"0123abc\"     # quoted\n"
    "services = elb, waf\n"
    "apic_instances = inst-1,inst-2 , inst-1\n"
    "warn_days = 45\n"
    "\n"
    "[profile prod]  # production\n"
    "region=ap-southeast-3\n"
    "domain = 'my account'\n"
    "auth = aksk\n"
    "endpoint_elb = elb.example.com/       ; trailing slash and comment\n"
    "ca_file = ~/ca.pem\n"
    "refresh-interval = 60\n"
    "theme = \"dark # not a comment\"\n"
    "crit_days =\n";

static void test_two_profiles(void **state)
{
    clear_env();
    struct profile p;
    load_text(sample, NULL, &p);
    assert_string_equal(p.name, "default");
    assert_int_equal(p.line, 4);
    assert_string_equal(p.region, "cn-north-4");
    assert_string_equal(p.project_id, "0123abc");
    assert_int_equal(p.services.count, 2);
    assert_string_equal(p.services.items[1], "waf");
    assert_int_equal(p.apic_instances.count, 2); /* the repeated id is kept once */
    assert_string_equal(p.apic_instances.items[1], "inst-2");
    assert_int_equal(p.warn_days, 45);
    assert_int_equal(p.origin[CFG_region].src, CFG_SRC_FILE);
    assert_int_equal(p.origin[CFG_region].line, 5);
    assert_null(p.domain);
    profile_free(&p);

    load_text(sample, "prod", &p);
    assert_string_equal(p.name, "prod");
    assert_int_equal(p.line, 11);
    assert_string_equal(p.region, "ap-southeast-3");
    assert_string_equal(p.domain, "my account");
    assert_string_equal(p.auth, "aksk");
    assert_string_equal(p.endpoint_elb, "https://elb.example.com");
    if (getenv("HOME")) {
        char *ca = xasprintf("%s/ca.pem", getenv("HOME"));
        assert_string_equal(p.ca_file, ca);
        free(ca);
    }
    assert_int_equal(p.refresh_interval, 60);
    assert_string_equal(p.theme, "dark # not a comment");
    assert_int_equal(p.crit_days, 7);   /* empty value = the default */
    assert_int_equal(p.warn_days, 30);  /* nothing leaks from [default] */
    assert_int_equal(p.services.count, 4);
    profile_free(&p);

    /* CERTDECK_PROFILE picks the profile, an explicit name beats it */
    setenv("CERTDECK_PROFILE", "prod", 1);
    load_text(sample, NULL, &p);
    assert_string_equal(p.name, "prod");
    profile_free(&p);
    load_text(sample, "default", &p);
    assert_string_equal(p.region, "cn-north-4");
    profile_free(&p);
    unsetenv("CERTDECK_PROFILE");

    /* Windows editors: a BOM and CRLF line ends */
    load_text("\xef\xbb\xbf[default]\r\nregion = cn-north-4\r\n", NULL, &p);
    assert_string_equal(p.region, "cn-north-4");
    profile_free(&p);

    /* a file without [default]: the default profile is defaults only */
    load_text("[profile x]\nregion = eu-de\n", NULL, &p);
    assert_null(p.region);
    assert_int_equal(p.line, 0);
    profile_free(&p);
}

static void test_errors(void **state)
{
    static const struct {
        const char *text, *profile;
        unsigned line;
        const char *want1, *want2;
    } cases[] = {
        {"[default]\nregoin = x\n", NULL, 2, "unknown setting 'regoin'", "did you mean 'region'?"},
        {"[default]\ntimout = 5\n", NULL, 2, "unknown setting 'timout'", "'timeout'"},
        {"[default]\nwarn_days = ten\n", NULL, 2, "warn_days: 'ten' is not a number", NULL},
        {"[default]\n\ntimeout = 0\n", NULL, 3, "timeout: 0 is out of range", "1 to 3600"},
        {"[default]\nvault_cache = 5d\n", NULL, 2, "vault_cache: '5d' is not a duration",
         "0 or off, seconds, Nm or Nh"},
        {"[default]\nvault_cache = 25h\n", NULL, 2, "vault_cache: 25h is too long", "86400"},
        {"[default]\nvault_cache = m\n", NULL, 2, "'m' is not a duration", NULL},
        {"[default]\nauth = token\n", NULL, 2, "auth: unknown value 'token'", "password or aksk"},
        {"[default]\nservices = elb,wafx\n", NULL, 2, "unknown value 'wafx'", "did you mean 'waf'?"},
        {"[default]\ncloud = aws\n", NULL, 2, "cloud: unknown value 'aws'", "huawei or otc"},
        {"[default]\nregion = CN-North-4\n", NULL, 2, "not a region id", NULL},
        {"[default]\nendpoint = ftp://x\n", NULL, 2, "only http:// and https://", NULL},
        {"[default]\nendpoint_elb = https://\n", NULL, 2, "has no host name", NULL},
        {"[default]\napic_instances = a b\n", NULL, 2, "'a b' contains a space", NULL},
        {"[default]\nregion cn-north-4\n", NULL, 2, "missing '='", "region = VALUE"},
        {"[default]\nhello world\n", NULL, 2, "expected [profile NAME], key = value", NULL},
        {"[default]\n[profile a]\n# x\n[default]\n", NULL, 4, "duplicate profile 'default'",
         "first defined at line 1"},
        {"[profile a]\n[profile b]\n[profile a]\n", "b", 3, "duplicate profile 'a'", NULL},
        {"[prod]\n", NULL, 1, "unknown section [prod]", "[profile prod]"},
        {"[profile]\n", NULL, 1, "missing profile name", NULL},
        {"[profile a b]\n", NULL, 1, "bad profile name 'a b'", NULL},
        {"[default\n", NULL, 1, "missing ']'", NULL},
        {"region = x\n", NULL, 1, "'region' is outside a profile", NULL},
        {"[default]\npassword = x\n", NULL, 2, "passwords are never read", NULL},
        {"[default]\nsk = x\n", NULL, 2, "HUAWEICLOUD_SDK_SK", NULL},
        {"[default]\nuser = \"bob\n", NULL, 2, "user: unterminated quote", NULL},
        {"[default]\nuser = \"bob\" x\n", NULL, 2, "after the closing quote", NULL},
        {"[default]\nregion = cn-north-4\nregion = cn-east-3\n", NULL, 3, "region is set twice",
         "first at line 2"},
        /* every profile is checked, not only the one loaded */
        {"[default]\n[profile x]\nwarn_days = -1\n", NULL, 3, "'-1' is not a number", NULL},
    };
    clear_env();
    char *dir = temp_dir();
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *path = write_file(dir, "config", cases[i].text);
        char *where = xasprintf("%s:%u: ", path, cases[i].line);
        struct profile p;
        struct cd_error err = {0};
        cd_status rc = config_load(path, cases[i].profile, &p, &err);
        if (rc != CD_ERR_CONFIG || !contains(err.message, where) ||
            !contains(err.message, cases[i].want1) ||
            (cases[i].want2 && !contains(err.message, cases[i].want2)))
            fail_msg("case %zu: rc %d, message '%s'", i, rc, err.message);
        profile_free(&p);
        free(where);
        free(path);
    }

    /* a profile that is not there names the ones that are */
    char *path = write_file(dir, "config", "[default]\n[profile prod]\n");
    struct profile p;
    struct cd_error err;
    assert_int_equal(config_load(path, "stage", &p, &err), CD_ERR_CONFIG);
    assert_true(contains(err.message, "profile 'stage' is not in"));
    assert_true(contains(err.message, path));
    assert_true(contains(err.message, "profiles there: default, prod"));
    profile_free(&p);
    setenv("CERTDECK_PROFILE", "stage", 1);
    assert_int_equal(config_load(path, NULL, &p, &err), CD_ERR_CONFIG);
    profile_free(&p);
    unsetenv("CERTDECK_PROFILE");
    free(path);
    assert_int_equal(config_load("/nonexistent/config", "stage", &p, &err), CD_ERR_CONFIG);
    assert_true(contains(err.message, "/nonexistent/config does not exist"));
    profile_free(&p);
    assert_int_equal(config_load("/nonexistent/config", "default", &p, &err), CD_OK);
    profile_free(&p);
    remove_tree(dir);
    free(dir);
}

/* Loads text as the default profile and lays the current environment over it. */
static void load_env(const char *text, struct profile *p)
{
    load_text(text, NULL, p);
    struct cd_error err;
    if (config_apply_env(p, &err) != CD_OK)
        fail_msg("config_apply_env: %s", err.message);
}

static void test_env_precedence(void **state)
{
    static const char file[] = "[default]\n"
                               "region = cn-north-4\n"
                               "project_id = fromfile\n"
                               "endpoint_iam = https://iam.file.example\n";
    clear_env();
    struct profile p;
    load_env(file, &p);
    assert_string_equal(p.region, "cn-north-4");
    assert_true(strncmp(origin_of(&p, CFG_region), "file /tmp/", 10) == 0);
    assert_true(contains(origin_of(&p, CFG_region), "/config:2"));
    profile_free(&p);

    /* region: CERTDECK_REGION → HW_REGION_NAME → OS_REGION_NAME → file */
    setenv("OS_REGION_NAME", "eu-nl", 1);
    load_env(file, &p);
    assert_string_equal(p.region, "eu-nl");
    assert_string_equal(origin_of(&p, CFG_region), "env OS_REGION_NAME");
    assert_string_equal(p.cloud, "otc"); /* derived from the region */
    assert_int_equal(p.origin[CFG_cloud].src, CFG_SRC_DERIVED);
    profile_free(&p);
    setenv("HW_REGION_NAME", "cn-east-3", 1);
    load_env(file, &p);
    assert_string_equal(p.region, "cn-east-3");
    assert_string_equal(p.cloud, "huawei");
    profile_free(&p);
    setenv("CERTDECK_REGION", "ap-southeast-1", 1);
    load_env(file, &p);
    assert_string_equal(p.region, "ap-southeast-1");
    profile_free(&p);
    setenv("CERTDECK_REGION", "", 1); /* empty = not set */
    load_env(file, &p);
    assert_string_equal(p.region, "cn-east-3");
    profile_free(&p);

    /* project id: HUAWEICLOUD_SDK_* → HW_* → OS_* */
    setenv("OS_PROJECT_ID", "os", 1);
    setenv("HW_PROJECT_ID", "hw", 1);
    setenv("HUAWEICLOUD_SDK_PROJECT_ID", "sdk", 1);
    load_env(file, &p);
    assert_string_equal(p.project_id, "sdk");
    profile_free(&p);
    unsetenv("HUAWEICLOUD_SDK_PROJECT_ID");
    load_env(file, &p);
    assert_string_equal(p.project_id, "hw");
    profile_free(&p);

    /* OpenStack names for the rest */
    setenv("OS_TENANT_NAME", "eu-de_sub", 1);
    setenv("OS_DOMAIN_NAME", "d-last", 1);
    setenv("OS_USER_DOMAIN_NAME", "OTC0001", 1);
    setenv("OS_USERNAME", "alice", 1);
    setenv("OS_PASSWORD", "s3cret-never-stored", 1);
    setenv("OS_CACERT", "/etc/ssl/os.pem", 1);
    setenv("OS_AUTH_URL", "https://iam.eu-de.otc.t-systems.com:443/v3/", 1);
    setenv("CERTDECK_APIC_INSTANCES", "a, b", 1);
    load_env(file, &p);
    assert_string_equal(p.project_name, "eu-de_sub");
    assert_string_equal(p.domain, "OTC0001");
    assert_string_equal(p.user, "alice");
    assert_string_equal(p.ca_file, "/etc/ssl/os.pem");
    assert_string_equal(p.endpoint_iam, "https://iam.eu-de.otc.t-systems.com:443");
    assert_string_equal(origin_of(&p, CFG_endpoint_iam), "env OS_AUTH_URL");
    assert_int_equal(p.apic_instances.count, 2);
    assert_string_equal(p.apic_instances.items[1], "b");
    for (int k = 0; k < CFG_COUNT; k++) {
        if (config_settings[k].type == CFG_T_UINT || config_settings[k].type == CFG_T_DURATION ||
            config_settings[k].type == CFG_T_LIST)
            continue;
        const char *v = *(char *const *)((const char *)&p + config_settings[k].offset);
        assert_false(v && strstr(v, "s3cret"));
    }
    profile_free(&p);
    setenv("CERTDECK_CA_FILE", "/tmp/emu-ca.pem", 1);
    setenv("HUAWEICLOUD_SDK_IAM_ENDPOINT", "iam.sdk.example", 1);
    load_env(file, &p);
    assert_string_equal(p.ca_file, "/tmp/emu-ca.pem");
    assert_string_equal(p.endpoint_iam, "https://iam.sdk.example");
    profile_free(&p);

    /* the SDK's per-service, per-region override (first of a list) */
    setenv("HUAWEICLOUD_SDK_REGION_ELB_CN_EAST_3", "https://127.0.0.1:9443,https://other", 1);
    setenv("HUAWEICLOUD_SDK_REGION_WAF_CN_NORTH_4", "https://wrong-region", 1);
    load_env(file, &p);
    assert_string_equal(p.endpoint_elb, "https://127.0.0.1:9443");
    assert_string_equal(origin_of(&p, CFG_endpoint_elb), "env HUAWEICLOUD_SDK_REGION_ELB_CN_EAST_3");
    assert_null(p.endpoint_waf);
    profile_free(&p);

    /* AK/SK in the environment make aksk the default, not an override */
    setenv("HUAWEICLOUD_SDK_AK", "AK", 1);
    load_env(file, &p);
    assert_false(p.env_has_aksk);
    assert_string_equal(p.auth, "password");
    profile_free(&p);
    setenv("HUAWEICLOUD_SDK_SK", "SK", 1);
    load_env(file, &p);
    assert_true(p.env_has_aksk);
    assert_string_equal(p.auth, "aksk");
    assert_int_equal(p.origin[CFG_auth].src, CFG_SRC_DERIVED);
    profile_free(&p);
    load_env("[default]\nauth = password\n", &p);
    assert_string_equal(p.auth, "password");
    profile_free(&p);
    setenv("CERTDECK_AUTH", "password", 1);
    load_env(file, &p);
    assert_string_equal(p.auth, "password");
    assert_string_equal(origin_of(&p, CFG_auth), "env CERTDECK_AUTH");

    /* flags beat everything */
    struct cd_error err;
    assert_int_equal(config_set(&p, "region", "la-south-2", &err), CD_OK);
    assert_string_equal(p.region, "la-south-2");
    assert_string_equal(origin_of(&p, CFG_region), "flag --region");
    assert_int_equal(config_set(&p, "warn-days", "x", &err), CD_ERR_CONFIG);
    assert_true(contains(err.message, "--warn-days: 'x' is not a number"));
    assert_int_equal(p.warn_days, 30);
    assert_int_equal(config_set(&p, "nope", "x", &err), CD_ERR_USAGE);
    profile_free(&p);

    /* a bad value in the environment names the variable */
    setenv("CERTDECK_AUTH", "token", 1);
    load_text(file, NULL, &p);
    assert_int_equal(config_apply_env(&p, &err), CD_ERR_CONFIG);
    assert_true(contains(err.message, "environment variable CERTDECK_AUTH: unknown value 'token'"));
    profile_free(&p);
    clear_env();
}

/* The endpoint of service for a profile written as text, checked against want. */
static void endpoint_is(const char *text, const char *service, const char *want)
{
    struct profile p;
    load_text(text, NULL, &p);
    char *got = config_endpoint(&p, service);
    if (want ? !got || strcmp(got, want) != 0 : got != NULL)
        fail_msg("%s in '%s': got %s, want %s", service, text, got ? got : "NULL",
                 want ? want : "NULL");
    free(got);
    profile_free(&p);
}

static void test_endpoints(void **state)
{
    clear_env();
    static const char hw[] = "[default]\nregion = cn-north-4\n";
    endpoint_is(hw, "iam", "https://iam.cn-north-4.myhuaweicloud.com");
    endpoint_is(hw, "elb", "https://elb.cn-north-4.myhuaweicloud.com");
    endpoint_is(hw, "waf", "https://waf.cn-north-4.myhuaweicloud.com");
    endpoint_is(hw, "apic", "https://roma.cn-north-4.myhuaweicloud.com");
    endpoint_is(hw, "cae", "https://cae.cn-north-4.myhuaweicloud.com");
    endpoint_is(hw, "vpc", NULL);
    endpoint_is("[default]\nregion = eu-west-101\n", "iam", "https://iam.eu-west-101.myhuaweicloud.eu");
    endpoint_is("[default]\nregion = eu-west-101\n", "elb", "https://elb.eu-west-101.myhuaweicloud.com");

    /* Open Telekom Cloud: eu-de implies otc; no ROMA Connect, no CAE */
    static const char otc[] = "[default]\nregion = eu-de\n";
    endpoint_is(otc, "iam", "https://iam.eu-de.otc.t-systems.com");
    endpoint_is(otc, "elb", "https://elb.eu-de.otc.t-systems.com");
    endpoint_is(otc, "waf", "https://waf.eu-de.otc.t-systems.com");
    endpoint_is(otc, "apic", NULL);
    endpoint_is(otc, "cae", NULL);
    endpoint_is("[default]\ncloud = otc\nregion = eu-nl\n", "elb", "https://elb.eu-nl.otc.t-systems.com");
    /* an explicit cloud is not second-guessed */
    endpoint_is("[default]\ncloud = huawei\nregion = eu-de\n", "elb", "https://elb.eu-de.myhuaweicloud.com");

    /* one endpoint for all (the emulator), per-service overrides on top */
    static const char emu[] = "[default]\nregion = eu-de\nendpoint = https://127.0.0.1:8443/\n"
                              "endpoint_waf = http://localhost:9000\n";
    endpoint_is(emu, "elb", "https://127.0.0.1:8443");
    endpoint_is(emu, "apic", "https://127.0.0.1:8443");
    endpoint_is(emu, "waf", "http://localhost:9000");
    endpoint_is("[default]\nendpoint = 127.0.0.1:8443\n", "iam", "https://127.0.0.1:8443");
    endpoint_is("[default]\nendpoint_elb = https://elb.x\n", "elb", "https://elb.x");
    endpoint_is("[default]\nendpoint_elb = https://elb.x\n", "waf", NULL); /* no region */

    /* CERTDECK_ENDPOINT from the environment reroutes a file's endpoint_elb too */
    struct profile p;
    setenv("CERTDECK_ENDPOINT", "https://127.0.0.1:7000", 1);
    load_env("[default]\nregion = cn-north-4\nendpoint_elb = https://elb.file\n", &p);
    char *url = config_endpoint(&p, "elb");
    assert_string_equal(url, "https://127.0.0.1:7000");
    free(url);
    profile_free(&p);
    unsetenv("CERTDECK_ENDPOINT");
}

static void test_services(void **state)
{
    clear_env();
    struct profile p;
    load_text("[default]\nregion = cn-north-4\nservices = elb,cae\n", NULL, &p);
    assert_true(profile_service_enabled(&p, "elb"));
    assert_false(profile_service_enabled(&p, "waf"));
    assert_false(profile_service_enabled(&p, "apic"));
    assert_true(profile_service_enabled(&p, "cae"));
    assert_false(profile_service_enabled(&p, "nope"));
    assert_int_equal(profile_service_state(&p, "elb"), CFG_SVC_READY);
    assert_int_equal(profile_service_state(&p, "waf"), CFG_SVC_DISABLED);
    assert_int_equal(profile_service_state(&p, "cae"), CFG_SVC_NOT_SET_UP);
    assert_string_equal(config_service_state_name(CFG_SVC_NOT_SET_UP), "not set up");
    profile_free(&p);

    load_text("[default]\nregion = cn-north-4\ncae_environments = env-1\napic_instances = r1\n", NULL, &p);
    assert_int_equal(profile_service_state(&p, "cae"), CFG_SVC_READY);
    assert_int_equal(profile_service_state(&p, "apic"), CFG_SVC_READY);
    profile_free(&p);

    load_text("[default]\nregion = eu-de\napic_instances = r1\n", NULL, &p);
    assert_int_equal(profile_service_state(&p, "apic"), CFG_SVC_NOT_OFFERED);
    assert_int_equal(profile_service_state(&p, "waf"), CFG_SVC_READY);
    profile_free(&p);

    load_text("[default]\n", NULL, &p);
    assert_int_equal(profile_service_state(&p, "elb"), CFG_SVC_NO_REGION);
    profile_free(&p);

    /* an empty `services =` means the default: all of them */
    load_text("[default]\nservices =\n", NULL, &p);
    assert_int_equal(p.services.count, 4);
    profile_free(&p);
}

/* Un-comments the `# key = value` lines of the [default] part of an example. */
static char *uncomment_settings(const char *text)
{
    struct buf out = {0};
    bool in_default = true;
    for (const char *c = text; *c;) {
        size_t n = strcspn(c, "\n");
        char *line = xstrndup(c, n);
        if (strncmp(line, "# [", 3) == 0)
            in_default = false;
        bool setting = false;
        if (in_default && strncmp(line, "# ", 2) == 0) {
            size_t key_len = strcspn(line + 2, " ");
            char *key = xstrndup(line + 2, key_len);
            setting = config_find(key) >= 0 && strncmp(line + 2 + key_len, " = ", 3) == 0;
            free(key);
        }
        buf_printf(&out, "%s\n", setting ? line + 2 : line);
        free(line);
        c += n + (c[n] == '\n');
    }
    return buf_steal(&out, NULL);
}

static void test_write_example(void **state)
{
    clear_env();
    char *dir = temp_dir(), *path = xasprintf("%s/a/b/config", dir), *sub = xasprintf("%s/a/b", dir);
    struct cd_error err;
    assert_int_equal(config_write_example(path, &err), CD_OK);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(stat(sub, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);

    /* never overwrites */
    assert_int_equal(file_write_atomic(path, "[default]\n", 10, 0600, &err), CD_OK);
    assert_int_equal(config_write_example(path, &err), CD_ERR_CONFIG);
    assert_true(contains(err.message, "already exists"));
    struct buf text = {0};
    assert_int_equal(file_read_all(path, 0, &text, &err), CD_OK);
    assert_string_equal(text.data, "[default]\n");
    buf_free(&text);
    unlink(path);

    /* the default path follows CERTDECK_CONFIG */
    setenv("CERTDECK_CONFIG", path, 1);
    assert_int_equal(config_write_example(NULL, &err), CD_OK);
    struct profile p;
    assert_int_equal(config_load(NULL, NULL, &p, &err), CD_OK);
    assert_true(p.file_exists);
    assert_int_not_equal(p.line, 0);
    profile_free(&p);
    unsetenv("CERTDECK_CONFIG");

    /* with every setting un-commented it still loads, each value from the file */
    assert_int_equal(file_read_all(path, 0, &text, &err), CD_OK);
    assert_true(contains(text.data, "# region = cn-north-4"));
    assert_true(contains(text.data, "# [profile otc]"));
    char *all = uncomment_settings(text.data);
    buf_free(&text);
    load_text(all, NULL, &p);
    for (int k = 0; k < CFG_COUNT; k++)
        if (p.origin[k].src != CFG_SRC_FILE)
            fail_msg("%s is not set by the example", config_settings[k].key);
    assert_string_equal(p.region, "cn-north-4");
    assert_int_equal(p.refresh_interval, 60);
    profile_free(&p);
    free(all);

    remove_tree(dir);
    free(path);
    free(sub);
    free(dir);
}

static char *print_to_string(const struct profile *p)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    config_print(p, f);
    fclose(f);
    return text;
}

/* vault_cache: off, seconds, minutes and hours, printed back the short way */
static void test_vault_cache(void **state)
{
    static const struct {
        const char *value;
        unsigned seconds;
        const char *printed;
    } cases[] = {
        {"0", 0, "vault_cache = 0 "}, {"off", 0, "vault_cache = 0 "},
        {"90", 90, "vault_cache = 90 "}, {"45s", 45, "vault_cache = 45 "},
        {"15m", 900, "vault_cache = 15m "}, {"2h", 7200, "vault_cache = 2h "},
        {"120", 120, "vault_cache = 2m "},
    };
    clear_env();
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *text = xasprintf("[default]\nvault_cache = %s\n", cases[i].value);
        struct profile p;
        load_text(text, NULL, &p);
        assert_int_equal(p.vault_cache, cases[i].seconds);
        char *out = print_to_string(&p);
        if (!contains(out, cases[i].printed))
            fail_msg("vault_cache = %s printed as:\n%s", cases[i].value, out);
        free(out);
        profile_free(&p);
        free(text);
    }
}

static void test_print(void **state)
{
    clear_env();
    char *dir = temp_dir();
    char *path = write_file(dir, "config",
                            "[profile work]\n"
                            "project_id = abc\n"
                            "domain = my account\n"
                            "theme = \"dark # x\"\n"
                            "services = elb,apic\n");
    setenv("HW_REGION_NAME", "cn-east-3", 1);
    struct profile p;
    struct cd_error err;
    assert_int_equal(config_load(path, "work", &p, &err), CD_OK);
    assert_int_equal(config_apply_env(&p, &err), CD_OK);
    char *out = print_to_string(&p);
    char *file_line = xasprintf("# file %s:2", path);
    assert_true(contains(out, "[profile work]"));
    assert_true(contains(out, "region = cn-east-3"));
    assert_true(contains(out, "# env HW_REGION_NAME"));
    assert_true(contains(out, "project_id = abc"));
    assert_true(contains(out, file_line));
    assert_true(contains(out, "timeout = 30"));
    assert_true(contains(out, "# default"));
    assert_true(contains(out, "user =                                  # not set"));
    assert_true(contains(out, "theme = \"dark # x\""));
    assert_true(contains(out, "elb   https://elb.cn-east-3.myhuaweicloud.com (ready)"));
    assert_true(contains(out, "apic  https://roma.cn-east-3.myhuaweicloud.com (not set up)"));
    assert_true(contains(out, "waf   https://waf.cn-east-3.myhuaweicloud.com (disabled)"));
    free(file_line);

    /* the printed profile reads back to the same values */
    struct profile back;
    load_text(out, "work", &back);
    assert_string_equal(back.region, "cn-east-3");
    assert_string_equal(back.domain, "my account");
    assert_string_equal(back.theme, "dark # x");
    assert_int_equal(back.services.count, 2);
    assert_int_equal(back.max_connections, p.max_connections);
    profile_free(&back);
    free(out);
    profile_free(&p);
    unsetenv("HW_REGION_NAME");
    remove_tree(dir);
    free(path);
    free(dir);
}

static void test_default_path(void **state)
{
    clear_env();
    char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
    char *xdg = getenv("XDG_CONFIG_HOME") ? xstrdup(getenv("XDG_CONFIG_HOME")) : NULL;
    setenv("HOME", "/home/u", 1);
    setenv("XDG_CONFIG_HOME", "/x", 1);
    char *path = config_default_path();
    assert_string_equal(path, "/x/certdeck/config");
    free(path);
    setenv("XDG_CONFIG_HOME", "relative", 1); /* ignored, as the XDG spec says */
    path = config_default_path();
    assert_string_equal(path, "/home/u/.config/certdeck/config");
    free(path);
    setenv("CERTDECK_CONFIG", "/etc/certdeck.conf", 1);
    path = config_default_path();
    assert_string_equal(path, "/etc/certdeck.conf");
    free(path);
    unsetenv("CERTDECK_CONFIG");
    if (home)
        setenv("HOME", home, 1);
    if (xdg)
        setenv("XDG_CONFIG_HOME", xdg, 1);
    else
        unsetenv("XDG_CONFIG_HOME");
    free(home);
    free(xdg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_two_profiles),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_env_precedence),
        cmocka_unit_test(test_endpoints),
        cmocka_unit_test(test_services),
        cmocka_unit_test(test_write_example),
        cmocka_unit_test(test_vault_cache),
        cmocka_unit_test(test_print),
        cmocka_unit_test(test_default_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
