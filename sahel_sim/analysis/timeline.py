"""Timelines: how the obligations of a scenario switch on and off as the calendar moves.

The scenario's events are replayed as of every date on which the world
changes (a membership starts or ends, a treaty enters into force or ends, a
territory changes hands) between two dates.  Each step lists the obligations
that switched on or off, with the world changes of that day that explain
them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

from sahel_sim.api import simulate
from sahel_sim.engine.findings import Obligation
from sahel_sim.world import World
from sahel_sim.scenario.load import Scenario

__all__ = ["Timeline", "TimelineStep", "build_timeline", "by_obligors", "milestones", "world_changes"]

Key = tuple[str, str, str, str, str, str]


@dataclass(frozen=True, slots=True)
class TimelineStep:
    """One date: what changed in the world, and which obligations switched on or off."""

    date: date
    changes: tuple[str, ...]
    on: tuple[Obligation, ...]
    off: tuple[Obligation, ...]
    holding: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        def row(o: Obligation) -> dict[str, Any]:
            return {"event": o.event, "obligor": o.obligor, "beneficiary": o.beneficiary, "duty": o.duty,
                    "status": o.status, "treaty": o.treaty, "article": o.article, "clause": o.ref.clause,
                    "reference": o.ref.cited}
        return {"date": self.date.isoformat(), "world_changes": list(self.changes), "on": [row(o) for o in self.on],
                "off": [row(o) for o in self.off], "obligations_holding": self.holding}


@dataclass(frozen=True, slots=True)
class Timeline:
    """Steps from ``start`` to ``end``, in date order."""

    scenario: str
    perspective: str
    start: date
    end: date
    steps: tuple[TimelineStep, ...]
    dated: tuple[tuple[date, str], ...] = ()
    """What the data dates in the window that changes no membership, treaty or holding (an organisation's
    milestones, a transition period), for the scenario's actors: shown beside the steps."""

    def events(self) -> tuple[str, ...]:
        """The events the obligations switched on or off are for, in the order first met: where there are
        several, a line that names no event could be any of theirs."""
        return tuple(dict.fromkeys(o.event for step in self.steps for o in (*step.on, *step.off)))

    def spans(self) -> list[tuple[Obligation, date, date | None]]:
        """Each obligation with the date it switched on and the date it switched off (None: still on)."""
        open_: dict[Key, tuple[Obligation, date]] = {}
        out = []
        for step in self.steps:
            for o in step.off:
                first, since = open_.pop(_key(o))
                out.append((first, since, step.date))
            for o in step.on:
                open_[_key(o)] = (o, step.date)
        out += [(o, since, None) for o, since in open_.values()]
        return sorted(out, key=lambda x: (x[1], _key(x[0])))

    def bars(self) -> list[tuple[tuple[str, ...], Obligation, date, date | None]]:
        """:meth:`spans` with the obligations alike but for their obligor, on and off on the same dates, as one:
        each with its obligors (sorted), its first obligation and its dates, in the order of :meth:`spans`.

        An armed attack gives every member of the UN the same right to assist (UN Charter Art. 51): one
        bar, not a hundred and ninety.
        """
        return [(obligors, o, *dates) for obligors, o, dates in _together((o, (since, until))
                                                                          for o, since, until in self.spans())]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"scenario": self.scenario, "perspective": self.perspective, "from": self.start.isoformat(),
                "to": self.end.isoformat(), "steps": [s.to_dict() for s in self.steps],
                "dated": [{"date": d.isoformat(), "text": text} for d, text in self.dated]}


def _key(o: Obligation) -> Key:
    return (o.event, o.obligor, o.beneficiary or "", o.treaty, o.ref.clause or "", o.status)


def _alike(o: Obligation) -> tuple[str, ...]:
    """What a line of the timeline says of an obligation but its obligor."""
    return (o.event, o.beneficiary or "", o.duty, o.status, o.treaty, o.ref.clause or "", o.ref.cited or "")


def by_obligors(found: Iterable[Obligation]) -> list[tuple[tuple[str, ...], Obligation]]:
    """The obligations alike but for their obligor, together: each group's obligors (sorted) and its first
    obligation, in the order the groups are first met."""
    return [(obligors, o) for obligors, o, _ in _together((o, None) for o in found)]


def _together(found: Iterable[tuple[Obligation, Any]]) -> list[tuple[tuple[str, ...], Obligation, Any]]:
    """Obligations alike but for their obligor and with the same ``extra`` (their dates on a bar), together:
    each group's obligors (sorted), its first obligation and its extra, in the order first met."""
    groups: dict[tuple[Any, ...], tuple[list[str], Obligation, Any]] = {}
    for o, extra in found:
        groups.setdefault((_alike(o), extra), ([], o, extra))[0].append(o.obligor)
    return [(tuple(sorted(obligors)), o, extra) for obligors, o, extra in groups.values()]


