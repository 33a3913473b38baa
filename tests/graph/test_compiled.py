"""The compiled world: one immutable value with the graph, the index and every clause split once."""

from __future__ import annotations

import dataclasses
from datetime import date as D
from typing import Any

import pytest

from sahel_sim.clauses.treaty import Clause
from sahel_sim.graph import compile_world
from sahel_sim.graph.compiled import CompiledClause, CompiledWorld


def _clause(conditions: list[dict[str, Any]], exceptions: list[dict[str, Any]] = ()) -> Clause:
    return Clause.model_validate({
        "id": "c1", "article": "1", "text": "invented for the test suite", "text_kind": "paraphrase",
        "trigger": {"test": "category", "any_of": ["armed_attack"]}, "conditions": conditions,
        "exceptions": list(exceptions), "obligor": "each_other_party", "duty": "assist",
        "means": "armed_force_included", "strength": "mandatory"})


def test_treaties_in_id_order_with_their_clauses(tiny_world: Any) -> None:
    w = compile_world(tiny_world)
    assert [t.treaty.id for t in w.treaties] == ["listed-pact", "pact"]
    assert w.by_id["pact"].treaty is tiny_world.treaty("pact")
    pact = w.by_id["pact"].clauses
    assert [c.clause.id for c in pact] == ["art-1-defence"]
    assert [c.test for c in pact[0].event_level] == ["is_party", "location_in_territory_of"]
    assert pact[0].per_obligor == () and pact[0].obligor_exceptions == ()
    assert [x.when.test for x in pact[0].event_exceptions] == ["struck_first"]


def test_split_by_roles_keeps_the_clause_order() -> None:
    """Conditions and exceptions that read the obligor run per candidate; the rest once per event, in order."""
    clause = _clause(
        [{"test": "is_party", "who": "target"}, {"test": "is_party", "who": "obligor"},
         {"all_of": [{"test": "requested", "by": "target"}, {"test": "actor_kind", "who": "obligor", "kinds": ["state"]}]},
         {"test": "location_in_territory_of", "who": "target"}],
        [{"when": {"test": "struck_first", "who": "target"}}, {"when": {"not": {"test": "is_party", "who": "obligor"}}},
         {"when": {"test": "is_party", "who": "attackers"}}])
    split = CompiledClause.of(clause)
    assert split.event_level == (clause.conditions[0], clause.conditions[3])
    assert split.per_obligor == (clause.conditions[1], clause.conditions[2])
    assert split.event_exceptions == (clause.exceptions[0], clause.exceptions[2])
    assert split.obligor_exceptions == (clause.exceptions[1],)


def test_the_compiled_world_is_immutable(tiny_world: Any) -> None:
    w = compile_world(tiny_world)
    with pytest.raises(dataclasses.FrozenInstanceError):
        w.G = None  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        w.by_id["pact"].clauses[0].per_obligor = ()  # type: ignore[misc]
    assert isinstance(w, CompiledWorld) and compile_world(tiny_world) is not w  # built anew, never memoised


def test_relevant_treaties_follow_the_target_ties(tiny_world: Any) -> None:
    """An event can concern only the treaties its target is party to (plus those that need no party target)."""
    w = compile_world(tiny_world)
    assert [t.treaty.id for t in w.relevant("AAA", D(2010, 1, 1))] == ["listed-pact", "pact"]
    assert [t.treaty.id for t in w.relevant("DDD", D(2008, 1, 1))] == ["listed-pact"]
    assert [t.treaty.id for t in w.relevant("DDD", D(2011, 1, 1))] == []
    assert [t.treaty.id for t in w.relevant("CCC", D(2021, 1, 1))] == []  # withdrew from ORG in 2020
    assert w.index.treaties_of("CCC", D(2019, 6, 1)) == {"pact"}


def test_a_scenario_compiles_once_and_shares_its_graph(make_scenario: Any) -> None:
    sc = make_scenario("""
        scenario: compiled
        events:
          - {id: e1, date: 2023-10-01, kind: armed_attack, actors: [BFA], target: NER}
    """)
    assert sc.compiled is sc.compiled and sc.graph is sc.compiled.G and sc.compiled.world is sc.world

