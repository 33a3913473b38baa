"""Competing readings side by side.

The literal and AES readings make the mandated intervention an infringement of Niger's
sovereignty (rule armed-force-by-a-state), which is what the Charter's Art. 6 trigger
needs; the ECOWAS reading's rule mandated-enforcement removes it (an ECOWAS-mandated
action against a member state is an enforcement measure).  After the ECOWAS exit (2025)
Niger is no longer a member, the rule no longer applies and the readings agree.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from analysis.conftest import CHARTER, INTERVENING, NON_AGGRESSION
from sahel_sim.analysis.compare import compare_perspectives
from sahel_sim.errors import UnknownEntityError


@pytest.fixture(scope="module")
def cmp2023(s2023: Any) -> Any:
    return compare_perspectives(s2023)


def _row(cmp: Any, obligor: str, treaty: str) -> Any:
    return next(r for r in cmp.rows if r.obligor == obligor and r.treaty == treaty)


def test_every_shipped_reading_is_compared_in_order(cmp2023: Any) -> None:
    assert cmp2023.perspectives == ("aes", "broad", "ecowas", "literal")
    assert set(cmp2023.results) == {"aes", "broad", "ecowas", "literal"}
    assert {p: r.perspective for p, r in cmp2023.results.items()} == {p: p for p in cmp2023.perspectives}


@pytest.mark.parametrize("state", ["MLI", "BFA"])
def test_art_6_duty_present_under_aes_and_literal_absent_under_ecowas(cmp2023: Any, state: str) -> None:
    row = _row(cmp2023, state, CHARTER)
    assert (row.article, row.beneficiary, row.event, row.clause) == ("6", "NER", "intervention",
                                                                      "art-6-collective-defence")
    assert row.present == {"aes": True, "broad": True, "ecowas": False, "literal": True}
    assert row.differs
    assert row.why.startswith("attack_on_sovereignty")
    assert "mandated-enforcement" in row.why
    assert "armed-force-by-a-state" in row.why
    assert "not under ecowas" in row.why
    assert row in cmp2023.differences


def test_the_why_names_only_trigger_categories_of_the_clause(cmp2023: Any) -> None:
    """Art. 6 is triggered by attack_on_sovereignty only; the Non-Aggression Protocol by aggression or use_of_force."""
    art6 = _row(cmp2023, "MLI", CHARTER)
    assert "aggression:" not in art6.why and "use_of_force" not in art6.why
    nga = _row(cmp2023, "NGA", NON_AGGRESSION)
    assert nga.present == {"aes": True, "broad": True, "ecowas": False, "literal": True}
    assert "aggression:" in nga.why and "use_of_force:" in nga.why
    assert "attack_on_sovereignty" not in nga.why


def test_categories_per_reading(cmp2023: Any) -> None:
    cats = cmp2023.categories("intervention")
    assert "attack_on_sovereignty" in cats["aes"] and "attack_on_sovereignty" in cats["literal"]
    assert cats["ecowas"] == ["enforcement_measure"]


def test_rows_cover_every_obligation_of_every_reading(cmp2023: Any) -> None:
    keys = {(r.event, r.obligor, r.treaty, r.clause) for r in cmp2023.rows}
    for res in cmp2023.results.values():
        for o in res.obligations:
            assert (o.event, o.obligor, o.treaty, o.ref.clause) in keys
    assert {r.obligor for r in cmp2023.rows if r.treaty == NON_AGGRESSION} == set(INTERVENING)


def test_rows_that_do_not_differ_say_so(s2025: Any) -> None:
    cmp = compare_perspectives(s2025)
    art6 = [r for r in cmp.rows if r.treaty == CHARTER]
    assert {r.obligor for r in art6} == {"BFA", "MLI"}
    for r in art6:
        assert r.present == {"aes": True, "broad": True, "ecowas": True, "literal": True}
        assert not r.differs
        assert r.why == "the same under every reading"
        assert r not in cmp.differences
    assert cmp.to_dict()["rows"][0]["differs"] is False


def test_as_of_after_the_exit_makes_the_readings_agree(s2023: Any) -> None:
    cmp = compare_perspectives(s2023, as_of=date(2025, 2, 1))
    assert cmp.differences == ()
    assert {r.obligor for r in cmp.rows if r.treaty == CHARTER} == {"BFA", "MLI"}


def test_to_dict_shape(cmp2023: Any) -> None:
    import json

    d = cmp2023.to_dict()
    assert set(d) == {"perspectives", "categories", "rows"}
    assert d["perspectives"] == ["aes", "broad", "ecowas", "literal"]
    assert set(d["categories"]) == {"intervention"}
    assert set(d["categories"]["intervention"]) == {"aes", "broad", "ecowas", "literal"}
    assert len(d["rows"]) == len(cmp2023.rows)
    for row in d["rows"]:
        assert set(row) == {"event", "obligor", "beneficiary", "treaty", "article", "clause", "reference", "present",
                            "statuses", "differs", "why"}
        assert row["reference"].startswith("Art. ") and row["article"] in row["reference"]  # cited as a sentence does
        assert set(row["present"]) == {"aes", "broad", "ecowas", "literal"}
        assert row["differs"] == (len(set(row["present"].values())) > 1 or len(set(row["statuses"].values())) > 1)
    json.dumps(d)  # serialisable


def test_a_subset_of_readings(s2023: Any) -> None:
    cmp = compare_perspectives(s2023, ["aes", "literal"])
    assert cmp.perspectives == ("aes", "literal")
    assert cmp.differences == ()  # the AES reading only adds to the literal one here
    assert all(r.why == "the same under every reading" for r in cmp.rows)


def test_unknown_reading_is_refused_with_a_suggestion(s2023: Any) -> None:
    with pytest.raises(UnknownEntityError, match="aes"):
        compare_perspectives(s2023, ["literal", "aess"])


def test_compare_is_deterministic(s2023: Any, cmp2023: Any) -> None:
    assert compare_perspectives(s2023).to_dict() == cmp2023.to_dict()
