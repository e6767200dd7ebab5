#!/usr/bin/env python3
"""tui_drive.py — drives a terminal program on a pty for tests/bench/tui-bench.sh.

  tui_drive.py tui  --trace FILE --rows N [--sizes 200x50,80x24] [--refresh] [--memory-only] -- CMD…
  tui_drive.py peer --size 200x50 --frames N --out FILE -- CMD…

`tui` starts certdeck (CMD) on a pty with CERTDECK_TRACE_KEYS=FILE, waits for
the snapshot that holds N rows with no target loading, reads VmRSS/VmHWM
3 s later (once certdeck has given freed memory back),
then presses keys one at a time (scroll, pane switch, filter typing and
Backspace) at each size, and with --refresh presses j/k every 10 ms while `r`
refreshes every target. It prints one JSON object: per scenario, for every
key, the µs from certdeck's read of the key to the end of its refresh()
(from the trace), and the µs from the driver's write to that refresh() (both
clocks are CLOCK_MONOTONIC). `peer` runs repaint-peer on a pty of the size
and drains its output, so both programs write to a terminal that keeps up.
"""
import fcntl
import json
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

PGDN, PGUP, BACKSPACE, ESC, TAB = "\033[6~", "\033[5~", "\x7f", "\033", "\t"
FILTER_WORDS = ["host01", "ample", "st0042", "9ab3e"]  # many, all, 100 and a few rows


def spawn(argv, cols, rows, env):
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    set_size(fd, cols, rows)
    return pid, fd


def set_size(fd, cols, rows):
    # the kernel sends SIGWINCH to the program when the size changes
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


class Trace:
    """Reads the lines certdeck appends to its trace file."""

    def __init__(self, path):
        self.path, self.pos, self.partial = path, 0, ""
        self.keys, self.snaps, self.held = [], [], None

    def poll(self):
        try:
            with open(self.path) as f:
                f.seek(self.pos)
                data = f.read()
                self.pos = f.tell()
        except FileNotFoundError:
            return
        data = self.partial + data
        lines = data.split("\n")
        self.partial = lines.pop()
        for line in lines:
            p = line.split()
            if p[0] == "key":
                self.keys.append({"code": int(p[1]), "read_us": int(p[3]), "at_us": int(p[4])})
            elif p[0] == "held":
                self.held = {"rows": int(p[1]), "pem_bytes": int(p[2])}
            elif p[0] == "snap":
                self.snaps.append({"rows": int(p[1]), "pending": int(p[2]), "us": int(p[3]),
                                   "at_us": int(p[4])})


class Driver:
    def __init__(self, pid, fd, trace):
        self.pid, self.fd, self.trace, self.exited = pid, fd, trace, False

    def pump(self, seconds):
        """Drains the program's output for `seconds` (a terminal that keeps up)."""
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                break
            r, _, _ = select.select([self.fd], [], [], min(left, 0.001))
            if r:
                try:
                    if not os.read(self.fd, 1 << 16):
                        self.exited = True
                except OSError:
                    self.exited = True
                    time.sleep(min(left, 0.01))
            self.trace.poll()

    def wait_for(self, cond, timeout, what):
        end = time.monotonic() + timeout
        while not cond():
            if self.exited:
                sys.exit(f"tui_drive: the program ended before the {what}")
            if time.monotonic() > end:
                sys.exit(f"tui_drive: no {what} within {timeout:.0f} s")
            self.pump(0.005)

    def press(self, key, timed=True):
        """Sends one key, waits until certdeck has shown it; returns its figures."""
        n = len(self.trace.keys)
        sent = time.monotonic_ns() // 1000
        os.write(self.fd, key.encode())
        self.wait_for(lambda: len(self.trace.keys) > n, 10, f"trace line for key {key!r}")
        self.pump(0.003)  # the output drains; the next key comes on a quiet loop
        k = self.trace.keys[n]
        return {"read_us": k["read_us"], "send_us": k["at_us"] - sent} if timed else None

    def memory(self):
        out = {}
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    out[line.split(":")[0]] = int(line.split()[1])
        return out


def loaded(trace, rows):
    return lambda: any(s["rows"] == rows and s["pending"] == 0 for s in trace.snaps)


