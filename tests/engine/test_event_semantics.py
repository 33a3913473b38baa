"""Events as the law reads them: history, named parties, gravity and intent, reservations, guarantees.

Each test writes a small inline treaty over the shipped world, so what it pins is the engine's
reading of the clause language, not the library's data.
"""

from __future__ import annotations

import re
import textwrap
from datetime import date
from typing import Any

import pytest

from sahel_sim import simulate
from sahel_sim.errors import SahelSimError
from sahel_sim.scenario.load import scenario_from_text
from tests.conftest import SCENARIO_DIR

PACT = """
  - id: pact
    name: Inline pact
    signed: 2000-01-01
    in_force: 2000-01-01
    parties: {members: [{party: NER, since: 2000-01-01}, {party: BFA, since: 2000-01-01}, {party: MLI, since: 2000-01-01}]}
"""


def pact(clause: str, extra: str = "") -> str:
    """The inline pact with one clause (YAML, indented as a list item) and extra treaty fields."""
    extra = textwrap.dedent(extra).strip("\n")
    return PACT + (textwrap.indent(extra, "    ") + "\n" if extra else "") + "    clauses:\n" + textwrap.indent(
        textwrap.dedent(clause), "      ")


ASSIST = """
- id: art-1
  article: "1"
  text: An armed attack on one party is an attack on all; each of the others shall assist it.
  text_kind: paraphrase
  trigger: {test: category, any_of: [armed_attack]}
  conditions: [{test: is_party, who: target}]
  obligor: each_other_party
  duty: assist
  means: armed_force_included
  strength: mandatory
"""


def run(treaty: str, events: str, **options: Any) -> Any:
    text = f"scenario: test\nhypothetical: true\ntreaties:{treaty}\nevents:\n{textwrap.indent(textwrap.dedent(events), '  ')}"
    return simulate(scenario_from_text(text), **options)


def duties(result: Any, treaty: str = "pact") -> set[tuple[str, str]]:
    return {(o.obligor, o.event) for o in result.obligations if o.treaty == treaty}


def why_not(result: Any, party: str, event: str, treaty: str = "pact") -> str:
    (n,) = [n for n in result.non_obligations if n.party == party and n.event == event and n.treaty == treaty]
    leaf = n.reason.failing_leaf()
    return " / ".join([leaf.text, *(f.text for ch in leaf.walk() for f in ch.facts)])


# ----------------------------------------------------------------------------- a scenario is a history


def test_senegal_request_then_decision_binds_from_the_decision(shipped_runs: Any) -> None:
    """Attack on 1 March, written request that day, Authority decision on 2 March: bound from 2 March."""
    result = shipped_runs.result(SCENARIO_DIR / "attack-on-senegal-request-then-decision-2020.yaml")
    art3 = [o for o in result.obligations if o.treaty == "ecowas-pmad-1981" and o.article == "3"]
    assert art3 and {o.binds_from for o in art3} == {date(2020, 3, 2)}
    assert {o.obligor for o in art3} >= {"NGA", "GHA", "CIV", "MLI"} and "SEN" not in {o.obligor for o in art3}
    texts = [f.text for o in art3[:1] for r in o.reasons for ch in r.walk() for f in ch.facts]
    assert "SEN made a written request for assistance to ECOWAS on 2020-03-01" in texts
    assert "ECOWAS (authority) decided on 2020-03-02: military_action" in texts
    assert art3[0].to_dict()["binding_from"] == "2020-03-02"


def test_a_duty_needing_no_later_fact_binds_from_the_event() -> None:
    result = run(pact(ASSIST), "- {id: e, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}")
    assert {o.binds_from for o in result.obligations if o.treaty == "pact"} == {date(2024, 6, 1)}


def test_a_request_that_never_comes_is_the_reason() -> None:
    clause = ASSIST.replace("conditions: [{test: is_party, who: target}]",
                            "conditions: [{test: is_party, who: target}, {test: requested, by: target}]")
    result = run(pact(clause), "- {id: e, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}")
    assert not duties(result)
    assert "no matching request by MLI is recorded for e" in why_not(result, "NER", "e")


# ----------------------------------------------------------------------------- invocation, determination

