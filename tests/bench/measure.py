#!/usr/bin/env python3
"""measure.py [--repeat N] OUT -- CMD ARGS... : runs CMD N times (default 1)
with stdout to OUT (the last run's output stays) and prints one JSON line:
the least and the median CPU seconds (user+sys of the command and its
children), wall seconds and peak resident memory (MiB) over the runs, and the
worst exit status. The least CPU is the figure to compare on a shared
machine: noise only ever adds time."""
import json
import os
import statistics
import sys
import time

args = sys.argv[1:]
repeat = 1
if args[0] == "--repeat":
    repeat, args = int(args[1]), args[2:]
out_path = args[0]
cmd = args[2:] if args[1] == "--" else args[1:]

runs = []
for _ in range(repeat):
    start = time.monotonic()
    with open(out_path, "wb") as out:
        pid = os.fork()
        if pid == 0:
            os.dup2(out.fileno(), 1)
            os.execvp(cmd[0], cmd)
        _, status, usage = os.wait4(pid, 0)
    runs.append({"cpu": usage.ru_utime + usage.ru_stime, "wall": time.monotonic() - start,
                 "rss_mib": usage.ru_maxrss / 1024, "status": os.waitstatus_to_exitcode(status)})

print(json.dumps({
    "cpu": round(min(r["cpu"] for r in runs), 3),
    "cpu_median": round(statistics.median(r["cpu"] for r in runs), 3),
    "wall": round(min(r["wall"] for r in runs), 3),
    "wall_median": round(statistics.median(r["wall"] for r in runs), 3),
    "rss_mib": round(max(r["rss_mib"] for r in runs), 1),
    "status": max((r["status"] for r in runs), key=abs),
    "runs": repeat,
}))
