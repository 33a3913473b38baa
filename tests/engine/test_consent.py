"""Consent beyond a boolean: who may consent for a state, and consent given by a named government (issue 14)."""

from __future__ import annotations

from typing import Any

import pytest

from sahel_sim import simulate
from sahel_sim.errors import ScenarioError

INVITED = "scenarios/ecowas-intervention-niger-2023-10-invited.yaml"


def _intervention(make_scenario: Any, extra: str, day: str = "2023-10-01", head: str = "") -> Any:
    return make_scenario(f"""
        scenario: consent
        {head}
        events:
          - id: e
            date: {day}
            kind: military_intervention
            actors: [NGA]
            target: NER
            location: NER
            {extra}
    """)


def _breach(result: Any, obligor: str = "NGA", treaty: str = "un-charter") -> Any:
    found = [o for o in result.breaches if o.obligor == obligor and o.treaty == treaty]
    return found[0] if found else None


def _readings(finding: Any) -> dict[str, str]:
    return {r.alternative: r.status for r in finding.readings}


def test_consent_true_still_means_the_target_consented(make_scenario: Any) -> None:
    result = simulate(_intervention(make_scenario, "consent: true"))
    assert _breach(result) is None
    without = simulate(_intervention(make_scenario, "consent: false"))
    assert _breach(without) is not None and not _breach(without).readings


def test_the_deposed_presidents_consent_is_contested_after_the_coup(make_scenario: Any) -> None:
    result = simulate(_intervention(make_scenario, "consents: [{by: NER-bazoum, date: 2023-08-03}]"))
    found = _breach(result)
    assert found is not None, "under the effective-control reading only the CNSP may consent for Niger"
    assert _readings(found) == {"recognised-government-consents": "not_bound"}
    assert found.confidence in ("disputed", "recalled")


def test_the_juntas_consent_counts_on_the_main_reading_and_not_on_the_other(make_scenario: Any) -> None:
    result = simulate(_intervention(make_scenario, "consents: [{by: NER-cnsp}]"))
    found = [n for n in result.non_obligations if n.party == "NGA" and n.treaty == "un-charter" and n.article == "2(4)"]
    assert _breach(result) is None and found
    assert {r.alternative: r.status for r in found[0].readings} == {"recognised-government-consents": "in_breach"}


def test_before_the_coup_the_government_in_office_consents_uncontested(make_scenario: Any) -> None:
    result = simulate(_intervention(make_scenario, "consents: [{by: NER-bazoum}]", day="2023-07-01"))
    assert _breach(result) is None
    assert not any(n.readings for n in result.non_obligations if n.party == "NGA")


def test_a_deposed_government_before_the_coup_is_not_the_one_in_office(make_scenario: Any) -> None:
    result = simulate(_intervention(make_scenario, "consents: [{by: NER-cnsp}]", day="2023-07-01"))
    assert _breach(result) is not None and not _breach(result).readings


def test_consent_given_after_the_event_is_not_consent_to_it(make_scenario: Any) -> None:
    from sahel_sim.clauses.families.events import ConsentedTest, _consented
    from sahel_sim.engine.evaluate import Situation

    scenario = _intervention(make_scenario, "consents: [{by: NER-bazoum, date: 2023-08-01}]", day="2023-07-01")
    holds, facts = _consented(ConsentedTest(test="consented"), Situation(scenario.graph, scenario.events[0], None))
    assert not holds
    assert "after the event (2023-07-01): consent given afterwards is not consent to it" in facts[0].text
    assert facts[-1].text == ("the government of Mohamed Bazoum (NER-bazoum) may consent for NER on 2023-07-01: it is "
                              "the government in office")
    assert _breach(simulate(scenario)) is not None


def test_the_reasons_name_who_may_consent_under_each_reading(make_scenario: Any) -> None:
    from sahel_sim.clauses.families.events import ConsentedTest, _consented
    from sahel_sim.engine.contested import apply_reading, readings_of
    from sahel_sim.engine.evaluate import Situation
    from sahel_sim.graph import compile_world

    scenario = _intervention(make_scenario, "consents: [{by: NER-bazoum, date: 2023-08-03}]")
    event = scenario.events[0]
    holds, facts = _consented(ConsentedTest(test="consented"), Situation(scenario.graph, event, None))
    assert not holds
    assert [f.text for f in facts] == [
        "the government of Mohamed Bazoum (NER-bazoum) consented to e",
        "the government of Abdourahamane Tiani (CNSP) (NER-cnsp) may consent for NER on 2023-10-01: it holds "
        "effective control"]
    reading = next(r for r in readings_of(scenario.world, scenario.events) if r.id == "recognised-government-consents")
    assert reading.disputes == "who may consent for NER from 2023-07-26"
    world, _ = apply_reading(scenario.world, scenario.events, reading)
    holds, facts = _consented(ConsentedTest(test="consented"), Situation(compile_world(world).G, event, None))
    assert holds
    assert facts[-1].text == ("the government of Mohamed Bazoum (NER-bazoum) may consent for NER on 2023-10-01: it is "
                              "the government recognised by ECOWAS, though removed from office on 2023-07-26")


