#!/usr/bin/env python3
"""bench/startup.sh's results file from its starts.tsv (round, component, variant, seconds, Quarkus "started in").

Round 0 is the warm-up and is left out. Ratios are of medians; their min-max comes from the same round's pair, so a
round the whole machine ran slow moves both sides. Goal (issue 20 item 5): each service as shipped (with AppCDS)
ready within 1.5x of the bare Quarkus reference as a team would ship it (without); "unclear" when the min-max of the
per-round ratios straddles the goal.
"""
import statistics
import sys
from collections import defaultdict

GOAL = 1.5
SERVICES = ("catalog", "aggregation", "gateway")


def main(path, command, machine):
    seconds = defaultdict(dict)  # (component, variant) -> round -> s
    started = defaultdict(list)
    for line in open(path):
        rnd, component, variant, s, quarkus = (line.rstrip("\n").split("\t") + [""])[:5]
        if rnd == "0":
            continue
        seconds[(component, variant)][int(rnd)] = float(s)
        if quarkus:
            started[(component, variant)].append(float(quarkus))
    rounds = sorted(seconds[("reference", "nocds")])

    def med(key):
        return statistics.median(seconds[key].values())

    def spread(key):
        values = seconds[key].values()
        return f"{med(key):.2f} ({min(values):.2f}-{max(values):.2f})"

    def ratio(top, bottom):
        per_round = [seconds[top][r] / seconds[bottom][r] for r in rounds if r in seconds[top]]
        return med(top) / med(bottom), min(per_round), max(per_round)

    def verdict(low, high):
        return "met" if high <= GOAL else "not met" if low > GOAL else "unclear"

    print("# Start-to-ready in containers, with and without AppCDS, beside bare Quarkus\n")
    print(f"Command: `{command}` ({machine}). {len(rounds)} rounds after one warm-up round.\n")
    print("Each start is one podman container under the chart's resources.limits and securityContext (the reference "
          "under catalog's: 1 CPU, 768Mi), alone on the machine's PostgreSQL and Redis. Ready: `/q/health/ready` "
          "answering 200 (a service; PostgreSQL and Redis checked) or the first answer to a product read (the "
          "reference: a 404 after a real query), polled every 50 ms from `podman run`. Seconds: median (min-max).\n")
    print("| image | with AppCDS (s) | without (s) | without ÷ with | Quarkus \"started in\", with / without (s) |")
    print("|---|---|---|---|---|")
    for component in ("reference",) + SERVICES:
        cds, nocds = (component, "cds"), (component, "nocds")
        gain, low, high = ratio(nocds, cds)
        quarkus = " / ".join(f"{statistics.median(started[k]):.2f}" if started[k] else "-" for k in (cds, nocds))
        name = "bare Quarkus reference" if component == "reference" else component
        print(f"| {name} | {spread(cds)} | {spread(nocds)} | {gain:.2f} ({low:.2f}-{high:.2f}) | {quarkus} |")
    print(f"\nGoal: each service with AppCDS ÷ the reference without ≤ {GOAL} (like for like, both with AppCDS, beside it):\n")
    print("| service | ÷ reference without AppCDS | goal | verdict | ÷ reference with AppCDS |")
    print("|---|---|---|---|---|")
    for component in SERVICES:
        shipped, low, high = ratio((component, "cds"), ("reference", "nocds"))
        like, like_low, like_high = ratio((component, "cds"), ("reference", "cds"))
        print(f"| {component} | {shipped:.2f} ({low:.2f}-{high:.2f}) | ≤ {GOAL} | {verdict(low, high)} "
              f"| {like:.2f} ({like_low:.2f}-{like_high:.2f}) |")


if __name__ == "__main__":
    main(*sys.argv[1:4])
