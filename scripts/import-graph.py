#!/usr/bin/env python3
"""Prints, for each service, which of its packages import which (main sources only) as a Mermaid graph.

Usage: scripts/import-graph.py [module ...]   (default: gateway catalog-service aggregation-service)
An edge A --> B means a class in A imports a class in B. Edges that close a cycle between packages are drawn
dashed and listed after the graph: those are the imports that climb back up.
"""
import itertools
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
IMPORT = re.compile(r"^import\s+(?:static\s+)?([\w.]+)\s*;", re.M)
PACKAGE = re.compile(r"^package\s+([\w.]+)\s*;", re.M)


def edges(module):
    src = ROOT / module / "src/main/java"
    pkgs, found = set(), {}
    for f in sorted(src.rglob("*.java")):
        text = f.read_text()
        pkg = PACKAGE.search(text).group(1)
        pkgs.add(pkg)
        found[f] = (pkg, IMPORT.findall(text))
    parts = [p.split(".") for p in pkgs]
    base = ".".join(seg[0] for seg in itertools.takewhile(lambda seg: len(set(seg)) == 1, zip(*parts)))
    result = set()
    for pkg, imports in found.values():
        # a service's own packages only: the shared modules (contracts, internal-auth) sit below every one of them
        for imp in imports:
            target = max((p for p in pkgs if imp.startswith(p + ".")), key=len, default=None)
            if target and target != pkg:
                result.add((pkg, target))
    short = lambda p: p[len(base):].lstrip(".") or "(root)"
    return {(short(a), short(b)) for a, b in result}


def node(package):
    """A Mermaid node id: letters, digits and underscores only."""
    return re.sub(r"\W", "_", package)


def reachable(graph, start, goal):
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            todo.extend(b for a, b in graph if a == node)
    return False


def main(modules):
    for module in modules:
        graph = edges(module)
        cyclic = sorted((a, b) for a, b in graph if reachable(graph, b, a))
        print(f"#### {module}\n\n```mermaid\nflowchart TD")
        for a, b in sorted(graph):
            arrow = "-.->" if (a, b) in cyclic else "-->"
            print(f'  {node(a)}["{a}"] {arrow} {node(b)}["{b}"]')
        print("```\n")
        print(f"{len(graph)} imports between packages, {len(cyclic)} in a cycle"
              + (": " + ", ".join(f"{a} → {b}" for a, b in cyclic) if cyclic else "") + ".\n")


if __name__ == "__main__":
    main(sys.argv[1:] or ["gateway", "catalog-service", "aggregation-service"])
