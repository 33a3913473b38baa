"""*Within the clause, not invoked* in the terminal answer and the CSV, in the one status vocabulary."""

from __future__ import annotations

import csv
import io

from sahel_sim import simulate
from sahel_sim.clauses.status import Status, label
from sahel_sim.report.answer import event_paras, party_paras
from sahel_sim.report.csv_out import render_csv
from sahel_sim.scenario.load import scenario_from_text
from tests.engine.test_event_semantics import ATTACK, INVOKED, pact


def _result():
    text = f"scenario: pending\nhypothetical: true\ntreaties:{pact(INVOKED)}\nevents:\n  {ATTACK}\n"
    return simulate(scenario_from_text(text))


def test_the_statuses_have_labels() -> None:
    assert label(Status.not_invoked) == "within the clause, not invoked"
    assert label("not_determined") == "within the clause, no determination"


def test_the_answer_lists_them_apart_from_bound_and_not_bound() -> None:
    texts = [p.text for p in event_paras(_result().events[0])]
    i = texts.index("Within the clause, not invoked (2)")
    assert texts[i + 1:i + 4] == [
        "Inline pact Art. 1 — BFA, NER",
        "no invocation of Art. 1 of the pact by MLI is recorded for e (required: the target invoked Art. 1 of the treaty)",
        "every other requirement is met; once it comes: bound, assist MLI against DZA, armed force included",
    ]
    not_bound = texts[texts.index(next(t for t in texts if t.startswith("Not bound"))):]
    assert "Inline pact Art. 1 — BFA, NER" not in not_bound and "Inline pact Art. 1 — MLI" in not_bound


def test_the_party_block_shows_it_too() -> None:
    texts = [p.text for p in party_paras(_result().events[0], "NER")]
    assert "Within the clause, not invoked (1)" in texts and "Inline pact Art. 1 — NER" in texts
    assert "Inline pact" not in " ".join(texts[texts.index(next(t for t in texts if t.startswith("Not bound"))):])


def test_the_csv_has_a_row_with_the_duty_it_would_be_and_the_missing_invocation() -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv([_result()]))))
    mine = [r for r in rows if r["treaty"] == "pact"]
    assert [(r["obligor"], r["status"], r["duty"], r["beneficiary"]) for r in mine] == [
        ("BFA", "not_invoked", "assist", "MLI"), ("NER", "not_invoked", "assist", "MLI")]
    assert mine[0]["reasons"].endswith("no invocation of Art. 1 of the pact by MLI is recorded for e")


def test_every_clause_that_waits_is_shown_not_one_per_treaty() -> None:
    """Event a: Art. 1 waits for Mali's invocation and Art. 2 for a determination, both of the same pact."""
    from pathlib import Path

    from sahel_sim.scenario.load import load_scenario

    result = simulate(load_scenario(Path(__file__).parent / "french-event-facts.yaml"))
    texts = [p.text for p in event_paras(result.events[0])]
    assert "Within the clause, not invoked (2)" in texts and "Within the clause, no determination (2)" in texts
    assert texts.count("Inline pact Art. 1 — BFA, NER") == 1 and texts.count("Inline pact Art. 2 — BFA, NER") == 1
