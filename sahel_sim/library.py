"""The shipped library: world data, treaties and perspectives, as package data.

Everything the simulator knows out of the box lives in ``sahel_sim/data`` as
YAML and is read through the same safe, validating loader as user files.  The
library is read once per process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Sequence

from sahel_sim.clauses.treaty import Treaty
from sahel_sim.errors import Problem, ScenarioError
from sahel_sim.world import World
from sahel_sim.scenario.references import world_references
from sahel_sim.scenario.validation import validate
from sahel_sim.scenario.yaml_source import read_yaml

__all__ = ["DATA_DIR", "find_treaty", "library_key", "library_world", "load_treaty_file", "shipped_treaties",
           "treaty_files", "treaty_names"]

DATA_DIR = Path(__file__).parent / "data"
WORLD_FILES = ("world/actors.yaml", "world/territories.yaml", "world/memberships.yaml",
               "world/relations.yaml", "world/historical-states.yaml", "world/asia-pacific.yaml",
               "world/middle-east.yaml", "world/european-union.yaml", "world/governments.yaml",
               "world/sahel-neighbours.yaml", "world/arrangements.yaml", "perspectives.yaml")


def treaty_files() -> tuple[Path, ...]:
    """The shipped treaty files, sorted."""
    folder = DATA_DIR / "treaties"
    return tuple(sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]))


def load_treaty_file(path: Path) -> Treaty:
    """Read and validate one treaty file."""
    return validate(Treaty, read_yaml(path))


def shipped_treaties() -> list[Treaty]:
    """Every treaty file of the library, validated, in file order."""
    return [load_treaty_file(p) for p in treaty_files()]


def treaty_names(treaty: Treaty) -> frozenset[str]:
    """The names a user may type for a treaty, case-folded: its id, names, acronyms and organisation.

    The acronyms are those in brackets in its names (``… Alliance of Sahel
    States (AES)``), and the organisation is the one whose members are its
    parties (AES for the Liptako-Gourma Charter); a name several treaties
    share is not an answer by itself (:func:`find_treaty` lists them).

    Examples:
        >>> sorted(treaty_names(library_world().treaty("liptako-gourma-charter")))
        ['aes', 'liptako gourma charter', 'liptako gourma charter establishing the alliance of sahel states']
    """
    import re

    names = {treaty.id, treaty.name}
    if treaty.short_name:
        names.add(treaty.short_name)
    for text in (treaty.name, treaty.short_name or ""):
        names.update(re.findall(r"\(([A-Za-z][A-Za-z0-9.-]*)\)", text))
    if treaty.parties.organisation:
        names.add(treaty.parties.organisation)
    return frozenset(_key(n) for n in names if n.strip())


def _key(name: str) -> str:
    """A name as compared: case-folded, hyphens and underscores as spaces (``warsaw-pact`` is ``Warsaw Pact``)."""
    return " ".join(name.replace("-", " ").replace("_", " ").casefold().split())


def find_treaty(treaties: Sequence[Treaty], treaty_id: str) -> Treaty:
    """The treaty with this id, or the one treaty a name, acronym or organisation names.

    Raises:
        UnknownEntityError: no treaty has that name (the message suggests near
            misses, by id, name or acronym, and says how to list them all), or
            several share it (the message lists their ids).

    Examples:
        >>> find_treaty(shipped_treaties(), "Liptako-Gourma Charter").id
        'liptako-gourma-charter'
        >>> find_treaty(shipped_treaties(), "AES")
        Traceback (most recent call last):
        ...
        sahel_sim.errors.UnknownEntityError: 'AES' names 2 treaties (aes-confederation-treaty, liptako-gourma-charter); give one of these ids
        >>> find_treaty(shipped_treaties(), "liptako-gourma-chartr")
        Traceback (most recent call last):
        ...
        sahel_sim.errors.UnknownEntityError: unknown treaty 'liptako-gourma-chartr'; did you mean liptako-gourma-charter (Liptako-Gourma Charter)?
    """
    import difflib

    from sahel_sim.errors import UnknownEntityError, suggest

    for treaty in treaties:
        if treaty.id == treaty_id:
            return treaty
    key = _key(treaty_id)
    named = [t for t in treaties if key in treaty_names(t)]
    if len(named) == 1:
        return named[0]
    if named:
        raise UnknownEntityError(f"'{treaty_id}' names {len(named)} treaties ({', '.join(t.id for t in named)}); "
                                 f"give one of these ids")
    labels = {t.id: t.title for t in treaties}
    hint = suggest(treaty_id, labels, labels=labels)
    if hint is None:
        by_name = {name: t.id for t in treaties for name in treaty_names(t)}
        close = list(dict.fromkeys(by_name[n] for n in difflib.get_close_matches(key, list(by_name), n=3, cutoff=0.75)))
        if close:
            hint = "did you mean " + " or ".join(f"{i} ({labels[i]})" for i in close) + "?"
    raise UnknownEntityError(f"unknown treaty '{treaty_id}'; " + (hint or "run 'sahel-sim treaties' to list them"))


def _library_files() -> list[Path]:
    return [DATA_DIR / name for name in WORLD_FILES] + list(treaty_files())


@lru_cache(maxsize=1)
def library_key() -> str:
    """The library's cache key: its files' bytes, the package and Python versions, the models' source.

    Computed once per process, like the library itself.
    """
    from sahel_sim import library_cache

    return library_cache.content_key(_library_files(), DATA_DIR)


@lru_cache(maxsize=1)
def library_world() -> World:
    """The shipped world: actors, territories, memberships, relations, treaties, perspectives.

    Read once per process, and from the on-disk cache when the files have not
    changed since it was written (see :mod:`sahel_sim.library_cache`).
    """
    from sahel_sim import library_cache
    from sahel_sim.scenario import plain

    key = library_key()
    cached = library_cache.load(key, decode=plain.loads)
    if isinstance(cached, World):  # rebuilt as validated, without validating again (see scenario.plain)
        return cached
    world = _read_library()
    library_cache.store(key, world, encode=plain.dumps)
    return world


def _read_library() -> World:
    """Read and validate every library file, and check their references."""
    world = World()
    for name in WORLD_FILES:
        world = world.merged(validate(World, read_yaml(DATA_DIR / name)))
    world = world.merged(World(treaties=tuple(load_treaty_file(p) for p in treaty_files())))
    problems = world_references(world)
    if problems:
        raise ScenarioError.from_problems(
            [Problem(r.message, "shipped library", path=".".join(map(str, r.path)), hint=r.hint) for r in problems])
    return world
