"""Statuses, breaches, contested readings and confidence, as properties over drawn scenarios.

Each drawn scenario gets one contested alternative on one of its clauses (another strength,
means or modality), so that contested findings are drawn as well as plain ones.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import event, given
from hypothesis import strategies as st
from property_support import run

from sahel_sim.clauses.status import DUTY_STATUSES
from sahel_sim.model.base import Confidence
from sahel_sim.testing import scenario_documents

ANY = scenario_documents()


@st.composite
def contested_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A drawn scenario whose first inline clause carries one contested alternative."""
    doc = copy.deepcopy(draw(ANY))
    inline = [t for t in doc.get("treaties", ()) if isinstance(t, dict) and t.get("clauses")]
    if not inline:
        return doc
    clause = inline[0]["clauses"][0]
    options = [{"strength": s} for s in ("mandatory", "discretionary", "consultation")]
    options += [{"means": "non_military"}, {"means": "armed_force_included"}]
    if clause["duty"] not in ("refrain", "guarantee"):  # a refrain is a prohibition, a guarantee an obligation
        options += [{"modality": m} for m in ("obligation", "permission")]
    clause["contested"] = [{"id": "other-reading", "label": "another reading of the clause", "source": "drawn",
                            "changes": draw(st.sampled_from(options))}]
    return doc


def _findings(result: Any) -> list[Any]:
    return [f for e in result.events for f in e.findings()]


@given(contested_documents())
def test_a_permission_never_appears_as_an_obligation(doc: dict[str, Any]) -> None:
    """A right to act binds nobody: every finding of a permission clause is *may act* and none is a duty."""
    _, result = run(doc)
    event(f"permissions: {min(len(result.permissions), 2)}")
    assert all(o.status in DUTY_STATUSES and o.modality != "permission" for o in result.obligations)
    assert all(p.status == "may_act" and p.modality == "permission" for p in result.permissions)


@given(contested_documents())
def test_whoever_is_in_breach_is_never_the_beneficiary(doc: dict[str, Any]) -> None:
    """The party in breach of a clause is never, for the same event, one the clause protects."""
    _, result = run(doc)
    event(f"breaches: {min(len(result.breaches), 2)}")
    for b in result.breaches:
        assert b.status == "in_breach" and b.obligor != b.beneficiary, b
        protected = {o.beneficiary for o in result.obligations + result.permissions
                     if o.event == b.event and o.ref.clause == b.ref.clause and o.treaty == b.treaty}
        assert b.obligor not in protected, b


def _status_map(result: Any) -> dict[tuple[str, ...], str]:
    return {(o.event, o.treaty, o.ref.clause or "", o.obligor): o.status
            for o in result.obligations + result.permissions + result.breaches}


@given(contested_documents())
def test_a_finding_is_contested_exactly_when_an_alternative_changes_its_status(doc: dict[str, Any]) -> None:
    """Contested iff the same scenario, with the alternative applied by hand, gives another status."""
    scenario, result = run(doc)
    inline = [t for t in doc.get("treaties", ()) if isinstance(t, dict) and t.get("clauses")]
    if not inline or "contested" not in inline[0]["clauses"][0]:
        return
    other = copy.deepcopy(doc)
    clause = [t for t in other["treaties"] if isinstance(t, dict) and t.get("clauses")][0]["clauses"][0]
    clause.update(clause.pop("contested")[0]["changes"])
    _, alt = run(other, alternatives=False)
    main, theirs = _status_map(result), _status_map(alt)
    event(f"contested: {sum(1 for f in _findings(result) if f.contested) > 0}")
    for f in _findings(result):
        who = getattr(f, "obligor", None) or f.party
        key = (f.event, f.treaty, f.ref.clause or "", who)
        changed = main.get(key, "not_bound") != theirs.get(key, "not_bound")
        if f.ref.clause is None:  # a treaty-level "not a party": changed when any of its clauses changed
            changed = any(k[0] == f.event and k[1] == f.treaty and k[3] == who
                          and main.get(k, "not_bound") != theirs.get(k, "not_bound") for k in main.keys() | theirs.keys())
        ours = [r for r in f.readings if r.alternative == "other-reading"]
        assert bool(ours) == changed, (key, f.status, ours, theirs.get(key))
        for r in ours:
            assert r.status == theirs.get(key, "not_bound") or f.ref.clause is None


@given(contested_documents())
def test_confidence_never_exceeds_the_weakest_fact_it_rests_on(doc: dict[str, Any]) -> None:
    """A finding is no surer than the least sure fact under it; contested findings are at most disputed."""
    _, result = run(doc)
    for f in _findings(result):
        rank = Confidence(f.confidence).rank
        assert all(rank <= Confidence(b.confidence).rank for b in f.rests_on), f
        if f.contested:
            assert rank <= Confidence.disputed.rank, f
        if f.confidence == "confirmed":
            assert not f.rests_on, f