def milestones(world: World, day: date, about: frozenset[str] | None = None) -> tuple[str, ...]:
    """What the data dates on ``day`` that changes no membership, treaty or holding: an organisation's
    milestones (the G5 Sahel's path to its end), a transition period after a withdrawal.

    ``about`` keeps those of these actors and organisations only (None: all).
    """
    out = [f"{a.id}: {m.text.strip()}" for a in world.actors for m in a.milestones
           if m.date == day and (about is None or a.id in about)]
    for m in world.memberships:
        period = m.withdrawal.transition if m.withdrawal else None
        if period is None or (about is not None and not {m.member, m.of} & about):
            continue
        if period.since == day:
            until = f", to {period.until}" if period.until else ""
            out.append(f"{m.member}'s transition period with {m.of} begins{until} (set on leaving; "
                       f"{m.member} is not a member)")
        if period.until == day:
            out.append(f"{m.member}'s transition period with {m.of} ends")
    return tuple(sorted(out))


def world_changes(world: World, day: date) -> tuple[str, ...]:
    """What starts or ends on ``day``: memberships, treaties, holdings."""
    out = []
    for m in world.memberships:
        if m.since == day:
            out.append(f"{m.member} becomes a member of {m.of}")
        if m.until == day:
            how = f" (notice of {m.withdrawal.notified})" if m.withdrawal and m.withdrawal.notified else ""
            out.append(f"{m.member} ceases to be a member of {m.of}{how}")
    for t in world.treaties:
        if t.in_force == day:
            out.append(f"the {t.title} enters into force")
        if t.terminated == day:
            out.append(f"the {t.title} ceases to be in force")
        for p in t.parties.members:
            if p.since == day:
                out.append(f"{p.party} becomes a party to the {t.title}")
            if p.until == day:
                out.append(f"{p.party} ceases to be a party to the {t.title}")
    for terr in world.territories:
        for h in terr.holders:
            if h.since == day and terr.kind.value != "metropolitan":
                out.append(f"{terr.name} passes to {h.state}")
            if h.until == day:
                out.append(f"{h.state} ceases to hold {terr.name}")
    return tuple(sorted(out))


def concerned(world: World, events: tuple = ()) -> frozenset[str]:
    """The actors the events name and every organisation one of them ever belonged to."""
    named = {a for e in events for a in (*e.actors, e.target)}
    return frozenset(named | {m.of for m in world.memberships if m.member in named})


def _milestone_days(world: World, about: frozenset[str] | None) -> set[date]:
    days = {m.date for a in world.actors for m in a.milestones if about is None or a.id in about}
    periods = [m.withdrawal.transition for m in world.memberships if m.withdrawal and m.withdrawal.transition
               and (about is None or {m.member, m.of} & about)]
    return days | {d for p in periods for d in (p.since, p.until) if d}


def _breakpoints(world: World, start: date, end: date, events: tuple = ()) -> list[date]:
    days = {start}
    for m in world.memberships:
        days |= {d for d in (m.since, m.until) if d}
    for t in world.treaties:
        days |= {d for d in (t.in_force, t.terminated) if d}
        days |= {d for p in t.parties.members for d in (p.since, p.until) if d}
    for e in events:
        days |= {x.date for x in (*e.requests, *e.decisions, *e.invocations, *e.determinations) if x.date}
    for terr in world.territories:
        days |= {d for h in terr.holders for d in (h.since, h.until) if d}
    return sorted(d for d in days if start <= d <= end)


def build_timeline(scenario: Scenario, start: date, end: date, *, perspective: str | None = None) -> Timeline:
    """Replay the scenario's events as of every date the world changes between ``start`` and ``end``.

    A duty that needs a request, decision, invocation or determination dated
    later than the day switches on only on its ``binding_from`` date.
    """
    previous: dict[Key, Obligation] = {}
    steps = []
    chosen = perspective
    for day in _breakpoints(scenario.world, start, end, scenario.events):
        result = simulate(scenario, perspective=perspective, as_of=day, conflicts=False, alternatives=False)
        chosen = result.perspective
        now = {_key(o): o for o in result.obligations + result.permissions + result.breaches if o.binds_from <= day}
        on = tuple(now[k] for k in sorted(now.keys() - previous.keys()))
        off = tuple(previous[k] for k in sorted(previous.keys() - now.keys()))
        if on or off or day == start:
            steps.append(TimelineStep(day, world_changes(scenario.world, day), on, off, len(now)))
        previous = now
    about = concerned(scenario.world, scenario.events)
    dated = tuple((day, text) for day in sorted(d for d in _milestone_days(scenario.world, about) if start <= d <= end)
                  for text in milestones(scenario.world, day, about))
    return Timeline(scenario.name, chosen or "literal", start, end, tuple(steps), dated)
