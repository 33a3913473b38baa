"""Paths written in a scenario (``treaties:``): every odd path answered in one message, and confined.

Before, a symbolic-link loop, a NUL (written ``"\\0"``) and a path over the
system's length limit each ended in a traceback, and a scenario could read
any ``.yaml`` file on the machine and have its keys echoed back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_sim.cli import main
from sahel_sim.errors import ScenarioError
from sahel_sim.scenario.load import load_scenario
from sahel_sim.scenario.paths import ALLOW_ENVIRONMENT, PathRefused, confined_path

EVENTS = "events:\n  - {id: a, date: 2025-06-01, kind: armed_attack, actors: [MRT], target: MLI}\n"
PACT = ("id: pact\nname: Pact\nsigned: 2000-01-01\nin_force: 2000-01-01\n"
        "parties: {members: [{party: MLI, since: 2000-01-01}, {party: NER, since: 2000-01-01}]}\n"
        "clauses:\n  - id: art-1\n    article: '1'\n    text: x\n    text_kind: paraphrase\n"
        "    trigger: {test: category, any_of: [aggression]}\n    obligor: each_other_party\n"
        "    duty: assist\n    means: armed_force_included\n    strength: mandatory\n")


def _scenario(folder: Path, entry: str) -> Path:
    path = folder / "s.yaml"
    path.write_text(f"scenario: paths\ntreaties:\n  - {entry}\n{EVENTS}", encoding="utf-8")
    return path


def _refusal(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    for command in (["validate", str(path)], ["run", str(path)]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err and "s.yaml:3:5: treaties[0]:" in err, err
    return err


def test_a_loop_of_symbolic_links(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    assert "is a loop of symbolic links" in _refusal(_scenario(tmp_path, "loop.yaml"), capsys)


def test_a_nul_in_the_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _refusal(_scenario(tmp_path, '"pact\\0.yaml"'), capsys)
    assert "contains a NUL character" in err and "\0" not in err


def test_a_path_over_the_system_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _refusal(_scenario(tmp_path, "/".join(["x" * 250] * 20) + ".yaml"), capsys)
    assert "longer than the system allows" in err


def test_a_name_over_the_system_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "longer than the system allows" in _refusal(_scenario(tmp_path, "y" * 300 + ".yaml"), capsys)


def test_a_file_outside_the_scenario_folder_is_refused_and_not_read(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    private = tmp_path / "private"
    private.mkdir()
    (private / "secrets.yaml").write_text("api_token: hunter2\npassword_of_root: x\n", encoding="utf-8")
    folder = tmp_path / "scen"
    folder.mkdir()
    for entry in ("../private/secrets.yaml", str(private / "secrets.yaml")):
        err = _refusal(_scenario(folder, entry), capsys)
        assert "is outside the scenario's folder and the library" in err and ALLOW_ENVIRONMENT in err
        assert "api_token" not in err and "password_of_root" not in err and "hunter2" not in err
    (folder / "link.yaml").symlink_to(private / "secrets.yaml")  # a link does not lead out either
    assert "outside the scenario's folder" in _refusal(_scenario(folder, "link.yaml"), capsys)


def test_another_folder_can_be_allowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "pact.yaml").write_text(PACT, encoding="utf-8")
    folder = tmp_path / "scen"
    folder.mkdir()
    path = _scenario(folder, "../shared/pact.yaml")
    with pytest.raises(ScenarioError, match="outside the scenario's folder"):
        load_scenario(path)
    monkeypatch.setenv(ALLOW_ENVIRONMENT, str(shared))
    assert any(t.id == "pact" for t in load_scenario(path).world.treaties)
    assert confined_path("../shared/pact.yaml", folder) == (shared / "pact.yaml").resolve()
    monkeypatch.delenv(ALLOW_ENVIRONMENT)
    assert confined_path("../shared/pact.yaml", folder, allow=[shared]) == (shared / "pact.yaml").resolve()


def test_a_yaml_file_that_is_no_treaty_is_not_echoed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "config.yaml").write_text("database_password: hunter2\nadmin_email: a@b.c\n", encoding="utf-8")
    err = _refusal(_scenario(tmp_path, "config.yaml"), capsys)
    assert "is not a treaty" in err
    assert "database_password" not in err and "admin_email" not in err and "hunter2" not in err


@pytest.mark.parametrize(("entry", "expected"), [
    ("", "is empty"),
    ("pact.txt", "is not a .yaml or .yml file"),
    ("folder.yaml", "is a directory"),
    ("missing.yaml", "not found: no such file"),
])
def test_other_refusals_of_the_shared_check(entry: str, expected: str, tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    with pytest.raises(PathRefused, match=expected):
        confined_path(entry, tmp_path)


def test_a_link_inside_the_folder_to_a_file_that_is_not_yaml(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "pact.yaml").symlink_to(tmp_path / "notes.txt")
    with pytest.raises(PathRefused, match="a link to a file that is not"):
        confined_path("pact.yaml", tmp_path)


def test_more_than_50_treaties_names_the_line_and_a_fix(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("scenario: many\n" + EVENTS + "treaties:\n" + "".join(f"  - t{i}.yaml\n" for i in range(51)),
                    encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    message = str(info.value)
    assert "s.yaml:4:1: treaties: 51 treaties are more than the limit of 50" in message
    assert "split it into several scenarios" in message
