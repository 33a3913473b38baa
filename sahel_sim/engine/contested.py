"""Contested law as data: evaluate every competing reading beside the main one.

A treaty, a clause, a party list, a membership, any world fact or event may
carry ``contested:`` alternatives (a label, a source, and what the reading
changes), and a scenario may name readings of its own (a perspective, for
one).  The main reading is run as usual; then each alternative alone, against
the main reading (not their product).  A finding whose status differs under
an alternative is *contested*: it lists the status under that reading with
its source, and its confidence is at most ``disputed``, because it rests on
the disputed fact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import partial
from typing import Any, Callable, Iterable, Iterator

from pydantic import BaseModel

from sahel_sim.clauses.checks import Check, Fact
from sahel_sim.clauses.conditions import walk
from sahel_sim.clauses.families.requests import RequestedTest
from sahel_sim.engine.findings import Basis, NonObligation, Obligation, OtherReading, SimulationResult
from sahel_sim.model.base import Alternative, Confidence, Sourced, alternative_of, weakest
from sahel_sim.model.events import Event
from sahel_sim.world import World

__all__ = ["PARTS", "Mentions", "Reading", "apply_reading", "apply_readings", "bears_on", "clause_text", "locate",
           "reach", "readings_in", "readings_of", "rebuilt", "substitute", "with_alternatives"]

Key = tuple[str, str, str, str]


@dataclass(frozen=True, slots=True)
class Reading:
    """One alternative, with the fact it disputes (``owner``) described in words."""

    alternative: Alternative
    disputes: str
    owner: Sourced | None = None
    treaty: str | None = None
    """The treaty the disputed fact belongs to (a clause's, a party entry's), if any."""

    @property
    def id(self) -> str:
        """The alternative's id."""
        return self.alternative.id

    @property
    def label(self) -> str:
        """The alternative's label."""
        return self.alternative.label

    @property
    def source(self) -> str | None:
        """The alternative's source."""
        return self.alternative.source

    @property
    def note(self) -> str | None:
        """The alternative's note."""
        return self.alternative.note

    @property
    def perspective(self) -> str | None:
        """The perspective the alternative reads the events with, if it names one."""
        return self.alternative.perspective

    @property
    def combines(self) -> tuple[str, ...]:
        """A reading alone combines nothing (see :class:`sahel_sim.engine.combined.Combination`)."""
        return ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        a = self.alternative
        return {"alternative": a.id, "label": a.label, "disputes": self.disputes, "source": a.source,
                "note": a.note, "changes": {k: _plain(v) for k, v in sorted(a.changes.items())},
                "perspective": a.perspective}


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _describe(fact: Any, parent: Any) -> str:
    """The disputed fact in words: ``the Liptako-Gourma Charter``, ``MLI's membership of AES`` …"""
    kind = type(fact).__name__
    if kind == "Treaty":
        return f"the {fact.title}"
    if kind == "Clause":
        return f"{parent.title if parent is not None else 'the treaty'} {fact.reference}"
    if kind == "Parties":
        return f"the parties to the {parent.title if parent is not None else 'treaty'}"
    if kind == "Party":
        return f"{fact.party} as a party to the {parent.title if parent is not None else 'treaty'}"
    if kind == "Membership":
        return f"{fact.member}'s membership of {fact.of}"
    if kind == "Event":
        return f"the event {fact.id}"
    if kind == "Succession":
        return f"how the {parent.title if parent is not None else 'treaty'} stands to the {fact.treaty}"
    if kind == "ConsentAuthority":
        return f"who may consent for {fact.state} from {fact.since}"
    name = getattr(fact, "id", None)
    return f"{kind.lower()} {name}" if name else kind.lower()


def _walk(value: Any, treaty: Any = None) -> Iterator[tuple[Sourced, Any]]:
    """Every sourced fact inside ``value`` with the treaty it belongs to (if any), depth first."""
    if isinstance(value, (tuple, list)):
        for item in value:
            yield from _walk(item, treaty)
        return
    if not isinstance(value, BaseModel):
        return
    if isinstance(value, Sourced) and value.contested:
        yield value, treaty
    inner = value if type(value).__name__ == "Treaty" else treaty
    for name in type(value).model_fields:
        if name != "contested":
            child = getattr(value, name)
            if isinstance(child, (BaseModel, tuple, list)):
                yield from _walk(child, inner)


