/* dialog.c — the small forms that ask before something changes: the filter
 * prompt, the typed confirmation of a delete, and the edit form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"
#include "../services/service.h"
#include "app.h"
#include "draw.h"

#define ESC 27

static void input_key(char *buf, size_t size, int key, bool is_char)
{
    size_t n = strlen(buf);
    if (!is_char && (key == KEY_BACKSPACE)) {
        while (n && (buf[n - 1] & 0xC0) == 0x80) /* a whole UTF-8 character */
            n--;
        if (n)
            n--;
        buf[n] = '\0';
        return;
    }
    if (is_char && (key == 127 || key == 8)) {
        input_key(buf, size, KEY_BACKSPACE, false);
        return;
    }
    if (!is_char || key < 0x20)
        return;
    char mb[8];
    wchar_t wc = (wchar_t)key;
    int len = wctomb(mb, wc);
    if (len <= 0 || n + (size_t)len + 1 > size)
        return;
    memcpy(buf + n, mb, (size_t)len);
    buf[n + (size_t)len] = '\0';
}

static void submit_delete(struct app *a)
{
    struct fetch_task *t = xcalloc(1, sizeof(*t));
    t->kind = FETCH_TASK_DELETE;
    t->service = a->target_service;
    t->scope = *a->target_scope ? xstrdup(a->target_scope) : NULL;
    t->id = xstrdup(a->target_id);
    t->name = xstrdup(a->target_name);
    fetcher_submit(a->fetcher, t);
    app_message(a, false, "deleting %s from %s…", a->target_name, services[a->target_service]->title);
}

static void submit_edit(struct app *a)
{
    struct fetch_task *t = xcalloc(1, sizeof(*t));
    t->kind = FETCH_TASK_UPDATE;
    t->service = a->target_service;
    t->scope = *a->target_scope ? xstrdup(a->target_scope) : NULL;
    t->id = xstrdup(a->target_id);
    for (int i = 0; i < EDIT_FIELDS; i++) {
        if (!a->edit[i].on)
            continue;
        if (strcmp(a->edit[i].label, "Name") == 0)
            t->name = xstrdup(a->edit[i].value);
        else if (strcmp(a->edit[i].label, "Description") == 0)
            t->description = xstrdup(a->edit[i].value);
        else
            t->domain = xstrdup(a->edit[i].value);
    }
    fetcher_submit(a->fetcher, t);
    app_message(a, false, "saving %s in %s…", a->target_name, services[a->target_service]->title);
}

/* The field that must pass the service's rules before anything is sent. */
static bool edit_valid(struct app *a)
{
    const struct svc_rules *rules = services[a->target_service]->rules;
    for (int i = 0; i < EDIT_FIELDS; i++) {
        if (!a->edit[i].on || strcmp(a->edit[i].label, "Name") != 0)
            continue;
        char why[256] = "";
        if (!*a->edit[i].value) {
            app_message(a, true, "the name cannot be empty");
            return false;
        }
        if (rules && rules->name_max && strlen(a->edit[i].value) > rules->name_max) {
            app_message(a, true, "the name is longer than %zu characters", rules->name_max);
            return false;
        }
        if (rules && rules->name_ok && !rules->name_ok(a->edit[i].value, why, sizeof(why))) {
            app_message(a, true, "name: %s", why);
            return false;
        }
    }
    return true;
}

void dialog_key(struct app *a, int key, bool is_char)
{
    bool enter = is_char && (key == '\n' || key == '\r');
    if (!is_char && key == KEY_ENTER)
        enter = true;
    bool esc = is_char && key == ESC;
    switch (a->dialog) {
    case DIALOG_FILTER:
        if (esc) {
            a->input[0] = '\0';
            model_set_filter(&a->model, "");
            a->dialog = DIALOG_NONE;
        } else if (enter) {
            a->dialog = DIALOG_NONE;
        } else {
            input_key(a->input, sizeof(a->input), key, is_char);
            model_set_filter(&a->model, a->input);
        }
        break;
    case DIALOG_DELETE:
        if (esc) {
            a->dialog = DIALOG_NONE;
            app_message(a, false, "nothing deleted");
        } else if (enter) {
            if (strcmp(a->input, a->target_name) == 0) {
                a->dialog = DIALOG_NONE;
                submit_delete(a);
            } else {
                app_message(a, true, "the name typed is not \"%s\": nothing deleted", a->target_name);
                a->input[0] = '\0';
            }
        } else {
            input_key(a->input, sizeof(a->input), key, is_char);
        }
        break;
    case DIALOG_EDIT:
        if (esc) {
            a->dialog = DIALOG_NONE;
            app_message(a, false, "nothing changed");
        } else if (enter) {
            if (edit_valid(a)) {
                a->dialog = DIALOG_NONE;
                submit_edit(a);
            }
        } else if ((is_char && key == '\t') || (!is_char && (key == KEY_DOWN || key == KEY_UP || key == KEY_BTAB))) {
            int step = (!is_char && (key == KEY_UP || key == KEY_BTAB)) ? EDIT_FIELDS - 1 : 1;
            do
                a->edit_field = (a->edit_field + step) % EDIT_FIELDS;
            while (!a->edit[a->edit_field].on);
        } else {
            input_key(a->edit[a->edit_field].value, sizeof(a->edit[a->edit_field].value), key, is_char);
        }
        break;
    case DIALOG_NONE:
        break;
    }
    a->dirty = true;
}

