"""Time through views, never through mutation: the graph as of one date."""

from __future__ import annotations

from datetime import date

import networkx as nx

from sahel_sim.model.base import active_on

__all__ = ["as_of"]


def as_of(G: nx.MultiDiGraph, day: date) -> nx.MultiDiGraph:
    """A read-only view of ``G`` hiding dated edges that do not hold on ``day``.

    Undated edges (``part_of``, ``parties_from``) are always shown.  Used to draw
    or export the world on a date; the engine's queries filter by date directly.
    """

    def edge_holds(u: str, v: str, key: object) -> bool:
        d = G.edges[u, v, key]
        return "since" not in d or active_on(d["since"], d["until"], day)

    return nx.subgraph_view(G, filter_edge=edge_holds)