INVOKED = ASSIST.replace("conditions: [{test: is_party, who: target}]",
                         "conditions: [{test: is_party, who: target}, {test: invoked, by: target, article: '1'}]")


def test_within_the_clause_but_not_invoked() -> None:
    result = run(pact(INVOKED), "- {id: e, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}")
    assert not duties(result)
    assert why_not(result, "NER", "e") == (
        "the target invoked Art. 1 of the treaty / no invocation of Art. 1 of the pact by MLI is recorded for e")


def test_an_invocation_days_later_binds_from_its_date() -> None:
    result = run(pact(INVOKED), """
        - id: e
          date: 2024-06-01
          kind: armed_attack
          actors: [DZA]
          target: MLI
          invocations: [{by: MLI, treaty: pact, article: "1", date: 2024-06-05}]
        """)
    assert duties(result) == {("NER", "e"), ("BFA", "e")}
    assert {o.binds_from for o in result.obligations if o.treaty == "pact"} == {date(2024, 6, 5)}
    facts = [f.text for o in result.obligations if o.treaty == "pact" for r in o.reasons for f in r.facts]
    assert "MLI invoked Art. 1 of the pact on 2024-06-05" in facts


def test_an_invocation_of_another_article_or_by_another_party_does_not_count() -> None:
    result = run(pact(INVOKED), """
        - id: e
          date: 2024-06-01
          kind: armed_attack
          actors: [DZA]
          target: MLI
          invocations: [{by: MLI, treaty: pact, article: "2"}, {by: NER, treaty: pact, article: "1"}]
        """)
    assert not duties(result)


def test_a_determination_by_the_organ() -> None:
    clause = ASSIST.replace(
        "conditions: [{test: is_party, who: target}]",
        "conditions: [{test: is_party, who: target}, {test: determined, organisation: AES, findings: [aggression]}]")
    base = "- {id: e, date: 2025-04-01, kind: armed_attack, actors: [DZA], target: MLI"
    none = run(pact(clause), base + "}")
    assert "no determination of aggression by AES is recorded for e" in why_not(none, "NER", "e")
    other = run(pact(clause), base + ", determinations: [{organisation: AES, finding: terrorism}]}")
    assert not duties(other)
    found = run(pact(clause), base + ", determinations: [{organisation: AES, organ: college, finding: aggression, date: 2025-04-06}]}")
    assert duties(found) == {("NER", "e"), ("BFA", "e")}
    assert {o.binds_from for o in found.obligations if o.treaty == "pact"} == {date(2025, 4, 6)}


# ----------------------------------------------------------------------------- named parties, counts

NAMED = ASSIST.replace("conditions: [{test: is_party, who: target}]",
                       "conditions: [{test: is_party, who: target}, {test: actor_is, who: attackers, actors: [DZA]}]")


def test_attacked_by_a_named_state() -> None:
    """'If a party is attacked by Algeria': bound when Algeria attacks, not when another state does."""
    result = run(pact(NAMED), """
        - {id: by-dza, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}
        - {id: by-mrt, date: 2024-07-01, kind: armed_attack, actors: [MRT], target: MLI}
        """)
    assert duties(result) == {("NER", "by-dza"), ("BFA", "by-dza")}
    assert why_not(result, "NER", "by-mrt") == "an attacker is DZA / MRT is not DZA on 2024-07-01"


def test_actor_is_a_member_or_an_ally() -> None:
    clause = ASSIST.replace("conditions: [{test: is_party, who: target}]",
                            "conditions: [{test: is_party, who: target}, "
                            "{test: actor_is, who: attackers, actors: [DZA], members_of: [ECOWAS]}]")
    result = run(pact(clause), """
        - {id: by-nga, date: 2025-06-01, kind: armed_attack, actors: [NGA], target: MLI}
        - {id: by-mrt, date: 2025-06-02, kind: armed_attack, actors: [MRT], target: MLI}
        """)
    assert duties(result) == {("NER", "by-nga"), ("BFA", "by-nga")}


