"""An output directory written whole or not at all, that never costs the user a file the tool did not write.

`costmodel report DIR` builds everything in a temporary directory beside DIR and renames it into place. Before
that, `check_target` refuses a DIR that
- is the current directory or one of its parents, or the root (`-o .`): the swap would replace the user's work;
- holds an input file (the scenario being read, its CSV);
- exists but is not a directory (a file, a FIFO, a device such as /dev/null), or is a dangling symbolic link;
- exists, is not empty, and `--force` is not given;
- with `--force`: holds anything the tool did not write. What it wrote is listed in a manifest file in the
  directory, so only a directory made by `costmodel report` (with nothing added since) is ever replaced.
A symbolic link to a directory stays a link: the directory it points to is the one replaced.
Every problem is a ScenarioError naming the directory (exit code 2), also for read-only parents and the like.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from pathlib import Path

from ..errors import Problem, ScenarioError
from .atomic import umask

MANIFEST = ".costmodel-manifest.json"


def _refuse(where: Path, message: str) -> ScenarioError:
    return ScenarioError(str(where), [Problem("", message)])


def _written_by_us(directory: Path) -> set[str] | None:
    """Names the manifest lists (None if there is no readable manifest)."""
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        return {str(n) for n in data["files"]} if data.get("tool") == "costmodel" else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def resolve_target(output_dir: Path) -> Path:
    """The directory to replace: a symbolic link's target (refused if it dangles), else the path itself."""
    output_dir = Path(output_dir)
    if output_dir.is_symlink():
        if not output_dir.exists():
            raise _refuse(output_dir, f"is a symbolic link to {os.readlink(output_dir)}, which does not exist")
        return output_dir.resolve()
    return output_dir


def check_target(output_dir: Path, force: bool, inputs=()) -> Path:
    """Refuse what must not be replaced (module docstring); return the directory to write (links resolved)."""
    shown = Path(output_dir)
    target = resolve_target(shown)
    try:
        real = target.resolve()
        cwd = Path.cwd().resolve()
    except OSError as exc:
        raise _refuse(shown, f"cannot use the directory: {exc.strerror or exc}") from None
    if real == real.parent or real == cwd or real in cwd.parents:
        raise _refuse(shown, "is the current directory or one of its parents; give a new directory for the memo "
                             "(e.g. -o notat)")
    for item in inputs:
        if item is None:
            continue
        item = Path(item).resolve()
        if item == real or real in item.parents:
            raise _refuse(shown, f"holds the input file {item.name}; write the memo to another directory")
    try:
        mode = os.stat(target).st_mode if target.exists() else None
    except OSError as exc:
        raise _refuse(shown, f"cannot use the directory: {exc.strerror or exc}") from None
    if mode is not None and not stat.S_ISDIR(mode):
        kind = "a file" if stat.S_ISREG(mode) else "a special file (a pipe, device or socket)"
        raise _refuse(shown, f"exists and is {kind}, not a directory; it is never replaced")
    parent = real.parent
    if parent.exists() and not parent.is_dir():
        raise _refuse(shown, f"{parent} is not a directory")
    for ancestor in [parent, *parent.parents]:  # -o file.txt/memo: a file where a directory must be
        if ancestor.exists():
            if not ancestor.is_dir():
                raise _refuse(shown, f"{ancestor} is a file, not a directory")
            break
    if mode is None:
        return target
    try:
        entries = sorted(p.name for p in target.iterdir())
    except OSError as exc:
        raise _refuse(shown, f"cannot read the directory: {exc.strerror or exc}") from None
    if not entries:
        return target
    if not force:
        raise _refuse(shown, "output directory exists and is not empty; use --force to replace it")
    ours = _written_by_us(target)
    foreign = [n for n in entries if n != MANIFEST and (ours is None or n not in ours
                                                        or not (target / n).is_file() or (target / n).is_symlink())]
    if foreign:
        listed = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        why = "" if ours is not None else f" (it has no {MANIFEST}, which costmodel report writes)"
        raise _refuse(shown, f"holds files costmodel did not write ({listed}){why}; --force replaces only a "
                             "directory written by costmodel report. Move them, or choose another directory")
    return target


def make_tmp(target: Path) -> Path:
    """A private temporary directory beside `target` (so the final rename stays on one file system)."""
    parent = Path(target).resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp"))
    except OSError as exc:
        raise _refuse(target, f"cannot create the directory here: {exc.strerror or exc}") from None


def publish(tmp: Path, target: Path, force: bool, inputs=()) -> None:
    """Write the manifest into `tmp`, make it readable (umask), and rename it to `target`; an old directory
    (checked again: something may have appeared while the memo was computed) is moved aside and removed after."""
    names = sorted(p.name for p in tmp.iterdir() if p.name != MANIFEST)
    (tmp / MANIFEST).write_text(json.dumps({"tool": "costmodel", "files": names}, indent=1) + "\n", encoding="utf-8")
    mask = umask()
    os.chmod(tmp, 0o777 & ~mask)
    for path in tmp.iterdir():
        os.chmod(path, 0o666 & ~mask)
    check_target(target, force, inputs)
    old = None
    try:
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=tmp.parent, prefix=f".{target.name}.", suffix=".old"))
            os.rmdir(old)
            os.replace(target, old)
        try:
            os.replace(tmp, target)
        except BaseException:
            if old is not None:
                os.replace(old, target)
            raise
    except OSError as exc:
        raise _refuse(target, f"cannot write the directory: {exc.strerror or exc}") from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(tmp: Path | None) -> None:
    """Remove a temporary directory made by make_tmp (after a failure or an interruption)."""
    if tmp is not None:
        shutil.rmtree(tmp, ignore_errors=True)
