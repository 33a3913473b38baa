"""Load a scenario file: read safely, validate, resolve ids, merge with the library.

This is the untrusted-input boundary.  A file that passes has the right
shape, refers only to things that exist, and is ready to run; a file that
fails raises one :class:`~sahel_sim.errors.ScenarioError` naming every
problem with its line.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import networkx as nx

from sahel_sim.clauses.treaty import Treaty
from sahel_sim.collector import paused
from sahel_sim.errors import Problem, ScenarioError
from sahel_sim.model.events import Event
from sahel_sim.world import World
from sahel_sim.scenario.references import (Ref, cascade_references, event_references, expectation_references,
                                           world_references)
from sahel_sim.scenario.files import WORLD_SECTIONS, check_world_file, located
from sahel_sim.scenario.names import TerritoryNames
from sahel_sim.scenario.schema import Expectations, ScenarioFile
from sahel_sim.scenario.validation import validate
from sahel_sim.scenario.yaml_source import (ENVIRONMENT, Limits, Located, limits_for, mark_read, parse_yaml, quoted,
                                            read_yaml)

if TYPE_CHECKING:
    from sahel_sim.graph.compiled import CompiledWorld

__all__ = ["Scenario", "load_scenario", "scenario_from_text"]

MAX_TREATY_FILES = 50
MAX_WORLD_FILES = 50


class Scenario:
    """A validated scenario and the world it runs in (library plus its own data)."""

    def __init__(self, spec: ScenarioFile, world: World, path: Path | None = None, *,
                 like: CompiledWorld | None = None) -> None:
        self.spec = spec
        self.world = world
        self.path = path
        self._like = like

    @property
    def name(self) -> str:
        """The scenario's name."""
        return self.spec.scenario

    @property
    def events(self) -> tuple[Event, ...]:
        """The scenario's events, as written."""
        return self.spec.events

    @property
    def expect(self) -> Expectations | None:
        """What the scenario expects, if it says."""
        return self.spec.expect

    @cached_property
    def compiled(self) -> CompiledWorld:
        """The compiled world the engine runs on: graph, index, split clauses (built on first use; what the
        compiled world given to :meth:`reusing` holds of the same values is taken from it)."""
        from sahel_sim.graph import compile_world

        return compile_world(self.world, like=self._like)

    def reusing(self, compiled: CompiledWorld) -> "Scenario":
        """This scenario, its compiled world built ``like=`` ``compiled`` (:func:`~sahel_sim.graph.compile_world`):
        the library's compiled world gives every scenario on the library the library's compiled treaties, and a
        scenario that adds nothing to the library its graph and index.  The compiled world is the same."""
        return Scenario(self.spec, self.world, self.path, like=compiled)

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The world graph (the compiled world's)."""
        return self.compiled.G

    def asked(self) -> tuple[str, ...]:
        """Actors the expectations ask about; they are always judged, party or not."""
        if self.expect is None:
            return ()
        blocks = (self.expect, *self.expect.perspectives.values())
        named = {x.obligor for b in blocks for x in b.obligated}
        named |= {x.party for b in blocks for x in (*b.not_obligated, *b.not_invoked, *b.not_determined)}
        named |= {c.actor for c in self.expect.conflicts}
        return tuple(sorted(named))

    def __repr__(self) -> str:
        return f"Scenario({self.name!r}, events={len(self.events)})"

    def _repr_html_(self) -> str:
        """Jupyter's rich display: name, description and events as an HTML table."""
        from sahel_sim.display import render

        return render("scenario_html", self)


@paused()  # the validated scenario stays alive: no garbage to look for while it is built
def load_scenario(path: str | Path, *, library: World | None = None, limits: Limits | None = None,
                  cache_writes: bool = True) -> Scenario:
    """Read, validate and resolve a scenario file.

    Args:
        path: the scenario file.
        library: the world to resolve ids against (the shipped library by default).
        limits: bounds on the input (from the ``SAHEL_SIM_MAX_*`` environment
            variables by default).
        cache_writes: store a scenario read from source in the scenario cache
            (a server passes ``False``: it reads the cache but writes nothing).

    Raises:
        ScenarioError: the file is missing, unreadable, malformed or invalid,
            passes a limit, or refers to something that does not exist.
    """
    path = Path(path)
    limits = limits or limits_for(path)
    if library is not None:  # another library than the shipped one: the cache (keyed by it) does not apply
        return _resolve(read_yaml(path, limits), path.parent, library, path, limits)
    from sahel_sim.library import library_world
    from sahel_sim.scenario import cache

    hit = cache.load(path, limits)
    if hit is not None:  # the same bytes, limits, library and named files: validated before, not again
        spec, own, named = hit
        mark_read([path, *named])
        return Scenario(spec, library_world().merged(own), path)
    scenario = _resolve(read_yaml(path, limits), path.parent, None, path, limits)
    lib = library_world()
    own = World.model_construct(**{name: getattr(scenario.world, name)[len(getattr(lib, name)):]
                                   for name in World.model_fields})  # what the scenario adds, after the library
    if cache_writes:
        cache.store(path, limits, scenario.spec, own)
    return scenario


@paused()
def scenario_from_text(text: str, *, name: str = "<text>", base: Path | None = None,
                       library: World | None = None, limits: Limits | None = None,
                       files: bool = True) -> Scenario:
    """Like :func:`load_scenario`, from YAML text (for notebooks, tests and the web server).

    Args:
        files: whether the text may name files (``treaties:`` paths).  With
            ``files=False`` (text from an untrusted sender) a path is refused,
            naming its field and line, before anything is read.
    """
    limits = limits or Limits.from_env()
    return _resolve(parse_yaml(text, name, limits), base or Path.cwd(), library, None, limits, files=files)


def _resolve(src: Located, base: Path, library: World | None, path: Path | None, limits: Limits,
             *, files: bool = True) -> Scenario:
    from sahel_sim.library import library_world

    _check_events_limit(src, limits)
    if not files:
        _refuse_paths(src)
    spec = validate(ScenarioFile, src)
    lib = _with_world_files(library if library is not None else library_world(), spec, base, src)
    names = TerritoryNames((*lib.territories, *spec.territories))
    spec = names.rewrite(spec)  # GUF → FRA-GUF wherever a territory is named
    own = World(actors=spec.actors, territories=spec.territories, memberships=spec.memberships,
                relations=spec.relations, governments=spec.governments,
                consent_authorities=spec.consent_authorities, arrangements=spec.arrangements,
                treaties=names.rewrite(_treaties(spec, base, src)), perspectives=spec.perspectives)
    world = lib.merged(own)
    refs = _own_refs(world, lib, own)
    refs += event_references(world, spec.events)
    refs += cascade_references(world, spec.cascade)
    refs += expectation_references(world, spec.expect, {e.id for e in spec.events}, spec.perspective)
    if refs:
        raise located(src, refs)
    return Scenario(spec, world, path)


def _own_refs(world: World, lib: World, own: World) -> list[Ref]:
    """Reference problems in the scenario's own world data, with paths into the scenario file."""
    sizes = {name: len(getattr(lib, name)) for name in World.model_fields}
    out = []
    for r in world_references(world, own_from=sizes):
        key, index = r.path[0], r.path[1]
        if isinstance(index, int) and index >= sizes[str(key)]:
            out.append(Ref((key, index - sizes[str(key)], *r.path[2:]), r.message, r.hint))
    return out


def _with_world_files(lib: World, spec: ScenarioFile, base: Path, src: Located) -> World:
    """The library plus the scenario's world files, in order, each checked against what comes before it.

    A problem inside a world file (an unknown actor, an overlapping
    membership) is reported at its line in that file.
    """
    from sahel_sim.scenario.paths import PathRefused, confined_path

    if len(spec.world) > MAX_WORLD_FILES:
        line, col = src.where(("world",))
        raise ScenarioError.from_problems([Problem(
            f"{len(spec.world):,} world files are more than the limit of {MAX_WORLD_FILES}", src.file, line, col,
            "world", "merge the world files this scenario needs into fewer files")])
    world = lib
    for i, entry in enumerate(spec.world):
        line, col = src.where(("world", i))
        try:
            target = confined_path(entry, base, what="world file")
        except PathRefused as exc:
            raise ScenarioError.from_problems([Problem(exc.message, src.file, line, col, f"world[{i}]",
                                                       exc.hint)]) from None
        data = read_yaml(target)
        if not isinstance(data.data, dict) or not set(WORLD_SECTIONS) & set(data.data):
            raise ScenarioError.from_problems([Problem(
                f"world file {quoted(entry, 120)} is not a world file (it has none of {', '.join(WORLD_SECTIONS)})",
                src.file, line, col, f"world[{i}]", "name a file with actors, territories, memberships or relations")])
        world = check_world_file(data, world)
    return world


def _check_events_limit(src: Located, limits: Limits) -> None:
    """Refuse too many events before validating them one by one."""
    events = src.data.get("events") if isinstance(src.data, dict) else None
    if isinstance(events, list) and len(events) > limits.max_events:
        line, col = src.where(("events",))
        raise ScenarioError.from_problems([Problem(
            f"{len(events):,} events are more than the limit of {limits.max_events:,}", src.file, line, col, "events",
            f"split the scenario, or raise {ENVIRONMENT['max_events']}")])


def _refuse_paths(src: Located) -> None:
    """Refuse every ``world:`` entry and every ``treaties:`` entry that names a file, before validation reads anything.

    Raises:
        ScenarioError: one problem per path, with its line.
    """
    problems = []
    worlds = src.data.get("world") if isinstance(src.data, dict) else None
    for i, entry in enumerate(worlds if isinstance(worlds, list) else ()):
        line, col = src.where(("world", i))
        problems.append(Problem(f"world file {quoted(str(entry))} names a file, and this scenario may not name files",
                                src.file, line, col, f"world[{i}]", "define actors, territories and memberships inline"))
    entries = src.data.get("treaties") if isinstance(src.data, dict) else None
    if not isinstance(entries, list):
        entries = []
    for i, entry in enumerate(entries):
        if isinstance(entry, str):
            line, col = src.where(("treaties", i))
            problems.append(Problem(f"treaty path {quoted(entry)} names a file, and this scenario may not name files",
                                    src.file, line, col, f"treaties[{i}]",
                                    "define the treaty inline, or use one of the shipped treaties by its id"))
    if problems:
        raise ScenarioError.from_problems(problems)


def _treaties(spec: ScenarioFile, base: Path, src: Located) -> tuple[Treaty, ...]:
    from sahel_sim.scenario.paths import PathRefused, confined_path

    entries: Iterable[Any] = spec.treaties
    if len(spec.treaties) > MAX_TREATY_FILES:
        line, col = src.where(("treaties",))
        raise ScenarioError.from_problems([Problem(
            f"{len(spec.treaties):,} treaties are more than the limit of {MAX_TREATY_FILES}", src.file, line, col,
            "treaties", "keep the treaties this scenario needs, or split it into several scenarios")])
    out = []
    for i, entry in enumerate(entries):
        if isinstance(entry, Treaty):
            out.append(entry)
            continue
        line, col = src.where(("treaties", i))
        try:
            target = confined_path(entry, base, what="treaty file")
        except PathRefused as exc:
            raise ScenarioError.from_problems([Problem(exc.message, src.file, line, col, f"treaties[{i}]",
                                                       exc.hint)]) from None
        out.append(_treaty_file(target, entry, src, line, col, i))
    return tuple(out)


def _treaty_file(target: Path, entry: str, src: Located, line: int | None, col: int | None, i: int) -> Treaty:
    """A named treaty file, read; a file that is not a treaty at all is refused without quoting it.

    A scenario from someone else could name any YAML file it may reach to see
    its keys in the messages; a file that has neither ``id`` nor ``clauses``
    is refused with a message that says nothing of what it holds.
    """
    from sahel_sim.scenario.validation import validate as check

    data = read_yaml(target)
    if not isinstance(data.data, dict) or not {"id", "clauses"} & set(data.data):
        raise ScenarioError.from_problems([Problem(
            f"treaty file {quoted(entry, 120)} is not a treaty (it has no 'id' and no 'clauses')", src.file, line, col,
            f"treaties[{i}]", "name a treaty file: id, name, signed, parties, clauses")])
    return check(Treaty, data)


