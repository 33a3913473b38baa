"""What would flip it: the smallest changes of fact that turn an obligation on or off.

Candidate changes are drawn from the scenario and from the clauses that could
bind the party: move an event to a date where a membership or a treaty
starts or ends; let the party accede to, or leave, the treaty's organisation;
add the request or the organ decision a clause waits for; add outside
support; toggle consent or the mandate; move the event to another territory;
read it under another perspective.  Every candidate is checked by re-running
the engine on a modified copy of the scenario (the file is never touched),
and the flips are ranked by size: one changed fact before two, then by how
far a date moved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations
from typing import Any, Callable, Iterable

from sahel_sim.api import simulate
from sahel_sim.clauses import conditions as c
from sahel_sim.clauses.articles import article_label
from sahel_sim.clauses.status import DUTY_STATUSES, label
from sahel_sim.clauses.treaty import Treaty
from sahel_sim.engine.findings import NonObligation, Obligation, SimulationResult, informativeness
from sahel_sim.model.events import Decision, Determination, Event, Invocation, Request, RequestForm
from sahel_sim.model.memberships import Membership
from sahel_sim.world import World
from sahel_sim.scenario.load import Scenario

__all__ = ["Change", "Flip", "find_flips"]

Key = tuple[str, str, str]
Status = dict[Key, str]
"""The party's findings that reach it (breaches, duties, permissions): (event, treaty, clause) → status."""
MAX_PAIRS = 300


@dataclass(frozen=True)
class Change:
    """One change of fact, applied to a copy of a scenario."""

    kind: str
    description: str
    apply: Callable[[Scenario], Scenario] = field(compare=False, repr=False)
    perspective: str | None = None
    distance: int = 0


@dataclass(frozen=True, slots=True)
class Flip:
    """A set of changes that turns the party's obligation on or off, with the re-run proving it.

    ``turned`` is ``on`` (bound where it was not), ``off`` (no longer bound),
    or, when what changes is how the party stands for an event, the change
    of modality in words: ``from may to must``, ``from must to may``,
    ``from must to in breach`` …
    """

    changes: tuple[Change, ...]
    turned: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    proof: tuple[str, ...]

    @property
    def size(self) -> int:
        """How many facts change."""
        return len(self.changes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"size": self.size, "turned": self.turned,
                "changes": [{"kind": ch.kind, "description": ch.description} for ch in self.changes],
                "before": list(self.before), "after": list(self.after), "proof": list(self.proof)}


def find_flips(scenario: Scenario, party: str, *, treaty: str | None = None, perspective: str | None = None,
               limit: int = 20) -> tuple[Flip, ...]:
    """The smallest changes that flip ``party``'s obligations (under ``treaty``, if given)."""
    base = simulate(scenario, perspective=perspective, parties=[party], conflicts=False)
    before = _status(base, party, treaty)
    singles = _candidates(scenario, party, treaty, base)
    flips = [f for ch in singles if (f := _try(scenario, (ch,), party, treaty, perspective, before))]
    if not flips:
        pairs = list(combinations(singles, 2))[:MAX_PAIRS]
        flips = [f for pair in pairs if _compatible(pair) and (f := _try(scenario, pair, party, treaty, perspective, before))]
    flips.sort(key=lambda f: (f.size, sum(ch.distance for ch in f.changes), [ch.description for ch in f.changes]))
    return tuple(flips[:limit])


def _status(result: SimulationResult, party: str, treaty: str | None) -> Status:
    found = result.breaches + result.obligations + result.permissions
    return {(o.event, o.treaty, o.ref.clause or ""): o.status for o in found
            if o.obligor == party and (treaty is None or o.treaty == treaty)}


def _word(statuses: Iterable[str]) -> str:
    """How a party stands for one event in one word: ``in breach`` > ``must`` > ``may`` > ``not bound``."""
    found = set(statuses)
    if "in_breach" in found:
        return "in breach"
    if found - {"may_act", "not_bound"}:
        return "must"
    return "may" if "may_act" in found else "not bound"