#: The parts of a world whose facts may carry readings, in the order :func:`readings_of` lists them.
PARTS = ("treaties", "memberships", "relations", "territories", "actors", "consent_authorities")


def readings_of(world: World, events: Iterable[Event] = (), own: Iterable[Alternative] = ()) -> tuple[Reading, ...]:
    """Every alternative the world, the events and the scenario itself carry, in a stable order."""
    found = [Reading(a, "the scenario's reading of the facts") for a in own]
    for part in PARTS:
        found += readings_in(getattr(world, part))
    return (*found, *readings_in(tuple(events)))


def readings_in(values: tuple[Any, ...]) -> list[Reading]:
    """The alternatives the facts in ``values`` (a part of a world, or events) carry, in order.

    The readings of a part are those of its first entries, then those of the rest: a world that
    extends another (a scenario's, the library's) lists the other's readings of the part first.
    """
    return [Reading(a, _describe(fact, treaty), fact, getattr(treaty, "id", None))
            for fact, treaty in _walk(values) for a in fact.contested]


_DATE_FIELDS = frozenset({"since", "until", "withdrawal"})  # a withdrawal is read for its end date only


def _days(value: Any) -> set[date]:
    """Every date written anywhere in ``value`` (an event with its requests, decisions, invocations …)."""
    if isinstance(value, date):
        return {value}
    if isinstance(value, (tuple, list)):
        return set().union(*(_days(v) for v in value)) if value else set()
    if isinstance(value, BaseModel):
        return set().union(*(_days(getattr(value, n)) for n in type(value).model_fields)) or set()
    return set()


def bears_on(reading: Reading, result: SimulationResult, world: World, *,
             new: Callable[[], Any] | None = None, text: Callable[[int], str] | None = None) -> bool:
    """Whether ``reading`` can change a finding of ``result``; when it cannot, it need not be run.

    A reading of who may consent for a state bears only on events on that
    state to which a named government consented (``consents:``).  Otherwise
    only readings of a dated fact (a membership, a party entry: ``since``,
    ``until``, ``withdrawal``) or of a clause's conditions, strength, means or
    modality are ever skipped, and only when it is plain that they cannot
    matter: a dated fact that holds, or not, alike under both readings on
    every date the events name (and the day before and after); or a fact or
    clause of treaties that bind only when the target is their party, when
    no event's target is a party to them, the readings do not change who is
    a target's treaty partner, and no other treaty's clause names them.
    Any other reading is run.

    ``new`` gives the fact as the reading has it (``alternative_of``), ``text`` the JSON of the clauses
    of the ``k``-th treaty of ``world``: both computed here when not given (a caller that weighs the
    same readings for several runs gives them, worked out once).
    """
    owner, changes = reading.owner, reading.alternative.changes
    if new is None:
        def new() -> Any:
            return alternative_of(reading.owner, reading.alternative)  # type: ignore[arg-type]
    if text is None:
        text = partial(clause_text, world)
    if owner is None or reading.alternative.perspective or not changes:
        return True
    kind = type(owner).__name__
    if kind in _WORLD_RECORDS:
        return _WORLD_RECORDS[kind](reading, result, world, new)
    if kind in ("Membership", "Party") and set(changes) <= _DATE_FIELDS:
        changed = new()
        days = set().union(*(_days(e.event) for e in result.events)) if result.events else set()
        near = {d + timedelta(n) for d in days for n in (-1, 0, 1) if date.min + timedelta(1) < d < date.max - timedelta(1)}
        if all(_active(owner, d) == _active(changed, d) for d in near):
            return False
        member = owner.member if kind == "Membership" else owner.party
        if any(member in _involved(e) for e in result.events):
            return True
        treaties = ([t for t in world.treaties if t.parties.organisation == owner.of] if kind == "Membership"
                    else [t for t in world.treaties if t.id == reading.treaty])
        names = {owner.of} if kind == "Membership" else set()
        return not _unconcerned(treaties, names, result, world, text)
    if kind == "Clause" and reading.treaty and set(changes) <= _CLAUSE_FIELDS:
        if not (_needs_party_target(owner) and _needs_party_target(new())):
            return True
        return not _unconcerned([t for t in world.treaties if t.id == reading.treaty], set(), result, world, text)
    return True


