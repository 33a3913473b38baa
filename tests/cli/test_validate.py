"""``sahel-sim validate`` reads scenario, treaty and world files, each as the kind its keys say, and says which."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_sim.cli import Exit, main
from sahel_sim.library import treaty_files

ROOT = Path(__file__).parents[2]
TREATY = ROOT / "tests" / "verify" / "inconsistent-treaty.yaml"  # valid as a file; its clauses are wrong on purpose
WORLD = ROOT / "scenarios" / "world" / "europe-1939.yaml"
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


def _validate(capsys: pytest.CaptureFixture[str], *paths: Path, code: int = Exit.OK) -> tuple[str, str]:
    assert main(["validate", *map(str, paths)]) == code
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return out, err


def test_a_treaty_file_is_read_as_a_treaty(capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = _validate(capsys, TREATY)
    assert out == f"{TREATY}: ok (treaty inconsistent-pact: 6 clauses)\n"


def test_a_world_file_is_read_as_a_world_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = _validate(capsys, WORLD)
    assert out == f"{WORLD}: ok (world file: 1 actor, 2 territories)\n"
    empty = tmp_path / "empty-world.yaml"
    empty.write_text("actors: []\n", encoding="utf-8")
    assert _validate(capsys, empty)[0] == f"{empty}: ok (world file: empty)\n"


def test_every_shipped_file_validates_as_its_kind(capsys: pytest.CaptureFixture[str]) -> None:
    files = [*treaty_files(), *SCENARIOS, WORLD]
    out, _ = _validate(capsys, *files)
    lines = out.splitlines()
    assert len(lines) == len(files)
    for path, line in zip(files, lines):
        kind = "treaty" if path.parent.name == "treaties" else "world file" if path == WORLD else "scenario"
        assert line.startswith(f"{path}: ok ({kind}"), line


def test_a_bad_treaty_file_is_located_and_says_it_was_read_as_a_treaty(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(TREATY.read_text(encoding="utf-8").replace("party: CIV", "party: CIVV"), encoding="utf-8")
    _, err = _validate(capsys, bad, code=Exit.INPUT_ERROR)
    assert f"{bad}:" in err and "unknown actor 'CIVV'" in err
    assert "unknown field" not in err  # not read as a scenario
    assert err.endswith("\n  (read as a treaty file, because it has id: or clauses:)\n")


def test_a_treaty_file_reusing_a_shipped_id_is_refused_as_verify_refuses_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_text(TREATY.read_text(encoding="utf-8").replace("id: inconsistent-pact", "id: liptako-gourma-charter"),
                    encoding="utf-8")
    _, err = _validate(capsys, copy, code=Exit.INPUT_ERROR)
    assert "already a shipped treaty's id" in err
    assert main(["verify", str(copy)]) == Exit.INPUT_ERROR
    assert "already a shipped treaty's id" in capsys.readouterr().err


def test_a_bad_world_file_says_it_was_read_as_a_world_file(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "world.yaml"
    bad.write_text("actors:\n  - {id: 1}\n", encoding="utf-8")
    _, err = _validate(capsys, bad, code=Exit.INPUT_ERROR)
    assert f"{bad}:2:" in err and "missing required field 'kind'" in err
    assert err.endswith("\n  (read as a world file, because it has only world sections)\n")


def test_validate_reports_every_file_then_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nclauses: 3\n", encoding="utf-8")
    out, err = _validate(capsys, bad, TREATY, code=Exit.INPUT_ERROR)
    assert out == f"{TREATY}: ok (treaty inconsistent-pact: 6 clauses)\n"
    assert f"{bad}:" in err


def test_the_kind_is_said_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(TREATY.read_text(encoding="utf-8").replace("party: CIV", "party: CIVV"), encoding="utf-8")
    assert main(["validate", str(bad), "--lang", "fr"]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("sahel-sim: erreur: ")
    assert err.endswith("\n  (lu comme un fichier de traité, parce qu'il a id: ou clauses:)\n")


def test_a_directory_is_searched_for_every_kind_of_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "world").mkdir()
    (tmp_path / "world" / "europe.yaml").write_text(WORLD.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "pact.yaml").write_text(TREATY.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not YAML", encoding="utf-8")
    out, _ = _validate(capsys, tmp_path)
    assert out == (f"{tmp_path / 'pact.yaml'}: ok (treaty inconsistent-pact: 6 clauses)\n"
                   f"{tmp_path / 'world' / 'europe.yaml'}: ok (world file: 1 actor, 2 territories)\n")
    scenarios, _ = _validate(capsys, ROOT / "scenarios")  # the shipped scenarios and their world file
    assert scenarios.splitlines() == [line for line in _validate(capsys, *SCENARIOS, WORLD)[0].splitlines()]


def test_a_directory_without_yaml_is_an_error_and_the_rest_is_still_read(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    out, err = _validate(capsys, tmp_path / "empty", WORLD, code=Exit.INPUT_ERROR)
    assert err == f"sahel-sim: error: {tmp_path / 'empty'}: no .yaml or .yml files in this directory\n"
    assert out == f"{WORLD}: ok (world file: 1 actor, 2 territories)\n"
