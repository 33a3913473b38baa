"""``holds`` gives what ``evaluate(...).holds`` gives, and characterisation is unchanged by using it."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest

from sahel_sim import load_scenario
from sahel_sim.clauses import conditions as c
from sahel_sim.engine.characterise import characterise
from sahel_sim.engine.evaluate import Characterisation, Situation, evaluate, holds
from sahel_sim.engine.run import Run
from sahel_sim.model.events import Event

SCENARIOS = sorted((Path(__file__).parents[2] / "scenarios").glob("*.yaml"))
SAMPLE = SCENARIOS[::4]
EVENT = Event(id="e", date="2020-01-01", kind="armed_attack", actors=["NGA"], target="GHA")  # a spread of the shipped scenarios: each is judged under every rule and trigger


def _rule_conditions(world: Any) -> Iterator[Any]:
    for p in world.perspectives:
        for rule in p.rules:
            yield rule.when


def _clause_conditions(world: Any) -> Iterator[tuple[Any, Any]]:
    for t in world.treaties:
        for clause in t.clauses:
            yield t, clause.trigger
            for cond in clause.conditions:
                if not (cond.roles & {"obligor", "beneficiary"}):
                    yield t, cond


@pytest.mark.parametrize("path", SAMPLE, ids=lambda p: p.stem)
def test_holds_is_evaluate_s_answer_for_every_rule_and_trigger(path: Path) -> None:
    scenario = load_scenario(path)
    compiled = scenario.compiled
    world = compiled.world
    seen = {True: 0, False: 0}
    for event in scenario.events:
        ch = characterise(compiled, event, scenario.spec.perspective or "literal")
        s = Situation(compiled.G, event, ch, history=tuple(scenario.events))
        for cond in _rule_conditions(world):
            answer = holds(cond, s)
            assert answer == evaluate(cond, s).holds
            seen[bool(answer)] += 1
        for treaty, cond in _clause_conditions(world):
            under = s.under(treaty)
            answer = holds(cond, under)
            assert answer == evaluate(cond, under).holds
            seen[bool(answer)] += 1
    assert seen[True] and seen[False]  # both answers were met


def test_holds_stops_where_evaluate_stops() -> None:
    """An all_of stops at its first failure and an any_of at its first success: a later part is not run."""
    class Boom:  # a part no family knows: running it raises KeyError
        test = "boom"

        def describe(self) -> str:
            return "boom"

    no = c.Not(test="not", condition=c.AnyOf(test="any_of", conditions=[{"test": "category", "any_of": ["x"]}]))
    yes_first = c.AnyOf.model_construct(test="any_of", conditions=(no, Boom()))
    no_first = c.AllOf.model_construct(test="all_of", conditions=(no.condition, Boom()))
    s = Situation(None, EVENT, Characterisation("p", frozenset()))  # type: ignore[arg-type]
    assert holds(yes_first, s) is True and evaluate(yes_first, s).holds is True
    assert holds(no_first, s) is False and evaluate(no_first, s).holds is False
    with pytest.raises(KeyError):
        holds(c.AllOf.model_construct(test="all_of", conditions=(no, Boom())), s)


def test_a_supposed_test_holds() -> None:
    s = Situation(None, EVENT, Characterisation("p", frozenset()), supposed=frozenset({"category"}))  # type: ignore[arg-type]
    cond = c.Not(test="not", condition={"test": "category", "any_of": ["x"]})
    assert holds(cond.condition, s) is True and holds(cond, s) is False
    assert evaluate(cond, s).holds is False


@pytest.mark.parametrize("path", SAMPLE, ids=lambda p: p.stem)
def test_characterisation_under_every_reading_is_as_evaluated(path: Path) -> None:
    """The categories and the rule behind each, as the rules evaluated one by one with their checks give them."""
    scenario = load_scenario(path)
    compiled = scenario.compiled
    for p in compiled.world.perspectives:
        rules = Run.start(compiled, p.id, scenario.events).rules
        for event in scenario.events:
            got = characterise(compiled, event, p.id, rules=rules)
            assert (got.categories, got.because, got.removed) == _slow(compiled, event, p.id, rules)


def _slow(compiled: Any, event: Any, pid: str, rules: Any) -> tuple[frozenset[str], dict[str, str], dict[str, str]]:
    categories: set[str] = set()
    because: dict[str, str] = {}
    removed: dict[str, str] = {}
    for rule in rules:
        current = Characterisation(pid, frozenset(categories), dict(because))
        if not evaluate(rule.when, Situation(compiled.G, event, current)).holds:
            continue
        words = f"rule {rule.id}" + (f": {rule.text}" if rule.text else "")
        for cat in rule.remove:
            if cat in categories:
                categories.discard(cat)
                because.pop(cat, None)
                removed[cat] = words
        for cat in rule.add:
            categories.add(cat)
            because[cat] = words
            removed.pop(cat, None)
    return frozenset(categories), because, removed
