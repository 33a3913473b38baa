"""Who must, who may, who is in breach, and where the law is disputed (statuses beyond "obligated")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sahel_sim import load_scenario, scenario_from_text, simulate
from sahel_sim.errors import SahelSimError

SCENARIOS = Path(__file__).parents[2] / "scenarios"
CHARTER = "liptako-gourma-charter"
RATIFICATION = "charter-in-force-on-ratification"


def _actors(*ids: str) -> str:
    return "actors:\n" + "".join(f"  - {{id: {s}, kind: state, name: Land {s}}}\n" for s in ids) + \
        "territories:\n" + "".join(f"  - {{id: {s}, name: Land {s}, holders: [{{state: {s}, since: 1960-01-01}}]}}\n"
                                   for s in ids)


def test_niger_2023_10_art_6_is_contested_with_both_readings_and_their_sources(shipped_runs: Any) -> None:
    """Signature reading (bound) and ratification reading (not yet in force) side by side; not confirmed."""
    doc = json.loads(json.dumps(shipped_runs.result(SCENARIOS / "ecowas-intervention-niger-2023-10.yaml").to_dict()))
    _art_6_contested(doc)


ECOWAS_READING = """contested:
  - id: ecowas-reading
    label: ECOWAS's organs read the mandated intervention as an enforcement measure, not aggression
    perspective: ecowas
    source: sunnewsonline.com (Authority decision of 10 Aug 2023)
"""


def test_a_perspective_is_one_kind_of_alternative() -> None:
    """The ECOWAS organs' reading, written in the scenario as an alternative, contests the breach and Art. 6."""
    text = (SCENARIOS / "ecowas-intervention-niger-2023-10.yaml").read_text(encoding="utf-8")
    doc = simulate(scenario_from_text(text.replace("\nevents:\n", "\n" + ECOWAS_READING + "events:\n", 1))).to_dict()
    _art_6_contested(doc)
    nga = next(b for b in doc["breaches"] if b["obligor"] == "NGA")
    assert [(r["alternative"], r["status"]) for r in nga["readings"]] == [("ecowas-reading", "not_bound")]
    mli = next(o for o in doc["obligations"] if o["obligor"] == "MLI" and o["treaty"] == CHARTER)
    assert {r["alternative"] for r in mli["readings"]} == {RATIFICATION, "ecowas-reading"}


def _art_6_contested(doc: dict) -> None:
    art6 = {o["obligor"]: o for o in doc["obligations"] if o["treaty"] == CHARTER and o["article"] == "6"}
    assert set(art6) == {"BFA", "MLI"}
    for o in art6.values():
        assert o["status"] == "bound" and o["modality"] == "obligation" and o["contested"] is True
        assert o["confidence"] != "confirmed"
        other = next(r for r in o["readings"] if r["alternative"] == RATIFICATION)
        assert other["status"] == "not_bound" and other["source"] == "maliactu.net (Nov 2023)"
        assert "9 Oct 2023" in other["note"] and "28 May 2024" in other["note"]
        assert any("Liptako-Gourma Charter" in b["fact"] and b["confidence"] == "disputed" for b in o["rests_on"])
    listed = {a["alternative"]: a for a in doc["alternatives"]}
    assert listed[RATIFICATION]["changes"] == {"in_force": None}


def test_nigeria_striking_niger_in_2024_is_in_breach_not_bound_to_refrain(shipped_runs: Any) -> None:
    result = shipped_runs.result(SCENARIOS / "nigerian-strike-on-niger-2024-06.yaml")
    breach = [(b.obligor, b.beneficiary, b.treaty, b.article, b.status) for b in result.breaches]
    # the 1978 Protocol Art. 1, and (issue 14: the general law is encoded) UN Charter Art. 2(4) and AU Act Art. 4(f)
    assert breach == [("NGA", "NER", "au-constitutive-act", "4(f)", "in_breach"),
                      ("NGA", "NER", "ecowas-non-aggression-1978", "1", "in_breach"),
                      ("NGA", "NER", "un-charter", "2(4)", "in_breach")]
    assert not any(o.obligor == "NGA" and o.treaty == "ecowas-non-aggression-1978" for o in result.obligations)
    assert all(b.modality == "prohibition" for b in result.breaches)


