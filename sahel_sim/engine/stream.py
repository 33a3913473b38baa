"""A run's findings one event at a time: judged, marked by the other readings, searched for conflicts.

:func:`sahel_sim.api.simulate` keeps every event's findings; a report that
is written event by event (``run --format json`` on a thousand events) needs
only one at a time.  A :class:`ResultStream` yields each event's result as it
is judged, with what the whole run adds: the contested alternatives (each
event judged again under each reading, see
:mod:`sahel_sim.engine.contested`) and, once every event has been read, the
conflicts of duties.  Collected, it is the :class:`SimulationResult` that
``simulate`` returns.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Iterable, Iterator

from sahel_sim.engine.conflicts import Conflict, ConflictSearch
from sahel_sim.engine.contested import Reading, with_alternatives
from sahel_sim.engine.findings import EventResult, SimulationResult
from sahel_sim.engine.query import Query
from sahel_sim.engine.readings import ReadingWorlds
from sahel_sim.engine.run import Run, evaluate_event
from sahel_sim.graph.compiled import CompiledWorld
from sahel_sim.model.events import Event
from sahel_sim.world import World

__all__ = ["Alternatives", "ReadingWorlds", "ResultStream", "outline"]


def outline(run: Run, name: str) -> SimulationResult:
    """The run's events before they are judged: each with its target's treaties and the asked, no findings.

    What :func:`~sahel_sim.engine.contested.bears_on` reads of a result, known
    before the first event is judged (and small: no reasons).
    """
    index = run.world.index
    return SimulationResult(name, run.perspective, tuple(
        EventResult(e, None, (), (), frozenset(index.treaties_of(e.target, e.date)), run.query.asked)  # type: ignore[arg-type]
        for e in sorted(run.history, key=lambda e: (e.date, e.id))))


class Alternatives:
    """Every contested alternative of a world and its events, ready to judge one event under each.

    Each reading is its own run over the whole history (its world, its
    events, its perspective or the chosen one), with the "why not" built
    whatever the main run builds, so that a reading's reason is the same in a
    lean run as in a full one.  ``events_judged`` is the main run's events
    (:func:`outline` before they are judged) that the readings are weighed
    against (:func:`~sahel_sim.engine.contested.bears_on`).  ``worlds``: the
    readings' worlds of the same world and events, shared with other runs.

    Raises:
        ValueError: ``worlds`` holds the readings of another world or other events.
    """

    def __init__(self, world: World, events: tuple[Event, ...], own: Iterable[Any], compiled: CompiledWorld, *,
                 name: str, perspective: str, asked: frozenset[str], as_of: Any = None,
                 compile_world: Callable[[World], CompiledWorld], events_judged: SimulationResult,
                 main: Query | None = None, worlds: ReadingWorlds | None = None) -> None:
        self.name = name
        if worlds is None:
            worlds = ReadingWorlds(world, events, own, compiled, compile_world)
        elif worlds.world is not world or worlds.events is not events or worlds.compiled is not compiled:
            raise ValueError("the readings given are another scenario's")
        # a reading that cannot change a finding of these events is neither run nor listed
        kept = [i for i in range(len(worlds.readings)) if worlds.bears_on(i, events_judged)]
        self.readings: tuple[Reading, ...] = tuple(worlds.readings[i] for i in kept)
        # The results to mark are the main run's, judged with ``main`` over the same events (the stream's own
        # run): a treaty a reading cannot change is then judged alike under it, and its findings are the main
        # run's.  Otherwise (a cascade's rounds, a lean run) every treaty is judged again under each reading.
        # A reading judges the actors the main run judges (``among``): an actor's findings are its own.
        same = main is not None and main.non_obligations and main.asked == asked and main.treaties is None
        self._runs: list[tuple[Reading, Run, dict[str, Event], frozenset[str] | None]] = []
        for i in kept:
            reading = worlds.readings[i]
            _, their_events, theirs = worlds.world_of(i)
            reached = worlds.reach_of(i) if same else None
            run = Run.of(theirs, their_events, perspective=reading.alternative.perspective or perspective,
                         query=Query(asked, non_obligations=main.non_obligations if main is not None else True,
                                     among=main.among if main is not None else None, treaties=reached), as_of=as_of)
            self._runs.append((reading, run, {e.id: e for e in run.history}, reached))

    def mark(self, result: EventResult, perspective: str) -> EventResult:
        """``result`` with every finding whose status some reading changes marked contested.

        The event is judged again under each reading (as the event of the
        same id in that reading's history), only in the treaties the reading
        can change when that is known; an event a reading does not have is
        not compared.
        """
        if not self._runs:
            return result
        eid = result.event.id
        runs = [(reading, SimulationResult(self.name, run.perspective,
                                           (_beside(result, evaluate_event(run, theirs[eid]), reached),)
                                           if eid in theirs else ()))
                for reading, run, theirs, reached in self._runs]
        return with_alternatives(SimulationResult(self.name, perspective, (result,)), runs).events[0]


def _beside(main: EventResult, judged: EventResult, reached: frozenset[str] | None) -> EventResult:
    """A reading's result: ``judged`` (the treaties in ``reached``) with the main findings of every other treaty.

    Each list keeps the main findings first, then the judged ones; each treaty's findings come from one of
    them in their own order (the findings a status is read from, first of each key, stay the same).
    """
    if reached is None:
        return judged

    def both(part: str) -> tuple[Any, ...]:
        return tuple(f for f in getattr(main, part) if f.ref.treaty not in reached) + getattr(judged, part)

    return replace(judged, obligations=both("obligations"), non_obligations=both("non_obligations"),
                   permissions=both("permissions"), breaches=both("breaches"))


class ResultStream:
    """One scenario's findings, yielded event by event in date and id order; iterate once.

    ``conflicts`` is known once every event has been yielded; ``collect``
    reads the rest and gives the whole :class:`SimulationResult`.
    """

    def __init__(self, scenario: str, perspective: str, results: Iterator[EventResult], *,
                 alternatives: tuple[Any, ...] = (), search: ConflictSearch | None = None,
                 conflicts: tuple[Conflict, ...] = (), cascade: Any = None) -> None:
        self.scenario = scenario
        self.perspective = perspective
        self.alternatives = alternatives
        self.cascade = cascade
        self._results = results
        self._search = search
        self._fixed = conflicts
        self._done = False
        self._started = False

    @classmethod
    def of(cls, result: SimulationResult) -> "ResultStream":
        """A stream over a result already in memory (a cascade's rounds are worked out together)."""
        return cls(result.scenario, result.perspective, iter(result.events), alternatives=result.alternatives,
                   conflicts=result.conflicts, cascade=result.cascade)

    def __iter__(self) -> Iterator[EventResult]:
        if self._started:
            raise RuntimeError("a ResultStream is read once; simulate again for another pass")
        self._started = True
        for result in self._results:
            if self._search is not None:
                self._search.add(result)
            yield result
        self._done = True

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        """Every conflict of duties of the run (only once every event has been read)."""
        if not self._done:
            raise RuntimeError("the conflicts are known once every event of the stream has been read")
        return self._search.found() if self._search is not None else self._fixed

    def collect(self) -> SimulationResult:
        """Read every event and give the whole result, as :func:`sahel_sim.api.simulate` returns it."""
        events = tuple(self)
        return SimulationResult(self.scenario, self.perspective, events, conflicts=self.conflicts,
                                cascade=self.cascade, alternatives=self.alternatives)
