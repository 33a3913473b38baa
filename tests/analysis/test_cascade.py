"""Cascades: duties to assist with armed force, carried out, become response events.

The facts behind the expected values: on 2023-10-01 Mali, Burkina Faso and Niger are
parties to the Liptako-Gourma Charter (signed and in force 16 Sep 2023), whose Art. 6
binds each other party to assist a party whose sovereignty is infringed, armed force
included.  Niger is the target, Nigeria, Senegal, Côte d'Ivoire and Benin the attackers;
so Mali and Burkina Faso, and nobody else, are drawn in, each against the four.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest

from analysis.conftest import CHARTER, DENSE_STATES, INTERVENING, NON_AGGRESSION, dense_yaml
from sahel_sim import scenario_from_text, simulate
from sahel_sim.engine.cascade import is_armed_assistance, response_event, run_cascade

# ECOWAS is not bound to manage (1999 Art. 25) or mediate (1981 Art. 17) the crisis its own mandated
# intervention caused, so round 0 brings in only the Charter and the Non-Aggression Protocol; the
# unmandated responses of Mali and Burkina Faso bring in the 1981 Protocol's Art. 17 in round 1.
ROUND0_TREATIES = ("au-constitutive-act", "ecowas-non-aggression-1978", CHARTER, "un-charter")
ROUND1_TREATIES = ("ecowas-pmad-1981",)


def _responses(cascade: Any) -> list[Any]:
    return [r for rnd in cascade.rounds for r in rnd.responses]


# --- the shipped 2023 scenario -------------------------------------------------------------


def test_cascade_2023_has_round_zero_and_one_round_of_responses_and_ends_on_a_fixpoint(cascade2023: Any) -> None:
    c = cascade2023.cascade
    assert c is not None
    assert len(c.rounds) >= 2
    assert [r.number for r in c.rounds] == list(range(len(c.rounds)))
    assert c.rounds[0].responses == ()  # round 0 judges the scenario's own events
    assert [r.event.id for r in c.rounds[0].results] == ["intervention"]
    assert c.fixpoint is True
    assert len(c.rounds) == 2  # the responses are judged in round 1 and create nothing new
    # under the literal reading a response in collective defence is no aggression and no
    # infringement of sovereignty, so it triggers no further duty to assist with armed force
    assert not any(is_armed_assistance(o) for r in c.rounds[1].results for o in r.obligations)
    assert all("collective_self_defence" in r.characterisation.categories for r in c.rounds[1].results)


def test_round_one_draws_in_exactly_burkina_and_mali_against_the_four_intervening_states(cascade2023: Any) -> None:
    rnd = cascade2023.cascade.rounds[1]
    assert rnd.drawn_in() == ("BFA", "MLI")
    pairs = sorted((r.event.actors[0], r.event.target) for r in rnd.responses)
    assert pairs == sorted((a, b) for a in ("BFA", "MLI") for b in INTERVENING)
    for r in rnd.responses:
        assert r.cause.treaty == CHARTER and r.cause.article == "6"
        assert r.cause.beneficiary == "NER" and r.cause.event == "intervention"
        ev = r.event
        assert ev.kind.value == "military_intervention"
        assert ev.response_to == "intervention" and ev.root == "intervention"
        assert ev.date == date(2023, 10, 1)  # no lag by default
        assert ev.place == "NER"  # at the place of the original event
        assert "Art. 6" in (ev.description or "")
    assert cascade2023.cascade.drawn_in_by(1) == ("BFA", "MLI")
    assert cascade2023.cascade.drawn_in_by(0) == ()


def test_new_treaties_per_round(cascade2023: Any) -> None:
    rounds = cascade2023.cascade.rounds
    # round 0: the Charter (Art. 6), and the Non-Aggression Protocol, the AU Act (Art. 4(f)) and the UN
    # Charter (Art. 2(4)) that the intervening members breach
    assert rounds[0].new_treaties == ROUND0_TREATIES
    # round 1: the responses of Mali and Burkina Faso against ECOWAS members, which ECOWAS did not
    # mandate, are a conflict between members (PMAD Art. 17); the responders breach Non-Aggression Art. 1
    assert rounds[1].new_treaties == ROUND1_TREATIES
    r1 = {o.treaty for r in rounds[1].results for o in r.obligations + r.breaches}
    assert NON_AGGRESSION in r1 and r1 <= set(ROUND0_TREATIES + ROUND1_TREATIES)
    # a response that is itself a breach is flagged: the responders use force against ECOWAS members,
    # which Art. 1 forbids (formerly reported as a duty to refrain, as if nothing had happened yet)
    breached = {(o.obligor, o.beneficiary) for r in rounds[1].results for o in r.breaches
                if o.treaty == NON_AGGRESSION}
    assert breached == {(a, b) for a in ("BFA", "MLI") for b in INTERVENING}
    assert all(o.status == "in_breach" and o.round == 1 for r in rounds[1].results for o in r.breaches)
    assert not any(o.treaty == NON_AGGRESSION for r in rounds[1].results for o in r.obligations)


def test_round_numbers_are_carried_by_the_obligations(cascade2023: Any) -> None:
    for rnd in cascade2023.cascade.rounds:
        for r in rnd.results:
            assert all(o.round == rnd.number for o in r.obligations)
    assert cascade2023.events == cascade2023.cascade.results


def test_cascade_json_shape(cascade2023: Any) -> None:
    doc = cascade2023.to_dict()
    assert doc["cascade"]["fixpoint"] is True
    r1 = doc["cascade"]["rounds"][1]
    assert r1["round"] == 1 and r1["drawn_in"] == ["BFA", "MLI"] and r1["new_treaties"] == list(ROUND1_TREATIES)
    assert {x["caused_by"]["treaty"] for x in r1["responses"]} == {CHARTER}
    assert {x["caused_by"]["article"] for x in r1["responses"]} == {"6"}
    assert doc["cascade"]["rounds"][0]["new_treaties"] == list(ROUND0_TREATIES)


def test_no_cascade_means_no_cascade_section(s2023: Any) -> None:
    result = simulate(s2023)
    assert result.cascade is None and "cascade" not in result.to_dict()


def test_cascade_under_the_ecowas_reading_draws_in_nobody(s2023: Any) -> None:
    """Under the ECOWAS reading the mandated intervention is an enforcement measure: no Art. 6 duty."""
    c = simulate(s2023, cascade=3, perspective="ecowas").cascade
    assert len(c.rounds) == 1 and c.fixpoint is True and c.drawn_in_by(3) == ()


def test_cascade_after_the_ecowas_exit_still_draws_in_the_charter_allies(s2023: Any) -> None:
    c = simulate(s2023, cascade=3, as_of=date(2025, 2, 1)).cascade
    # the ECOWAS instruments no longer bind on Niger's behalf; the general law (UN Charter Art. 2(4), AU Act
    # Art. 4(f)) still restrains the intervening states (issue 14: it no longer vanishes after 29 Jan 2025)
    assert c.rounds[0].new_treaties == ("au-constitutive-act", CHARTER, "un-charter")
    assert not any(t.startswith("ecowas") for t in c.rounds[0].new_treaties)
    assert c.drawn_in_by(3) == ("BFA", "MLI")
    assert all(r.event.date == date(2025, 2, 1) for r in c.rounds[1].responses)


def test_cascade_before_the_charter_draws_in_nobody(s2023: Any) -> None:
    c = simulate(s2023, cascade=3, as_of=date(2023, 9, 15)).cascade
    assert c.fixpoint is True and len(c.rounds) == 1
    assert CHARTER not in c.rounds[0].new_treaties


# --- idempotence and fixpoints ---------------------------------------------------------------


def test_running_the_cascade_from_its_own_fixpoint_adds_nothing(s2023: Any, cascade2023: Any) -> None:
    every = [r.event for r in cascade2023.cascade.results]
    assert len(every) == 1 + 8
    again = run_cascade(s2023.compiled, every, perspective="literal", rounds=3)
    assert len(again.rounds) == 1
    assert again.fixpoint is True
    assert again.rounds[0].responses == () and again.rounds[0].declined == ()
    assert {r.event.id for r in again.rounds[0].results} == {e.id for e in every}


def test_dense_cascade_from_its_own_fixpoint_adds_nothing(dense: Any) -> None:
    first = simulate(dense, cascade=30).cascade
    assert first.fixpoint
    every = [r.event for r in first.results]
    again = run_cascade(dense.compiled, every, perspective="hawk", rounds=30)
    assert (len(again.rounds), again.fixpoint, again.rounds[0].responses) == (1, True, ())


def test_zero_rounds_judges_the_events_only_and_reports_no_fixpoint_when_duties_remain(s2023: Any) -> None:
    c = run_cascade(s2023.compiled, s2023.events, perspective="literal", rounds=0)
    assert len(c.rounds) == 1 and c.fixpoint is False  # Mali and Burkina Faso still owe Art. 6 assistance


# --- termination on a dense world ---------------------------------------------------------------


def test_dense_world_terminates_within_the_pair_bound(dense: Any) -> None:
    n = len(DENSE_STATES)
    pairs = n * (n - 1)
    c = simulate(dense, cascade=pairs).cascade
    responses = _responses(c)
    assert c.fixpoint is True
    assert len(c.rounds) - 1 <= pairs
    assert 0 < len(responses) <= pairs
    engagements = [(r.event.actors[0], r.event.target) for r in responses]
    assert len(engagements) == len(set(engagements)), "an actor enters the conflict against an adversary once"
    assert ("AAA", "BBB") not in engagements  # the original attack is already an engagement
    assert all(a != b for a, b in engagements)
    # under a reading where every response is an aggression, every other ordered pair ends up engaged
    assert set(engagements) == {(a, b) for a in DENSE_STATES for b in DENSE_STATES if a != b} - {("AAA", "BBB")}
    assert all(r.event.root == "e1" for r in responses)


def test_dense_first_rounds_follow_the_pact(dense: Any) -> None:
    c = simulate(dense, cascade=2).cascade
    # round 1: every other party assists BBB against AAA (not AAA, the attacker; not BBB, the beneficiary)
    assert c.rounds[1].drawn_in() == ("CCC", "DDD", "EEE")
    assert {r.event.target for r in c.rounds[1].responses} == {"AAA"}
    assert c.rounds[0].new_treaties == ("dense-pact",)
    assert c.rounds[1].new_treaties == ()


def test_dense_world_stops_at_the_round_limit_without_a_fixpoint(dense: Any) -> None:
    c = simulate(dense, cascade=2).cascade
    assert len(c.rounds) == 3 and c.fixpoint is False


def test_dense_world_with_more_states_still_ends() -> None:
    states = ("AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG")
    s = scenario_from_text(dense_yaml(states))
    pairs = len(states) * (len(states) - 1)
    c = simulate(s, cascade=50).cascade
    assert c.fixpoint is True
    assert len(_responses(c)) <= pairs - 1
    assert len(c.rounds) <= pairs + 1


# --- compliance policy ------------------------------------------------------------------------------


def test_non_compliant_actors_produce_no_responses_and_are_listed_as_declined(s2023: Any) -> None:
    text = open(s2023.path, encoding="utf-8").read().replace("\nexpect:", "\ncascade: {non_compliant: [MLI]}\nexpect:", 1)
    s = scenario_from_text(text)
    c = simulate(s, cascade=3).cascade
    assert c.drawn_in_by(3) == ("BFA",)
    assert all(r.event.actors[0] != "MLI" for r in _responses(c))
    declined = c.rounds[0].declined
    assert [(o.obligor, o.treaty, o.article) for o in declined] == [("MLI", CHARTER, "6")]
    assert c.rounds[0].to_dict()["declined"] == [{"obligor": "MLI", "treaty": CHARTER, "article": "6",
                                                 "event": "intervention"}]
    assert c.fixpoint is True


def test_dense_non_compliant_actor_never_acts() -> None:
    s = scenario_from_text(dense_yaml(policy="cascade: {non_compliant: [CCC]}\n"))
    c = simulate(s, cascade=30).cascade
    assert c.fixpoint
    assert all(r.event.actors[0] != "CCC" for r in _responses(c))
    assert any(o.obligor == "CCC" for rnd in c.rounds for o in rnd.declined)
    assert all(o.obligor == "CCC" for rnd in c.rounds for o in rnd.declined)


def test_lag_days_moves_response_dates() -> None:
    s = scenario_from_text(dense_yaml(policy="cascade: {lag_days: 3}\n"))
    c = simulate(s, cascade=30).cascade
    start = date(2020, 1, 1)
    for rnd in c.rounds[1:]:
        assert rnd.responses
        for r in rnd.responses:
            assert r.event.date == start + timedelta(days=3 * rnd.number)


def test_lag_days_can_carry_the_response_past_the_ecowas_exit(s2023: Any) -> None:
    """Ten days after 2025-01-20 Mali and Burkina Faso are no longer ECOWAS members: their
    responses no longer breach the Non-Aggression Protocol."""
    text = open(s2023.path, encoding="utf-8").read().replace("\nexpect:", "\ncascade: {lag_days: 10}\nexpect:", 1)
    s = scenario_from_text(text)
    lagged = simulate(s, cascade=3, as_of=date(2025, 1, 20)).cascade
    assert {r.event.date for r in lagged.rounds[1].responses} == {date(2025, 1, 30)}
    assert not any(o.treaty == NON_AGGRESSION for r in lagged.rounds[1].results for o in r.obligations + r.breaches)
    prompt = simulate(s2023, cascade=3, as_of=date(2025, 1, 20)).cascade
    assert any(o.treaty == NON_AGGRESSION for r in prompt.rounds[1].results for o in r.breaches)


# --- determinism ----------------------------------------------------------------------------------------


def test_response_ids_and_order_are_fixed(cascade2023: Any) -> None:
    ids = [r.event.id for r in cascade2023.cascade.rounds[1].responses]
    assert ids == [f"intervention>{a}-{b}" for a in ("BFA", "MLI") for b in INTERVENING]


def test_cascade_is_the_same_across_runs_and_under_shuffled_input() -> None:
    events = ("  - {id: e1, date: 2020-01-01, kind: armed_attack, actors: [AAA], target: BBB, location: BBB}\n"
              "  - {id: e2, date: 2020-01-01, kind: armed_attack, actors: [DDD], target: EEE, location: EEE}\n"
              "  - {id: e0, date: 2020-02-01, kind: armed_attack, actors: [CCC], target: AAA, location: AAA}\n")
    s = scenario_from_text(dense_yaml(events=events))

    def trace(evs: Any) -> list[tuple[int, str, str]]:
        c = run_cascade(s.compiled, evs, perspective="hawk", rounds=30)
        return [(rnd.number, r.event.id, r.event.date.isoformat()) for rnd in c.rounds for r in rnd.responses]

    reference = trace(s.events)
    assert reference and reference == trace(s.events)
    shuffled = list(s.events)
    random.Random(7).shuffle(shuffled)
    assert shuffled != list(s.events)
    assert trace(shuffled) == reference
    assert trace(tuple(reversed(s.events))) == reference


def test_response_event_helper(cascade2023: Any) -> None:
    o = next(o for o in cascade2023.cascade.rounds[0].results[0].obligations if o.obligor == "MLI")
    assert is_armed_assistance(o)
    cause = cascade2023.cascade.rounds[0].results[0].event
    ev = response_event(o, "NGA", cause, lag_days=5)
    assert (ev.id, ev.actors, ev.target, ev.date) == ("intervention>MLI-NGA", ("MLI",), "NGA", date(2023, 10, 6))
    breach = next(o for o in cascade2023.cascade.rounds[0].results[0].breaches if o.duty == "refrain")
    assert not is_armed_assistance(breach)  # a breach of a duty to refrain creates no event


def test_cascade_survives_a_long_event_id_with_valid_response_events() -> None:
    from sahel_sim.model.events import Event

    long_id = "E" + "x" * 185  # the schema allows up to 200 characters
    events = f"  - {{id: {long_id}, date: 2020-01-01, kind: armed_attack, actors: [AAA], target: BBB, location: BBB}}\n"
    s = scenario_from_text(dense_yaml(events=events))
    c = simulate(s, cascade=30).cascade
    assert c.fixpoint and len(_responses(c)) == 19
    for r in _responses(c):
        Event.model_validate(r.event.model_dump())  # a response is an event like any other


def test_cascade_findings_do_not_depend_on_building_non_obligations(s2023: Any, dense: Any) -> None:
    import inspect

    if "negatives" not in inspect.signature(simulate).parameters:
        pytest.skip("simulate() has no 'negatives' switch")
    for scenario, rounds in ((s2023, 3), (dense, 30)):
        full = simulate(scenario, cascade=rounds)
        lean = simulate(scenario, cascade=rounds, negatives=False)
        assert lean.cascade.to_dict() == full.cascade.to_dict()
        assert [o.to_dict() for o in lean.obligations] == [o.to_dict() for o in full.obligations]
        assert [c.to_dict() for c in lean.conflicts] == [c.to_dict() for c in full.conflicts]


def test_response_events_are_valid_events(cascade2023: Any) -> None:
    from sahel_sim.model.events import Event

    for r in _responses(cascade2023.cascade):
        again = Event.model_validate(r.event.model_dump())
        assert again == r.event
