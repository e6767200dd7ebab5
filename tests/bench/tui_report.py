#!/usr/bin/env python3
"""tui_report.py DIR N STORE — the table of tests/bench/tui-bench.sh from the
driver's JSON in DIR (full.json, empty.json, peer-SIZE.json) and
the PEMs in certdeck-emu's STORE; exits 1 when a budget is missed."""
import json
import sys

KEY_BUDGET_MS = 5.0
MEMORY_BUDGET_B = 1.5 * 1024
REFRESH_BUDGET_MS = 16.0


def pct(values, p):
    """Nearest-rank percentile."""
    v = sorted(values)
    return v[max(0, min(len(v) - 1, -(-len(v) * p // 100) - 1))]


def main():
    tmp, n, store = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    full = json.load(open(f"{tmp}/full.json"))
    empty = json.load(open(f"{tmp}/empty.json"))
    ok = True
    if not full["held"] or full["held"]["rows"] != n:
        print(f"tui-bench: the TUI shows {full['held'] and full['held']['rows']} certificates, not {n}")
        return 2

    print(f"{n} certificates over ELB, WAF, APIC, CAE; loaded by the TUI in {full['load_seconds']:.1f} s")
    print()
    print("key to screen (ms, certdeck's read of the key to the end of refresh())")
    print(f"  {'screen':8} {'keys':14} {'n':>4} {'median':>7} {'p99':>7} {'max':>7}"
          f" {'written→shown p99':>18}  {'/ bare repaint (median)':>24}")
    for size, res in full["sizes"].items():
        peer = json.load(open(f"{tmp}/peer-{size}.json"))["frames_us"]
        peer_med = pct(peer, 50) / 1000
        print(f"  {size:8} {'bare repaint':14} {len(peer):4} {peer_med:7.2f} {pct(peer, 99) / 1000:7.2f}"
              f" {max(peer) / 1000:7.2f} {'':18}  {'(repaint-peer: every cell)':>24}")
        for name, what in (("scroll", "j, PgDn"), ("pane", "Tab, 1–5"), ("filter", "type, Backspace")):
            keys = res[name]
            read = [k["read_us"] / 1000 for k in keys]
            sent = [k["send_us"] / 1000 for k in keys]
            med, p99 = pct(read, 50), pct(read, 99)
            miss = med > KEY_BUDGET_MS or p99 > KEY_BUDGET_MS
            ok &= not miss
            print(f"  {size:8} {what:14} {len(keys):4} {med:7.2f} {p99:7.2f} {max(read):7.2f}"
                  f" {pct(sent, 99):18.2f}  {med / peer_med:23.2f}x{'  OVER 5 ms' if miss else ''}")

    # the PEM text certdeck's records keep (APIC answers carry none), from the trace
    pem = full["held"]["pem_bytes"]
    store_pem = sum(len(c["certificate"]) + 1 for c in json.load(open(store))["certificates"])
    rss_full, rss_empty = full["memory_kb"]["VmRSS"] * 1024, empty["memory_kb"]["VmRSS"] * 1024
    per = (rss_full - rss_empty - pem) / n
    print()
    print("memory (VmRSS after loading; VmHWM in brackets)")
    print(f"  with {n:,} certificates   {rss_full / 2**20:8.1f} MiB  ({full['memory_kb']['VmHWM'] / 1024:.1f})")
    print(f"  with none                  {rss_empty / 2**20:8.1f} MiB  ({empty['memory_kb']['VmHWM'] / 1024:.1f})")
    print(f"  PEM text kept              {pem / 2**20:8.1f} MiB  ({pem / n:.0f} B per certificate;"
          f" the emulator holds {store_pem / 2**20:.1f} MiB)")
    print(f"  per certificate, PEM aside {per:8.0f} B    budget {MEMORY_BUDGET_B:.0f} B"
          f" ({per / MEMORY_BUDGET_B:.2f} of it){'  OVER' if per > MEMORY_BUDGET_B else ''}")
    print(f"  after the key runs and a refresh: VmRSS {full['memory_kb_after']['VmRSS'] / 1024:.1f} MiB,"
          f" VmHWM {full['memory_kb_after']['VmHWM'] / 1024:.1f} MiB")
    ok &= per <= MEMORY_BUDGET_B

    r = full["refresh"]
    sent = [k["send_us"] / 1000 for k in r["keys"]]
    read = [k["read_us"] / 1000 for k in r["keys"]]
    worst = max(sent)
    print()
    print(f"refresh of every target ({r['seconds']:.1f} s) with j/k every 10 ms: {len(sent)} keys")
    print(f"  key written → shown        median {pct(sent, 50):.2f} ms, p99 {pct(sent, 99):.2f} ms,"
          f" worst {worst:.2f} ms   budget {REFRESH_BUDGET_MS:.0f} ms{'  OVER' if worst > REFRESH_BUDGET_MS else ''}")
    print(f"  key read → shown           median {pct(read, 50):.2f} ms, worst {max(read):.2f} ms")
    print(f"  new snapshots taken        {len(r['snapshots'])}, each {min(r['snapshots']) / 1000:.1f}–"
          f"{max(r['snapshots']) / 1000:.1f} ms from wake-up to screen")
    ok &= worst <= REFRESH_BUDGET_MS
    print()
    print("budgets (keys ≤ 5 ms median and p99, ≤ 1.5 KB per certificate, refresh ≤ 16 ms per key):",
          "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
