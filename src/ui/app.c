/* app.c — the TUI's life: open the profile, start the fetcher, set up the
 * terminal, and run one poll() loop that wakes on keys, new snapshots,
 * signals and a timer. Only this thread calls curses. */
#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "../core/log.h"
#include "../core/timeutil.h"
#include "../core/xalloc.h"
#include "../services/service.h"
#include "app.h"
#include "draw.h"

#define TICK_MS 250              /* spinner and clock */
#define ESC 27

/* ---- signals: a self-pipe for the loop, and a terminal put back on a crash ---- */

static int signal_pipe[2] = {-1, -1};
static struct termios saved_termios;
static bool have_termios;

static void on_signal(int sig)
{
    int saved = errno;
    unsigned char b = (unsigned char)sig;
    ssize_t n = write(signal_pipe[1], &b, 1);
    (void)n;
    errno = saved;
}

/* A crash must not leave the terminal unusable: reset it with what is safe
 * in a signal handler, then die of the same signal. */
static void on_crash(int sig)
{
    static const char reset[] = "\033[?1049l\033[?25h\033[0m\033[?1000l\033[?1006l\r\n";
    ssize_t n = write(STDOUT_FILENO, reset, sizeof(reset) - 1);
    (void)n;
    if (have_termios)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
    static const char msg[] = "certdeck: internal error; the terminal was restored\n";
    n = write(STDERR_FILENO, msg, sizeof(msg) - 1);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_signals(void)
{
    if (pipe(signal_pipe) == 0) {
        for (int i = 0; i < 2; i++) {
            fcntl(signal_pipe[i], F_SETFL, fcntl(signal_pipe[i], F_GETFL) | O_NONBLOCK);
            fcntl(signal_pipe[i], F_SETFD, FD_CLOEXEC);
        }
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    int quiet[] = {SIGWINCH, SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++)
        sigaction(quiet[i], &sa, NULL);
    sa.sa_handler = on_crash;
    int crash[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof(crash) / sizeof(crash[0]); i++)
        sigaction(crash[i], &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

/* ---- CERTDECK_TRACE_KEYS=FILE: what a key costs, for tests/bench/tui-bench ----
 * One line per key handled, written after the refresh() that shows it:
 *   key CODE IS_CHAR READ_TO_SCREEN_US SCREEN_AT_US
 * and one per snapshot taken from the fetcher:
 *   snap ROWS PENDING_TARGETS WAKE_TO_SCREEN_US SCREEN_AT_US
 * and once, when no target is pending any more, the PEM text the rows keep:
 *   held ROWS PEM_BYTES
 * SCREEN_AT_US is CLOCK_MONOTONIC, so a driver can also time a key from when
 * it wrote it. Off (one NULL test per key and per draw) unless the variable
 * names a file. */

#define TRACE_MAX 256

struct trace_ev {
    int code;                  /* -1: a snapshot */
    int is_char;
    int64_t at_us;             /* when the key was read / the snapshot woke the loop */
    size_t rows, pending;
};

static struct {
    FILE *f;
    size_t count;
    struct trace_ev ev[TRACE_MAX];
} key_trace;

static int64_t mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void trace_open(void)
{
    const char *path = getenv("CERTDECK_TRACE_KEYS");
    if (path && *path && !(key_trace.f = fopen(path, "w")))
        log_line("CERTDECK_TRACE_KEYS: cannot write %s", path);
}

/* Remembers an event until the next refresh() (a full buffer drops it). */
static void trace_event(int code, int is_char, int64_t at_us, size_t rows, size_t pending)
{
    if (key_trace.count < TRACE_MAX)
        key_trace.ev[key_trace.count++] = (struct trace_ev){code, is_char, at_us, rows, pending};
}

static void trace_screen(void)
{
    int64_t now = mono_us();
    for (size_t i = 0; i < key_trace.count; i++) {
        if (key_trace.ev[i].code >= 0)
            fprintf(key_trace.f, "key %d %d %lld %lld\n", key_trace.ev[i].code, key_trace.ev[i].is_char,
                    (long long)(now - key_trace.ev[i].at_us), (long long)now);
        else
            fprintf(key_trace.f, "snap %zu %zu %lld %lld\n", key_trace.ev[i].rows, key_trace.ev[i].pending,
                    (long long)(now - key_trace.ev[i].at_us), (long long)now);
    }
    key_trace.count = 0;
    fflush(key_trace.f);
}

/* ---- messages, copying, opening ---- */

void app_message(struct app *a, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->message, sizeof(a->message), fmt, ap);
    va_end(ap);
    a->message_is_error = error;
    a->message_until_refreshed = false;
    a->dirty = true;
    if (error)
        log_line("%s", a->message);
}

void app_copy(struct app *a, const char *what, const char *text)
{
    if (!text || !*text) {
        app_message(a, true, "nothing to copy: this certificate has no %s", what);
        return;
    }
    /* OSC 52 asks the terminal (even over SSH) to put base64 text on the clipboard */
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t n = strlen(text);
    char *out = xmalloc(n / 3 * 4 + 8);
    size_t k = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned char)text[i] << 16;
        if (i + 1 < n)
            v |= (unsigned char)text[i + 1] << 8;
        if (i + 2 < n)
            v |= (unsigned char)text[i + 2];
        out[k++] = b64[(v >> 18) & 63];
        out[k++] = b64[(v >> 12) & 63];
        out[k++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
        out[k++] = i + 2 < n ? b64[v & 63] : '=';
    }
    out[k] = '\0';
    fprintf(stdout, "\033]52;c;%s\a", out);
    fflush(stdout);
    free(out);
    app_message(a, false, "copied the %s to the clipboard (%zu characters)", what, n);
}

void app_open_detail(struct app *a)
{
    const struct snap_row *row = model_selected(&a->model);
    if (!row)
        return;
    detail_free(&a->detail);
    struct detail_opts o = {a->model.now, a->model.warn_days, a->model.crit_days};
    detail_build(&a->detail, a->model.snap, row, &o);
    a->detail_top = a->detail_cursor = 0;
    a->view = UI_VIEW_DETAIL;
}

/* ---- actions ---- */

static bool refuse_read_only(struct app *a, enum ui_action act)
{
    const struct ui_binding *b = keys_binding(act, a->view);
    if (!b || !b->changes_cloud || !a->read_only)
        return false;
    app_message(a, true, "read-only: changes are off (--read-only or read_only in the profile)");
    return true;
}

static void remember_target(struct app *a, const struct cert_record *r)
{
    a->target_service = r->service;
    snprintf(a->target_scope, sizeof(a->target_scope), "%s", r->scope);
    snprintf(a->target_id, sizeof(a->target_id), "%s", r->id);
    snprintf(a->target_name, sizeof(a->target_name), "%s", r->name);
}

static void start_delete(struct app *a, const struct cert_record *r)
{
    remember_target(a, r);
    a->input[0] = '\0';
    a->dialog = DIALOG_DELETE;
}

static void start_edit(struct app *a, const struct cert_record *r)
{
    const struct service_ops *ops = services[r->service];
    remember_target(a, r);
    memset(a->edit, 0, sizeof(a->edit));
    a->edit[0].label = "Name";
    a->edit[0].on = ops->caps & SVC_CAP_RENAME;
    snprintf(a->edit[0].value, sizeof(a->edit[0].value), "%s", r->name);
    a->edit[1].label = "Description";
    a->edit[1].on = ops->caps & SVC_CAP_DESCRIPTION;
    snprintf(a->edit[1].value, sizeof(a->edit[1].value), "%s", r->description);
    a->edit[2].label = "Domains";
    a->edit[2].on = ops->caps & SVC_CAP_DOMAIN;
    for (size_t i = 0, n = 0; i < r->domains.count; i++)
        n += (size_t)snprintf(a->edit[2].value + n, sizeof(a->edit[2].value) - n, "%s%s", i ? "," : "",
                              r->domains.items[i]);
    a->edit_field = -1;
    for (int i = 0; i < EDIT_FIELDS && a->edit_field < 0; i++)
        if (a->edit[i].on)
            a->edit_field = i;
    if (a->edit_field < 0 || (ops->caps & SVC_CAP_UPDATE_REPLACES_ALL)) {
        app_message(a, true, "%s lets nothing be edited without uploading the certificate again", ops->title);
        return;
    }
    a->dialog = DIALOG_EDIT;
}

static void move_cursor(struct app *a, long delta)
{
    if (a->view == UI_VIEW_LIST) {
        model_move(&a->model, delta, (size_t)list_height());
    } else if (a->view == UI_VIEW_DETAIL) {
        long t = (long)a->detail_cursor + delta;
        if (t < 0)
            t = 0;
        if (a->detail.count && t >= (long)a->detail.count)
            t = (long)a->detail.count - 1;
        a->detail_cursor = (size_t)t;
        if (a->detail_top > a->detail_cursor)
            a->detail_top = a->detail_cursor;
    } else {
        long t = (long)a->help_top + delta;
        a->help_top = t < 0 ? 0 : (size_t)t;
    }
}

static void do_action(struct app *a, enum ui_action act)
{
    if (refuse_read_only(a, act))
        return;
    long page = list_height() > 1 ? list_height() - 1 : 1;
    const struct snap_row *row = model_selected(&a->model);
    const struct cert_record *r = row ? row->rec : NULL;
    a->message[0] = '\0';
    switch (act) {
    case ACT_NONE: break;
    case ACT_UP: move_cursor(a, -1); break;
    case ACT_DOWN: move_cursor(a, 1); break;
    case ACT_PAGE_UP: move_cursor(a, -page); break;
    case ACT_PAGE_DOWN: move_cursor(a, page); break;
    case ACT_TOP: move_cursor(a, -(long)1e9); break;
    case ACT_BOTTOM: move_cursor(a, (long)1e9); break;
    case ACT_NEXT_PANE: model_set_pane(&a->model, (a->model.pane + 1) % (int)(service_count + 1)); break;
    case ACT_PREV_PANE:
        model_set_pane(&a->model, (a->model.pane + (int)service_count) % (int)(service_count + 1));
        break;
    case ACT_PANE_1: case ACT_PANE_2: case ACT_PANE_3: case ACT_PANE_4: case ACT_PANE_5:
        if ((size_t)(act - ACT_PANE_1) <= service_count)
            model_set_pane(&a->model, act - ACT_PANE_1);
        break;
    case ACT_FILTER:
        snprintf(a->input, sizeof(a->input), "%s", a->model.filter);
        a->dialog = DIALOG_FILTER;
        break;
    case ACT_CLEAR_FILTER:
        a->input[0] = '\0';
        model_set_filter(&a->model, "");
        break;
    case ACT_SORT_PREV:
    case ACT_SORT_NEXT: {
        int step = act == ACT_SORT_NEXT ? 1 : UI_COL_COUNT - 1;
        model_set_sort(&a->model, (enum ui_column)((a->model.sort + step) % UI_COL_COUNT), false);
        app_message(a, false, "sorted by %s", ui_column_what(a->model.sort));
        break;
    }
    case ACT_SORT_INVERT:
        model_set_sort(&a->model, a->model.sort, !a->model.sort_desc);
        break;
    case ACT_OPEN: app_open_detail(a); break;
    case ACT_BACK:
        a->view = a->view == UI_VIEW_HELP && a->detail.title ? UI_VIEW_DETAIL : UI_VIEW_LIST;
        if (a->view == UI_VIEW_LIST)
            detail_free(&a->detail);
        break;
    case ACT_HELP:
        a->help_top = 0;
        a->view = UI_VIEW_HELP;
        break;
    case ACT_REFRESH:
        fetcher_refresh(a->fetcher);
        app_message(a, false, "refreshing…");
        a->message_until_refreshed = true;
        break;
    case ACT_EDIT:
        if (r)
            start_edit(a, r);
        break;
    case ACT_DELETE:
        if (r)
            start_delete(a, r);
        break;
    case ACT_COPY:
        if (a->view == UI_VIEW_DETAIL && a->detail_cursor < a->detail.count) {
            const struct detail_line *l = &a->detail.lines[a->detail_cursor];
            app_copy(a, *l->label ? l->label : "line", l->value);
        } else if (r) {
            app_copy(a, "id", r->id);
        }
        break;
    case ACT_COPY_FINGERPRINT:
        if (a->view == UI_VIEW_DETAIL)
            app_copy(a, "SHA-256 fingerprint", a->detail.sha256);
        else if (r)
            app_copy(a, "fingerprint", r->fingerprint);
        break;
    case ACT_COPY_PEM:
        if (r)
            app_copy(a, "certificate PEM", r->pem);
        break;
    case ACT_QUIT: a->quit = true; break;
    }
}

static void handle_mouse(struct app *a)
{
    MEVENT ev;
    if (getmouse(&ev) != OK || a->view != UI_VIEW_LIST)
        return;
    if (ev.bstate & BUTTON4_PRESSED) {
        move_cursor(a, -3);
    } else if (ev.bstate & BUTTON5_PRESSED) {
        move_cursor(a, 3);
    } else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED)) {
        int line = ev.y - 3;
        if (line >= 0 && line < list_height() && a->model.top + (size_t)line < a->model.visible_count) {
            model_select_index(&a->model, a->model.top + (size_t)line, (size_t)list_height());
            if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
                app_open_detail(a);
        }
    }
}

