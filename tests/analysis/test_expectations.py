"""``expect:`` blocks for readings, conflicts and cascades: met, failed, and badly named."""

from __future__ import annotations

import re
from typing import Any

import pytest

from analysis.conftest import S2023, dense_yaml
from sahel_sim import load_scenario, scenario_from_text
from sahel_sim.analysis.expectations import run_expectations
from sahel_sim.errors import ScenarioError

BASE = S2023.read_text(encoding="utf-8").split("\nexpect:", 1)[0] + "\n"


def _outcomes(expect: str) -> list[Any]:
    return run_expectations(scenario_from_text(BASE + expect))


def _load_error(expect: str) -> str:
    with pytest.raises(ScenarioError) as info:
        scenario_from_text(BASE + expect)
    return str(info.value)


def _line_of(expect: str, needle: str) -> int:
    """The 1-based line of ``needle`` in BASE + expect."""
    lines = (BASE + expect).splitlines()
    return next(i + 1 for i, line in enumerate(lines) if needle in line)


# --- the shipped scenarios ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ecowas-intervention-niger-2023-10.yaml", "ecowas-intervention-niger-2025-03.yaml"])
def test_shipped_analysis_scenarios_meet_every_expectation(name: str) -> None:
    outcomes = run_expectations(load_scenario(S2023.parent / name))
    assert outcomes and all(o.met for o in outcomes), [o.describe() for o in outcomes if not o.met]


def test_the_2023_scenario_pins_a_reading_a_conflict_and_a_cascade(s2023: Any) -> None:
    outcomes = run_expectations(s2023)
    kinds = [o.kind for o in outcomes]
    assert {"obligated", "not_obligated", "conflict", "cascade"} <= set(kinds)
    tagged = [o.detail for o in outcomes if o.detail.startswith("[")]
    assert any(d.startswith("[aes reading]") for d in tagged)
    assert any(d.startswith("[ecowas reading]") and "enforcement_measure" in d for d in tagged)
    conflicts = [o for o in outcomes if o.kind == "conflict"]
    assert {o.expected.actor for o in conflicts} == {"MLI", "BFA"}
    assert all("Non-Aggression Protocol (1978) Art. 1" in o.detail for o in conflicts)
    cascade = [o.describe() for o in outcomes if o.kind == "cascade"]
    assert "PASS cascade: drawn in by round 1: BFA, MLI" in cascade
    assert any("fixpoint reached" in d for d in cascade)


def test_expectation_outcomes_come_in_a_stable_order(s2023: Any) -> None:
    a = [o.describe() for o in run_expectations(s2023)]
    assert a == [o.describe() for o in run_expectations(s2023)]
    kinds = [o.kind for o in run_expectations(s2023)]
    assert kinds.index("conflict") < kinds.index("cascade")


def test_no_expect_block_no_outcomes() -> None:
    assert _outcomes("") == []


# --- met and failed ---------------------------------------------------------------------------------------


def test_a_met_perspective_block() -> None:
    (o,) = _outcomes("""expect:
  perspectives:
    ecowas:
      not_obligated:
        - {party: MLI, treaty: liptako-gourma-charter, article: "6"}
""")
    assert o.met and o.detail.startswith("[ecowas reading]")


def test_a_failing_perspective_block() -> None:
    (o,) = _outcomes("""expect:
  perspectives:
    ecowas:
      obligated:
        - {obligor: MLI, treaty: liptako-gourma-charter, article: "6"}
""")
    assert not o.met and "[ecowas reading] no matching obligation" in o.describe()


def test_wrong_drawn_in_actors_fail() -> None:
    outcomes = _outcomes("""expect:
  cascade:
    rounds: 2
    drawn_in:
      - {round: 1, actors: [MLI]}
      - {round: 2, actors: [BFA, MLI]}
""")
    assert [o.met for o in outcomes] == [False, True]
    assert "drawn in by round 1: BFA, MLI (expected MLI)" in outcomes[0].detail


def test_a_wrong_fixpoint_expectation_fails() -> None:
    (o,) = _outcomes("""expect:
  cascade:
    rounds: 2
    fixpoint: false
""")
    assert not o.met and "fixpoint reached" in o.detail


def test_a_cascade_that_stops_at_its_bound_meets_fixpoint_false() -> None:
    s = scenario_from_text(dense_yaml(expect="""expect:
  cascade:
    rounds: 2
    drawn_in:
      - {round: 1, actors: [CCC, DDD, EEE]}
    fixpoint: false
"""))
    outcomes = run_expectations(s)
    assert len(outcomes) == 2 and all(o.met for o in outcomes), [o.describe() for o in outcomes]


def test_a_conflict_that_does_not_exist_fails() -> None:
    (o,) = _outcomes("""expect:
  conflicts:
    - actor: NER
      first: {treaty: liptako-gourma-charter, article: "6"}
      second: {treaty: ecowas-non-aggression-1978, article: "1"}
""")
    assert not o.met and "no such conflict found" in o.detail


