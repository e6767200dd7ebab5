# readme.sh — the README names no file the repository lacks, and `make demo`
# and `make test` (through their shared build step) print none of make's
# "Entering directory" chatter.
. "$(dirname "$0")/../lib.sh"
: "${CERTDECK_SOURCE_DIR:?run through ctest}"
cd "$CERTDECK_SOURCE_DIR"

# Every path the README names: `a/b`, (a/b.c), table cells; globs must match
missing=$(python3 - <<'PY'
import glob, os, re
text = open("README.md").read()
paths = set(re.findall(r"`([A-Za-z0-9_.\-*]+(?:/[A-Za-z0-9_.\-*]*)+)`", text))
paths |= set(re.findall(r"\(([a-z0-9_\-]+/[A-Za-z0-9_.\-/]+\.[a-z]+)\)", text))
for p in sorted(paths):
    if p.startswith(("build", "/", "$")) or "://" in p:
        continue   # made by the build, or the user's own files
    if not glob.glob(p):
        print(p)
for name in re.findall(r"\b([A-Z]+\.md)\b", text):
    if not os.path.exists(name):
        print(name)
PY
)
[ -z "$missing" ] || { out=$missing; last="README paths"; fail "the README names files the repository lacks"; }

# make's build step, which demo and test share: no directory chatter (the
# build is up to date, so this is quick; demo itself starts the TUI)
build=$(realpath --relative-to=. "$(dirname "$CERTDECK_BIN")")
run make build BUILD="$build" </dev/null
expect_rc 0; expect_out "Built target certdeck"
grep -q "Entering directory\|Leaving directory" <<<"$out$err" && fail "make printed its directory chatter"

echo "readme: all checks passed"
