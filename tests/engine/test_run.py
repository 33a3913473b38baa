"""The engine end to end: characterisation, obligations with reasons, non-obligations with causes.

Expectations are derived from the treaty texts and the encoded dates: the
Liptako-Gourma Charter (signed and in force 16 Sep 2023, parties BFA/MLI/NER)
makes any infringement of a party's sovereignty on its territory an
aggression against the others (Art. 6); the ECOWAS Defence Protocol (1981)
Art. 3 binds members to assist a member attacked by a non-member State, on
a written request and a decision of the Authority (Art. 16).
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sahel_sim import simulate
from sahel_sim.engine.characterise import characterise, perspective_chain
from sahel_sim.engine.findings import NonObligation, Obligation, SimulationResult
from sahel_sim.engine.query import Query
from sahel_sim.engine.run import run_events
from sahel_sim.errors import UnknownEntityError
from sahel_sim.graph import queries as q
from sahel_sim.model.events import Event

D = date
CHARTER = "liptako-gourma-charter"
PMAD = "ecowas-pmad-1981"
SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"
PERSPECTIVES = ("literal", "aes", "ecowas")

INTERVENTION = """
scenario: ECOWAS-mandated intervention in Niger
events:
  - id: intervention
    date: {date}
    kind: military_intervention
    actors: [NGA, SEN, CIV, BEN]
    target: NER
    location: NER
    mandate: ECOWAS
    purpose: restore_constitutional_order
    decisions:
      - {{organisation: ECOWAS, organ: authority, date: 2023-08-10}}
"""


def intervention(make_scenario: Any, day: str = "2023-10-01") -> Any:
    return make_scenario(INTERVENTION.format(date=day))


def obligations(result: SimulationResult, treaty: str, article: str | None = None) -> dict[str, Obligation]:
    return {o.obligor: o for o in result.obligations if o.treaty == treaty and (article is None or o.article == article)}


def non_obligations(result: SimulationResult, party: str, treaty: str) -> list[NonObligation]:
    return [n for n in result.non_obligations if n.party == party and n.treaty == treaty]


def all_texts(check: Any) -> str:
    return " ".join([ch.text for ch in check.walk()] + [f.text for ch in check.walk() for f in ch.facts])


def shipped_results() -> list[tuple[str, str, SimulationResult]]:
    from sahel_sim import load_scenario
    from sahel_sim.api import library_readings, reading_worlds

    out = []
    library = library_readings()  # the library's readings, worked out once for every scenario (as check does)
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        sc = load_scenario(path)
        readings = reading_worlds(sc, library)  # shared by the scenario's runs under each perspective
        for p in PERSPECTIVES:
            out.append((path.name, p, simulate(sc, perspective=p, readings=readings)))
    return out


@pytest.fixture(scope="module")
def shipped() -> list[tuple[str, str, SimulationResult]]:
    """Every shipped scenario run under every shipped perspective."""
    return shipped_results()


# ------------------------------------------------------------------ characterisation


def _niger_intervention(**kw: Any) -> Event:
    data: dict = {"id": "intervention", "date": "2023-10-01", "kind": "military_intervention",
                  "actors": ["NGA", "SEN", "CIV", "BEN"], "target": "NER", "mandate": "ECOWAS",
                  "purpose": "restore_constitutional_order"}
    data.update(kw)
    return Event.model_validate(data)


def test_literal_reading_is_aggression(compiled: Any) -> None:
    """Literally, armed force by states on Niger without its consent is aggression and an infringement."""
    ch = characterise(compiled, _niger_intervention(), "literal")
    assert {"aggression", "attack_on_sovereignty", "armed_attack", "use_of_force"} <= ch.categories
    assert "enforcement_measure" not in ch.categories
    assert ch.because["aggression"].startswith("rule armed-force-by-a-state")


def test_aes_reading_is_aggression(compiled: Any) -> None:
    """The AES reading: any foreign armed intervention is aggression, whoever mandates it."""
    ch = characterise(compiled, _niger_intervention(), "aes")
    assert {"aggression", "attack_on_sovereignty"} <= ch.categories
    assert "enforcement_measure" not in ch.categories


def test_ecowas_reading_is_enforcement(compiled: Any) -> None:
    """The ECOWAS reading: armed action under its mandate against a member is enforcement, not aggression."""
    ch = characterise(compiled, _niger_intervention(), "ecowas")
    assert "enforcement_measure" in ch.categories
    assert not {"aggression", "attack_on_sovereignty", "armed_attack", "use_of_force"} & ch.categories
    assert "mandated-enforcement" in ch.because["enforcement_measure"]


def test_ecowas_reading_needs_the_target_to_be_a_member(compiled: Any) -> None:
    """After Niger left ECOWAS (29 Jan 2025) the same intervention is aggression even for ECOWAS."""
    ch = characterise(compiled, _niger_intervention(date="2025-06-01"), "ecowas")
    assert "aggression" in ch.categories and "enforcement_measure" not in ch.categories


def test_consent_removes_aggression(compiled: Any) -> None:
    """Force used with the target's consent is not aggression under any reading."""
    for p in PERSPECTIVES:
        ch = characterise(compiled, _niger_intervention(consent=True, mandate=None), p)
        assert "aggression" not in ch.categories, p


