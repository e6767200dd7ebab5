/* demo.h — `certdeck --demo`: certdeck-emu's demo set on a loopback port,
 * started in this process, and the environment that points certdeck at it
 * (no account, no config file, no vault). */
#ifndef CD_DEMO_H
#define CD_DEMO_H

#include <stdbool.h>

struct emu;

/* Starts the emulator with the demo set from assets_dir (holding demo/seed.tsv)
 * and sets the environment; prints why not and returns NULL on failure. */
struct emu *demo_start(const char *assets_dir);
void demo_stop(struct emu *emu);

/* Where certdeck's data is: themes/ (data_dir) and the demo set (assets_dir).
 * $CERTDECK_DATA_DIR, then the install prefix, then the source tree. */
void demo_find_data(const char **data_dir, const char **assets_dir);

#endif
