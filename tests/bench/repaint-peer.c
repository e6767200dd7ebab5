/* repaint-peer.c — the floor of any redraw for tests/bench/tui-bench.sh: a
 * bare ncurses program that changes every cell of the screen and refresh()es,
 * FRAMES times, and writes how long each frame took (fill + refresh, µs).
 *
 *   repaint-peer FRAMES OUT-FILE     (run on a terminal or pty of the size to measure)
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long long mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: repaint-peer FRAMES OUT-FILE\n");
        return 2;
    }
    int frames = atoi(argv[1]);
    FILE *out = fopen(argv[2], "w");
    if (!out || frames <= 0) {
        fprintf(stderr, "repaint-peer: bad frame count or cannot write %s\n", argv[2]);
        return 2;
    }
    initscr();
    cbreak();
    noecho();
    curs_set(0);
    refresh();
    for (int f = 0; f < frames; f++) {
        long long t0 = mono_us();
        /* printable text that differs from the last frame in every cell */
        for (int y = 0; y < LINES; y++) {
            move(y, 0);
            for (int x = 0; x < COLS; x++)
                addch((chtype)('!' + (f * 7 + y * 3 + x) % 94));
        }
        refresh();
        fprintf(out, "%lld\n", mono_us() - t0);
        napms(5); /* let the terminal side drain, as between key presses */
    }
    endwin();
    fclose(out);
    return 0;
}
