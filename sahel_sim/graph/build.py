"""Turn a :class:`~sahel_sim.world.World` into a NetworkX graph.

One adapter, so the rest of the code never walks the data models directly.
Nodes: actors (by id), ``territory:ID`` and ``treaty:ID``.  Edges carry a
``kind`` (membership, party, parties_from, held_by, part_of, or a relation
kind), their ``since``/``until`` dates and the ``record`` they come from, so
every answer can cite its fact.

A treaty's node holds its ``parties`` (who they are and their dated
entries), not the treaty: the clauses are rules, which the compiled world
holds (:class:`~sahel_sim.graph.compiled.CompiledWorld`), so a reading that
changes a clause, a date or a precedence entry of a treaty leaves the graph
as it is.  A ``party`` edge names its record by position instead: ``entry``
is the index of the entry in the node's ``parties.members``
(:func:`~sahel_sim.graph.queries.party_basis` reads the record there).  A
world has as many party entries as all its treaties' lists together;
holding only plain values (a kind, dates, a number), their edges' data is
nothing the cyclic garbage collector has to walk.
"""

from __future__ import annotations

import networkx as nx

from sahel_sim.world import World

__all__ = ["build_graph", "territory_node", "treaty_node"]


def treaty_node(treaty_id: str) -> str:
    """Graph node of a treaty.

    Examples:
        >>> treaty_node("liptako-gourma-charter")
        'treaty:liptako-gourma-charter'
    """
    return f"treaty:{treaty_id}"


def territory_node(territory_id: str) -> str:
    """Graph node of a territory (states and their territories share ids)."""
    return f"territory:{territory_id}"


def build_graph(world: World) -> nx.MultiDiGraph:
    """Build the dated world graph (the engine takes it inside :func:`~sahel_sim.graph.compile_world`'s value)."""
    G = nx.MultiDiGraph()
    for actor in world.actors:
        G.add_node(actor.id, kind="actor", actor_kind=actor.kind.value, model=actor)
    _add_memberships(G, world)
    _add_territories(G, world)
    _add_treaties(G, world)
    for rel in world.relations:
        G.add_edge(rel.from_, rel.to, kind=rel.kind.value, since=rel.since, until=rel.until, record=rel)
    _add_governments(G, world)
    return G


def _add_governments(G: nx.MultiDiGraph, world: World) -> None:
    """Each state's governments on the state's node, in the world's order (a scenario's come last)."""
    for g in world.governments:
        if g.state in G:
            G.nodes[g.state].setdefault("governments", []).append(g)
    for a in world.consent_authorities:
        if a.state in G:
            G.nodes[a.state].setdefault("consent_authorities", []).append(a)
    for arr in world.arrangements:
        if arr.host in G:
            G.nodes[arr.host].setdefault("arrangements", []).append(arr)


def _add_memberships(G: nx.MultiDiGraph, world: World) -> None:
    for m in world.memberships:
        G.add_edge(m.member, m.of, kind="membership", since=m.since, until=m.until, record=m)


def _add_territories(G: nx.MultiDiGraph, world: World) -> None:
    for t in world.territories:
        G.add_node(territory_node(t.id), kind="territory", model=t)
    for t in world.territories:
        node = territory_node(t.id)
        if t.part_of:
            G.add_edge(node, territory_node(t.part_of), kind="part_of")
        for h in t.holders:
            G.add_edge(node, h.state, kind="held_by", since=h.since, until=h.until, record=h)


def _add_treaties(G: nx.MultiDiGraph, world: World) -> None:
    last = {t.id: t for t in world.treaties}  # a treaty id given twice: the node's parties are the last one's
    for treaty in world.treaties:
        node = treaty_node(treaty.id)
        G.add_node(node, kind="treaty", parties=treaty.parties)
        if treaty.parties.organisation:
            G.add_edge(node, treaty.parties.organisation, kind="parties_from")
        add = G.add_edge
        if last[treaty.id] is treaty:
            for i, p in enumerate(treaty.parties.members):
                add(p.party, node, kind="party", since=p.since, until=p.until, entry=i)
        else:  # an earlier treaty of the same id: its entries are not the node's
            for p in treaty.parties.members:
                add(p.party, node, kind="party", since=p.since, until=p.until, record=p)
