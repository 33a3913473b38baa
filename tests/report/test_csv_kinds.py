"""Every kind of finding has CSV rows, told apart by the ``kind`` column; the default keeps to those that reach a party."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest

from sahel_sim import examples, scenario_from_text, simulate
from sahel_sim.cli import Exit, main
from sahel_sim.report.csv_out import COLUMNS, KINDS, render_csv
from tests.engine.test_event_semantics import ATTACK, INVOKED, pact
from tests.report.test_statuses_everywhere import PERMISSION


def _rows(results, **kw) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(render_csv(results, **kw))))


@pytest.fixture(scope="module")
def results():
    niger = simulate(examples.load("ecowas-intervention-niger-2023-10"))  # breaches, duties, conflicts
    permission = simulate(scenario_from_text(PERMISSION))
    pending = simulate(scenario_from_text(f"scenario: pending\nhypothetical: true\ntreaties:{pact(INVOKED)}\n"
                                          f"events:\n  {ATTACK}\n"))
    return [niger, permission, pending]


def test_every_kind_has_rows_with_all(results) -> None:
    rows = _rows(results, show_all=True)
    assert tuple(rows[0]) == COLUMNS and COLUMNS[-1] == "kind"
    assert set(Counter(r["kind"] for r in rows)) == set(KINDS)
    niger = results[0]
    assert sum(r["kind"] == "non_obligation" for r in rows if r["scenario"] == niger.scenario) == \
        len([n for n in niger.non_obligations if n.within is None])
    assert sum(r["kind"] == "conflict" for r in rows) == len(niger.conflicts) > 0


def test_the_default_keeps_the_findings_that_reach_a_party(results) -> None:
    kinds = Counter(r["kind"] for r in _rows(results))
    assert set(kinds) == {"breach", "duty", "permission", "pending"}
    assert kinds["breach"] == sum(len(r.breaches) for r in results)
    assert kinds["duty"] == sum(len(r.obligations) for r in results)
    assert kinds["permission"] == sum(len(r.permissions) for r in results) > 0


def test_a_non_obligation_row_names_the_clause_and_the_condition_that_failed(results) -> None:
    rows = [r for r in _rows(results[:1], show_all=True) if r["kind"] == "non_obligation"]
    chad = next(r for r in rows if r["obligor"] == "TCD" and r["treaty"] == "liptako-gourma-charter")
    assert chad["status"] == "not_bound" and chad["duty"] == ""
    assert "TCD is not a party" in chad["reasons"]


def test_a_conflict_row_gives_both_clauses(results) -> None:
    rows = [r for r in _rows(results[:1], show_all=True) if r["kind"] == "conflict"]
    mali = next(r for r in rows if r["obligor"] == "MLI")
    assert mali["treaty"].split(";") == ["liptako-gourma-charter", "ecowas-non-aggression-1978"]
    assert mali["duty"] == "assist;refrain" and mali["status"] == "assist_vs_refrain"
    assert mali["reasons"].startswith("MLI must assist NER against ")


def test_run_all_csv_has_every_kind_the_scenario_has(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(examples.path("ecowas-intervention-niger-2023-10"))
    assert main(["run", path, "--all", "--format", "csv"]) == Exit.OK
    kinds = Counter(r["kind"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {"breach", "duty", "non_obligation", "conflict"} <= set(kinds)
