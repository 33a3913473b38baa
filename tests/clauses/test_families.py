"""Every condition test is registered once, with all five parts, and cites only facts it can re-check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from sahel_sim.clauses import conditions as c
from sahel_sim.clauses.families import FAMILIES, LEAVES, RECHECKS, rechecks
from sahel_sim.clauses.leaf import EVENT_ROLES, OBLIGOR_ROLES, ROLES, LeafTest

SCENARIOS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))
COMBINATORS = {"all_of", "any_of", "not"}


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_every_registered_test_has_all_five_parts(name: str) -> None:
    leaf = LEAVES[name]
    assert isinstance(leaf, LeafTest) and leaf.name == name
    assert issubclass(leaf.model, BaseModel) and issubclass(leaf.model, c.Leaf)  # 1. the model
    assert callable(leaf.holds)  # 2. the predicate
    assert leaf.recheck and all(callable(f) for f in leaf.recheck.values())  # 3. the fact re-checks
    assert callable(leaf.encode)  # 4. the encoding for verify's static logic
    assert callable(leaf.draw)  # 5. the Hypothesis strategy


def test_the_language_is_exactly_the_registered_tests() -> None:
    assert set(c.LEAF_TESTS) - COMBINATORS == set(LEAVES)
    assert sum(len(f.TESTS) for f in FAMILIES) == len(LEAVES), "a test is registered twice"


def test_roles_are_defined_once() -> None:
    assert set(ROLES) == set(EVENT_ROLES) | OBLIGOR_ROLES
    assert c.IsPartyTest.model_fields["who"].annotation.__args__ == ROLES


def test_every_fact_has_one_recheck() -> None:
    assert set(RECHECKS) == {fact for leaf in LEAVES.values() for fact in leaf.facts}


def test_every_fact_a_test_cites_is_one_it_rechecks(shipped_runs: Any) -> None:
    """Run the shipped scenarios: each leaf check's facts are among its own test's re-checks."""
    seen: set[str] = set()
    for path in SCENARIOS:
        result = shipped_runs.result(path)  # simulate(load_scenario(path)), shared with the other modules that run it
        trees = [r for o in result.obligations for r in o.reasons]
        trees += [r for n in result.non_obligations for r in (n.reason, *n.checks)]
        for check in (x for tree in trees for x in tree.walk()):
            if check.test in LEAVES:
                seen.add(check.test)
                cited = {f.predicate for f in check.facts}
                assert cited <= LEAVES[check.test].facts, (check.test, cited)
    assert len(seen) >= 10


def test_two_tests_may_not_recheck_one_fact_differently() -> None:
    leaf = LEAVES["consented"]
    twin = LeafTest(leaf.model, leaf.holds, {"consent": lambda ctx, a: True}, leaf.encode, leaf.draw)
    assert rechecks([leaf, leaf]) == dict(leaf.recheck)
    with pytest.raises(ValueError, match="two tests re-check the fact 'consent' differently"):
        rechecks([leaf, twin])
