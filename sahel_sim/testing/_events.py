"""Strategies for events, aimed at the treaties in play.

Events are drawn over a given world (a synthetic one, or the shipped library)
and, when treaties are given, aimed at them: most events strike a party of a
treaty on a day it is a party and the treaty is in force; dates are often
boundaries (the day a membership ends, the day a treaty enters into force);
mandates, requests, decisions, attributes and places are drawn from what the
treaties' clauses test.  Lists of events include retaliations (the target of
an earlier event strikes back), so that "struck first" exceptions are met.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Sequence

from hypothesis import strategies as st

from sahel_sim.clauses import conditions as c
from sahel_sim.clauses.treaty import Treaty
from sahel_sim.model.events import Attribution, Event, EventKind, RequestForm, Scale
from sahel_sim.world import World
from sahel_sim.testing._clauses import ATTRIBUTE_VALUES
from sahel_sim.testing._world import FIRST, LAST, _sometimes, dates

__all__ = ["KINDS", "EventContext", "event_lists", "events", "party_windows"]

#: The event kinds drawn (armed attacks first: shrinking moves towards the plainest case).
KINDS = (EventKind.armed_attack, EventKind.incursion, EventKind.military_intervention, EventKind.terrorist_attack,
         EventKind.armed_rebellion, EventKind.coup, EventKind.attack_on_forces, EventKind.attack_on_forces_abroad,
         EventKind.air_strike,
         EventKind.drone_strike, EventKind.attack_on_ship, EventKind.attack_on_aircraft, EventKind.blockade,
         EventKind.sanctions, EventKind.threat_of_force)


def _relevant_kinds(world: World, treaties: Sequence[Treaty]) -> list[EventKind]:
    """Kinds of event that can give the categories the treaties' clauses test, most direct first."""
    adds: dict[str, set[EventKind]] = {}
    for _ in range(3):  # rules that build on categories given by earlier rules
        for p in world.perspectives:
            for rule in p.rules:
                leaves = list(c.walk(rule.when))
                kinds = {k for x in leaves if isinstance(x, c.EventKindTest) for k in x.kinds}
                if not kinds:
                    kinds = {k for x in leaves if isinstance(x, c.CategoryTest) for cat in x.any_of for k in adds.get(cat, ())}
                for cat in rule.add:
                    adds.setdefault(cat, set()).update(kinds)
    wanted: set[EventKind] = set()
    for t in treaties:
        for cl in t.clauses:
            for x in c.walk(cl.trigger):
                if isinstance(x, c.CategoryTest):
                    wanted.update(k for cat in x.any_of for k in adds.get(cat, ()))
                elif isinstance(x, c.EventKindTest):
                    wanted.update(x.kinds)
    return [k for k in KINDS if k in wanted]


def party_windows(world: World, treaty: Treaty, start: date = FIRST, end: date = LAST) -> list[tuple[str, date, date]]:
    """``(party, lo, hi)``: the days ``[lo, hi)`` on which ``party`` is a party and ``treaty`` is in force."""
    if treaty.in_force is None:
        return []
    if treaty.parties.organisation:
        periods = [(m.member, m.since, m.until) for m in world.memberships if m.of == treaty.parties.organisation]
    else:
        periods = [(p.party, p.since, p.until) for p in treaty.parties.members]
    out = []
    for who, since, until in periods:
        lo = max(since, treaty.in_force, start)
        hi = min(until or end, treaty.terminated or end, end)
        if lo < hi:
            out.append((who, lo, hi))
    return sorted(out)


