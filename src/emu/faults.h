/* faults.h — deterministic fault injection, rate limiting and request statistics. */
#ifndef CD_EMU_FAULTS_H
#define CD_EMU_FAULTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* One row per fault kind: enum, name used in --faults and in /_emu/stats. */
#define EMU_FAULT_LIST(X)                \
    X(EMU_FAULT_500, "500")              \
    X(EMU_FAULT_503, "503")              \
    X(EMU_FAULT_429, "429")              \
    X(EMU_FAULT_RESET, "reset")          \
    X(EMU_FAULT_TRUNCATE, "truncate")    \
    X(EMU_FAULT_SLOW, "slow")

enum emu_fault {
#define EMU_FAULT_ENUM(id, name) id,
    EMU_FAULT_LIST(EMU_FAULT_ENUM)
#undef EMU_FAULT_ENUM
    EMU_FAULT_COUNT,
    EMU_FAULT_NONE = EMU_FAULT_COUNT
};

struct emu_fault_config {
    unsigned latency_ms;        /* added to every service request */
    double rate;                /* share of service requests that get a fault, 0..1 */
    unsigned mask;              /* bit per enum emu_fault allowed; 0 = all */
    unsigned rate_limit;        /* requests per second per client, 0 = none */
    uint64_t seed;              /* fixed seed: the same run gets the same faults */
    unsigned slow_ms;           /* how long "slow" stalls (default 3000) */
};

const char *emu_fault_name(enum emu_fault f);
/* Parses "500,503,429,reset,truncate,slow" into a mask; false on an unknown name. */
bool emu_fault_parse_list(const char *list, unsigned *mask, char *bad, size_t bad_size);

#endif
