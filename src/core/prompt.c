/* prompt.c — no-echo line input on the controlling terminal. */
#include "prompt.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "wipe.h"

bool prompt_available(void)
{
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return false;
    close(fd);
    return true;
}

int prompt_secret(const char *question, char *buf, size_t size)
{
    if (size < 2)
        return -1;
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct termios saved, quiet;
    bool restore = tcgetattr(fd, &saved) == 0;
    if (restore) {
        quiet = saved;
        quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
        quiet.c_lflag |= ICANON;
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    ssize_t w = write(fd, question, strlen(question));
    (void)w;
    size_t n = 0;
    bool done = false;
    while (!done) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r <= 0 || c == '\n' || c == '\r') {
            done = true;
            if (r <= 0 && n == 0) {
                n = (size_t)-1;
            }
        } else if (n + 1 < size) {
            buf[n++] = c;
        }
    }
    if (restore)
        tcsetattr(fd, TCSAFLUSH, &saved);
    w = write(fd, "\n", 1);
    close(fd);
    if (n == (size_t)-1) {
        wipe(buf, size);
        return -1;
    }
    buf[n] = '\0';
    return (int)n;
}