def _turned(before: Status, after: Status) -> str:
    """``on``, ``off``, or the change of modality (``from may to must``) for the events where it changes."""
    moves = []
    for event in sorted({k[0] for k in before} | {k[0] for k in after}):
        was = _word(v for k, v in before.items() if k[0] == event)
        now = _word(v for k, v in after.items() if k[0] == event)
        if was != now and "not bound" not in (was, now):
            moves.append(f"from {was} to {now}")
    if moves:
        return "; ".join(dict.fromkeys(moves))
    return "on" if set(after) - set(before) else "off"


def _keys(status: Status) -> tuple[str, ...]:
    """The findings as ``event treaty clause``, with the status when it is not a duty (``(may act)``)."""
    return tuple(sorted(" ".join(k) + ("" if v in DUTY_STATUSES else f" ({label(v)})") for k, v in status.items()))


def _describe(result: SimulationResult, keys: Iterable[Key]) -> tuple[str, ...]:
    found = {(o.event, o.treaty, o.ref.clause or ""): o for o in result.breaches + result.obligations + result.permissions}
    return tuple(f"{found[k].duty} {found[k].beneficiary or ''} under {found[k].ref.treaty_name} "
                 f"{found[k].ref.reference} ({k[0]})".replace("  ", " ") for k in sorted(keys))


def _no_longer(status: str) -> str:
    """``no longer obligated`` for a duty, ``may no longer act`` or ``no longer in breach`` otherwise."""
    return {"may_act": "may no longer act", "in_breach": "no longer in breach"}.get(status, "no longer obligated")


def _now(status: str) -> str:
    """``now obligated`` for a duty, ``now may act`` or ``now in breach`` otherwise."""
    return "now obligated" if status in DUTY_STATUSES else f"now {label(status)}"


def _try(scenario: Scenario, changes: tuple[Change, ...], party: str, treaty: str | None,
         perspective: str | None, before: Status) -> Flip | None:
    variant = scenario
    for ch in changes:
        variant = ch.apply(variant)
    chosen = next((ch.perspective for ch in changes if ch.perspective), perspective)
    try:
        result = simulate(variant, perspective=chosen, parties=[party], among=[party], conflicts=False,
                          alternatives=False)  # the party alone judged: its findings are the whole run's
    except Exception:  # noqa: BLE001 - a candidate the data cannot express is simply not a flip
        return None
    after = _status(result, party, treaty)
    if after == before:
        return None
    return Flip(changes, _turned(before, after), _keys(before), _keys(after), _proof(result, party, treaty, before, after))


def _proof(result: SimulationResult, party: str, treaty: str | None, before: Status, after: Status) -> tuple[str, ...]:
    gained = sorted(k for k in after if before.get(k) != after[k])
    lines = [f"{_now(after[k])}: {line}" for k, line in zip(gained, _describe(result, gained))]
    for key in sorted(set(before) - set(after)):
        misses = [n for n in result.non_obligations
                  if n.party == party and n.event == key[0] and n.treaty == key[1] and n.ref.clause in (key[2], None)]
        if misses:
            best: NonObligation = min(misses, key=informativeness)
            leaf = best.reason.failing_leaf()
            facts = "; ".join(f.text for f in leaf.facts)
            where = " ".join(x for x in (best.ref.treaty_name, best.ref.reference) if x)
            lines.append(f"{_no_longer(before[key])} under {where}: {leaf.text}" + (f" ({facts})" if facts else ""))
    return tuple(lines)


def _compatible(pair: tuple[Change, ...]) -> bool:
    kinds = [ch.kind for ch in pair]
    return len(set(kinds)) == len(kinds) and sum(1 for ch in pair if ch.perspective) <= 1


# -- candidate changes ---------------------------------------------------------------------------

def _candidates(scenario: Scenario, party: str, treaty: str | None, base: SimulationResult) -> list[Change]:
    treaties = [t for t in scenario.world.treaties if treaty is None or t.id == treaty]
    out: list[Change] = []
    out += _membership_changes(scenario, party, treaties)
    out += _date_changes(scenario, party, treaties)
    out += _clause_fact_changes(scenario, treaties)
    out += _event_toggles(scenario)
    out += _location_changes(scenario, party, treaties)
    out += [Change("perspective", f"read the events under the {p.id} perspective", lambda s: s, perspective=p.id)
            for p in scenario.world.perspectives if p.id != (base.perspective)]
    unique = {ch.description: ch for ch in out}
    return [unique[k] for k in sorted(unique)]


