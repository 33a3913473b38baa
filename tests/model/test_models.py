"""The world's value objects: dated validity, withdrawals, immutability, strict fields, events."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from sahel_sim.clauses.treaty import Parties, Treaty
from sahel_sim.model.actors import Actor
from sahel_sim.model.base import Confidence, active_on
from sahel_sim.model.events import Event, Request
from sahel_sim.model.memberships import Membership, Suspension, Withdrawal
from sahel_sim.model.relations import Relation
from sahel_sim.model.territories import Territory

D = date


# ------------------------------------------------------------------ dated validity


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(1999, 12, 31), False),  # the day before joining
        (D(2000, 1, 1), True),  # 'since' is inclusive
        (D(2009, 12, 31), True),  # the last day of membership
        (D(2010, 1, 1), False),  # 'until' is exclusive: the day of leaving
        (D(2030, 1, 1), False),
    ],
)
def test_membership_since_inclusive_until_exclusive(day: date, expected: bool) -> None:
    """A member is bound from the day it joins, and no longer on the day its exit takes effect."""
    m = Membership(member="AAA", of="ORG", since=D(2000, 1, 1), until=D(2010, 1, 1))
    assert m.active_on(day) is expected


def test_open_ended_membership_never_expires() -> None:
    """No 'until' means the membership is ongoing."""
    m = Membership(member="AAA", of="ORG", since=D(2000, 1, 1))
    assert m.active_on(D(2999, 1, 1))
    assert not m.active_on(D(1999, 12, 31))


def test_active_on_function_matches_convention() -> None:
    """The free function follows the same since <= day < until rule."""
    assert active_on(D(2023, 9, 16), None, D(2023, 9, 16))
    assert not active_on(D(2023, 9, 16), None, D(2023, 9, 15))
    assert not active_on(D(1975, 5, 28), D(2025, 1, 29), D(2025, 1, 29))
    assert active_on(D(1975, 5, 28), D(2025, 1, 29), D(2025, 1, 28))


@pytest.mark.parametrize("until", [D(2000, 1, 1), D(1999, 1, 1)])
def test_until_not_after_since_is_rejected(until: date) -> None:
    """A fact cannot end on or before the day it begins."""
    with pytest.raises(ValidationError, match="'until'"):
        Membership(member="AAA", of="ORG", since=D(2000, 1, 1), until=until)


def test_until_before_since_rejected_for_every_dated_kind() -> None:
    """The rule lives in the shared base, so relations and suspensions obey it too."""
    with pytest.raises(ValidationError):
        Relation.model_validate({"kind": "basing", "from": "AAA", "to": "BBB",
                                 "since": "2010-01-01", "until": "2009-01-01"})
    with pytest.raises(ValidationError):
        Suspension(since=D(2010, 1, 1), until=D(2010, 1, 1))


# ------------------------------------------------------------------ withdrawals


def test_withdrawal_implies_until() -> None:
    """A withdrawal's effective date is the end of membership; the file need not repeat it."""
    m = Membership.model_validate({"member": "MLI", "of": "ECOWAS", "since": "1975-05-28",
                                   "withdrawal": {"notified": "2024-01-28", "effective": "2025-01-29"}})
    assert m.until == D(2025, 1, 29)
    assert m.active_on(D(2025, 1, 28))
    assert not m.active_on(D(2025, 1, 29))


def test_withdrawal_with_matching_until_accepted() -> None:
    """Saying both, consistently, is fine."""
    m = Membership.model_validate({"member": "MLI", "of": "ECOWAS", "since": "1975-05-28",
                                   "until": "2025-01-29", "withdrawal": {"effective": "2025-01-29"}})
    assert m.until == m.withdrawal.effective


def test_withdrawal_contradicting_until_rejected() -> None:
    """An 'until' that differs from the withdrawal's effective date is a contradiction."""
    with pytest.raises(ValidationError, match="withdrawal.effective"):
        Membership.model_validate({"member": "MLI", "of": "ECOWAS", "since": "1975-05-28",
                                   "until": "2025-06-01", "withdrawal": {"effective": "2025-01-29"}})


def test_withdrawal_notice_may_postdate_effect() -> None:
    """G5 Sahel exits were announced after the date they took effect; that is allowed."""
    w = Withdrawal(notified=D(2023, 12, 2), effective=D(2023, 11, 29))
    assert w.effective < w.notified


def test_withdrawal_instance_implies_until() -> None:
    """Building a membership in Python with a Withdrawal object must infer 'until' too."""
    m = Membership(member="MLI", of="ECOWAS", since=D(1975, 5, 28),
                   withdrawal=Withdrawal(notified=D(2024, 1, 28), effective=D(2025, 1, 29)))
    assert m.until == D(2025, 1, 29)


def test_suspension_does_not_end_membership() -> None:
    """A suspended member is still a member; the suspension is found by date."""
    m = Membership(member="MLI", of="ECOWAS", since=D(1975, 5, 28),
                   suspensions=(Suspension(since=D(2021, 5, 30), until=D(2022, 1, 1)),))
    assert m.active_on(D(2021, 6, 1))
    assert m.suspended_on(D(2021, 6, 1)) is not None
    assert m.suspended_on(D(2022, 1, 1)) is None


# ------------------------------------------------------------------ frozen, strict


