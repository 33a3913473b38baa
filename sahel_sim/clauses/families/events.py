"""Condition tests on the event itself: its legal category, kind, consent, mandate, response, attributes, date and
whose forces it attacked."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from sahel_sim.clauses.checks import Fact
from sahel_sim.clauses.leaf import Leaf, LeafTest
from sahel_sim.clauses.logic import any_of, atom, implies
from sahel_sim.model.events import EventKind

__all__ = ["ATTRIBUTE_VALUES", "CATEGORY_PATTERN", "AttributeTest", "CategoryTest", "ConsentedTest", "EventDateTest",
           "EventKindTest", "ForcesOfTest", "IsResponseTest", "MandatedByTest", "TESTS"]

#: A legal category's id, as perspectives define them (``armed_attack``); never empty.
CATEGORY_PATTERN = r"^[a-z][a-z0-9_]*$"
#: Event attributes clauses may test, with the values drawn events and conditions use.
ATTRIBUTE_VALUES: dict[str, tuple[Any, ...]] = {
    "casualties": (0, 1, 10),
    "claimed": (True, False),
    "scale": ("minor", "major"),
    "purpose": ("conquest", "restore_order"),
}


def _event(ctx: Any, args: tuple[str, ...]) -> Any:
    return ctx.events.get(args[0])


# --- category ---------------------------------------------------------------------------------------


class CategoryTest(Leaf):
    """The event is characterised as one of these legal categories."""

    test: Literal["category"]
    any_of: tuple[Annotated[str, Field(pattern=CATEGORY_PATTERN)], ...] = Field(min_length=1)

    def _words(self) -> str:
        return "the event is characterised as " + " or ".join(self.any_of)


def _category(cond: CategoryTest, s: Any) -> tuple[bool, list[Fact]]:
    ch = s.characterisation
    hits = [cat for cat in cond.any_of if cat in ch.categories]
    if hits:
        return True, [
            Fact("characterised_as", (s.event.id, cat, ch.perspective),
                 f"{s.event.id} is {cat} under the {ch.perspective} reading ({ch.because.get(cat, 'rule')})")
            for cat in hits
        ]
    if ch.categories:
        text = f"under the {ch.perspective} reading {s.event.id} is characterised as {', '.join(sorted(ch.categories))} only"
    else:
        text = f"under the {ch.perspective} reading {s.event.id} falls in no legal category the clauses name"
    # The rule's id, not its text (which may be a user's, with no translation): its text is in the reading.
    set_aside = [Fact("set_aside", (s.event.id, cat, ch.perspective),
                      f"{cat} was set aside by {ch.removed[cat].split(':', 1)[0]}")
                 for cat in cond.any_of if cat in ch.removed]
    return False, [Fact("categories", (s.event.id, ch.perspective, *sorted(ch.categories)), text), *set_aside]


def _characterised(ctx: Any, args: tuple[str, ...]) -> bool | None:
    ev = _event(ctx, args)
    return None if ev is None else args[1] in ctx.categories(ev, args[2])


def _set_aside(ctx: Any, args: tuple[str, ...]) -> bool | None:
    """The category was set aside: the event does not have it under that reading."""
    ev = _event(ctx, args)
    return None if ev is None else args[1] not in ctx.categories(ev, args[2])


def _exactly(ctx: Any, args: tuple[str, ...]) -> bool | None:
    ev = _event(ctx, args)
    return None if ev is None else set(args[2:]) == ctx.categories(ev, args[1])


def _draw_category(draw: Any, ctx: Any) -> dict[str, Any]:
    return {"any_of": draw(ctx.some(ctx.categories or ("aggression",)))}


# --- event_kind -------------------------------------------------------------------------------------


class EventKindTest(Leaf):
    """The event is of one of these fact-level kinds."""

    test: Literal["event_kind"]
    kinds: tuple[EventKind, ...] = Field(min_length=1)

    def _words(self) -> str:
        return "the event is " + " or ".join(k.value for k in self.kinds)


def _event_kind(cond: EventKindTest, s: Any) -> tuple[bool, list[Fact]]:
    kind = s.event.kind
    return kind in cond.kinds, [Fact("event_kind", (s.event.id, kind.value), f"{s.event.id} is an event of kind {kind.value}")]


def _recheck_kind(ctx: Any, args: tuple[str, ...]) -> bool | None:
    ev = _event(ctx, args)
    return None if ev is None else ev.kind.value == args[1]


def _draw_event_kind(draw: Any, ctx: Any) -> dict[str, Any]:
    return {"kinds": [k.value for k in draw(ctx.some(list(EventKind), 3))]}


# --- consented --------------------------------------------------------------------------------------


class ConsentedTest(Leaf):
    """The target consented to the action: ``consent: true``, or a named government that may consent for it.

    A consent given by a named government (``consents:``) counts when that
    government may consent for the target on the event's date: the one a
    ``consent_authorities:`` record names (where effective control and
    recognition part, a contested fact), else the government in office.
    """

    test: Literal["consented"]

    def _words(self) -> str:
        return "the target consented"


def who_may_consent(G: Any, q: Any, state: str, day: date) -> tuple[str | None, str]:
    """The id of the government that may consent for ``state`` on ``day``, and why, as a sentence's end.

    Examples of the reason: ``"it holds effective control"``, ``"it is the
    government recognised by ECOWAS"``, ``"it is the government in office"``.
    """
    record = q.consent_authority(G, state, day)
    if record is not None:
        gov = q.government_named(G, state, record.government)
        if record.basis.value == "recognition":
            why = "it is the government recognised by " + (", ".join(record.recognised_by) or "other states")
            if gov is not None and gov.until is not None and gov.until <= day:
                why += f", though removed from office on {gov.until}"
        else:
            why = "it holds effective control"
        return record.government, why
    gov = q.government(G, state, day)
    return (gov.id if gov is not None else None), "it is the government in office"


def _named(G: Any, q: Any, state: str, gov_id: str) -> str:
    gov = q.government_named(G, state, gov_id)
    return f"the government of {gov.head} ({gov_id})" if gov is not None else f"the government {gov_id}"


def _consented(cond: ConsentedTest, s: Any) -> tuple[bool, list[Fact]]:
    e = s.event
    if e.consent or not e.consents:  # consent: true (or a what-if that sets it) says the target consented
        word = "consented to" if e.consent else "did not consent to"
        return e.consent, [Fact("consent", (e.target, e.id, str(e.consent).lower()), f"{e.target} {word} {e.id}")]
    G, q, day = s.G, s.q, e.date
    facts: list[Fact] = []
    given = []
    for c in e.consents:
        name = _named(G, q, e.target, c.by)
        if c.date is not None and c.date > day:
            facts.append(Fact("consent_given", (c.by, e.id, c.date.isoformat()),
                              f"{name} consented to {e.id} on {c.date}, after the event ({day}): consent given "
                              f"afterwards is not consent to it"))
        else:
            given.append(c)
            facts.append(Fact("consent_given", (c.by, e.id, c.date.isoformat() if c.date else ""),
                              f"{name} consented to {e.id}"))
    may, why = who_may_consent(G, q, e.target, day)
    if may is None:
        facts.append(Fact("may_consent", (e.target, day.isoformat(), ""),
                          f"no government of {e.target} is recorded on {day}, so none is known that may consent for it"))
        return False, facts
    facts.append(Fact("may_consent", (e.target, day.isoformat(), may),
                      f"{_named(G, q, e.target, may)} may consent for {e.target} on {day}: {why}"))
    return any(c.by == may for c in given), facts


def _recheck_consent(ctx: Any, args: tuple[str, ...]) -> bool | None:
    ev = ctx.events.get(args[1])
    return None if ev is None else str(ev.consent).lower() == args[2]


def _recheck_consent_given(ctx: Any, args: tuple[str, ...]) -> bool | None:
    ev = ctx.events.get(args[1])
    if ev is None:
        return None
    return any(c.by == args[0] and (c.date.isoformat() if c.date else "") == args[2] for c in ev.consents)


def _recheck_may_consent(ctx: Any, args: tuple[str, ...]) -> bool | None:
    may, _ = who_may_consent(ctx.G, ctx.q, args[0], date.fromisoformat(args[1]))
    return (may or "") == args[2]


# --- mandated_by ------------------------------------------------------------------------------------


class MandatedByTest(Leaf):
    """The actors acted under the mandate of an organisation (any, if none named)."""

    test: Literal["mandated_by"]
    organisation: str | None = None

    def _words(self) -> str:
        return f"the actors act under a mandate of {self.organisation or 'an organisation'}"


def _mandated_by(cond: MandatedByTest, s: Any) -> tuple[bool, list[Fact]]:
    m = s.event.mandate
    holds = m is not None and (cond.organisation is None or m == cond.organisation)
    text = f"{s.event.id} is carried out under a mandate of {m}" if m else f"{s.event.id} has no organisation's mandate"
    return holds, [Fact("mandate", (s.event.id, m or ""), text)]


def _recheck_mandate(ctx: Any, args: tuple[str, ...]) -> bool | None:
    ev = _event(ctx, args)
    return None if ev is None else (ev.mandate or "") == args[1]


def _encode_mandate(x: MandatedByTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    f = enc.flag(f"mandate:{x.organisation or '*'}")
    if x.organisation:
        enc.axiom(f"mandate:{x.organisation}", implies(f, enc.flag("mandate:*")))
    return f


def _draw_mandate(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    if ctx.organisations and draw(st.booleans()):
        return {"organisation": draw(st.sampled_from(ctx.organisations))}
    return {}


# --- is_response ------------------------------------------------------------------------------------


class IsResponseTest(Leaf):
    """The event is a response to another (a duty to assist being carried out in a cascade)."""

    test: Literal["is_response"]

    def _words(self) -> str:
        return "the event is a response to an earlier event"


def _is_response(cond: IsResponseTest, s: Any) -> tuple[bool, list[Fact]]:
    e = s.event
    text = f"{e.id} responds to {e.response_to}" if e.response_to else f"{e.id} is an original event, not a response"
    return e.response_to is not None, [Fact("response_to", (e.id, e.response_to or ""), text)]


def _recheck_response(ctx: Any, args: tuple[str, ...]) -> bool | None:
    ev = _event(ctx, args)
    return None if ev is None else (ev.response_to or "") == args[1]


# --- attribute --------------------------------------------------------------------------------------


class AttributeTest(Leaf):
    """An event attribute (or its ``purpose``) has a given value."""

    test: Literal["attribute"]
    name: str
    equals: bool | int | float | str

    def _words(self) -> str:
        return f"the event's {self.name} is {self.equals!r}"


def _attribute(cond: AttributeTest, s: Any) -> tuple[bool, list[Fact]]:
    e = s.event
    value = e.purpose if cond.name == "purpose" else e.attributes.get(cond.name)
    same = value == cond.equals and isinstance(value, bool) == isinstance(cond.equals, bool)
    return same, [Fact("attribute", (e.id, cond.name, str(value)), _attribute_words(e.id, cond.name, value))]


def _attribute_words(event: str, name: str, value: Any) -> str:
    """The attribute as a true sentence: ``e1 records no genocide``, ``e1: war_crimes is true``, ``e1: aircraft is 'jet'``.

    Examples:
        >>> _attribute_words("e1", "genocide", None), _attribute_words("e1", "war_crimes", True)
        ('e1 records no genocide', 'e1: war_crimes is true')
    """
    if value is None:
        return f"{event} records no {name}"
    return f"{event}: {name} is {str(value).lower() if isinstance(value, bool) else repr(value)}"


def _recheck_attribute(ctx: Any, args: tuple[str, ...]) -> bool | None:
    ev = _event(ctx, args)
    if ev is None:
        return None
    value = ev.purpose if args[1] == "purpose" else ev.attributes.get(args[1])
    return str(value) == args[2]


def _encode_attribute(x: AttributeTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    return enc.attribute(x.name, x.equals)


def _draw_attribute(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    name = draw(st.sampled_from(sorted(ATTRIBUTE_VALUES)))
    return {"name": name, "equals": draw(st.sampled_from(ATTRIBUTE_VALUES[name]))}


# --- event_date -------------------------------------------------------------------------------------


class EventDateTest(Leaf):
    """The event falls in a period: on or after one date, before another (or both).

    Used for time-limited scope and for two wordings of one article (as
    signed, and as amended by a later protocol).
    """

    test: Literal["event_date"]
    on_or_after: date | None = None
    before: date | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> "EventDateTest":
        if self.on_or_after is None and self.before is None:
            raise ValueError("give 'on_or_after' or 'before' (YYYY-MM-DD)")
        if self.on_or_after is not None and self.before is not None and self.on_or_after >= self.before:
            raise ValueError(f"'on_or_after' ({self.on_or_after}) must be before 'before' ({self.before})")
        return self

    def period(self) -> str:
        """``on or after 2012-12-19``, ``before 1962-07-03`` or ``from … until before …``."""
        if self.on_or_after is not None and self.before is not None:
            return f"on or after {self.on_or_after} and before {self.before}"
        if self.on_or_after is not None:
            return f"on or after {self.on_or_after}"
        return f"before {self.before}"

    def _words(self) -> str:
        return f"the event is dated {self.period()}"


def _event_date(cond: EventDateTest, s: Any) -> tuple[bool, list[Fact]]:
    day = s.day
    holds = (cond.on_or_after is None or day >= cond.on_or_after) and (cond.before is None or day < cond.before)
    if holds:
        text = f"{s.event.id} is dated {day}, {cond.period()}"
    elif cond.on_or_after is not None and day < cond.on_or_after:
        text = f"{s.event.id} is dated {day}, before {cond.on_or_after}"
    else:
        text = f"{s.event.id} is dated {day}, not before {cond.before}"
    return holds, [Fact("event_date", (s.event.id, day.isoformat()), text)]


def _recheck_date(ctx: Any, args: tuple[str, ...]) -> bool | None:
    ev = _event(ctx, args)
    return None if ev is None else ev.date.isoformat() == args[1]


def _draw_period(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    lo, hi = sorted(draw(st.lists(st.dates(ctx.first, ctx.last), min_size=2, max_size=2, unique=True)))
    which = draw(st.sampled_from(["on_or_after", "before", "both"]))
    return {"on_or_after": lo} if which == "on_or_after" else {"before": hi} if which == "before" else {
        "on_or_after": lo, "before": hi}


def _nothing(draw: Any, ctx: Any) -> dict[str, Any]:
    return {}


# --- forces_of --------------------------------------------------------------------------------------


class ForcesOfTest(Leaf):
    """The forces attacked are the target's own defence and security forces.

    An event that names no force of an organisation (``force:``) attacked
    the target's own forces.  One that names such a force (the AES Unified
    Force) attacked the target's troops in it: they count as the target's
    forces when the world data reads the force as made up of its
    contributors' forces (``attack_is_on: contributor``), not when it reads
    it as the organisation's own (``organisation``).
    """

    test: Literal["forces_of"]
    who: Literal["target"] = "target"

    def _words(self) -> str:
        return "the forces attacked are the target's own defence and security forces"


def _the_force(G: Any, q: Any, ref: Any) -> Any:
    """The organ an event's ``force:`` names (checked to exist when the scenario was read)."""
    return q.actor(G, ref.organisation).organ(ref.organ)