def _with_world(scenario: Scenario, world: World) -> Scenario:
    """The scenario in ``world``; its compiled world takes from the scenario's what the change leaves alone."""
    return Scenario(scenario.spec, world, scenario.path, like=scenario.compiled)


def _with_events(scenario: Scenario, change: Callable[[Event], Event]) -> Scenario:
    """The scenario with each event changed; the world, and so its compiled world, is the scenario's."""
    spec = scenario.spec.model_copy(update={"events": tuple(change(e) for e in scenario.events)})
    return Scenario(spec, scenario.world, scenario.path, like=scenario.compiled)


def _first_date(scenario: Scenario) -> date:
    return min(e.date for e in scenario.events)


def _membership_changes(scenario: Scenario, party: str, treaties: list[Treaty]) -> list[Change]:
    out = []
    day = _first_date(scenario)
    for t in treaties:
        org = t.parties.organisation
        if org is None:
            out += _party_list_changes(scenario, party, t, day)
            continue
        current = [m for m in scenario.world.memberships if m.member == party and m.of == org and m.active_on(day)]
        if current:
            out.append(Change("membership", f"{party} leaves {org} before {day}",
                              lambda s, org=org, day=day: _end_membership(s, party, org, day)))
        else:
            out.append(Change("membership", f"{party} accedes to {org} (member from {day})",
                              lambda s, org=org, day=day: _join(s, party, org, day)))
    return out


def _party_list_changes(scenario: Scenario, party: str, t: Treaty, day: date) -> list[Change]:
    """Join or leave a treaty whose parties are a dated list."""
    from sahel_sim.clauses.treaty import Party

    def replace_treaty(s: Scenario, members: tuple[Party, ...]) -> Scenario:
        parties = t.parties.model_copy(update={"members": members})
        treaties = tuple(x.model_copy(update={"parties": parties}) if x.id == t.id else x for x in s.world.treaties)
        return _with_world(s, s.world.model_copy(update={"treaties": treaties}))

    current = [p for p in t.parties.members if p.party == party and p.active_on(day)]
    if current:
        kept = tuple(p for p in t.parties.members if p not in current)
        kept += tuple(p.model_copy(update={"until": day}) for p in current if p.since < day)
        return [Change("membership", f"{party} leaves the {t.title} before {day}", lambda s: replace_treaty(s, kept))]
    joined = t.parties.members + (Party(party=party, since=day, confidence="recalled", note="what-if accession"),)
    return [Change("membership", f"{party} becomes a party to the {t.title} (from {day})",
                   lambda s: replace_treaty(s, joined))]


def _join(s: Scenario, party: str, org: str, day: date) -> Scenario:
    m = Membership(member=party, of=org, since=day, confidence="recalled", note="what-if accession")
    return _with_world(s, s.world.model_copy(update={"memberships": s.world.memberships + (m,)}))


def _end_membership(s: Scenario, party: str, org: str, day: date) -> Scenario:
    kept = []
    for m in s.world.memberships:
        if m.member == party and m.of == org and m.active_on(day):
            if m.since < day:
                kept.append(m.model_copy(update={"until": day, "withdrawal": None}))
            continue
        kept.append(m)
    return _with_world(s, s.world.model_copy(update={"memberships": tuple(kept)}))


def _date_changes(scenario: Scenario, party: str, treaties: list[Treaty]) -> list[Change]:
    """Move every event to the dates where the party's standing under a treaty changes."""
    points: set[date] = set()
    orgs = {t.parties.organisation for t in treaties if t.parties.organisation}
    for t in treaties:
        points |= {d for d in (t.in_force, t.terminated) if d}
    for m in scenario.world.memberships:
        if m.of in orgs:
            points |= {d for d in (m.since, m.until) if d}
    out = []
    day = _first_date(scenario)
    for point in sorted(points):
        for target in (point, point - timedelta(days=1)):
            if target == day:
                continue
            shift = target - day
            out.append(Change("date", f"the events happen on {target} instead of {day}",
                              lambda s, shift=shift: _with_events(s, lambda e: e.on(e.date + shift)),
                              distance=abs(shift.days)))
    return out


