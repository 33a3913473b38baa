"""Write an output file atomically, and never over an input or by surprise.

A report is written to a temporary file in the target's directory and moved
into place with :func:`os.replace`, so a reader (or a crash) never sees half
a file.  Writing over one of the inputs (``run s.yaml --out s.yaml``) is
refused outright, and overwriting any other existing file needs ``force``.
Without ``force`` the final step is a hard link, which fails if the name
appeared in the meantime, so the check and the write cannot race.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from sahel_sim.errors import OutputError

__all__ = ["write_atomic"]


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
    target = Path(path)
    _refuse_inputs(target, inputs)
    if target.is_dir():
        raise OutputError(f"cannot write to {target}: it is a directory")
    if target.exists() and not force:
        raise OutputError(f"{target} already exists; use --force to overwrite it")
    parent = target.parent
    if not parent.is_dir():
        raise OutputError(f"cannot write to {target}: directory {parent} does not exist")
    tmp = _write_temp(parent, target.name, text, _mode_for(target))
    try:
        _move(tmp, target, force)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def _refuse_inputs(target: Path, inputs: Iterable[str | Path]) -> None:
    """Refuse to overwrite an input, whichever way (relative, symlink) it is spelt."""
    for item in inputs:
        source = Path(item)
        same = target.resolve() == source.resolve()
        if not same and target.exists() and source.exists():
            same = os.path.samefile(target, source)
        if same:
            raise OutputError(f"refusing to write to {target}: it is one of the input files")


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


def _write_temp(directory: Path, name: str, text: str | bytes, mode: int) -> Path:
    """Write the content to a new hidden file next to the target and flush it to disk."""
    try:
        fd, raw = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write to {directory}: {exc.strerror or exc}") from None
    tmp = Path(raw)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
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
