"""The Confederation layer: the AES College's recorded decisions and the Unified Force (issue 14, "What to add" 1).

The College's decisions of 22 Dec 2024 and 6 Apr 2025 are recorded once, in the world data, with their
organ; a scenario after them need not restate them.  The Unified Force is a force an event can name as
the forces it attacked; whether its troops are their states' defence and security forces (Charter
Art. 7) is a contested reading of the force.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sahel_sim import library_world, load_scenario, simulate
from sahel_sim.clauses.checks import Fact
from sahel_sim.errors import ScenarioError
from sahel_sim.graph import compile_world
from sahel_sim.model.records import Covers, RecordedDecision
from sahel_sim.testing import fact_holds
from tests.engine.test_event_semantics import ASSIST, duties, pact, run, why_not

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
CHARTER = "liptako-gourma-charter"
UNIFIED = SCENARIOS / "attack-on-the-unified-force-niamey-2026.yaml"
GENERAL = "college-aggression-finding-general"
OWN_FORCE = "unified-force-is-the-confederations-own"

THEATRE = ASSIST.replace(
    "conditions: [{test: is_party, who: target}]",
    "conditions: [{test: is_party, who: target}, "
    "{test: decided, organisation: AES, organ: college, measures: [single_theatre_of_operations]}]")
AGGRESSION = ASSIST.replace("any_of: [armed_attack]", "any_of: [attack_on_ship_or_aircraft]").replace(
    "conditions: [{test: is_party, who: target}]",
    "conditions: [{test: is_party, who: target}, "
    "{test: determined, organisation: AES, organ: college, findings: [aggression_against_all_members]}]")


def _facts(result: Any, treaty: str = "pact") -> list[str]:
    return [f.text for o in result.obligations if o.treaty == treaty for r in o.reasons for ch in r.walk()
            for f in ch.facts]


# ------------------------------------------------------------------ the College's decisions, recorded once


def test_the_college_decisions_are_recorded_with_their_texts_and_sources() -> None:
    college = next(a for a in library_world().actors if a.id == "AES").organ("college")
    by_id = {d.id: d for d in college.decisions}
    theatre = by_id["aes-college-2024-12-22-single-theatre"]
    assert theatre.date == date(2024, 12, 22) and theatre.measure == "single_theatre_of_operations"
    assert theatre.text_kind == "quote" and theatre.language == "fr" and "théâtre unique" in theatre.text
    aggression = by_id["aes-college-2025-04-06-aggression"]
    assert aggression.finding == "aggression_against_all_members" and "tous les États membres" in aggression.text
    assert [a.id for a in aggression.contested] == [GENERAL]
    for d in college.decisions:
        assert d.source and d.note and d.confidence.value == "secondary"


def test_a_scenario_after_the_decision_need_not_restate_the_single_theatre() -> None:
    result = run(pact(THEATRE), "- {id: e, date: 2025-03-01, kind: armed_attack, actors: [DZA], target: MLI}")
    assert duties(result) == {("NER", "e"), ("BFA", "e")}
    assert ("AES (college) decided on 2024-12-22: single_theatre_of_operations "
            "(recorded decision aes-college-2024-12-22-single-theatre)") in _facts(result)


def test_the_single_theatre_covers_neither_an_earlier_event_nor_one_outside_the_confederal_space() -> None:
    before = run(pact(THEATRE), "- {id: e, date: 2024-12-01, kind: armed_attack, actors: [DZA], target: MLI}")
    assert not duties(before)
    assert "no decision of AES (college) on single_theatre_of_operations is recorded for e" in why_not(before, "NER", "e")
    outside = run(pact(THEATRE), "- {id: e, date: 2025-03-01, kind: armed_attack, actors: [DZA], target: MLI, "
                                 "location: DZA}")
    assert not duties(outside)


def test_the_college_finding_on_the_drone_counts_from_6_april_2025() -> None:
    result = run(pact(AGGRESSION), "- {id: e, date: 2025-04-01, kind: attack_on_aircraft, actors: [DZA], target: MLI}")
    assert duties(result) == {("NER", "e"), ("BFA", "e")}
    assert {o.binds_from for o in result.obligations if o.treaty == "pact"} == {date(2025, 4, 6)}
    assert ("AES (college) determined on 2025-04-06 that e is aggression_against_all_members "
            "(recorded decision aes-college-2025-04-06-aggression)") in _facts(result)


def test_the_finding_for_another_attack_is_only_the_general_reading() -> None:
    result = run(pact(AGGRESSION), "- {id: e, date: 2025-06-01, kind: attack_on_aircraft, actors: [ISSP], target: NER}")
    assert not duties(result)
    assert "no determination of aggression_against_all_members by AES (college) is recorded for e" in why_not(
        result, "MLI", "e")
    (n,) = [n for n in result.non_obligations if n.party == "MLI" and n.treaty == "pact"]
    assert {(r.alternative, r.status) for r in n.readings} == {(GENERAL, "bound")}


def test_the_recorded_facts_are_rechecked_against_the_world() -> None:
    world = compile_world(library_world())
    assert fact_holds(world, [], Fact("determined", ("AES", "college", "aggression_against_all_members", "2025-04-06"),
                                      "…")) is True
    assert fact_holds(world, [], Fact("determined", ("AES", "college", "aggression_against_all_members", "2025-04-07"),
                                      "…")) is False
    assert fact_holds(world, [], Fact("decided", ("AES", "college", "2024-12-22"), "…")) is True
    assert fact_holds(world, [], Fact("decided", ("AES", "unified_force", "2024-12-22"), "…")) is False


def test_the_drone_scenario_restates_no_decision_and_still_says_what_it_did() -> None:
    sc = load_scenario(SCENARIOS / "malian-drone-shot-down-2025.yaml")
    assert all(not e.decisions and not e.determinations for e in sc.events)
    result = simulate(sc)
    assert {o.obligor for o in result.obligations if o.treaty == CHARTER and o.article == "7"} == {"BFA", "NER"}


def test_a_recorded_decision_must_decide_or_determine_something() -> None:
    with pytest.raises(ValueError, match="gives neither 'measure'.*nor 'finding'"):
        RecordedDecision(id="x", date=date(2025, 1, 1), text="t")


def test_a_cover_must_end_after_it_starts() -> None:
    with pytest.raises(ValueError, match="'until' .* must be after 'since'"):
        Covers(since=date(2025, 1, 2), until=date(2025, 1, 1))


ORGANISATION = """
    scenario: recorded decisions
    hypothetical: true
    actors:
      - id: XORG
        kind: organisation
        name: X organisation
        organs:
          - id: council
            name: Council
            since: 2024-01-01
            decisions:
              - {{id: d1, date: {day}, measure: act, text: The council acts., covers: {{within: {within}}}}}
    events:
      - {{id: e, date: 2025-01-01, kind: armed_attack, actors: [DZA], target: MLI}}