def test_absent_true_on_a_real_conflict_fails() -> None:
    (o,) = _outcomes("""expect:
  conflicts:
    - actor: MLI
      first: {treaty: liptako-gourma-charter, article: "6"}
      second: {treaty: ecowas-non-aggression-1978, article: "1"}
      absent: true
""")
    assert not o.met
    assert "MLI not bound by" in o.detail and "found: MLI must assist NER" in o.detail


def test_conflict_clauses_match_in_either_order_and_without_article() -> None:
    (o,) = _outcomes("""expect:
  conflicts:
    - actor: BFA
      event: intervention
      first: {treaty: ecowas-non-aggression-1978, article: "1"}
      second: {treaty: liptako-gourma-charter}
""")
    assert o.met


def test_a_conflict_of_another_event_does_not_match() -> None:
    text = BASE.replace("events:\n", "events:\n  - {id: quiet, date: 2023-10-01, kind: sanctions, actors: [NGA], "
                                      "target: GHA, location: GHA}\n", 1)
    s = scenario_from_text(text + """expect:
  conflicts:
    - actor: MLI
      event: quiet
      first: {treaty: liptako-gourma-charter, article: "6"}
      second: {treaty: ecowas-non-aggression-1978, article: "1"}
""")
    (o,) = run_expectations(s)
    assert not o.met


# --- located errors with suggestions -------------------------------------------------------------------


def test_unknown_perspective_in_expect_is_located_with_a_suggestion() -> None:
    expect = """expect:
  perspectives:
    aess:
      obligated:
        - {obligor: MLI, treaty: liptako-gourma-charter, article: "6"}
"""
    msg = _load_error(expect)
    assert "unknown perspective 'aess'" in msg and "did you mean aes" in msg
    assert f":{_line_of(expect, 'aess:')}:" in msg
    assert "expect.perspectives.aess" in msg


def test_unknown_names_in_conflicts_and_cascade_are_located_with_suggestions() -> None:
    expect = """expect:
  conflicts:
    - actor: MLL
      first: {treaty: liptako-gourma-chartr, article: "6"}
      second: {treaty: ecowas-non-aggression-1978, article: "11"}
  cascade:
    rounds: 2
    drawn_in:
      - {round: 1, actors: [BFAA, MLI]}
"""
    msg = _load_error(expect)
    assert "4 problems" in msg
    for path, needle, hint in [
        ("expect.conflicts[0].actor", "unknown actor 'MLL'", "MLI (Mali)"),
        ("expect.conflicts[0].first.treaty", "unknown treaty 'liptako-gourma-chartr'", "did you mean liptako-gourma-charter"),
        ("expect.conflicts[0].second.article", "no operative clause at Art. 11", "articles with clauses: 1"),
        ("expect.cascade.drawn_in[0].actors[0]", "unknown actor 'BFAA'", "did you mean BFA"),
    ]:
        line = next(line for line in msg.splitlines() if path in line)
        assert needle in line and hint in line
        assert re.search(r":\d+:\d+: ", line), line
    assert f":{_line_of(expect, 'actor: MLL')}:" in msg
    assert f":{_line_of(expect, 'BFAA')}:" in msg


def test_unknown_obligor_in_a_perspective_block_is_located() -> None:
    msg = _load_error("""expect:
  perspectives:
    aes:
      obligated:
        - {obligor: MLX, treaty: liptako-gourma-charter, article: "6"}
""")
    assert "expect.perspectives.aes.obligated[0].obligor" in msg and "unknown actor 'MLX'" in msg
    assert "did you mean" in msg and "MLI (Mali)" in msg


def test_a_negative_or_huge_cascade_bound_is_refused() -> None:
    for rounds in ("0", "51"):
        msg = _load_error(f"expect:\n  cascade:\n    rounds: {rounds}\n")
        assert "expect.cascade.rounds" in msg


def test_unknown_event_in_a_conflict_expectation_is_an_error() -> None:
    msg = _load_error("""expect:
  conflicts:
    - actor: MLI
      event: interventon
      first: {treaty: liptako-gourma-charter, article: "6"}
      second: {treaty: ecowas-non-aggression-1978, article: "1"}
      absent: true
""")
    assert "unknown event 'interventon'" in msg and "did you mean intervention" in msg


def test_an_outsider_expected_not_obligated_under_another_reading() -> None:
    (o,) = _outcomes("""expect:
  perspectives:
    aes:
      not_obligated:
        - {party: TCD, treaty: liptako-gourma-charter}
""")
    assert o.met, o.describe()


def test_an_outsider_named_in_the_plain_block_is_judged_under_every_reading() -> None:
    """The same expectation passes once TCD is also named in the plain block (so asked() includes it)."""
    outcomes = _outcomes("""expect:
  not_obligated:
    - {party: TCD, treaty: liptako-gourma-charter}
  perspectives:
    aes:
      not_obligated:
        - {party: TCD, treaty: liptako-gourma-charter}
""")
    assert [o.met for o in outcomes] == [True, True]
    assert "TCD is not a party" in outcomes[1].detail
