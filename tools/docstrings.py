"""Public definitions of the package without a docstring (functions, classes, methods not starting with '_').

Usage: python tools/docstrings.py [--count]   (exit code 1 if any)
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "costmodel"


def missing(src: Path = SRC) -> list[str]:
    out = []
    for path in sorted(src.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = path.relative_to(src.parent)

        def visit(node: ast.AST, prefix: str, public_scope: bool) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    public = public_scope and not child.name.startswith("_")
                    if public and ast.get_docstring(child) is None:
                        out.append(f"{rel}:{child.lineno}: {prefix}{child.name}")
                    if isinstance(child, ast.ClassDef):  # methods of a public class; not nested functions
                        visit(child, f"{prefix}{child.name}.", public)

        visit(tree, "", True)
    return out


if __name__ == "__main__":
    found = missing()
    if "--count" not in sys.argv:
        print("\n".join(found))
    print(f"{len(found)} public definitions without a docstring", file=sys.stderr)
    sys.exit(1 if found else 0)
