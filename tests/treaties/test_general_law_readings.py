"""The AU's right to intervene (Constitutive Act Art. 4(h)) and the two readings of a Security Council authorisation.

Art. 4(h) is a permission of the Union: with the Assembly's decision and the
grave circumstances recorded for the event, the AU *may act*; without either,
it may not, and the reason says which is missing.  A Chapter VII
authorisation displaces UN Charter Art. 2(4); whether it also displaces AU Act
Art. 4(f) and the 1978 Protocol's Art. 1 (UN Charter Art. 103 read as covering
authorisations, or only obligations) is contested data, and each finding shows
its status under both readings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sahel_sim import load_scenario, simulate

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
AUTHORISED = SCENARIOS / "security-council-authorised-and-unauthorised-intervention-niger.yaml"
AU, UN, PROTOCOL = "au-constitutive-act", "un-charter", "ecowas-non-aggression-1978"
READINGS = {AU: ("4(f)", "au-authorisation-does-not-displace-4f"),
            PROTOCOL: ("1", "ecowas-authorisation-does-not-displace-art-1")}
DECISION = "[{organisation: AU, organ: assembly, measure: intervene, date: 2025-02-20}]"


def _grave(make_scenario: Any, *, attributes: str = "{war_crimes: true}", decisions: str = DECISION,
           location: str = "MLI") -> Any:
    return simulate(make_scenario(f"""
        scenario: grave circumstances
        hypothetical: true
        events:
          - id: atrocities
            date: 2025-03-01
            kind: armed_rebellion
            actors: [JNIM]
            target: MLI
            location: {location}
            attributes: {attributes}
            decisions: {decisions}
    """))


def _permissions(result: Any) -> list[Any]:
    return [p for p in result.permissions if p.treaty == AU and p.article == "4(h)"]


def _why_not(result: Any, party: str, treaty: str, article: str, event: str | None = None) -> Any:
    found = [n for n in result.non_obligations if n.party == party and n.treaty == treaty and n.article == article
             and (event is None or n.event == event)]
    assert found, f"no non-obligation for {party} under {treaty} Art. {article}"
    return found[0]


def _facts(check: Any) -> list[str]:
    return [f.text for c in check.walk() for f in c.facts]


# ------------------------------------------------------------------ Art. 4(h): a permission of the Union


@pytest.mark.parametrize("crime", ["war_crimes", "genocide", "crimes_against_humanity"])
def test_with_the_assemblys_decision_and_grave_circumstances_the_union_may_intervene(make_scenario: Any,
                                                                                    crime: str) -> None:
    result = _grave(make_scenario, attributes=f"{{{crime}: true}}")
    found = _permissions(result)
    assert [(p.obligor, p.status, p.duty) for p in found] == [("AU", "may_act", "intervene")]
    assert not [o for o in result.obligations if o.treaty == AU and o.article == "4(h)"]  # a right, never a duty
    texts = [t for check in found[0].reasons for t in _facts(check)]
    assert f"atrocities: {crime} is true" in texts
    assert "AU (assembly) decided on 2025-02-20: intervene" in texts
    assert "atrocities takes place in MLI, held by MLI on 2025-03-01" in texts


def test_without_the_assemblys_decision_the_union_may_not_intervene(make_scenario: Any) -> None:
    from sahel_sim.report.explain import why_not

    result = _grave(make_scenario, decisions="[]")
    assert not _permissions(result)
    n = _why_not(result, "AU", AU, "4(h)")
    leaf = n.reason.failing_leaf()
    assert leaf.test == "decided" and not leaf.holds
    assert why_not(n) == ("no decision of AU (assembly) on intervene is recorded for atrocities "
                          "(required: the Assembly decided to intervene)")


@pytest.mark.parametrize("decision, seen", [
    ("[{organisation: AU, organ: psc, measure: intervene, date: 2025-02-20}]", ""),
    ("[{organisation: AU, organ: assembly, measure: sanctions, date: 2025-02-20}]",
     " (it decided only: sanctions on 2025-02-20)"),
])
def test_a_psc_decision_or_another_measure_is_not_the_assemblys_decision_to_intervene(
        make_scenario: Any, decision: str, seen: str) -> None:
    result = _grave(make_scenario, decisions=decision)
    assert not _permissions(result)
    leaf = _why_not(result, "AU", AU, "4(h)").reason.failing_leaf()
    assert _facts(leaf) == [f"no decision of AU (assembly) on intervene is recorded for atrocities{seen}"]


@pytest.mark.parametrize("attributes, fact", [
    ("{}", "atrocities records no war_crimes"),
    ("{war_crimes: false}", "atrocities: war_crimes is false"),
])
def test_without_grave_circumstances_the_union_may_not_intervene(make_scenario: Any, attributes: str,
                                                                 fact: str) -> None:
    result = _grave(make_scenario, attributes=attributes)
    assert not _permissions(result)
    leaf = _why_not(result, "AU", AU, "4(h)").reason.failing_leaf()
    assert leaf.role == "trigger" and not leaf.holds
    assert fact in _facts(leaf)


def test_grave_circumstances_outside_a_member_state_give_the_union_no_right_there(make_scenario: Any) -> None:
    result = _grave(make_scenario, location="FRA")
    assert not _permissions(result)
    leaf = _why_not(result, "AU", AU, "4(h)").reason.failing_leaf()
    assert leaf.test == "location_in_territory_of"
    assert "atrocities takes place in FRA" in " ".join(_facts(leaf))


def test_a_decision_after_the_event_gives_the_right_from_its_own_date(make_scenario: Any) -> None:
    from datetime import date

    result = _grave(make_scenario, decisions="[{organisation: AU, organ: assembly, measure: intervene, date: 2025-03-10}]")
    found = _permissions(result)
    assert [p.binds_from for p in found] == [date(2025, 3, 10)]


# ------------------------------------------------------------------ a Security Council authorisation: two readings


@pytest.fixture(scope="module")
def authorised(shipped_runs: Any) -> Any:
    return shipped_runs.result(AUTHORISED)


@pytest.mark.parametrize("state", ["NGA", "SEN"])
@pytest.mark.parametrize("treaty", sorted(READINGS))
def test_an_authorised_intervention_is_no_breach_under_one_reading_and_a_breach_under_the_other(
        authorised: Any, treaty: str, state: str) -> None:
    article, alternative = READINGS[treaty]
    assert (state, treaty, article, "authorised") not in {(o.obligor, o.treaty, o.article, o.event)
                                                         for o in authorised.breaches}
    n = _why_not(authorised, state, treaty, article, "authorised")
    assert n.reason.role == "exception" and n.reason.text == "the Security Council authorised the action"
    assert [(r.alternative, r.status) for r in n.readings] == [(alternative, "in_breach")]
    assert "Art. 103" in n.readings[0].source and "Al-Jedda" in n.readings[0].source
    assert any(b.confidence == "disputed" for b in n.rests_on)


@pytest.mark.parametrize("state", ["NGA", "SEN"])
@pytest.mark.parametrize("treaty", sorted(READINGS))
def test_an_unauthorised_intervention_is_a_breach_under_both_readings(authorised: Any, treaty: str, state: str) -> None:
    article, _alternative = READINGS[treaty]
    found = [o for o in authorised.breaches
             if (o.obligor, o.treaty, o.article, o.event) == (state, treaty, article, "unauthorised")]
    assert len(found) == 1 and found[0].beneficiary == "NER"
    assert not found[0].readings  # no reading changes a breach without an authorisation


def test_the_un_charter_gives_way_to_the_authorisation_uncontested(authorised: Any) -> None:
    n = _why_not(authorised, "NGA", UN, "2(4)", "authorised")
    assert n.reason.role == "exception" and not n.readings
    assert ("NGA", UN, "2(4)", "unauthorised") in {(o.obligor, o.treaty, o.article, o.event) for o in authorised.breaches}


def test_json_shows_the_status_under_each_reading(authorised: Any) -> None:
    doc = authorised.to_dict()
    n = next(x for x in doc["non_obligations"]
             if (x["party"], x["treaty"], x["article"], x["event"]) == ("NGA", AU, "4(f)", "authorised"))
    assert n["status"] == "not_bound" and n["contested"] is True
    assert [(r["alternative"], r["status"]) for r in n["readings"]] == [("au-authorisation-does-not-displace-4f",
                                                                         "in_breach")]


def test_the_two_readings_are_data_in_the_treaty_files() -> None:
    from sahel_sim.library import library_world

    treaties = {t.id: t for t in library_world().treaties}
    for tid, (article, alternative) in READINGS.items():
        clause = next(c for c in treaties[tid].clauses if c.article == article)
        authorisation = [e for e in clause.exceptions if e.when.describe() == "the Security Council authorised the action"]
        assert len(authorisation) == 1 and authorisation[0].confidence == "disputed"
        assert "Al-Jedda" in (authorisation[0].note or "")
        alt = next(a for a in clause.contested if a.id == alternative)
        assert alt.source and "Art. 103" in alt.source
        kept = [e["when"].get("label") for e in alt.changes["exceptions"]]
        assert "the Security Council authorised the action" not in kept
        assert len(kept) == len(clause.exceptions) - 1  # the other reading drops that exception only


def test_the_downing_reading_keeps_the_authorisation_exception() -> None:
    """Each alternative changes one thing: the reading on aircraft downed at home does not also drop the authorisation."""
    from sahel_sim.library import library_world

    au = next(t for t in library_world().treaties if t.id == AU)
    clause = next(c for c in au.clauses if c.article == "4(f)")
    downing = next(a for a in clause.contested if a.id == "au-downing-over-own-territory-is-force")
    assert "the Security Council authorised the action" in [e["when"].get("label") for e in downing.changes["exceptions"]]


def test_the_scenarios_notes_are_what_the_engine_prints() -> None:
    """Each expectation's note is a sentence of the answer `sahel-sim run` prints, under the reading it is about."""
    from sahel_sim.report.tables import render_results

    sc = load_scenario(AUTHORISED)
    blocks = {None: sc.expect, **sc.expect.perspectives}
    for perspective, findings in blocks.items():
        text = " ".join(render_results([simulate(sc, perspective=perspective)], width=1000).split())
        notes = [e.note for group in (findings.obligated, findings.not_obligated, findings.permitted,
                                      findings.in_breach, findings.contested) for e in group]
        assert notes and all(notes)
        missing = [n for n in notes if n not in text]
        assert not missing, f"{perspective or 'main'} reading: {missing}"


def test_a_negated_condition_is_explained_by_its_facts_in_check() -> None:
    from sahel_sim.analysis.expectations import run_expectations

    outcomes = run_expectations(load_scenario(AUTHORISED))
    art_53 = [o for o in outcomes if o.kind == "not_obligated" and o.expected.article == "53(1)"]
    assert [o.detail for o in art_53] == ["[ecowas reading] UN (security_council) decided on 2024-05-20: authorise_force "
                                          "(required: the Security Council did not authorise the enforcement action)"]