"""


def test_a_recorded_decision_before_its_organ_existed_is_refused(make_scenario: Any) -> None:
    with pytest.raises(ScenarioError) as err:
        make_scenario(ORGANISATION.format(day="2023-06-01", within="AES"))
    text = str(err.value)
    assert "recorded decision 'd1' is dated 2023-06-01, when the Council did not exist" in text
    assert "from 2024-01-01" in text


def test_a_recorded_decision_covering_an_unknown_organisation_is_refused(make_scenario: Any) -> None:
    with pytest.raises(ScenarioError) as err:
        make_scenario(ORGANISATION.format(day="2024-06-01", within="AESS"))
    assert "unknown organisation 'AESS'" in str(err.value) and "within" in str(err.value)
    assert make_scenario(ORGANISATION.format(day="2024-06-01", within="AES")).events[0].id == "e"


# ------------------------------------------------------------------ the Unified Force


def test_an_attack_on_the_unified_force_binds_the_other_parties_under_the_main_reading(shipped_runs: Any) -> None:
    result = shipped_runs.result(UNIFIED)
    art7 = [o for o in result.obligations if o.treaty == CHARTER and o.article == "7"]
    assert {(o.obligor, o.beneficiary) for o in art7} == {("BFA", "NER"), ("MLI", "NER")}
    assert ("the troops of NER attacked belong to the AES Unified Force (FU-AES), read as made up of the forces of "
            "the states whose troops it has (BFA, MLI, NER)") in _facts(result, CHARTER)
    for o in art7:
        other = {r.alternative: r for r in o.readings}
        assert other[OWN_FORCE].status == "not_bound"
        assert "is read as a force of AES itself" in (other[OWN_FORCE].reason or "")
        assert "only-the-nigerien-air-force-was-hit" not in other  # Niger's own troops either way


def test_the_unified_force_facts_are_rechecked_against_the_world() -> None:
    world = compile_world(library_world())
    assert fact_holds(world, [], Fact("force_of_contributors", ("AES", "unified_force", "NER"), "…")) is True
    assert fact_holds(world, [], Fact("force_of_contributors", ("AES", "unified_force", "TCD"), "…")) is False
    assert fact_holds(world, [], Fact("force_of_organisation", ("AES", "unified_force"), "…")) is False


FORCE_EVENT = """
    scenario: force
    hypothetical: true
    events:
      - {{id: e, date: {day}, kind: attack_on_forces, actors: [ISSP], target: {target}, location: NER,
          force: {{organisation: AES, organ: {organ}}}}}
