#!/usr/bin/env python3
"""Profiles for the bench report. As a command (bench/profile.sh runs it):
  profiles.py NAME < `jfr print --events jdk.ExecutionSample --stack-depth 300 X.jfr` >> profiles.jsonl
summarizes JFR execution samples (Java code on CPU; time in the kernel or waiting is not sampled) as shares of
all samples: by component (each sample once, see AREAS), inclusive shares of the suite's own classes (a sample
counts once per class on its stack), and the hottest leaf methods."""
import json
import os
import re
import sys
from collections import Counter

# Where a sample's CPU time goes: the innermost frame of one of these components (JDK frames, e.g. a HashMap
# lookup, are charged to the component that called them; socket I/O is a component of its own).
AREAS = [
    ("socket reads and writes (JDK NIO)", re.compile(r"^sun\.nio\.ch\.(SocketDispatcher|IOUtil|SocketChannelImpl)\.")),
    ("io.scalingsuite.* (the suite; the reference's handler)", re.compile(r"^io\.scalingsuite\.")),
    ("Redis client (Vert.x, Quarkus)", re.compile(r"^io\.(vertx\.redis|quarkus\.redis)\.")),
    ("Micrometer", re.compile(r"^io\.micrometer\.")),
    ("Vert.x HTTP client and pool", re.compile(r"^io\.vertx\.core\.(http\.impl\.(Http1xClient|HttpClient|ClientHttp)|net\.impl\.pool)")),
    ("Vert.x core (HTTP server, contexts, buffers)", re.compile(r"^io\.vertx\.core\.")),
    ("Quarkus and Vert.x Web (router, request context)", re.compile(r"^io\.(quarkus|vertx\.ext\.web|smallrye)\.")),
    ("Netty HTTP codec", re.compile(r"^io\.netty\.handler\.codec\.")),
    ("Netty (event loop, pipeline, buffers)", re.compile(r"^io\.netty\.")),
    ("Jackson", re.compile(r"^com\.fasterxml\.jackson\.")),
    ("Hibernate, Agroal, JDBC driver", re.compile(r"^(org\.hibernate|org\.postgresql|io\.agroal)\.")),
]
JDK = re.compile(r"^(java|javax|jdk|sun|com\.sun)\.")
OWN = re.compile(r"^io\.scalingsuite\.")
FRAME = re.compile(r"^\s+([\w$.]+)\.([\w$<>]+)\(")


def area(stack):
    for cls, _ in stack:
        for label, pattern in AREAS:
            if pattern.match(cls):
                return label
        if not JDK.match(cls):
            return "other libraries"
    return "JDK only (no other frame on the stack)"


def samples(lines):
    stack, inside = [], False
    for line in lines:
        if line.strip().startswith("stackTrace = ["):
            stack, inside = [], True
        elif inside and line.strip() == "]":
            inside = False
            if stack:
                yield stack
        elif inside:
            m = FRAME.match(line)
            if m:
                stack.append((m.group(1), m.group(2)))


def summarize(name):
    total, leaf, own, areas = 0, Counter(), Counter(), Counter()
    for stack in samples(sys.stdin):
        total += 1
        cls, method = stack[0]
        leaf[f"{cls.rsplit('.', 1)[-1]}.{method}"] += 1
        own.update({c.replace("io.scalingsuite.", "") for c, _ in stack if OWN.match(c)})
        areas[area(stack)] += 1

    def shares(counter, n):
        return [[k, round(100.0 * v / max(1, total), 1)] for k, v in counter.most_common(n)]

    json.dump({"kind": "profile", "name": name, "samples": total, "self": shares(leaf, 12),
               "own": shares(own, 12), "areas": shares(areas, len(AREAS) + 2)}, sys.stdout)
    print()


def markdown(path):
    """The report's section: CPU per request side by side, then the JFR summaries side by side."""
    if not os.path.exists(path):
        return []
    rows = [json.loads(line) for line in open(path) if line.strip()]
    cpu = {r["name"]: r for r in rows if r["kind"] == "cpu"}
    prof = [r for r in rows if r["kind"] == "profile"]
    out = ["## Profiles", "",
           "After the scenarios, on the same processes, one wrk run each (bench/profile.sh). CPU per request: user and "
           "system time of the process (nginx: its workers) from /proc, no profiler attached.", "",
           "| Process | req/s | user µs/request | system µs/request | total µs/request |", "|---|---|---|---|---|"]
    for name, r in cpu.items():
        out.append(f"| {name} | {r['requests'] / r['seconds']:,.0f} | {r['user_us']:.1f} | {r['system_us']:.1f} | "
                   f"{r['user_us'] + r['system_us']:.1f} |")
    for a, b in (("gateway-hit", "bare-quarkus"), ("gateway-proxy", "nginx-proxy")):
        if a in cpu and b in cpu:
            ratio = (cpu[a]["user_us"] + cpu[a]["system_us"]) / max(1e-9, cpu[b]["user_us"] + cpu[b]["system_us"])
            out.append(f"\n{a} uses {ratio:.2f}× the CPU per request of {b}.")
    if not prof:
        return out
    heads = " | ".join(f"{p['name']} ({p['samples']:,} samples)" for p in prof)
    rule = "|---" * (len(prof) + 1) + "|"

    def side_by_side(title, key, first_column):
        names = list(dict.fromkeys(k for p in prof for k, _ in p[key]))
        table = ["", title, "", f"| {first_column} | {heads} |", rule]
        for k in names:
            table.append(f"| {k} | " + " | ".join(f"{dict(p[key]).get(k, '')}" for p in prof) + " |")
        return table

    out += ["", "JFR execution samples every 1 ms during a second run of the same load: Java code on a CPU only (kernel "
            "time and waiting are not sampled). Shares are % of each profile's samples."]
    out += side_by_side("By component (the innermost frame of one; JDK frames count for their caller):", "areas",
                        "Component")
    out += side_by_side("The suite's classes, inclusive (the class anywhere on the stack):", "own", "Class")
    out += ["", "Hottest leaf methods (self):", "", f"| # | {heads} |", rule]
    for i in range(max(len(p["self"]) for p in prof)):
        cells = [f"{p['self'][i][0]} {p['self'][i][1]}" if i < len(p["self"]) else "" for p in prof]
        out.append(f"| {i + 1} | " + " | ".join(cells) + " |")
    return out


if __name__ == "__main__":
    summarize(sys.argv[1])