@dataclass(frozen=True)
class EventContext:
    """What events are drawn from: the world's actors and places, and what the treaties test."""

    states: tuple[str, ...]
    others: tuple[str, ...]
    organisations: tuple[str, ...]
    territories: tuple[str, ...]
    own_territory: frozenset[str]
    windows: tuple[tuple[str, date, date], ...]
    pool: tuple[date, ...]
    places: tuple[str, ...]
    decisions: tuple[tuple[str, str | None], ...]
    mandates: tuple[str, ...]
    addressees: tuple[str, ...]
    attributes: tuple[tuple[str, Any], ...]
    kinds: tuple[EventKind, ...]
    start: date
    end: date
    groups: tuple[str, ...] = ()
    plausible: bool = False
    invocable: tuple[tuple[str, str | None], ...] = ()
    determinable: tuple[tuple[str, str | None, str], ...] = ()

    def actors_for(self, kind: EventKind) -> tuple[str, ...]:
        """Who may carry out an event of this kind (everyone, unless ``plausible``)."""
        if not self.plausible:
            return self.states + self.others
        pool = {"coup": self.groups, "armed_rebellion": self.groups, "terrorist_attack": self.groups + self.states,
                "sanctions": self.states + self.organisations, "blockade": self.states + self.organisations,
                "threat_of_force": self.states + self.organisations}.get(kind.value)
        return pool or self.states + self.others

    @classmethod
    def of(cls, world: World, treaties: Sequence[Treaty] = (), *, kinds: Sequence[EventKind] | None = None,
           start: date = FIRST, end: date = LAST, plausible: bool = False) -> "EventContext":
        """Collect, once, what :func:`events` draws from."""
        states = tuple(a.id for a in world.actors if a.kind.value == "state")
        orgs = tuple(a.id for a in world.actors if a.kind.value == "organisation")
        groups = tuple(a.id for a in world.actors if a.kind.value == "armed_group")
        leaves = [x for t in treaties for cl in t.clauses
                  for cond in (cl.trigger, *cl.conditions, *(e.when for e in cl.exceptions)) for x in c.walk(cond)]
        regions = {r for x in leaves if isinstance(x, c.LocationInRegionTest) for r in x.regions}
        windows = tuple(w for t in treaties for w in party_windows(world, t, start, end))
        pool = {d for _, lo, hi in windows for d in (lo, hi - timedelta(days=1))}
        pool |= {d for t in treaties for d in (t.in_force, t.terminated) if d is not None and start <= d <= end}
        named = {x.organisation for x in leaves if isinstance(x, (c.MemberOfTest, c.DecidedTest, c.MandatedByTest))
                 and x.organisation} | {t.organisation for t in treaties if t.organisation}
        decisions = sorted({(x.organisation, x.organ) for x in leaves if isinstance(x, c.DecidedTest)},
                           key=lambda d: (d[0], d[1] or ""))
        addressees = sorted({x.to for x in leaves if isinstance(x, c.RequestedTest) and x.to in orgs} | named)
        attributes = sorted({(x.name, x.equals) for x in leaves if isinstance(x, c.AttributeTest)}, key=repr)
        invocable = sorted({(t.id, cl.article) for t in treaties for cl in t.clauses}
                           | {(x.treaty, x.article) for x in leaves if isinstance(x, c.InvokedTest) and x.treaty},
                           key=lambda x: (x[0], x[1] or ""))
        determinable = sorted({(x.organisation, x.organ, f) for x in leaves if isinstance(x, c.DeterminedTest)
                               for f in (x.findings or ("aggression",))}, key=lambda x: (x[0], x[1] or "", x[2]))
        return cls(
            states=states, others=groups + orgs, organisations=orgs,
            territories=tuple(t.id for t in world.territories),
            own_territory=frozenset(t.id for t in world.territories),
            windows=windows, pool=tuple(sorted(d for d in pool if start <= d <= end)),
            places=tuple(t.id for t in world.territories if set(t.regions) & regions),
            decisions=tuple(decisions), mandates=tuple(sorted(named & set(orgs))) or orgs,
            addressees=tuple(addressees) or orgs, attributes=tuple(attributes),
            kinds=tuple(kinds) if kinds else _ordered_kinds(world, treaties), start=start, end=end,
            groups=groups, plausible=plausible, invocable=tuple(invocable), determinable=tuple(determinable),
        )


def _ordered_kinds(world: World, treaties: Sequence[Treaty]) -> tuple[EventKind, ...]:
    first = _relevant_kinds(world, treaties)
    return tuple(first + [k for k in KINDS if k not in first])


