"""The one-call entry point: run a loaded scenario and get its findings."""

from __future__ import annotations

from datetime import date
from dataclasses import replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Iterable

from sahel_sim.collector import paused
from sahel_sim.engine.cascade import run_cascade
from sahel_sim.engine.combined import COMBINATIONS_CAP, MAX_COMBINATIONS
from sahel_sim.engine.conflicts import ConflictSearch, find_conflicts
from sahel_sim.engine.findings import SimulationResult
from sahel_sim.engine.readings import LibraryReadings, ReadingWorlds
from sahel_sim.engine.stream import Alternatives, ResultStream, outline
from sahel_sim.engine.query import Query
from sahel_sim.errors import SahelSimError
from sahel_sim.model.events import Event
from sahel_sim.world import World
from sahel_sim.scenario.validation import EARLIEST, LATEST
from sahel_sim.engine.run import DEFAULT_PERSPECTIVE, Run
from sahel_sim.scenario.load import Scenario

__all__ = ["check_parties", "library_readings", "perspective_id", "reading_worlds", "shipped_readings", "simulate", "stream"]


@paused()  # the whole result stays alive: no garbage to look for while it is built
def simulate(scenario: Scenario, *, perspective: str | None = None, as_of: date | None = None,
             parties: Iterable[str] = (), cascade: int = 0, conflicts: bool = True,
             negatives: bool = True, alternatives: bool = True, combine_readings: bool = False,
             max_combinations: int = MAX_COMBINATIONS, readings: ReadingWorlds | None = None,
             among: Iterable[str] | None = None) -> SimulationResult:
    """Evaluate every event of ``scenario``.

    Args:
        scenario: a scenario from :func:`~sahel_sim.load_scenario`.
        perspective: the reading to characterise events with; defaults to the
            scenario's own, else ``literal``.
        as_of: move every event to this date (who is a party then?).
        parties: actors to judge even when they are party to nothing.
        cascade: rounds of responses to run after the scenario's events (0: none).
        conflicts: also look for conflicting duties.
        negatives: also build non-obligations (the "why not"); sweeps turn this off.
        alternatives: also evaluate every contested alternative (each against the main
            reading) and mark the findings whose status it changes.
        combine_readings: also evaluate every combination of two or more of the readings
            that can change the case (one per disputed fact: their product), and mark the
            findings whose status a combination changes, naming the readings it combines.
        max_combinations: the most combinations ``combine_readings`` may evaluate (from 1 to
            1,024; default 64).
        readings: the scenario's readings and their worlds (:func:`reading_worlds`), shared by
            several runs of the same scenario so that no reading's world is built twice.
        among: judge only these actors (None: every party and every asked actor).  An actor's
            findings, the readings that contest them and its conflicts of duties are those of the
            whole run (they do not depend on who else is judged); nobody else is judged (an asked
            actor is still told that a treaty is not in force).  What a scenario's expectations
            name is all ``check`` needs.

    Raises:
        UnknownEntityError: the perspective, or an actor in ``parties`` or ``among``, does not exist.
        SahelSimError: ``as_of`` lies outside the dates the data can express; ``combine_readings``
            without ``alternatives``, or ``max_combinations`` out of range; ``among`` with
            ``cascade`` or ``combine_readings`` (who a cascade draws in, and which readings
            combine, depend on every actor's findings).
        TooManyCombinations: the readings combine in more than ``max_combinations`` ways
            (a :class:`SahelSimError`, raised before any event is judged).
    """
    return stream(scenario, perspective=perspective, as_of=as_of, parties=parties, cascade=cascade,
                  conflicts=conflicts, negatives=negatives, alternatives=alternatives,
                  combine_readings=combine_readings, max_combinations=max_combinations,
                  readings=readings, among=among).collect()


