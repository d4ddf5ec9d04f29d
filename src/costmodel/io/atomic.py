"""Write an output file whole or not at all, and never over an existing file unless asked to."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from ..errors import Problem, ScenarioError

Content = str | bytes | Callable[[Path], None]


def umask() -> int:
    """The process umask (read by setting and restoring it): what a newly created file's mode lets through."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fill(tmp: str, content: Content, encoding: str) -> None:
    if callable(content):  # e.g. a workbook's own save(path)
        content(Path(tmp))
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        return
    mode, kwargs = ("wb", {}) if isinstance(content, bytes) else ("w", {"encoding": encoding, "newline": ""})
    with open(tmp, mode, **kwargs) as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def write_atomic(path: Path, content: Content, force: bool = False, encoding: str = "utf-8") -> Path:
    """Write `content` (text, bytes, or a function that writes a given path) to `path` whole or not at all: a
    temporary file in the same directory, then a rename, so a reader never sees half a file and a failure leaves
    nothing behind. Without `force` an existing file is never replaced, not even one that appears between the
    check and the rename (a hard link, which fails if the name exists, publishes the file where the file system
    allows it). Problems are ScenarioErrors (exit code 2)."""
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise ScenarioError(name, [Problem("", "is a directory; give a file name for the output")])
    if path.exists() and not force:
        raise ScenarioError(name, [Problem("", "file exists; use --force to overwrite")])
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
        os.chmod(tmp, 0o666 & ~umask())  # mkstemp makes it private (0600); an output is for sharing
        _fill(tmp, content, encoding)
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise ScenarioError(name, [Problem("", "file exists; use --force to overwrite")]) from None
            except OSError:  # no hard links on this file system (some network and FAT ones): plain rename
                if path.exists():
                    raise ScenarioError(name, [Problem("", "file exists; use --force to overwrite")]) from None
                os.replace(tmp, path)
    except OSError as exc:
        raise ScenarioError(name, [Problem("", f"cannot write the file: {exc.strerror or exc}")]) from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return path
