"""Contested readings combined, on request and bounded: the product of the readings that change a finding,
each combination reported where it gives a status no smaller set of its readings gives; refused past the bound."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sahel_sim import load_scenario, simulate
from sahel_sim.cli import Exit, main
from sahel_sim.engine.combined import Combination, TooManyCombinations, combinations
from sahel_sim.engine.contested import Reading, apply_readings, readings_of
from sahel_sim.errors import SahelSimError
from sahel_sim.model.base import Alternative
from sahel_sim.report.results_json import expand
from sahel_sim.report.results_schema import results_schema
from sahel_sim.scenario.load import scenario_from_text

TWO = Path(__file__).parents[1] / "fixtures" / "two-readings.yaml"
OURS = ("bol-joined-2019", "ecu-never-left", "means-at-discretion")


def _others(result: Any, who: str) -> list[tuple[str, str, tuple[str, ...]]]:
    (f,) = [f for f in result.obligations + result.non_obligations if f.treaty == "pact"
            and (getattr(f, "obligor", None) or f.party) == who]
    return [(r.alternative, r.status, r.combines) for r in f.readings]


def test_each_reading_alone_by_default_and_no_combination() -> None:
    result = simulate(load_scenario(TWO))
    assert _others(result, "BOL") == [("bol-joined-2019", "bound", ())]
    assert not [a for a in result.alternatives if isinstance(a, Combination)]


def test_combined_the_finding_names_the_combination_that_gives_a_new_status() -> None:
    result = simulate(load_scenario(TWO), combine_readings=True)
    assert _others(result, "BOL") == [
        ("bol-joined-2019", "bound", ()),
        ("bol-joined-2019 + means-at-discretion", "bound_discretion", ("bol-joined-2019", "means-at-discretion"))]
    assert _others(result, "ECU") == [
        ("ecu-never-left", "bound", ()),
        ("ecu-never-left + means-at-discretion", "bound_discretion", ("ecu-never-left", "means-at-discretion"))]
    # Peru's status changes with the means alone; no combination adds another status for it
    assert _others(result, "PER") == [("means-at-discretion", "bound_discretion", ())]
    combos = [a.to_dict() for a in result.alternatives if isinstance(a, Combination)]
    assert [c["combines"] for c in combos] == [
        ["bol-joined-2019", "ecu-never-left"], ["bol-joined-2019", "means-at-discretion"],
        ["ecu-never-left", "means-at-discretion"], ["bol-joined-2019", "ecu-never-left", "means-at-discretion"]]
    assert combos[1]["changes"] == {"bol-joined-2019": {"since": "2019-01-01"},
                                    "means-at-discretion": {"strength": "discretionary"}}


def test_past_the_bound_the_run_is_refused_with_one_message() -> None:
    with pytest.raises(TooManyCombinations) as err:
        simulate(load_scenario(TWO), combine_readings=True, max_combinations=3)
    assert str(err.value) == (
        "combining readings: the 3 readings that change a finding of this case (bol-joined-2019, ecu-never-left, "
        "means-at-discretion) give 4 combinations of two or more, more than the bound of 3; run without combining "
        "them (each reading is still compared with the main one), or raise the bound (--max-combinations, or "
        "max_combinations=)")
    assert isinstance(err.value, SahelSimError)
    simulate(load_scenario(TWO), combine_readings=True, max_combinations=4)  # exactly the bound: run


@pytest.mark.parametrize(("options", "words"), [
    ({"max_combinations": 0}, "max_combinations must be a whole number from 1 to 1,024, not 0"),
    ({"max_combinations": 1025}, "max_combinations must be a whole number from 1 to 1,024, not 1025"),
    ({"max_combinations": True}, "max_combinations must be a whole number from 1 to 1,024, not True"),
    ({"alternatives": False}, "combine_readings needs the alternatives: drop alternatives=False"),
    ({"cascade": 1}, "combine_readings compares the scenario's own events, not a cascade's rounds"),
])
def test_a_request_that_cannot_be_met_is_refused(options: dict[str, Any], words: str) -> None:
    with pytest.raises(SahelSimError) as err:
        simulate(load_scenario(TWO), combine_readings=True, **options)
    assert words in str(err.value)


def _reading(rid: str, owner: Any = None, perspective: str | None = None) -> Reading:
    alt = Alternative(id=rid, label=rid, perspective=perspective, changes={} if perspective else {"note": rid})
    return Reading(alt, f"the fact {rid}", owner)


def test_one_reading_per_disputed_fact_and_one_perspective_per_combination() -> None:
    fact, other = object(), object()
    a, b, c = _reading("a", fact), _reading("b", fact), _reading("c", other)
    assert [x.id for x in combinations([a, b, c])] == ["a + c", "b + c"]
    p, q = _reading("p", perspective="broad"), _reading("q", perspective="ecowas")
    assert [x.id for x in combinations([p, q, c])] == ["p + c", "q + c"]
    with pytest.raises(TooManyCombinations):
        combinations([a, b, c], bound=1)


def test_a_treaty_reading_and_a_reading_of_its_clause_apply_together() -> None:
    text = TWO.read_text().replace(
        "    in_force: 2000-01-01\n",
        "    in_force: 2000-01-01\n    contested: [{id: later, label: later, changes: {in_force: 2001-01-01}}]\n", 1)
    s = scenario_from_text(text)
    readings = [r for r in readings_of(s.world, s.events) if r.id in ("later", "means-at-discretion")]
    world, _ = apply_readings(s.world, s.events, readings)
    pact = next(t for t in world.treaties if t.id == "pact")
    assert str(pact.in_force) == "2001-01-01" and pact.clauses[0].strength.value == "discretionary"


def test_the_command_line_combines_on_request_and_refuses_past_the_bound(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(TWO), "--combine-readings", "--format", "json"]) == Exit.OK
    doc = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator(results_schema()).validate(doc)
    full = expand(doc)
    combos = [a for a in full["alternatives"] if a.get("combines")]
    assert len(combos) == 4
    bol = [r for n in full["non_obligations"] if n["party"] == "BOL" and n["treaty"] == "pact" for r in n["readings"]]
    assert {"alternative": "bol-joined-2019 + means-at-discretion", "status": "bound_discretion",
            "combines": ["bol-joined-2019", "means-at-discretion"]}.items() <= bol[1].items()
    assert main(["run", str(TWO), "--combine-readings", "--max-combinations", "3"]) == Exit.INPUT_ERROR
    captured = capsys.readouterr()
    assert captured.out == "" and "give 4 combinations of two or more, more than the bound of 3" in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize(("args", "words"), [
    (["--max-combinations", "8"], "--max-combinations bounds --combine-readings; give both, or neither"),
    (["--combine-readings", "--compare-perspectives"], "--combine-readings does not apply to --compare-perspectives"),
    (["--combine-readings", "--max-combinations", "0"], "must be from 1 to 1024 combinations"),
    (["--combine-readings", "--max-combinations", "many"], "'many' is not a whole number"),
])
def test_the_command_line_refuses_a_bound_it_cannot_use(args: list[str], words: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(TWO), *args]) == Exit.INPUT_ERROR
    captured = capsys.readouterr()
    assert words in captured.err and "Traceback" not in captured.err and captured.out == ""