def _forces_of(cond: ForcesOfTest, s: Any) -> tuple[bool, list[Fact]]:
    e = s.event
    if e.force is None:
        return True, [Fact("own_forces", (e.id,), f"{e.id} names no force of an organisation: the forces attacked are "
                                                  f"those of {e.target} itself")]
    organ = _the_force(s.G, s.q, e.force)
    org, name = e.force.organisation, organ.name
    if organ.force.attack_is_on.value == "contributor":
        return True, [Fact("force_of_contributors", (org, organ.id, e.target),
                           f"the troops of {e.target} attacked belong to the {name}, read as made up of the forces "
                           f"of the states whose troops it has ({', '.join(organ.force.contributors)})")]
    return False, [Fact("force_of_organisation", (org, organ.id),
                        f"the {name} is read as a force of {org} itself: its troops are not the defence and security "
                        f"forces of {e.target}")]


def _recheck_own_forces(ctx: Any, args: tuple[str, ...]) -> bool | None:
    e = _event(ctx, args)
    return None if e is None else e.force is None


def _force_read_as(ctx: Any, org: str, organ_id: str, reading: str) -> bool:
    if not ctx.q.has_actor(ctx.G, org):
        return False
    organ = ctx.q.actor(ctx.G, org).organ(organ_id)
    return organ is not None and organ.force is not None and organ.force.attack_is_on.value == reading