def test_perspective_chain_runs_base_first(world: Any) -> None:
    """A reading that extends another runs the other's rules first."""
    assert [p.id for p in perspective_chain(world, "aes")] == ["literal", "aes"]
    assert [p.id for p in perspective_chain(world, "literal")] == ["literal"]


def test_unknown_perspective_raises_with_suggestion(make_scenario: Any) -> None:
    """A misspelt reading is a user error naming the valid ones and the likely intent."""
    sc = intervention(make_scenario)
    with pytest.raises(UnknownEntityError) as info:
        simulate(sc, perspective="ecowa")
    msg = str(info.value)
    assert "ecowa" in msg and "did you mean ecowas" in msg and "literal" in msg


def test_perspective_changes_the_outcome(make_scenario: Any) -> None:
    """Under the ECOWAS reading the Charter's Art. 6 does not fire; under the AES reading it does."""
    sc = intervention(make_scenario)
    assert set(obligations(simulate(sc, perspective="aes"), CHARTER, "6")) == {"BFA", "MLI"}
    ecowas = simulate(sc, perspective="ecowas", parties=["MLI"])
    assert obligations(ecowas, CHARTER, "6") == {}
    art6 = [n for n in non_obligations(ecowas, "MLI", CHARTER) if n.article == "6"]
    assert art6 and art6[0].reason.role == "trigger" and not art6[0].reason.holds


# ------------------------------------------------------------------ Art. 6 of the Charter


def test_art6_obligates_mali_and_burkina_after_signature(make_scenario: Any) -> None:
    """On 2023-10-01 the Charter is in force: MLI and BFA must assist NER against the intervening states."""
    result = simulate(intervention(make_scenario))
    art6 = obligations(result, CHARTER, "6")
    assert set(art6) == {"BFA", "MLI"}
    for o in art6.values():
        assert o.beneficiary == "NER"
        assert set(o.against) == {"NGA", "SEN", "CIV", "BEN"}
        assert (o.duty, o.means, o.strength) == ("assist", "armed_force_included", "mandatory")
        assert o.ref.reference == "Art. 6" and o.date == D(2023, 10, 1)
        roles = {r.role for r in o.reasons}
        assert {"trigger", "builtin", "condition"} <= roles


def test_art6_not_before_the_charter(make_scenario: Any) -> None:
    """On 2023-08-20 the Charter does not exist yet: nobody is bound, and the reason is that it is not in force."""
    result = simulate(intervention(make_scenario, "2023-08-20"), parties=["MLI", "BFA"])
    assert obligations(result, CHARTER) == {}
    for who in ("MLI", "BFA"):
        found = non_obligations(result, who, CHARTER)
        assert len(found) == 1
        reason = found[0].reason
        assert reason.test == "treaty_in_force" and not reason.holds and found[0].article is None
        assert "not in force on 2023-08-20" in reason.facts[0].text
        assert "2023-09-16" in reason.facts[0].text