def _clause_fact_changes(scenario: Scenario, treaties: list[Treaty]) -> list[Change]:
    """Add the request, decision or outside support that a clause's conditions wait for."""
    tests = [(t, cond) for t in treaties for cl in t.clauses for cond in (*_walk(cl.conditions), *_walk([cl.trigger]))]
    out = []
    for treaty, cond in tests:
        if isinstance(cond, c.RequestedTest):
            to = cond.to if cond.to not in ("any", "target", "attackers", "obligor", "beneficiary") else None
            out.append(_request_change(to, cond.form))
        elif isinstance(cond, c.DecidedTest):
            out.append(Change("decision", f"{cond.organisation} ({cond.organ or 'an organ'}) decides to act",
                              lambda s, cond=cond: _with_events(s, lambda e: e.model_copy(update={"decisions": e.decisions + (
                                  Decision(organisation=cond.organisation, organ=cond.organ, date=e.date),)}))))
        elif isinstance(cond, c.InvokedTest):
            out.append(_invocation_change(cond.treaty or treaty.id, cond.article))
        elif isinstance(cond, c.DeterminedTest):
            finding = (cond.findings or ("aggression",))[0]
            out.append(Change("determination", f"{cond.organisation} ({cond.organ or 'an organ'}) determines {finding}",
                              lambda s, cond=cond, finding=finding: _with_events(s, lambda e: e.model_copy(update={
                                  "determinations": e.determinations + (Determination(
                                      organisation=cond.organisation, organ=cond.organ, finding=finding,
                                      date=e.date),)}))))
        elif isinstance(cond, c.ExternallySupportedTest):
            out.append(Change("support", "a foreign state is found to support the attackers",
                              lambda s: _with_events(s, lambda e: _support(e, s))))
    return out


def _support(e: Event, s: Scenario) -> Event:
    outsider = next((a.id for a in sorted(s.world.actors, key=lambda a: a.id)
                     if a.kind.value == "state" and a.id not in (e.target, *e.actors)), None)
    return e.model_copy(update={"external_support": (outsider,)}) if outsider else e


def _invocation_change(treaty: str, article: str | None) -> Change:
    art = f"{article_label(article)} of " if article else ""

    def apply(s: Scenario) -> Scenario:
        def add(e: Event) -> Event:
            return e.model_copy(update={"invocations": e.invocations + (
                Invocation(by=e.target, treaty=treaty, article=article, date=e.date),)})
        return _with_events(s, add)

    return Change("invocation", f"the target invokes {art}the {treaty}", apply)


def _request_change(to: str | None, form: Any) -> Change:
    how = "written " if form == RequestForm.written else ""
    whom = f" to {to}" if to else ""

    def apply(s: Scenario) -> Scenario:
        def add(e: Event) -> Event:
            req = Request(by=e.target, to=to or e.target, form=form if form != "any" else RequestForm.written, date=e.date)
            return e.model_copy(update={"requests": e.requests + (req,)})
        return _with_events(s, add)

    return Change("request", f"the target makes a {how}request for assistance{whom}", apply)


def _walk(conds: Iterable[Any]) -> Iterable[Any]:
    for cond in conds:
        yield from c.walk(cond)


def _event_toggles(scenario: Scenario) -> list[Change]:
    out = [Change("consent", "the target consents" if not any(e.consent for e in scenario.events)
                  else "the target withholds consent",
                  lambda s: _with_events(s, lambda e: e.model_copy(update={"consent": not e.consent})))]
    if any(e.mandate for e in scenario.events):
        out.append(Change("mandate", "the actors act without an organisation's mandate",
                          lambda s: _with_events(s, lambda e: e.model_copy(update={"mandate": None}))))
    return out


def _location_changes(scenario: Scenario, party: str, treaties: list[Treaty]) -> list[Change]:
    places = {t.id for t in scenario.world.territories if t.kind.value == "metropolitan"}
    relevant = {party} | {e.target for e in scenario.events} | {a for e in scenario.events for a in e.actors}
    out = []
    for place in sorted(places & relevant):
        if all(e.place == place for e in scenario.events):
            continue
        out.append(Change("location", f"the events take place in {place}",
                          lambda s, place=place: _with_events(s, lambda e: e.model_copy(update={"location": place}))))
    return out