def test_two_or_more_powers() -> None:
    clause = ASSIST.replace("conditions: [{test: is_party, who: target}]",
                            "conditions: [{test: is_party, who: target}, "
                            "{test: attacker_count, at_least: 2, kinds: [state]}]")
    result = run(pact(clause), """
        - {id: one, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}
        - {id: two, date: 2024-06-02, kind: armed_attack, actors: [DZA, MRT], target: MLI}
        """)
    assert duties(result) == {("NER", "two"), ("BFA", "two")}
    assert why_not(result, "NER", "one").endswith("one has 1 state attackers (DZA)")


# ----------------------------------------------------------------------------- gravity, intent, attribution


def test_an_unintended_air_strike_is_no_armed_attack_under_the_literal_reading() -> None:
    result = run(pact(ASSIST), """
        - {id: stray, date: 2024-05-01, kind: air_strike, actors: [DZA], target: MLI, deliberate: false}
        - {id: strike, date: 2024-06-01, kind: air_strike, actors: [DZA], target: MLI, deliberate: true, scale: major}
        """)
    assert duties(result) == {("NER", "strike"), ("BFA", "strike")}
    reason = why_not(result, "NER", "stray")
    assert "stray is characterised as unintended_use_of_weapons" in reason
    assert "armed_attack was set aside by rule not-deliberate" in reason
    (ev,) = [e for e in result.events if e.event.id == "stray"]
    assert "Oil Platforms §64" in ev.characterisation.removed["armed_attack"]


def test_a_frontier_incident_differs_between_readings() -> None:
    events = "- {id: skirmish, date: 2024-07-01, kind: incursion, actors: [DZA], target: MLI, scale: incident}"
    assert not duties(run(pact(ASSIST), events))
    assert "set aside by rule frontier-incident" in why_not(run(pact(ASSIST), events), "NER", "skirmish")
    assert duties(run(pact(ASSIST), events, perspective="broad")) == {("NER", "skirmish"), ("BFA", "skirmish")}


def test_attribution() -> None:
    events = """
        - {id: unknown, date: 2024-05-01, kind: air_strike, actors: [DZA], target: MLI, attribution: unattributed}
        - {id: alleged, date: 2024-05-02, kind: air_strike, actors: [DZA], target: MLI, attribution: alleged}
        - {id: probable, date: 2024-05-03, kind: air_strike, actors: [DZA], target: MLI, attribution: probable}
        - id: sent
          date: 2024-05-04
          kind: armed_attack
          actors: [JNIM]
          target: MLI
          attributed_to: [DZA]
          scale: major
        """
    literal = run(pact(ASSIST), events)
    assert {e for _, e in duties(literal)} == {"sent"}
    assert "set aside by rule not-attributed-to-a-state" in why_not(literal, "NER", "unknown")
    assert "set aside by rule not-attributed-to-a-state" in why_not(literal, "NER", "probable")
    broad = run(pact(ASSIST), events, perspective="broad")
    assert {e for _, e in duties(broad)} == {"probable", "sent"}


# ----------------------------------------------------------------------------- reservations, suspensions


def test_a_flagging_declaration_shows_beside_that_partys_duty_only() -> None:
    extra = """
    reservations:
      - party: NER
        kind: declaration
        text: Niger acts in accordance with its constitutional processes.
        source: hypothetical
    """
    result = run(pact(ASSIST, extra), "- {id: e, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}")
    by = {o.obligor: o for o in result.obligations if o.treaty == "pact"}
    assert set(by) == {"NER", "BFA"}
    assert [f.text for f in by["NER"].flags] == ["Niger acts in accordance with its constitutional processes."]
    assert by["BFA"].flags == ()
    assert by["NER"].to_dict()["flags"][0]["kind"] == "declaration"


def test_a_limiting_reservation_adds_a_condition_for_that_party_alone() -> None:
    extra = """
    reservations:
      - party: NER
        effect: limit
        clauses: [art-1]
        condition: {test: requested, by: target, to: obligor}
        text: Niger assists only at the direct request of the state attacked.
    """
    events = "- {id: e, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}"
    result = run(pact(ASSIST, extra), events)
    assert duties(result) == {("BFA", "e")}
    assert why_not(result, "NER", "e") == (
        "NER's reservation: the target made a request for assistance to the obligor / NER's reservation (paraphrase): "
        "Niger assists only at the direct request of the state attacked. / no matching request by MLI is recorded for e")
    (n,) = [n for n in result.non_obligations if n.party == "NER" and n.treaty == "pact"]
    assert n.reason.test == "reservation" and "NER's reservation" in n.reason.text
    asked = run(pact(ASSIST, extra), events.replace("}", ", requests: [{by: MLI, to: NER}]}"))
    assert duties(asked) == {("BFA", "e"), ("NER", "e")}


