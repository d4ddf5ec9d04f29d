"""Rewrite imports after the package moves of issue 13 (old module path -> new module path).

Usage::

    python tools/rewrite_imports.py FILE_OR_DIR ...   # rewrites in place, prints what changed

Handles relative and absolute `from X import ...` (also `from . import module as alias`, which it splits when the
names now live in different packages), `import costmodel.X` and dotted strings "costmodel.old.name" (monkeypatch
targets). A file is read as sitting at its *current* path under src/ (so run it after `git mv`); a file outside
src/ (tests, tools) can only use absolute imports and is rewritten the same way. A relative import that already
names an existing module from the file's current place is left alone, so running it twice, or on files moved
already, changes nothing. Helpers merging `move-done` can run it on files they created before the move.
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

MOVES = {
    "costmodel.yamlio": "costmodel.io.yamlio",
    "costmodel.atomic": "costmodel.io.atomic",
    "costmodel.paths": "costmodel.io.paths",
    "costmodel.dump": "costmodel.io.dump",
    "costmodel.fields": "costmodel.io.fields",
    "costmodel.rates": "costmodel.rates.table",
    "costmodel.discounting": "costmodel.rates.discounting",
    "costmodel.model": "costmodel.prospective.model",
    "costmodel.schedule": "costmodel.prospective.schedule",
    "costmodel.engine": "costmodel.prospective.engine",
    "costmodel.result": "costmodel.prospective.result",
    "costmodel.sensitivity": "costmodel.prospective.sensitivity",
    "costmodel.overrides": "costmodel.prospective.overrides",
    "costmodel.parameters": "costmodel.prospective.parameters",
    "costmodel.uncertainty_model": "costmodel.prospective.uncertainty",
    "costmodel.vectorized": "costmodel.analyses.vectorized",
    "costmodel.render": "costmodel.report.render",
    "costmodel.formatting": "costmodel.report.formatting",
    "costmodel.plots": "costmodel.report.plots",
    "costmodel.plotstyle": "costmodel.report.plotstyle",
    "costmodel.memo": "costmodel.report.memo",
    "costmodel.export": "costmodel.report.export",
    "costmodel.analyses.text": "costmodel.report.analysis_text",
    "costmodel.reproduce": "costmodel.reproduction.reproduce",
    "costmodel.reproduction_doc": "costmodel.reproduction.doc",
    "costmodel.expost.reproduce": "costmodel.reproduction.expost_002",
    "costmodel.cli": "costmodel.cli.commands",
    "costmodel.cli_analysis": "costmodel.cli.analysis",
    "costmodel.cli_report": "costmodel.cli.report",
    "costmodel.expost.wages": "costmodel.rates.wages",
}
# After the move these names are packages; `costmodel.rates` / `costmodel.cli` stay importable as packages, so
# an absolute `from costmodel.cli import app` keeps working (cli/__init__ re-exports app and main).
KEEP_AS_PACKAGE = {"costmodel.cli"}
# What the moved modules were called in the old package (to resolve relative imports in moved files).
NEW_TO_OLD = {new: old for old, new in MOVES.items()}
PACKAGES = {"costmodel", "costmodel.analyses", "costmodel.expost", "costmodel.io", "costmodel.rates",
            "costmodel.prospective", "costmodel.report", "costmodel.reproduction", "costmodel.cli"}


SRC = Path(__file__).resolve().parents[1] / "src"


def new_name(module: str) -> str:
    """The new dotted path of an old module path (or of something inside one); a path that names a module in
    the tree now is already new."""
    if exists(module, SRC) and module not in KEEP_AS_PACKAGE:
        return module
    for old in sorted(MOVES, key=len, reverse=True):
        if module == old or module.startswith(old + "."):
            return MOVES[old] + module[len(old):]
    return module


def module_of(path: Path) -> str | None:
    parts = path.resolve().parts
    if "src" not in parts:
        return None
    rel = parts[parts.index("src") + 1:]
    mod = ".".join(rel)[: -len(".py")]
    return mod[: -len(".__init__")] if mod.endswith(".__init__") else mod


def resolve(level: int, module: str | None, package: str) -> str:
    base = package.split(".")
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def relative(target: str, package: str) -> str:
    """`target` written relative to `package` (the package the importing file is in)."""
    t, p = target.split("."), package.split(".")
    common = 0
    while common < min(len(t), len(p)) and t[common] == p[common]:
        common += 1
    dots = "." * (len(p) - common + 1)
    return dots + ".".join(t[common:])


def exists(module: str, src_root: Path | None) -> bool:
    """Whether `module` is a module or package in the tree now."""
    if src_root is None:
        return False
    base = src_root.joinpath(*module.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def rewrite(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    parts = path.resolve().parts
    src_root = Path(*parts[: parts.index("src") + 1]) if "src" in parts else None
    tree = ast.parse(text)
    lines = text.splitlines(keepends=True)
    current = module_of(path)
    is_package = path.name == "__init__.py"
    if current is not None:
        package_now = current if is_package else current.rsplit(".", 1)[0]
        old_self = NEW_TO_OLD.get(current, current)
        package_then = old_self if is_package else old_self.rsplit(".", 1)[0]
    edits: list[tuple[int, int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                if current is None:
                    continue
                here = resolve(node.level, node.module, package_now)
                names_moved = any(f"{here}.{a.name}" in MOVES for a in node.names)  # `from . import plots`
                if exists(here, src_root) and not names_moved:  # already right from where the file is now
                    continue
                base_old = resolve(node.level, node.module, package_then)
            else:
                base_old = node.module or ""
                if not base_old.startswith("costmodel"):
                    continue
            groups: dict[str, list[str]] = {}
            for alias in node.names:
                full_old = f"{base_old}.{alias.name}"
                if base_old in PACKAGES and full_old in MOVES:  # a submodule imported from its package
                    new_full = MOVES[full_old]
                    parent, leaf = new_full.rsplit(".", 1)
                    shown = alias.asname or (alias.name if leaf != alias.name else None)
                    groups.setdefault(parent, []).append(leaf + (f" as {shown}" if shown and shown != leaf else ""))
                else:
                    base_new = base_old if (base_old in KEEP_AS_PACKAGE and not node.level) else new_name(base_old)
                    groups.setdefault(base_new, []).append(alias.name + (f" as {alias.asname}" if alias.asname else ""))
            statements = []
            for target, names in groups.items():
                where = relative(target, package_now) if node.level else target
                statements.append(f"from {where} import {', '.join(names)}")
            first = lines[node.lineno - 1]
            indent = first[: len(first) - len(first.lstrip())]
            last = lines[node.end_lineno - 1]
            tail = last[node.end_col_offset:].rstrip("\n")
            new = ("\n" + indent).join(statements)
            old_src = "".join(lines[node.lineno - 1: node.end_lineno])
            new_src = indent + new + tail + "\n"
            if old_src != new_src:
                edits.append((node.lineno - 1, node.end_lineno, new_src))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("costmodel.") and new_name(alias.name) != alias.name \
                        and alias.name not in KEEP_AS_PACKAGE:
                    i = node.lineno - 1
                    lines[i] = lines[i].replace(alias.name, new_name(alias.name))
    for start, end, new_src in sorted(edits, reverse=True):
        lines[start:end] = [new_src]
    out = "".join(lines)
    # dotted strings: monkeypatch/patch targets and the like
    out = re.sub(r"([\"'])(costmodel(?:\.\w+)+)", lambda m: m.group(1) + (m.group(2) if m.group(2) in KEEP_AS_PACKAGE
                                                              else new_name(m.group(2))), out)
    if out != text:
        path.write_text(out, encoding="utf-8")
        return True
    return False


def main(argv: list[str]) -> int:
    for arg in argv:
        root = Path(arg)
        files = [root] if root.is_file() else sorted(root.rglob("*.py"))
        for file in files:
            if rewrite(file):
                print(f"rewrote {file}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
