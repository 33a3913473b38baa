"""Every shipped clause says its modality (must, may, must not) with the words of its text that decide it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from sahel_sim.api import simulate
from sahel_sim.clauses.treaty import Clause
from sahel_sim.library import find_treaty, shipped_treaties
from sahel_sim.report.atop import clause_obligation
from sahel_sim.report.treaties import clause_fields
from sahel_sim.scenario.load import scenario_from_text

ROOT = Path(__file__).resolve().parents[2]
TREATIES = sorted((ROOT / "sahel_sim" / "data" / "treaties").glob("*.yaml"))
NOT_YET_REVISITED: tuple[str, ...] = ()


def _raw_clauses(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8")).get("clauses") or []


@pytest.mark.parametrize("path", [p for p in TREATIES if p.stem not in NOT_YET_REVISITED], ids=lambda p: p.stem)
def test_every_clause_writes_its_modality_and_the_words_that_decide_it(path: Path) -> None:
    for raw in _raw_clauses(path):
        assert raw.get("modality") in ("obligation", "permission", "prohibition"), (path.stem, raw["id"])
        assert raw.get("modality_basis"), (path.stem, raw["id"])


def _clause(tid: str, cid: str) -> Clause:
    treaty = find_treaty(shipped_treaties(), tid)
    return next(c for c in treaty.clauses if c.id == cid)


def test_a_basis_must_be_words_of_the_clause_text() -> None:
    base = {"id": "c", "article": "1", "text": 'Each party "shall assist" the party attacked.', "text_kind": "quote",
            "trigger": {"test": "category", "any_of": ["armed_attack"]}, "obligor": "each_other_party",
            "duty": "assist", "means": "unspecified", "strength": "mandatory"}
    assert Clause.model_validate({**base, "modality_basis": "SHALL   assist"}).modality_basis == "SHALL   assist"
    with pytest.raises(ValidationError, match="does not occur in the clause's text"):
        Clause.model_validate({**base, "modality_basis": "may assist"})


def test_rio_art_3_2_may_is_a_choice_of_measures_within_the_duty_not_a_permission(shipped_runs: Any) -> None:
    art3 = _clause("rio-treaty", "art-3-reciprocal-assistance")
    assert art3.modality.value == "obligation" and art3.strength.value == "discretionary"
    assert "in fulfillment of the obligation" in art3.text
    result = shipped_runs.result(ROOT / "scenarios" / "rio-binding-decision-hypothetical.yaml")
    art3_findings = {o.status for o in result.obligations + result.permissions if o.ref.clause == art3.id}
    assert art3_findings == {"bound_discretion"}


def test_german_soviet_art_ii_is_benevolent_neutrality_and_atop_codes_neutrality(shipped_runs: Any) -> None:
    art2 = _clause("german-soviet-pact-1939", "art-2-no-support-to-a-third-power")
    assert art2.duty.value == "benevolent_neutrality"
    assert clause_obligation(art2) == "neutrality"
    assert clause_obligation(_clause("soviet-japanese-neutrality-pact-1941", "art-2-neutrality")) == "neutrality"
    result = shipped_runs.result(ROOT / "scenarios" / "german-soviet-pact-1939-1941.yaml")
    duty = next(o for o in result.obligations if o.ref.clause == art2.id and o.obligor == "SUN")
    assert (duty.duty, duty.status) == ("benevolent_neutrality", "bound_to_neutrality")


def test_the_treaty_view_shows_the_modality_with_its_words() -> None:
    fields = dict(clause_fields(_clause("north-atlantic-treaty", "art-5-collective-defence")))
    assert fields["modality"] == "obligation — such action as it deems necessary, including the use of armed force"
    fields = dict(clause_fields(_clause("north-atlantic-treaty", "art-1-non-aggression")))
    assert fields["modality"].startswith("prohibition — to refrain")


def test_an_inline_permission_with_its_words_reports_may_act() -> None:
    text = (Path(__file__).parents[1] / "fixtures" / "permission-pact.yaml").read_text(encoding="utf-8")
    result = simulate(scenario_from_text(text))
    assert [(p.obligor, p.status) for p in result.permissions] == [("NER", "may_act")]
    assert not [o for o in result.obligations if o.treaty == "pact"]
