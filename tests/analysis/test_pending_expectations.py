"""``expect:`` blocks for the pending statuses: ``not_invoked`` and ``not_determined``.

A party within a clause that binds only once invoked (or once an organ determines its case) has the
status *within the clause, not invoked* (or *no determination*) while that has not come; a scenario
can say it expects that status, and ``check`` tells it met, failed (saying what the party got
instead) or badly written (a located error, exit 2).
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from sahel_sim.analysis.expect import check_expectations
from sahel_sim.analysis.expectations import run_expectations
from sahel_sim.cli import Exit, main
from sahel_sim.engine.findings import SimulationResult
from sahel_sim.errors import ScenarioError
from sahel_sim.scenario.load import load_scenario, scenario_from_text
from sahel_sim.scenario.schema import ExpectedPending, Findings, json_schema
from tests.conftest import SCENARIO_DIR

BRUSSELS = SCENARIO_DIR / "brussels-attacks-2016-article-42-7.yaml"

PACT = """scenario: pending
hypothetical: true
treaties:
  - id: pact
    name: Inline pact
    signed: 2000-01-01
    in_force: 2000-01-01
    parties: {members: [{party: NER, since: 2000-01-01}, {party: BFA, since: 2000-01-01}, {party: MLI, since: 2000-01-01}]}
    clauses:
      - id: art-1
        article: "1"
        text: An armed attack on one party, once it invokes this article, is an attack on all.
        text_kind: paraphrase
        trigger: {test: category, any_of: [armed_attack]}
        conditions: [{test: is_party, who: target}, WAITS]
        obligor: each_other_party
        duty: assist
        means: armed_force_included
        strength: mandatory
events:
  - {id: e, date: 2024-06-01, kind: armed_attack, actors: [DZA], target: MLI}
