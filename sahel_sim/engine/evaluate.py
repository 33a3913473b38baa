"""Evaluate conditions against a situation, leaving a :class:`Check` for each.

Each leaf test of :mod:`sahel_sim.clauses.conditions` has one small pure
function here, registered by its ``test`` name.  A function reads the
situation (the world graph, the event, the roles) and returns whether the
condition holds together with the facts that decided it.  This registry is
the only place where the clause language meets code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

import networkx as nx

from sahel_sim.clauses import conditions as c
from sahel_sim.clauses.checks import Check, Fact
from sahel_sim.clauses.treaty import Treaty
from sahel_sim.graph import queries as q
from sahel_sim.model.events import Event
from sahel_sim.model.memberships import Membership

__all__ = ["Characterisation", "Situation", "evaluate"]


@dataclass(frozen=True, slots=True)
class Characterisation:
    """The legal categories of one event under one perspective, with the rules that gave them."""

    perspective: str
    categories: frozenset[str]
    because: dict[str, str] = field(default_factory=dict)
    removed: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Situation:
    """Everything a condition may look at: world, event, treaty, roles and history."""

    G: nx.MultiDiGraph
    event: Event
    characterisation: Characterisation
    treaty: Treaty | None = None
    history: tuple[Event, ...] = ()
    obligor: str | None = None
    beneficiary: str | None = None

    @property
    def day(self) -> date:
        """The event date, which decides who is a party."""
        return self.event.date

    def role(self, name: str) -> tuple[str, ...]:
        """The actors filling a role (empty when the role is unfilled)."""
        e = self.event
        value: tuple[str, ...] | str | None = {
            "target": e.target,
            "attackers": e.actors,
            "external_supporters": e.external_support,
            "obligor": self.obligor,
            "beneficiary": self.beneficiary,
        }[name]
        if value is None:
            return ()
        return (value,) if isinstance(value, str) else tuple(value)

    def judging(self, obligor: str | None, beneficiary: str | None) -> "Situation":
        """The same situation with the candidate obligor and beneficiary filled in."""
        return Situation(self.G, self.event, self.characterisation, self.treaty, self.history, obligor, beneficiary)


Predicate = Callable[[Any, Situation], tuple[bool, list[Fact]]]
_REGISTRY: dict[str, Predicate] = {}


def _predicate(test: str) -> Callable[[Predicate], Predicate]:
    def register(fn: Predicate) -> Predicate:
        _REGISTRY[test] = fn
        return fn

    return register


def evaluate(condition: Any, s: Situation) -> Check:
    """Evaluate a condition (leaf or combinator) and return its check."""
    test = condition.test
    if test == "all_of":
        return _combine(condition, s, stop_on=False)
    if test == "any_of":
        return _combine(condition, s, stop_on=True)
    if test == "not":
        inner = evaluate(condition.condition, s)
        return Check("not", condition.describe(), not inner.holds, (), (inner,))
    holds, facts = _REGISTRY[test](condition, s)
    return Check(test, condition.describe(), holds, tuple(facts))


def _combine(condition: c.AllOf | c.AnyOf, s: Situation, *, stop_on: bool) -> Check:
    """all_of stops at the first failure, any_of at the first success."""
    children = []
    for part in condition.conditions:
        check = evaluate(part, s)
        children.append(check)
        if check.holds is stop_on:
            break
    holds = children[-1].holds if stop_on else all(ch.holds for ch in children)
    return Check(condition.test, condition.describe(), holds, (), tuple(children))


def _quantify(results: list[bool], quantifier: str) -> bool:
    return bool(results) and (any(results) if quantifier == "any" else all(results))


def _treaty_id(cond: Any, s: Situation) -> str:
    if cond.treaty:
        return str(cond.treaty)
    if s.treaty is None:
        raise LookupError("is_party needs a treaty: give 'treaty:' outside a clause")
    return s.treaty.id


def _since(record: Any) -> str:
    since = getattr(record, "since", None)
    return f" since {since}" if since else ""


@_predicate("category")
def _category(cond: c.CategoryTest, s: Situation) -> tuple[bool, list[Fact]]:
    ch = s.characterisation
    hits = [cat for cat in cond.any_of if cat in ch.categories]
    if hits:
        return True, [
            Fact("characterised_as", (s.event.id, cat, ch.perspective),
                 f"{s.event.id} is {cat} under the {ch.perspective} reading ({ch.because.get(cat, 'rule')})")
            for cat in hits
        ]
    shown = ", ".join(sorted(ch.categories)) or "nothing"
    return False, [Fact("categories", (s.event.id, ch.perspective, *sorted(ch.categories)),
                        f"under the {ch.perspective} reading {s.event.id} is characterised as {shown}")]


@_predicate("event_kind")
def _event_kind(cond: c.EventKindTest, s: Situation) -> tuple[bool, list[Fact]]:
    kind = s.event.kind
    return kind in cond.kinds, [Fact("event_kind", (s.event.id, kind.value), f"{s.event.id} is a {kind.value}")]


@_predicate("is_party")
def _is_party(cond: c.IsPartyTest, s: Situation) -> tuple[bool, list[Fact]]:
    tid = _treaty_id(cond, s)
    name = s.treaty.title if s.treaty is not None and s.treaty.id == tid else q.treaty(s.G, tid).title
    results, facts = [], []
    for who in s.role(cond.who):
        basis = q.party_basis(s.G, who, tid, s.day)
        results.append(basis is not None)
        if basis is not None:
            via = f"member of {basis.of}{_since(basis)}" if isinstance(basis, Membership) else f"party{_since(basis)}"
            facts.append(Fact("party", (who, tid, s.day.isoformat()), f"{who} is a party to the {name} on {s.day} ({via})"))
        else:
            facts.append(Fact("not_party", (who, tid, s.day.isoformat()), f"{who} is not a party to the {name} on {s.day}"))
    return _quantify(results, cond.quantifier), facts


@_predicate("member_of")
def _member_of(cond: c.MemberOfTest, s: Situation) -> tuple[bool, list[Fact]]:
    results, facts = [], []
    for who in s.role(cond.who):
        record = q.membership(s.G, who, cond.organisation, s.day)
        results.append(record is not None)
        if record is not None:
            facts.append(Fact("member", (who, cond.organisation, s.day.isoformat()),
                              f"{who} is a member of {cond.organisation} on {s.day}{_since(record)}"))
        else:
            facts.append(Fact("not_member", (who, cond.organisation, s.day.isoformat()),
                              f"{who} is not a member of {cond.organisation} on {s.day}"))
    return _quantify(results, cond.quantifier), facts


@_predicate("actor_kind")
def _actor_kind(cond: c.ActorKindTest, s: Situation) -> tuple[bool, list[Fact]]:
    results, facts = [], []
    for who in s.role(cond.who):
        kind = q.actor(s.G, who).kind
        results.append(kind in cond.kinds)
        words = kind.value.replace("_", " ")
        facts.append(Fact("actor_kind", (who, kind.value), f"{who} is {c.article(words)} {words}"))
    return _quantify(results, cond.quantifier), facts


@_predicate("location_in_territory_of")
def _location_in_territory_of(cond: c.LocationInTerritoryOfTest, s: Situation) -> tuple[bool, list[Fact]]:
    place = s.event.place
    held_by = q.holder(s.G, place, s.day)
    if cond.who == "parties":
        owners = q.parties(s.G, s.treaty.id, s.day) if s.treaty else ()
    else:
        owners = s.role(cond.who)
    fact = Fact("held_by", (place, held_by or "", s.day.isoformat()),
                f"{s.event.id} takes place in {place}, held by {held_by or 'no state'} on {s.day}")
    return held_by is not None and held_by in owners, [fact]


@_predicate("location_in_region")
def _location_in_region(cond: c.LocationInRegionTest, s: Situation) -> tuple[bool, list[Fact]]:
    place = s.event.place
    tags = q.regions(s.G, place)
    hits = sorted(set(cond.regions) & tags)
    text = f"{place} is in {', '.join(hits)}" if hits else f"{place} is in {', '.join(sorted(tags)) or 'no region'} only"
    return bool(hits), [Fact("in_region", (place, *hits), text)]


@_predicate("requested")
def _requested(cond: c.RequestedTest, s: Situation) -> tuple[bool, list[Fact]]:
    askers = set(s.role(cond.by))
    if cond.to == "any":
        addressees = None
    elif cond.to in ("target", "attackers", "obligor", "beneficiary", "external_supporters"):
        addressees = set(s.role(cond.to))
    else:
        addressees = {cond.to}
    for r in s.event.requests:
        if (r.by in askers and (addressees is None or r.to in addressees)
                and (cond.form == "any" or r.form == cond.form) and (r.date is None or r.date <= s.day)):
            when = f" on {r.date}" if r.date else ""
            return True, [Fact("requested", (r.by, r.to, r.form.value),
                               f"{r.by} made {c.article(r.form.value)} {r.form.value} request for assistance to {r.to}{when}")]
    who = "/".join(sorted(askers)) or "nobody"
    return False, [Fact("no_request", (who,), f"no matching request by {who} is recorded for {s.event.id}")]


@_predicate("decided")
def _decided(cond: c.DecidedTest, s: Situation) -> tuple[bool, list[Fact]]:
    other = []
    for d in s.event.decisions:
        if (d.organisation == cond.organisation and (cond.organ is None or d.organ == cond.organ)
                and (d.date is None or d.date <= s.day)):
            if cond.measures is not None and d.measure not in cond.measures:
                other.append(d)
                continue
            what = f": {d.measure}" if d.measure else ""
            when = f" on {d.date}" if d.date else ""
            return True, [Fact("decided", (d.organisation, d.organ or ""),
                               f"{d.organisation} ({d.organ or 'organ unspecified'}) decided{when}{what}")]
    organ = f" ({cond.organ})" if cond.organ else ""
    on = f" on {' or '.join(cond.measures)}" if cond.measures else ""
    seen = "; ".join(f"{d.measure or 'unspecified'}" + (f" on {d.date}" if d.date else "") for d in other)
    recorded = f" (it decided only: {seen})" if seen else ""
    return False, [Fact("no_decision", (cond.organisation, cond.organ or ""),
                        f"no decision of {cond.organisation}{organ}{on} is recorded for {s.event.id}{recorded}")]


@_predicate("consented")
def _consented(cond: c.ConsentedTest, s: Situation) -> tuple[bool, list[Fact]]:
    e = s.event
    word = "consented to" if e.consent else "did not consent to"
    return e.consent, [Fact("consent", (e.target, e.id, str(e.consent).lower()), f"{e.target} {word} {e.id}")]


@_predicate("mandated_by")
def _mandated_by(cond: c.MandatedByTest, s: Situation) -> tuple[bool, list[Fact]]:
    m = s.event.mandate
    holds = m is not None and (cond.organisation is None or m == cond.organisation)
    text = f"{s.event.id} is carried out under a mandate of {m}" if m else f"{s.event.id} has no organisation's mandate"
    return holds, [Fact("mandate", (s.event.id, m or ""), text)]


@_predicate("struck_first")
def _struck_first(cond: c.StruckFirstTest, s: Situation) -> tuple[bool, list[Fact]]:
    who = set(s.role(cond.who))
    first = _first_strikes(s.history)
    hits = [e for w in who for a in s.event.actors if (e := first.get((w, a))) is not None and e.date < s.day]
    earlier = min(hits, key=lambda e: (e.date, e.id)) if hits else None
    if earlier is not None:
        return True, [Fact("struck_first", (earlier.id, earlier.target),
                           f"{'/'.join(sorted(who & set(earlier.actors)))} attacked {earlier.target} first "
                           f"({earlier.id}, {earlier.date})")]
    return False, [Fact("did_not_strike_first", tuple(sorted(who)),
                        f"{'/'.join(sorted(who)) or 'nobody'} did not attack {', '.join(s.event.actors)} earlier in the scenario")]


_FIRST_STRIKES: dict[int, tuple[tuple[Event, ...], dict[tuple[str, str], Event]]] = {}


def _first_strikes(history: tuple[Event, ...]) -> dict[tuple[str, str], Event]:
    """The earliest original event of each (actor, target) pair, indexed once per history.

    Responses are left out: carrying out a duty to assist is not striking
    first.  The index is kept for the few most recent histories (a run passes
    the same tuple to every evaluation), holding the tuple so its id stays valid.
    """
    cached = _FIRST_STRIKES.get(id(history))
    if cached is not None and cached[0] is history:
        return cached[1]
    first: dict[tuple[str, str], Event] = {}
    for e in sorted((e for e in history if e.response_to is None), key=lambda e: (e.date, e.id)):
        for a in e.actors:
            first.setdefault((a, e.target), e)
    if len(_FIRST_STRIKES) >= 8:
        _FIRST_STRIKES.pop(next(iter(_FIRST_STRIKES)))
    _FIRST_STRIKES[id(history)] = (history, first)
    return first


@_predicate("externally_supported")
def _externally_supported(cond: c.ExternallySupportedTest, s: Situation) -> tuple[bool, list[Fact]]:
    sup = s.event.external_support
    text = f"supported from outside by {', '.join(sup)}" if sup else "no outside support is recorded"
    return bool(sup), [Fact("external_support", tuple(sup), f"{s.event.id}: {text}")]


@_predicate("purely_internal")
def _purely_internal(cond: c.PurelyInternalTest, s: Situation) -> tuple[bool, list[Fact]]:
    e = s.event
    kinds = {q.actor(s.G, a).kind.value for a in e.actors}
    on_own_soil = q.holder(s.G, e.place, s.day) == e.target
    holds = kinds == {"armed_group"} and not e.external_support and on_own_soil
    text = (f"{e.id}: attackers are {', '.join(sorted(kinds))}; "
            f"{'no' if not e.external_support else 'some'} outside support; "
            f"{'on' if on_own_soil else 'not on'} {e.target}'s own territory")
    return holds, [Fact("internal" if holds else "not_internal", (e.id,), text)]


@_predicate("is_response")
def _is_response(cond: c.IsResponseTest, s: Situation) -> tuple[bool, list[Fact]]:
    e = s.event
    text = f"{e.id} responds to {e.response_to}" if e.response_to else f"{e.id} is an original event, not a response"
    return e.response_to is not None, [Fact("response_to", (e.id, e.response_to or ""), text)]


@_predicate("attribute")
def _attribute(cond: c.AttributeTest, s: Situation) -> tuple[bool, list[Fact]]:
    e = s.event
    value = e.purpose if cond.name == "purpose" else e.attributes.get(cond.name)
    same = value == cond.equals and isinstance(value, bool) == isinstance(cond.equals, bool)
    return same, [Fact("attribute", (e.id, cond.name, str(value)), f"{e.id}: {cond.name} is {value!r}")]


# --- geography and dates: the place of the event, its kind, its representative point -------------


def _place(s: Situation) -> tuple[str, str]:
    """The event's place and its label for reasons: ``FRA-GUF (French Guiana)``."""
    place = s.event.place
    return place, (q.territory(s.G, place).label if q.has_territory(s.G, place) else place)


