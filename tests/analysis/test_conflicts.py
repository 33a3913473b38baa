"""Conflicting duties: the 2023 case comes out of the data.

On 2023-10-01 Mali and Burkina Faso are bound by the Liptako-Gourma Charter Art. 6 to
assist Niger against Nigeria, Senegal, Côte d'Ivoire and Benin, while, still ECOWAS
members (until 29 Jan 2025), they are bound by the ECOWAS Non-Aggression Protocol (1978)
Art. 1 to refrain from force against those same Member States.  In March 2025, or on
1 Feb 2025, they are no longer ECOWAS members and the conflict is gone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from analysis.conftest import CHARTER, INTERVENING, NON_AGGRESSION, both_sides_yaml, dense_yaml
from sahel_sim import scenario_from_text, simulate
from sahel_sim.engine.conflicts import find_conflicts


@pytest.fixture(scope="module")
def conflicts2023(s2023: Any) -> Any:
    return simulate(s2023).conflicts


def test_2023_conflicts_are_exactly_mali_and_burkina_against_the_four(conflicts2023: Any) -> None:
    assert {c.actor for c in conflicts2023} == {"MLI", "BFA"}
    got = sorted((c.actor, c.second.beneficiary) for c in conflicts2023)
    assert got == sorted((a, b) for a in ("BFA", "MLI") for b in INTERVENING)
    assert len(conflicts2023) == 8


def test_2023_conflicts_pair_charter_art_6_with_non_aggression_art_1(conflicts2023: Any) -> None:
    for c in conflicts2023:
        assert c.kind == "assist_vs_refrain" and c.event == "intervention"
        assert (c.first.treaty, c.first.article) == (CHARTER, "6")
        assert (c.second.treaty, c.second.article) == (NON_AGGRESSION, "1")
        assert c.first.obligor == c.second.obligor == c.actor
        assert c.first.duty == "assist" and c.first.beneficiary == "NER"
        assert c.first.means == "armed_force_included"
        assert c.second.duty == "refrain" and c.second.beneficiary in INTERVENING
        assert set(c.first.against) == set(INTERVENING)
        assert c.first.reasons and c.second.reasons, "both clauses come with their reasons"
        assert all(ch.holds for ch in c.first.reasons) and all(ch.holds for ch in c.second.reasons)
        assert "Liptako-Gourma Charter Art. 6" in c.explanation
        assert "Non-Aggression Protocol (1978) Art. 1" in c.explanation
        assert c.second.beneficiary in c.explanation


def test_the_charter_reasons_say_why_mali_is_bound(conflicts2023: Any) -> None:
    c = next(c for c in conflicts2023 if c.actor == "MLI")
    facts = " ".join(f.text for ch in c.first.reasons for f in ch.facts)
    assert "MLI" in facts and "NER" in facts
    facts2 = " ".join(f.text for ch in c.second.reasons for f in ch.facts)
    assert "MLI" in facts2  # Mali is an actor of the response it would carry out, and an ECOWAS party


def test_conflict_to_dict_carries_both_obligations_in_full(conflicts2023: Any) -> None:
    d = conflicts2023[0].to_dict()
    assert {"actor", "kind", "event", "explanation", "first", "second"} <= d.keys()
    for side in ("first", "second"):
        assert d[side]["reasons"] and d[side]["treaty"] and d[side]["article"]
    assert d["first"]["treaty"] == CHARTER and d["second"]["treaty"] == NON_AGGRESSION


def test_conflicts_are_sorted_and_deterministic(s2023: Any, conflicts2023: Any) -> None:
    again = simulate(s2023).conflicts
    assert [c.to_dict() for c in again] == [c.to_dict() for c in conflicts2023]
    keys = [(c.event, c.actor, c.kind, c.first.key(), c.second.key()) for c in conflicts2023]
    assert keys == sorted(keys)


def test_no_conflict_after_the_ecowas_exit(s2025: Any) -> None:
    result = simulate(s2025)
    assert result.conflicts == ()
    # the Charter duty is still there: only its ECOWAS counterpart has gone
    assert {o.obligor for o in result.obligations if o.treaty == CHARTER} == {"BFA", "MLI"}


def test_as_of_after_the_exit_removes_the_conflict(s2023: Any) -> None:
    assert simulate(s2023, as_of=date(2025, 2, 1)).conflicts == ()


def test_as_of_the_day_before_the_exit_keeps_it(s2023: Any) -> None:
    assert {c.actor for c in simulate(s2023, as_of=date(2025, 1, 28)).conflicts} == {"BFA", "MLI"}


def test_no_conflict_before_the_charter(s2023: Any) -> None:
    assert simulate(s2023, as_of=date(2023, 9, 15)).conflicts == ()


def test_no_conflict_under_the_ecowas_reading(s2023: Any) -> None:
    """An enforcement measure triggers no Art. 6 duty, so there is nothing to conflict with."""
    assert simulate(s2023, perspective="ecowas").conflicts == ()


def test_conflicts_false_skips_the_search(s2023: Any) -> None:
    assert simulate(s2023, conflicts=False).conflicts == ()


def test_find_conflicts_directly(s2023: Any) -> None:
    results = simulate(s2023, conflicts=False).events
    found = find_conflicts(s2023.compiled, results, "literal", tuple(s2023.events))
    assert {c.actor for c in found} == {"BFA", "MLI"}


def test_conflicts_in_a_cascade_run_are_the_same(s2023: Any, conflicts2023: Any, cascade2023: Any) -> None:
    assert [c.to_dict() for c in cascade2023.conflicts] == [c.to_dict() for c in conflicts2023]


def test_a_state_allied_to_both_belligerents_has_a_both_sides_conflict() -> None:
    s = scenario_from_text(both_sides_yaml())
    result = simulate(s)
    duties = sorted((o.obligor, o.beneficiary, o.against, o.treaty) for o in result.obligations)
    assert duties == [("XXX", "AAA", ("BBB",), "pact-a"), ("XXX", "BBB", ("AAA",), "pact-b")]
    assert [(c.actor, c.kind) for c in result.conflicts] == [("XXX", "both_sides")] * len(result.conflicts)
    assert result.conflicts
    pair = {(c.first.treaty, c.second.treaty) for c in result.conflicts}
    assert pair & {("pact-a", "pact-b"), ("pact-b", "pact-a")}


def test_a_dense_cascade_produces_both_sides_conflicts() -> None:
    s = scenario_from_text(dense_yaml())
    result = simulate(s, cascade=30)
    ccc = [o for o in result.obligations if o.obligor == "CCC" and o.duty == "assist"]
    assert any(o.beneficiary == "BBB" and "AAA" in o.against for o in ccc)
    assert any(o.beneficiary == "AAA" for o in ccc)
    assert any(c.actor == "CCC" and c.kind == "both_sides" for c in result.conflicts)


def test_allies_on_both_sides_have_both_duties() -> None:
    """The facts of the both-sides case are found (only the conflict report misses them)."""
    s = scenario_from_text(both_sides_yaml())
    duties = sorted((o.obligor, o.beneficiary, o.against) for o in simulate(s).obligations)
    assert duties == [("XXX", "AAA", ("BBB",)), ("XXX", "BBB", ("AAA",))]
