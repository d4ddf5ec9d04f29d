"""The package's import graph, imports inside functions included, and its cycles.

Usage::

    python tools/import_graph.py            # cycles (strongly connected components) and the imports that close them
    python tools/import_graph.py --edges    # every edge, marked (f) where the import sits inside a function
    python tools/import_graph.py --json     # machine-readable: {"modules": [...], "edges": [...], "cycles": [...]}

Exit code 1 if there is a cycle. An edge A -> B means module A names module B in an import statement anywhere in
its file (module level, function, method or `if TYPE_CHECKING:` block; all count, since a cycle hidden in a
function is still a cycle in the design). `from pkg import name` counts as an edge to `pkg.name` when that is a
module, otherwise to `pkg` (its `__init__`). Implicit imports of parent packages are not counted.
"""
from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "costmodel"


def modules(src: Path = SRC) -> dict[str, Path]:
    found = {}
    for path in sorted((src / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _is_package(name: str, known: dict[str, Path]) -> bool:
    return known[name].name == "__init__.py"


def edges(known: dict[str, Path] | None = None) -> list[tuple[str, str, bool, int]]:
    """(importer, imported, inside a function, line) for every import of a module of the package."""
    known = known or modules()
    out = []
    for name, path in known.items():
        package = name if _is_package(name, known) else name.rsplit(".", 1)[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))

        def visit(node: ast.AST, in_function: bool) -> None:
            for child in ast.iter_child_nodes(node):
                nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                targets: list[str] = []
                if isinstance(child, ast.Import):
                    targets = [alias.name for alias in child.names]
                elif isinstance(child, ast.ImportFrom):
                    if child.level:
                        base = package.split(".")
                        base = base[: len(base) - (child.level - 1)]
                        base_name = ".".join(base + ([child.module] if child.module else []))
                    else:
                        base_name = child.module or ""
                    for alias in child.names:
                        sub = f"{base_name}.{alias.name}"
                        targets.append(sub if sub in known else base_name)
                for target in targets:
                    # `import costmodel.x.y` names costmodel.x.y; an unknown tail (an attribute) falls to its module
                    while target and target not in known and "." in target:
                        target = target.rsplit(".", 1)[0]
                    if target in known and target != name:
                        out.append((name, target, in_function, child.lineno))
                visit(child, nested)

        visit(tree, False)
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def analyse() -> dict:
    known = modules()
    all_edges = sorted(set(edges(known)))
    graph: dict[str, set[str]] = {name: set() for name in known}
    for a, b, _, _ in all_edges:
        graph[a].add(b)
    return {"modules": sorted(known), "edges": all_edges, "cycles": cycles(graph)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    found = analyse()
    if args.json:
        print(json.dumps(found, indent=1))
    elif args.edges:
        for a, b, inner, line in sorted(set(found["edges"])):
            print(f"{a} -> {b}{' (f)' if inner else ''}  line {line}")
    inner = sum(1 for e in found["edges"] if e[2])
    if not args.json:
        print(f"{len(found['modules'])} modules, {len(found['edges'])} imports ({inner} inside functions), "
              f"{len(found['cycles'])} cycle(s)")
        for component in found["cycles"]:
            members = set(component)
            print(f"\ncycle of {len(component)}: {', '.join(component)}")
            for a, b, fn, line in found["edges"]:
                if a in members and b in members:
                    print(f"  {a} -> {b}{' (in function)' if fn else ''}  line {line}")
    return 1 if found["cycles"] else 0


if __name__ == "__main__":
    sys.exit(main())
