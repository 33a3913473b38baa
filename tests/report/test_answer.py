"""The terminal answer: reasons in full at 80 columns, statuses, focus, condensed "not bound"."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sahel_sim.api import simulate
from sahel_sim.engine.findings import SimulationResult
from sahel_sim.report.answer import because_in_full, duty_words
from sahel_sim.report.tables import render_results
from sahel_sim.scenario.load import load_scenario

NIGER = Path(__file__).parents[2] / "scenarios" / "ecowas-intervention-niger-2023-10.yaml"


@pytest.fixture(scope="module")
def niger(shipped_runs: Any) -> SimulationResult:
    return shipped_runs.result(NIGER)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_reason_in_full_within_80_columns_and_80_lines(niger: SimulationResult) -> None:
    text = render_results([niger], width=80)
    lines = text.splitlines()
    assert max(map(len, lines)) <= 80
    assert len(lines) <= 80
    assert "…" not in text
    flat = _flat(text)
    assert niger.obligations  # the check below is not vacuous
    for o in niger.obligations:
        assert _flat(f"because {because_in_full(o)}") in flat
        assert f"{duty_words(o)}" in flat


def test_statuses_group_the_obligations(niger: SimulationResult) -> None:
    text = render_results([niger], width=80)
    # the four intervening states, formerly "bound to refrain" (issue 12), in breach of the 1978 Protocol Art. 1,
    # and, since the general law is encoded (issue 14), of UN Charter Art. 2(4) and AU Constitutive Act Art. 4(f)
    breach = text.index("In breach (12)")
    bound = text.index("Bound (2)")  # BFA and MLI; ECOWAS no longer manages or mediates its own intervention (issue 14)
    assert "ECOWAS: manage the crisis" not in text and "Bound, means at its discretion" not in text
    assert breach < bound < text.index("Not bound")


def test_alike_obligors_share_one_block(niger: SimulationResult) -> None:
    text = render_results([niger], width=80)
    assert "BEN, CIV, NGA, SEN: used force against NER, which the clause forbids" in text
    assert "BFA, MLI: assist NER against NGA, SEN, CIV, BEN, armed force included" in text


def test_not_bound_is_condensed_and_all_lists_everything(niger: SimulationResult) -> None:
    short = render_results([niger], width=80)
    full = render_results([niger], width=80, show_all=True)
    assert "North Atlantic Treaty" not in short  # an alliance the event does not concern
    assert "more with --all" in short
    assert "North Atlantic Treaty" in full and "more with --all" not in full
    assert len(full.splitlines()) > 2 * len(short.splitlines())
    assert "NER is the beneficiary (nobody is bound to assist itself)" in _flat(short)


def test_party_answers_first_for_every_treaty() -> None:
    result = simulate(load_scenario(NIGER), parties=["TCD"])
    plain = render_results([result], width=80)
    focused = render_results([result], width=80, parties=["TCD"])
    assert focused != plain
    block = focused[focused.index("TCD, treaty by treaty"):focused.index("Bound (")]
    flat = _flat(block)
    for name in ("Liptako-Gourma Charter", "North Atlantic Treaty", "ECOWAS Defence Protocol (1981)"):
        assert name in flat
    assert "not a party on 2023-10-01" in flat
    assert "TCD" not in focused[focused.index("In breach ("):]  # said in its own block at the top, not again


def test_party_bound_somewhere_shows_its_duty_first() -> None:
    result = simulate(load_scenario(NIGER), parties=["MLI"])
    text = render_results([result], width=80, parties=["MLI"])
    block = text[text.index("MLI, treaty by treaty"):text.index("In breach (12)")]  # 4 states x 3 treaties
    assert "MLI: assist NER" in block and "Not bound" in block


def test_as_of_says_so_in_the_heading(shipped_runs: Any) -> None:
    result = simulate(load_scenario(NIGER), as_of=date(2025, 3, 1))
    text = render_results([result], width=80, as_of=date(2025, 3, 1))
    assert "(what-if: as of 2025-03-01)" in text.splitlines()[0] + text.splitlines()[1]
    assert "What-if: every event moved to 2025-03-01" in _flat(text)
    assert "What-if" not in render_results([shipped_runs.result(NIGER)], width=80)


def test_cascade_summary_first_then_rounds_condensed() -> None:
    result = simulate(load_scenario(NIGER), cascade=3)
    text = render_results([result], width=80)
    assert text.index("Cascade: 1 round(s)") < text.index("intervention · 2023-10-01") < text.index("Round 1:")
    assert "BFA acts against NGA, SEN, CIV, BEN, to assist NER" in _flat(text)
    assert "shown with --all" in text
    assert len(text.splitlines()) < 200


def test_a_long_not_bound_list_is_counted_and_all_names_it(niger: SimulationResult) -> None:
    short = _flat(render_results([niger], width=80))
    full = _flat(render_results([niger], width=80, show_all=True))
    art51 = [o for o in niger.non_obligations if o.treaty == "un-charter" and o.ref.article == "51"]
    assert len(art51) > 20  # every other UN member: the count below is not vacuous
    assert re.search(r"UN Charter Art\. 51 — \d+ parties, named with --all", short)
    assert "named with --all" not in full and "UN Charter Art. 51 — ALB, " in full


def test_states_that_did_not_act_are_left_to_all(niger: SimulationResult) -> None:
    short = render_results([niger], width=80)
    full = render_results([niger], width=80, show_all=True)
    # BFA used no force: that it breaches no prohibition on those who did is a row of --all only
    assert "AU Constitutive Act Art. 4(f) — BFA" not in short and "ECOWAS Non-Aggression Protocol (1978) Art. 1 — BFA" not in short
    assert re.search(r"AU Constitutive Act Art\. 4\(f\) — [A-Z, ]*\bBFA\b[A-Z, ]* for each of them, this does not hold: "
                     r"the obligor is a party that carried out the event", _flat(full))


def test_categories_one_rule_gave_are_stated_once(niger: SimulationResult) -> None:
    text = _flat(render_results([niger], width=80))
    assert ("because intervention is use_of_force and aggression under the literal reading (rule armed-force-by-a-state:"
            in text)
    assert "intervention is use_of_force under the literal reading" not in text


def test_conflicts_settled_by_another_rule_get_their_own_example(niger: SimulationResult) -> None:
    import dataclasses

    from sahel_sim.engine.precedence import Precedence

    first, *rest = niger.conflicts
    assert rest and all(c.precedence and c.precedence.rule == "vclt-30-4-b" for c in niger.conflicts)
    unsettled = dataclasses.replace(first, precedence=Precedence(None, None, "no rule of precedence settles it"),
                                    explanation="BFA owes both")
    one = _flat(render_results([dataclasses.replace(niger, conflicts=niger.conflicts)], width=80))
    two = _flat(render_results([dataclasses.replace(niger, conflicts=(unsettled, *rest))], width=80))
    assert one.count("for example,") == 1 and "8 pairs of duties" in one
    assert "7 pairs of duties" in two and "BFA owes both" in two