def _when(draw: st.DrawFn, day: date) -> date | None:
    """A request or decision date: unrecorded, the same day, before, or (rarely) after the event."""
    return draw(st.sampled_from([None, day, day - timedelta(days=1), day + timedelta(days=1)]))


@st.composite
def _fresh(draw: st.DrawFn, ctx: EventContext, event_id: str) -> dict[str, Any]:
    if ctx.windows and draw(st.integers(0, 3)) > 0:
        target, lo, hi = draw(st.sampled_from(ctx.windows))
        day = draw(dates(ctx.pool, lo, hi - timedelta(days=1)))
    else:
        pick = ctx.states + (ctx.organisations if _sometimes(draw, 5) else ())
        target = draw(st.sampled_from(pick))
        day = draw(dates(ctx.pool, ctx.start, ctx.end))
    kind = _kind(draw, ctx)
    able = ctx.actors_for(kind)
    pool = tuple(a for a in able if a in ctx.states) + (tuple(a for a in able if a not in ctx.states)
                                                        if _sometimes(draw, 3) else ())
    candidates = [a for a in pool if a != target] or [a for a in able if a != target] or [
        a for a in ctx.states + ctx.others if a != target]
    actors = draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=2, unique=True))
    return _details(draw, ctx, {"id": event_id, "date": day, "actors": actors, "target": target, "kind": kind.value})


def _kind(draw: st.DrawFn, ctx: EventContext) -> EventKind:
    return draw(st.one_of(st.sampled_from(ctx.kinds[:3]), st.sampled_from(ctx.kinds)))


def _details(draw: st.DrawFn, ctx: EventContext, ev: dict[str, Any]) -> dict[str, Any]:
    """Place and the optional facts; each is absent in the simplest case."""
    day, target = ev["date"], ev["target"]
    if target not in ctx.own_territory or _sometimes(draw, 5):
        ev["location"] = draw(st.sampled_from(ctx.places or ctx.territories) if ctx.places and draw(st.booleans())
                              else st.sampled_from(ctx.territories))
    if _sometimes(draw, 7):
        ev["consent"] = True
    if ctx.mandates and _sometimes(draw, 3):
        ev["mandate"] = draw(st.sampled_from(ctx.mandates))
    outside = [s for s in ctx.states if s != target and s not in ev["actors"]]
    if outside and _sometimes(draw, 4):
        ev["external_support"] = [draw(st.sampled_from(outside))]
    if _sometimes(draw, 3):
        ev["requests"] = [{"by": draw(st.sampled_from([target, *ev["actors"]])),
                           "to": draw(st.sampled_from(ctx.addressees or ctx.states)),
                           "form": draw(st.sampled_from([f.value for f in RequestForm])),
                           **_dated(_when(draw, day))}]
    if ctx.organisations and _sometimes(draw, 3):
        org, organ = draw(st.sampled_from(ctx.decisions)) if ctx.decisions else (draw(st.sampled_from(ctx.organisations)), None)
        ev["decisions"] = [{"organisation": org, **({"organ": organ} if organ else {}), **_dated(_when(draw, day))}]
    if _sometimes(draw, 3):
        named = [(n, v) for n, v in ctx.attributes if n != "purpose"]
        pairs = draw(st.lists(st.sampled_from(named or sorted((n, v) for n, vs in ATTRIBUTE_VALUES.items()
                                                                 if n != "purpose" for v in vs)), max_size=2))
        ev["attributes"] = dict(pairs)
    if ctx.invocable and _sometimes(draw, 3):
        tid, art = draw(st.sampled_from(ctx.invocable))
        ev["invocations"] = [{"by": draw(st.sampled_from([target, *ev["actors"]])), "treaty": tid,
                              **({"article": art} if art and draw(st.booleans()) else {}), **_dated(_when(draw, day))}]
    if ctx.determinable and _sometimes(draw, 3):
        org, organ, finding = draw(st.sampled_from(ctx.determinable))
        ev["determinations"] = [{"organisation": org, **({"organ": organ} if organ else {}), "finding": finding,
                                 **_dated(_when(draw, day))}]
    if _sometimes(draw, 3):
        ev["scale"] = draw(st.sampled_from([s.value for s in Scale]))
    if _sometimes(draw, 3):
        ev["deliberate"] = draw(st.booleans())
    if _sometimes(draw, 4):
        level = draw(st.sampled_from([a.value for a in Attribution]))
        ev["attribution"] = level
        if level != "unattributed" and _sometimes(draw, 2):
            ev["attributed_to"] = [draw(st.sampled_from(ctx.states))]
    if _sometimes(draw, 5):
        ev["purpose"] = draw(st.sampled_from([v for n, v in ctx.attributes if n == "purpose"] or list(ATTRIBUTE_VALUES["purpose"])))
    return ev


