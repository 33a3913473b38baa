"""The ECOWAS transition period (29 Jan - 29 Jul 2025) and the G5 Sahel's end, as dated data shown where a user looks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sahel_sim.analysis.timeline import build_timeline, concerned, milestones
from sahel_sim.cli import Exit, main
from sahel_sim.errors import ScenarioError
from sahel_sim.graph import queries as q
from sahel_sim.library import library_world
from sahel_sim.scenario.load import load_scenario, scenario_from_text

ROOT = Path(__file__).parents[2]
AFTER_EXIT = ROOT / "scenarios" / "attack-on-mali-after-ecowas-exit.yaml"
THREE = ("BFA", "MLI", "NER")


@pytest.mark.parametrize("member", THREE)
def test_the_transition_period_is_dated_and_sourced_and_is_not_membership(member: str) -> None:
    m = next(x for x in library_world().memberships if x.member == member and x.of == "ECOWAS")
    period = m.withdrawal.transition
    assert (period.since, period.until) == (date(2025, 1, 29), date(2025, 7, 29))
    assert "15 Dec 2024" in period.basis and period.source and period.confidence.value == "confirmed"
    assert m.until == date(2025, 1, 29)
    for day in (date(2025, 1, 29), date(2025, 3, 1), date(2025, 7, 28)):
        assert not m.active_on(day)


def test_no_query_reads_the_transition_as_membership() -> None:
    scenario = load_scenario(AFTER_EXIT)
    for member in THREE:
        assert q.is_member(scenario.graph, member, "ECOWAS", date(2025, 1, 28))
        assert not q.is_member(scenario.graph, member, "ECOWAS", date(2025, 3, 1))
        assert not q.is_party(scenario.graph, member, "ecowas-pmad-1981", date(2025, 3, 1))


def test_treaties_for_mali_during_the_transition_list_no_ecowas_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["treaties", "--party", "MLI", "--on", "2025-03-01", "--format", "json"]) == Exit.OK
    out = capsys.readouterr().out
    assert "liptako-gourma-charter" in out and "ecowas" not in out
    assert main(["treaties", "--party", "MLI", "--on", "2025-01-28", "--format", "json"]) == Exit.OK
    assert "ecowas-pmad-1981" in capsys.readouterr().out


def test_the_revised_treaty_shows_the_transitional_period(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["treaties", "ecowas-revised-treaty-1993"]) == Exit.OK
    out = " ".join(capsys.readouterr().out.split())
    assert "set 29 Jan to 29 Jul 2025 as a transitional period" in out and "it is not membership" in out


def test_the_timeline_shows_the_period_begin_and_end(capsys: pytest.CaptureFixture[str]) -> None:
    timeline = build_timeline(load_scenario(AFTER_EXIT), date(2024, 12, 1), date(2025, 8, 31))
    by_day = {s.date: s.changes for s in timeline.steps}
    assert "MLI ceases to be a member of ECOWAS (notice of 2024-01-28)" in by_day[date(2025, 1, 29)]
    assert (date(2025, 1, 29), "MLI's transition period with ECOWAS begins, to 2025-07-29 (set on leaving; MLI is "
            "not a member)") in timeline.dated
    assert (date(2025, 7, 29), "NER's transition period with ECOWAS ends") in timeline.dated
    assert date(2025, 7, 29) not in by_day  # no obligation changes that day: the steps are as before
    assert timeline.to_dict()["dated"][0] == {"date": "2025-01-29", "text": timeline.dated[0][1]}
    assert main(["timeline", str(AFTER_EXIT), "--from", "2024-12-01", "--to", "2025-08-31"]) == Exit.OK
    out = capsys.readouterr().out
    assert "Also dated in the data for these actors:" in out and "2025-07-29  BFA's transition period with ECOWAS ends" in out


def test_the_g5_sahels_end_is_a_series_of_dated_steps() -> None:
    g5 = next(a for a in library_world().actors if a.id == "G5S")
    assert [m.date for m in g5.milestones] == [date(2022, 5, 15), date(2023, 11, 29), date(2023, 12, 5)]
    assert all(m.source for m in g5.milestones)
    last = g5.milestones[-1]
    assert "Art. 20" in last.text and last.confidence.value == "secondary" and "unverified" in last.note
    assert milestones(library_world(), date(2023, 12, 5)) == (f"G5S: {last.text.strip()}",)
    timeline = build_timeline(load_scenario(AFTER_EXIT), date(2023, 11, 1), date(2023, 12, 31))
    assert [d for d, _ in timeline.dated] == [date(2023, 11, 29), date(2023, 12, 5)]


def test_a_timeline_shows_the_milestones_of_its_own_actors_only() -> None:
    nato = load_scenario(ROOT / "scenarios" / "nato-armed-attack-on-estonia-2025.yaml")
    assert "G5S" not in concerned(nato.world, nato.events) and "ECOWAS" not in concerned(nato.world, nato.events)
    timeline = build_timeline(nato, date(2023, 11, 1), date(2025, 8, 31))
    assert timeline.dated == ()
    assert {"MLI", "G5S", "ECOWAS"} <= concerned(load_scenario(AFTER_EXIT).world, load_scenario(AFTER_EXIT).events)


def test_a_transition_before_the_withdrawal_took_effect_is_refused(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    text = """scenario: x
actors:
  - {id: XORG, kind: organisation, name: X organisation}
memberships:
  - member: MLI
    of: XORG
    since: 2000-01-01
    withdrawal:
      effective: 2020-01-01
      transition: {since: 2019-06-01, until: 2020-06-01}
events:
  - {id: e1, date: 2021-01-01, kind: armed_attack, actors: [NER], target: MLI}
"""
    with pytest.raises(ScenarioError) as err:
        scenario_from_text(text)
    assert "memberships[0].withdrawal" in str(err.value)
    assert ("the transition period starts on 2019-06-01, before the withdrawal took effect (2020-01-01); a "
            "transition period follows membership: start it on or after 2020-01-01") in str(err.value)
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    assert main(["validate", str(path)]) == Exit.INPUT_ERROR
    err_text = capsys.readouterr().err
    assert f"{path}:" in err_text and "withdrawal" in err_text and "Traceback" not in err_text
