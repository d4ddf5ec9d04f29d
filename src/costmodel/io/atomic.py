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


def _refuse_special(path: Path) -> None:
    """A FIFO, device or socket (as root even /dev/null) is never replaced, with or without --force."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return  # nothing there (or a dangling link, which the publishing step refuses to follow)
    except OSError as exc:
        raise ScenarioError(str(path), [Problem("", f"cannot use the file: {exc.strerror or exc}")]) from None
    if not stat.S_ISREG(mode):
        raise ScenarioError(str(path), [Problem("", "is a special file (a pipe, device or socket), not a regular "
                                                     "file; it is never replaced")])


def refuse_inputs(path: Path, inputs) -> None:
    """Refuse an output `path` that is one of `inputs` ((path, what it is) pairs; kinds.input_files): followed
    through symbolic links and, for hard links, by device and inode. No output replaces an input, --force or not
    (trial3 #2: `run X.yaml -o X.yaml --force` replaced the scenario with its table)."""
    path = Path(path)
    try:
        real = path.resolve()
    except OSError:
        return
    for item, what in inputs:
        item = Path(item)
        try:
            same = real == item.resolve() or (path.exists() and item.exists() and os.path.samefile(path, item))
        except OSError:
            same = False
        if same:
            raise ScenarioError(str(path), [Problem("", f"is {what} (an input of this command); an output never "
                                                         "replaces an input, not even with --force: choose another "
                                                         "file name")])


def write_atomic(path: Path, content: Content, force: bool = False, encoding: str = "utf-8", inputs=()) -> Path:
    """Write `content` (text, bytes, or a function that writes a given path) to `path` whole or not at all: a
    temporary file in the same directory, then a rename, so a reader never sees half a file and a failure leaves
    nothing behind. Without `force` an existing file is never replaced, not even one that appears between the
    check and the rename (a hard link, which fails if the name exists, publishes the file where the file system
    allows it). An output that is one of `inputs` is refused (refuse_inputs). Problems are ScenarioErrors (exit
    code 2)."""
    path = Path(path)
    name = str(path)
    refuse_inputs(path, inputs)
    if path.is_dir():
        raise ScenarioError(name, [Problem("", "is a directory; give a file name for the output")])
    _refuse_special(path)
    if path.is_symlink() and not path.exists() and not force:
        raise ScenarioError(name, [Problem("", f"is a symbolic link to {os.readlink(path)}, which does not exist; "
                                               "use --force to replace the link with the file")])
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


def write_all(items: list[tuple[Path, Content]], force: bool = False, encoding: str = "utf-8",
              inputs=()) -> list[Path]:
    """Write several files as one: each is first written whole to a temporary file beside it (a plot that fails
    to draw, a full disk), and only when all are ready are they put in place. If putting one in place fails, the
    ones already placed are taken back and replaced files restored, so the set appears whole or not at all. None
    of them may be one of `inputs` (refuse_inputs)."""
    items = [(Path(p), c) for p, c in items if p is not None]
    for path, _ in items:
        refuse_inputs(path, inputs)
        if path.is_dir():
            raise ScenarioError(str(path), [Problem("", "is a directory; give a file name for the output")])
        _refuse_special(path)
        if path.exists() and not force:
            raise ScenarioError(str(path), [Problem("", "file exists; use --force to overwrite")])
    staged: list[tuple[Path, str]] = []
    placed: list[tuple[Path, str | None]] = []  # (path, backup of the file it replaced)
    current = None
    try:
        for path, content in items:
            current = path
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            os.close(fd)
            staged.append((path, tmp))
            os.chmod(tmp, 0o666 & ~umask())
            _fill(tmp, content, encoding)
        for path, tmp in staged:
            current = path
            backup = None
            if path.exists() or path.is_symlink():
                if not force:
                    raise ScenarioError(str(path), [Problem("", "file exists; use --force to overwrite")])
                backup = f"{tmp}.old"
                os.replace(path, backup)
            try:
                os.replace(tmp, path)
            except OSError:
                if backup is not None:
                    os.replace(backup, path)
                raise
            placed.append((path, backup))
    except BaseException as exc:
        for path, backup in reversed(placed):  # take back what was placed, restore what it replaced
            try:
                os.unlink(path)
                if backup is not None:
                    os.replace(backup, path)
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise ScenarioError(str(current), [Problem("", f"cannot write the file: {exc.strerror or exc}; "
                                                            "none of the output files was written")]) from None
        raise
    finally:
        for _, tmp in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
    for _, backup in placed:
        if backup is not None and os.path.exists(backup):
            os.unlink(backup)
    return [p for p, _ in items]