def _point(s: Situation, place: str) -> tuple[float, float] | None:
    """The representative point of a place, or of the nearest territory it is part of that has one."""
    if not q.has_territory(s.G, place):
        return None
    for tid in q.ancestors_of_territory(s.G, place):
        t = q.territory(s.G, tid)
        if t.lat is not None and t.lon is not None:
            return t.lat, t.lon
    return None


def _at(point: tuple[float, float]) -> str:
    return f"{c.degrees(point[0], 'lat')} {c.degrees(point[1], 'lon')}"


@_predicate("location_kind")
def _location_kind(cond: c.LocationKindTest, s: Situation) -> tuple[bool, list[Fact]]:
    """The kind of the event's own place (an island, an overseas territory, a sea area …)."""
    place, name = _place(s)
    if not q.has_territory(s.G, place):
        return False, [Fact("unknown_place", (place,), f"{name} is not a known territory")]
    kind = q.territory(s.G, place).kind
    return kind in cond.kinds, [Fact("territory_kind", (place, kind.value), f"{name} is {c.kind_words(kind)}")]


@_predicate("location_within")
def _location_within(cond: c.LocationWithinTest, s: Situation) -> tuple[bool, list[Fact]]:
    """The event's place is one of the named territories or part of one (through ``part_of``)."""
    place, name = _place(s)
    chain = q.ancestors_of_territory(s.G, place) if q.has_territory(s.G, place) else (place,)
    for wanted in cond.territories:
        if wanted in chain and q.has_territory(s.G, wanted):
            whole = q.territory(s.G, wanted).label
            text = f"{name} is {whole}" if wanted == place else f"{name} lies within {whole}"
            return True, [Fact("within", (place, wanted), text)]
    named = ", ".join(q.territory(s.G, t).label if q.has_territory(s.G, t) else f"{t} (unknown territory)"
                      for t in cond.territories)
    return False, [Fact("not_within", (place, *cond.territories), f"{name} does not lie within {named}")]


