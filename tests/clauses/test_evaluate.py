"""Every registered predicate, holding and failing, with the facts it cites; and the combinators.

Situations are built directly on the tiny world of conftest.py: AAA, BBB, CCC
(ORG members; CCC until 2020) and DDD (never a member) are states, GRP an
armed group, AAA-NORTH a region of AAA.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

import pytest
from pydantic import TypeAdapter

from sahel_sim.clauses import conditions as c
from sahel_sim.engine.evaluate import Characterisation, Situation, evaluate

COND = TypeAdapter(c.Condition)
D = date


@pytest.fixture
def judge(tiny_graph: Any, tiny_world: Any, make_event: Callable[..., Any]) -> Callable[..., Any]:
    """Evaluate a condition (as YAML-shaped data) on an event built from keyword fields."""
    treaties = {t.id: t for t in tiny_world.treaties}

    def run(cond: dict, *, categories: tuple[str, ...] = (), treaty: str | None = "pact", history: tuple = (),
            obligor: str | None = None, beneficiary: str | None = None, **event: Any) -> Any:
        event.setdefault("actors", ["AAA"])
        event.setdefault("target", "BBB")
        e = make_event(**event)
        ch = Characterisation("literal", frozenset(categories), {k: f"rule r-{k}" for k in categories})
        s = Situation(tiny_graph, e, ch, treaties[treaty] if treaty else None, tuple(history),
                      obligor, beneficiary, treaties=treaties)
        return evaluate(COND.validate_python(cond), s)

    return run


def facts(check: Any) -> list[tuple[str, str]]:
    return [(f.predicate, f.text) for f in check.facts]


# ------------------------------------------------------------------ category, event_kind


def test_category_holds_and_cites_rule(judge: Any) -> None:
    """A clause fires when the event falls in one of its categories, citing the rule that put it there."""
    ch = judge({"test": "category", "any_of": ["aggression", "armed_attack"]}, categories=("armed_attack",))
    assert ch.holds and ch.test == "category"
    assert facts(ch) == [("characterised_as", "e1 is armed_attack under the literal reading (rule r-armed_attack)")]


def test_category_fails_and_lists_what_it_is(judge: Any) -> None:
    """When it does not fire, the reason says what the event was characterised as instead."""
    ch = judge({"test": "category", "any_of": ["terrorism"]}, categories=("armed_attack", "aggression"))
    assert not ch.holds
    assert facts(ch) == [("categories", "under the literal reading e1 is characterised as aggression, armed_attack only")]
    empty = judge({"test": "category", "any_of": ["terrorism"]})
    assert not empty.holds and "falls in no legal category the clauses name" in empty.facts[0].text


def test_event_kind(judge: Any) -> None:
    """The fact-level kind is matched exactly."""
    yes = judge({"test": "event_kind", "kinds": ["coup", "incursion"]}, kind="incursion")
    no = judge({"test": "event_kind", "kinds": ["coup"]}, kind="air_strike")
    assert yes.holds and not no.holds
    assert no.facts[0].predicate == "event_kind" and no.facts[0].args == ("e1", "air_strike")


# ------------------------------------------------------------------ parties and membership


def test_is_party_holds_via_membership(judge: Any) -> None:
    """Party to an organisation's treaty because a member on the day, and the fact says so."""
    ch = judge({"test": "is_party", "who": "target"}, target="BBB")
    assert ch.holds
    assert facts(ch) == [("party", "BBB is a party to the Pact on 2010-01-01 (member of ORG since 2000-01-01)")]


def test_is_party_fails_after_withdrawal(judge: Any) -> None:
    """CCC withdrew with effect from 2020-01-01: not a party on that day."""
    ch = judge({"test": "is_party", "who": "target"}, target="CCC", date=D(2020, 1, 1))
    assert not ch.holds
    assert facts(ch) == [("not_party", "CCC is not a party to the Pact on 2020-01-01")]
    assert judge({"test": "is_party", "who": "target"}, target="CCC", date=D(2019, 12, 31)).holds


def test_is_party_quantifiers(judge: Any) -> None:
    """'any' needs one attacker to be a party, 'all' needs every attacker; one fact per actor."""
    cond = {"test": "is_party", "who": "attackers"}
    any_ch = judge(cond, actors=["DDD", "AAA"])
    all_ch = judge({**cond, "quantifier": "all"}, actors=["DDD", "AAA"])
    assert any_ch.holds and not all_ch.holds
    assert [f.predicate for f in all_ch.facts] == ["not_party", "party"]
    assert judge({**cond, "quantifier": "all"}, actors=["AAA", "CCC"]).holds