def stream(scenario: Scenario, *, perspective: str | None = None, as_of: date | None = None,
           parties: Iterable[str] = (), cascade: int = 0, conflicts: bool = True,
           negatives: bool = True, alternatives: bool = True, combine_readings: bool = False,
           max_combinations: int = MAX_COMBINATIONS, readings: ReadingWorlds | None = None,
           among: Iterable[str] | None = None) -> ResultStream:
    """What :func:`simulate` finds, event by event: iterate the stream once, each event judged as it is read.

    The arguments are checked here, before any event is judged, so that a
    report written from the stream is refused before its first line.  The
    conflicts (``stream.conflicts``) are known once every event has been
    read.  With ``cascade`` the rounds are worked out together (each round
    needs the last), and the stream reads them from memory.

    Raises:
        UnknownEntityError, SahelSimError: as :func:`simulate`.
    """
    if as_of is not None and not EARLIEST <= as_of <= LATEST:
        raise SahelSimError(f"as_of {as_of} is out of range; expected a date from {EARLIEST} to {LATEST}")
    combine = _combine(alternatives, combine_readings, max_combinations, cascade)
    judged = _among(among, cascade, combine_readings)
    if combine is not None:  # each reading alone first: the combinations are of those that change a finding
        alone = stream(scenario, perspective=perspective, as_of=as_of, parties=parties, conflicts=conflicts,
                       negatives=negatives, readings=readings).collect()
        return ResultStream.of(_with_combinations(scenario, alone, parties, as_of, combine))
    chosen = perspective_id(scenario.world, perspective or scenario.spec.perspective or DEFAULT_PERSPECTIVE)
    parties = tuple(parties)
    check_parties(scenario.world, parties)
    if judged is not None:
        check_parties(scenario.world, sorted(judged), field="among")
    asked = frozenset(scenario.asked()) | frozenset(parties)
    history = tuple(e.on(as_of) if as_of else e for e in scenario.events)  # shifted once, for every stage
    world = scenario.compiled  # the compiled world, built once and passed to every stage
    query = Query(asked, non_obligations=negatives, among=judged)
    if cascade > 0:
        result = _with_cascade(scenario, chosen, history, cascade, query)
        if alternatives:
            result = _marked(result, _alternatives(scenario, chosen, asked, as_of, result, readings=readings))
        if conflicts:
            result = replace(result, conflicts=find_conflicts(world, result.events, chosen, history))
        return ResultStream.of(result)
    run = Run.of(world, history, perspective=chosen, query=query)
    others = _alternatives(scenario, chosen, asked, as_of, outline(run, scenario.name), main=run.query,
                           readings=readings) if alternatives else None
    marked = (others.mark(r, chosen) for r in run.results()) if others is not None else run.results()
    search = ConflictSearch(world, chosen, history) if conflicts else None
    return ResultStream(scenario.name, chosen, marked, alternatives=others.readings if others is not None else (),
                        search=search)


def _among(among: Iterable[str] | None, cascade: int, combine_readings: bool) -> frozenset[str] | None:
    """The actors a run judges (None: everyone), the request checked."""
    if among is None:
        return None
    if isinstance(among, str):
        raise SahelSimError(f"among is a collection of actor ids, not the string {among!r}: write among=[{among!r}]")
    if cascade:
        raise SahelSimError("among judges some actors only, and a cascade's rounds need every actor's duties: "
                            "drop cascade or among")
    if combine_readings:
        raise SahelSimError("among judges some actors only, and which readings combine depends on every actor's "
                            "findings: drop combine_readings or among")
    return frozenset(among)


def _combine(alternatives: bool, combine_readings: bool, bound: int, cascade: int) -> int | None:
    """The bound on combined readings (None: each reading alone), the request checked."""
    if not combine_readings:
        return None
    if not alternatives:
        raise SahelSimError("combine_readings needs the alternatives: drop alternatives=False")
    if cascade:
        raise SahelSimError("combine_readings compares the scenario's own events, not a cascade's rounds: "
                            "drop cascade or combine_readings")
    if isinstance(bound, bool) or not isinstance(bound, int) or not 1 <= bound <= COMBINATIONS_CAP:
        raise SahelSimError(f"max_combinations must be a whole number from 1 to {COMBINATIONS_CAP:,}, not {bound!r}")
    return bound


def reading_worlds(scenario: Scenario, library: LibraryReadings | None = None, *,
                   store: bool = False) -> ReadingWorlds:
    """The contested readings of ``scenario`` with their worlds, to give each run of it (``simulate(readings=)``).

    ``library``: the library's readings (:func:`library_readings`), shared by the scenarios on that library
    so that what depends on the library alone is worked out once for all of them; when not given, a scenario
    on the shipped library shares the shipped library's, worked out once in the process
    (:func:`shipped_readings`).  The readings' facts
    validated before are read from the cache (:func:`~sahel_sim.scenario.cache.load_facts`); ``store``:
    when they are not there, validate them all now and cache them (the command line does; a server,
    which writes nothing, and a library caller do not).
    """
    from sahel_sim.graph import compile_world

    compiled = scenario.compiled  # a reading's world is the scenario's with one fact replaced: compiled like it
    if library is None:
        library = shipped_readings()
    worlds = ReadingWorlds(scenario.world, scenario.events, scenario.spec.contested, compiled,
                           partial(compile_world, like=compiled), library=library)
    _cached_facts(worlds, store=store)
    return worlds