def test_a_suspended_leg() -> None:
    extra = """
    suspensions:
      - {party: NER, towards: MLI, since: 2024-01-01, text: hypothetical suspension}
    """
    result = run(pact(ASSIST, extra), """
        - {id: on-mli, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}
        - {id: on-bfa, date: 2024-06-02, kind: armed_attack, actors: [DZA], target: BFA}
        """)
    assert duties(result) == {("BFA", "on-mli"), ("NER", "on-bfa"), ("MLI", "on-bfa")}
    assert "NER suspended its obligations under the Inline pact towards MLI from 2024-01-01" in why_not(
        result, "NER", "on-mli")


def test_a_collective_guarantee_lapses_when_a_guarantor_is_the_violator() -> None:
    clause = ASSIST.replace("strength: mandatory", "strength: mandatory\n  collective: true")
    result = run(pact(clause), """
        - {id: outsider, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}
        - {id: insider, date: 2024-06-02, kind: armed_attack, actors: [NER], target: MLI}
        """)
    assert duties(result) == {("NER", "outsider"), ("BFA", "outsider")}
    assert "the guarantee binds the guarantors only together, and NER, one of them, carried out insider" in why_not(
        result, "BFA", "insider")
    several = run(pact(ASSIST), "- {id: insider, date: 2024-06-02, kind: armed_attack, actors: [NER], target: MLI}")
    assert duties(several) == {("BFA", "insider")}


# ----------------------------------------------------------------------------- supporters


def test_supporters_are_obligors_unless_the_clause_leaves_them_out_and_may_be_named_in_against() -> None:
    events = "- {id: e, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI, external_support: [NER]}"
    both = ASSIST.replace("strength: mandatory", "strength: mandatory\n  against: attackers_and_supporters")
    result = run(pact(both), events)
    assert duties(result) == {("NER", "e"), ("BFA", "e")}
    assert {o.against for o in result.obligations if o.treaty == "pact"} == {("DZA", "NER")}
    out = run(pact(ASSIST.replace("strength: mandatory", "strength: mandatory\n  exclude_supporters: true")), events)
    assert duties(out) == {("BFA", "e")}
    assert "NER supports the actors of e, and the clause leaves supporters out" in why_not(out, "NER", "e")


# ----------------------------------------------------------------------------- refused input


@pytest.mark.parametrize(("fragment", "message"), [
    ("reservations: [{party: NER, effect: limit, text: x}]", "a 'limit' needs a 'condition'"),
    ("reservations: [{party: NER, condition: {test: consented}, text: x}]", "a 'flag' takes no 'condition'"),
    ("reservations: [{party: NER, clauses: [art-9], text: x}]", "a reservation names unknown clauses: art-9"),
])
def test_malformed_reservations_are_refused(fragment: str, message: str) -> None:
    with pytest.raises(SahelSimError, match=message):
        run(pact(ASSIST, fragment), "- {id: e, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}")


@pytest.mark.parametrize(("condition", "message"), [
    ("{test: actor_is, who: attackers}", "name someone"),
    ("{test: attacker_count}", "give 'at_least' or 'at_most'"),
    ("{test: attacker_count, at_least: 3, at_most: 2}", "is above 'at_most'"),
])
def test_malformed_new_conditions_are_refused(condition: str, message: str) -> None:
    clause = ASSIST.replace("conditions: [{test: is_party, who: target}]", f"conditions: [{condition}]")
    with pytest.raises(SahelSimError, match=message):
        run(pact(clause), "- {id: e, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}")


def test_an_unattributed_event_names_nobody() -> None:
    with pytest.raises(SahelSimError, match="'attribution: unattributed' names nobody"):
        run(pact(ASSIST), "- {id: e, date: 2024-06-01, kind: air_strike, actors: [DZA], target: MLI, "
                          "attribution: unattributed, attributed_to: [DZA]}")


