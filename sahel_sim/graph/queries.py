"""Pure, ``G``-first queries on the world graph, all answered as of a date.

Every question the engine asks of the world goes through these functions:
who is a member or party on a date, who holds a territory, which regions a
place belongs to.  Functions that return a bool start with ``is_``; plural
names return sorted tuples, so results never depend on input order.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx

from sahel_sim.graph.build import territory_node, treaty_node
from sahel_sim.model.actors import Actor
from sahel_sim.model.base import active_on
from sahel_sim.model.governments import ConsentAuthority, Government
from sahel_sim.model.territories import Territory

__all__ = [
    "actor",
    "ancestors_of_territory",
    "consent_authority",
    "government",
    "government_named",
    "has_actor",
    "has_territory",
    "holder",
    "label",
    "is_member",
    "is_party",
    "members",
    "membership",
    "parties",
    "party_basis",
    "party_entries",
    "regions",
    "territory",
]


def has_actor(G: nx.MultiDiGraph, actor_id: str) -> bool:
    """True when the world knows this actor."""
    return G.nodes.get(actor_id, {}).get("kind") == "actor"


def actor(G: nx.MultiDiGraph, actor_id: str) -> Actor:
    """The actor model for an id (KeyError if unknown)."""
    return G.nodes[actor_id]["model"]


def label(G: nx.MultiDiGraph, actor_id: str) -> str:
    """``NER (Niger)`` for a known actor, the bare id otherwise."""
    return actor(G, actor_id).label if has_actor(G, actor_id) else actor_id


def _edges(G: nx.MultiDiGraph, u: str, v: str, kind: str) -> list[dict[str, Any]]:
    data = G.get_edge_data(u, v) or {}
    return [d for d in data.values() if d["kind"] == kind]


def membership(G: nx.MultiDiGraph, member: str, org: str, on: date) -> Any | None:
    """The membership record that makes ``member`` a member of ``org`` on ``on``, if any."""
    for d in _edges(G, member, org, "membership"):
        if active_on(d["since"], d["until"], on):
            return d["record"]
    return None


def is_member(G: nx.MultiDiGraph, member: str, org: str, on: date) -> bool:
    """True when ``member`` belongs to ``org`` on ``on``."""
    return membership(G, member, org, on) is not None


def members(G: nx.MultiDiGraph, org: str, on: date) -> tuple[str, ...]:
    """Members of ``org`` on ``on``, sorted."""
    return _tied(G, org, "membership", on)


def _tied(G: nx.MultiDiGraph, node: str, kind: str, on: date) -> tuple[str, ...]:
    """Sources of ``kind`` edges into ``node`` that hold on ``on``, sorted."""
    if node not in G:
        return ()
    return tuple(sorted({u for u, _, d in G.in_edges(node, data=True)
                         if d["kind"] == kind and active_on(d["since"], d["until"], on)}))


def party_basis(G: nx.MultiDiGraph, actor_id: str, treaty_id: str, on: date) -> Any | None:
    """The record (membership or party entry) that makes ``actor_id`` a party on ``on``."""
    node = treaty_node(treaty_id)
    parties = G.nodes[node]["parties"]
    if parties.organisation:
        return None if actor_id in parties.excluded else membership(G, actor_id, parties.organisation, on)
    for d in _edges(G, actor_id, node, "party"):
        if active_on(d["since"], d["until"], on):
            return d["record"] if "record" in d else parties.members[d["entry"]]
    return None


def is_party(G: nx.MultiDiGraph, actor_id: str, treaty_id: str, on: date) -> bool:
    """True when ``actor_id`` is a party to the treaty on ``on`` (in force or not)."""
    return party_basis(G, actor_id, treaty_id, on) is not None


def parties(G: nx.MultiDiGraph, treaty_id: str, on: date) -> tuple[str, ...]:
    """Parties to the treaty on ``on``, sorted (whether or not it is in force)."""
    return tuple(sorted(party_entries(G, treaty_id, on)))


def party_entries(G: nx.MultiDiGraph, treaty_id: str, on: date) -> dict[str, Any]:
    """Each party to the treaty on ``on`` with its :func:`party_basis` (membership or party entry), in one pass.

    For a treaty judged for many candidates: one walk of its edges instead of one look-up per candidate.
    """
    node = treaty_node(treaty_id)
    parties = G.nodes[node]["parties"]
    if parties.organisation:
        found = _entries(G, parties.organisation, "membership", on, ())
        return {a: r for a, r in found.items() if a not in parties.excluded} if parties.excluded else found
    return _entries(G, node, "party", on, parties.members)


def _entries(G: nx.MultiDiGraph, node: str, kind: str, on: date, members: tuple[Any, ...]) -> dict[str, Any]:
    """The sources of ``kind`` edges into ``node`` that hold on ``on``, each with the record of its first such
    edge (as :func:`membership` and :func:`party_basis` find it); a party edge's record is ``members[entry]``."""
    out: dict[str, Any] = {}
    if node not in G:
        return out
    for u, _, d in G.in_edges(node, data=True):
        if d["kind"] == kind and u not in out and active_on(d["since"], d["until"], on):
            out[u] = d["record"] if "record" in d else members[d["entry"]]
    return out


def government(G: nx.MultiDiGraph, state: str, on: date) -> Government | None:
    """The government of ``state`` in office on ``on``, if the world records one.

    When records overlap, the last one given wins: a scenario's own record of a
    government replaces the library's for the days it covers.
    """
    if state not in G:
        return None
    return next((g for g in reversed(G.nodes[state].get("governments", ())) if g.active_on(on)), None)


def government_named(G: nx.MultiDiGraph, state: str, government_id: str) -> Government | None:
    """The government of ``state`` with this id, if the world records one."""
    if state not in G:
        return None
    return next((g for g in reversed(G.nodes[state].get("governments", ())) if g.id == government_id), None)


def consent_authority(G: nx.MultiDiGraph, state: str, on: date) -> ConsentAuthority | None:
    """The record of who may consent for ``state`` on ``on``, where the world records one (the last given wins).

    Without one, the government in office (:func:`government`) may consent.
    """
    if state not in G:
        return None
    return next((a for a in reversed(G.nodes[state].get("consent_authorities", ())) if a.active_on(on)), None)


def has_territory(G: nx.MultiDiGraph, territory_id: str) -> bool:
    """True when the world knows this territory."""
    return territory_node(territory_id) in G


def territory(G: nx.MultiDiGraph, territory_id: str) -> Territory:
    """The territory model for an id (KeyError if unknown)."""
    return G.nodes[territory_node(territory_id)]["model"]


def ancestors_of_territory(G: nx.MultiDiGraph, territory_id: str) -> tuple[str, ...]:
    """The territory and the territories it is part of, innermost first."""
    chain = [territory_id]
    seen = {territory_id}
    while True:
        parent = territory(G, chain[-1]).part_of
        if parent is None or parent in seen or not has_territory(G, parent):
            return tuple(chain)
        chain.append(parent)
        seen.add(parent)


def holder(G: nx.MultiDiGraph, territory_id: str, on: date) -> str | None:
    """The state holding the territory on ``on`` (inherited from its parents), if any."""
    for tid in ancestors_of_territory(G, territory_id):
        for _, state, d in G.out_edges(territory_node(tid), data=True):
            if d["kind"] == "held_by" and active_on(d["since"], d["until"], on):
                return state
    return None


def regions(G: nx.MultiDiGraph, territory_id: str) -> frozenset[str]:
    """Region tags of the territory and of every territory it is part of."""
    return frozenset().union(*(territory(G, t).regions for t in ancestors_of_territory(G, territory_id)))
