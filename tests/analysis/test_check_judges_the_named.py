"""``check`` judges only the actors its expectations name, and tells every expectation as the whole runs do."""

from __future__ import annotations

from typing import Any

import pytest

from analysis.conftest import S2023, SCENARIOS
from sahel_sim import load_scenario, scenario_from_text
from sahel_sim.analysis.expectations import named, run_expectations
from sahel_sim.api import library_readings
from sahel_sim.scenario.schema import Expectations, Findings

BASE = S2023.read_text(encoding="utf-8").split("\nexpect:", 1)[0] + "\n"

#: Expectations that fail, each about one actor, and one of each kind the schema has.
FAILING = """expect:
  obligated:
    - {obligor: NGA, beneficiary: NER, treaty: liptako-gourma-charter, article: "6"}
  permitted:
    - {obligor: GHA, treaty: un-charter}
  in_breach:
    - {obligor: MLI, treaty: ecowas-non-aggression-1978, article: "1"}
  not_obligated:
    - {party: BFA, treaty: liptako-gourma-charter, article: "6"}
  not_invoked:
    - {party: TCD, treaty: un-charter}
  not_determined:
    - {party: SEN, treaty: ecowas-mechanism-1999}
  contested:
    - {party: CIV, treaty: ecowas-non-aggression-1978, alternative: charter-in-force-on-ratification}
  perspectives:
    ecowas:
      obligated:
        - {obligor: MLI, beneficiary: NER, treaty: liptako-gourma-charter, article: "6"}
  conflicts:
    - actor: GHA
      first: {treaty: liptako-gourma-charter, article: "6"}
      second: {treaty: ecowas-non-aggression-1978, article: "1"}
    - actor: BFA
      absent: true
      first: {treaty: liptako-gourma-charter, article: "6"}
      second: {treaty: ecowas-non-aggression-1978, article: "1"}
"""


def _told(outcomes: list[Any]) -> list[tuple[Any, ...]]:
    return [(o.kind, o.expected, o.met, o.detail) for o in outcomes]


def _whole(scenario: Any, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """The outcomes when every actor is judged, each run alone (no actor left out, no reading shared)."""
    with monkeypatch.context() as m:
        m.setattr("sahel_sim.analysis.expectations.named", lambda expect: None)
        return _told(run_expectations(scenario))


@pytest.mark.parametrize("name", ["ecowas-intervention-niger-2023-10", "ecowas-intervention-niger-2025-03",
                                  "security-council-authorised-and-unauthorised-intervention-niger",
                                  "cyprus-turkish-intervention-1974-07"])
def test_check_tells_each_shipped_expectation_as_the_whole_runs_do(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    told = _told(run_expectations(scenario, library_readings()))
    assert told == _whole(scenario, monkeypatch) and all(met for _, _, met, _ in told)


def test_check_tells_each_failed_expectation_as_the_whole_runs_do(monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = scenario_from_text(BASE + FAILING)
    told = _told(run_expectations(scenario, library_readings()))
    assert told == _whole(scenario, monkeypatch)
    assert len(told) == 10 and not any(met for _, _, met, _ in told)
    assert {kind for kind, *_ in told} == {"obligated", "permitted", "in_breach", "not_obligated", "not_invoked",
                                           "not_determined", "contested", "conflict"}


def test_the_actors_named_are_those_of_every_kind_of_expectation() -> None:
    scenario = scenario_from_text(BASE + FAILING)
    assert named(scenario.expect) == {"NGA", "GHA", "MLI", "BFA", "TCD", "SEN", "CIV"}
    # a kind of expectation added to the schema must be added to what `named` reads
    assert set(Findings.model_fields) == {"obligated", "not_obligated", "not_invoked", "not_determined", "permitted",
                                          "in_breach", "contested"}
    assert set(Expectations.model_fields) - set(Findings.model_fields) == {"perspectives", "conflicts", "cascade"}