def test_is_party_of_empty_role_fails(judge: Any) -> None:
    """Nobody in the role means nobody is a party: the test fails, even with 'all'."""
    cond = {"test": "is_party", "who": "external_supporters", "quantifier": "all"}
    ch = judge(cond)
    assert not ch.holds and ch.facts == ()


def test_is_party_named_treaty_with_party_list(judge: Any) -> None:
    """A named treaty with a dated list: DDD is a party in 2009, not in 2010."""
    cond = {"test": "is_party", "who": "target", "treaty": "listed-pact"}
    held = judge(cond, target="DDD", date=D(2009, 1, 1), treaty=None)
    assert held.holds and "(party since 2005-01-01)" in held.facts[0].text
    assert not judge(cond, target="DDD", date=D(2010, 1, 1), treaty=None).holds


def test_is_party_without_treaty_outside_a_clause_raises(judge: Any) -> None:
    """Outside a clause there is no 'this treaty': the condition must name one."""
    with pytest.raises(LookupError, match="needs a treaty"):
        judge({"test": "is_party", "who": "target"}, treaty=None)


def test_member_of(judge: Any) -> None:
    """Membership of a named organisation on the event date."""
    yes = judge({"test": "member_of", "who": "target", "organisation": "ORG"}, target="AAA", actors=["DDD"])
    no = judge({"test": "member_of", "who": "target", "organisation": "ORG"}, target="DDD")
    assert yes.holds and facts(yes) == [("member", "AAA is a member of ORG on 2010-01-01 since 2000-01-01")]
    assert not no.holds and facts(no) == [("not_member", "DDD is not a member of ORG on 2010-01-01")]


def test_member_of_obligor_role(judge: Any) -> None:
    """Obligor-dependent tests read the candidate being judged."""
    cond = {"test": "member_of", "who": "obligor", "organisation": "ORG"}
    assert judge(cond, obligor="CCC").holds
    assert not judge(cond, obligor="DDD").holds
    assert not judge(cond).holds  # no candidate yet: nobody fills the role


def test_actor_kind(judge: Any) -> None:
    """States, organisations and armed groups are told apart."""
    yes = judge({"test": "actor_kind", "who": "attackers", "kinds": ["armed_group"]}, actors=["GRP"])
    no = judge({"test": "actor_kind", "who": "attackers", "kinds": ["armed_group"], "quantifier": "all"},
               actors=["GRP", "DDD"])
    assert yes.holds and yes.facts[0].predicate == "actor_kind" and yes.facts[0].args == ("GRP", "armed_group")
    assert not no.holds and [f.args[1] for f in no.facts] == ["armed_group", "state"]


# ------------------------------------------------------------------ places


def test_location_in_territory_of_target_via_parent(judge: Any) -> None:
    """An attack in AAA's northern region is on AAA's territory (the region inherits its holder)."""
    ch = judge({"test": "location_in_territory_of", "who": "target"}, actors=["BBB"], target="AAA",
               location="AAA-NORTH")
    assert ch.holds
    assert facts(ch) == [("held_by", "e1 takes place in AAA-NORTH, held by AAA on 2010-01-01")]


def test_location_in_territory_of_fails_elsewhere(judge: Any) -> None:
    """Forces attacked on another state's land are not attacked on their own state's territory."""
    ch = judge({"test": "location_in_territory_of", "who": "target"}, actors=["GRP"], target="BBB", location="DDD")
    assert not ch.holds and ch.facts[0].args == ("DDD", "DDD", "2010-01-01")


def test_location_in_territory_of_parties(judge: Any) -> None:
    """'the parties' means the treaty's parties on the day: DDD's land is outside the common area."""
    cond = {"test": "location_in_territory_of", "who": "parties"}
    assert judge(cond, location="BBB").holds
    assert not judge(cond, location="DDD", target="DDD").holds
    # CCC's land leaves the common area when CCC leaves ORG.
    assert judge(cond, location="CCC", target="CCC", date=D(2019, 1, 1)).holds
    assert not judge(cond, location="CCC", target="CCC", date=D(2021, 1, 1)).holds


def test_location_before_any_holder(judge: Any) -> None:
    """Before independence the land is held by no state."""
    ch = judge({"test": "location_in_territory_of", "who": "target"}, date=D(1950, 1, 1))
    assert not ch.holds and "held by no state" in ch.facts[0].text


