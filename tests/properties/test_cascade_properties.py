"""Properties of cascades: duties to assist, carried out, become new events (Hypothesis).

Drawn scenarios (``sahel_sim.testing``) are run through
:func:`sahel_sim.engine.cascade.run_cascade` directly, round after round.
"""

from __future__ import annotations

from typing import Any

from hypothesis import event, given
from hypothesis import strategies as st
from property_support import duty, load

from sahel_sim.engine.cascade import run_cascade
from sahel_sim.testing import scenario_documents


def _bound(scenario: Any) -> int:
    """Rounds enough for any cascade: one engagement (actor, adversary, conflict) per new event at least."""
    actors = len(scenario.world.actors)
    return actors * actors * len(scenario.events) + 1


def _perspective(scenario: Any) -> str:
    return scenario.spec.perspective or "literal"


@given(scenario_documents(max_events=3), st.integers(0, 4))
def test_a_cascade_ends_within_its_bound(doc: dict[str, Any], rounds: int) -> None:
    """Cascade termination: escalation is bounded; every state enters a given war against a given
    enemy once, so responses to responses cannot go on for ever.

    A cascade asked for ``rounds`` rounds runs at most that many after the first, and stops early
    only on a fixpoint; given as many rounds as there are (actor, adversary, conflict)
    engagements, it always reaches its fixpoint.
    """
    scenario = load(doc)
    short = run_cascade(scenario.compiled, scenario.events, perspective=_perspective(scenario), rounds=rounds)
    assert len(short.rounds) <= rounds + 1
    assert short.fixpoint or len(short.rounds) == rounds + 1
    full = run_cascade(scenario.compiled, scenario.events, perspective=_perspective(scenario), rounds=_bound(scenario))
    assert full.fixpoint
    event(f"rounds to the fixpoint: {min(len(full.rounds), 3)}{'+' if len(full.rounds) >= 3 else ''}")


@given(scenario_documents(max_events=3))
def test_a_cascade_from_its_fixpoint_adds_nothing(doc: dict[str, Any]) -> None:
    """Cascade idempotence: once every duty to assist has been carried out, nothing new is owed.

    Running the cascade again from its fixpoint (the original events and every response, as
    history) produces no new response, and binds nobody to anything the cascade had not
    already concluded.
    """
    scenario = load(doc)
    G, perspective, bound = scenario.compiled, _perspective(scenario), _bound(scenario)
    full = run_cascade(G, scenario.events, perspective=perspective, rounds=bound)
    everything = [r.event for r in full.results]
    again = run_cascade(G, everything, perspective=perspective, rounds=bound)
    event("the cascade had responses" if len(full.rounds) > 1 else "no response")
    assert again.fixpoint and len(again.rounds) == 1
    assert {duty(o) for r in again.results for o in r.obligations} <= {duty(o) for r in full.results for o in r.obligations}
