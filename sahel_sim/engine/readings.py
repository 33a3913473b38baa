"""The contested readings of a world, each with the world it gives: worked out once, shared by the runs.

Which readings there are, the world and events each gives, its compiled
form and the treaties it can change do not depend on a run.
:class:`ReadingWorlds` works them out once per scenario, for every run of it
(``check`` runs a scenario under several perspectives).  Most readings are
the library's, the same in every scenario on that library:
:class:`LibraryReadings` works out once, for all of them (``check`` runs
every shipped scenario), each library reading's fact and the library's parts
it changes, the names and clause texts each library treaty writes, and each
reading's compiled world for the scenarios that add nothing to the library
(the same world, so the same compiled world).  Both are values passed
explicitly; nothing is kept in module state.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Callable, Iterable, Mapping, Sequence

from pydantic import BaseModel

from sahel_sim.engine.contested import (PARTS, Mentions, Path, Reading, bears_on, clause_text, locate, reach,
                                        readings_in, rebuilt, substitute)
from sahel_sim.engine.findings import SimulationResult
from sahel_sim.graph.compiled import CompiledWorld
from sahel_sim.model.base import Sourced, alternative_of
from sahel_sim.model.events import Event
from sahel_sim.world import World

__all__ = ["LibraryReadings", "ReadingWorlds"]

Origin = tuple[str, int]  # a library reading: the part of the world it is found in, and its place there


class LibraryReadings:
    """The readings of a library, each worked out once for every scenario that extends the library.

    A scenario's world is the library's entries, in order, then its own
    (:meth:`underlies`); the library's readings are the same facts in every
    such scenario.  For each, the fact as the reading has it and the
    library's parts with it replaced are built once; a scenario adds its own
    entries to those parts.  A scenario that adds nothing has the same world
    under a reading as every other such scenario: its compiled world is
    built once (:meth:`compiled`).
    """

    def __init__(self, library: World, compile_world: Callable[[World], CompiledWorld], *,
                 layout: Any = None) -> None:
        """``layout``: what :meth:`layout` gave for this library before (read back from the cache), so that
        the library is not walked again for its readings and the names its treaties write.

        Raises:
            ValueError: ``layout`` is not what :meth:`layout` gives, or does not fit ``library``.
        """
        self.world = library
        self._compile = compile_world
        self._facts: dict[Origin, Any] = {}
        self._applied: dict[Origin, dict[str, tuple[Any, ...]] | None] = {}
        self._compiled: dict[Origin, CompiledWorld] = {}
        self._texts: dict[int, str] = {}
        self._mentions: Mentions | None = None
        self._places: dict[Origin, list[Path]] | None = None
        if layout is None:
            self.parts: dict[str, tuple[Reading, ...]] = {p: tuple(readings_in(getattr(library, p))) for p in PARTS}
        else:
            self.parts, self._mentions = _laid_out(library, layout)

    def layout(self) -> dict[str, Any] | None:
        """What walking the library finds, as plain data for :class:`LibraryReadings` (``layout=``) of the same
        library: each reading by where its fact is, its alternative's place among the fact's, its words and
        its treaty; the names each treaty and the perspectives write (:meth:`mentions`).  None when a fact
        with readings sits at more than one place (then the walk finds its readings)."""
        origins = [(p, k) for p in PARTS for k in range(len(self.parts[p]))]
        found = locate(self.world, [self.reading(o).owner for o in origins])
        if self._places is None:  # the same walk as the one that finds them for :meth:`applied`
            self._places = dict(zip(origins, found))
        if any(len(places) != 1 for places in found):
            return None
        rows = []
        for origin, (place,) in zip(origins, found):
            r = self.reading(origin)
            j = next(i for i, a in enumerate(r.owner.contested) if a is r.alternative)  # type: ignore[union-attr]
            rows.append([list(place), j, r.disputes, r.treaty])
        m = self.mentions()
        return {"readings": rows, "treaties": [[t, sorted(names)] for t, names in m.treaties.items()],
                "rules": sorted(m.rules), "through_requests": sorted(m.through_requests)}

    def underlies(self, world: World) -> bool:
        """Whether ``world`` begins, in every part, with this library's own entries (the same objects)."""
        for name in type(world).model_fields:
            mine, theirs = getattr(self.world, name), getattr(world, name)
            if theirs is not mine and (len(theirs) < len(mine) or any(a is not b for a, b in zip(mine, theirs))):
                return False
        return True

    def adds_nothing(self, world: World) -> bool:
        """Whether ``world`` holds exactly the library's parts."""
        return all(getattr(world, name) is getattr(self.world, name) for name in type(world).model_fields)

    def reading(self, origin: Origin) -> Reading:
        """The library reading found at ``origin``."""
        return self.parts[origin[0]][origin[1]]

    def fact(self, origin: Origin) -> Any:
        """The disputed fact as the reading at ``origin`` has it (validated once, or given: :meth:`given`)."""
        if origin not in self._facts:
            r = self.reading(origin)
            self._facts[origin] = alternative_of(r.owner, r.alternative)  # type: ignore[arg-type]
        return self._facts[origin]

    def to_validate(self) -> list[tuple[Origin, Reading]]:
        """The readings whose fact :meth:`fact` validates (a fact their alternative changes), by origin, in order."""
        return [((p, k), r) for p in PARTS for k, r in enumerate(self.parts[p]) if _validated(r)]

    def given(self, facts: Mapping[Origin, Any]) -> None:
        """Take ``facts`` (by origin, as :meth:`to_validate` lists them) as what validating them gives
        (validated before: read back from the cache), so that :meth:`fact` does not validate them again."""
        for origin, fact in facts.items():
            self._facts.setdefault(origin, fact)

    def applied(self, origin: Origin) -> dict[str, tuple[Any, ...]] | None:
        """The library's parts the reading at ``origin`` changes, with its fact replaced (None: it changes nothing)."""
        if origin not in self._applied:
            r = self.reading(origin)
            if r.owner is None or not r.alternative.changes:
                self._applied[origin] = None
            else:
                if self._places is None:  # every library reading's fact found in one walk of the library
                    origins = [(p, k) for p in PARTS for k in range(len(self.parts[p]))]
                    found = locate(self.world, [self.reading(o).owner for o in origins])
                    self._places = dict(zip(origins, found))
                new, steps = self.fact(origin), _by_step(self._places[origin])
                self._applied[origin] = {name: rebuilt(getattr(self.world, name), rest, new) for name, rest in steps.items()}
        return self._applied[origin]

    def compiled(self, origin: Origin, world: World,
                 compile_world: Callable[[World], CompiledWorld] | None = None) -> CompiledWorld:
        """The compiled world of the library under the reading at ``origin``; ``world`` is that world
        (a scenario's that adds nothing to the library), compiled the first time only, by ``compile_world``
        (the asking scenario's, which compiles like its own compiled world: the same result) or the library's."""
        if origin not in self._compiled:
            self._compiled[origin] = (compile_world or self._compile)(world)
        return self._compiled[origin]

    def text(self, k: int) -> str:
        """The clauses of the library's ``k``-th treaty as JSON (:func:`~sahel_sim.engine.contested.clause_text`)."""
        if k not in self._texts:
            self._texts[k] = clause_text(self.world, k)
        return self._texts[k]

    def texts(self) -> list[str]:
        """:meth:`text` of every treaty of the library, in order."""
        return [self.text(k) for k in range(len(self.world.treaties))]

    def given_texts(self, texts: Sequence[str]) -> None:
        """Take ``texts`` as :meth:`texts` gives them (worked out before: read back from the cache)."""
        if len(texts) != len(self.world.treaties):
            raise ValueError(f"{len(texts)} texts given for {len(self.world.treaties)} treaties")
        for k, text in enumerate(texts):
            self._texts.setdefault(k, text)

    def mentions(self) -> Mentions:
        """The names each library treaty and the library's perspectives write."""
        if self._mentions is None:
            self._mentions = Mentions.of(self.world)
        return self._mentions