def _dated(day: date | None) -> dict[str, Any]:
    return {} if day is None else {"date": day}


@st.composite
def _retaliation(draw: st.DrawFn, ctx: EventContext, event_id: str, earlier: dict[str, Any]) -> dict[str, Any]:
    """The target of an earlier event strikes one of its attackers, on the same day or later."""
    day = draw(st.sampled_from([earlier["date"] + timedelta(days=1), earlier["date"]]))
    kind = _kind(draw, ctx)
    if ctx.plausible and earlier["target"] not in ctx.actors_for(kind):
        kind = EventKind(earlier["kind"])
    ev = {"id": event_id, "date": min(day, ctx.end), "actors": [earlier["target"]], "target": earlier["actors"][0],
          "kind": kind.value}
    return _details(draw, ctx, ev)


def events(world: World, treaties: Sequence[Treaty] = (), *, event_id: str = "e1",
           kinds: Sequence[EventKind] | None = None, start: date = FIRST, end: date = LAST,
           plausible: bool = False) -> st.SearchStrategy[Event]:
    """One event of ``world``, aimed at ``treaties`` (see the module docstring).

    Args:
        world: the actors, places and memberships events are drawn from.
        treaties: treaties whose parties, dates and tests the event is aimed at.
        event_id: the event's id.
        kinds: only these kinds of event (default: every kind, armed attacks first).
        start, end: the date range of events not aimed at a party.
        plausible: only actors that can carry out the kind of event (coups and rebellions by
            armed groups, terrorism by armed groups or states, sanctions and blockades by states
            or organisations); by default anyone may do anything, which tests more.
    """
    ctx = EventContext.of(world, treaties, kinds=kinds, start=start, end=end, plausible=plausible)
    return _fresh(ctx, event_id).map(Event.model_validate)


@st.composite
def _event_dicts(draw: st.DrawFn, ctx: EventContext, min_size: int, max_size: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for k in range(draw(st.integers(min_size, max_size))):
        eid = f"e{k + 1}"
        if out and _sometimes(draw, 3):
            ev = draw(_retaliation(ctx, eid, draw(st.sampled_from(out))))
        else:
            ev = draw(_fresh(ctx, eid))
        if out and _sometimes(draw, 7):
            ev["response_to"] = draw(st.sampled_from(out))["id"]
        out.append(ev)
    return out


def event_lists(world: World, treaties: Sequence[Treaty] = (), *, min_size: int = 1, max_size: int = 4,
                kinds: Sequence[EventKind] | None = None, start: date = FIRST, end: date = LAST,
                plausible: bool = False) -> st.SearchStrategy[list[Event]]:
    """Events ``e1``..``en`` of ``world``, aimed at ``treaties``, with retaliations and responses.

    Examples:
        >>> from hypothesis import given, settings
        >>> from sahel_sim.testing import event_lists, worlds
        >>> @settings(max_examples=5)
        ... @given(worlds().flatmap(lambda w: event_lists(w, max_size=3)))
        ... def test(evs):
        ...     assert 1 <= len(evs) <= 3 and all(e.target not in e.actors for e in evs)
        >>> test()
    """
    ctx = EventContext.of(world, treaties, kinds=kinds, start=start, end=end, plausible=plausible)
    return _event_dicts(ctx, min_size, max_size).map(lambda evs: [Event.model_validate(e) for e in evs])