static void handle_key(struct app *a, wint_t ch, bool is_char)
{
    a->dirty = true;
    if (a->dialog != DIALOG_NONE) {
        dialog_key(a, (int)ch, is_char);
        return;
    }
    if (!is_char && ch == KEY_RESIZE)
        return;
    if (!is_char && ch == KEY_MOUSE) {
        handle_mouse(a);
        return;
    }
    int key = (int)ch;
    if (is_char && ch >= 0x80)
        return; /* no binding on a non-ASCII character */
    do_action(a, keys_action(key, a->view));
}

/* ---- new data from the fetcher ---- */

static void take_snapshot(struct app *a)
{
    fetcher_drain(a->fetcher);
    struct snapshot *s = fetcher_snapshot(a->fetcher);
    if (s != a->model.snap) {
        struct snapshot *old = snapshot_ref(a->model.snap);
        model_set_snapshot(&a->model, s);
        fetcher_retire(a->fetcher, old); /* freed on the fetcher's thread */
        bool busy = false;
        for (size_t i = 0; i < s->target_count; i++)
            busy |= s->targets[i].refreshing || s->targets[i].state == TARGET_LOADING;
        a->trim_due |= !busy;
    }
    snapshot_unref(s);
    /* once the refresh asked for is over, the status line shows its outcome
     * (a failing service, or the time of the refresh) instead of "refreshing…" */
    if (a->message_until_refreshed) {
        bool busy = false;
        for (size_t i = 0; i < a->model.snap->target_count; i++)
            busy |= a->model.snap->targets[i].refreshing || a->model.snap->targets[i].state == TARGET_LOADING;
        if (!busy) {
            a->message[0] = '\0';
            a->message_until_refreshed = false;
        }
    }
    for (struct fetch_task *t = fetcher_take_done(a->fetcher), *next; t; t = next) {
        next = t->next;
        const char *svc = services[t->service]->title;
        if (t->status != CD_OK)
            app_message(a, true, "%s %s in %s failed: %s", t->kind == FETCH_TASK_DELETE ? "deleting" : "saving",
                        t->name ? t->name : t->id, svc, t->err.message);
        else if (t->kind == FETCH_TASK_DELETE)
            app_message(a, false, "deleted %s from %s", t->name ? t->name : t->id, svc);
        else
            app_message(a, false, "saved %s in %s", t->name ? t->name : t->id, svc);
        fetch_task_free(t);
    }
    if (a->view == UI_VIEW_DETAIL && a->detail.title) {
        /* the detail keeps the record it was built from; reopen it on new data */
        size_t cursor = a->detail_cursor, top = a->detail_top;
        const struct snap_row *row = model_selected(&a->model);
        if (row) {
            app_open_detail(a);
            a->detail_cursor = cursor;
            a->detail_top = top;
        }
    }
    a->dirty = true;
}

