"""A file that is not there: one message naming the path once, with a fix, in English and in French."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_sim.cli import Exit, main


def _error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.count("\n") == 1, err  # one line
    return err


@pytest.mark.parametrize("command", ["run", "check", "validate", "explain"])
def test_missing_file_is_named_once_with_a_fix(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    argv = [command, "nope.yaml"] + (["--party", "MLI"] if command == "explain" else [])
    err = _error(capsys, argv)
    assert err.count("nope.yaml") == 1, err
    assert "not a valid path" not in err
    assert err == f"sahel-sim: error: nope.yaml: no such file (check the path; a relative path starts from the " \
                  f"current folder, {tmp_path})\n"


def test_a_close_name_in_the_folder_is_suggested(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "suez-1956.yaml").write_text("scenario: x\nevents: []\n", encoding="utf-8")
    err = _error(capsys, ["run", str(tmp_path / "suez-1965.yaml")])
    assert err.count("suez-1965.yaml") == 1
    assert err.endswith(f"no such file (did you mean {tmp_path / 'suez-1956.yaml'}?)\n")


def test_a_missing_folder_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(capsys, ["run", str(tmp_path / "gone" / "x.yaml")])
    assert err.endswith(f"no such file (check the path: the folder {tmp_path / 'gone'} does not exist)\n")


def test_a_directory_or_a_pipe_is_named_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    folder = tmp_path / "a.yaml"
    folder.mkdir()
    fifo = tmp_path / "p.yaml"
    os.mkfifo(fifo)
    # validate searches a directory for YAML files (this one holds none); timeline reads one file
    for argv, path, said in ((["validate"], folder, "no .yaml or .yml files in this directory"),
                             (["timeline", "--from", "2023-01-01", "--to", "2024-01-01"], folder, "is a directory"),
                             (["validate"], fifo, "not a regular file")):
        err = _error(capsys, [*argv, str(path)])
        assert err.count(path.name) == 1 and said in err and "not a valid path" not in err


def test_missing_file_in_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "suez-1956.yaml").write_text("scenario: x\nevents: []\n", encoding="utf-8")
    err = _error(capsys, ["run", "nope.yaml", "--lang", "fr"])
    assert err == f"sahel-sim: erreur: nope.yaml : aucun fichier de ce nom (vérifiez le chemin ; un chemin relatif " \
                  f"part du dossier courant, {tmp_path})\n"
    err = _error(capsys, ["run", "suez-1965.yaml", "--lang", "fr"])
    assert err == "sahel-sim: erreur: suez-1965.yaml : aucun fichier de ce nom (vouliez-vous dire suez-1956.yaml ?)\n"
    err = _error(capsys, ["run", str(tmp_path / "gone" / "x.yaml"), "--lang", "fr"])
    assert err.endswith(f"(vérifiez le chemin : le dossier {tmp_path / 'gone'} n'existe pas)\n")