def _succession_bears(reading: Reading, result: SimulationResult, world: World, new: Any) -> bool:
    """A reading of how a treaty stands to an earlier one changes nothing while the later one's entry into
    force is not recorded (the compiled world ends the earlier treaty only from that date)."""
    later = world.treaty(reading.treaty or "")
    return later is None or later.in_force is not None


def _force_bears(reading: Reading, result: SimulationResult, world: World, new: Any) -> bool:
    """A reading of a force can change only the findings on events that name it."""
    organs = [_organ(world, e.event.force.organisation, e.event.force.organ) for e in result.events
              if e.event.force is not None]
    return any(o is not None and o.force == reading.owner for o in organs)


def _record_bears(reading: Reading, result: SimulationResult, world: World, new: Callable[[], Any]) -> bool:
    """A reading of a recorded decision can change only a clause that tests its organisation's decisions or
    determinations, for an event it covers (by date, kind, actors and target) under one reading or the other."""
    org = next((a.id for a in world.actors for o in a.organs if any(d == reading.owner for d in o.decisions)), None)
    roots = [*(r for t in world.treaties for c in t.clauses for r in (c.trigger, *c.conditions, *(x.when for x in c.exceptions))),
             *(rule.when for p in world.perspectives for rule in p.rules)]
    if not any(x.test in ("decided", "determined") and x.organisation == org for root in roots for x in walk(root)):
        return False
    return any(r.covers.plain(e.event) for r in (reading.owner, new()) for e in result.events)  # type: ignore[union-attr]


def _consent_bears(reading: Reading, result: SimulationResult, world: World, new: Any) -> bool:
    """A reading of who may consent for a state bears only on events on it to which a named government consented."""
    state = reading.owner.state  # type: ignore[union-attr]
    return any(e.event.consents and e.event.target == state for e in result.events)


def _organ(world: World, organisation: str, organ: str) -> Any:
    actor = next((a for a in world.actors if a.id == organisation), None)
    return actor.organ(organ) if actor is not None else None


#: World records whose readings bear only on some events: the rule that tells, by the record's kind.
_WORLD_RECORDS = {"Succession": _succession_bears, "Force": _force_bears, "RecordedDecision": _record_bears,
                  "ConsentAuthority": _consent_bears}


_CLAUSE_FIELDS = frozenset({"conditions", "exceptions", "strength", "means", "modality", "text", "note", "source",
                            "confidence"})


def _involved(e: Any) -> set[str]:
    """The actors an event result concerns by name: its actors, target, supporters and the asked."""
    ev = e.event
    return {*ev.actors, ev.target, *ev.external_support, *e.asked}


def _needs_party_target(clause: Any) -> bool:
    """Whether the clause binds only when the event's target is a party to the clause's own treaty."""
    trigger = clause.trigger
    parts = [*clause.conditions, *(trigger.conditions if type(trigger).__name__ == "AllOf" else (trigger,))]
    return any(type(c).__name__ == "IsPartyTest" and c.treaty is None and str(getattr(c.who, "value", c.who)) == "target"
               and c.quantifier == "any" for c in parts)


def _unconcerned(treaties: list[Any], names: set[str], result: SimulationResult, world: World,
                 text: Callable[[int], str]) -> bool:
    """True when no event's target is a party to these treaties, each of their clauses needs one,
    and no other treaty's clause names them (or ``names``, an organisation)."""
    ids = {t.id for t in treaties}
    if any(ids & e.target_treaties for e in result.events):
        return False
    if not all(_needs_party_target(c) for t in treaties for c in t.clauses):
        return False
    words = {f'"{x}"' for x in ids | names}
    for k, t in enumerate(world.treaties):
        if t.id in ids:
            continue
        written = text(k)
        if any(w in written for w in words):
            return False
    return True