def test_the_consent_facts_are_rechecked_against_the_world(make_scenario: Any) -> None:
    from sahel_sim.clauses.checks import Fact
    from sahel_sim.testing import fact_holds

    scenario = _intervention(make_scenario, "consents: [{by: NER-bazoum, date: 2023-08-03}]")
    compiled, events = scenario.compiled, scenario.events
    assert fact_holds(compiled, events, Fact("may_consent", ("NER", "2023-10-01", "NER-cnsp"), "")) is True
    assert fact_holds(compiled, events, Fact("may_consent", ("NER", "2023-10-01", "NER-bazoum"), "")) is False
    assert fact_holds(compiled, events, Fact("may_consent", ("NER", "2023-07-01", "NER-bazoum"), "")) is True
    assert fact_holds(compiled, events, Fact("consent_given", ("NER-bazoum", "e", "2023-08-03"), "")) is True
    assert fact_holds(compiled, events, Fact("consent_given", ("NER-cnsp", "e", ""), "")) is False


def test_the_shipped_invited_scenario_reports_both_readings(shipped_runs: Any) -> None:
    result = shipped_runs.result(INVITED)
    assert _readings(_breach(result)) == {"recognised-government-consents": "not_bound"}
    charter = [o for o in result.obligations if o.treaty == "liptako-gourma-charter" and o.obligor == "MLI"]
    assert _readings(charter[0])["recognised-government-consents"] == "not_bound"


def test_a_scenario_without_named_consent_does_not_run_the_consent_reading(shipped_runs: Any) -> None:
    result = shipped_runs.result("scenarios/ecowas-intervention-niger-2023-10.yaml")
    assert not any(r.alternative == "recognised-government-consents"
                   for e in result.events for o in e.breaches + e.obligations for r in o.readings)


# ------------------------------------------------------------------------------------------- errors


@pytest.mark.parametrize("extra, match", [
    ("consents: [{by: NER-bazum}]", r"events\[0\]\.consents\[0\]\.by.*unknown government 'NER-bazum'.*NER-bazoum"),
    ("consents: [{by: NER}]", r"unknown government 'NER'"),
    ("consent: true\n            consents: [{by: NER-cnsp}]", r"'consent: true' and 'consents:' both say who consented"),
])
def test_a_bad_consent_is_refused_with_its_field(make_scenario: Any, extra: str, match: str) -> None:
    with pytest.raises(ScenarioError, match=match):
        _intervention(make_scenario, extra)


def test_a_consent_by_another_states_government_is_refused(make_scenario: Any) -> None:
    head = "governments: [{id: GHA-x, state: GHA, head: H, since: 2020-01-01, came_to_power: election}]"
    with pytest.raises(ScenarioError, match=r"consents\[0\]\.by.*the government 'GHA-x' is GHA's, not NER's"):
        _intervention(make_scenario, "consents: [{by: GHA-x}]", head=head)


@pytest.mark.parametrize("head, match", [
    ("consent_authorities: [{state: NER, since: 2024-01-01, government: NER-nobody, basis: recognition}]",
     r"consent_authorities\[0\]\.government.*unknown government 'NER-nobody'"),
    ("consent_authorities: [{state: XYZ, since: 2024-01-01, government: NER-cnsp, basis: recognition}]",
     r"consent_authorities\[0\]\.state.*unknown state 'XYZ'"),
    ("consent_authorities: [{state: NER, since: 2024-01-01, government: NER-cnsp, basis: elected}]",
     r"consent_authorities\[0\]\.basis"),
    ("governments: [{id: NER-cnsp, state: NER, head: H, since: 2020-01-01, came_to_power: coup}]",
     r"governments\[0\]\.id.*duplicate government id 'NER-cnsp'"),
    ("consent_authorities: [{state: NER, since: 2024-01-01, government: NER-cnsp, basis: effective_control,\n"
     "          contested: [{id: x, label: y, changes: {government: NER-nobody}}]}]",
     r"consent_authorities\[0\]\.contested.*unknown government 'NER-nobody'"),
])
def test_a_bad_consent_authority_is_refused(make_scenario: Any, head: str, match: str) -> None:
    with pytest.raises(ScenarioError, match=match):
        _intervention(make_scenario, "consent: false", head=head)


def test_a_scenarios_own_authority_decides_who_may_consent(make_scenario: Any) -> None:
    head = ("consent_authorities: [{state: NER, since: 2023-09-01, government: NER-bazoum, basis: recognition,"
            " recognised_by: [ECOWAS]}]")
    result = simulate(_intervention(make_scenario, "consents: [{by: NER-bazoum}]", head=head))
    assert _breach(result) is None


def test_a_what_if_that_sets_consent_true_overrides_the_named_consent(make_scenario: Any) -> None:
    from sahel_sim.clauses.families.events import ConsentedTest, _consented
    from sahel_sim.engine.evaluate import Situation

    scenario = _intervention(make_scenario, "consents: [{by: NER-bazoum, date: 2023-08-03}]")
    flipped = scenario.events[0].model_copy(update={"consent": True})
    holds, facts = _consented(ConsentedTest(test="consented"), Situation(scenario.graph, flipped, None))
    assert holds and [f.text for f in facts] == ["NER consented to e"]


def test_the_page_names_who_consented(make_scenario: Any) -> None:
    from sahel_sim.report.html import scenario_html

    html = scenario_html(_intervention(make_scenario, "consents: [{by: NER-bazoum, date: 2023-08-03}]"))
    assert ">by NER-bazoum</td>" in html
    assert ">no</td>" in scenario_html(_intervention(make_scenario, "consent: false"))