@pytest.mark.parametrize(("fragment", "where", "hint"), [
    ("{test: actor_is, who: attackers, actors: [DZZ]}", "actors[0]: unknown actor 'DZZ'", "did you mean DZA"),
    ("{test: invoked, treaty: paact}", "treaty: unknown treaty 'paact'", "did you mean pact"),
    ("{test: determined, organisation: AEZ}", "organisation: unknown organisation 'AEZ'", "AES?"),
])
def test_unknown_names_in_new_conditions_are_located(fragment: str, where: str, hint: str) -> None:
    clause = ASSIST.replace("conditions: [{test: is_party, who: target}]", f"conditions: [{fragment}]")
    with pytest.raises(SahelSimError, match=re.escape(where)) as err:
        run(pact(clause), "- {id: e, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}")
    assert hint in str(err.value) and "clauses[0].conditions[0]" in str(err.value)


def test_unknown_parties_in_reservations_and_suspensions_are_located() -> None:
    extra = """
    reservations: [{party: NIR, text: x}]
    suspensions: [{party: NER, towards: MLL, since: 2024-01-01}]
    """
    with pytest.raises(SahelSimError) as err:
        run(pact(ASSIST, extra), "- {id: e, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}")
    text = str(err.value)
    assert "reservations[0].party: unknown actor 'NIR'" in text and "suspensions[0].towards: unknown actor 'MLL'" in text


def test_unknown_actors_and_treaties_in_event_facts_are_located() -> None:
    with pytest.raises(SahelSimError) as err:
        run(pact(ASSIST), "- {id: e, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI, "
                          "invocations: [{by: MLL, treaty: paact}], attributed_to: [DZZ]}")
    text = str(err.value)
    for part in ("invocations[0].by: unknown actor 'MLL'", "invocations[0].treaty: unknown treaty 'paact'",
                 "attributed_to[0]: unknown actor 'DZZ'"):
        assert part in text


def test_explain_offers_the_invocation_as_a_flip() -> None:
    """Within the clause but not invoked: the smallest change that binds Niger is Mali's invocation."""
    from sahel_sim.analysis.flips import find_flips

    text = (f"scenario: test\nhypothetical: true\ntreaties:{pact(INVOKED)}\nevents:\n"
            "  - {id: e, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}\n")
    flips = find_flips(scenario_from_text(text), "NER", treaty="pact")
    assert any(f.changes[0].kind == "invocation" and f.turned == "on"
               and f.changes[0].description == "the target invokes Art. 1 of the pact" for f in flips)


# ----------------------------------------------------------------------------- chained clauses

BORROWER = """
  - id: borrower
    name: Borrowing pact
    signed: 2000-01-01
    in_force: 2000-01-01
    parties: {members: [{party: NER, since: 2000-01-01}, {party: TCD, since: 2000-01-01}]}
    clauses:
      - id: art-2
        article: "2"
        text: In the case provided for by Article 1 of the inline pact, each party shall consult the others.
        text_kind: paraphrase
        trigger: {test: clause_applies, treaty: pact, clause: art-1}
        obligor: each_party
        beneficiary: none
        against: none
        duty: consult
        means: non_military
        strength: consultation
"""


def test_a_clause_borrowed_from_another_treaty() -> None:
    events = """
        - {id: attack, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}
        - {id: stray, date: 2024-06-02, kind: air_strike, actors: [DZA], target: MLI, deliberate: false}
        """
    result = run(pact(ASSIST) + BORROWER, events)
    assert duties(result, "borrower") == {("NER", "attack"), ("TCD", "attack")}
    assert "the case of the Inline pact's Art. 1 (art-1) has not arisen for stray" in why_not(
        result, "TCD", "stray", "borrower")


def test_clauses_borrowing_each_other_in_a_loop_are_refused_with_the_loop_named() -> None:
    looped = pact(ASSIST.replace("trigger: {test: category, any_of: [armed_attack]}",
                                 "trigger: {test: clause_applies, treaty: borrower, clause: art-2}"))
    with pytest.raises(SahelSimError, match="clauses borrow each other in a loop: "
                                            "borrower:art-2 → pact:art-1 → borrower:art-2"):
        run(looped + BORROWER, "- {id: e, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}")


