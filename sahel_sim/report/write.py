"""Write an output file atomically, and never over an input or by surprise.

A report is written to a temporary file in the target's directory and moved
into place with :func:`os.replace`, so a reader (or a crash) never sees half
a file.  Writing over one of the inputs (``run s.yaml --out s.yaml``) is
refused outright, and overwriting any other existing file needs ``force``.
Without ``force`` the final step is a hard link, which fails if the name
appeared in the meantime, so the check and the write cannot race.

What is never replaced, ``force`` or not: an input (the command line passes
every file the process read as YAML, besides those named); any file of the
installed package, the shipped library included, whether or not it was read
in this process (a warm cache reads none of it); and anything that is not a
regular file: a device (``/dev/null``), a pipe, a socket or a symbolic link
(replacing a link would put a regular file where the link was).  ``-`` is
standard output for the command line; these rules keep a report from
destroying something it was not meant to touch.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable

from sahel_sim.errors import OutputError

__all__ = ["check_target", "write_atomic", "write_chunks"]

#: The installed package (code and shipped library): never a place for a report.
PACKAGE_DIR = Path(__file__).resolve().parent.parent


def write_atomic(path: str | Path, text: str | bytes, *, inputs: Iterable[str | Path] = (),
                 force: bool = False) -> Path:
    """Write ``text`` (UTF-8) or bytes (a picture, a Parquet table) to ``path`` all at once.

    Args:
        path: the file to create or replace.
        text: the whole content: text, written as UTF-8, or bytes, written as they are.
        inputs: files this output was made from; ``path`` may not be one of them.
        force: replace ``path`` if it already exists.

    Returns:
        The path written.

    Raises:
        OutputError: ``path`` is an input, a directory, exists without
            ``force``, or cannot be written; no file is left behind.
    """
    return write_chunks(path, (text,), inputs=inputs, force=force)


def write_chunks(path: str | Path, chunks: Iterable[str | bytes], *, inputs: Iterable[str | Path] = (),
                 force: bool = False) -> Path:
    """Write the pieces of ``chunks`` one after another to ``path``, all at once for a reader.

    The rules of :func:`write_atomic`, for a document made as it is written
    (a report streamed event by event): each piece goes to the temporary file
    as it comes, so only one piece is in memory at a time, and the target is
    put in place only once the last piece is written.  If producing a piece
    fails, the temporary file is removed and the target is left as it was.

    Raises:
        OutputError: see :func:`write_atomic`.
    """
    target = check_target(path, inputs=inputs, force=force)
    tmp = _write_temp(target.parent, target.name, chunks, _mode_for(target))
    try:
        _move(tmp, target, force)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def check_target(path: str | Path, *, inputs: Iterable[str | Path] = (), force: bool = False) -> Path:
    """Refuse a target that :func:`write_atomic` must not write, before any work is done.

    Commands call it first, so that a long run does not end in a refusal.

    Raises:
        OutputError: see :func:`write_atomic`.
    """
    target = Path(path)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except (OSError, ValueError) as exc:  # NUL in the name, a name too long, a loop of links above it
        raise OutputError(f"cannot write to {_shown(target)}: {_reason(exc)}") from None
    parent = target.parent
    try:
        parent_ok = parent.is_dir()
        real = parent.resolve(strict=True) / target.name if parent_ok else None
    except (OSError, RuntimeError) as exc:
        raise OutputError(f"cannot write to {_shown(target)}: {_reason(exc)}") from None
    if real is not None and real.is_relative_to(PACKAGE_DIR):
        raise OutputError(f"refusing to write to {_shown(target)}: it is inside the installed sahel-sim package "
                          f"({PACKAGE_DIR}); write the report elsewhere")
    _refuse_inputs(target, inputs)
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(f"cannot write to {_shown(target)}: it is a directory")
        if stat.S_ISLNK(info.st_mode):
            raise OutputError(f"refusing to write to {_shown(target)}: it is a symbolic link "
                              "(name the file it points to, or a new file)")
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(f"refusing to write to {_shown(target)}: it is not a regular file "
                              f"(a {_kind(info.st_mode)}); use --out - for standard output")
        if not force:
            raise OutputError(f"{_shown(target)} already exists; use --force to overwrite it")
    if not parent_ok:
        raise OutputError(f"cannot write to {_shown(target)}: directory {_shown(parent)} does not exist")
    return target


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"  # pragma: no cover - door, whiteout: other systems


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, ValueError):
        return "the path contains a NUL character"
    return "too many levels of symbolic links" if isinstance(exc, RuntimeError) else str(exc)


def _shown(path: Path) -> str:
    from sahel_sim.errors import printable

    return printable(str(path))


def _refuse_inputs(target: Path, inputs: Iterable[str | Path]) -> None:
    """Refuse to overwrite an input, whichever way (relative, symlink) it is spelt."""
    for item in inputs:
        source = Path(item)
        try:
            same = target.resolve() == source.resolve()
            if not same and target.exists() and source.exists():
                same = os.path.samefile(target, source)
        except (OSError, RuntimeError, ValueError):
            continue  # an input that cannot be resolved is not this target (which was checked above)
        if same:
            raise OutputError(f"refusing to write to {_shown(target)}: it is one of the input files")


def _mode_for(target: Path) -> int:
    """Permissions for the new file: the old file's, else the usual ones under the umask.

    ``mkstemp`` creates private (0600) files; a report should end up like any
    file the user creates.
    """
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write_temp(directory: Path, name: str, chunks: Iterable[str | bytes], mode: int) -> Path:
    """Write the content, piece by piece, to a new hidden file next to the target and flush it to disk."""
    try:
        fd, raw = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write to {directory}: {exc.strerror or exc}") from None
    tmp = Path(raw)
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {tmp}: {exc.strerror or exc}") from None
        raise
    return tmp


def _move(tmp: Path, target: Path, force: bool) -> None:
    """Put the finished file in place: replace if forced, else link (fails if the name is taken)."""
    try:
        if force:
            os.replace(tmp, target)
            return
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise OutputError(f"{target} already exists; use --force to overwrite it") from None
        except OSError:  # the file system has no hard links: check, then replace
            if target.exists():
                raise OutputError(f"{target} already exists; use --force to overwrite it") from None
            os.replace(tmp, target)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
