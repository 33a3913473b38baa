"""Properties of ``sahel-sim verify`` itself: what its static analysis proves must be true of the engine.

The static half of ``verify`` claims proofs ("this clause can never fire", "this
exception swallows its rule") and screens ("only these clauses can owe a duty to
oneself", "only these pairs can contradict each other").  Over drawn treaties of
the whole clause language, the engine must never contradict a proof, and every
problem the engine exhibits must have passed the screen; otherwise ``verify``
would report false findings, or miss real ones.
"""

from __future__ import annotations

from typing import Any

from hypothesis import event, given
from hypothesis import strategies as st
from property_support import run

from sahel_sim.clauses.treaty import Clause
from sahel_sim.testing import clauses, scenario_documents, treaties
from sahel_sim.verify._search import _clash
from sahel_sim.verify._static import analyse, contradiction_pairs

ANY = scenario_documents()


@given(ANY)
def test_what_verify_proves_the_engine_never_contradicts(doc: dict[str, Any]) -> None:
    """A clause proved unable to fire never binds anyone nor reaches its exceptions; a clause whose
    exception is proved to swallow it never binds anyone.

    Legal intuition: a rule that can never apply, or whose exception always applies, is dead
    letter; ``verify`` may say so only when it is so.
    """
    scenario, result = run(doc)
    for treaty in scenario.world.treaties:
        facts = analyse(treaty, scenario.world)
        for cid, f in facts.items():
            bound = [o for o in result.obligations if o.treaty == treaty.id and o.ref.clause == cid]
            reached = [n for n in result.non_obligations if n.treaty == treaty.id and n.ref.clause == cid
                       and n.reason.role == "exception"]
            if not f.can_fire:
                event("a clause proved unable to fire")
                assert not bound and not reached, (cid, bound or reached)
            if f.swallowed_by or f.swallowed_jointly:
                event("an exception proved to swallow its rule")
                assert not bound, (cid, bound)


@given(ANY)
def test_every_contradiction_the_engine_shows_passed_the_screen(doc: dict[str, Any]) -> None:
    """Two duties of one party for one event under one treaty that pull against each other (support
    an actor and act against it; use force against it and refrain from force against it) come from
    a pair of clauses ``verify`` screens in, so its search looks there."""
    scenario, result = run(doc)
    for treaty in scenario.world.treaties:
        pairs = None
        mine = [o for o in result.obligations if o.treaty == treaty.id]
        for a in mine:
            for b in mine:
                if a.obligor != b.obligor or a.event != b.event:
                    continue
                for kind in ("support_vs_oppose", "force_vs_refrain"):
                    if _clash(a, b, kind):
                        event("a contradiction")
                        pairs = pairs or contradiction_pairs(treaty, scenario.world, analyse(treaty, scenario.world))
                        assert any((p.first.id, p.second.id, p.kind) == (a.ref.clause, b.ref.clause, kind)
                                   for p in pairs), (a, b, kind)


#: Tests a borrowing treaty's clauses are drawn from: the named actors (over every attacker too) and the
#: tests they share variables with.
BORROWING_TESTS = ("actor_is", "category", "is_party", "member_of", "actor_kind", "invoked",
                   "location_in_territory_of", "event_kind")


@st.composite
def _borrowing(draw: st.DrawFn, world: Any) -> tuple[Any, Any]:
    """pact-2 drawn from the whole language; each clause of pact-1 borrows pact-2's first clause, and often
    repeats that clause's trigger and conditions, in pact-1's own words, as an exception or negated as a condition (where a
    proof is likely, and right only if the borrowed words are read under pact-2: ``is_party`` there is
    pact-2's).  Given roles make the borrowed clause judge pact-1's candidate."""
    lender = draw(treaties(world, treaty_id="pact-2"))
    c1 = lender.clause("c1")
    words = {"test": "all_of", "conditions": [x.model_dump(mode="json", exclude_none=True)
                                              for x in (c1.trigger, *c1.conditions)]}

    @st.composite
    def borrowing_clause(draw: st.DrawFn, w: Any, **options: Any) -> Clause:
        data = draw(clauses(w, tests=BORROWING_TESTS, **options)).model_dump(mode="json", exclude_none=True)
        borrow: dict[str, Any] = {"test": "clause_applies", "treaty": "pact-2", "clause": "c1"}
        if draw(st.booleans()):
            data["conditions"] = [*data["conditions"], {**borrow, "given_roles": {"obligor": "obligor"}}]
        else:
            data["trigger"] = {"test": "all_of", "conditions": [borrow, data["trigger"]]}
        how = draw(st.sampled_from(["exception", "negated", "drawn"]))
        if how == "exception":
            data["exceptions"] = [*data.get("exceptions", []), {"when": words}]
        elif how == "negated":
            data["conditions"] = [*data["conditions"], {"test": "not", "condition": words}]
        return Clause.model_validate(data)

    return draw(treaties(world, treaty_id="pact-1", others=["pact-2"], clause=borrowing_clause)), lender


@given(scenario_documents(treaties=_borrowing))
def test_what_verify_proves_of_borrowed_clauses_and_named_attackers_the_engine_never_contradicts(
        doc: dict[str, Any]) -> None:
    """The same property for clauses that borrow another treaty's clause and name actors: compiled in
    place, under the borrowed treaty, the borrowed clause's proofs hold in the engine.

    Legal intuition: "in the case provided for by Article N of treaty T" means what T's Article N says, and
    "attacked only by X" what it says; a proof about them is one about those texts.
    """
    test_what_verify_proves_the_engine_never_contradicts.hypothesis.inner_test(doc)  # type: ignore[attr-defined]