def test_a_borrowed_clause_that_does_not_exist_is_located() -> None:
    with pytest.raises(SahelSimError, match="has no clause 'art-9'"):
        run(pact(ASSIST) + BORROWER.replace("clause: art-1", "clause: art-9"),
            "- {id: e, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}")


DISPUTED_ASSIST = ASSIST.replace("  text_kind: paraphrase\n", """  text_kind: paraphrase
  confidence: disputed
  source: a commentary on the inline pact
  contested:
    - id: air-only
      label: only air strikes are the case of Art. 1
      source: another commentary
      changes: {conditions: [{test: is_party, who: target}, {test: event_kind, kinds: [air_strike]}]}
""")


def test_a_borrowed_clause_passes_on_its_dispute() -> None:
    """The borrowing finding is contested under the borrowed clause's alternative and rests on its disputed text."""
    result = run(pact(DISPUTED_ASSIST) + BORROWER,
                 "- {id: attack, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}")
    (ner,) = [o for o in result.obligations if o.treaty == "borrower" and o.obligor == "NER"]
    assert ner.status == "must_consult" and ner.contested and ner.confidence == "disputed"
    assert [(r.alternative, r.status) for r in ner.readings] == [("air-only", "not_bound")]
    assert ("Inline pact Art. 1 (paraphrase), whose case is borrowed", "disputed",
            "a commentary on the inline pact") in [(b.fact, b.confidence, b.source) for b in ner.rests_on]


def test_a_borrowed_clause_that_does_not_arise_still_rests_on_its_text() -> None:
    result = run(pact(DISPUTED_ASSIST) + BORROWER,
                 "- {id: stray, date: 2024-06-02, kind: air_strike, actors: [DZA], target: MLI, deliberate: false}")
    (n,) = [n for n in result.non_obligations if n.treaty == "borrower" and n.party == "TCD"]
    assert n.confidence == "disputed"
    assert "Inline pact Art. 1 (paraphrase), whose case is borrowed" in [b.fact for b in n.rests_on]


OBLIGOR_BOUND = ASSIST.replace("conditions: [{test: is_party, who: target}]",
                               "conditions: [{test: is_party, who: target}, {test: is_party, who: obligor}]")
GIVEN = BORROWER.replace(
    "        trigger: {test: clause_applies, treaty: pact, clause: art-1}\n",
    "        trigger: {test: category, any_of: [armed_attack]}\n"
    "        conditions: [{test: clause_applies, treaty: pact, clause: art-1, given_roles: {obligor: obligor}}]\n")


def test_a_borrowed_clause_judged_for_the_candidate_with_given_roles() -> None:
    """``given_roles: {obligor: obligor}``: the borrowed condition on the obligor holds for a party to both."""
    result = run(pact(OBLIGOR_BOUND) + GIVEN,
                 "- {id: attack, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}")
    assert duties(result, "borrower") == {("NER", "attack")}
    (ner,) = [o for o in result.obligations if o.treaty == "borrower"]
    texts = [f.text for r in ner.reasons for ch in r.walk() for f in ch.facts]
    assert "the case of the Inline pact's Art. 1 (art-1) has arisen for attack, with NER as its obligor" in texts
    assert why_not(result, "TCD", "attack", "borrower").startswith(
        "the case of clause art-1 (the pact) has arisen (its obligor being the obligor) / "
        "the case of the Inline pact's Art. 1 (art-1) has not arisen for attack, with TCD as its obligor: "
        "the obligor is a party")


def test_without_given_roles_a_borrowed_condition_on_the_obligor_does_not_hold() -> None:
    result = run(pact(OBLIGOR_BOUND) + BORROWER,
                 "- {id: attack, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}")
    assert not duties(result, "borrower")
    assert "has not arisen for attack: the obligor is a party" in why_not(result, "NER", "attack", "borrower")


def test_a_trigger_may_not_give_the_borrowed_clause_an_obligor() -> None:
    bad = BORROWER.replace("clause: art-1}", "clause: art-1, given_roles: {obligor: obligor}}")
    with pytest.raises(SahelSimError, match="a trigger may not refer to the obligor or beneficiary"):
        run(pact(ASSIST) + bad, "- {id: e, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}")


