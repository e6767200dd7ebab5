/* emu-main.c — the certdeck-emu command: options, start, wait for a signal. */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/fileio.h"
#include "../core/xalloc.h"
#include "emu.h"
#include "version.h"

/* One row per option: long name, argument, help. The parser and --help read it. */
#define EMU_OPTION_LIST(X)                                                                   \
    X(port, "N", "listen on 127.0.0.1:N (default: an ephemeral port)")                       \
    X(http, NULL, "plain HTTP instead of HTTPS")                                             \
    X(tls_cert, "FILE", "server certificate to use instead of generating one")             \
    X(tls_key, "FILE", "its private key")                                                    \
    X(ca_out, "FILE", "write the generated CA certificate here (default: a temp file)")    \
    X(user, "NAME:PASSWORD[@DOMAIN]", "an IAM user (default demo:demo-password@certdeck-demo)") \
    X(project, "NAME=ID", "a project: region name and 32-character id")                      \
    X(aksk, "AK:SK[@PROJECT_ID]", "an access key pair bound to a project")                   \
    X(apic_instance, "ID", "a ROMA Connect instance id that exists")                         \
    X(cae_environment, "ID", "a CAE environment id that exists")                             \
    X(token_ttl, "SECONDS", "token lifetime (default 86400)")                                \
    X(state, "FILE", "keep the state in FILE (JSON, written atomically)")                    \
    X(seed, "demo|N[:SVCS]", "the demo set, or N synthetic certificates (in SVCS: elb,waf…)") \
    X(assets, "DIR", "where assets/demo lives (default: ./assets)")                          \
    X(latency_ms, "MS", "delay every service request by MS")                                 \
    X(fault_rate, "P", "share of service requests (0..1) that get a fault")                  \
    X(faults, "LIST", "faults to draw from: 500,503,429,reset,truncate,slow (default all)") \
    X(fault_seed, "N", "seed of the fault sequence (default 1)")                             \
    X(rate_limit, "N", "answer 429 past N requests per second per client")                   \
    X(threads, "N", "server threads (default 4)")                                            \
    X(print_env, NULL, "print the environment variables a client needs")                     \
    X(env_file, "FILE", "write those variables to FILE (atomically, once listening)")         \
    X(pid_file, "FILE", "write the process id to FILE once listening")                       \
    X(daemon, NULL, "run in the background; return once listening (or failed)")               \
    X(endpoints, NULL, "print the per-service base URLs")                                    \
    X(verbose, NULL, "log every request on stderr")                                          \
    X(help, NULL, "show this help")                                                          \
    X(version, NULL, "print the version")

enum emu_opt {
#define EMU_OPT_ENUM(name, arg, help) OPT_##name,
    EMU_OPTION_LIST(EMU_OPT_ENUM)
#undef EMU_OPT_ENUM
    OPT_COUNT
};

static const struct {
    const char *arg, *help;
} opt_rows[] = {
#define EMU_OPT_ROW(name, arg, help) {arg, help},
    EMU_OPTION_LIST(EMU_OPT_ROW)
#undef EMU_OPT_ROW
};

static char opt_names[OPT_COUNT][24];

static void usage(FILE *f)
{
    fprintf(f, "Usage: certdeck-emu [options]\n\n"
               "A local HTTPS stand-in for the IAM, ELB, WAF, ROMA Connect APIC and CAE\n"
               "certificate APIs. Listens on 127.0.0.1 only; stops on Ctrl-C or SIGTERM\n"
               "(with --daemon: kill \"$(cat PID-FILE)\").\n\nOptions:\n");
    for (int i = 0; i < OPT_COUNT; i++) {
        char left[80];
        snprintf(left, sizeof(left), "--%.23s%s%.40s", opt_names[i], opt_rows[i].arg ? " " : "",
                 opt_rows[i].arg ? opt_rows[i].arg : "");
        fprintf(f, "  %-34s %s\n", left, opt_rows[i].help);
    }
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "certdeck-emu: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'certdeck-emu --help' for more information.\n");
    return 2;
}

static bool parse_num(const char *s, double min, double max, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || !end || *end || end == s || v < min || v > max)
        return false;
    *out = v;
    return true;
}

static bool add_user(struct emu_config *cfg, const char *spec)
{
    const char *colon = strchr(spec, ':');
    if (!colon || colon == spec)
        return false;
    const char *at = strrchr(colon, '@');
    cfg->users = xreallocarray(cfg->users, cfg->user_count + 1, sizeof(*cfg->users));
    struct emu_user *u = &cfg->users[cfg->user_count++];
    u->name = xstrndup(spec, (size_t)(colon - spec));
    u->password = at ? xstrndup(colon + 1, (size_t)(at - colon - 1)) : xstrdup(colon + 1);
    u->domain = xstrdup(at ? at + 1 : EMU_DEMO_DOMAIN);
    return true;
}

static bool add_project(struct emu_config *cfg, const char *spec)
{
    const char *eq = strchr(spec, '=');
    if (!eq || eq == spec || strlen(eq + 1) != 32)
        return false;
    cfg->projects = xreallocarray(cfg->projects, cfg->project_count + 1, sizeof(*cfg->projects));
    cfg->projects[cfg->project_count++] =
        (struct emu_project){xstrdup(eq + 1), xstrndup(spec, (size_t)(eq - spec))};
    return true;
}

