"""Re-check the facts a finding cites, against the world and the events.

Every :class:`~sahel_sim.clauses.checks.Fact` carries a machine-readable
``predicate`` and ``args``.  :func:`fact_holds` asks the world graph (or the
event) again whether the fact is true, independently of the predicate code
that produced it, so a property can say "every reason the engine gives is a
true statement about the world".
"""

from __future__ import annotations

from datetime import date
from typing import Callable, Iterable

import networkx as nx

from sahel_sim.clauses.checks import Fact
from sahel_sim.engine.characterise import characterise
from sahel_sim.graph import queries as q
from sahel_sim.model.events import Event

__all__ = ["fact_holds", "RECHECKED"]


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _categories(G: nx.MultiDiGraph, ev: Event, perspective: str) -> frozenset[str]:
    return characterise(G, ev, perspective).categories


_Checker = Callable[[nx.MultiDiGraph, dict[str, Event], tuple[str, ...]], bool | None]


def _event_check(fn: Callable[[Event, tuple[str, ...]], bool]) -> _Checker:
    """A checker for a fact whose first argument is an event id (unknown events are not re-checked)."""
    def check(G: nx.MultiDiGraph, events: dict[str, Event], args: tuple[str, ...]) -> bool | None:
        ev = events.get(args[0])
        return None if ev is None else fn(ev, args)
    return check


def _characterised(G: nx.MultiDiGraph, events: dict[str, Event], args: tuple[str, ...]) -> bool | None:
    ev = events.get(args[0])
    return None if ev is None else args[1] in _categories(G, ev, args[2])


def _exactly(G: nx.MultiDiGraph, events: dict[str, Event], args: tuple[str, ...]) -> bool | None:
    ev = events.get(args[0])
    return None if ev is None else set(args[2:]) == _categories(G, ev, args[1])


def _attribute(ev: Event, args: tuple[str, ...]) -> bool:
    value = ev.purpose if args[1] == "purpose" else ev.attributes.get(args[1])
    return str(value) == args[2]


_CHECKERS: dict[str, _Checker] = {
    "party": lambda G, E, a: q.is_party(G, a[0], a[1], _day(a[2])),
    "not_party": lambda G, E, a: not q.is_party(G, a[0], a[1], _day(a[2])),
    "member": lambda G, E, a: q.is_member(G, a[0], a[1], _day(a[2])),
    "not_member": lambda G, E, a: not q.is_member(G, a[0], a[1], _day(a[2])),
    "actor_kind": lambda G, E, a: q.actor(G, a[0]).kind.value == a[1],
    "held_by": lambda G, E, a: (q.holder(G, a[0], _day(a[2])) or "") == a[1],
    "in_region": lambda G, E, a: set(a[1:]) <= q.regions(G, a[0]),
    "not_in_force": lambda G, E, a: not q.treaty(G, a[0]).in_force_on(_day(a[1])),
    "characterised_as": _characterised,
    "categories": _exactly,
    "event_kind": _event_check(lambda ev, a: ev.kind.value == a[1]),
    "consent": _event_check(lambda ev, a: str(ev.consent).lower() == a[2]),
    "mandate": _event_check(lambda ev, a: (ev.mandate or "") == a[1]),
    "response_to": _event_check(lambda ev, a: (ev.response_to or "") == a[1]),
    "attribute": _event_check(_attribute),
}
#: The fact predicates :func:`fact_holds` can re-check.
RECHECKED = frozenset(_CHECKERS)


def fact_holds(G: nx.MultiDiGraph, events: Iterable[Event], fact: Fact) -> bool | None:
    """Whether ``fact`` is true of the world graph ``G`` and ``events``; None if it cannot be re-checked.

    Examples:
        >>> from sahel_sim import library_world
        >>> from sahel_sim.graph import build_graph
        >>> G = build_graph(library_world())
        >>> fact_holds(G, [], Fact("party", ("MLI", "liptako-gourma-charter", "2023-10-01"), "…"))
        True
        >>> fact_holds(G, [], Fact("party", ("TCD", "liptako-gourma-charter", "2023-10-01"), "…"))
        False
    """
    check = _CHECKERS.get(fact.predicate)
    if check is None:
        return None
    by_id = {e.id: e for e in events}
    return check(G, by_id, fact.args)
