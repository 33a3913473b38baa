"""A guarantee: each guarantor must uphold it, and a guarantor that acts against the party it guarantees is in
breach of it (not bound to defend the victim against itself); the other guarantors' statuses follow."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sahel_sim import load_scenario, simulate
from sahel_sim.errors import SahelSimError
from sahel_sim.report.answer import duty_words
from sahel_sim.scenario.load import scenario_from_text
from tests.conftest import SCENARIO_DIR

PACT = Path(__file__).parents[1] / "fixtures" / "guarantee-pact.yaml"


def _run(text: str | None = None) -> Any:
    return simulate(scenario_from_text(text) if text is not None else load_scenario(PACT))


def _statuses(result: Any, event: str, treaty: str = "guarantee") -> dict[str, str]:
    found = [f for f in result.breaches + result.obligations + result.non_obligations
             if f.event == event and f.treaty == treaty]
    return {getattr(f, "obligor", None) or f.party: f.status for f in found}


def test_the_guarantor_that_attacks_is_in_breach_and_the_other_guarantors_are_bound() -> None:
    result = _run()
    assert _statuses(result, "by-guarantor") == {"NER": "in_breach", "BFA": "bound", "SEN": "bound",
                                                 "MLI": "not_bound"}
    (breach,) = [b for b in result.breaches if b.treaty == "guarantee"]
    assert (breach.obligor, breach.beneficiary, breach.duty, breach.against) == ("NER", "MLI", "guarantee", ())
    texts = [f.text for ch in breach.reasons for x in ch.walk() for f in x.facts]
    assert "NER is a guarantor of MLI and itself one of the actors of by-guarantor" in texts
    others = [o for o in result.obligations if o.treaty == "guarantee" and o.event == "by-guarantor"]
    assert {o.against for o in others} == {("NER",)}, "the others uphold the guarantee against the guarantor"
    assert duty_words(breach) == "acted against MLI, whose guarantor it is"
    assert duty_words(others[0]) == "uphold its guarantee of MLI against NER, means not specified"


def test_an_outsiders_attack_binds_every_guarantor_and_breaches_nothing() -> None:
    result = _run()
    assert _statuses(result, "by-outsider") == {"NER": "bound", "BFA": "bound", "SEN": "bound", "MLI": "not_bound"}
    assert not [b for b in result.breaches if b.treaty == "guarantee" and b.event == "by-outsider"]


def test_a_party_that_owes_no_guarantee_is_not_in_breach_of_it() -> None:
    """Only a guarantor's act breaches: the conditions on the obligor are judged for the actor too."""
    text = PACT.read_text().replace("actors: [NER], target: MLI", "actors: [NER], target: MLI}\n"
                                    "  - {id: by-non-guarantor, date: 2020-03-01, kind: armed_attack, "
                                    "actors: [MLI], target: SEN").replace("actors: [MLI]}\n          - {test: actor_is, who: obligor",
                                                                          "actors: [MLI, SEN]}\n          - {test: actor_is, who: obligor")
    result = _run(text)
    assert _statuses(result, "by-non-guarantor")["MLI"] == "not_bound"
    assert not [b for b in result.breaches if b.treaty == "guarantee" and b.event == "by-non-guarantor"]


def test_a_collective_guarantee_lapses_for_the_others_but_the_violators_breach_stands() -> None:
    text = PACT.read_text().replace("strength: mandatory", "strength: mandatory\n        collective: true")
    result = _run(text)
    assert _statuses(result, "by-guarantor") == {"NER": "in_breach", "BFA": "not_bound", "SEN": "not_bound",
                                                 "MLI": "not_bound"}
    assert _statuses(result, "by-outsider") == {"NER": "bound", "BFA": "bound", "SEN": "bound", "MLI": "not_bound"}


def test_the_breach_is_in_the_json_breaches_and_not_among_the_obligations() -> None:
    doc = _run().to_dict()
    assert [(b["obligor"], b["status"], b["duty"]) for b in doc["breaches"] if b["treaty"] == "guarantee"] == [
        ("NER", "in_breach", "guarantee")]
    assert "NER" not in {o["obligor"] for o in doc["obligations"]
                         if o["treaty"] == "guarantee" and o["event"] == "by-guarantor"}
    json.dumps(doc)


@pytest.mark.parametrize(("change", "words"), [
    ("modality_basis: guarantee the independence and security of Mali",
     "modality: permission\n        modality_basis: guarantee the independence and security of Mali"),
    ("beneficiary: target", "beneficiary: none"),
])
def test_a_guarantee_that_is_not_an_obligation_owed_to_the_target_is_refused(change: str, words: str) -> None:
    with pytest.raises(SahelSimError) as err:
        _run(PACT.read_text().replace(change, words))
    assert "a 'guarantee' is an 'obligation' owed to the 'target'" in str(err.value)


def test_cyprus_1974_turkey_in_breach_of_its_guarantee_contested_under_its_own_reading_of_art_iv(
        shipped_runs: Any) -> None:
    result = shipped_runs.result(SCENARIO_DIR / "cyprus-turkish-intervention-1974-07.yaml")
    tid = "cyprus-treaty-of-guarantee-1960"
    assert _statuses(result, "landing", tid) == {"TUR": "in_breach", "GRC": "bound", "GBR": "bound",
                                                 "CYP": "not_bound"}
    (tur,) = [b for b in result.breaches if b.treaty == tid]
    (other,) = tur.readings
    assert (other.alternative, other.status) == ("art-iv-covers-force", "not_bound")
    assert other.reason == ("the acting guarantor invoked Art. IV's right to take action (TUR invoked Art. IV of "
                            "the cyprus-treaty-of-guarantee-1960)")
    assert tur.confidence != "confirmed" and tur.contested
    assert "Kathimerini" not in (other.source or "") and "kathimerini" in (other.source or "")
