"""The 1939 UK-Poland Agreement: consultation only against a European Power, and its disputed end."""

from __future__ import annotations

from sahel_sim import simulate
from sahel_sim.library import library_world
from sahel_sim.scenario.load import scenario_from_text


def _found(attacker: str, day: str, target: str = "GBR"):  # noqa: ANN202
    text = f"scenario: x\nevents:\n  - {{id: e1, date: {day}, kind: armed_attack, actors: [{attacker}], target: {target}}}\n"
    result = simulate(scenario_from_text(text), parties=["POL"]).events[0]
    bound = [o for o in result.obligations if o.obligor == "POL" and o.ref.treaty == "uk-poland-1939"]
    not_bound = [n for n in result.non_obligations if n.party == "POL" and n.ref.treaty == "uk-poland-1939"
                 and n.ref.article == "Protocol 1(b)"]
    return bound, not_bound


def test_an_attack_by_a_non_european_state_calls_for_no_consultation() -> None:
    # the Falklands answer was wrong before: Argentina is not "a European Power" (Protocol para. 1(b))
    bound, not_bound = _found("ARG", "1982-04-02")
    assert bound == []
    assert "ARG's territory is in south_america only" in str(not_bound[0].reason)


def test_before_november_1948_a_european_power_other_than_germany_brings_consultation() -> None:
    bound, _ = _found("SUN", "1947-06-01")
    assert [(o.duty, o.ref.article, o.contested) for o in bound] == [("consult", "Protocol 1(b)", False)]


def test_after_november_1948_the_consultation_is_contested_by_the_lapse_reading() -> None:
    bound, _ = _found("SUN", "1950-06-01")
    assert [(o.duty, o.contested) for o in bound] == [("consult", True)]
    other = bound[0].readings[0]
    assert (other.alternative, other.status) == ("lapsed-by-1948", "not_bound")
    assert "ceased to be in force by 1948-11-17 (the day it ended is not known)" in other.reason


def test_the_main_reading_records_no_end_and_says_why() -> None:
    treaty = library_world().treaty("uk-poland-1939")
    assert treaty.terminated is None and treaty.confidence.value == "disputed"
    assert "Hansard" in treaty.contested[0].source and "No denunciation" in treaty.note
    assert treaty.terminated_words() == "on no recorded date"