class ReadingWorlds:
    """A scenario's contested readings, each with the world and events as it has them, compiled when first needed.

    What does not depend on a run (which readings there are, the world each
    gives, its compiled form, the treaties it can change) is worked out once
    per scenario: give one value to each run of the same scenario
    (``simulate(..., readings=)``; ``check`` runs a scenario under several
    perspectives) and no reading's world is built twice.  Which readings a
    run judges stays the run's (:meth:`bears_on`).  ``library``: the readings
    of the library the world extends, shared with the other scenarios on it
    (ignored when the world does not begin with the library's entries).
    """

    def __init__(self, world: World, events: tuple[Event, ...], own: Iterable[Any], compiled: CompiledWorld,
                 compile_world: Callable[[World], CompiledWorld], *, library: LibraryReadings | None = None) -> None:
        self.world, self.events, self.compiled = world, events, compiled
        self._compile = compile_world
        lib = self._library = library if library is not None and library.underlies(world) else None
        found = [Reading(a, "the scenario's reading of the facts") for a in own]
        origins: list[Origin | None] = [None] * len(found)
        for part in PARTS:  # as readings_of lists them: the library's entries of each part, then the scenario's
            start = 0
            if lib is not None:
                found += lib.parts[part]
                origins += [(part, k) for k in range(len(lib.parts[part]))]
                start = len(getattr(lib.world, part))
            mine = readings_in(getattr(world, part)[start:])
            found += mine
            origins += [None] * len(mine)
        mine = readings_in(tuple(events))
        self.readings: tuple[Reading, ...] = (*found, *mine)
        self._origins: tuple[Origin | None, ...] = (*origins, *[None] * len(mine))
        self._alone = lib is not None and lib.adds_nothing(world)
        self._worlds: dict[int, tuple[World, tuple[Event, ...], CompiledWorld]] = {}  # by place in ``readings``
        self._facts: dict[int, Any] = {}
        self._texts: dict[int, str] = {}
        self._mentions: Mentions | None = None
        self._places: dict[int, list[Path]] | None = None

    def world_of(self, i: int) -> tuple[World, tuple[Event, ...], CompiledWorld]:
        """The world, the events and the compiled world as the ``i``-th reading has them."""
        if i not in self._worlds:
            changed, theirs = self.applied(i)
            origin = self._origins[i]
            if changed is self.world:
                compiled = self.compiled
            elif self._alone and origin is not None:
                compiled = self._library.compiled(origin, changed, self._compile)  # type: ignore[union-attr]
            else:
                compiled = self._compile(changed)
            self._worlds[i] = (changed, theirs, compiled)
        return self._worlds[i]

    def applied(self, i: int) -> tuple[World, tuple[Event, ...]]:
        """The world and events as the ``i``-th reading has them: what
        :func:`~sahel_sim.engine.contested.apply_reading` gives, without walking the whole world for each reading
        (a library reading's parts are the library's, built once; the other readings' facts are found in one walk
        of the world and the events)."""
        r, origin, lib = self.readings[i], self._origins[i], self._library
        if r.owner is None or not r.alternative.changes:
            return self.world, self.events
        new = self.fact(i)
        if origin is not None and lib is not None:
            parts = lib.applied(origin)
            return self._extended(parts or {}, r.owner, new), substitute(self.events, r.owner, new)
        if self._places is None:
            mine = [k for k, o in enumerate(self._origins)
                    if (o is None or lib is None) and self.readings[k].owner is not None]
            found = locate((self.world, self.events), [self.readings[k].owner for k in mine])
            self._places = dict(zip(mine, found))
        steps = _by_step(self._places[i])
        return rebuilt(self.world, steps.get(0, []), new), rebuilt(self.events, steps.get(1, []), new)

    def _extended(self, parts: dict[str, tuple[Any, ...]], owner: Any, new: Any) -> World:
        """The world with the library's ``parts`` (the reading applied) and its own entries, ``owner`` replaced
        by ``new`` there too: what :func:`~sahel_sim.engine.contested.apply_reading` gives, the library's
        parts built once."""
        base = self._library.world  # type: ignore[union-attr]
        update = {}
        for name in type(self.world).model_fields:
            whole, mine = getattr(self.world, name), getattr(base, name)
            rest = whole[len(mine):]
            got = substitute(rest, owner, new) if rest else rest
            if name in parts or got is not rest:
                update[name] = parts.get(name, mine) + got
        return self.world.model_copy(update=update) if update else self.world

    def fact(self, i: int) -> Any:
        """The disputed fact as the ``i``-th reading has it (validated once, or given: :meth:`given`)."""
        origin = self._origins[i]
        if origin is not None and self._library is not None:
            return self._library.fact(origin)
        if i not in self._facts:
            r = self.readings[i]
            self._facts[i] = alternative_of(r.owner, r.alternative)  # type: ignore[arg-type]
        return self._facts[i]

    def to_validate(self) -> list[tuple[int, Reading]]:
        """The readings whose fact :meth:`fact` validates itself (a fact their alternative changes; not the
        library's, whose facts are the library readings'), by place in :attr:`readings`, in order."""
        lib = self._library
        return [(i, r) for i, (r, o) in enumerate(zip(self.readings, self._origins))
                if (o is None or lib is None) and _validated(r)]

    def given(self, facts: Mapping[int, Any]) -> None:
        """Take ``facts`` (by place, as :meth:`to_validate` lists them) as what validating them gives
        (validated before: read back from the cache), so that :meth:`fact` does not validate them again."""
        for i, fact in facts.items():
            self._facts.setdefault(i, fact)

    def text(self, k: int) -> str:
        """The clauses of the world's ``k``-th treaty as JSON, each written once."""
        lib = self._library
        if lib is not None and k < len(lib.world.treaties):
            return lib.text(k)
        if k not in self._texts:
            self._texts[k] = clause_text(self.world, k)
        return self._texts[k]

    def bears_on(self, i: int, result: SimulationResult) -> bool:
        """Whether the ``i``-th reading can change a finding of ``result`` (:func:`~sahel_sim.engine.contested.bears_on`)."""
        return bears_on(self.readings[i], result, self.world, new=partial(self.fact, i), text=self.text)

    def mentions(self) -> Mentions:
        """What each treaty and the perspectives write (:class:`~sahel_sim.engine.contested.Mentions`), read once."""
        if self._mentions is None:
            lib = self._library
            self._mentions = Mentions.of(self.world) if lib is None else lib.mentions().extended(
                self.world.treaties[len(lib.world.treaties):], self.world.perspectives[len(lib.world.perspectives):])
        return self._mentions

    def reach_of(self, i: int) -> frozenset[str] | None:
        """The treaties the ``i``-th reading can change (None: any), see :func:`~sahel_sim.engine.contested.reach`."""
        _, theirs, compiled = self.world_of(i)
        return reach(self.readings[i], self.compiled.world, compiled.world, self.events, theirs, self.mentions())