static void trace_snapshot(const struct app *a, int64_t woke)
{
    const struct snapshot *s = a->model.snap;
    size_t pending = 0;
    for (size_t i = 0; s && i < s->target_count; i++)
        pending += s->targets[i].state == TARGET_LOADING || s->targets[i].refreshing;
    trace_event(-1, 0, woke, s ? s->index->row_count : 0, pending);
    static bool held_written;
    if (pending == 0 && s && !held_written) {
        /* once, when every target has answered: the PEM text the records keep */
        size_t pem = 0;
        for (size_t i = 0; i < s->index->row_count; i++)
            pem += s->index->rows[i].rec->pem ? strlen(s->index->rows[i].rec->pem) + 1 : 0;
        fprintf(key_trace.f, "held %zu %zu\n", s->index->row_count, pem);
        held_written = true;
    }
}

/* ---- drawing ---- */

static void draw(struct app *a)
{
    curs_set(0);
    if (LINES < 10 || COLS < 40) {
        erase();
        draw_text(stdscr, 0, 0, COLS, "certdeck needs at least 40×10", ui_attr(UI_EL_ERROR));
    } else if (a->view == UI_VIEW_LIST) {
        view_list_draw(a);
        dialog_draw(a);
        if (a->dialog == DIALOG_FILTER)
            curs_set(1);
    } else if (a->view == UI_VIEW_DETAIL) {
        view_detail_draw(a);
        dialog_draw(a);
    } else {
        view_help_draw(a);
    }
    refresh();
    a->dirty = false;
    if (key_trace.f && key_trace.count)
        trace_screen();
}