ART_51 = """\
scenario: armed attack on a state outside every defence pact
treaties:
  - id: un-charter-art-51
    name: Charter of the United Nations (Art. 51 only)
    signed: 1945-06-26
    in_force: 1945-10-24
    parties: {organisation: UN}
    clauses:
      - id: art-51-collective-self-defence
        article: "51"
        text: >-
          "Nothing in the present Charter shall impair the inherent right of individual or collective
          self-defence if an armed attack occurs against a Member of the United Nations"
        text_kind: quote
        trigger: {test: category, any_of: [armed_attack]}
        conditions:
          - {test: is_party, who: target, label: the state attacked is a Member of the United Nations}
          - {test: requested, by: target, label: the state attacked asked for help}
        obligor: each_other_party
        beneficiary: target
        duty: assist
        means: armed_force_included
        strength: discretionary
        modality: permission
events:
  - id: attack
    date: 2024-03-01
    kind: armed_attack
    actors: [QQA]
    target: DZA
    location: DZA
    requests: [{by: DZA, to: UN, form: public}]
"""


def test_collective_self_defence_is_a_permission_condensed_into_one_finding() -> None:
    text = ART_51 + "actors:\n  - {id: QQA, kind: state, name: Land QQA}\n"
    result = simulate(scenario_from_text(text))
    holders = {p.obligor for p in result.permissions}
    assert len(holders) >= 12 and "DZA" not in holders and "QQA" not in holders
    assert all(p.status == "may_act" and p.beneficiary == "DZA" for p in result.permissions)
    assert not any(o.treaty == "un-charter-art-51" for o in result.obligations)  # never as bound
    from sahel_sim.report.answer import event_paras

    paras = [p.text for p in event_paras(result.events[0])]
    may = [t for t in paras if t.startswith("May act")]
    assert may == [f"May act ({len(result.permissions)})"]
    block = [t for t in paras if "assist DZA" in t]
    # one readable finding per treaty, the many members named in part: this one's Art. 51, and since issue 14
    # the shipped UN Charter's Art. 51 too
    assert {p.treaty for p in result.permissions} == {"un-charter-art-51", "un-charter"}
    assert len(block) == 2 and all("more (" in b for b in block)


def test_without_the_victims_request_nobody_may_act_under_art_51() -> None:
    text = ART_51.replace("    requests: [{by: DZA, to: UN, form: public}]\n", "")
    result = simulate(scenario_from_text(text + "actors:\n  - {id: QQA, kind: state, name: Land QQA}\n"))
    assert result.permissions == ()


NEUTRALITY = _actors("AAA", "BBB", "CCC") + """\
scenario: a neutrality pact
treaties:
  - id: neutrality-pact
    name: Neutrality pact between AAA and BBB
    signed: 2000-01-01
    in_force: 2000-01-01
    parties:
      members: [{party: AAA, since: 2000-01-01}, {party: BBB, since: 2000-01-01}]
    clauses:
      - id: art-2-neutrality
        article: "2"
        text: >-
          Should one party become the object of military action by a third power, the other party
          shall observe neutrality throughout the conflict.
        text_kind: paraphrase
        trigger: {test: category, any_of: [armed_attack]}
        conditions:
          - {test: is_party, who: target}
          - not: {test: is_party, who: attackers}
            label: the attacker is a third power
        obligor: each_other_party
        beneficiary: target
        duty: neutrality
        means: none
        strength: mandatory
events:
"""


def test_a_neutrality_pledge_binds_the_partner_to_neutrality() -> None:
    text = NEUTRALITY + "  - {id: e1, date: 2020-01-01, kind: armed_attack, actors: [CCC], target: AAA, location: AAA}\n"
    result = simulate(scenario_from_text(text))
    assert [(o.obligor, o.beneficiary, o.status) for o in result.obligations] == [("BBB", "AAA", "bound_to_neutrality")]


