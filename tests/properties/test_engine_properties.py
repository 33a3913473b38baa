"""Properties of the engine over drawn worlds, treaties and events (Hypothesis).

Every example is a whole scenario document drawn by the public strategies of
:mod:`sahel_sim.testing`: a small world (states ``S1``..``Sn`` with their
land, organisations ``O1``.. with dated memberships, armed groups), one or two
treaties whose clauses are drawn from the whole clause language (or the
textbook collective-defence clause), and events aimed at their parties.  The
document is written as YAML and read back through the real loader, so the
properties exercise the whole path from file to findings; a failing example
is printed as that YAML file (runnable with ``sahel-sim run``).

Each property's docstring says which legal intuition it pins down.  The
Hypothesis profiles (``ci``: 30 derandomised examples; ``dev``: 200) are
registered in ``tests/conftest.py``.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
import yaml
from hypothesis import Phase, assume, event, find, given, settings
from hypothesis import strategies as st
from property_support import (
    beneficiary_of,
    clause_of,
    duty,
    end_membership,
    entries,
    event_of,
    findings,
    load,
    membership_polarities,
    run,
)

from sahel_sim.clauses import conditions as c
from sahel_sim.engine.evaluate import Situation, evaluate
from sahel_sim.clauses.treaty import Adversary, Beneficiary, Clause, Duty, Means, Modality, Obligor, Strength, Treaty
from sahel_sim.engine.characterise import characterise
from sahel_sim.graph.queries import is_party
from sahel_sim.library import library_world
from sahel_sim.world import World
from sahel_sim.scenario.schema import ScenarioFile
from sahel_sim.scenario.validation import validate
from sahel_sim.scenario.yaml_source import parse_yaml
from sahel_sim.testing import (
    clauses,
    conditions,
    document,
    fact_holds,
    mirror_event,
    mutual_clauses,
    party_windows,
    relabel,
    scenario_documents,
    shuffled,
    textbook_clauses,
    to_yaml,
    treaties,
    worlds,
)
from sahel_sim.verify._static import analyse


def pacts(clause: Any, most: int = 2) -> Any:
    """``treaties=`` for scenario_documents: one or more treaties whose clauses all come from ``clause``."""
    def make(world: World) -> st.SearchStrategy[list[Treaty]]:
        return st.integers(1, most).flatmap(lambda n: st.tuples(*[
            treaties(world, treaty_id=f"pact-{k + 1}", clause=clause, max_clauses=2) for k in range(n)]).map(list))
    return make


def defensive(world: World, **kw: Any) -> st.SearchStrategy[Clause]:
    return textbook_clauses(world, defensive=True, **kw)


ANY = scenario_documents()


# ---------------------------------------------------------------------------- who is bound


@given(ANY)
def test_only_parties_are_obligated(doc: dict[str, Any]) -> None:
    """Parties only: a treaty binds its parties and nobody else (pacta tertiis nec nocent nec prosunt).

    Every obligation's obligor is a party to its treaty on the date of the event; a duty
    that falls on the organisation itself falls on the treaty's organisation.
    """
    scenario, result = run(doc)
    event(f"obligations: {min(len(result.obligations), 3)}{'+' if len(result.obligations) >= 3 else ''}")
    for o in result.obligations:
        treaty = scenario.world.treaty(o.treaty)
        if clause_of(scenario, o).obligor is Obligor.organisation:
            assert o.obligor == treaty.organisation, o
        else:
            assert is_party(scenario.graph, o.obligor, o.treaty, o.date), o


@given(ANY)
def test_nobody_is_bound_to_assist_itself(doc: dict[str, Any]) -> None:
    """No self-assistance: a duty is owed to *another*, and nobody is bound to act against itself.

    The engine guarantees it for "each other party" clauses (the party attacked is not
    among those bound to help it) and keeps attackers (and, when the clause says so, their
    supporters) out of "each party" duties.  A clause worded otherwise ("each party shall assist the party
    attacked", or a duty against the target laid on the target) can make a party owe
    itself a duty; every such obligation comes from a clause that ``sahel-sim verify``
    flags (its static screen is complete).
    """
    scenario, result = run(doc)
    for o in result.obligations:
        clause = clause_of(scenario, o)
        e = event_of(scenario, o.event)
        if clause.obligor in (Obligor.each_other_party, Obligor.each_party):
            assert o.obligor not in e.actors, o
            # Supporters are obligors like any party unless the clause leaves them out (they used to be
            # left out of every duty, including duties to consult that the text gives them).
            assert not clause.exclude_supporters or o.obligor not in e.external_support, o
        if clause.obligor is Obligor.each_other_party and clause.beneficiary is Beneficiary.target:
            assert o.obligor != o.beneficiary, o
        if o.obligor == o.beneficiary or o.obligor in o.against:
            event("a self-directed duty (from a clause verify flags)")
            facts = analyse(scenario.world.treaty(o.treaty), scenario.world)[clause.id]
            assert facts.self_beneficiary if o.obligor == o.beneficiary else facts.self_adversary, o


@given(st.data())
def test_defensive_clauses_do_not_back_an_aggressor(data: st.DataObject) -> None:
    """Defensive only: collective *self-defence* backs the victim, never the one who struck first.

    Under a clause with the exception "not when the party attacked struck first": the duty is
    owed to the party attacked, is directed against its attackers (never against it), binds
    no attacker, and vanishes when that party had attacked one of its attackers on an earlier
    day (its allies are not drawn into a war it started) other than in carrying out a duty to
    assist (a response is not a first strike).  Besides the drawn events, each history has two
    parties of one pact fight: one strikes, the other strikes back the same day or later.
    """
    doc = data.draw(scenario_documents(treaties=pacts(defensive)))
    world = load(doc).world
    pairs = [(a, b, max(lo1, lo2), min(hi1, hi2)) for t in world.treaties for a, lo1, hi1 in party_windows(world, t)
             for b, lo2, hi2 in party_windows(world, t) if a != b and max(lo1, lo2) < min(hi1, hi2)]
    if pairs:
        a, b, lo, hi = data.draw(st.sampled_from(pairs))
        day = data.draw(st.dates(lo, hi - timedelta(days=1)))
        later = day + timedelta(days=data.draw(st.sampled_from([0, 1, 30])))
        doc = {**doc, "events": [*doc["events"],
                                 {"id": "strike", "date": day, "kind": "armed_attack", "actors": [a], "target": b},
                                 {"id": "back", "date": later, "kind": "armed_attack", "actors": [b], "target": a}]}
    scenario, result = run(doc)
    for o in result.obligations:
        e = event_of(scenario, o.event)
        assert o.beneficiary == e.target and e.target not in o.against and o.obligor not in e.actors, o
        struck_first = any(h.date < e.date and e.target in h.actors and h.target in e.actors and h.response_to is None
                           for h in scenario.events)
        assert not struck_first, o
    if any(n.reason.role == "exception" for n in result.non_obligations):
        event("a party that struck first was refused help")


@given(st.data())
def test_leaving_never_adds_duties(data: st.DataObject) -> None:
    """Leaving never adds duties: a state that leaves a pact earlier sheds duties, it never gains one.

    Ending one membership (or party entry) earlier, still after it began, creates no
    obligation for that state under the treaties it left.  When no clause makes a duty
    depend on someone *not* being a party (PMAD Art. 3: "aggression by a non-member"), nor on
    a party test inside an exception, it creates no obligation for anyone.
    """
    doc = data.draw(ANY)
    choices = [x for x in entries(doc) if ((x[4] or date(2031, 1, 1)) - x[3]) > timedelta(days=1)]
    assume(choices)
    where, who, of, since, until = data.draw(st.sampled_from(choices))
    lo, hi = since + timedelta(days=1), (until or date(2031, 1, 1)) - timedelta(days=1)
    on_events = sorted({e["date"] for e in doc["events"] if lo <= e["date"] <= hi})
    end = data.draw(st.one_of(st.sampled_from(on_events), st.dates(lo, hi)) if on_events else st.dates(lo, hi))
    scenario, before = run(doc)
    _, after = run(end_membership(doc, where, end))
    old = {duty(o) for o in before.obligations}
    new = {duty(o) for o in after.obligations}
    left = {t.id for t in scenario.world.treaties if t.id == of or t.parties.organisation == of}
    event("duties lost" if new < old else "duties unchanged" if new == old else "duties changed")
    assert {d for d in new if d[3] == who and d[1] in left} <= old
    if all(membership_polarities(cl) <= {True} for t in scenario.world.treaties for cl in t.clauses):
        assert new <= old


# ---------------------------------------------------------------------------- names and order do not matter


@given(ANY, st.randoms(use_true_random=False))
def test_input_order_does_not_matter(doc: dict[str, Any], rng: random.Random) -> None:
    """Input-order invariance: the law does not depend on the order in which facts are written down.

    Shuffling actors, territories, memberships, relations, treaties, party lists, clauses and
    events in the file gives the identical JSON result, byte for byte.
    """
    _, plain = run(doc)
    _, mixed = run(shuffled(doc, rng))
    assert mixed.to_dict() == plain.to_dict()


@given(st.data())
def test_renaming_states_renames_the_result(data: st.DataObject) -> None:
    """Relabelling invariance: the law is blind to names; states with other ids have the same duties.

    Renaming the states by a permutation of their ids renames every obligation and refusal
    (and the condition each refusal names) and changes nothing else.
    """
    doc = data.draw(ANY)
    states = [a["id"] for a in doc.get("actors", []) if a["kind"] == "state"]
    mapping = dict(zip(states, data.draw(st.permutations(states))))
    _, plain = run(doc)
    _, renamed = run(relabel(doc, mapping))
    assert findings(renamed) == findings(plain, mapping)


@given(scenario_documents(treaties=pacts(mutual_clauses), max_events=1))
def test_mutual_clauses_are_symmetric(doc: dict[str, Any]) -> None:
    """Mutual symmetry: under a mutual clause, what A owes B, B owes A.

    If A must assist B against C on a day, then had C attacked A instead (at home, with the
    same facts), B would have to assist A under the same clause.  The clauses here are mutual
    by construction (their tests treat the party attacked and a co-party alike); ``verify``
    checks the same property on a user's own clauses, which need not be.
    """
    scenario, result = run(doc)
    (e,) = scenario.events
    for o in result.obligations:
        if o.beneficiary != e.target or not is_party(scenario.graph, e.target, o.treaty, e.date):
            continue
        mirror = mirror_event(scenario.graph, e, o.obligor, e.target, "mirror")
        if mirror is None:
            continue
        event("a mirror case was checked")
        _, both = run({**doc, "events": document([e, mirror])["events"]})
        assert any((m.event, m.obligor, m.beneficiary, m.treaty, m.ref.clause)
                   == ("mirror", e.target, o.obligor, o.treaty, o.ref.clause) for m in both.obligations), (
            f"{o.obligor} must {o.duty} {e.target} under {o.treaty} {o.ref.clause}, but not the reverse")


# ---------------------------------------------------------------------------- reasons


@given(ANY)
def test_every_reason_is_a_true_fact(doc: dict[str, Any]) -> None:
    """Reasons re-check true: a conclusion must rest on facts that are so.

    Every obligation has reasons, all of which hold; and every fact any finding cites ("S2 is
    a party to pact-1 on 2012-01-01", "e1 takes place in S3, held by S3", "e1 is aggression
    under the literal reading") is asked of the world graph again, independently of the code
    that cited it, and is true.
    """
    scenario, result = run(doc)
    G, events = scenario.graph, scenario.events
    for o in result.obligations:
        assert o.reasons and all(r.holds for r in o.reasons), o
    checks = [ch for o in result.obligations for r in o.reasons for ch in r.walk()]
    checks += [ch for n in result.non_obligations for r in (n.reason, *n.checks) for ch in r.walk()]
    rechecked = 0
    for ch in checks:
        for fact in ch.facts:
            verdict = fact_holds(scenario.compiled, events, fact)
            assert verdict is not False, fact
            rechecked += verdict is True
    event(f"facts re-checked: {'none' if not rechecked else 'some'}")


@given(ANY)
def test_every_refusal_names_a_condition_that_is_false(doc: dict[str, Any]) -> None:
    """Non-obligations name a false condition: "not bound" always says which requirement failed.

    The reason given for a non-obligation is a check that failed (the trigger, a condition,
    or a built-in check: party on the date, the obligor's role, the treaty in force) or an
    exception that held; it is among the checks recorded; and re-evaluating that very
    condition of the clause, for that party and event, gives the same verdict.
    """
    scenario, result = run(doc)
    G = scenario.graph
    for n in result.non_obligations:
        r = n.reason
        assert r in n.checks or not n.checks, n
        if r.role == "exception":
            assert r.holds, n
        else:
            assert not r.holds and not r.failing_leaf().holds, n
        if r.role == "builtin":
            assert r.test in ("is_party", "obligor_role", "treaty_in_force"), n
            continue
        treaty = scenario.world.treaty(n.treaty)
        clause = treaty.clause(n.ref.clause)
        e = event_of(scenario, n.event)
        s = Situation(G, e, characterise(scenario.compiled, e, result.perspective), treaty, scenario.events,
                      n.party, beneficiary_of(treaty, clause, e),
                      treaties=scenario.compiled.models)  # as the engine: a condition may name another treaty
        named = {"trigger": [clause.trigger], "condition": list(clause.conditions),
                 "exception": [x.when for x in clause.exceptions]}[r.role]
        same = [cond for cond in named if cond.describe() == r.text]
        assert same, n
        assert any(evaluate(cond, s).holds == r.holds for cond in same), n


# ---------------------------------------------------------------------------- files


@given(ANY)
def test_scenario_survives_a_yaml_round_trip(doc: dict[str, Any]) -> None:
    """YAML round trip: writing a scenario out and reading it back loses nothing.

    A scenario read from a file, dumped to YAML and read again through the validating
    loader is equal to itself: what a user saves is what the simulator runs.
    """
    spec = load(doc).spec
    dumped = yaml.safe_dump(spec.model_dump(mode="json", by_alias=True, exclude_none=True), allow_unicode=True)
    assert validate(ScenarioFile, parse_yaml(dumped, "again.yaml")) == spec


@given(worlds().flatmap(lambda w: treaties(w, clause=clauses, max_clauses=4)))
def test_treaty_survives_a_yaml_round_trip(treaty: Treaty) -> None:
    """YAML round trip, for treaties drawn from the whole clause language (every test, combinator,
    duty, strength and exception): a treaty file written and read again is the same treaty."""
    text = to_yaml(treaty.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True))
    assert validate(Treaty, parse_yaml(text, "treaty.yaml")) == treaty


def test_shipped_library_survives_a_yaml_round_trip() -> None:
    """The same round trip on real data: the shipped world, with its nested conditions and aliases."""
    lib = library_world()
    dumped = yaml.safe_dump(lib.model_dump(mode="json", by_alias=True, exclude_none=True))
    assert World.model_validate(yaml.safe_load(dumped)) == lib


# ---------------------------------------------------------------------------- the generators reach everything

# Finding one example is enough here: no shrinking, and a generous budget (found early in practice).
QUICK = settings(max_examples=500, database=None, deadline=None, phases=[Phase.generate])
LEAVES = sorted(t for t in c.LEAF_TESTS if t not in ("all_of", "any_of", "not"))


@pytest.fixture(scope="module")
def a_world() -> World:
    return find(worlds(min_organisations=2), lambda w: any(t.regions for t in w.territories), settings=QUICK)


@pytest.mark.parametrize("test", LEAVES)
def test_conditions_reach_every_test_of_the_language(a_world: World, test: str) -> None:
    """The strategies cover the whole clause language: every leaf test (new ones included) is drawn."""
    found = find(conditions(a_world, tests=[test]), lambda cond: any(x.test == test for x in c.walk(cond)),
                 settings=QUICK)
    assert validate(Treaty, parse_yaml(to_yaml({"id": "t", "name": "t", "signed": date(2000, 1, 1), "parties": {
        "members": [{"party": "S1", "since": date(2000, 1, 1)}]}, "clauses": [{
            "id": "c1", "article": "1", "text": "x", "text_kind": "paraphrase", "obligor": "each_party",
            "duty": "assist", "means": "unspecified", "strength": "mandatory", "trigger": {"test": "category", "any_of": ["aggression"]},
            "conditions": [found.model_dump(mode="json", exclude_none=True)]}]}), "t.yaml"))


@pytest.mark.parametrize("field,value", [*((f, v) for f, enum in (("obligor", Obligor), ("beneficiary", Beneficiary),
                                                                  ("against", Adversary), ("duty", Duty), ("means", Means),
                                                                  ("strength", Strength), ("modality", Modality))
                                                 for v in enum)])
def test_clauses_reach_every_duty_strength_and_role(a_world: World, field: str, value: Any) -> None:
    """Every obligor, beneficiary, adversary, duty, means, strength and modality is drawn, and exceptions too."""
    org = next(a.id for a in a_world.actors if a.kind.value == "organisation")
    find(clauses(a_world, organisation=org), lambda cl: getattr(cl, field) == value and cl.exceptions, settings=QUICK)


@pytest.mark.parametrize("outcome", ["obligation", "trigger", "condition", "exception", "builtin"])
def test_drawn_scenarios_reach_every_outcome(outcome: str) -> None:
    """The strategies are only useful if they reach both outcomes: obligations, and refusals for each
    kind of reason (a trigger, a condition, an exception, a built-in check)."""
    def reaches(doc: dict[str, Any]) -> bool:
        _, result = run(doc)
        if outcome == "obligation":
            return bool(result.obligations)
        return any(n.reason.role == outcome for n in result.non_obligations)

    find(ANY, reaches, settings=settings(QUICK, max_examples=200))