def clause_text(world: World, k: int) -> str:
    """The clauses of the ``k``-th treaty of ``world`` as JSON (what :func:`bears_on` searches for a name)."""
    return json.dumps([c.model_dump(mode="json") for c in world.treaties[k].clauses])


def _active(fact: Any, day: date) -> bool:
    return fact.since <= day and (fact.until is None or day < fact.until)


def substitute(value: Any, old: Any, new: Any) -> Any:
    """``value`` with the one object ``old`` (by identity) replaced by ``new``; untouched parts are shared."""
    if value is old:
        return new
    if isinstance(value, tuple):
        items = [substitute(v, old, new) for v in value]
        for a, b in zip(items, value):
            if a is not b:
                return tuple(items)
        return value
    if isinstance(value, BaseModel):
        changed = None
        for name, child in vars(value).items():  # a model's fields, read (never written) where Pydantic keeps them
            if isinstance(child, BaseModel) or isinstance(child, tuple) and child:
                got = substitute(child, old, new)
                if got is not child:
                    changed = changed or {}
                    changed[name] = got
        return value.model_copy(update=changed) if changed else value
    return value


Path = tuple[Any, ...]  # field names and tuple places, from a root value down to one object


def locate(value: Any, targets: list[Any]) -> list[list[Path]]:
    """Every place each of ``targets`` (by identity) sits in ``value``, as :func:`substitute` finds it.

    One walk for all of them: ``rebuilt(value, places[k], new)`` then gives what
    ``substitute(value, targets[k], new)`` gives, without walking ``value`` again.
    """
    want: dict[int, list[int]] = {}  # the targets are alive (held by ``targets``) throughout
    for k, t in enumerate(targets):
        want.setdefault(id(t), []).append(k)  # a fact with two readings is two targets
    found: list[list[Path]] = [[] for _ in targets]

    def visit(node: Any, path: Path) -> None:
        for k in want.get(id(node), ()):
            if node is targets[k]:
                found[k].append(path)
        if isinstance(node, tuple):
            for j, child in enumerate(node):
                if isinstance(child, (BaseModel, tuple)):
                    visit(child, (*path, j))
        elif isinstance(node, BaseModel):
            for name, child in vars(node).items():  # the fields substitute reads, read the same way
                if isinstance(child, BaseModel) or isinstance(child, tuple) and child:
                    visit(child, (*path, name))

    visit(value, ())
    return found


def rebuilt(value: Any, places: list[Path], new: Any) -> Any:
    """``value`` with the object at each of ``places`` (from :func:`locate`) replaced by ``new``; the rest shared."""
    if not places:
        return value
    if any(not p for p in places):
        return new
    steps: dict[Any, list[Path]] = {}
    for p in places:
        steps.setdefault(p[0], []).append(p[1:])
    if isinstance(value, tuple):
        items = list(value)
        for j, rest in steps.items():
            items[j] = rebuilt(value[j], rest, new)
        return tuple(items)
    return value.model_copy(update={name: rebuilt(vars(value)[name], rest, new) for name, rest in steps.items()})


def apply_reading(world: World, events: tuple[Event, ...], reading: Reading) -> tuple[World, tuple[Event, ...]]:
    """The world and events as ``reading`` has them (only the disputed fact differs)."""
    if reading.owner is None or not reading.alternative.changes:
        return world, events
    new = alternative_of(reading.owner, reading.alternative)
    return substitute(world, reading.owner, new), substitute(events, reading.owner, new)


def apply_readings(world: World, events: tuple[Event, ...],
                   readings: Iterable[Reading]) -> tuple[World, tuple[Event, ...]]:
    """The world and events as several readings (each of another fact) have them together.

    The deepest disputed fact goes first (a clause before its treaty), each
    found again by its place, so a reading of a treaty keeps the reading of
    its clause already made.
    """
    root = (world, events)
    placed = [(p, r) for r in readings if r.owner is not None and r.alternative.changes
              for p in [_path(root, r.owner)] if p is not None]
    for path, reading in sorted(placed, key=lambda x: -len(x[0])):
        current = _at((world, events), path)
        new = alternative_of(current, reading.alternative)
        world, events = substitute(world, current, new), substitute(events, current, new)
    return world, events