SELF_OWED = """\
scenario: a duty an organisation would owe itself
actors:
  - {id: AAA, kind: state, name: Land AAA}
  - {id: BBB, kind: state, name: Land BBB}
  - {id: ORG, kind: organisation, name: The organisation}
territories:
  - {id: AAA, name: Land AAA, holders: [{state: AAA, since: 1960-01-01}]}
  - {id: BBB, name: Land BBB, holders: [{state: BBB, since: 1960-01-01}]}
memberships:
  - {member: AAA, of: ORG, since: 2000-01-01}
  - {member: BBB, of: ORG, since: 2000-01-01}
treaties:
  - id: pact
    name: Pact of the organisation
    signed: 2000-01-01
    in_force: 2000-01-01
    organisation: ORG
    parties: {organisation: ORG}
    clauses:
      - id: c1
        article: "1"
        text: The organisation observes neutrality.
        text_kind: paraphrase
        trigger: {test: category, any_of: [aggression]}
        obligor: organisation
        beneficiary: organisation
        duty: neutrality
        means: armed_force_included
        strength: mandatory
events:
  - {id: e1, date: 2001-01-01, kind: armed_attack, actors: [BBB, ORG], target: AAA, location: AAA}
"""


def test_nobody_owes_a_duty_to_itself_nor_breaches_one() -> None:
    """An organisation named both the obligor and the beneficiary of a clause is neither bound nor in breach
    (a case a property test drew: the organisation took part in the attack)."""
    for actors in ("[BBB, ORG]", "[BBB]"):  # taking part in the attack or not
        result = simulate(scenario_from_text(SELF_OWED.replace("[BBB, ORG]", actors)))
        assert not [o for o in result.breaches + result.obligations + result.permissions if o.treaty == "pact"]
        [why] = [n for n in result.non_obligations if n.party == "ORG" and n.treaty == "pact"]
        assert why.reason.facts[0].text == "ORG is the beneficiary (nobody owes a duty to itself)"


def test_a_partner_that_joins_the_attack_is_in_breach_of_its_neutrality() -> None:
    text = NEUTRALITY + ("  - {id: e1, date: 2020-01-01, kind: armed_attack, actors: [CCC], target: AAA, location: AAA,"
                         " external_support: [BBB]}\n")
    result = simulate(scenario_from_text(text))
    assert result.obligations == ()
    assert [(b.obligor, b.beneficiary, b.status) for b in result.breaches] == [("BBB", "AAA", "in_breach")]
    assert any(c.test == "breaches_neutrality" for c in result.breaches[0].reasons)


# BBB supports CCC's attack on AAA, in AAA's north (a territory of its own) or in AAA itself
_JOINS = ("  - {id: e1, date: 2020-01-01, kind: armed_attack, actors: [CCC], target: AAA, location: AAA-N,"
          " external_support: [BBB]}\n")
_NORTH = "  - {id: AAA-N, name: North of AAA, holders: [{state: AAA, since: 1960-01-01}], regions: [north]}\n"


@pytest.mark.parametrize("exception, lifted_by", [
    ("{test: location_in_region, regions: [north]}", "location_in_region"),  # lifted for the event
    ("{test: actor_is, who: obligor, actors: [BBB]}", "actor_is"),  # lifted for BBB alone
])
def test_an_exception_that_holds_lifts_the_neutrality_pledge_and_its_breach(exception: str, lifted_by: str) -> None:
    """A pledge the clause's exception lifts cannot be breached; the full run and the lean run agree."""
    text = NEUTRALITY.replace("        obligor: each_other_party\n",
                              f"        exceptions:\n          - when: {exception}\n        obligor: each_other_party\n")
    text = text.replace("scenario: a neutrality pact\n", _NORTH + "scenario: a neutrality pact\n") + _JOINS
    scenario = scenario_from_text(text)
    full = simulate(scenario)
    assert full.breaches == () and full.obligations == ()
    (bbb,) = [n for n in full.non_obligations if n.party == "BBB"]
    assert (bbb.reason.role, bbb.reason.test, bbb.reason.holds) == ("exception", lifted_by, True)
    lean = simulate(scenario, negatives=False)
    assert lean.breaches == () and lean.obligations == ()
    if lifted_by == "location_in_region":  # in AAA itself the pledge holds, and BBB's support breaches it
        breached = simulate(scenario_from_text(text.replace("location: AAA-N,", "location: AAA,")))
        assert [(b.obligor, b.status) for b in breached.breaches] == [("BBB", "in_breach")]