static bool add_aksk(struct emu_config *cfg, const char *spec)
{
    const char *colon = strchr(spec, ':');
    if (!colon || colon == spec || !colon[1])
        return false;
    const char *at = strrchr(colon, '@');
    cfg->aksk = xreallocarray(cfg->aksk, cfg->aksk_count + 1, sizeof(*cfg->aksk));
    struct emu_aksk *k = &cfg->aksk[cfg->aksk_count++];
    k->ak = xstrndup(spec, (size_t)(colon - spec));
    k->sk = at ? xstrndup(colon + 1, (size_t)(at - colon - 1)) : xstrdup(colon + 1);
    k->project_id = at ? xstrdup(at + 1) : NULL; /* filled with the first project later */
    return true;
}

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

struct emu_flags {
    bool print_env, endpoints, daemon;
    const char *env_file, *pid_file; /* written once listening, removed on stop */
};

static int parse_options(int argc, char **argv, struct emu_config *cfg, struct emu_flags *fl)
{
    struct option lo[OPT_COUNT + 1];
    for (int i = 0; i < OPT_COUNT; i++)
        lo[i] = (struct option){opt_names[i], opt_rows[i].arg ? required_argument : no_argument,
                                NULL, i};
    lo[OPT_COUNT] = (struct option){NULL, 0, NULL, 0};
    opterr = 0;
    int c;
    double v;
    while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
        const char *a = optarg;
        switch (c) {
        case OPT_port:
            if (!parse_num(a, 0, 65535, &v))
                return usage_error("--port needs a number from 0 to 65535, not \"%s\"", a);
            cfg->port = (unsigned)v;
            break;
        case OPT_http: cfg->tls = false; break;
        case OPT_tls_cert: cfg->tls_cert = a; break;
        case OPT_tls_key: cfg->tls_key = a; break;
        case OPT_ca_out: cfg->ca_out = a; break;
        case OPT_user:
            if (!add_user(cfg, a))
                return usage_error("--user takes NAME:PASSWORD[@DOMAIN], not \"%s\"", a);
            break;
        case OPT_project:
            if (!add_project(cfg, a))
                return usage_error("--project takes NAME=ID with a 32-character id, not \"%s\"", a);
            break;
        case OPT_aksk:
            if (!add_aksk(cfg, a))
                return usage_error("--aksk takes AK:SK[@PROJECT_ID], not \"%s\"", a);
            break;
        case OPT_apic_instance: strlist_push(&cfg->apic_instances, a); break;
        case OPT_cae_environment: strlist_push(&cfg->cae_environments, a); break;
        case OPT_token_ttl:
            if (!parse_num(a, 1, 1e9, &v))
                return usage_error("--token-ttl needs a number of seconds, not \"%s\"", a);
            cfg->token_ttl = (int64_t)v;
            break;
        case OPT_state: cfg->state_path = a; break;
        case OPT_seed: cfg->seed = a; break;
        case OPT_assets: cfg->assets_dir = a; break;
        case OPT_latency_ms:
            if (!parse_num(a, 0, 600000, &v))
                return usage_error("--latency-ms needs a number of milliseconds, not \"%s\"", a);
            cfg->faults.latency_ms = (unsigned)v;
            break;
        case OPT_fault_rate:
            if (!parse_num(a, 0, 1, &v))
                return usage_error("--fault-rate needs a share from 0 to 1, not \"%s\"", a);
            cfg->faults.rate = v;
            break;
        case OPT_faults: {
            char bad[64];
            if (!emu_fault_parse_list(a, &cfg->faults.mask, bad, sizeof(bad)))
                return usage_error("unknown fault \"%s\" (known: 500,503,429,reset,truncate,slow)", bad);
            break;
        }
        case OPT_fault_seed:
            if (!parse_num(a, 0, 1e18, &v))
                return usage_error("--fault-seed needs a number, not \"%s\"", a);
            cfg->faults.seed = (uint64_t)v;
            break;
        case OPT_rate_limit:
            if (!parse_num(a, 0, 1e9, &v))
                return usage_error("--rate-limit needs a number of requests per second, not \"%s\"", a);
            cfg->faults.rate_limit = (unsigned)v;
            break;
        case OPT_threads:
            if (!parse_num(a, 1, 256, &v))
                return usage_error("--threads needs a number from 1 to 256, not \"%s\"", a);
            cfg->threads = (unsigned)v;
            break;
        case OPT_print_env: fl->print_env = true; break;
        case OPT_env_file: fl->env_file = a; break;
        case OPT_pid_file: fl->pid_file = a; break;
        case OPT_daemon: fl->daemon = true; break;
        case OPT_endpoints: fl->endpoints = true; break;
        case OPT_verbose: cfg->verbose = true; break;
        case OPT_help: usage(stdout); return 0;
        case OPT_version: printf("certdeck-emu %s\n", CERTDECK_VERSION); return 0;
        case ':': return usage_error("option %s needs a value", argv[optind - 1]);
        default: return usage_error("unknown option %s", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return usage_error("unexpected argument \"%s\"", argv[optind]);
    return -1;
}

/* --daemon: the parent waits until the child listens (one byte on the pipe)
 * or fails (the pipe closes empty; the child has printed why), so a script
 * that starts the emulator can use it on the next line. Returns the pipe's
 * write end in the child; in the parent it never returns. */
static int daemonize(void)
{
    int ready[2];
    if (pipe(ready) != 0) {
        perror("certdeck-emu: pipe");
        exit(1);
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("certdeck-emu: fork");
        exit(1);
    }
    if (pid > 0) {
        close(ready[1]);
        char byte;
        ssize_t n;
        do
            n = read(ready[0], &byte, 1);
        while (n < 0 && errno == EINTR);
        if (n == 1)
            exit(0);
        int status = 0;
        waitpid(pid, &status, 0);
        exit(WIFEXITED(status) && WEXITSTATUS(status) ? WEXITSTATUS(status) : 1);
    }
    close(ready[0]);
    setsid(); /* no longer stopped by the terminal's Ctrl-C or hang-up */
    return ready[1];
}

/* Tells the waiting parent that the emulator listens, and lets go of its
 * terminal: what it prints from now on goes nowhere. */
static void daemon_ready(int ready_fd)
{
    fflush(stdout);
    fflush(stderr);
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        if (null > STDERR_FILENO)
            close(null);
    }
    ssize_t n = write(ready_fd, "1", 1);
    (void)n; /* a parent gone already needs no answer */
    close(ready_fd);
}

/* The --env-file and --pid-file, each written atomically so a reader never
 * sees half of one. */
static bool write_run_files(const struct emu *emu, const struct emu_config *cfg,
                            const struct emu_flags *fl)
{
    struct cd_error err;
    if (fl->env_file) {
        struct buf env = {.secret = true};
        emu_env_text(emu, cfg, &env);
        cd_status rc = file_write_atomic(fl->env_file, env.data, env.len, 0600, &err);
        buf_free(&env);
        if (rc != CD_OK) {
            fprintf(stderr, "certdeck-emu: --env-file: %s\n", err.message);
            return false;
        }
    }
    if (fl->pid_file) {
        char pid[32];
        int n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
        if (file_write_atomic(fl->pid_file, pid, (size_t)n, 0644, &err) != CD_OK) {
            fprintf(stderr, "certdeck-emu: --pid-file: %s\n", err.message);
            return false;
        }
    }
    return true;
}

static void remove_run_files(const struct emu_flags *fl)
{
    if (fl->env_file)
        unlink(fl->env_file);
    if (fl->pid_file)
        unlink(fl->pid_file);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    for (int i = 0; i < OPT_COUNT; i++) { /* option names from the enum: tls_cert → tls-cert */
        static const char *const raw[] = {
#define EMU_OPT_NAME(name, arg, help) #name,
            EMU_OPTION_LIST(EMU_OPT_NAME)
#undef EMU_OPT_NAME
        };
        snprintf(opt_names[i], sizeof(opt_names[i]), "%s", raw[i]);
        for (char *p = opt_names[i]; *p; p++)
            if (*p == '_')
                *p = '-';
    }
    struct emu_config cfg;
    emu_config_defaults(&cfg);
    struct emu_flags fl = {0};
    int rc = parse_options(argc, argv, &cfg, &fl);
    if (rc >= 0) {
        emu_config_free(&cfg);
        return rc;
    }
    emu_config_fill_demo(&cfg);
    for (size_t i = 0; i < cfg.aksk_count; i++)
        if (!cfg.aksk[i].project_id)
            cfg.aksk[i].project_id = xstrdup(cfg.projects[0].id);

    int ready_fd = fl.daemon ? daemonize() : -1;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct emu *emu = NULL;
    struct cd_error err;
    if (emu_start(&cfg, &emu, &err) != CD_OK) {
        fprintf(stderr, "certdeck-emu: %s\n", err.message);
        emu_config_free(&cfg);
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    fprintf(stderr, "certdeck-emu: %zu certificates, ready in %.2f s, listening on %s\n",
            emu_cert_count(emu), secs, emu_base_url(emu));
    if (emu_ca_file(emu))
        fprintf(stderr, "certdeck-emu: clients trust the CA in %s\n", emu_ca_file(emu));
    if (fl.endpoints)
        emu_print_endpoints(emu, stdout);
    if (fl.print_env)
        emu_print_env(emu, &cfg, stdout);
    if (!fl.endpoints && !fl.print_env)
        printf("%s\n", emu_base_url(emu));
    fflush(stdout);
    if (!write_run_files(emu, &cfg, &fl)) {
        remove_run_files(&fl);
        emu_stop(emu);
        emu_config_free(&cfg);
        return 1;
    }
    if (ready_fd >= 0)
        daemon_ready(ready_fd);

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    while (!stop_requested)
        pause();
    remove_run_files(&fl);
    emu_stop(emu);
    emu_config_free(&cfg);
    return 0;
}
