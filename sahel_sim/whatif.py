"""What-ifs: modified copies of a scenario, for notebooks and comparisons.

Each function takes a :class:`~sahel_sim.scenario.load.Scenario` and returns a
*new* one with one fact changed: the events' date, a membership gained or
lost, the reading, a field of one event.  The scenario file is never touched
and the original object is left as it was, so a notebook can hold the
factual scenario and several variants side by side and simulate each.

Inputs are checked as strictly as a scenario file: an unknown actor,
organisation, perspective, event or field raises a
:class:`~sahel_sim.errors.SahelSimError` with a "did you mean" suggestion,
rather than producing a variant that silently changes nothing.  Each variant's
name says what was changed (``… [what-if: TCD accedes to AES on 2024-01-01]``),
so tables and pictures built from it label themselves.

Examples:
    >>> from sahel_sim import load_scenario, simulate, with_accession   # doctest: +SKIP
    >>> s = load_scenario("scenarios/ecowas-intervention-niger-2023-10.yaml")  # doctest: +SKIP
    >>> simulate(with_accession(s, "TCD", "AES", "2023-09-16"))  # doctest: +SKIP
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sahel_sim.errors import SahelSimError, UnknownEntityError, suggest
from sahel_sim.model.events import Event
from sahel_sim.model.memberships import Membership
from sahel_sim.world import World
from sahel_sim.scenario.load import Scenario

__all__ = ["on_date", "with_accession", "with_event_changes", "with_perspective", "without_membership"]

NOTE = "what-if"


def on_date(scenario: Scenario, day: date | str) -> Scenario:
    """Every event moved to ``day`` (as ``sahel-sim run --as-of`` does): who was a party then?"""
    when = _as_date(day, "day")
    events = tuple(e.on(when) for e in scenario.events)
    return _variant(scenario, f"every event on {when}", events=events)


def with_accession(scenario: Scenario, actor: str, organisation: str, since: date | str) -> Scenario:
    """``actor`` becomes a member of ``organisation`` (or a party to a listed treaty) from ``since``.

    ``organisation`` is an organisation's id (ECOWAS, AES …), or the id of a
    treaty whose parties are a dated list rather than an organisation's members.

    Raises:
        UnknownEntityError: the actor or the organisation does not exist.
        SahelSimError: the actor already belongs to it on ``since``.
    """
    when = _as_date(since, "since")
    _known_actor(scenario.world, actor)
    treaty = scenario.world.treaty(organisation)
    if treaty is not None and treaty.parties.members:
        return _join_treaty(scenario, actor, treaty.id, when)
    _known_organisation(scenario.world, organisation)
    if _memberships(scenario.world, actor, organisation, when):
        raise SahelSimError(f"{actor} is already a member of {organisation} on {when}")
    m = Membership(member=actor, of=organisation, since=when, confidence="recalled", note=NOTE)
    world = scenario.world.model_copy(update={"memberships": scenario.world.memberships + (m,)})
    return _variant(scenario, f"{actor} accedes to {organisation} on {when}", world=world)


def without_membership(scenario: Scenario, actor: str, organisation: str, from_date: date | str) -> Scenario:
    """``actor`` stops being a member of ``organisation`` from ``from_date`` (memberships begun later go too).

    Raises:
        UnknownEntityError: the actor or the organisation does not exist.
        SahelSimError: the actor is not a member on ``from_date``.
    """
    when = _as_date(from_date, "from_date")
    _known_actor(scenario.world, actor)
    _known_organisation(scenario.world, organisation)
    if not _memberships(scenario.world, actor, organisation, when):
        raise SahelSimError(f"{actor} is not a member of {organisation} on {when}; nothing to drop")
    kept = []
    for m in scenario.world.memberships:
        if m.member == actor and m.of == organisation and (m.until is None or m.until > when):
            if m.since < when:
                kept.append(m.model_copy(update={"until": when, "withdrawal": None, "note": NOTE}))
            continue
        kept.append(m)
    world = scenario.world.model_copy(update={"memberships": tuple(kept)})
    return _variant(scenario, f"{actor} leaves {organisation} on {when}", world=world)


def with_perspective(scenario: Scenario, name: str) -> Scenario:
    """The same facts under another reading (``literal``, ``aes``, ``ecowas`` or the scenario's own).

    Raises:
        UnknownEntityError: no perspective has that id.
    """
    known = sorted(p.id for p in scenario.world.perspectives)
    if name not in known:
        raise UnknownEntityError(f"unknown perspective '{name}'" + _hint(name, known, f"one of {', '.join(known)}"))
    return _variant(scenario, f"the {name} reading", perspective=name)


def with_event_changes(scenario: Scenario, event_id: str, **fields: Any) -> Scenario:
    """One event with some fields replaced, e.g. ``consent=True`` or ``actors=["NGA"]``.

    The changed event is validated like an event in a file (types, dates,
    known actors and territories).

    Raises:
        UnknownEntityError: no event has that id, or a field names an unknown actor.
        SahelSimError: an unknown field, or a value of the wrong type.
    """
    ids = [e.id for e in scenario.events]
    if event_id not in ids:
        raise UnknownEntityError(f"unknown event '{event_id}'" + _hint(event_id, ids, f"one of {', '.join(ids)}"))
    allowed = sorted(set(Event.model_fields) - {"id"})
    for key in fields:
        if key not in allowed:
            raise SahelSimError(f"unknown event field '{key}'" + _hint(key, allowed, f"one of {', '.join(allowed)}"))
    from sahel_sim.scenario.names import TerritoryNames

    events = tuple(_changed(e, fields) if e.id == event_id else e for e in scenario.events)
    events = TerritoryNames(scenario.world.territories).rewrite(events)  # location="GUF" is FRA-GUF
    _check_references(scenario.world, events)
    said = ", ".join(f"{k}={v!r}" for k, v in sorted(fields.items()))
    return _variant(scenario, f"{event_id}: {said}", events=events)


# -- helpers --------------------------------------------------------------------------------------

def _variant(scenario: Scenario, change: str, *, events: tuple[Event, ...] | None = None,
             world: World | None = None, perspective: str | None = None) -> Scenario:
    """A new Scenario whose name records ``change``; the original is left untouched.

    The variant's world is compiled like the original's (``like=``): what the change leaves alone (every
    treaty's compiled clauses; the graph and index when the world is the same) is taken from it, and the
    compiled world is the one compiling the variant alone gives.
    """
    name = scenario.spec.scenario
    if name.endswith("]") and " [what-if: " in name:
        name = name[:-1] + f"; {change}]"
    else:
        name = f"{name} [what-if: {change}]"
    update: dict[str, Any] = {"scenario": name}
    if events is not None:
        update["events"] = events
    if perspective is not None:
        update["perspective"] = perspective
    return Scenario(scenario.spec.model_copy(update=update), world or scenario.world, scenario.path,
                    like=scenario.compiled)


def _as_date(value: date | str, what: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise SahelSimError(f"{what}: {value!r} is not a date; expected YYYY-MM-DD, e.g. 2023-10-01") from None


def _hint(given: str, valid: list[str], fallback: str) -> str:
    return f" ({suggest(given, valid) or fallback})"


def _known_actor(world: World, actor: str) -> None:
    labels = {a.id: a.name for a in world.actors}
    if actor not in labels:
        hint = suggest(actor, labels, labels=labels)
        raise UnknownEntityError(f"unknown actor '{actor}'" + (f" ({hint})" if hint else ""))


def _known_organisation(world: World, organisation: str) -> None:
    orgs = {a.id: a.name for a in world.actors if a.kind.value == "organisation"}
    if organisation not in orgs:
        labels = {k: v for k, v in orgs.items() if v != k}
        hint = suggest(organisation, orgs, labels=labels) or f"organisations: {', '.join(sorted(orgs))}"
        raise UnknownEntityError(f"unknown organisation '{organisation}' ({hint})")


def _memberships(world: World, actor: str, organisation: str, day: date) -> list[Membership]:
    return [m for m in world.memberships if m.member == actor and m.of == organisation and m.active_on(day)]


def _join_treaty(scenario: Scenario, actor: str, treaty_id: str, when: date) -> Scenario:
    from sahel_sim.clauses.treaty import Party

    treaty = scenario.world.treaty(treaty_id)
    assert treaty is not None
    if any(p.party == actor and p.active_on(when) for p in treaty.parties.members):
        raise SahelSimError(f"{actor} is already a party to {treaty_id} on {when}")
    parties = treaty.parties.model_copy(update={"members": treaty.parties.members + (
        Party(party=actor, since=when, confidence="recalled", note=NOTE),)})
    changed = treaty.model_copy(update={"parties": parties})
    treaties = tuple(changed if t.id == treaty_id else t for t in scenario.world.treaties)
    world = scenario.world.model_copy(update={"treaties": treaties})
    return _variant(scenario, f"{actor} becomes a party to {treaty_id} on {when}", world=world)


def _changed(event: Event, fields: dict[str, Any]) -> Event:
    from pydantic import ValidationError

    data = {**event.model_dump(), **fields}
    try:
        return Event.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'event'}: {e['msg']}" for e in exc.errors())
        raise SahelSimError(f"event '{event.id}' cannot take these changes: {problems}") from None


def _check_references(world: World, events: tuple[Event, ...]) -> None:
    from sahel_sim.errors import format_path
    from sahel_sim.scenario.references import event_references

    refs = event_references(world, events)
    if refs:
        r = refs[0]
        raise UnknownEntityError(f"{format_path(r.path)}: {r.message}" + (f" ({r.hint})" if r.hint else ""))
