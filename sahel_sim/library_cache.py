"""A cache of the validated library (and of scenarios), as plain JSON, keyed by the contents of its files.

Reading and validating the shipped YAML costs more than the rest of a typical
run.  The validated world is stored once, as JSON (data only: loading it can
never run code, unlike pickle), under a key made of the cache format, the
package version, the Python version and a hash of every library file's
bytes: any edit to a file, or an upgrade, gives a new key, so a stale cache
is never used.  What is read back is validated again by the models (a few
milliseconds), and a file whose digest does not match its contents is
ignored.

The folder (``$XDG_CACHE_HOME/sahel-sim`` or ``~/.cache/sahel-sim``) is
created private (0700).  A folder or file that is not the user's own, or that
group or others may write to, is refused with a one-line warning and the
library is read from source: someone else could otherwise choose what the
simulator believes.  Any other failure to read or write simply means no cache.

The same folder, rules and envelope hold other kinds of entry (``kind``:
``scenario-…`` files for :mod:`sahel_sim.scenario.cache`), each written and
read with its own text encoding (``encode``/``decode``, JSON by default).

Set ``SAHEL_SIM_CACHE_DIR`` to choose the folder, or ``SAHEL_SIM_NO_CACHE=1``
to turn the cache off.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

from sahel_sim._version import __version__

__all__ = ["cache_dir", "content_key", "load", "store", "unsafe_reason"]

FORMAT = 4
_warned: set[str] = set()


def cache_dir() -> Path | None:
    """Where cached libraries live, or None when caching is off."""
    if os.environ.get("SAHEL_SIM_NO_CACHE"):
        return None
    chosen = os.environ.get("SAHEL_SIM_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sahel-sim"


def shape_sources() -> list[Path]:
    """The package's modules that give the cached data its shape (model/, clauses/, world.py, scenario/plain.py).

    They are part of the key, so that a change to a model, or to the plain
    encoding of the models, between two releases of the same version never
    reads data cached for the old one.
    """
    package = Path(__file__).resolve().parent
    return sorted([*(package / "model").rglob("*.py"), *(package / "clauses").rglob("*.py"), package / "world.py",
                   package / "scenario" / "plain.py"])


def content_key(files: Iterable[Path], root: Path) -> str:
    """A hash of the files' names and bytes, the models' source, the cache format, the package and Python versions."""
    digest = hashlib.sha256(f"{FORMAT}|{__version__}|{sys.version_info[:2]}".encode())
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for path in shape_sources():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def unsafe_reason(path: Path) -> str | None:
    """Why ``path`` (a cache folder or file that exists) must not be trusted, or None when it is safe.

    Safe means: the user's own (on systems with owners), not a symbolic link,
    and not writable by group or others.
    """
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        return "is a symbolic link"
    getuid = getattr(os, "getuid", None)
    if getuid is not None and info.st_uid != getuid():
        return "is not owned by you"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "is writable by group or others"
    return None


def _warn(path: Path, reason: str, kind: str) -> None:
    """One line on stderr, once per path and process."""
    if str(path) in _warned:
        return
    _warned.add(str(path))
    print(f"sahel-sim: warning: cache {path} {reason}; not using it (reading the {kind} from source)", file=sys.stderr)


def _trusted(path: Path, kind: str = "library") -> bool:
    reason = unsafe_reason(path)
    if reason is not None:
        _warn(path, reason, kind)
    return reason is None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def load(key: str, *, kind: str = "library", decode: Callable[[str], Any] = json.loads) -> Any | None:
    """The cached value for ``key``, or None (no cache, a refused folder or file, a bad digest, undecodable).

    Args:
        kind: which entries (``library``, ``scenario``): the file name's prefix and the warning's wording.
        decode: turns the stored text back into the value; a :class:`ValueError` from it is a miss.
    """
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{kind}-{key}.json"
    try:
        if not folder.is_dir() or not _trusted(folder, kind) or not path.exists() or not _trusted(path, kind):
            return None
        if not stat.S_ISREG(path.lstat().st_mode):
            return None
        document = json.loads(path.read_text(encoding="utf-8"))
        body = document["value"]
        if document.get("format") != FORMAT or document.get("key") != key or document.get("sha256") != _digest(body):
            return None
        return decode(body)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # unreadable, not JSON, not ours: a miss
        return None


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def store(key: str, value: Any, *, kind: str = "library", encode: Callable[[Any], str] = _json) -> None:
    """Save ``value`` under ``key`` atomically; failures are ignored (the cache is optional).

    Args:
        kind: which entries (see :func:`load`).
        encode: turns the value into the text stored (JSON by default); a :class:`TypeError`
            or :class:`ValueError` from it means the value is not cached.
    """
    folder = cache_dir()
    if folder is None:
        return
    tmp: str | None = None
    try:
        if not folder.exists():
            folder.mkdir(mode=0o700, parents=True)
            folder.chmod(0o700)  # whatever the umask
        if not _trusted(folder, kind):
            return
        body = encode(value)
        document = {"format": FORMAT, "key": key, "sha256": _digest(body), "value": body}
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{kind}-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(document, fh)
        os.replace(tmp, folder / f"{kind}-{key}.json")
        tmp = None
    except (OSError, ValueError, TypeError):  # read-only home, full disk, a value that is not JSON: no cache
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