def shipped_readings() -> LibraryReadings | None:
    """The shipped library's readings, worked out once in the process, when the shipped library is loaded.

    What :func:`reading_worlds` shares when it is given no library: every scenario loaded on the shipped
    library extends it, so its readings, their facts and their worlds are built once for all of them (a
    notebook, a server, a sweep run many).  None when the shipped library has not been read in this process:
    then no scenario extends it.  Nothing is written (``library_readings(store=False)``).
    """
    from sahel_sim.library import library_world

    if not library_world.cache_info().currsize:
        return None
    readings = _shipped_readings()
    if readings.world is not library_world():  # the library was read again (its cache cleared): so are they
        _shipped_readings.cache_clear()
        readings = _shipped_readings()
    return readings


@lru_cache(maxsize=1)
def _shipped_readings() -> LibraryReadings:
    return library_readings(store=False)


def library_readings(library: World | None = None, *, store: bool = True) -> LibraryReadings:
    """The contested readings of ``library`` (the shipped library by default), for :func:`reading_worlds`.

    What the shipped library's readings need (their facts as validated, its treaties' clause texts, where its
    readings are and the names its treaties write) is cached: worked out once, then read back (keyed by the
    library's key); ``store=False`` reads the cache but does not write it.  Another library's facts are read
    from the cache when there.
    """
    from sahel_sim.graph import compile_world

    if library is not None:
        readings = LibraryReadings(library, compile_world)
        _cached_facts(readings, store=False)
        return readings
    from sahel_sim.library import library_world
    from sahel_sim.scenario import cache

    world = library_world()
    key = cache.facts_key(_validating_sources())
    entry = cache.load_facts(key) if key is not None else None
    if entry is not None:
        try:
            readings = LibraryReadings(world, compile_world, layout=entry["layout"])  # None: walked
        except ValueError:  # a layout that does not fit the library: not used
            pass
        else:
            todo = readings.to_validate()
            if cache.fitting(entry["facts"], [type(r.owner) for _, r in todo]) \
                    and len(entry["texts"]) == len(world.treaties):
                readings.given(dict(zip((origin for origin, _ in todo), entry["facts"])))
                readings.given_texts(entry["texts"])
                return readings
    readings = LibraryReadings(world, compile_world)
    if key is not None and store:
        try:
            facts = [readings.fact(origin) for origin, _ in readings.to_validate()]
        except ValueError:  # an alternative that does not validate: no entry (fact raises if a run needs it)
            return readings
        cache.store_facts(key, facts, readings.texts(), readings.layout())
    return readings


def _validating_sources() -> list[Path]:
    """The modules that find the readings, validate their facts and write the clause texts."""
    from sahel_sim.engine import contested, readings

    return [Path(readings.__file__ or ""), Path(contested.__file__ or "")]


def _cached_facts(readings: ReadingWorlds | LibraryReadings, *, store: bool) -> None:
    """Give ``readings`` the facts of its readings as validated before (from the cache, keyed by the facts and
    alternatives themselves); on a miss, with ``store``, validate them all now and cache them.

    A fact whose alternative does not validate is left to :meth:`~ReadingWorlds.fact`, which raises when
    (and only if) the run needs it, as without the cache.
    """
    from sahel_sim.scenario import cache

    todo = readings.to_validate()
    if not todo:
        return
    key = cache.facts_key(_validating_sources(), [(r.owner, r.alternative) for _, r in todo])
    if key is None:
        return
    entry = cache.load_facts(key)
    if entry is not None and cache.fitting(entry["facts"], [type(r.owner) for _, r in todo]) \
            and entry["texts"] == [] and entry["layout"] is None:
        readings.given(dict(zip((place for place, _ in todo), entry["facts"])))  # type: ignore[arg-type]
        return
    if not store:
        return
    try:
        facts = [readings.fact(place) for place, _ in todo]  # type: ignore[arg-type]
    except ValueError:  # an alternative that does not validate: no entry
        return
    cache.store_facts(key, facts)