def test_models_are_frozen() -> None:
    """What-ifs copy, never mutate: assignment raises."""
    actor = Actor(id="AAA", kind="state", name="Aland")
    with pytest.raises(ValidationError):
        actor.name = "Other"  # type: ignore[misc]
    m = Membership(member="AAA", of="ORG", since=D(2000, 1, 1))
    with pytest.raises(ValidationError):
        m.until = D(2001, 1, 1)  # type: ignore[misc]
    copy = m.model_copy(update={"until": D(2001, 1, 1)})
    assert m.until is None and copy.until == D(2001, 1, 1)


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (Actor, {"id": "AAA", "kind": "state", "name": "Aland", "colour": "red"}),
        (Membership, {"member": "AAA", "of": "ORG", "since": "2000-01-01", "untill": "2001-01-01"}),
        (Event, {"id": "e", "date": "2020-01-01", "kind": "incursion", "actors": ["AAA"], "target": "BBB",
                 "tagret": "CCC"}),
        (Territory, {"id": "AAA", "name": "A", "holders": [{"state": "AAA", "since": "1960-01-01"}], "region": ["x"]}),
    ],
)
def test_unknown_fields_are_rejected(model: type, data: dict) -> None:
    """A misspelt key is an error, never silently ignored."""
    with pytest.raises(ValidationError, match="[Ee]xtra"):
        model.model_validate(data)


def test_confidence_defaults_to_confirmed_and_rejects_unknown_values() -> None:
    """Provenance is explicit: unknown confidence levels are refused."""
    assert Actor(id="AAA", kind="state", name="A").confidence is Confidence.confirmed
    with pytest.raises(ValidationError):
        Actor(id="AAA", kind="state", name="A", confidence="sure")


def test_actor_id_pattern_enforced() -> None:
    """Ids are short words: spaces are not allowed."""
    with pytest.raises(ValidationError):
        Actor(id="Burkina Faso", kind="state", name="Burkina Faso")


def test_territory_needs_holder_or_parent() -> None:
    """Land belongs to someone, directly or through the territory it is part of."""
    with pytest.raises(ValidationError, match="holders"):
        Territory(id="X", name="Nowhere")
    assert Territory(id="X-N", name="North", part_of="X").part_of == "X"


def test_relation_reads_from_alias() -> None:
    """'from' is a Python keyword; the file says 'from' and the model keeps 'from_'."""
    rel = Relation.model_validate({"kind": "troop_presence", "from": "FRA", "to": "MLI", "since": "2013-01-11"})
    assert rel.from_ == "FRA"


# ------------------------------------------------------------------ events


def _event(**kw: object) -> Event:
    data: dict = {"id": "e", "date": "2023-10-01", "kind": "military_intervention", "actors": ["NGA"], "target": "NER"}
    data.update(kw)
    return Event.model_validate(data)


def test_event_self_attack_rejected() -> None:
    """A state cannot be both attacker and target of one event."""
    with pytest.raises(ValidationError, match="self-attack"):
        _event(actors=["NGA", "NER"], target="NER")


def test_event_duplicate_actors_rejected() -> None:
    """Listing an actor twice is an input error."""
    with pytest.raises(ValidationError, match="twice"):
        _event(actors=["NGA", "NGA"])


def test_event_needs_an_actor() -> None:
    """Something happens because someone acts."""
    with pytest.raises(ValidationError):
        _event(actors=[])


def test_event_place_defaults_to_target() -> None:
    """Without a location the event happens on the target's own territory."""
    assert _event().place == "NER"
    assert _event(location="NER-TILLABERI").place == "NER-TILLABERI"


def test_event_on_moves_date_without_mutating() -> None:
    """--as-of moves a copy of the event; the original keeps its date."""
    e = _event()
    moved = e.on(D(2023, 8, 20))
    assert moved.date == D(2023, 8, 20) and e.date == D(2023, 10, 1)
    assert moved.model_dump(exclude={"date"}) == e.model_dump(exclude={"date"})


def test_event_defaults_mean_no_consent_request_or_support() -> None:
    """Absent facts are absent: no consent, no request, no decision, no outside support."""
    e = _event()
    assert e.consent is False and e.requests == () and e.decisions == () and e.external_support == ()


def test_request_form_defaults_to_unknown_and_is_checked() -> None:
    """A request's form is unknown unless said otherwise (it was 'written', which no record supported); bad forms are refused."""
    assert Request(by="SEN", to="ECOWAS").form.value == "unknown"
    with pytest.raises(ValidationError):
        Request(by="SEN", to="ECOWAS", form="telepathic")


# ------------------------------------------------------------------ treaties


def _treaty(**kw: object) -> Treaty:
    data: dict = {"id": "t", "name": "T", "signed": "2000-01-01", "parties": {"organisation": "ORG"}}
    data.update(kw)
    return Treaty.model_validate(data)


def test_treaty_in_force_window() -> None:
    """In force from entry into force (inclusive) until termination (exclusive); never without a date."""
    t = _treaty(in_force="2001-01-01", terminated="2010-01-01")
    assert not t.in_force_on(D(2000, 12, 31))
    assert t.in_force_on(D(2001, 1, 1))
    assert t.in_force_on(D(2009, 12, 31))
    assert not t.in_force_on(D(2010, 1, 1))
    assert not _treaty().in_force_on(D(2020, 1, 1))


def test_treaty_cannot_enter_into_force_before_signature() -> None:
    """Entry into force precedes signature only by a typo."""
    with pytest.raises(ValidationError, match="in_force"):
        _treaty(in_force="1999-01-01")


def test_parties_need_exactly_one_source() -> None:
    """Parties are an organisation's members or a dated list, not both, not neither."""
    with pytest.raises(ValidationError):
        Parties()
    with pytest.raises(ValidationError):
        Parties.model_validate({"organisation": "ORG", "members": [{"party": "AAA", "since": "2000-01-01"}]})
