"""Shared world files: a scenario lists them by path, like treaty files, under the same rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_sim import load_scenario
from sahel_sim.errors import ScenarioError
from sahel_sim.scenario.load import scenario_from_text

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"

EVENT = """
events:
  - {id: e1, date: 1939-09-01, kind: armed_attack, actors: [SVKR], target: POL, location: POL-1939}
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_scenario_reads_a_shipped_world_file() -> None:
    sc = scenario_from_text("scenario: s\nworld: [world/europe-1939.yaml]\n" + EVENT, base=SCENARIOS)
    assert "SVKR" in sc.world.actor_ids()
    assert any(t.id == "DANZIG" for t in sc.world.territories)


def test_without_the_world_file_the_actor_is_unknown() -> None:
    with pytest.raises(ScenarioError, match="unknown actor 'SVKR'"):
        scenario_from_text("scenario: s\n" + EVENT, base=SCENARIOS)


def test_a_problem_inside_a_world_file_is_located_in_that_file(tmp_path: Path) -> None:
    _write(tmp_path, "w.yaml", "memberships:\n  - {member: POL, of: NATX, since: 1999-03-12}\n")
    sc = _write(tmp_path, "s.yaml", "scenario: s\nworld: [w.yaml]\n" + EVENT.replace("SVKR", "DEU"))
    with pytest.raises(ScenarioError) as err:
        load_scenario(sc)
    text = str(err.value)
    assert "w.yaml:2:" in text and "memberships[0].of" in text and "NATX" in text and "did you mean NATO" in text


def test_later_files_and_the_scenario_see_earlier_files(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", "actors:\n  - {id: ZZA, kind: state, name: Zed, confidence: confirmed}\n")
    _write(tmp_path, "b.yaml", "territories:\n  - {id: ZZA, name: Zed, holders: [{state: ZZA, since: 1900-01-01}]}\n")
    sc = _write(tmp_path, "s.yaml", "scenario: s\nworld: [a.yaml, b.yaml]\nevents:\n"
                "  - {id: e1, date: 1939-09-01, kind: armed_attack, actors: [DEU], target: ZZA}\n")
    assert {"ZZA"} <= load_scenario(sc).world.actor_ids()


@pytest.mark.parametrize("entry, text, needle", [
    ("../outside.yaml", None, "outside"),
    ("missing.yaml", None, "missing.yaml"),
    ("notes.txt", "actors: []\n", ".yaml"),
    ("secret.yaml", "password: hunter2\n", "is not a world file"),
    ("treaty.yaml", "treaties: []\nactors: []\n", "treaties"),
])
def test_bad_world_files_are_refused_with_one_located_message(tmp_path: Path, entry: str, text: str | None,
                                                              needle: str) -> None:
    inner = tmp_path / "inner"
    inner.mkdir()
    if text is not None:
        _write(inner, entry, text)
    _write(tmp_path, "outside.yaml", "actors: []\n")
    sc = _write(inner, "s.yaml", f"scenario: s\nworld: ['{entry}']\n" + EVENT.replace("SVKR", "DEU"))
    with pytest.raises(ScenarioError) as err:
        load_scenario(sc)
    text_out = str(err.value)
    assert needle in text_out and "hunter2" not in text_out


def test_text_that_may_not_name_files_refuses_world_files() -> None:
    with pytest.raises(ScenarioError, match=r"world\[0\].*|may not name files"):
        scenario_from_text("scenario: s\nworld: [world/europe-1939.yaml]\n" + EVENT, base=SCENARIOS, files=False)


def test_too_many_world_files_are_refused(tmp_path: Path) -> None:
    sc = _write(tmp_path, "s.yaml", "scenario: s\nworld: [" + ", ".join(["w.yaml"] * 51) + "]\n" + EVENT)
    with pytest.raises(ScenarioError, match="51 world files are more than the limit of 50"):
        load_scenario(sc)


def test_checking_a_directory_leaves_out_its_world_folder(capsys: pytest.CaptureFixture[str]) -> None:
    from sahel_sim.cli import Exit, main

    assert main(["check", str(SCENARIOS)]) == Exit.OK
    out = capsys.readouterr().out
    assert "europe-1939" not in out and "input error" not in out