def test_a_pledge_whose_condition_fails_for_the_party_is_not_breached_by_its_taking_part() -> None:
    """The pledge binds a party only where its conditions hold: a condition on the obligor that fails for BBB
    leaves BBB unbound, and its support of the attack breaches nothing (the condition is the reason)."""
    condition = ("          - not: {test: actor_is, who: obligor, actors: [BBB]}\n"
                 "            label: the obligor is not BBB\n")
    text = NEUTRALITY.replace("        obligor: each_other_party\n", "        obligor: each_other_party\n", 1)
    text = text.replace("            label: the attacker is a third power\n",
                        "            label: the attacker is a third power\n" + condition)
    text = text.replace("scenario: a neutrality pact\n", _NORTH + "scenario: a neutrality pact\n") + _JOINS
    scenario = scenario_from_text(text)
    full = simulate(scenario)
    assert full.breaches == () and full.obligations == ()
    (bbb,) = [n for n in full.non_obligations if n.party == "BBB"]
    assert (bbb.reason.text, bbb.reason.holds) == ("the obligor is not BBB", False)
    assert any(c.test == "breaches_neutrality" and c.holds for c in bbb.checks)  # it took part, and was not bound
    assert simulate(scenario, negatives=False).breaches == ()
    bound = simulate(scenario_from_text(text.replace("actors: [BBB]}\n            label: the obligor is not BBB",
                                                     "actors: [CCC]}\n            label: the obligor is not CCC")))
    assert [(b.obligor, b.status) for b in bound.breaches] == [("BBB", "in_breach")]


def test_a_party_that_suspended_its_pledge_is_not_in_breach_for_taking_part() -> None:
    suspended = ("    suspensions:\n"
                 "      - {party: BBB, towards: AAA, since: 2019-01-01, text: suspended after a dispute}\n")
    text = NEUTRALITY.replace("    clauses:\n", suspended + "    clauses:\n", 1)
    text = text.replace("scenario: a neutrality pact\n", _NORTH + "scenario: a neutrality pact\n") + _JOINS
    full = simulate(scenario_from_text(text))
    assert full.breaches == () and full.obligations == ()
    (bbb,) = [n for n in full.non_obligations if n.party == "BBB"]
    assert (bbb.reason.test, bbb.reason.holds) == ("suspension", False)
    later = simulate(scenario_from_text(text.replace("since: 2019-01-01", "since: 2021-01-01")))
    assert [(b.obligor, b.status) for b in later.breaches] == [("BBB", "in_breach")]  # suspended only after


MOBILISE = _actors("AAA", "BBB", "CCC") + """\
scenario: a pledge to mobilise
treaties:
  - id: mobilisation-pact
    name: Mobilisation pact
    signed: 2000-01-01
    in_force: 2000-01-01
    parties:
      members: [{party: AAA, since: 2000-01-01}, {party: BBB, since: 2000-01-01}]
    clauses:
      - id: art-1-mobilise
        article: "1"
        text: Should the forces of a named power mobilise, the parties shall mobilise theirs.
        text_kind: paraphrase
        trigger: {test: category, any_of: [mobilisation]}
        conditions:
          - {test: is_party, who: target}
        obligor: each_other_party
        duty: mobilise
        means: armed_force_included
        strength: mandatory
      - id: art-2-assist
        article: "2"
        text: An armed attack on one party obliges the other to assist it.
        text_kind: paraphrase
        trigger: {test: category, any_of: [armed_attack]}
        conditions:
          - {test: is_party, who: target}
        obligor: each_other_party
        duty: assist
        means: armed_force_included
        strength: mandatory
events:
  - {id: m1, date: 2020-01-01, kind: mobilisation, actors: [CCC], target: AAA}
"""


def test_mobilisation_binds_to_mobilise_and_is_not_an_armed_attack() -> None:
    result = simulate(scenario_from_text(MOBILISE))
    assert [(o.obligor, o.duty, o.status) for o in result.obligations] == [("BBB", "mobilise", "bound")]
    assert "armed_attack" not in result.events[0].characterisation.categories