static void draw_box(int y, int x, int h, int w)
{
    attr_t at = ui_attr(UI_EL_TEXT);
    for (int i = 0; i < h; i++)
        draw_blank(stdscr, y + i, x, w, at);
    wattr_on(stdscr, ui_attr(UI_EL_BORDER), NULL);
    mvwhline(stdscr, y, x, ACS_HLINE, w);
    mvwhline(stdscr, y + h - 1, x, ACS_HLINE, w);
    mvwvline(stdscr, y, x, ACS_VLINE, h);
    mvwvline(stdscr, y, x + w - 1, ACS_VLINE, h);
    mvwaddch(stdscr, y, x, ACS_ULCORNER);
    mvwaddch(stdscr, y, x + w - 1, ACS_URCORNER);
    mvwaddch(stdscr, y + h - 1, x, ACS_LLCORNER);
    mvwaddch(stdscr, y + h - 1, x + w - 1, ACS_LRCORNER);
    wattr_off(stdscr, ui_attr(UI_EL_BORDER), NULL);
}

void dialog_draw(struct app *a)
{
    if (a->dialog != DIALOG_DELETE && a->dialog != DIALOG_EDIT)
        return;
    int w = COLS - 8 < 76 ? COLS - 8 : 76, h = a->dialog == DIALOG_DELETE ? 8 : 9;
    if (w < 20)
        w = COLS;
    int y = (LINES - h) / 2, x = (COLS - w) / 2;
    draw_box(y, x, h, w);
    char line[512];
    const char *svc = services[a->target_service]->title;
    if (a->dialog == DIALOG_DELETE) {
        snprintf(line, sizeof(line), "Delete \"%s\" from %s%s%s?", a->target_name, svc, *a->target_scope ? " " : "",
                 a->target_scope);
        draw_text(stdscr, y + 1, x + 2, w - 4, line, ui_attr(UI_EL_ERROR));
        draw_text(stdscr, y + 2, x + 2, w - 4, "This cannot be undone. Type the certificate's name to confirm,",
                  ui_attr(UI_EL_TEXT));
        draw_text(stdscr, y + 3, x + 2, w - 4, "Enter to delete, Esc to keep it.", ui_attr(UI_EL_TEXT));
        draw_text(stdscr, y + 5, x + 2, 6, "Name:", ui_attr(UI_EL_LABEL));
        draw_blank(stdscr, y + 5, x + 8, w - 10, ui_attr(UI_EL_SELECTION));
        int cw = draw_text(stdscr, y + 5, x + 8, w - 10, a->input, ui_attr(UI_EL_SELECTION));
        curs_set(1);
        move(y + 5, x + 8 + cw);
        return;
    }
    snprintf(line, sizeof(line), "Edit \"%s\" in %s — Tab next field, Enter save, Esc cancel", a->target_name, svc);
    draw_text(stdscr, y + 1, x + 2, w - 4, line, ui_attr(UI_EL_TEXT) | A_BOLD);
    int cy = 0, cx = 0;
    for (int i = 0, row = 0; i < EDIT_FIELDS; i++) {
        if (!a->edit[i].on)
            continue;
        int fy = y + 3 + row * 2;
        draw_text(stdscr, fy, x + 2, 13, a->edit[i].label, ui_attr(UI_EL_LABEL));
        attr_t at = i == a->edit_field ? ui_attr(UI_EL_SELECTION) : ui_attr(UI_EL_DIM);
        draw_blank(stdscr, fy, x + 15, w - 17, at);
        int cw = draw_text(stdscr, fy, x + 15, w - 17, a->edit[i].value, at);
        if (i == a->edit_field) {
            cy = fy;
            cx = x + 15 + cw;
        }
        row++;
    }
    curs_set(1);
    move(cy, cx);
}