def _alternatives(scenario: Scenario, chosen: str, asked: frozenset[str], as_of: date | None,
                  events: SimulationResult, main: Query | None = None,
                  readings: ReadingWorlds | None = None) -> Alternatives:
    """The scenario's contested alternatives that can bear on ``events``, each ready to judge an event under it.

    Each alternative is run in full (with the "why not"), whatever ``negatives`` says, so that a
    reading's reason is the same in a lean run as in a full one.
    """
    from sahel_sim.graph import compile_world

    return Alternatives(scenario.world, scenario.events, scenario.spec.contested, scenario.compiled,
                        name=scenario.name, perspective=chosen, asked=asked, as_of=as_of,
                        compile_world=compile_world, events_judged=events, main=main,
                        worlds=readings if readings is not None else reading_worlds(scenario))


def _with_combinations(scenario: Scenario, alone: SimulationResult, parties: tuple[str, ...],
                       as_of: date | None, bound: int) -> SimulationResult:
    """``alone`` (each reading against the main one) marked by every combination of the readings that
    change some finding of it, each combination run over the whole history."""
    from sahel_sim.engine.combined import combinations, effective
    from sahel_sim.engine.contested import apply_readings, with_alternatives
    from sahel_sim.graph import compile_world

    together = combinations(effective(alone), bound)
    asked = frozenset(scenario.asked()) | frozenset(parties)
    runs = []
    for combo in together:
        world, events = apply_readings(scenario.world, scenario.events, combo.readings)
        run = Run.of(compile_world(world), events, perspective=combo.perspective or alone.perspective,
                     query=Query(asked), as_of=as_of)
        runs.append((combo, SimulationResult(scenario.name, run.perspective, tuple(run.results()))))
    marked = with_alternatives(alone, runs)
    return replace(marked, alternatives=alone.alternatives + together)


def _marked(result: SimulationResult, others: Alternatives) -> SimulationResult:
    """Every event of ``result`` (a cascade's too) marked by the alternatives."""
    events = tuple(others.mark(e, result.perspective) for e in result.events)
    marked = replace(result, events=events, alternatives=others.readings)
    if marked.cascade is None:
        return marked
    by_id = {e.event.id: e for e in marked.events}
    rounds = tuple(replace(rnd, results=tuple(by_id.get(r.event.id, r) for r in rnd.results))
                   for rnd in marked.cascade.rounds)
    return replace(marked, cascade=replace(marked.cascade, rounds=rounds))


def _with_cascade(scenario: Scenario, perspective: str, history: tuple[Event, ...], rounds: int,
                  query: Query) -> SimulationResult:
    """The findings of every round of the cascade."""
    policy = scenario.spec.cascade
    run = run_cascade(scenario.compiled, history, perspective=perspective, rounds=rounds,
                      non_compliant=policy.non_compliant if policy else (),
                      lag_days=policy.lag_days if policy else 0, query=query)
    return SimulationResult(scenario.name, perspective, run.results, cascade=run)


def perspective_id(world: World, given: str) -> str:
    """The reading's id as the world spells it: ``ECOWAS`` is ``ecowas`` when one reading has that id in any case.

    A name no reading has, in any case, comes back as given, for the usual
    "unknown perspective" message and its suggestion.
    """
    if world.perspective(given) is not None:
        return given
    same = [p.id for p in world.perspectives if p.id.casefold() == given.casefold()]
    return same[0] if len(same) == 1 else given


def check_parties(world: World, parties: Iterable[str], *, field: str = "--party") -> None:
    """Refuse an unknown ``--party`` (``parties=``) with a suggestion, rather than silently ignore it.

    The one check of asked actors, with the one wording every command shows;
    ``field`` names what gave the ids (``among`` for :func:`simulate`'s ``among=``).

    Raises:
        UnknownEntityError: an id names no actor of the world.
    """
    from sahel_sim.errors import UnknownEntityError, suggest
    from sahel_sim.scenario.names import actor_hint, territory_hint

    labels = {a.id: a.name for a in world.actors}
    for who in parties:
        if who not in labels:
            hint = actor_hint(world, who) or territory_hint(world, who, party=True) or suggest(who, labels, labels=labels)
            raise UnknownEntityError(f"{field} {who}: no such actor" + (f"; {hint}" if hint else ""))