def test_nobody_assists_itself(make_scenario: Any) -> None:
    """NER is a party, but the duty under Art. 6 is owed to it, not by it."""
    result = simulate(intervention(make_scenario))
    assert "NER" not in obligations(result, CHARTER, "6")
    art6 = [n for n in non_obligations(result, "NER", CHARTER) if n.article == "6"]
    assert len(art6) == 1
    assert not art6[0].reason.holds and "beneficiary" in all_texts(art6[0].reason)


def test_asked_outsider_gets_not_a_party(make_scenario: Any) -> None:
    """Asking about Chad yields an explicit 'not a party' finding, not silence."""
    sc = intervention(make_scenario)
    assert non_obligations(simulate(sc), "TCD", CHARTER) == []
    found = non_obligations(simulate(sc, parties=["TCD"]), "TCD", CHARTER)
    assert len(found) == 1 and found[0].article is None
    reason = found[0].reason
    assert reason.test == "is_party" and not reason.holds and reason.role == "builtin"
    assert "TCD is not a party" in reason.facts[0].text


def test_as_of_moves_events(make_scenario: Any) -> None:
    """Moving the 2023-10 intervention to 2023-08-20 removes the Charter's duties."""
    sc = intervention(make_scenario)
    moved = simulate(sc, as_of=D(2023, 8, 20), parties=["MLI"])
    assert [e.event.date for e in moved.events] == [D(2023, 8, 20)]
    assert obligations(moved, CHARTER) == {}
    assert non_obligations(moved, "MLI", CHARTER)[0].reason.test == "treaty_in_force"
    assert set(obligations(simulate(sc), CHARTER, "6")) == {"BFA", "MLI"}  # the scenario itself is unchanged


# ------------------------------------------------------------------ PMAD Art. 3: conditional assistance

MRT_ATTACK = """
scenario: A non-member attacks Senegal
events:
  - id: incursion
    date: 2024-06-01
    kind: incursion
    actors: [MRT]
    target: SEN
    location: SEN
{extra}
"""


def test_pmad_art3_precondition(graph: Any) -> None:
    """Mauritania left ECOWAS in 2000; Senegal and Ghana are members in 2024."""
    day = D(2024, 6, 1)
    assert not q.is_member(graph, "MRT", "ECOWAS", day)
    assert q.is_member(graph, "SEN", "ECOWAS", day) and q.is_member(graph, "GHA", "ECOWAS", day)


def test_pmad_art3_needs_written_request(make_scenario: Any) -> None:
    """Without a written request to ECOWAS, Art. 16's procedure is not met: Ghana is not (yet) bound."""
    result = simulate(make_scenario(MRT_ATTACK.format(extra="")))
    assert obligations(result, PMAD, "3") == {}
    art3 = [n for n in non_obligations(result, "GHA", PMAD) if n.article == "3"]
    assert len(art3) == 1
    reason = art3[0].reason
    assert reason.test == "requested" and not reason.holds and reason.role == "condition"
    assert "written request" in reason.text
    assert reason.facts[0].predicate == "no_request"


def test_pmad_art3_oral_request_is_not_enough(make_scenario: Any) -> None:
    """A request that is not in writing does not meet the written-request condition."""
    extra = """    requests: [{by: SEN, to: ECOWAS, form: oral}]
    decisions: [{organisation: ECOWAS, organ: authority}]"""
    result = simulate(make_scenario(MRT_ATTACK.format(extra=extra)))
    assert obligations(result, PMAD, "3") == {}


def test_pmad_art3_request_without_decision(make_scenario: Any) -> None:
    """A written request alone is not enough: the Authority must decide."""
    extra = "    requests: [{by: SEN, to: ECOWAS, form: written}]"
    result = simulate(make_scenario(MRT_ATTACK.format(extra=extra)))
    assert obligations(result, PMAD, "3") == {}
    reason = [n for n in non_obligations(result, "GHA", PMAD) if n.article == "3"][0].reason
    assert reason.test == "decided" and "Authority" in reason.text


