"""A cache of the parsed library, keyed by the contents of its files.

Reading and validating the shipped YAML costs more than the rest of a typical
run.  The validated world is stored once (pickled, in the user's cache
folder) under a key made of the package version, the Python version and a
hash of every library file's bytes: any edit to a file, or an upgrade, gives
a new key, so a stale cache is never used.  Only files this module wrote are
read back, and any failure to read or write simply means no cache.

Set ``SAHEL_SIM_CACHE_DIR`` to choose the folder, or ``SAHEL_SIM_NO_CACHE=1``
to turn the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterable

__all__ = ["cache_dir", "content_key", "load", "store"]

FORMAT = 2


def cache_dir() -> Path | None:
    """Where cached libraries live, or None when caching is off."""
    if os.environ.get("SAHEL_SIM_NO_CACHE"):
        return None
    chosen = os.environ.get("SAHEL_SIM_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sahel-sim"


def content_key(files: Iterable[Path], root: Path) -> str:
    """A hash of the files' names and bytes, the cache format and the Python version."""
    digest = hashlib.sha256(f"{FORMAT}|{sys.version_info[:2]}".encode())
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def load(key: str) -> Any | None:
    """The cached object for ``key``, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with (folder / f"library-{key}.pickle").open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # noqa: BLE001 - a missing or unreadable cache is just a miss
        return None


def store(key: str, value: Any) -> None:
    """Save ``value`` under ``key`` atomically; failures are ignored (the cache is optional)."""
    folder = cache_dir()
    if folder is None:
        return
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".library-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"library-{key}.pickle")
    except Exception:  # noqa: BLE001 - read-only home, full disk: run without a cache
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
