"""Write a binary output (PNG, PDF, GraphML …) atomically, with the same refusals as text reports.

:func:`sahel_sim.report.write.write_atomic` writes text; pictures are bytes.
The rules are the same: never over an input, never over an existing file
without ``force``, never a half-written file (temporary file in the same
directory, flushed, then linked or replaced into place).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from sahel_sim.errors import OutputError

__all__ = ["write_atomic_bytes"]


def write_atomic_bytes(path: str | Path, data: bytes, *, inputs: Iterable[str | Path] = (),
                       force: bool = False) -> Path:
    """Write ``data`` to ``path`` all at once.

    Raises:
        OutputError: ``path`` is an input, a directory, exists without
            ``force``, or cannot be written; no file is left behind.
    """
    target = Path(path)
    for item in inputs:
        source = Path(item)
        if target.resolve() == source.resolve() or (target.exists() and source.exists()
                                                    and os.path.samefile(target, source)):
            raise OutputError(f"refusing to write to {target}: it is one of the input files")
    if target.is_dir():
        raise OutputError(f"cannot write to {target}: it is a directory")
    if target.exists() and not force:
        raise OutputError(f"{target} already exists; use --force to overwrite it")
    if not target.parent.is_dir():
        raise OutputError(f"cannot write to {target}: directory {target.parent} does not exist")
    try:
        fd, raw = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write to {target.parent}: {exc.strerror or exc}") from None
    tmp = Path(raw)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        _move(tmp, target, force)
    except OSError as exc:
        if isinstance(exc, OutputError):
            raise
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)
    return target


def _move(tmp: Path, target: Path, force: bool) -> None:
    """Replace if forced; else hard-link, which fails if the name appeared meanwhile."""
    if force:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OutputError(f"{target} already exists; use --force to overwrite it") from None
    except OSError:  # no hard links on this file system: check, then replace
        if target.exists():
            raise OutputError(f"{target} already exists; use --force to overwrite it") from None
        os.replace(tmp, target)
