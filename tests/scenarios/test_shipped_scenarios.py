"""Every shipped scenario loads, runs and meets its own ``expect:`` block."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sahel_sim import load_scenario, simulate
from sahel_sim.analysis.expectations import run_expectations
from sahel_sim.analysis.expect import check_expectations

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"
SCENARIOS = sorted(SCENARIO_DIR.glob("*.yaml"))


def test_there_are_shipped_scenarios() -> None:
    """The parametrised tests below would pass vacuously on an empty directory."""
    assert len(SCENARIOS) >= 5


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario_meets_expectations(path: Path) -> None:
    """The engine's findings agree with what the scenario's author derived from the texts."""
    sc = load_scenario(path)
    outcomes = run_expectations(sc)
    assert outcomes, "no expectations were checked"
    failed = [o.describe() for o in outcomes if not o.met]
    assert not failed, "\n".join(failed)
    assert len(outcomes) >= (len(sc.expect.obligated) + len(sc.expect.not_obligated) + len(sc.expect.permitted)
                             + len(sc.expect.in_breach) + len(sc.expect.contested) + len(sc.expect.not_invoked)
                             + len(sc.expect.not_determined))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario_has_both_kinds_of_expectation(path: Path) -> None:
    """Each scenario says who must (or may, or did wrong) and who need not, so both directions are tested."""
    sc = load_scenario(path)
    assert sc.expect is not None
    assert len(sc.expect.obligated) + len(sc.expect.permitted) + len(sc.expect.in_breach) >= 1
    assert len(sc.expect.not_obligated) >= 1


def test_check_expectations_detects_a_wrong_expectation() -> None:
    """The checker itself can fail: flipping an expectation makes it unmet."""
    from sahel_sim.scenario.schema import ExpectedNonObligation, ExpectedObligation, Expectations

    sc = load_scenario(SCENARIO_DIR / "ecowas-intervention-niger-2023-10.yaml")
    result = simulate(sc)
    wrong = Expectations(
        obligated=(ExpectedObligation(obligor="TCD", treaty="liptako-gourma-charter"),
                   ExpectedObligation(obligor="MLI", treaty="liptako-gourma-charter", article="6", beneficiary="BFA")),
        not_obligated=(ExpectedNonObligation(party="MLI", treaty="liptako-gourma-charter", article="6"),),
    )
    outcomes = check_expectations(result, wrong)
    assert [o.met for o in outcomes] == [False, False, False]
    assert outcomes[2].describe().startswith("FAIL MLI not obligated")
    assert check_expectations(result, None) == []


# ------------------------------------------------------------------ acceptance: ECOWAS intervention, Oct 2023


@pytest.fixture(scope="module")
def niger_json() -> dict[str, Any]:
    sc = load_scenario(SCENARIO_DIR / "ecowas-intervention-niger-2023-10.yaml")
    return simulate(sc).to_dict()


@pytest.mark.parametrize("obligor", ["MLI", "BFA"])
def test_acceptance_art6_obligations(niger_json: dict, obligor: str) -> None:
    """Mali and Burkina Faso are obligated towards Niger under Art. 6, with reasons."""
    hits = [o for o in niger_json["obligations"]
            if o["obligor"] == obligor and o["treaty"] == "liptako-gourma-charter" and o["article"] == "6"]
    assert len(hits) == 1
    o = hits[0]
    assert o["beneficiary"] == "NER"
    assert o["reasons"] and all(r["holds"] for r in o["reasons"])
    assert o["duty"] == "assist" and o["strength"] == "mandatory"


def test_acceptance_chad_not_a_party(niger_json: dict) -> None:
    """Chad is judged under the Charter and the reason says it is not a party."""
    hits = [n for n in niger_json["non_obligations"]
            if n["party"] == "TCD" and n["treaty"] == "liptako-gourma-charter"]
    assert hits
    reason = hits[0]["reason"]
    words = " ".join([reason["text"]] + [f["text"] for f in reason["facts"]])
    assert "not a party" in words
    assert reason["holds"] is False


def test_acceptance_json_shape(niger_json: dict) -> None:
    """The JSON document names the scenario, the reading and the event's categories."""
    assert niger_json["perspective"] == "literal"
    assert [e["id"] for e in niger_json["events"]] == ["intervention"]
    assert "attack_on_sovereignty" in niger_json["events"][0]["categories"]
    assert niger_json["obligations"][0]["reference"].startswith("Art.")