def test_location_in_region(judge: Any) -> None:
    """Region tags include the parent's: AAA-NORTH is in 'west' through AAA."""
    yes = judge({"test": "location_in_region", "regions": ["west"]}, target="AAA", actors=["BBB"], location="AAA-NORTH")
    no = judge({"test": "location_in_region", "regions": ["west"]}, target="CCC", actors=["BBB"])
    assert yes.holds and facts(yes) == [("in_region", "AAA-NORTH is in west")]
    assert not no.holds and facts(no) == [("in_region", "CCC is in east only")]


# ------------------------------------------------------------------ requests, decisions, consent, mandate


def test_requested_written_to_organisation(judge: Any) -> None:
    """A written request by the target to ORG, made before the event, meets a written-request condition."""
    cond = {"test": "requested", "by": "target", "to": "ORG", "form": "written"}
    ch = judge(cond, requests=[{"by": "BBB", "to": "ORG", "form": "written", "date": "2009-12-31"}])
    assert ch.holds and facts(ch) == [("requested", "BBB made a written request for assistance to ORG on 2009-12-31")]


LATER = " on or before 2010-01-01 (one dated 2010-01-02 counts from that date)"


@pytest.mark.parametrize(
    ("request_", "later"),
    [
        ({"by": "BBB", "to": "ORG", "form": "oral"}, " (recorded, not matching: an oral request to ORG)"),  # not in writing
        ({"by": "BBB", "to": "CCC", "form": "written"}, " (recorded, not matching: a written request to CCC)"),  # not to ORG
        ({"by": "CCC", "to": "ORG", "form": "written"}, ""),  # not by the target
        # after the event: it counts from its own date (the engine judges again then), not on the event date
        ({"by": "BBB", "to": "ORG", "form": "written", "date": "2010-01-02"}, LATER),
    ],
)
def test_requested_fails_for_wrong_request(judge: Any, request_: dict, later: str) -> None:
    """Form, addressee, author and timing all matter; a later request is named with the date it counts from."""
    cond = {"test": "requested", "by": "target", "to": "ORG", "form": "written"}
    ch = judge(cond, requests=[request_])
    assert not ch.holds and facts(ch) == [("no_request", f"no matching request by BBB is recorded for e1{later}")]


REACHES = {"test": "requested", "by": "target", "to": "obligor", "or_its_organisations": True}


def test_a_request_to_an_organisation_reaches_its_members(judge: Any) -> None:
    """With or_its_organisations, a request to ORG counts as one to AAA, a member on the request's date; the
    membership is a reason of its own, worded by role so that every member reached shares it."""
    ch = judge(REACHES, obligor="AAA", requests=[{"by": "BBB", "to": "ORG", "form": "written"}])
    assert ch.holds
    assert facts(ch) == [("requested", "BBB made a written request for assistance to ORG"),
                         ("request_reaches", "the obligor is a member of ORG on 2010-01-01, so the request reached it")]
    assert ch.facts[1].args == ("AAA", "ORG", "2010-01-01")
    direct = judge(REACHES, obligor="AAA", requests=[{"by": "BBB", "to": "AAA", "form": "oral"}])
    assert direct.holds and [f.predicate for f in direct.facts] == ["requested"]  # asked itself: nothing to reach


@pytest.mark.parametrize(("obligor", "day"), [("DDD", "2010-01-01"),  # never a member
                                              ("CCC", "2021-01-01")])  # a member until 2020 only
def test_a_request_to_an_organisation_does_not_reach_a_state_outside_it(judge: Any, obligor: str, day: str) -> None:
    ch = judge(REACHES, obligor=obligor, date=day, requests=[{"by": "BBB", "to": "ORG", "form": "written"}])
    assert not ch.holds
    assert facts(ch) == [("no_request", f"no matching request by BBB is recorded for e1 "
                                         f"(recorded, not matching: a written request to ORG)")]


def test_without_or_its_organisations_a_request_to_an_organisation_reaches_nobody_else(judge: Any) -> None:
    ch = judge({**REACHES, "or_its_organisations": False}, obligor="AAA",
               requests=[{"by": "BBB", "to": "ORG", "form": "written"}])
    assert not ch.holds


def test_a_request_reaches_the_members_as_of_its_own_date(judge: Any) -> None:
    """CCC left ORG in 2020: a request of 2019 reached it, one of 2021 did not (whatever the event's date)."""
    early = judge(REACHES, obligor="CCC", date="2021-01-01",
                  requests=[{"by": "BBB", "to": "ORG", "form": "written", "date": "2019-06-01"}])
    assert early.holds and early.facts[1].args == ("CCC", "ORG", "2019-06-01")
    late = judge(REACHES, obligor="CCC", date="2022-01-01",
                 requests=[{"by": "BBB", "to": "ORG", "form": "written", "date": "2021-06-01"}])
    assert not late.holds and "a written request to ORG on 2021-06-01" in late.facts[0].text