def test_pmad_art3_request_and_decision_bind_members(make_scenario: Any) -> None:
    """With the written request and the Authority's decision, every other member must assist Senegal."""
    extra = """    requests: [{by: SEN, to: ECOWAS, form: written}]
    decisions: [{organisation: ECOWAS, organ: authority}]"""
    result = simulate(make_scenario(MRT_ATTACK.format(extra=extra)))
    art3 = obligations(result, PMAD, "3")
    assert "GHA" in art3
    gha = art3["GHA"]
    assert (gha.beneficiary, gha.against, gha.duty, gha.strength) == ("SEN", ("MRT",), "assist", "conditional")
    assert "SEN" not in art3 and "MRT" not in art3
    members = set(q.members(make_scenario(MRT_ATTACK.format(extra="")).graph, "ECOWAS", D(2024, 6, 1)))
    assert set(art3) == members - {"SEN"}


# ------------------------------------------------------------------ tiny world: exceptions, as_of

TINY_SCENARIO = """
scenario: tiny
events:
{events}
"""
B_ATTACKS_A = "  - {id: b-attacks-a, date: 2010-02-01, kind: incursion, actors: [BBB], target: AAA}"
A_ATTACKS_B = "  - {id: a-attacks-b, date: 2010-01-01, kind: incursion, actors: [AAA], target: BBB}"


def test_exception_defeats_obligation(make_scenario: Any, tiny_world: Any) -> None:
    """A party that struck first is not owed assistance: the exception defeats CCC's duty towards AAA."""
    sc = make_scenario(TINY_SCENARIO.format(events=A_ATTACKS_B + "\n" + B_ATTACKS_A), library=tiny_world)
    result = simulate(sc)
    by_event = {e.event.id: e for e in result.events}
    first = [o for o in by_event["a-attacks-b"].obligations if o.treaty == "pact"]
    assert [(o.obligor, o.beneficiary) for o in first] == [("CCC", "BBB")]
    assert not [o for o in by_event["b-attacks-a"].obligations if o.treaty == "pact"]
    defeated = [n for n in by_event["b-attacks-a"].non_obligations if n.party == "CCC" and n.treaty == "pact"]
    assert len(defeated) == 1
    reason = defeated[0].reason
    assert reason.role == "exception" and reason.holds and reason.test == "struck_first"
    assert reason.facts[0].text == "AAA attacked BBB first (a-attacks-b, 2010-01-01)"
    assert defeated[0].checks[-1] == reason


def test_without_the_earlier_attack_the_duty_stands(make_scenario: Any, tiny_world: Any) -> None:
    """The same attack on AAA, with no history, obliges CCC to assist AAA."""
    result = simulate(make_scenario(TINY_SCENARIO.format(events=B_ATTACKS_A), library=tiny_world))
    assert [(o.obligor, o.beneficiary, o.against) for o in result.obligations if o.treaty == "pact"] == \
        [("CCC", "AAA", ("BBB",))]


def test_as_of_after_withdrawal(make_scenario: Any, tiny_world: Any) -> None:
    """Moved past CCC's withdrawal (2020), the attack binds nobody: AAA is attacked, BBB attacks."""
    sc = make_scenario(TINY_SCENARIO.format(events=B_ATTACKS_A), library=tiny_world)
    moved = simulate(sc, as_of=D(2021, 1, 1), parties=["CCC"])
    assert [o for o in moved.obligations if o.treaty == "pact"] == []
    reason = [n for n in moved.non_obligations if n.party == "CCC" and n.treaty == "pact"][0].reason
    assert reason.test == "is_party" and "CCC is not a party to the Pact on 2021-01-01" in reason.facts[0].text