@pytest.mark.parametrize("change, message", [
    ("{modality: obligation}", "a duty to 'refrain' is a 'prohibition'"),
    ("{colour: red}", "changes unknown field(s) colour"),
    ("{id: other}", "may not change id"),
])
def test_a_bad_alternative_is_refused_with_its_reason(change: str, message: str) -> None:
    text = NEUTRALITY.replace("        duty: neutrality\n", "        duty: refrain\n") \
        .replace("        text_kind: paraphrase\n",
                 f"        text_kind: paraphrase\n        contested:\n          - {{id: x, label: y, changes: {change}}}\n")
    text += "  - {id: e1, date: 2020-01-01, kind: armed_attack, actors: [CCC], target: AAA, location: AAA}\n"
    with pytest.raises(SahelSimError, match="contested|alternative|refrain"):
        try:
            scenario_from_text(text)
        except SahelSimError as err:
            assert message in str(err)
            raise


def test_a_scenario_reading_must_name_a_perspective() -> None:
    text = NEUTRALITY + "  - {id: e1, date: 2020-01-01, kind: armed_attack, actors: [CCC], target: AAA, location: AAA}\n"
    with pytest.raises(SahelSimError, match="gives a 'perspective'"):
        scenario_from_text(text + "contested:\n  - {id: r, label: l, changes: {hypothetical: true}}\n")


def test_refrain_with_another_modality_is_refused() -> None:
    text = NEUTRALITY.replace("        duty: neutrality\n", "        duty: refrain\n        modality: permission\n")
    with pytest.raises(SahelSimError, match="prohibition"):
        scenario_from_text(text + "  - {id: e1, date: 2020-01-01, kind: armed_attack, actors: [CCC], target: AAA}\n")


def test_permitted_and_in_breach_expectations_are_checked() -> None:
    from sahel_sim.analysis.expectations import run_expectations

    text = ART_51 + ("actors:\n  - {id: QQA, kind: state, name: Land QQA}\nexpect:\n  permitted:\n"
                     "    - {obligor: FRA, beneficiary: DZA, treaty: un-charter-art-51, status: may_act}\n"
                     "  in_breach:\n    - {obligor: FRA, treaty: un-charter-art-51}\n"
                     "  obligated:\n    - {obligor: FRA, treaty: un-charter-art-51}\n")
    outcomes = run_expectations(scenario_from_text(text))
    assert [(o.kind, o.met) for o in outcomes] == [("obligated", False), ("permitted", True), ("in_breach", False)]
    assert "no matching breach" in outcomes[2].describe() and "FRA may act" in outcomes[1].describe()


UNASKED = (Path(__file__).parent / "unasked_party.yaml")


def test_a_party_bound_only_under_another_reading_shows_up_although_nobody_asked(shipped_runs: Any) -> None:
    """NER left the pact in 2010 under the main reading; under 'ner-never-left' it is bound: it must not vanish."""
    from sahel_sim.report.tables import render_results

    result = shipped_runs.result(UNASKED)
    assert not [o for o in result.obligations if o.obligor == "NER" and o.treaty == "pact"]
    ner = [n for n in result.non_obligations if n.party == "NER" and n.treaty == "pact"]
    assert len(ner) == 1 and ner[0].contested and ner[0].confidence == "disputed"
    assert [(r.alternative, r.status) for r in ner[0].readings] == [("ner-never-left", "bound")]
    assert ner[0].reason.failing_leaf().facts[0].text == (
        "under the main reading, Pact — Art. 2 — does not reach NER for strike; only the reading 'ner-never-left' does")
    text = " ".join(render_results([result], width=80).split())
    assert "Pact Art. 2 — NER" in text and "contested: bound under 'ner-never-left'" in text
    doc = result.to_dict()
    row = next(n for n in doc["non_obligations"] if n["party"] == "NER" and n["treaty"] == "pact")
    assert row["contested"] is True and row["readings"][0]["source"] == "a source saying NER never left"
    assert simulate(load_scenario(UNASKED), alternatives=False).non_obligations == tuple(
        n for n in result.non_obligations if not n.contested)
