"""Indexes over the world graph for the engine's hot path.

Built once per graph and kept in ``G.graph``: the treaties in a stable
order, which treaties can only bind when the target is one of their parties
(every clause has an ``is_party who: target`` condition), and who is tied to
which treaty or organisation with dates.  An event then looks only at the
treaties it can concern, and "who is a party on this date" is a list scan
instead of a walk over NetworkX edge views.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

from sahel_sim.clauses import conditions as c
from sahel_sim.clauses.treaty import Treaty
from sahel_sim.model.base import active_on

__all__ = ["TreatyIndex", "treaty_index"]

Tie = tuple[str, date, "date | None", Any]


@dataclass
class TreatyIndex:
    """Treaties in id order; dated ties of actors to treaties and organisations."""

    treaties: tuple[Treaty, ...]
    by_id: dict[str, Treaty]
    always: frozenset[str]
    by_org: dict[str, tuple[str, ...]]
    treaty_ties: dict[str, list[Tie]]
    org_ties: dict[str, list[Tie]]
    actor_orgs: dict[str, list[Tie]]
    actor_treaties: dict[str, list[Tie]]
    pairs: dict[tuple[str, str], list[tuple[date, date | None, Any]]]

    def ties(self, treaty_id: str) -> list[Tie]:
        """(actor, since, until, record) for everyone ever party to the treaty."""
        parties = self.by_id[treaty_id].parties
        if not parties.organisation:
            return self.treaty_ties.get(treaty_id, [])
        ties = self.org_ties.get(parties.organisation, [])
        return [t for t in ties if t[0] not in parties.excluded] if parties.excluded else ties

    def parties_on(self, treaty_id: str, day: date) -> tuple[str, ...]:
        """Parties on ``day``, sorted."""
        return tuple(sorted({a for a, since, until, _ in self.ties(treaty_id) if active_on(since, until, day)}))

    def basis(self, actor: str, treaty_id: str, day: date) -> Any | None:
        """The record that makes ``actor`` a party on ``day``, if any."""
        parties = self.by_id[treaty_id].parties
        if actor in parties.excluded:
            return None
        for since, until, rec in self.pairs.get((actor, parties.organisation or treaty_id), ()):
            if since <= day and (until is None or day < until):
                return rec
        return None

    def treaties_of(self, actor: str, day: date) -> set[str]:
        """Ids of the treaties ``actor`` is a party to on ``day``."""
        found = {t for t, since, until, _ in self.actor_treaties.get(actor, ()) if active_on(since, until, day)}
        for org, since, until, _ in self.actor_orgs.get(actor, ()):
            if active_on(since, until, day):
                found.update(t for t in self.by_org.get(org, ()) if actor not in self.by_id[t].parties.excluded)
        return found

    def relevant(self, target: str, day: date) -> tuple[Treaty, ...]:
        """Treaties that may bind anyone for an event against ``target`` on ``day``, in id order."""
        ids = self.treaties_of(target, day) | self.always
        return tuple(self.by_id[i] for i in sorted(ids))


def _requires_target_party(treaty: Treaty) -> bool:
    """True when every clause has a top-level condition that the target is a party to this treaty."""
    def requires(cond: object) -> bool:
        return (isinstance(cond, c.IsPartyTest) and cond.who == "target" and cond.treaty in (None, treaty.id)
                and cond.quantifier == "any")
    return all(any(requires(x) for x in cl.conditions) for cl in treaty.clauses)


def _build(G: nx.MultiDiGraph) -> TreatyIndex:
    treaties = tuple(sorted((d["model"] for _, d in G.nodes(data=True) if d["kind"] == "treaty"), key=lambda t: t.id))
    by_org: dict[str, list[str]] = defaultdict(list)
    treaty_ties: dict[str, list[Tie]] = defaultdict(list)
    actor_treaties: dict[str, list[Tie]] = defaultdict(list)
    for t in treaties:
        if t.parties.organisation:
            by_org[t.parties.organisation].append(t.id)
        for p in t.parties.members:
            treaty_ties[t.id].append((p.party, p.since, p.until, p))
            actor_treaties[p.party].append((t.id, p.since, p.until, p))
    org_ties: dict[str, list[Tie]] = defaultdict(list)
    actor_orgs: dict[str, list[Tie]] = defaultdict(list)
    for u, v, d in G.edges(data=True):
        if d["kind"] == "membership":
            org_ties[v].append((u, d["since"], d["until"], d["record"]))
            actor_orgs[u].append((v, d["since"], d["until"], d["record"]))
    always = frozenset(t.id for t in treaties if not _requires_target_party(t))
    pairs: dict[tuple[str, str], list[tuple[date, date | None, Any]]] = defaultdict(list)
    for ties in (actor_orgs, actor_treaties):
        for actor, rows in ties.items():
            for key, since, until, rec in rows:
                pairs[(actor, key)].append((since, until, rec))
    return TreatyIndex(treaties, {t.id: t for t in treaties}, always, {k: tuple(v) for k, v in by_org.items()},
                       dict(treaty_ties), dict(org_ties), dict(actor_orgs), dict(actor_treaties), dict(pairs))


def treaty_index(G: nx.MultiDiGraph) -> TreatyIndex:
    """The graph's index, built on first use (the graph is never mutated after it is built)."""
    index = G.graph.get("_treaty_index")
    if index is None:
        index = G.graph["_treaty_index"] = _build(G)
    return index