def test_or_its_organisations_needs_an_addressee() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="'or_its_organisations' needs an addressee"):
        COND.validate_python({"test": "requested", "or_its_organisations": True})


def test_requested_to_obligor_role(judge: Any) -> None:
    """'to: obligor' means the request was addressed to the candidate being judged."""
    cond = {"test": "requested", "to": "obligor"}
    req = [{"by": "BBB", "to": "CCC", "form": "oral"}]
    assert judge(cond, requests=req, obligor="CCC").holds
    assert not judge(cond, requests=req, obligor="AAA").holds


def test_decided(judge: Any) -> None:
    """An organ's decision counts only if it is that organ's and not after the event."""
    cond = {"test": "decided", "organisation": "ORG", "organ": "council"}
    ok = judge(cond, decisions=[{"organisation": "ORG", "organ": "council", "date": "2009-06-01", "measure": "deploy"}])
    assert ok.holds and facts(ok) == [("decided", "ORG (council) decided on 2009-06-01: deploy")]
    wrong_organ = judge(cond, decisions=[{"organisation": "ORG", "organ": "secretariat"}])
    too_late = judge(cond, decisions=[{"organisation": "ORG", "organ": "council", "date": "2010-02-01"}])
    assert not wrong_organ.holds and facts(wrong_organ) == [("no_decision", "no decision of ORG (council) is recorded for e1")]
    assert not too_late.holds and facts(too_late) == [(
        "no_decision", "no decision of ORG (council) is recorded for e1 on or before 2010-01-01 "
        "(one dated 2010-02-01 counts from that date)")]
    assert judge({"test": "decided", "organisation": "ORG"}, decisions=[{"organisation": "ORG"}]).holds


def test_consented(judge: Any) -> None:
    """Consent is a fact of the event; its absence is recorded as such."""
    yes = judge({"test": "consented"}, consent=True)
    no = judge({"test": "consented"})
    assert yes.holds and facts(yes) == [("consent", "BBB consented to e1")]
    assert not no.holds and facts(no) == [("consent", "BBB did not consent to e1")]


def test_mandated_by(judge: Any) -> None:
    """A mandate of the named organisation (or of any, when none is named)."""
    yes = judge({"test": "mandated_by", "organisation": "ORG"}, mandate="ORG")
    wrong = judge({"test": "mandated_by", "organisation": "ORG"}, mandate="CCC")
    none = judge({"test": "mandated_by"})
    assert yes.holds and facts(yes) == [("mandate", "e1 is carried out under a mandate of ORG")]
    assert not wrong.holds
    assert not none.holds and facts(none) == [("mandate", "e1 has no organisation's mandate")]
    assert judge({"test": "mandated_by"}, mandate="CCC").holds


# ------------------------------------------------------------------ history, support, internal conflict, attributes


def test_struck_first(judge: Any, make_event: Any) -> None:
    """The target struck first if it attacked one of today's attackers on an earlier day."""
    earlier = make_event(id="first", date=D(2009, 12, 1), actors=["BBB"], target="AAA")
    ch = judge({"test": "struck_first"}, actors=["AAA"], target="BBB", history=(earlier,))
    assert ch.holds
    assert facts(ch) == [("struck_first", "BBB attacked AAA first (first, 2009-12-01)")]


@pytest.mark.parametrize(
    ("first", "why"),
    [
        ({"date": D(2010, 1, 1), "actors": ["BBB"], "target": "AAA"}, "same day is not first"),
        ({"date": D(2010, 2, 1), "actors": ["BBB"], "target": "AAA"}, "later is not first"),
        ({"date": D(2009, 1, 1), "actors": ["BBB"], "target": "CCC"}, "attacked someone else"),
        ({"date": D(2009, 1, 1), "actors": ["CCC"], "target": "AAA"}, "someone else attacked"),
    ],
)
def test_struck_first_fails(judge: Any, make_event: Any, first: dict, why: str) -> None:
    """Only an earlier attack by the target on today's attacker counts."""
    earlier = make_event(id="other", **first)
    ch = judge({"test": "struck_first"}, actors=["AAA"], target="BBB", history=(earlier,))
    assert not ch.holds, why
    assert facts(ch) == [("did_not_strike_first", "BBB did not attack AAA earlier in the scenario")]


def test_externally_supported(judge: Any) -> None:
    """Outside support is a recorded fact; none recorded means none."""
    yes = judge({"test": "externally_supported"}, actors=["GRP"], external_support=["DDD"])
    no = judge({"test": "externally_supported"}, actors=["GRP"])
    assert yes.holds and facts(yes) == [("external_support", "e1: supported from outside by DDD")]
    assert not no.holds and facts(no) == [("external_support", "e1: no outside support is recorded")]


