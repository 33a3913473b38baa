"""The treaty index: which treaties an event can concern, and who is tied to which treaty on a date.

Built once from the world, as part of the compiled world
(:mod:`sahel_sim.graph.compiled`): which treaties can only bind when the
target is one of their parties (every clause has an ``is_party who:
target`` condition), and each actor's dated ties to treaties and
organisations.  An event then looks only at the treaties it can concern.
Who is a party on a date is the graph's answer (:mod:`sahel_sim.graph.queries`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sahel_sim.clauses import conditions as c
from sahel_sim.clauses.treaty import Treaty
from sahel_sim.model.base import active_on
from sahel_sim.world import World

__all__ = ["TreatyIndex", "build_index", "requires_target_party"]

#: (treaty or organisation id, since, until): plain values only, so the collector stops walking them.
Tie = tuple[str, date, "date | None"]


@dataclass(frozen=True, slots=True)
class TreatyIndex:
    """Dated ties of actors to treaties and organisations; the treaties every event may concern."""

    always: frozenset[str]
    by_org: dict[str, tuple[str, ...]]
    excluded: dict[str, frozenset[str]]
    actor_orgs: dict[str, tuple[Tie, ...]]
    actor_treaties: dict[str, tuple[Tie, ...]]

    def treaties_of(self, actor: str, day: date) -> set[str]:
        """Ids of the treaties ``actor`` is a party to on ``day``."""
        found = {t for t, since, until in self.actor_treaties.get(actor, ())  # active_on, inlined: once per tie
                 if since <= day and (until is None or day < until)}
        for org, since, until in self.actor_orgs.get(actor, ()):
            if active_on(since, until, day):
                found.update(t for t in self.by_org.get(org, ()) if actor not in self.excluded[t])
        return found

    def relevant(self, target: str, day: date) -> tuple[str, ...]:
        """Ids of the treaties that may bind anyone for an event against ``target`` on ``day``, sorted."""
        return tuple(sorted(self.treaties_of(target, day) | self.always))


def requires_target_party(treaty: Treaty) -> bool:
    """True when every clause has a top-level condition that the target is a party to this treaty."""
    def requires(cond: object) -> bool:
        return (isinstance(cond, c.IsPartyTest) and cond.who == "target" and cond.treaty in (None, treaty.id)
                and cond.quantifier == "any")
    return all(any(requires(x) for x in cl.conditions) for cl in treaty.clauses)


def build_index(world: World) -> TreatyIndex:
    """The index of ``world``'s treaties and memberships (a treaty id given twice: the last one counts)."""
    treaties = sorted({t.id: t for t in world.treaties}.values(), key=lambda t: t.id)
    by_org: dict[str, list[str]] = defaultdict(list)
    actor_treaties: dict[str, list[Tie]] = defaultdict(list)
    for t in treaties:
        if t.parties.organisation:
            by_org[t.parties.organisation].append(t.id)
        for p in t.parties.members:
            actor_treaties[p.party].append((t.id, p.since, p.until))
    actor_orgs: dict[str, list[Tie]] = defaultdict(list)
    for m in world.memberships:
        actor_orgs[m.member].append((m.of, m.since, m.until))
    return TreatyIndex(frozenset(t.id for t in treaties if not requires_target_party(t)),
                       {k: tuple(v) for k, v in by_org.items()},
                       {t.id: frozenset(t.parties.excluded) for t in treaties},
                       {k: tuple(v) for k, v in actor_orgs.items()}, {k: tuple(v) for k, v in actor_treaties.items()})