def scenarios(d):
    res = {"scroll": [], "pane": [], "filter": []}
    for i in range(150):
        res["scroll"].append(d.press("j"))
    for i in range(60):
        res["scroll"].append(d.press(PGDN))
    for i in range(60):
        res["pane"].append(d.press(TAB))
    for i in range(60):
        res["pane"].append(d.press("12345"[i % 5]))
    d.press("1", timed=False)
    for word in FILTER_WORDS * 3:
        d.press("/", timed=False)
        for ch in word:
            res["filter"].append(d.press(ch))
        for _ in word:
            res["filter"].append(d.press(BACKSPACE))
        d.press(ESC, timed=False)
    return res


def refresh_scenario(d, rows, limit_s):
    """j/k every 10 ms from `r` until every target has answered again."""
    d.press("r", timed=False)
    first_snap = len(d.trace.snaps)
    first_key = len(d.trace.keys)
    sent = []
    start = time.monotonic()
    done = False
    while not done:
        if time.monotonic() - start > limit_s:
            sys.exit(f"tui_drive: the refresh did not finish within {limit_s} s")
        sent.append(time.monotonic_ns() // 1000)
        os.write(d.fd, b"j" if len(sent) % 2 else b"k")
        d.pump(0.010)
        snaps = d.trace.snaps[first_snap:]
        done = any(s["pending"] > 0 for s in snaps) and snaps[-1]["pending"] == 0 and snaps[-1]["rows"] == rows
    d.wait_for(lambda: len(d.trace.keys) >= first_key + len(sent), 30, "trace lines of the refresh keys")
    keys = d.trace.keys[first_key:first_key + len(sent)]
    snaps = d.trace.snaps[first_snap:]
    return {"seconds": time.monotonic() - start,
            "keys": [{"read_us": k["read_us"], "send_us": k["at_us"] - s} for k, s in zip(keys, sent)],
            "snapshots": [s["us"] for s in snaps]}


def quit_program(d):
    try:
        os.write(d.fd, b"q")
    except OSError:
        pass
    end = time.monotonic() + 10
    while time.monotonic() < end:
        d.pump(0.02)
        pid, _ = os.waitpid(d.pid, os.WNOHANG)
        if pid:
            return
    os.kill(d.pid, signal.SIGTERM)
    os.waitpid(d.pid, 0)


def size(text):
    c, r = text.split("x")
    return int(c), int(r)


def main():
    argv = sys.argv[1:]
    cut = argv.index("--")
    opts, cmd = argv[:cut], argv[cut + 1:]
    mode = opts[0]
    flags = {a for a in opts[1:] if a in ("--refresh", "--memory-only")}
    rest = [a for a in opts[1:] if a not in flags]
    opts = dict(zip(rest[0::2], rest[1::2]))
    env = dict(os.environ, TERM=os.environ.get("BENCH_TERM", "xterm-256color"))

    if mode == "peer":
        cols, rows = size(opts["--size"])
        pid, fd = spawn(cmd + [opts["--frames"], opts["--out"]], cols, rows, env)
        d = Driver(pid, fd, Trace("/dev/null"))
        while not d.exited:
            d.pump(0.05)
        os.waitpid(pid, 0)
        print(json.dumps({"frames_us": [int(x) for x in open(opts["--out"])]}))
        return

    trace_path, rows = opts["--trace"], int(opts["--rows"])
    sizes = [size(s) for s in opts.get("--sizes", "200x50,80x24").split(",")]
    env["CERTDECK_TRACE_KEYS"] = trace_path
    t0 = time.monotonic()
    pid, fd = spawn(cmd, *sizes[0], env)
    d = Driver(pid, fd, Trace(trace_path))
    d.wait_for(loaded(d.trace, rows), float(opts.get("--load-timeout", "600")), f"snapshot of {rows} rows")
    out = {"load_seconds": time.monotonic() - t0}
    # resident memory once settled: certdeck gives a refresh's freed buffers
    # back after 2 s without keys (ui/app.c, trim_when_idle)
    d.pump(3.0)
    out["memory_kb"] = d.memory()
    out["held"] = d.trace.held
    if "--memory-only" not in flags:
        out["sizes"] = {}
        for cols, lines in sizes:
            set_size(fd, cols, lines)
            d.pump(0.5)
            out["sizes"][f"{cols}x{lines}"] = scenarios(d)
        if "--refresh" in flags:
            set_size(fd, *sizes[0])
            d.pump(0.5)
            out["refresh"] = refresh_scenario(d, rows, float(opts.get("--load-timeout", "600")))
        out["memory_kb_after"] = d.memory()
    quit_program(d)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