def test_purely_internal_holds(judge: Any) -> None:
    """Armed groups only, no outside support, on the target's own land: purely internal."""
    ch = judge({"test": "purely_internal"}, kind="armed_rebellion", actors=["GRP"], target="AAA", location="AAA-NORTH")
    assert ch.holds and ch.facts[0].predicate == "internal"
    assert ch.facts[0].text == "e1: attackers are armed_group; no outside support; on AAA's own territory"


@pytest.mark.parametrize(
    "fields",
    [
        {"actors": ["GRP"], "target": "AAA", "external_support": ["DDD"]},  # sustained from outside
        {"actors": ["GRP", "DDD"], "target": "AAA"},  # a state fights too
        {"actors": ["GRP"], "target": "AAA", "location": "BBB"},  # not on the target's soil
    ],
)
def test_purely_internal_fails(judge: Any, fields: dict) -> None:
    """Any outside element makes the conflict not purely internal."""
    ch = judge({"test": "purely_internal"}, kind="armed_rebellion", **fields)
    assert not ch.holds and ch.facts[0].predicate == "not_internal"


def test_attribute_and_purpose(judge: Any) -> None:
    """Attributes match by value; 'purpose' reads the event's own field."""
    assert judge({"test": "attribute", "name": "aircraft", "equals": "drone"}, attributes={"aircraft": "drone"}).holds
    miss = judge({"test": "attribute", "name": "aircraft", "equals": "drone"}, attributes={"aircraft": "jet"})
    assert not miss.holds and facts(miss) == [("attribute", "e1: aircraft is 'jet'")]
    absent = judge({"test": "attribute", "name": "aircraft", "equals": "drone"})
    assert not absent.holds and absent.facts[0].args == ("e1", "aircraft", "None")
    purpose = {"test": "attribute", "name": "purpose", "equals": "restore_constitutional_order"}
    assert judge(purpose, purpose="restore_constitutional_order").holds
    assert not judge(purpose, purpose="conquest").holds


def test_attribute_does_not_confuse_booleans_and_numbers(judge: Any) -> None:
    """A yes/no attribute is not the count 1."""
    assert not judge({"test": "attribute", "name": "armed", "equals": True}, attributes={"armed": 1}).holds


# ------------------------------------------------------------------ combinators

# is_party without a treaty raises when evaluated outside a clause: a sentinel that proves
# a sub-condition was never evaluated.
BOOM = {"test": "is_party", "who": "target"}


def test_all_of_stops_at_first_failure(judge: Any) -> None:
    """A conjunction fails at its first failed part and does not evaluate the rest."""
    ch = judge({"all_of": [{"test": "event_kind", "kinds": ["incursion"]}, {"test": "consented"}, BOOM]},
               treaty=None)
    assert not ch.holds and [x.test for x in ch.children] == ["event_kind", "consented"]
    assert ch.failing_leaf().test == "consented"


def test_all_of_holds_when_every_part_holds(judge: Any) -> None:
    """Every part is kept as a reason when the conjunction holds."""
    ch = judge({"all_of": [{"test": "event_kind", "kinds": ["incursion"]}, {"test": "consented"}]}, consent=True)
    assert ch.holds and len(ch.children) == 2 and all(x.holds for x in ch.children)


def test_any_of_stops_at_first_success(judge: Any) -> None:
    """A disjunction holds at its first success and does not evaluate the rest."""
    ch = judge({"any_of": [{"test": "consented"}, {"test": "event_kind", "kinds": ["incursion"]}, BOOM]},
               treaty=None)
    assert ch.holds and [x.test for x in ch.children] == ["consented", "event_kind"]


def test_any_of_fails_when_every_part_fails(judge: Any) -> None:
    """All alternatives are kept as the explanation when none holds."""
    ch = judge({"any_of": [{"test": "consented"}, {"test": "externally_supported"}]})
    assert not ch.holds and [x.holds for x in ch.children] == [False, False]
    assert ch.failing_leaf() is ch


def test_not_inverts(judge: Any) -> None:
    """'not' holds exactly when its condition fails, and keeps the inner check."""
    no_consent = judge({"not": {"test": "consented"}})
    with_consent = judge({"not": {"test": "consented"}}, consent=True)
    assert no_consent.holds and not with_consent.holds
    assert no_consent.test == "not" and no_consent.children[0].test == "consented"
    assert not no_consent.children[0].holds
