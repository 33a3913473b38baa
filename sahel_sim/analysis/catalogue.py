"""The treaty library as a catalogue: select pacts by region, era, date and party; report coverage.

Pure queries over validated data.  ``select`` answers "which pacts were in
force in Europe on 1 Sep 1939, and to which was Poland a party?"; ``coverage``
says, pact by pact, which articles the data encodes as clauses, which it
leaves unencoded and why, and the weakest confidence the encoding rests on.
Rendering is in :mod:`sahel_sim.report.treaties`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from sahel_sim.clauses.treaty import ERAS, Treaty
from sahel_sim.model.base import Confidence, active_on, weakest
from sahel_sim.model.memberships import Membership

__all__ = ["Coverage", "ERA_NAMES", "coverage", "parties_on", "select"]

ERA_NAMES = tuple(name for name, _, _ in ERAS)


def parties_on(treaty: Treaty, memberships: Iterable[Membership], day: date | None) -> frozenset[str]:
    """The parties to ``treaty`` on ``day`` (at any time when ``day`` is None).

    Listed parties by their dated entries; an organisation's members by their
    memberships.  Whether the treaty itself is in force is not asked here.

    Examples:
        >>> from sahel_sim.clauses.treaty import Parties, Party
        >>> t = Treaty.model_validate({"id": "t", "name": "T", "signed": "1939-08-25", "parties": {"members": [
        ...     {"party": "GBR", "since": "1939-08-25"}, {"party": "POL", "since": "1939-08-25", "until": "1945-07-06"}]}})
        >>> sorted(parties_on(t, (), date(1950, 1, 1))), sorted(parties_on(t, (), None))
        (['GBR'], ['GBR', 'POL'])
    """
    if treaty.parties.organisation:
        org = treaty.parties.organisation
        return frozenset(m.member for m in memberships
                         if m.of == org and (day is None or active_on(m.since, m.until, day)))
    return frozenset(p.party for p in treaty.parties.members if day is None or p.active_on(day))


def select(treaties: Iterable[Treaty], memberships: Iterable[Membership] = (), *, region: str | None = None,
           era: str | None = None, on: date | None = None, party: str | None = None) -> list[Treaty]:
    """The treaties that match every filter given, in the order given.

    ``region``: the treaty lists it among its regions; ``era``: signed in that
    era (:data:`sahel_sim.clauses.treaty.ERAS`); ``on``: in force that day;
    ``party``: a party (that day, when ``on`` is given; at any time otherwise).
    """
    members = tuple(memberships)
    out = []
    for t in treaties:
        if region is not None and region not in t.regions:
            continue
        if era is not None and t.era != era:
            continue
        if on is not None and not t.in_force_on(on):
            continue
        if party is not None and party not in parties_on(t, members, on):
            continue
        out.append(t)
    return out


@dataclass(frozen=True)
class Coverage:
    """What the data encodes of one pact: clauses by article, articles left out and why, weakest confidence."""

    treaty: str
    title: str
    era: str
    regions: tuple[str, ...]
    encoded: tuple[str, ...]
    unencoded: tuple[tuple[str, str, str], ...]
    weakest: Confidence

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON."""
        return {"treaty": self.treaty, "title": self.title, "era": self.era, "regions": list(self.regions),
                "encoded": list(self.encoded),
                "unencoded": [{"article": a, "title": t, "reason": r} for a, t, r in self.unencoded],
                "weakest_confidence": self.weakest.value}


def coverage(treaty: Treaty) -> Coverage:
    """The coverage of one treaty.

    The weakest confidence is taken over the treaty's own record, its listed
    parties and its clauses (the articles the engine applies); the unencoded
    articles do not lower it, since nothing rests on them.
    """
    articles = tuple(dict.fromkeys(c.article for c in treaty.clauses))
    levels = [treaty.confidence, *(p.confidence for p in treaty.parties.members),
              *(c.confidence for c in treaty.clauses)]
    return Coverage(treaty=treaty.id, title=treaty.title, era=treaty.era, regions=treaty.regions,
                    encoded=articles, unencoded=tuple((u.article, u.title or "", u.reason.strip()) for u in treaty.unencoded),
                    weakest=weakest(levels))