def _path(value: Any, target: Any) -> tuple[Any, ...] | None:
    """Where ``target`` (by identity) sits inside ``value``: field names and tuple places, or None."""
    if value is target:
        return ()
    if isinstance(value, (tuple, list)):
        items: Iterable[tuple[Any, Any]] = enumerate(value)
    elif isinstance(value, BaseModel):
        items = ((n, getattr(value, n)) for n in type(value).model_fields)
    else:
        return None
    for key, child in items:
        if isinstance(child, (BaseModel, tuple, list)):
            found = _path(child, target)
            if found is not None:
                return (key, *found)
    return None


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        value = value[key] if isinstance(key, int) else getattr(value, key)
    return value


@dataclass(frozen=True, slots=True)
class Mentions:
    """Every text each treaty's data writes (ids, organisations, words), and the texts of every reading's rules."""

    treaties: dict[str, frozenset[str]]
    rules: frozenset[str]
    #: The treaties a clause of which counts a request to an organisation as one to its members: they read the
    #: memberships of every organisation an event's request goes to, which their data does not name.
    through_requests: frozenset[str] = frozenset()

    @classmethod
    def of(cls, world: World) -> "Mentions":
        """Read once per run, for every reading's :func:`reach`."""
        return cls({t.id: frozenset(_mentions(t)) for t in world.treaties}, frozenset(_mentions(world.perspectives)),
                   frozenset(t.id for t in world.treaties if _through_requests(t)))

    def extended(self, treaties: tuple[Any, ...], perspectives: tuple[Any, ...]) -> "Mentions":
        """These mentions and those of more treaties and perspectives (a world that extends this one's):
        as :meth:`of` reads the whole world, a later treaty of an id replacing an earlier one."""
        if not treaties and not perspectives:
            return self
        named = dict(self.treaties)
        named.update({t.id: frozenset(_mentions(t)) for t in treaties})
        through = (self.through_requests - {t.id for t in treaties}) | {t.id for t in treaties if _through_requests(t)}
        return Mentions(named, self.rules | frozenset(_mentions(perspectives)), frozenset(through))


def reach(reading: Reading, world: World, changed: World, events: tuple[Event, ...], their_events: tuple[Event, ...],
          mentions: Mentions) -> frozenset[str] | None:
    """The treaties whose findings ``reading`` can change (``changed``, ``their_events``: as it has them); None: any.

    A reading that changes only treaties (a clause, a party list, a date of
    entry into force) or memberships reaches the treaties it changes, then
    every treaty whose data names one of them or the organisation or member
    of a changed membership (a treaty whose parties are an organisation's
    members names it), and again every treaty that names one of those: a
    clause reads another treaty, or an organisation's members, only through
    an id its data names.  Any other reading (another perspective, a changed
    event, actor, territory, relation, government or category), or one whose
    treaties or names a perspective's rules write (the characterisation every
    finding rests on), reaches every treaty.

    ``world`` and ``changed`` are the worlds as compiled (``CompiledWorld.world``: a treaty a later one
    succeeds is terminated there), so that a reading of the later treaty reaches the earlier one it ends.
    """
    if reading.owner is None or reading.alternative.perspective or their_events is not events:
        return None
    names: set[str] = set()
    for name in type(world).model_fields:
        old, new = getattr(world, name), getattr(changed, name)
        if old is new:
            continue
        if name not in ("treaties", "memberships") or len(old) != len(new):
            return None
        for a, b in zip(old, new):
            if a is not b and a != b:  # an earlier treaty ended anew in each compiled world, but alike, is equal
                names |= {a.id, b.id} if name == "treaties" else {a.member, a.of, b.member, b.of}
    reached = {tid for tid in mentions.treaties if tid in names}
    addressed = frozenset(r.to for e in events for r in e.requests)
    named_by = {tid: named | addressed if tid in mentions.through_requests else named
                for tid, named in mentions.treaties.items()}
    grown = True
    while grown:
        grown = False
        for tid, named in named_by.items():
            if tid not in reached and not named.isdisjoint(names | reached):
                reached.add(tid)
                grown = True
    if not mentions.rules.isdisjoint(names | reached):
        return None
    return frozenset(reached)


