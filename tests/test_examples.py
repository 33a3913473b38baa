"""``sahel_sim.examples``: the shipped scenarios by name, from any working folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_sim import examples
from sahel_sim.errors import UnknownEntityError

ROOT = Path(__file__).parents[1]


def test_every_shipped_scenario_is_an_example() -> None:
    assert examples.names() == sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))


def test_paths_do_not_depend_on_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = examples.path("suez-1956")
    assert path.is_absolute() and path == (ROOT / "scenarios" / "suez-1956.yaml").resolve()
    assert examples.path("suez-1956.yaml") == path
    assert examples.load("suez-1956").name == examples.load(str(path.name)).name


def test_a_misspelt_name_gets_a_suggestion() -> None:
    with pytest.raises(UnknownEntityError, match=r"no example scenario 'niger-coup-2032'; did you mean niger-coup-2023\?"):
        examples.path("niger-coup-2032")
    with pytest.raises(UnknownEntityError, match="sahel_sim.examples.names"):
        examples.path("zzzzzzzzzzzz")


def test_another_folder_can_be_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mine.yaml").write_text("scenario: mine\nevents: []\n", encoding="utf-8")
    monkeypatch.setenv(examples.ENVIRONMENT, str(tmp_path))
    assert examples.names() == ["mine"]
    monkeypatch.setenv(examples.ENVIRONMENT, str(tmp_path / "gone"))
    with pytest.raises(UnknownEntityError, match="SAHEL_SIM_SCENARIOS=.*gone is not a folder"):
        examples.names()
