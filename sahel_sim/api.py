"""The one-call entry point: run a loaded scenario and get its findings."""

from __future__ import annotations

from datetime import date
from typing import Iterable

from sahel_sim.engine.findings import SimulationResult
from sahel_sim.engine.run import DEFAULT_PERSPECTIVE, run_events
from sahel_sim.scenario.load import Scenario

__all__ = ["simulate"]


def simulate(scenario: Scenario, *, perspective: str | None = None, as_of: date | None = None,
             parties: Iterable[str] = ()) -> SimulationResult:
    """Evaluate every event of ``scenario``.

    Args:
        scenario: a scenario from :func:`~sahel_sim.load_scenario`.
        perspective: the reading to characterise events with; defaults to the
            scenario's own, else ``literal``.
        as_of: move every event to this date (who is a party then?).
        parties: actors to judge even when they are party to nothing.

    Raises:
        UnknownEntityError: the perspective, or an actor in ``parties``, does not exist.
    """
    chosen = perspective or scenario.spec.perspective or DEFAULT_PERSPECTIVE
    asked = set(scenario.asked()) | set(parties)
    _known_actors(scenario, parties)
    return run_events(scenario.graph, scenario.events, name=scenario.name, perspective=chosen,
                      asked=sorted(asked), as_of=as_of)


def _known_actors(scenario: Scenario, parties: Iterable[str]) -> None:
    """Refuse an unknown ``--party`` with a suggestion, rather than silently ignore it."""
    from sahel_sim.errors import UnknownEntityError, suggest

    labels = {a.id: a.name for a in scenario.world.actors}
    for who in parties:
        if who not in labels:
            hint = suggest(who, labels, labels=labels)
            raise UnknownEntityError(f"unknown actor '{who}' in --party" + (f" ({hint})" if hint else ""))
