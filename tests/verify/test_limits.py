"""``sahel-sim verify``: a party's limiting reservation whose condition can never hold with its clause."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sahel_sim.cli import Exit, main

PACT = """\
id: limited-pact
name: Limited Pact
signed: 2024-01-01
in_force: 2024-01-01
parties:
  members:
    - {party: MLI, since: 2024-01-01}
    - {party: BFA, since: 2024-01-01}
    - {party: NER, since: 2024-01-01}
reservations:
  - party: NER
    effect: limit
    clauses: [art-1]
    condition: CONDITION
    text: Niger is bound only in that case.
clauses:
  - id: art-1
    article: "1"
    text: An aggression against a party obliges each other party to assist it.
    text_kind: paraphrase
    trigger: {test: category, any_of: [aggression]}
    conditions: [{test: is_party, who: target}]
    obligor: each_other_party
    beneficiary: target
    against: attackers
    duty: assist
    means: armed_force_included
    strength: mandatory
"""


def _verify(tmp_path: Path, capsys: pytest.CaptureFixture[str], condition: str, code: int) -> dict:
    path = tmp_path / "limited.yaml"
    path.write_text(PACT.replace("CONDITION", condition))
    assert main(["verify", str(path), "--out-dir", str(tmp_path / "ce"), "--format", "json"]) == code
    return json.loads(capsys.readouterr().out)


def test_a_limit_that_can_never_hold_is_reported_with_a_counterexample(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    report = _verify(tmp_path, capsys, "{test: event_kind, kinds: [coup]}", Exit.EXPECTATION_FAILED)
    (f,) = report["findings"]
    assert (f["kind"], f["severity"], f["clauses"], f["reproduced"]) == ("limit_never_holds", "warning", ["art-1"], True)
    assert f["message"] == ("NER's reservation (reservation 1) keeps it bound only if 'the event is coup', which "
                            "can never hold when the clause applies, so NER is never bound by it")
    assert f["shows"].startswith("NER is not bound for ")


def test_a_limit_that_can_hold_is_no_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _verify(tmp_path, capsys, "{test: requested, by: target, to: obligor}", Exit.OK)
    assert report["findings"] == []