static void resize(void)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col)
        resizeterm(ws.ws_row, ws.ws_col);
}

static void fetch_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fetch_log(const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    log_line("%s", line);
}

/* The answers of a refresh are parsed and freed by the time it ends, but glibc
 * keeps the freed memory in each thread's arena (80 MB at 100,000
 * certificates). Giving it back takes the allocator's locks arena by arena, so
 * it is done on this thread once nobody has typed for IDLE_TRIM_US, never
 * while keys come in. */
#define IDLE_TRIM_US 2000000
static void trim_when_idle(struct app *a)
{
    if (!a->trim_due || mono_us() - a->last_key_us < IDLE_TRIM_US)
        return;
    a->trim_due = false;
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

static void loop(struct app *a)
{
    struct pollfd fds[3] = {
        {STDIN_FILENO, POLLIN, 0},
        {fetcher_wake_fd(a->fetcher), POLLIN, 0},
        {signal_pipe[0], POLLIN, 0},
    };
    while (!a->quit) {
        if (a->dirty)
            draw(a);
        int n = poll(fds, 3, TICK_MS);
        if (n < 0 && errno != EINTR)
            break;
        if (n <= 0) { /* the timer: clock and spinner */
            a->spinner++;
            a->dirty = true;
            trim_when_idle(a);
            continue;
        }
        if (fds[2].revents & POLLIN) {
            unsigned char sig;
            while (read(signal_pipe[0], &sig, 1) == 1) {
                if (sig == SIGWINCH) {
                    resize();
                    a->dirty = true;
                } else {
                    a->quit = true;
                }
            }
        }
        if (fds[1].revents & POLLIN) {
            int64_t woke = key_trace.f ? mono_us() : 0;
            take_snapshot(a);
            if (key_trace.f)
                trace_snapshot(a, woke);
        }
        if (fds[0].revents & (POLLIN | POLLHUP)) {
            wint_t ch;
            int got;
            while ((got = get_wch(&ch)) != ERR) {
                a->last_key_us = mono_us();
                if (key_trace.f)
                    trace_event((int)ch, got == OK, mono_us(), 0, 0);
                handle_key(a, ch, got == OK);
            }
            if (fds[0].revents & POLLHUP)
                a->quit = true;
        }
    }
}

static void data_dirs(const struct ui_options *o, const char **dirs)
{
    size_t n = 0;
    if (getenv("CERTDECK_DATA_DIR"))
        dirs[n++] = getenv("CERTDECK_DATA_DIR");
    if (o->data_dir)
        dirs[n++] = o->data_dir;
    dirs[n] = NULL;
}

int ui_run(const struct ui_options *o)
{
    struct client client;
    struct cd_error err = {0};
    struct client_options co = {.profile = o->profile, .ca_file = o->ca_file, .insecure = o->insecure};
    if (client_open(&co, true, &client, &err) != CD_OK) {
        fprintf(stderr, "certdeck: %s\n", err.message);
        return 1;
    }
    /* A token near its end is renewed now, while a password can still be
     * asked on the terminal; nobody can answer a prompt once the screen is drawn. */
    if (auth_ensure_fresh(client.auth, &err) != CD_OK) {
        fprintf(stderr, "certdeck: %s\n", err.message);
        client_close(&client);
        return 1;
    }
    client.interactive = false;
    log_open();
    log_line("start: profile %s", client.profile.name);

    struct app a;
    memset(&a, 0, sizeof(a));
    a.opts = o;
    a.client = &client;
    a.read_only = o->read_only || (client.profile.read_only && strcmp(client.profile.read_only, "true") == 0);
    const char *theme_name = o->theme ? o->theme : client.profile.theme ? client.profile.theme : "default";
    const char *dirs[4];
    data_dirs(o, dirs);
    char theme_error[600] = "";
    if (theme_load(theme_name, dirs, &a.theme, &err) != CD_OK) {
        snprintf(theme_error, sizeof(theme_error), "%s — using the built-in theme", err.message);
        log_line("%s", theme_error);
    }
    bool colour = !o->no_color && !(getenv("NO_COLOR") && *getenv("NO_COLOR"));
    model_init(&a.model, (int)client.profile.warn_days, (int)client.profile.crit_days);

    struct fetcher_options fo = {.interval_s = client.profile.refresh_interval, .log = fetch_log};
    a.fetcher = fetcher_start(&client, &fo);
    struct snapshot *first = fetcher_snapshot(a.fetcher);
    model_set_snapshot(&a.model, first);
    snapshot_unref(first);

    trace_open();
    install_signals();
    have_termios = tcgetattr(STDIN_FILENO, &saved_termios) == 0;
    set_escdelay(25);
    initscr();
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    curs_set(0);
    colors_init(&a.theme, colour);
    if (o->mouse || (client.profile.mouse && strcmp(client.profile.mouse, "true") == 0))
        mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    if (*theme_error)
        app_message(&a, true, "%s", theme_error);
    a.view = UI_VIEW_LIST;
    a.dirty = true;
    loop(&a);
    endwin();

    fetcher_stop(a.fetcher);
    detail_free(&a.detail);
    model_free(&a.model);
    if (key_trace.f)
        fclose(key_trace.f);
    log_line("quit");
    client_close(&client);
    return 0;
}
