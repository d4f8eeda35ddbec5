#!/usr/bin/env python3
"""bench/surge.sh's report: per-second figures from the Service stand-in's access log and the driver's records,
a PNG and a markdown file. Usage: surge_report.py WORK_DIR RESULT_PREFIX COMMAND"""
import json
import math
import os
import socket
import sys
import time
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def tsv(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def tsv_last(path):
    rows = tsv(path)
    return [(0, 0, 0, 0, 0, int(rows[-1][5]) if rows and len(rows[-1]) > 5 else 0)]


def p99(values):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, math.ceil(0.99 * len(values)) - 1)]


def main(work, prefix, command):
    phases = [(p[0], float(p[1]), float(p[2]), float(p[3]), p[4] if len(p) > 4 else "") for p in tsv(f"{work}/phases.tsv")]
    settings = {s[0]: s[1:] for s in tsv(f"{work}/settings.tsv")}
    t0 = phases[0][1]
    end = phases[-1][2]
    step = next(p for p in phases if p[0] == "surge")
    # per second: latencies (s) of every answered request, statuses
    lat, ok, shed, failed = defaultdict(list), defaultdict(int), defaultdict(int), defaultdict(int)
    # 499: the client closed the connection before the answer; at the end of each wrk run that is wrk stopping with
    # requests in flight (not a failure), elsewhere it is wrk's 5-s timeout giving up (a failure)
    run_ends = [p[2] for p in phases]
    aborted_at_end = 0
    with open(f"{work}/access.log") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3:
                continue
            t, status, rt = float(parts[0]), int(parts[1]), float(parts[2])
            if t < t0 or t > end:
                continue
            sec = int(t - t0)
            lat[sec].append(rt * 1000)
            if status < 400:
                ok[sec] += 1
            elif status in (429, 503):
                shed[sec] += 1
            elif status >= 500:
                failed[sec] += 1
            elif status == 499:
                if any(abs(t - e) < 2 for e in run_ends):
                    aborted_at_end += 1
                else:
                    failed[sec] += 1
    seconds = list(range(int(end - t0) + 1))
    timeline = [(float(r[0]) - t0, int(r[1]), int(r[2]), int(r[3]), int(r[4]), int(r[5]) if len(r) > 5 else 0)
                for r in tsv(f"{work}/timeline.tsv")]
    restarts = max((r[5] for r in tsv_last(f"{work}/timeline.tsv")), default=0)
    timeline = [r for r in timeline if -5 <= r[0] <= end - t0 + 5]
    hpa = [(float(r[0]) - t0, int(r[1]), int(r[2]), r[3], r[4], r[5]) for r in tsv(f"{work}/hpa.tsv")]

    base = next(p for p in phases if p[0] == "baseline")
    pre = [v for s in seconds if base[2] - 60 - t0 <= s < base[2] - t0 for v in lat[s]]
    pre99 = p99(pre)
    # p99 per 10-s window from the step; recovered at the start of the first window after which every window of the
    # surge phase stays within 2x the pre-surge p99
    windows = []
    s = int(step[1] - t0)
    while s + 10 <= step[2] - t0:
        windows.append((s, p99([v for x in range(s, s + 10) for v in lat[x]])))
        s += 10
    recovered = None
    for i, (ws, _) in enumerate(windows):
        if all(w <= 2 * pre99 for _, w in windows[i:]):
            recovered = ws - (step[1] - t0)
            break
    worst = max((w for _, w in windows), default=float("nan"))
    wrk_errors = 0
    for p in phases:
        if p[4]:
            j = json.loads(p[4])
            wrk_errors += j["connect"] + j["read"] + j["write"] + j["timeout"]
    total_failed = sum(failed.values())
    total = sum(len(v) for v in lat.values())
    max_spec = max(r[1] for r in timeline)
    min_spec = min(r[1] for r in timeline)
    surge_end = step[2] - t0
    downs = [h for h in hpa if h[2] < h[1] and h[0] > surge_end]
    first_down = downs[0][0] - surge_end if downs else None
    at_min = next((r[0] - surge_end for r in timeline if r[0] > surge_end and r[1] == min_spec and downs), None)
    loadavg = [float(line.split()[1]) for line in open(f"{work}/loadavg.tsv")] if os.path.exists(f"{work}/loadavg.tsv") else []

    fig, ax = plt.subplots(4, 1, figsize=(11, 11), sharex=True)
    ts = [r[0] for r in timeline]
    ax[0].step(ts, [r[1] for r in timeline], where="post", label="spec.replicas (HPA)")
    ax[0].step(ts, [r[3] for r in timeline], where="post", label="Ready (Service endpoints)")
    ax[0].step(ts, [r[4] for r in timeline], where="post", label="terminating", alpha=0.6)
    ax[0].set_ylabel("gateway pods")
    ax[0].legend(loc="upper right")
    ax[1].plot(seconds, [ok[s] for s in seconds], lw=0.8, label="served (2xx/3xx)")
    for p in phases:
        ax[1].hlines(p[3], p[1] - t0, p[2] - t0, colors="grey", linestyles="dashed")
    ax[1].set_ylabel("req/s")
    ax[1].legend(loc="upper right", title="dashed: offered")
    ax[2].plot(seconds, [p99(lat[s]) for s in seconds], lw=0.8, label="p99 per second")
    ax[2].plot([w[0] + 5 for w in windows], [w[1] for w in windows], "o-", ms=3, label="p99 per 10 s (surge)")
    ax[2].axhline(2 * pre99, color="red", ls="--", lw=0.8, label=f"2x pre-surge p99 ({pre99:.1f} ms)")
    ax[2].set_yscale("log")
    ax[2].set_ylabel("p99 (ms), at the Service")
    ax[2].legend(loc="upper right")
    ax[3].plot(seconds, [shed[s] for s in seconds], lw=0.8, label="429/503 (rejections)")
    ax[3].plot(seconds, [failed[s] for s in seconds], lw=0.8, color="red", label="failed (other 5xx, client timeouts)")
    ax[3].set_ylabel("responses/s")
    ax[3].set_xlabel("seconds from the start of the baseline load")
    ax[3].legend(loc="upper right")
    for a in ax:
        for p in phases[1:]:
            a.axvline(p[1] - t0, color="black", lw=0.5)
    fig.suptitle(f"Gateway surge: {' / '.join(f'{p[0]} {p[3]:.0f} req/s' for p in phases)}")
    fig.tight_layout()
    fig.savefig(prefix + ".png", dpi=90)

    fmt = lambda v, unit="s": "not reached" if v is None else f"{v:.0f} {unit}"  # noqa: E731
    cap = settings.get("capacity", ["", "", ""])
    with open(prefix + ".md", "w") as out:
        w = out.write
        w(f"# Gateway surge through the ported HPA: {time.strftime('%Y-%m-%d %H:%M', time.gmtime(t0))} UTC, {socket.gethostname()}\n\n")
        w(f"Command: `{command}` ({os.cpu_count()} cores). Load average: {open(f'{work}/loadavg-start').read().strip()} at the start")
        if loadavg:
            w(f", {min(loadavg):.1f}-{max(loadavg):.1f} during the run (mean {sum(loadavg) / len(loadavg):.1f})")
        w(": the machine is shared with other sessions, which take CPU from the containers, nginx and wrk alike.\n\n")
        w(f"HPA (rendered chart): `{settings['hpa'][0]}`; requests `{settings['requests'][0]}`; preStop/grace {settings['preStop/grace'][0]} s.\n\n")
        w(f"One pod's capacity: {float(cap[2]):.0f} req/s{' (given: CAPACITY)' if 'CAPACITY=' in command else ''}; measured: 2xx answers per CPU-second of the gateway containers, best of three 10-s windows at 300 req/s after 60 s of warm-up ({cap[0]}, {float(cap[1]):.1f} CPU-s), x the pod's CPU request.\n\n")
        w("| phase | seconds | offered req/s | wrk: req/s | wrk: p99 (ms) | wrk: socket errors | wrk: non-2xx |\n|---|---|---|---|---|---|---|\n")
        for p in phases:
            j = json.loads(p[4]) if p[4] else None
            w(f"| {p[0]} | {p[2] - p[1]:.0f} | {p[3]:.0f} | {j['rps'] if j else '(stopped)'} | {j['p99'] if j else ''} | "
              f"{(j['connect'] + j['read'] + j['write'] + j['timeout']) if j else ''} | {j['non2xx'] if j else ''} |\n")
        w("\n| figure | value |\n|---|---|\n")
        w(f"| pre-surge p99 (last 60 s of the baseline, at the Service) | {pre99:.1f} ms |\n")
        w(f"| worst 10-s p99 during the surge | {worst:.1f} ms |\n")
        w(f"| time from the step to p99 back within 2x pre-surge (and staying) | {fmt(recovered)} |\n")
        w(f"| requests answered at the Service | {total} |\n")
        w(f"| rejections (429/503) | {sum(shed.values())} |\n")
        w(f"| failed (5xx other than 503, and 499 = wrk gave up after 5 s, at the Service) | {total_failed} |\n")
        w(f"| 499 at the end of a wrk run (requests in flight when wrk stopped; not counted) | {aborted_at_end} |\n")
        w(f"| wrk socket errors (connect/read/write/timeout) | {wrk_errors} |\n")
        w(f"| replicas: min / max | {min_spec} / {max_spec} |\n")
        w(f"| container restarts (exited: its port, in the ephemeral range, taken at bind; restarted after 10 s) | {restarts} |\n")
        w(f"| first scale-down after the surge ended | {fmt(first_down)} |\n")
        w(f"| back at minReplicas after the surge ended | {fmt(at_min)} |\n\n")
        w("HPA syncs (s from the baseline's start; current -> desired; CPU and memory utilization of requests, %):\n\n")
        w("| t | current | desired | cpu % | memory % | reason |\n|---|---|---|---|---|---|\n")
        for h in hpa:
            w(f"| {h[0]:.0f} | {h[1]} | {h[2]} | {h[3]} | {h[4]} | {h[5]} |\n")
        w(f"\n![surge]({os.path.basename(prefix)}.png)\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