def test_given_roles_name_roles() -> None:
    bad = GIVEN.replace("given_roles: {obligor: obligor}", "given_roles: {obligor: ally}")
    with pytest.raises(SahelSimError, match="given_roles.obligor: .ally. is not one of: target, attackers"):
        run(pact(ASSIST) + bad, "- {id: e, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}")


# ----------------------------------------------------------------------------- within the clause, not invoked

ATTACK = "- {id: e, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}"


def pending(result: Any, treaty: str = "pact") -> dict[str, str]:
    return {n.party: n.status for n in result.non_obligations if n.treaty == treaty and n.ref.clause}


def test_within_the_clause_not_invoked_is_a_status_of_its_own() -> None:
    """The others fall within Art. 1 but MLI has not invoked it; MLI itself, the beneficiary, is simply not bound."""
    result = run(pact(INVOKED), ATTACK)
    assert pending(result) == {"BFA": "not_invoked", "NER": "not_invoked", "MLI": "not_bound"}
    (ner,) = [n for n in result.non_obligations if n.treaty == "pact" and n.party == "NER"]
    assert ner.reason.failing_leaf().test == "invoked"  # the reason stays the missing invocation
    assert (ner.within.duty, ner.within.beneficiary, ner.within.status) == ("assist", "MLI", "bound")
    doc = ner.to_dict()
    assert doc["status"] == "not_invoked" and doc["within_clause"]["duty"] == "assist"
    assert "within_clause" not in [n for n in result.non_obligations if n.party == "MLI" and n.treaty == "pact"][0].to_dict()


def test_another_missing_requirement_leaves_the_party_outside_the_clause() -> None:
    clause = INVOKED.replace("{test: invoked, by: target, article: '1'}]",
                             "{test: invoked, by: target, article: '1'}, {test: requested, by: target}]")
    assert set(pending(run(pact(clause), ATTACK)).values()) == {"not_bound"}


def test_a_clause_that_excludes_invocation_has_no_pending_status() -> None:
    clause = INVOKED.replace("{test: invoked, by: target, article: '1'}", "{test: not, condition: {test: invoked}}")
    result = run(pact(clause), ATTACK)
    assert duties(result) == {("NER", "e"), ("BFA", "e")}
    assert pending(result) == {"MLI": "not_bound"}


def test_an_invocation_that_comes_binds_and_is_no_longer_pending() -> None:
    result = run(pact(INVOKED), """
        - id: e
          date: 2024-06-01
          kind: armed_attack
          actors: [DZA]
          target: MLI
          invocations: [{by: MLI, treaty: pact, article: '1', date: 2024-06-05}]
        """)
    assert duties(result) == {("NER", "e"), ("BFA", "e")}
    assert pending(result) == {"MLI": "not_bound"}


def test_within_the_clause_but_no_determination() -> None:
    clause = ASSIST.replace("conditions: [{test: is_party, who: target}]",
                            "conditions: [{test: is_party, who: target}, {test: determined, organisation: ECOWAS}]")
    result = run(pact(clause), ATTACK)
    assert pending(result) == {"BFA": "not_determined", "NER": "not_determined", "MLI": "not_bound"}
    result = run(pact(clause), """
        - id: e
          date: 2024-06-01
          kind: armed_attack
          actors: [DZA]
          target: MLI
          determinations: [{organisation: ECOWAS, organ: authority, finding: aggression, date: 2024-06-03}]
        """)
    assert {o.binds_from for o in result.obligations if o.treaty == "pact"} == {date(2024, 6, 3)}


def test_a_reading_that_moves_a_party_within_the_clause_contests_its_status() -> None:
    """An alternative under which the clause waits for an invocation: the duty is contested, not invoked there."""
    clause = ASSIST.replace("  text_kind: paraphrase\n", """  text_kind: paraphrase
  contested:
    - id: needs-invocation
      label: Art. 1 binds only once invoked
      source: a commentary
      changes: {conditions: [{test: is_party, who: target}, {test: invoked, by: target, article: '1'}]}
""")
    result = run(pact(clause), ATTACK)
    (ner,) = [o for o in result.obligations if o.treaty == "pact" and o.obligor == "NER"]
    assert [(r.alternative, r.status) for r in ner.readings] == [("needs-invocation", "not_invoked")]