@_predicate("location_latitude")
def _location_latitude(cond: c.LocationLatitudeTest, s: Situation) -> tuple[bool, list[Fact]]:
    """Compare the place's representative latitude with the parallel(s) of the test."""
    place, name = _place(s)
    point = _point(s, place)
    if point is None:
        return False, [Fact("no_point", (place,), f"{name} has no recorded latitude, so {cond.bounds()} cannot be shown")]
    lat = point[0]
    holds = (cond.north_of is None or lat > cond.north_of) and (cond.south_of is None or lat < cond.south_of)
    side = []
    if cond.north_of is not None:
        side.append(f"{'north' if lat > cond.north_of else 'south'} of {c.degrees(cond.north_of, 'lat')}")
    if cond.south_of is not None:
        side.append(f"{'south' if lat < cond.south_of else 'north'} of {c.degrees(cond.south_of, 'lat')}")
    named = f" ({cond.parallel})" if cond.parallel else ""
    text = f"{name} lies at {c.degrees(lat, 'lat')}, {' and '.join(side)}{named}"
    return holds, [Fact("latitude", (place, f"{lat:g}"), text)]


@_predicate("location_in_box")
def _location_in_box(cond: c.LocationInBoxTest, s: Situation) -> tuple[bool, list[Fact]]:
    """Is the place's representative point inside one of the boxes that make up the area?"""
    place, name = _place(s)
    area = cond.area or "the area given by coordinates"
    point = _point(s, place)
    if point is None:
        return False, [Fact("no_point", (place,), f"{name} has no recorded coordinates, so it cannot be placed in {area}")]
    hit = next((b for b in cond.boxes if b.contains(*point)), None)
    if hit is not None:
        return True, [Fact("in_box", (place, f"{point[0]:g}", f"{point[1]:g}"),
                           f"{name} at {_at(point)} lies within {area}: {hit.describe()}")]
    return False, [Fact("outside_box", (place, f"{point[0]:g}", f"{point[1]:g}"),
                        f"{name} at {_at(point)} lies outside {area}")]


@_predicate("event_date")
def _event_date(cond: c.EventDateTest, s: Situation) -> tuple[bool, list[Fact]]:
    """The event date against the period the test names."""
    day = s.day
    holds = (cond.on_or_after is None or day >= cond.on_or_after) and (cond.before is None or day < cond.before)
    if holds:
        text = f"{s.event.id} is dated {day}, {cond.period()}"
    elif cond.on_or_after is not None and day < cond.on_or_after:
        text = f"{s.event.id} is dated {day}, before {cond.on_or_after}"
    else:
        text = f"{s.event.id} is dated {day}, not before {cond.before}"
    return holds, [Fact("event_date", (s.event.id, day.isoformat()), text)]
