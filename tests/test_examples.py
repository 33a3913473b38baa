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


def _setup_module() -> object:
    """The repository's setup.py as a module (its ``setup()`` call runs only when a build backend runs it)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("sahel_sim_setup", ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_wheel_carries_every_example_and_its_world_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the wheel's build copies is what a plain install finds, first, from any folder."""
    copied = _setup_module().copy_examples(ROOT / "scenarios", tmp_path / "sahel_sim")  # type: ignore[attr-defined]
    installed = tmp_path / "sahel_sim" / "example_scenarios"
    assert {p.relative_to(installed) for p in copied} == {p.relative_to(ROOT / "scenarios")
                                                          for p in (ROOT / "scenarios").rglob("*.yaml")}
    monkeypatch.setattr(examples, "INSTALLED", installed)
    monkeypatch.chdir(tmp_path)
    assert examples.folder() == installed, "the wheel's copy comes before any folder named scenarios"
    assert examples.names() == sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))
    assert examples.path("poland-september-1939").parent == installed
    assert "SVKR" in examples.load("poland-september-1939").world.actor_ids()  # from its world/ file, beside it


def test_without_a_copy_or_a_source_tree_the_message_says_how_to_get_them(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(examples, "INSTALLED", tmp_path / "sahel_sim" / "example_scenarios")
    monkeypatch.setattr(examples, "SOURCE", tmp_path / "scenarios")
    monkeypatch.delenv(examples.ENVIRONMENT, raising=False)
    with pytest.raises(UnknownEntityError, match=r"not installed with this copy .*pip install sahel-sim.*"
                                                 r"SAHEL_SIM_SCENARIOS"):
        examples.names()
