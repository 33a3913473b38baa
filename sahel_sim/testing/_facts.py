"""Re-check the facts a finding cites, against the world and the events.

Each condition test's re-checks live with the test, in its family
(:mod:`sahel_sim.clauses.families`); this module adds the engine's own facts
and gives the re-checks the world to consult.

Every :class:`~sahel_sim.clauses.checks.Fact` carries a machine-readable
``predicate`` and ``args``.  :func:`fact_holds` asks the world graph (or the
event) again whether the fact is true, independently of the predicate code
that produced it, so a property can say "every reason the engine gives is a
true statement about the world".
"""

from __future__ import annotations

from datetime import date
from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Iterable

import networkx as nx

from sahel_sim.clauses.checks import Fact
from sahel_sim.clauses.families import RECHECKS
from sahel_sim.engine.characterise import characterise
from sahel_sim.graph.compiled import CompiledWorld
from sahel_sim.graph import queries as q
from sahel_sim.model.events import Event

__all__ = ["fact_holds", "RECHECKED"]


def _day(text: str) -> date:
    return date.fromisoformat(text)


@dataclass(frozen=True)
class _Context:
    """What a fact's re-check may consult: the world graph, its queries, the events, the readings."""

    world: CompiledWorld
    events: dict[str, Event]
    q: ClassVar[Any] = q

    @property
    def G(self) -> nx.MultiDiGraph:  # noqa: N802 - the graph, as the re-checks name it
        return self.world.G

    def categories(self, ev: Event, perspective: str) -> frozenset[str]:
        return characterise(self.world, ev, perspective).categories


_Checker = Callable[[_Context, tuple[str, ...]], "bool | None"]

#: Facts the engine itself states (not a condition test's): a treaty not in force on the date.
_ENGINE: dict[str, _Checker] = {
    "not_in_force": lambda ctx, a: not ctx.world.treaty(a[0]).in_force_on(_day(a[1])),
}
_CHECKERS: dict[str, _Checker] = {**RECHECKS, **_ENGINE}  # type: ignore[dict-item]
#: The fact predicates :func:`fact_holds` can re-check.
RECHECKED = frozenset(_CHECKERS)


def fact_holds(world: CompiledWorld, events: Iterable[Event], fact: Fact) -> bool | None:
    """Whether ``fact`` is true of the compiled ``world`` and ``events``; None if it cannot be re-checked.

    Examples:
        >>> from sahel_sim import library_world
        >>> from sahel_sim.graph import compile_world
        >>> world = compile_world(library_world())
        >>> fact_holds(world, [], Fact("party", ("MLI", "liptako-gourma-charter", "2023-10-01"), "…"))
        True
        >>> fact_holds(world, [], Fact("party", ("TCD", "liptako-gourma-charter", "2023-10-01"), "…"))
        False
    """
    check = _CHECKERS.get(fact.predicate)
    if check is None:
        return None
    return check(_Context(world, {e.id: e for e in events}), fact.args)