def _mentions(value: Any) -> set[str]:
    """Every text written anywhere in ``value``, its readings' changes included."""
    return {v for v in _written(value) if isinstance(v, str)}


def _through_requests(value: Any) -> bool:
    """Whether a condition anywhere in ``value`` (its readings' changes included) counts a request to an
    organisation as one to its members (``requested`` with ``or_its_organisations``)."""
    return any(isinstance(v, RequestedTest) and v.or_its_organisations for v in _written(value))


def _written(value: Any) -> Iterator[Any]:
    """``value`` and every value written inside it: items, keys, fields, and theirs in turn."""
    yield value
    if isinstance(value, str):
        return
    if isinstance(value, (tuple, list, set, frozenset)):
        for v in value:
            yield from _written(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _written(k)
            yield from _written(v)
    elif isinstance(value, BaseModel):
        for n in type(value).model_fields:
            yield from _written(getattr(value, n))


def _key_of(f: Obligation | NonObligation) -> Key:
    who = f.obligor if isinstance(f, Obligation) else f.party
    return (f.event, f.treaty, f.ref.clause or "", who)


def _statuses(result: SimulationResult) -> tuple[dict[Key, Obligation], dict[Key, NonObligation]]:
    positive: dict[Key, Obligation] = {}
    negative: dict[Key, NonObligation] = {}
    for e in result.events:
        for o in e.breaches + e.obligations + e.permissions:
            positive.setdefault(_key_of(o), o)
        for n in e.non_obligations:
            negative.setdefault(_key_of(n), n)
    return positive, negative


def _pending(negative: dict[Key, NonObligation]) -> set[Key]:
    """Keys of the parties within a clause but for an invocation or determination (a status of their own)."""
    return {k for k, n in negative.items() if n.status != "not_bound"}


def _status(key: Key, positive: dict[Key, Obligation], negative: dict[Key, NonObligation]) -> str:
    """The finding's status under one run (*not bound* when the run has no finding for the key)."""
    if key in positive:
        return positive[key].status
    return negative[key].status if key in negative else "not_bound"


def _reason(key: Key, positive: dict[Key, Obligation], negative: dict[Key, NonObligation]) -> str | None:
    """Why the finding has its status under a reading: its first failed check, or that it holds."""
    if key in positive:
        return None
    n = negative.get(key) or negative.get((key[0], key[1], "", key[3]))
    if n is None:
        return None
    leaf = n.reason.failing_leaf()
    facts = "; ".join(f.text for f in leaf.facts)
    return leaf.text + (f" ({facts})" if facts else "")


def with_alternatives(result: SimulationResult, runs: Iterable[tuple[Reading, SimulationResult]]) -> SimulationResult:
    """``result`` with every finding whose status some reading changes marked contested.

    ``runs`` pairs each reading with the result of the same events under it.
    A finding the main run lacks but a reading gives (a party bound only
    under that reading) is added as a *not bound* finding so that it can
    carry the other reading, even when nobody asked about the party: it is
    never silently absent.

    A combination of readings (``run --combine-readings``; its runs come after
    those of the readings it combines) is listed on a finding only where it
    gives a status that neither the main reading nor any smaller set of its
    readings gives: what combining them adds.
    """
    main_pos, main_neg = _statuses(result)
    seen: dict[Key, dict[frozenset[str], str]] = {}  # the status under each set of readings, where not the main's
    for key, f in [*main_pos.items(), *main_neg.items()]:  # readings already marked (each alone) count
        for r in f.readings:
            seen.setdefault(key, {})[frozenset(r.combines or (r.alternative,))] = r.status
    extra: dict[Key, list[OtherReading]] = {}
    grounds: dict[Key, list[Basis]] = {}
    reached: dict[Key, Obligation] = {}
    readings = []
    for reading, alt in runs:
        readings.append(reading)
        alt_pos, alt_neg = _statuses(alt)
        for key in alt_pos.keys() - main_pos.keys():
            reached.setdefault(key, alt_pos[key])
        a = reading
        both = {e.event.id for e in result.events} & {e.event.id for e in alt.events}
        for key in sorted(main_pos.keys() | alt_pos.keys() | _pending(main_neg) | _pending(alt_neg)):
            if key[0] not in both:
                continue
            ours = _status(key, main_pos, main_neg)
            theirs = _status(key, alt_pos, alt_neg)
            if ours == theirs:
                continue
            ids = frozenset(a.combines or (a.id,))
            smaller = {seen.get(key, {}).get(frozenset(t), ours) for t in _proper_subsets(ids)}
            seen.setdefault(key, {})[ids] = theirs
            if theirs in smaller:
                continue  # a smaller set of these readings already gives this status
            extra.setdefault(key, []).append(OtherReading(a.id, a.label, theirs, reading.disputes, a.source, a.note,
                                                          _reason(key, alt_pos, alt_neg), a.combines))
            grounds.setdefault(key, []).append(
                Basis(f"{reading.disputes}: disputed ({a.label})", Confidence.disputed.value, a.source))
    if not extra:
        return replace(result, alternatives=tuple(readings))
    events = tuple(_mark(e, extra, grounds, main_neg, reached) for e in result.events)
    return replace(result, events=events, alternatives=tuple(readings))


def _proper_subsets(ids: frozenset[str]) -> Iterator[tuple[str, ...]]:
    """Every non-empty proper subset of a set of reading ids (none for one reading alone)."""
    from itertools import combinations

    items = sorted(ids)
    for n in range(1, len(items)):
        yield from combinations(items, n)


def _contest(f: Any, others: list[OtherReading], bases: list[Basis]) -> Any:
    rests = tuple(dict.fromkeys(f.rests_on + tuple(bases)))
    return replace(f, readings=tuple(dict.fromkeys(f.readings + tuple(others))), rests_on=rests,
                   confidence=weakest(b.confidence for b in rests).value)


def _unreached(found: Obligation, others: list[OtherReading]) -> NonObligation:
    """The main reading's finding for a party only another reading reaches (nobody asked about it).

    The main run judged nobody under the clause for this party (it is not a
    party there, or the treaty is not in force), so there is no reason tree
    to show; the one check says so, and the other readings say who binds it.
    """
    ref = found.ref
    article = ref.cited or "the treaty"
    names = "', '".join(dict.fromkeys(r.alternative for r in others))
    fact = Fact("main_reading", (found.obligor, ref.treaty, ref.clause or "", found.event),
                f"under the main reading, {ref.treaty_name} — {article} — does not reach {found.obligor} for "
                f"{found.event}; only the reading '{names}' does")
    check = Check("main_reading", "the clause reaches the party under the main reading", False, (fact,),
                  role="builtin")
    return NonObligation(found.obligor, ref, found.event, found.date, check, (check,))


def _mark(e: Any, extra: dict[Key, list[OtherReading]], grounds: dict[Key, list[Basis]],
          negative: dict[Key, NonObligation], reached: dict[Key, Obligation]) -> Any:
    def positive(found: tuple[Obligation, ...]) -> tuple[Obligation, ...]:
        return tuple(_contest(o, extra[_key_of(o)], grounds[_key_of(o)]) if _key_of(o) in extra else o for o in found)

    mine = {k: v for k, v in extra.items() if k[0] == e.event.id}
    taken = {_key_of(o) for o in e.breaches + e.obligations + e.permissions}
    non = list(e.non_obligations)
    for key in sorted(set(mine) - taken):
        exact = negative.get(key)
        target = exact or negative.get((key[0], key[1], "", key[3]))
        if target is None and key in reached:  # nobody asked about this party and only a reading reaches it
            non.append(_contest(_unreached(reached[key], mine[key]), mine[key], grounds[key]))
            continue
        if target is None:  # a pending status under a reading, in a run that reports no non-obligations
            continue
        i = non.index(target)
        non[i] = _contest(non[i], mine[key], grounds[key])
    non.sort(key=NonObligation.key)
    return replace(e, breaches=positive(e.breaches), obligations=positive(e.obligations),
                   permissions=positive(e.permissions), non_obligations=tuple(non))
