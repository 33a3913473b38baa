"""The ATOP-style summary: obligations and conditions in ATOP's vocabulary, and the CLI around it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from sahel_sim.clauses.treaty import Clause
from sahel_sim.cli import Exit, main
from sahel_sim.report.atop import APPROXIMATION, atop_fields, clause_conditions, clause_obligation, summarise, summary_row


def clause(**fields: Any) -> Clause:
    data = {"id": "c", "article": "1", "text": "t", "text_kind": "paraphrase",
            "trigger": {"test": "category", "any_of": ["armed_attack"]}, "obligor": "each_other_party",
            "duty": "assist", "means": "armed_force_included", "strength": "mandatory"}
    data.update(fields)
    return Clause.model_validate(data)


@pytest.mark.parametrize(("fields", "expected"), [
    ({}, "defense"),
    ({"duty": "consult", "means": "none"}, "consultation"),
    ({"duty": "refrain", "obligor": "attacking_parties", "means": "none"}, "nonaggression"),
    ({"duty": "refrain", "means": "none", "against": "none"}, "neutrality"),
    ({"against": "target"}, "offense"),
    ({"trigger": {"test": "category", "any_of": ["armed_rebellion"]}}, "other: assistance against internal threats"),
    ({"duty": "sanction"}, "other: sanctions"),
])
def test_clause_obligation(fields: dict, expected: str) -> None:
    assert clause_obligation(clause(**fields)) == expected


def test_clause_conditions_kinds() -> None:
    cl = clause(conditions=[
        {"test": "is_party", "who": "target"},
        {"test": "location_in_region", "regions": ["europe"], "label": "in Europe"},
        {"not": {"test": "is_party", "who": "attackers"}, "label": "the aggressor is not a member"},
        {"test": "requested", "by": "target"},
        {"test": "decided", "organisation": "ORG"},
        {"test": "event_date", "before": "2000-01-01"},
    ], exceptions=[{"when": {"test": "struck_first", "who": "target"}}])
    kinds = [(k.kind, k.text) for k in clause_conditions(cl)]
    assert kinds[0] == ("location", "in Europe")
    assert [k for k, _ in kinds] == ["location", "adversary", "on request", "collective decision",
                                     "period of application", "non-provocation"]


def test_party_tests_are_not_conditions() -> None:
    """The target or the attacker being a party is what makes an alliance clause, not an ATOP condition."""
    cl = clause(trigger={"all_of": [{"test": "category", "any_of": ["armed_attack"]},
                                    {"test": "is_party", "who": "attackers"}]},
                conditions=[{"test": "is_party", "who": "target"}], duty="refrain", obligor="attacking_parties", means="none")
    assert clause_conditions(cl) == ()


def test_nato_summary(world: Any) -> None:
    s = summarise(world.treaty("north-atlantic-treaty"))
    assert [s.has(o) for o in ("defense", "offense", "neutrality", "nonaggression", "consultation")] == [True, False, False, True, True]
    assert s.condition_kinds("defense") == ("location",)
    art5 = next(x for x in s.clauses if x.clause == "art-5-collective-defence")
    assert art5.conditional and any("discretionary" in n for n in art5.notes)
    assert summary_row(s)[1:6] == ("yes (conditional)", "no", "no", "yes", "yes")


def test_rio_and_csto_summaries(world: Any) -> None:
    rio = summarise(world.treaty("rio-treaty"))
    assert {"location", "on request", "non-provocation", "collective decision"} <= set(rio.condition_kinds("defense"))
    art20 = next(x for x in rio.clauses if x.clause == "art-20-binding-measures")
    assert any("without its consent" in n for n in art20.notes)
    cst = summarise(world.treaty("collective-security-treaty"))
    assert {"on request", "collective decision", "period of application"} <= set(cst.condition_kinds("defense"))


def test_fields_start_with_the_approximation_warning(world: Any) -> None:
    fields = atop_fields(summarise(world.treaty("rio-treaty")))
    assert fields[0] == ("note", APPROXIMATION) and "not an ATOP coding" in APPROXIMATION


def test_cli_atop(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["treaties", "north-atlantic-treaty", "--atop"]) == Exit.OK
    out = capsys.readouterr().out
    assert "ATOP-style summary: North Atlantic Treaty" in out and "approximation" in out and "defense" in out
    assert main(["treaties", "--atop"]) == Exit.OK
    out = capsys.readouterr().out
    assert "rio-treaty" in out and "collective-security-treaty" in out and "nonaggression" in out
    assert main(["treaties", "collective-security-treaty", "--atop", "-f", "json"]) == Exit.OK
    doc = json.loads(capsys.readouterr().out)
    assert doc["obligations"]["defense"] is True and "approximation" in doc
    assert main(["treaties", "rio-treaty", "--atop", "-f", "markdown"]) == Exit.OK
    assert "# ATOP-style summary: Rio Treaty" in capsys.readouterr().out
    assert main(["treaties", "--atop", "-f", "markdown"]) == Exit.OK
    assert "| rio-treaty |" in capsys.readouterr().out


def test_cli_atop_unknown_treaty(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["treaties", "north-atlantic", "--atop"]) == Exit.INPUT_ERROR
    assert "did you mean north-atlantic-treaty" in capsys.readouterr().err
