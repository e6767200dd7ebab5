/* log.h — the TUI's log file, $XDG_STATE_HOME/certdeck/certdeck.log (else
 * ~/.local/state/certdeck/), so an error seen on screen can be read in full
 * afterwards. One timestamped line per event; callers never pass secrets. */
#ifndef CD_LOG_H
#define CD_LOG_H

/* Opens (appends to) the log; without it, log_line does nothing. */
void log_open(void);
/* The path in use, or NULL. */
const char *log_path(void);
/* One line; safe from any thread. */
void log_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
