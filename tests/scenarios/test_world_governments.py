"""A shared world file may hold governments, as the library's own world files do (``governments.yaml``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_sim.cli import Exit, main
from sahel_sim.scenario.load import load_scenario

WORLD = """\
actors:
  - {id: ZZL, kind: state, name: Zedland, confidence: recalled}
  - {id: ZZJ, kind: armed_group, name: Zedland junta, confidence: recalled}
territories:
  - {id: ZZL, kind: metropolitan, name: Zedland, holders: [{state: ZZL, since: 1990-01-01}], confidence: recalled}
governments:
  - {state: ZZL, head: The First Council, since: 1990-01-01, until: 2020-05-01, came_to_power: election, ended_by: coup}
  - {state: ZZL, head: The Second Council, since: 2020-05-01, came_to_power: coup}
"""

SCENARIO = """\
scenario: Zedland's coup
hypothetical: true
world: [world.yaml]
events:
  - {id: coup, date: 2020-05-01, kind: coup, actors: [ZZJ], target: ZZL}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "world.yaml").write_text(WORLD, encoding="utf-8")
    (tmp_path / "s.yaml").write_text(SCENARIO, encoding="utf-8")
    return tmp_path


def test_validate_reads_the_governments_of_a_world_file(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(folder / "world.yaml")]) == Exit.OK
    assert capsys.readouterr().out == f"{folder / 'world.yaml'}: ok (world file: 2 actors, 1 territory, 2 governments)\n"


def test_a_scenario_gets_the_governments_of_its_world_files(folder: Path) -> None:
    governments = [g for g in load_scenario(folder / "s.yaml").world.governments if g.state == "ZZL"]
    assert [g.head for g in governments] == ["The First Council", "The Second Council"]


def test_a_government_of_an_unknown_state_is_located(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "world.yaml").write_text(WORLD.replace("- {state: ZZL, head: The Second", "- {state: ZZM, head: The Second"),
                                       encoding="utf-8")
    assert main(["validate", str(folder / "world.yaml")]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert f"{folder / 'world.yaml'}:8:" in err and "governments[1].state" in err and "ZZM" in err
    assert main(["run", str(folder / "s.yaml")]) == Exit.INPUT_ERROR
    assert "governments[1].state" in capsys.readouterr().err