def test_attack_outside_target_territory_fails_condition(make_scenario: Any, tiny_world: Any) -> None:
    """An attack on AAA placed on DDD's land is not on AAA's territory: the scope condition fails."""
    events = "  - {id: away, date: 2010-02-01, kind: incursion, actors: [BBB], target: AAA, location: DDD}"
    result = simulate(make_scenario(TINY_SCENARIO.format(events=events), library=tiny_world))
    assert not [o for o in result.obligations if o.treaty == "pact"]
    reason = [n for n in result.non_obligations if n.party == "CCC" and n.treaty == "pact"][0].reason
    assert reason.test == "location_in_territory_of" and not reason.holds


# ------------------------------------------------------------------ invariants over the shipped scenarios


def test_attackers_never_owe_assistance(shipped: list) -> None:
    """Whoever carries out the attack is never bound to assist against it."""
    checked = 0
    for name, p, result in shipped:
        actors = {e.event.id: set(e.event.actors) | set(e.event.external_support) for e in result.events}
        for o in result.obligations:
            if o.duty == "assist":
                checked += 1
                assert o.obligor not in actors[o.event], (name, p, o.obligor)
                assert o.obligor != o.beneficiary, (name, p, o.obligor)
                assert not set(o.against) & {o.obligor}, (name, p, o.obligor)
    assert checked > 0


def test_obligations_have_reasons_that_hold(shipped: list) -> None:
    """Every obligation carries non-empty reasons, every one of which held."""
    count = 0
    for name, p, result in shipped:
        for o in result.obligations:
            count += 1
            assert o.reasons, (name, p, o.obligor)
            assert all(r.holds for r in o.reasons), (name, p, o.obligor, o.ref.clause)
            assert any(r.role == "trigger" for r in o.reasons), (name, p, o.obligor)
    assert count > 0


def test_non_obligation_reason_polarity(shipped: list) -> None:
    """A non-obligation names a failed check, unless an exception held and defeated the duty."""
    count = 0
    for name, p, result in shipped:
        for n in result.non_obligations:
            count += 1
            if n.reason.role == "exception":
                assert n.reason.holds, (name, p, n.party)
            else:
                assert n.reason.holds is False, (name, p, n.party, n.ref.clause, n.reason.text)
            assert n.checks, (name, p, n.party)
    assert count > 0


def test_each_candidate_is_judged_once_per_clause(shipped: list) -> None:
    """For one event and clause a party is either obligated or not, never both, never twice."""
    for name, p, result in shipped:
        for ev in result.events:
            keys = [o.key() for o in ev.obligations] + [n.key() for n in ev.non_obligations]
            assert len(keys) == len(set(keys)), (name, p, ev.event.id)


