#!/usr/bin/env python3
"""measure.py [--repeat N] OUT -- CMD ARGS... [::: OUT -- CMD ARGS...]...

Runs each command N times (default 1), taking turns round by round, so that
a slow moment of a shared machine falls on all of them alike; stdout goes to
its OUT (the last run's output stays). Prints one JSON line per command: the
least and the median CPU seconds (user+sys of the command and its children),
wall seconds and peak resident memory (MiB) over its runs, and the worst
exit status. The least CPU is the figure to compare: noise only adds time."""
import json
import os
import statistics
import sys
import time

args = sys.argv[1:]
repeat = 1
if args and args[0] == "--repeat":
    repeat, args = int(args[1]), args[2:]

jobs = []  # (out_path, argv)
while args:
    group = args[: args.index(":::")] if ":::" in args else args
    args = args[len(group) + 1:]
    out_path, rest = group[0], group[1:]
    jobs.append((out_path, rest[1:] if rest[0] == "--" else rest))


def run(out_path, cmd):
    start = time.monotonic()
    with open(out_path, "wb") as out:
        pid = os.fork()
        if pid == 0:
            os.dup2(out.fileno(), 1)
            os.execvp(cmd[0], cmd)
        _, status, usage = os.wait4(pid, 0)
    return {"cpu": usage.ru_utime + usage.ru_stime, "wall": time.monotonic() - start,
            "rss_mib": usage.ru_maxrss / 1024, "status": os.waitstatus_to_exitcode(status)}


runs = [[] for _ in jobs]
for _ in range(repeat):
    for i, (out_path, cmd) in enumerate(jobs):
        runs[i].append(run(out_path, cmd))

for r in runs:
    print(json.dumps({
        "cpu": round(min(x["cpu"] for x in r), 3),
        "cpu_median": round(statistics.median(x["cpu"] for x in r), 3),
        "wall": round(min(x["wall"] for x in r), 3),
        "wall_median": round(statistics.median(x["wall"] for x in r), 3),
        "rss_mib": round(max(x["rss_mib"] for x in r), 1),
        "status": max((x["status"] for x in r), key=abs),
        "runs": repeat,
    }))
