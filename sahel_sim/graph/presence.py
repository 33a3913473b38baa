"""Foreign forces present in a state on a date, and whether at its invitation: the arrangements behind them.

A troop presence (a dated relation) names the bilateral instruments it ran
under (``basis:``).  While one of them is in force the force is there at the
host's invitation; once every one has ended (a denunciation that took
effect) and before the force leaves, it is there without that basis.  Where
an instrument's denunciation is contested (France held that the CNSP could
not denounce the agreements with Niger), the status under each reading is
given with its source.  Nothing here is a legal conclusion about the use of
force: it says who was present, on what recorded basis, from when to when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import networkx as nx

from sahel_sim.model.arrangements import Arrangement
from sahel_sim.model.base import alternative_of
from sahel_sim.model.relations import Relation

__all__ = ["Presence", "presence"]

#: How a force stands on a day.
INVITED, ENDED, NOT_YET, UNKNOWN, NO_BASIS = "invited", "basis_ended", "basis_not_yet", "unknown", "no_recorded_basis"


@dataclass(frozen=True, slots=True)
class Presence:
    """One foreign force in ``host`` on ``day``: its status, its basis, the other instruments, and other readings."""

    sending: str
    host: str
    day: date
    relation: Relation
    status: str
    instruments: tuple[tuple[Arrangement, bool | None], ...]
    """The instruments the presence ran under (its ``basis:``), each with whether it is in force on ``day``."""
    others: tuple[tuple[Arrangement, bool | None], ...] = ()
    """Other instruments between the two states, shown beside the basis."""
    readings: tuple[tuple[str, str, str, str | None], ...] = ()
    """(alternative id, its label, the status under it, its source) for each reading that changes the status."""

    @property
    def without_basis_since(self) -> date | None:
        """The day the last of its instruments ended, when every one has ended."""
        if self.status != ENDED:
            return None
        ends = [a.ends for a, _ in self.instruments if a.ends is not None]
        return max(ends) if ends else None

    def sentence(self) -> str:
        """The presence in words, a true sentence about the record."""
        r = self.relation
        span = f"from {r.since}" + (f" until {r.until}" if r.until else "")
        head = f"{self.sending} forces are present in {self.host} on {self.day} ({span})"
        if self.status == NO_BASIS:
            return f"{head}; no instrument is recorded as the basis of their presence"
        if self.status == INVITED:
            return f"{head} at {self.host}'s invitation, under an instrument in force that frames their presence"
        if self.status == ENDED:
            return (f"{head}, without the instruments that framed their presence: the last of them ended on "
                    f"{self.without_basis_since}")
        if self.status == NOT_YET:
            first = min(a.signed for a, _ in self.instruments if a.signed is not None)
            return (f"{head}; none of the instruments recorded as framing their presence is in force yet (the "
                    f"first is signed on {first}), and no earlier basis is recorded")
        return f"{head}; whether an instrument that frames their presence is in force on {self.day} is not known"

    def lines(self) -> tuple[str, ...]:
        """Each instrument in words: the basis first, then the others between the two states."""
        return (tuple(f"basis: {instrument_words(a, self.day)}" for a, _ in self.instruments)
                + tuple(f"also: {instrument_words(a, self.day)}" for a, _ in self.others))


def instrument_words(a: Arrangement, day: date) -> str:
    """``Agreement of … (fra-ner-sofa-2013): signed 2013-07-19; denounced by NER on …; ended``, as of ``day``."""
    state = a.in_force_on(day)
    words = {True: "in force", False: "ended", None: "whether in force is not known"}[state]
    if a.signed is None:
        signed = "date of signature not known"
    else:
        signed = {"day": f"signed {a.signed}", "month": f"signed in {a.signed:%B %Y}",
                  "year": f"signed in {a.signed:%Y}"}[a.signed_precision]
    d = a.denunciation
    end = ""
    if d is not None and d.date <= day:
        end = (f"; denounced by {d.by} on {d.date}" + (f" ({d.notice})" if d.notice else "")
               + (f", in effect from {d.effective}" if d.effective else ", date of effect not known"))
    if a.signed is not None and state is False and not end:
        return f"{a.title} ({a.id}): not yet signed ({signed} later)"
    return f"{a.title} ({a.id}): {signed}{end}; {words}"


def _status(instruments: list[Arrangement], day: date) -> str:
    states = [a.in_force_on(day) for a in instruments]
    if not states:
        return NO_BASIS
    if any(s is True for s in states):
        return INVITED
    if all(s is False for s in states):
        return ENDED if any(a.ends is not None and a.ends <= day for a in instruments) else NOT_YET
    return UNKNOWN


def presence(G: nx.MultiDiGraph, host: str, day: date) -> tuple[Presence, ...]:
    """Every foreign troop presence in ``host`` on ``day``, sorted by the sending actor."""
    if host not in G:
        return ()
    found = []
    recorded = tuple(G.nodes[host].get("arrangements", ()))
    by_id = {a.id: a for a in recorded}
    for sending, _, data in G.in_edges(host, data=True):
        r = data.get("record")
        if data.get("kind") != "troop_presence" or not isinstance(r, Relation) or not r.active_on(day):
            continue
        instruments = [by_id[b] for b in r.basis if b in by_id]
        others = [a for a in recorded if a.sending == sending and a.id not in r.basis]
        states = [a.in_force_on(day) for a in instruments]
        status = _status(instruments, day)
        readings = []
        labels = {alt.id: alt for a in instruments for alt in a.contested}
        for alt_id, alt in labels.items():
            other = _status([_read(a, alt_id) for a in instruments], day)
            if other != status:
                readings.append((alt_id, alt.label, other, alt.source))
        found.append(Presence(sending, host, day, r, status, tuple(zip(instruments, states)),
                              tuple((a, a.in_force_on(day)) for a in others), tuple(readings)))
    return tuple(sorted(found, key=lambda p: p.sending))


def _read(a: Arrangement, alt_id: str) -> Arrangement:
    """The arrangement under the reading ``alt_id``, or as it is when it carries no such reading."""
    alt = next((x for x in a.contested if x.id == alt_id), None)
    return a if alt is None else alternative_of(a, alt)  # type: ignore[return-value]