def _laid_out(world: World, layout: Any) -> tuple[dict[str, tuple[Reading, ...]], Mentions]:
    """The readings of each part of ``world`` and the names its treaties write, as ``layout`` records them
    (:meth:`LibraryReadings.layout`): each reading's fact found again by its place.

    Raises:
        ValueError: ``layout`` is not such a record, or a place holds no fact with that many readings.
    """
    if not isinstance(layout, dict) or set(layout) != {"readings", "treaties", "rules", "through_requests"}:
        raise ValueError("not a layout of readings")
    rows, treaties, rules = layout["readings"], layout["treaties"], layout["rules"]
    through = layout["through_requests"]
    if not isinstance(rows, list) or not isinstance(treaties, list) or not _texts(rules) or not _texts(through):
        raise ValueError("not a layout of readings")
    parts: dict[str, list[Reading]] = {p: [] for p in PARTS}
    for row in rows:
        if not isinstance(row, list) or len(row) != 4:
            raise ValueError("not a reading's place")
        place, j, disputes, treaty = row
        if not isinstance(place, list) or not place or place[0] not in parts or type(j) is not int \
                or type(disputes) is not str or not (treaty is None or type(treaty) is str):
            raise ValueError("not a reading's place")
        owner = _at(world, place)
        if not isinstance(owner, Sourced) or not 0 <= j < len(owner.contested):
            raise ValueError(f"no fact with {j + 1} readings at {place}")
        parts[place[0]].append(Reading(owner.contested[j], disputes, owner, treaty))
    named = {}
    for entry in treaties:
        if not isinstance(entry, list) or len(entry) != 2 or type(entry[0]) is not str or not _texts(entry[1]):
            raise ValueError("not the names a treaty writes")
        named[entry[0]] = frozenset(entry[1])
    return {p: tuple(found) for p, found in parts.items()}, Mentions(named, frozenset(rules), frozenset(through))


def _texts(value: Any) -> bool:
    """A list of texts (a text enum's members among them: a category, a kind of event)."""
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _at(world: World, place: list[Any]) -> Any:
    """What sits at ``place`` (field names and tuple places) in ``world``.

    Raises:
        ValueError: a step that names no field of a model, or no place of a tuple.
    """
    node: Any = world
    for step in place:
        if type(step) is str and isinstance(node, BaseModel) and step in type(node).model_fields:
            node = getattr(node, step)
        elif type(step) is int and isinstance(node, tuple) and 0 <= step < len(node):
            node = node[step]
        else:
            raise ValueError(f"no {step!r} at {place}")
    return node


def _validated(r: Reading) -> bool:
    """Whether the reading's fact is validated (:func:`~sahel_sim.model.base.alternative_of`): it names a fact
    and changes it (a reading of the events' categories only, or one that changes nothing, has none)."""
    return r.owner is not None and bool(r.alternative.changes)


def _by_step(places: list[Path]) -> dict[Any, list[Path]]:
    """``places`` grouped by their first step (a field of the world, or 0 and 1 for the world and the events)."""
    steps: dict[Any, list[Path]] = {}
    for p in places:
        steps.setdefault(p[0], []).append(p[1:])
    return steps
