"""The issue's acceptance cases: the UK-Poland Agreement of 1939 and France's invocation of Art. 42(7) TEU."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SPECIFIC = {"AUT", "CYP", "FIN", "IRL", "MLT", "SWE"}


def _found(doc: dict[str, Any], treaty: str, event: str) -> dict[str, dict[str, Any]]:
    return {o["obligor"]: o for o in doc["obligations"] if o["treaty"] == treaty and o["event"] == event}


@pytest.fixture(scope="module")
def poland(shipped_runs: Any) -> dict[str, Any]:
    return shipped_runs.result(SCENARIOS / "poland-september-1939.yaml").to_dict()


@pytest.fixture(scope="module")
def paris(shipped_runs: Any) -> dict[str, Any]:
    return shipped_runs.result(SCENARIOS / "paris-attacks-2015-article-42-7.yaml").to_dict()


def test_german_aggression_binds_the_united_kingdom_under_art_1(poland: dict[str, Any]) -> None:
    got = _found(poland, "uk-poland-1939", "german-invasion")
    assert set(got) == {"GBR"}
    o = got["GBR"]
    assert (o["article"], o["duty"], o["strength"], o["beneficiary"]) == ("1", "assist", "mandatory", "POL")
    assert any(r["test"] == "actor_is" and r["holds"] for r in o["reasons"]), "the named-state test decided it"


@pytest.mark.parametrize("event", ["soviet-invasion", "slovak-attack"])
def test_another_european_power_brings_only_consultation(poland: dict[str, Any], event: str) -> None:
    got = _found(poland, "uk-poland-1939", event)
    assert set(got) == {"GBR"}
    assert (got["GBR"]["article"], got["GBR"]["duty"]) == ("Protocol 1(b)", "consult")


def test_every_other_member_owes_france_aid_from_the_invocation(paris: dict[str, Any]) -> None:
    got = _found(paris, "teu-article-42-7", "paris-attacks")
    assert len(got) == 27 and "FRA" not in got  # 28 members in 2015
    for o in got.values():
        assert (o["duty"], o["strength"], o["binding_from"]) == ("assist", "mandatory", "2015-11-17")
        assert "by all the means in their power" in o["text"]
    flagged = {party for party, o in got.items() if o.get("flags")}
    assert flagged == SPECIFIC
    assert all("specific character" in f["text"] for party in SPECIFIC for f in got[party]["flags"])