"""
INVOKED = "{test: invoked, by: target, article: '1'}"
DETERMINED = "{test: determined, organisation: ECOWAS}"


def scenario_text(waits: str, expect: str) -> str:
    return PACT.replace("WAITS", waits) + "expect:\n" + textwrap.indent(textwrap.dedent(expect).strip("\n"), "  ") + "\n"


def outcomes(waits: str, expect: str) -> list[Any]:
    return run_expectations(scenario_from_text(scenario_text(waits, expect)))


def load_error(text: str) -> str:
    with pytest.raises(ScenarioError) as info:
        scenario_from_text(text)
    return str(info.value)


def line_of(text: str, needle: str) -> int:
    return next(i + 1 for i, line in enumerate(text.splitlines()) if needle in line)


# --- met ------------------------------------------------------------------------------------------------


def test_the_shipped_brussels_scenario_expects_members_within_the_clause_not_invoked() -> None:
    found = run_expectations(load_scenario(BRUSSELS))
    pending = [o for o in found if o.kind == "not_invoked"]
    assert {o.expected.party for o in pending} == {"DEU", "FRA", "IRL"}
    assert all(o.met for o in found), [o.describe() for o in found if not o.met]
    (deu,) = [o for o in pending if o.expected.party == "DEU"]
    assert deu.describe() == ("PASS DEU within the clause, not invoked under teu-article-42-7 Art. 42(7) towards BEL: "
                              "found under Art. 42(7) for brussels-bombings; once it comes: bound, assist BEL")


def test_a_party_waiting_for_an_invocation_meets_not_invoked() -> None:
    (o,) = outcomes(INVOKED, "not_invoked: [{party: NER, treaty: pact, article: '1', beneficiary: MLI, duty: assist}]")
    assert o.met and o.kind == "not_invoked"
    assert o.detail == "found under Art. 1 for e; once it comes: bound, assist MLI"


def test_a_party_waiting_for_a_determination_meets_not_determined() -> None:
    (o,) = outcomes(DETERMINED, "not_determined: [{party: BFA, treaty: pact}]")
    assert o.met and o.describe().startswith("PASS BFA within the clause, no determination under pact: found")


def test_pending_expectations_hold_under_another_reading_too() -> None:
    (o,) = outcomes(INVOKED, "perspectives: {broad: {not_invoked: [{party: NER, treaty: pact}]}}")
    assert o.met and o.detail.startswith("[broad reading] found under Art. 1")


# --- failed, with what the party got instead --------------------------------------------------------------


def test_not_invoked_fails_when_the_clause_waits_for_a_determination_instead() -> None:
    (o,) = outcomes(DETERMINED, "not_invoked: [{party: NER, treaty: pact}]")
    assert not o.met
    assert o.detail == ("but within the clause, no determination under Art. 1 for e "
                        "(once it comes: bound, assist MLI)")


def test_not_invoked_fails_when_the_party_is_bound() -> None:
    text = scenario_text(INVOKED, "not_invoked: [{party: NER, treaty: pact}]").replace(
        "target: MLI}", "target: MLI, invocations: [{by: MLI, treaty: pact, article: '1', date: 2024-06-01}]}")
    (o,) = run_expectations(scenario_from_text(text))
    assert not o.met and o.detail == "but bound under Art. 1 for e towards MLI"
    assert o.describe().startswith("FAIL NER within the clause, not invoked under pact")


def test_not_invoked_fails_for_a_party_outside_the_clause_and_says_why() -> None:
    (o,) = outcomes(INVOKED, "not_invoked: [{party: MLI, treaty: pact}]")
    assert not o.met
    # the target waits for its own invocation too, but would not be bound once it came: not bound, not pending
    assert o.detail == ("but not bound under Art. 1 for e: no invocation of Art. 1 of the pact by MLI is recorded for e "
                        "(required: the target invoked Art. 1 of the treaty)")


def test_not_invoked_fails_towards_another_beneficiary_or_for_another_duty() -> None:
    for wrong in ("beneficiary: BFA", "duty: consult"):
        (o,) = outcomes(INVOKED, f"not_invoked: [{{party: NER, treaty: pact, {wrong}}}]")
        assert not o.met and o.detail == "but within the clause, not invoked under Art. 1 for e (once it comes: bound, assist MLI)"


def test_not_invoked_fails_for_another_event_and_for_a_treaty_the_party_is_not_in() -> None:
    text = scenario_text(INVOKED, """
        not_invoked:
          - {party: NER, treaty: pact, event: e2}
          - {party: USA, treaty: pact, article: "1", event: e}
        """).replace("target: MLI}\n", "target: MLI}\n  - {id: e2, date: 2024-06-02, kind: armed_attack, actors: [DZA], target: NGA}\n")
    ner, usa = run_expectations(scenario_from_text(text))
    assert not ner.met and ner.detail.startswith("but not bound under Art. 1 for e2: NGA is not a party")
    assert not usa.met and usa.detail == ("but not bound under the Inline pact for e: USA is not a party to the Inline "
                                          "pact on 2024-06-01 (required: the obligor is a party on the event date)")


def test_not_determined_fails_when_the_run_has_no_finding_for_the_party() -> None:
    (o,) = check_expectations(SimulationResult("s", "literal", ()),
                              Findings(not_determined=(ExpectedPending(party="NER", treaty="pact"),)))
    assert not o.met and o.detail == "no finding for this party under that clause"
    assert o.describe() == "FAIL NER within the clause, no determination under pact: no finding for this party under that clause"


def test_check_exits_1_on_a_failed_pending_expectation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(scenario_text(DETERMINED, "not_invoked: [{party: NER, treaty: pact}]"), encoding="utf-8")
    assert main(["check", str(path)]) == Exit.EXPECTATION_FAILED
    out = capsys.readouterr().out
    assert "FAIL NER within the clause, not invoked under pact: but within the clause, no determination" in out


# --- badly written: located, exit 2 ----------------------------------------------------------------------


def test_a_pending_status_under_obligated_is_refused_with_the_block_to_use() -> None:
    text = scenario_text(INVOKED, "obligated: [{obligor: NER, treaty: pact, status: not_invoked}]")
    msg = load_error(text)
    assert f":{line_of(text, 'status: not_invoked')}:" in msg and "expect.obligated[0].status" in msg
    assert "'not_invoked' is not the status of a duty" in msg and "list the party under not_invoked:" in msg
    assert "list the party under not_obligated:" in load_error(text.replace("not_invoked}", "not_bound}"))


def test_a_misspelt_pending_status_is_refused() -> None:
    text = scenario_text(INVOKED, "obligated: [{obligor: NER, treaty: pact, status: not_invokd}]")
    msg = load_error(text)
    assert "expect.obligated[0].status" in msg and "not_invoked" in msg


def test_unknown_names_in_a_pending_expectation_are_located() -> None:
    text = scenario_text(INVOKED, """
        not_invoked:
          - {party: NEE, treaty: pact, article: '2', beneficiary: MLL, event: ee}
        not_determined:
          - {party: BFA, treaty: pactt}
        """)
    msg = load_error(text)
    assert "5 problems" in msg
    for field in ("not_invoked[0].party", "not_invoked[0].article", "not_invoked[0].beneficiary",
                  "not_invoked[0].event", "not_determined[0].treaty"):
        assert f"expect.{field}" in msg, field
    assert f":{line_of(text, 'party: NEE')}:" in msg and f":{line_of(text, 'treaty: pactt')}:" in msg


def test_a_pending_expectation_without_its_treaty_or_with_an_unknown_field_is_refused() -> None:
    msg = load_error(scenario_text(INVOKED, "not_invoked: [{party: NER}]"))
    assert "expect.not_invoked[0].treaty" in msg
    msg = load_error(scenario_text(INVOKED, "not_determined: [{party: NER, treaty: pact, status: bound}]"))
    assert "expect.not_determined[0]" in msg and "status" in msg


def test_check_exits_2_on_a_bad_pending_expectation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.yaml"
    text = scenario_text(INVOKED, "not_invoked: [{party: NER, treaty: pakt}]")
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert f"{path}:{line_of(text, 'treaty: pakt')}:" in err and "Traceback" not in err


# --- published -----------------------------------------------------------------------------------------


def test_the_published_schema_documents_both_pending_blocks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "scenario"]) == Exit.OK
    schema = json.loads(capsys.readouterr().out)
    findings = schema["$defs"]["Findings"]["properties"]
    assert "within the clause, not invoked" in findings["not_invoked"]["description"]
    assert "within the clause, no determination" in findings["not_determined"]["description"]
    pending = schema["$defs"]["ExpectedPending"]
    assert pending["required"] == ["party", "treaty"] and pending["additionalProperties"] is False
    assert set(pending["properties"]) == {"party", "treaty", "article", "beneficiary", "duty", "event", "note"}
    assert json_schema("scenario") == schema
