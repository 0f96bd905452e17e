#!/usr/bin/env python3
"""check-layers.py — the backend's shape, checked: the kernel names no resource, and no two
resource folders depend on each other, directly or round a longer circle.

    scripts/check-layers.py            # prints the resource graph's layers; exit 1 on a breach

Reads every `crate::…` path in backend/src (comments left out) — `use` lines, grouped imports
and paths written in full alike:
  - kernel modules (db, http, auth, events, jobs, mail, subjects, config and the small shared
    ones: markdown, slugs, types, workdays) may not name `crate::resources`, `crate::app`,
    `crate::cli`, `crate::seed` or `crate::seed_large`;
  - `resources/shared` (summary types several resources show) may name the kernel only;
  - a resource folder may name another one, never in a circle: the folders must be orderable
    so that every dependency points down.
A breach prints the file, the line and the name, so that it can be mended where it is.
"""

import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "backend" / "src"
KERNEL = {"db", "http", "auth", "events", "jobs", "mail", "subjects", "config", "markdown", "slugs", "types", "workdays"}
ABOVE_KERNEL = {"resources", "app", "cli", "seed", "seed_large"}
SHARED = "shared"


def code_of(text):
    """The text without comments (line, block and doc comments) nor string literals."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    out.append("\n" if text[i] == "\n" else " ")
                    i += 1
        elif text.startswith('r#"', i) or text.startswith('r"', i):
            hashes = 1 if text[i + 1] == "#" else 0
            end = '"' + "#" * hashes
            j = text.find(end, i + 2 + hashes)
            chunk = text[i : (n if j < 0 else j + len(end))]
            out.append("\n" * chunk.count("\n"))
            i = n if j < 0 else j + len(end)
        elif text[i] == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append("\n" * text[i:j].count("\n"))
            i = j + 1
        elif text[i] == "'" and i + 2 < n and (text[i + 2] == "'" or (text[i + 1] == "\\" and "'" in text[i + 2 : i + 5])):
            j = text.find("'", i + 2)
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def brace_items(body):
    """Top-level names of a grouped import's braces (`{a, b::C, d::{e, f}}` → a, b, d)."""
    items, depth, current = [], 0, ""
    for ch in body:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if ch == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += ch
    items.append(current)
    return [re.split(r"::|\s", item.strip())[0] for item in items if item.strip()]


PATH = re.compile(r"\bcrate::(\w+)(?:::(\{|\w+))?")


def references(path):
    """(line, top module, second segment or None) for every `crate::…` path of the file."""
    text = code_of(path.read_text(encoding="utf-8"))
    found = []
    for m in PATH.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        top, second = m.group(1), m.group(2)
        if second == "{":
            depth, j = 1, m.end()
            while j < len(text) and depth:
                depth += {"{": 1, "}": -1}.get(text[j], 0)
                j += 1
            if top == "resources":
                found.extend((line, top, name) for name in brace_items(text[m.end() : j - 1]))
            else:
                found.append((line, top, None))
        else:
            found.append((line, top, second))
    return found


def place(path):
    """('kernel', module) | ('resource', folder) | ('other', module) for a file of backend/src."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[0] == "resources" and len(parts) > 1 and parts[1] != "mod":
        return ("resource", parts[1])
    return ("kernel" if parts[0] in KERNEL else "other", parts[0])


def main():
    breaches = []
    graph = defaultdict(set)
    why = {}
    for path in sorted(ROOT.rglob("*.rs")):
        kind, name = place(path)
        for line, top, second in references(path):
            where = f"{path.relative_to(ROOT.parent.parent)}:{line}"
            if kind == "kernel" and top in ABOVE_KERNEL:
                breaches.append(f"{where}: the kernel module `{name}` names `crate::{top}`")
            elif kind == "resource" and name == SHARED and top in ABOVE_KERNEL:
                breaches.append(f"{where}: `resources/shared` names `crate::{top}` (it may name the kernel only)")
            elif kind == "resource" and top == "resources" and second and second != name and second != "mod":
                graph[name].add(second)
                why.setdefault((name, second), where)
    # Circles between folders: Tarjan's strongly connected components.
    index, low, stack, on_stack, components = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            components.append(component)

    sys.setrecursionlimit(10000)
    for v in sorted(set(graph) | {w for ws in graph.values() for w in ws}):
        if v not in index:
            visit(v)
    for component in components:
        if len(component) > 1:
            members = sorted(component)
            edges = [f"{a} -> {b} ({why[(a, b)]})" for a in members for b in sorted(graph[a]) if b in component]
            breaches.append("resource folders in a circle: " + ", ".join(members) + "\n      " + "\n      ".join(edges))
    # Layers, bottom up, for the record.
    depth = {}

    def level(v, seen=()):
        if v in depth:
            return depth[v]
        if v in seen:
            return 0
        depth[v] = 1 + max((level(w, seen + (v,)) for w in graph.get(v, ())), default=-1)
        return depth[v]

    folders = sorted({p.name for p in (ROOT / "resources").iterdir() if p.is_dir()})
    layers = defaultdict(list)
    for folder in folders:
        layers[level(folder)].append(folder)
    print("check-layers: resource folders by layer (each depends only on lower ones):")
    for n in sorted(layers):
        print(f"  {n}: {' '.join(layers[n])}")
    if breaches:
        print(f"check-layers: {len(breaches)} breach(es):", file=sys.stderr)
        for b in breaches:
            print(f"  {b}", file=sys.stderr)
        return 1
    print("check-layers: OK: the kernel names no resource, and no resource folders form a circle")
    return 0


if __name__ == "__main__":
    sys.exit(main())
