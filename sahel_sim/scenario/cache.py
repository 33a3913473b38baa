"""A cache of loaded scenarios, keyed by the file's bytes, so an unchanged scenario is not validated again.

An entry holds the validated scenario (its spec, and the world data it adds
to the library) as plain data (:mod:`sahel_sim.scenario.plain`), in the
library's cache folder under the library cache's rules (private folder,
refusal of a folder or file that is not the user's or that others may write,
a checksum, JSON only: see :mod:`sahel_sim.library_cache`).

The key covers the scenario file's bytes and resolved path (relative
``world:`` and ``treaties:`` files are found from its folder), the library's
key (its files, the package and Python versions, the models' and the plain
encoding's source), the loader's own source, the input limits and the
folders files may point into.  The files the scenario names are checked
again on every hit: a changed world or treaty file is a miss.  A miss, or
anything unreadable, means the scenario is read and validated from source.

Beside them, ``facts-…`` entries hold the facts of a world's contested
readings as validated (each reading's fact with its alternative's changes,
:func:`~sahel_sim.model.base.alternative_of`), so that a warm run does not
build the validators of whole treaties and clauses to validate them again
(:func:`facts_key`, :func:`load_facts`, :func:`store_facts`).  Their key
is the facts' own content: each fact and alternative as plain data, with
the library's key (the package and Python versions, the models' and the
plain encoding's source) and the source of the modules that validate them.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Any, Iterable, Sequence

from sahel_sim import library_cache
from sahel_sim.scenario import plain
from sahel_sim.scenario.paths import ALLOW_ENVIRONMENT, PathRefused, confined_path
from sahel_sim.scenario.yaml_source import Limits

__all__ = ["dependencies", "facts_key", "fitting", "load", "load_facts", "scenario_key", "store", "store_facts"]

KIND = "scenario"
FACTS = "facts"
#: Entries kept; beyond this the least recently written are removed (each edit of a scenario writes a new one).
MAX_ENTRIES = 200


def _loader_sources() -> list[Path]:
    """The scenario package's modules: what they accept and how they resolve it is part of the key."""
    return sorted((Path(__file__).resolve().parent).glob("*.py"))