@pytest.mark.parametrize("path", sorted(SCENARIO_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_determinism_under_shuffled_events(path: Path) -> None:
    """The same events in any order, run twice, give identical JSON."""
    from sahel_sim import load_scenario

    sc = load_scenario(path)
    G, events = sc.compiled, list(sc.events)
    asked = sc.asked()
    reference = run_events(G, events, name=sc.name, query=Query(frozenset(asked))).to_dict()
    for seed in range(3):
        shuffled = events[:]
        random.Random(seed).shuffle(shuffled)
        again = run_events(G, shuffled, name=sc.name, query=Query(frozenset(reversed(asked)))).to_dict()
        assert again == reference
    assert json.loads(json.dumps(reference)) == reference


def test_results_are_sorted(shipped: list) -> None:
    """Events by date then id; findings by their stable keys."""
    for name, p, result in shipped:
        evs = [(e.event.date, e.event.id) for e in result.events]
        assert evs == sorted(evs), name
        for ev in result.events:
            assert [o.key() for o in ev.obligations] == sorted(o.key() for o in ev.obligations)
            assert [n.key() for n in ev.non_obligations] == sorted(n.key() for n in ev.non_obligations)


def test_as_of_outside_the_data_range_is_an_input_error() -> None:
    """A sentinel date (9999-12-31) is a typo, not a question: refused before any cascade overflows."""
    from datetime import date as _date

    from sahel_sim import load_scenario, simulate
    from sahel_sim.errors import SahelSimError

    s = load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / "ecowas-intervention-niger-2023-10.yaml")
    with pytest.raises(SahelSimError, match="out of range"):
        simulate(s, as_of=_date(9999, 12, 31), cascade=2)


def test_the_query_asks_for_non_obligations_and_asked_actors(make_scenario: Any) -> None:
    """What the caller wants is the query: without non-obligations the duties are the same, and nothing else is built."""
    sc = intervention(make_scenario)
    full = run_events(sc.compiled, sc.events, query=Query(frozenset({"TCD", "NOBODY"})))
    lean = run_events(sc.compiled, sc.events, query=Query(non_obligations=False))
    assert not lean.non_obligations and full.non_obligations
    assert [o.to_dict() for o in lean.obligations] == [o.to_dict() for o in full.obligations]
    assert full.events[0].asked == frozenset({"TCD"})  # an actor the world does not know is left out
    assert any(n.party == "TCD" for n in full.non_obligations)


def test_a_run_resolves_its_reading_once_and_refuses_an_unknown_one(make_scenario: Any) -> None:
    from sahel_sim.engine.run import Run
    from sahel_sim.errors import UnknownEntityError

    sc = intervention(make_scenario)
    run = Run.start(sc.compiled, "ecowas", sc.events)
    assert run.rules and run.history == tuple(sc.events) and run.query == Query()
    with pytest.raises(UnknownEntityError, match="unknown perspective 'nope'"):
        Run.start(sc.compiled, "nope", sc.events)


@pytest.mark.parametrize("name, actors", [
    ("ecowas-intervention-niger-2023-10.yaml", ("SEN", "NER", "ECOWAS", "TCD")),
    ("attack-on-senegal-request-then-decision-2020.yaml", ("NGA", "ECOWAS", "SEN")),
    ("csto-request-before-and-after-2010.yaml", ("KAZ", "CSTO", "ARM")),
])
def test_a_query_among_some_actors_judges_them_as_the_whole_run_does(name: str, actors: tuple[str, ...]) -> None:
    """``Query(among=...)`` judges only those actors, each exactly as the run that judges everyone (dated facts,
    organisations, pending statuses and outsiders included)."""
    from sahel_sim import load_scenario

    sc = load_scenario(SCENARIO_DIR / name)
    for who in actors:
        asked = frozenset({who})
        whole = run_events(sc.compiled, sc.events, query=Query(asked))
        some = run_events(sc.compiled, sc.events, query=Query(asked, among=asked))
        assert len(some.events) == len(whole.events)
        for mine, theirs in zip(some.events, whole.events):
            for part in ("obligations", "non_obligations", "breaches", "permissions"):
                wanted = [f.to_dict() for f in getattr(theirs, part)
                          if (f.obligor if isinstance(f, Obligation) else f.party) == who]
                assert [f.to_dict() for f in getattr(mine, part)] == wanted, (name, who, part)
        assert any(getattr(e, p) for e in some.events for p in ("obligations", "non_obligations", "breaches"))


def test_an_asked_actor_outside_among_is_not_told_even_that_a_treaty_is_not_in_force() -> None:
    """``among`` judges only its actors: an asked actor outside it gets no finding, the "not in force" one included."""
    from sahel_sim import load_scenario

    sc = load_scenario(SCENARIO_DIR / "ecowas-intervention-niger-2023-10.yaml")
    asked = frozenset({"TCD", "SEN"})
    whole = run_events(sc.compiled, sc.events, query=Query(asked))
    told = {(f.party, f.treaty) for e in whole.events for f in e.non_obligations if f.reason.test == "treaty_in_force"}
    assert {"TCD", "SEN"} <= {who for who, _ in told}
    some = run_events(sc.compiled, sc.events, query=Query(asked, among=frozenset({"SEN"})))
    assert {f.party for e in some.events for f in e.non_obligations} == {"SEN"}
    assert [sorted(f.key() for f in e.non_obligations) for e in some.events] == \
        [sorted(f.key() for f in e.non_obligations if f.party == "SEN") for e in whole.events]
