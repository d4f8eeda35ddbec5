"""Keeps bench/results/ to what the repository's Markdown quotes and the latest few runs (make bench-prune APPLY=1).
A results file stays when a Markdown file outside bench/results names it, or when it is one of the latest KEEP runs
of its kind (the suffix after the host: none for `make bench`, -containers, -surge, -tracing, ...). A plot stays
only with one of those latest runs or when a Markdown file outside bench/results shows it itself; a kept file's
links to plots that go are replaced by a line that says so. Deletions go through `git rm`; a dry run by default.
usage: prune_results.py [--apply] [KEEP]"""
import collections
import pathlib
import re
import subprocess
import sys

apply = "--apply" in sys.argv
keep = int(next((a for a in sys.argv[1:] if a.isdigit()), "3"))
results = pathlib.Path("bench/results")
RUN = re.compile(r"^(\d{4}-\d{2}-\d{2}(?:-\d{6})?)-([a-z0-9]+)(-[a-z]+)?"
                 r"(?:-(?:latency|overload|throughput))?\.(md|png)$")
KINDS = {"containers", "surge", "tracing", "reads", "startup", "fanout", "search", "scale"}
PLOT_LINK = re.compile(r"!\[[^\]]*\]\(([^)]+\.png)\)")
NOT_KEPT = "*(plot {} removed from git by `make bench-prune`; the tables are the record)*"

tracked = subprocess.run(["git", "ls-files", "*.md"], capture_output=True, text=True, check=True).stdout.split()
quoting = "\n".join(pathlib.Path(p).read_text() for p in tracked if not p.startswith("bench/results/"))
files = sorted(p for p in subprocess.run(["git", "ls-files", str(results)], capture_output=True, text=True,
                                         check=True).stdout.split())


def run_of(path):
    """(stamp, kind) of a results file; the stamp sorts by time (a bare date sorts before that day's runs)."""
    m = RUN.match(pathlib.Path(path).name)
    if not m:
        return None
    suffix = (m.group(3) or "").lstrip("-")
    kind = suffix if suffix in KINDS else ""  # a plot's own suffix is not a kind
    stamp = m.group(1) if len(m.group(1)) > 10 else m.group(1) + "-000000"
    return f"{stamp}-{m.group(2)}-{kind}", kind


runs = collections.defaultdict(set)
for f in files:
    r = run_of(f)
    if r:
        runs[r[1]].add(r[0])
latest = {stamp for stamps in runs.values() for stamp in sorted(stamps)[-keep:]}

gone = []
for f in files:
    r, name = run_of(f), pathlib.Path(f).name
    if r is None or r[0] in latest:
        continue
    shown = name.endswith(".png") and re.search(rf"\]\([^)]*{re.escape(name)}\)", quoting)
    quoted = name.endswith(".md") and name[:-3] in quoting
    if not (shown or quoted):
        gone.append(f)

for f in files:
    if f.endswith(".md") and f not in gone:
        text = pathlib.Path(f).read_text()
        pruned = PLOT_LINK.sub(lambda m: NOT_KEPT.format(m.group(1)) if str(results / m.group(1)) in gone
                               else m.group(0), text)
        if pruned != text:
            print(f"unlinks pruned plots in {f}")
            if apply:
                pathlib.Path(f).write_text(pruned)
for f in gone:
    print(f"removes {f}")
if apply and gone:
    subprocess.run(["git", "rm", "-q", *gone], check=True)
if not apply:
    print("(dry run: `make bench-prune APPLY=1` does it)")