def _bounded_bytes(path: Path, limit: int) -> bytes | None:
    """A regular file's bytes, or None (not a regular file, unreadable, or over ``limit``)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except (OSError, ValueError):
        return None
    return data if len(data) <= limit else None


def scenario_key(path: Path, data: bytes, limits: Limits, library_key: str) -> str:
    """The key of a scenario file with these bytes, read under these limits, against this library."""
    digest = hashlib.sha256(f"{KIND}|{library_key}|{path.resolve()}|{limits!r}|".encode())
    digest.update(os.environ.get(ALLOW_ENVIRONMENT, "").encode() + b"\0")
    for source in _loader_sources():
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    digest.update(data)
    return digest.hexdigest()[:32]


def dependencies(spec: Any, base: Path) -> list[Path]:
    """The world and treaty files ``spec`` names, resolved as the loader resolves them.

    Raises:
        PathRefused: a path the loader would refuse (the caller then reads the scenario from source).
    """
    named = [(entry, "world file") for entry in spec.world]
    named += [(entry, "treaty file") for entry in spec.treaties if isinstance(entry, str)]
    return [confined_path(entry, base, what=what) for entry, what in named]


def _digests(paths: list[Path], limit: int) -> list[list[str]] | None:
    out = []
    for p in paths:
        data = _bounded_bytes(p, limit)
        if data is None:
            return None
        out.append([str(p), hashlib.sha256(data).hexdigest()])
    return out


def _library_key() -> str:
    from sahel_sim.library import library_key

    return library_key()


def load(path: Path, limits: Limits) -> tuple[Any, Any, list[Path]] | None:
    """``(spec, own world, files named)`` of an unchanged scenario, or None (a miss: read it from source)."""
    if library_cache.cache_dir() is None:
        return None
    data = _bounded_bytes(path, limits.max_bytes)
    if data is None:
        return None
    entry = library_cache.load(scenario_key(path, data, limits, _library_key()), kind=KIND, decode=plain.loads)
    if not isinstance(entry, dict) or set(entry) != {"spec", "own", "files"}:
        return None
    try:
        named = dependencies(entry["spec"], path.parent)
    except (PathRefused, AttributeError, TypeError):
        return None
    if _digests(named, limits.max_bytes) != entry["files"]:
        return None  # a world or treaty file it names has changed (or is gone)
    return entry["spec"], entry["own"], named


def store(path: Path, limits: Limits, spec: Any, own: Any) -> None:
    """Cache a scenario just validated from ``path`` (nothing is stored when any file cannot be read again)."""
    if library_cache.cache_dir() is None:
        return
    data = _bounded_bytes(path, limits.max_bytes)
    try:
        named = dependencies(spec, path.parent)
    except PathRefused:  # pragma: no cover - the loader has just accepted them
        return
    files = _digests(named, limits.max_bytes)
    if data is None or files is None:
        return
    library_cache.store(scenario_key(path, data, limits, _library_key()),
                        {"spec": spec, "own": own, "files": files}, kind=KIND, encode=plain.dumps)
    _prune(KIND)


def facts_key(sources: Iterable[Path], pairs: Iterable[tuple[Any, Any]] | None = None) -> str | None:
    """The key of the facts of these ``(fact, alternative)`` pairs as validated by the code in ``sources``
    (``pairs`` None: the shipped library's readings, which the library's key stands for), or None (no cache,
    or a value the plain encoding does not hold)."""
    if library_cache.cache_dir() is None:
        return None
    digest = hashlib.sha256(f"{FACTS}|{_library_key()}|".encode())
    for source in sorted(sources):
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    try:
        digest.update(b"library" if pairs is None else
                      plain.dumps([[fact, alternative] for fact, alternative in pairs]).encode())
    except (TypeError, ValueError):
        return None
    return digest.hexdigest()[:32]


def load_facts(key: str) -> dict[str, Any] | None:
    """The entry stored under ``key``: ``facts`` (a list), ``texts`` (a list of texts) and ``layout`` (what
    :meth:`~sahel_sim.engine.readings.LibraryReadings.layout` gives, or None), or None (a miss, or an entry
    of another shape).  Whether its facts are those of the readings asked is :func:`fitting`."""
    entry = library_cache.load(key, kind=FACTS, decode=plain.loads)
    if not isinstance(entry, dict) or set(entry) != {"facts", "texts", "layout"}:
        return None
    if not isinstance(entry["facts"], list) or not isinstance(entry["texts"], list):
        return None
    if not all(type(t) is str for t in entry["texts"]):
        return None
    return entry


def fitting(facts: list[Any], kinds: list[type]) -> bool:
    """Whether ``facts`` are one fact of each kind in ``kinds``, in order, each without contested readings of
    its own (as validating an alternative gives them)."""
    return len(facts) == len(kinds) and all(type(f) is k and f.contested == () for f, k in zip(facts, kinds))


def store_facts(key: str, facts: list[Any], texts: Sequence[str] = (), layout: Any = None) -> None:
    """Cache the facts just validated, and texts and a layout worked out with them, under ``key``
    (see :func:`facts_key`)."""
    library_cache.store(key, {"facts": facts, "texts": list(texts), "layout": layout}, kind=FACTS,
                        encode=plain.dumps)
    _prune(FACTS)


def _prune(kind: str) -> None:
    """Remove the oldest ``kind`` entries beyond :data:`MAX_ENTRIES` (regular files only; failures ignored)."""
    folder = library_cache.cache_dir()
    try:
        if folder is None or library_cache.unsafe_reason(folder) is not None:
            return
        entries = []
        for p in folder.glob(f"{kind}-*.json"):
            info = p.lstat()
            if stat.S_ISREG(info.st_mode):
                entries.append((info.st_mtime_ns, p))
        entries.sort()
        for _, p in entries[:max(0, len(entries) - MAX_ENTRIES)]:
            p.unlink(missing_ok=True)
    except OSError:
        return
