"""A lean run asks less, not something else (Hypothesis).

``simulate(negatives=False)`` leaves out the non-obligations, the answers to
"why is this party not bound?".  It is what the benchmarks, the conflict
probes and any caller that wants only the duties run.  Over drawn worlds,
treaties and events (:mod:`sahel_sim.testing`), its duties, permissions and
breaches must be the full run's, with the same statuses and the same readings.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from property_support import load

from sahel_sim.api import simulate
from sahel_sim.clauses.treaty import NEUTRALITY_DUTIES, Clause
from sahel_sim.engine.findings import SimulationResult
from sahel_sim.model.actors import ActorKind
from sahel_sim.model.events import EventKind
from sahel_sim.testing import clauses, scenario_documents, treaties
from sahel_sim.world import World


def positives(result: SimulationResult) -> list[tuple[Any, ...]]:
    """Every duty, permission and breach with what it binds, its status and the readings that dispute it."""
    return sorted((r.event.id, f.treaty, f.ref.clause, f.obligor, f.beneficiary, tuple(f.against), f.duty,
                   f.means, f.strength, str(f.status), tuple(x.alternative for x in f.readings))
                  for r in result.events for f in (*r.breaches, *r.obligations, *r.permissions))


@given(scenario_documents())
def test_a_lean_run_finds_every_duty_permission_and_breach_of_the_full_run(doc: dict[str, Any]) -> None:
    """Leaving out the reasons why parties are not bound changes none of the findings that bind them."""
    scenario = load(doc)
    full = simulate(scenario)
    lean = simulate(scenario, negatives=False)
    assert positives(lean) == positives(full)
    assert not lean.non_obligations
    event("some finding" if positives(full) else "no finding")


def pledges(world: World, **kw: Any) -> st.SearchStrategy[Clause]:
    """A clause of the whole language whose duty is a pledge of neutrality: a party that takes part breaches it."""
    return st.tuples(clauses(world, **kw), st.sampled_from(sorted(NEUTRALITY_DUTIES))).map(
        lambda pair: Clause.model_validate({**pair[0].model_dump(by_alias=True), "duty": pair[1],
                                            "modality": "obligation"}))


def neutrality_pacts(world: World) -> st.SearchStrategy[list[Any]]:
    return treaties(world, clause=pledges, max_clauses=2).map(lambda t: [t])


@given(scenario_documents(treaties=neutrality_pacts))
def test_a_lean_run_finds_every_breach_of_a_neutrality_pledge(doc: dict[str, Any]) -> None:
    """The same over pledges of neutrality, whose breaches (a party that takes part) the judgement finds
    on a path of their own."""
    scenario = load(doc)
    full = simulate(scenario)
    assert positives(simulate(scenario, negatives=False)) == positives(full)
    event("a breach" if full.breaches else "no breach")


# An exception that holds whatever the event (read once for the event), or whatever the obligor (read for each)
ALWAYS = {
    "event": {"test": "event_kind", "kinds": [k.value for k in EventKind]},
    "obligor": {"test": "actor_kind", "who": "obligor", "kinds": [k.value for k in ActorKind]},
}


def excepted(where: str) -> Any:
    """``clause=`` for treaties: any clause, or a pledge of neutrality, with an exception that always holds."""
    def clause(world: World, **kw: Any) -> st.SearchStrategy[Clause]:
        def add(c: Clause) -> Clause:
            data = c.model_dump(by_alias=True)
            return Clause.model_validate({**data, "exceptions": [*data["exceptions"], {"when": ALWAYS[where]}]})
        return st.one_of(clauses(world, **kw), pledges(world, **kw)).map(add)
    return clause


@pytest.mark.parametrize("where", sorted(ALWAYS))
@given(data=st.data())
def test_an_exception_that_always_holds_leaves_the_clause_binding_no_one(where: str, data: st.DataObject) -> None:
    """"This Article shall not apply when …": when the exception holds, no one owes, may or breaches anything
    under the clause, neither in the full run nor in the lean one; and each candidate's reason is the exception
    (or a check that failed before it)."""
    doc = data.draw(scenario_documents(treaties=lambda w: treaties(w, clause=excepted(where), max_clauses=2)
                                       .map(lambda t: [t])))
    scenario = load(doc)
    full = simulate(scenario)
    drawn = [f for f in positives(full) if f[1].startswith("pact-")]
    assert drawn == []
    assert [f for f in positives(simulate(scenario, negatives=False)) if f[1].startswith("pact-")] == []
    for n in full.non_obligations:
        if n.treaty.startswith("pact-"):
            assert n.reason.role == "exception" or not n.reason.holds, n
    event("some candidate" if any(n.treaty.startswith("pact-") for n in full.non_obligations) else "no candidate")