def _recheck_force_of_contributors(ctx: Any, args: tuple[str, ...]) -> bool | None:
    org, organ_id, state = args
    return _force_read_as(ctx, org, organ_id, "contributor") and state in ctx.q.actor(ctx.G, org).organ(
        organ_id).force.contributors


TESTS = (
    LeafTest(CategoryTest, _category, {"characterised_as": _characterised, "categories": _exactly,
                                       "set_aside": _set_aside},
             lambda x, enc, roles, positive, rule: any_of(enc.category(cat, positive, rule) for cat in x.any_of),
             _draw_category),
    LeafTest(EventKindTest, _event_kind, {"event_kind": _recheck_kind},
             lambda x, enc, roles, positive, rule: atom("kind", {k.value for k in x.kinds}), _draw_event_kind),
    LeafTest(ConsentedTest, _consented, {"consent": _recheck_consent, "consent_given": _recheck_consent_given,
                                          "may_consent": _recheck_may_consent},
             lambda x, enc, roles, positive, rule: enc.opaque(x), _nothing),
    LeafTest(MandatedByTest, _mandated_by, {"mandate": _recheck_mandate}, _encode_mandate, _draw_mandate),
    LeafTest(IsResponseTest, _is_response, {"response_to": _recheck_response},
             lambda x, enc, roles, positive, rule: enc.opaque(x), _nothing),
    LeafTest(AttributeTest, _attribute, {"attribute": _recheck_attribute}, _encode_attribute, _draw_attribute),
    LeafTest(EventDateTest, _event_date, {"event_date": _recheck_date},
             lambda x, enc, roles, positive, rule: enc.period(x.on_or_after, x.before), _draw_period),
    LeafTest(ForcesOfTest, _forces_of,
             {"own_forces": _recheck_own_forces, "force_of_contributors": _recheck_force_of_contributors,
              "force_of_organisation": lambda ctx, a: _force_read_as(ctx, a[0], a[1], "organisation")},
             lambda x, enc, roles, positive, rule: enc.opaque(x), lambda draw, ctx: {}),
)
