#!/usr/bin/env python3
"""measure.py OUT -- CMD ARGS... : runs CMD with stdout to OUT and prints one
JSON line: CPU seconds (user+sys of the command and its children), wall
seconds, peak resident memory (MiB), exit status."""
import json
import os
import sys
import time

out_path = sys.argv[1]
cmd = sys.argv[3:] if sys.argv[2] == "--" else sys.argv[2:]
start = time.monotonic()
with open(out_path, "wb") as out:
    pid = os.fork()
    if pid == 0:
        os.dup2(out.fileno(), 1)
        os.execvp(cmd[0], cmd)
    _, status, usage = os.wait4(pid, 0)
wall = time.monotonic() - start
print(json.dumps({
    "cpu": round(usage.ru_utime + usage.ru_stime, 3),
    "wall": round(wall, 3),
    "rss_mib": round(usage.ru_maxrss / 1024, 1),
    "status": os.waitstatus_to_exitcode(status),
}))