"""


@pytest.mark.parametrize("day, target, organ, message", [
    ("2024-06-01", "NER", "unified_force", "the AES Unified Force (FU-AES) did not exist on 2024-06-01"),
    ("2025-06-01", "TCD", "unified_force", "the target 'TCD' has no troops in the AES Unified Force (FU-AES)"),
    ("2025-06-01", "NER", "college", "the College of Heads of State of AES is not a force"),
    ("2025-06-01", "NER", "unified_forces", "AES has no organ 'unified_forces'"),
])
def test_an_attack_on_a_force_that_cannot_be_is_refused(make_scenario: Any, day: str, target: str, organ: str,
                                                        message: str) -> None:
    with pytest.raises(ScenarioError) as err:
        make_scenario(FORCE_EVENT.format(day=day, target=target, organ=organ))
    assert message in str(err.value) and "events[0]" in str(err.value)


def test_a_force_of_an_unknown_organisation_is_refused(make_scenario: Any) -> None:
    with pytest.raises(ScenarioError, match="unknown organisation 'AEZ'"):
        make_scenario(FORCE_EVENT.format(day="2025-06-01", target="NER", organ="unified_force").replace(
            "organisation: AES", "organisation: AEZ"))


# ------------------------------------------------------------------ the Charter and the Confederation Treaty


def test_the_treaty_coexists_with_the_charter_and_the_succession_is_the_other_reading() -> None:
    treaty = library_world().treaty("aes-confederation-treaty")
    (earlier,) = treaty.earlier
    assert (earlier.treaty, earlier.relation, earlier.confidence.value) == (CHARTER, "coexists", "disputed")
    (other,) = earlier.contested
    assert other.id == "confederation-treaty-succeeds-charter" and other.changes == {"relation": "succeeds"}
    assert earlier.source and other.source and "not recorded" in (other.note or "")
    # the Treaty's entry into force is not recorded: neither reading ends the Charter in a run
    assert compile_world(library_world()).world.treaty(CHARTER).terminated is None


def test_the_treaty_view_shows_both_readings(capsys: Any) -> None:
    from sahel_sim.report.treaties import treaty_fields

    fields = dict(treaty_fields(library_world().treaty("aes-confederation-treaty")))
    text = fields["earlier treaty"]
    assert text.startswith("stays in force beside the liptako-gourma-charter (confidence disputed)")
    assert "other reading (confederation-treaty-succeeds-charter)" in text and "maliweb.net" in text


PAIR = """
  - id: old
    name: Old pact
    signed: 2000-01-01
    in_force: 2000-01-01
    parties: {{members: [{{party: NER, since: 2000-01-01}}, {{party: BFA, since: 2000-01-01}}, {{party: MLI, since: 2000-01-01}}]}}
    clauses:
{clause}
  - id: new
    name: New pact
    signed: 2010-01-01
    in_force: {in_force}
    parties: {{members: [{{party: NER, since: 2010-01-01}}, {{party: BFA, since: 2010-01-01}}, {{party: MLI, since: 2010-01-01}}]}}
    earlier:
      - treaty: {earlier}
        relation: {relation}
        contested: [{{id: other-relation, label: the other relation, changes: {{relation: {other}}}}}]
"""


def _pair(relation: str, *, in_force: str = "2010-01-01", earlier: str = "old") -> str:
    import textwrap

    other = "coexists" if relation == "succeeds" else "succeeds"
    return PAIR.format(clause=textwrap.indent(textwrap.dedent(ASSIST), "      "), in_force=in_force,
                       earlier=earlier, relation=relation, other=other)


EVENTS = """
- {id: before, date: 2005-06-01, kind: armed_attack, actors: [DZA], target: MLI}
- {id: after, date: 2012-06-01, kind: armed_attack, actors: [DZA], target: MLI}
"""


def test_a_successor_ends_the_earlier_treaty_on_its_entry_into_force() -> None:
    result = run(_pair("succeeds"), EVENTS, parties=["NER"])
    assert duties(result, "old") == {("NER", "before"), ("BFA", "before")}
    assert why_not(result, "NER", "after", "old") == (
        "the treaty is in force on the event date / the Old pact ceased to be in force on 2010-01-01")
    (n,) = [n for n in result.non_obligations if n.party == "NER" and n.event == "after" and n.treaty == "old"]
    assert {(r.alternative, r.status) for r in n.readings} == {("other-relation", "bound")}


def test_treaties_that_coexist_both_stay_in_force() -> None:
    result = run(_pair("coexists"), EVENTS)
    assert duties(result, "old") == {("NER", "before"), ("BFA", "before"), ("NER", "after"), ("BFA", "after")}
    contested = [o for o in result.obligations if o.treaty == "old" and o.event == "after"]
    assert {r.status for o in contested for r in o.readings} == {"not_bound"}


def test_a_successor_whose_entry_into_force_is_not_recorded_ends_nothing() -> None:
    result = run(_pair("succeeds", in_force="null"), EVENTS)
    assert ("NER", "after") in duties(result, "old")


@pytest.mark.parametrize("earlier, message", [("olde", "unknown treaty 'olde'"),
                                              ("new", "the New pact cannot succeed or coexist with itself")])
def test_an_earlier_treaty_that_cannot_be_is_refused(earlier: str, message: str) -> None:
    with pytest.raises(ScenarioError) as err:
        run(_pair("succeeds", earlier=earlier), EVENTS)
    assert message in str(err.value) and "earlier" in str(err.value)
