/* demo-dir.h — finds the demo set (seed.tsv) wherever the emulator runs from. */
#ifndef CD_EMU_DEMO_DIR_H
#define CD_EMU_DEMO_DIR_H

#include "../core/status.h"

/* The directory holding seed.tsv, first found of: ASSETS/demo when assets_dir
 * is given (--assets), $CERTDECK_DEMO_DIR, ../share/certdeck/demo beside the
 * running binary (an install, wherever its prefix), the source tree's
 * assets/demo (a build tree), and the configured install prefix's. Returns a
 * heap string, or NULL with err naming every place looked at. */
char *emu_demo_dir(const char *assets_dir, struct cd_error *err);

#endif
