"""Output files: atomic, never over an input, never over an existing file without ``--force``.

Every command that writes a document (``run``, ``schema``, ``explain``,
``timeline``) goes through :func:`sahel_sim.cli._common.emit` and
:func:`sahel_sim.report.write.write_atomic`.  These tests drive the command
line as a user would and check what is left on disk: the finished file, or
nothing at all (no partial file, no temporary file), and inputs untouched.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sahel_sim.cli import main

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SOURCE = SCENARIOS / "ecowas-intervention-niger-2023-10.yaml"
BAD = Path(__file__).parent / "unknown_actor_target.yaml"


@pytest.fixture()
def scenario(tmp_path: Path) -> Path:
    """A copy of a shipped scenario in its own directory (outputs land beside it)."""
    path = tmp_path / "s.yaml"
    shutil.copyfile(SOURCE, path)
    return path


def _commands(scenario: Path) -> dict[str, list[str]]:
    return {
        "run": ["run", str(scenario), "-f", "json"],
        "schema": ["schema"],
        "explain": ["explain", str(scenario), "--party", "TCD", "--limit", "2", "-f", "json"],
        "timeline": ["timeline", str(scenario), "--from", "2023-09-01", "--to", "2023-10-31", "-f", "json"],
    }


COMMANDS = ["run", "schema", "explain", "timeline"]


def _names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


@pytest.mark.parametrize("command", COMMANDS)
def test_out_writes_the_whole_document_and_nothing_else(command: str, scenario: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.json"
    assert main([*_commands(scenario)[command], "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert out.read_text(encoding="utf-8").endswith("}\n")
    assert _names(tmp_path) == ["out.json", "s.yaml"]


@pytest.mark.parametrize("command", COMMANDS)
def test_existing_output_needs_force(command: str, scenario: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.json"
    out.write_text("keep me", encoding="utf-8")
    assert main([*_commands(scenario)[command], "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "already exists; use --force to overwrite it" in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main([*_commands(scenario)[command], "--out", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith(("{", "["))
    assert _names(tmp_path) == ["out.json", "s.yaml"]


@pytest.mark.parametrize(("command", "spelling"), [
    *[("run", s) for s in ("same", "dot-dot", "symlink", "hard-link")],
    *[("timeline", s) for s in ("same", "dot-dot", "symlink", "hard-link")],
    ("explain", "symlink"),  # explain is slow: one spelling is enough, the check is shared
])
def test_an_input_is_never_overwritten(command: str, spelling: str, scenario: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    before = scenario.read_bytes()
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    if spelling == "same":
        target = str(scenario)
    elif spelling == "dot-dot":
        target = "../sub/../s.yaml"
    elif spelling == "symlink":
        (sub / "link.yaml").symlink_to(scenario)
        target = "link.yaml"
    else:
        os.link(scenario, sub / "hard.yaml")
        target = "hard.yaml"
    assert main([*_commands(scenario)[command], "--out", target, "--force"]) == 2
    err = capsys.readouterr().err
    assert "it is one of the input files" in err and "Traceback" not in err
    assert scenario.read_bytes() == before


def test_a_treaty_file_the_scenario_read_is_an_input_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Not only the files on the command line: every YAML file read (here a treaty file) is protected."""
    treaty = tmp_path / "pact.yaml"
    treaty.write_text(
        "id: pact\nname: Pact\nsigned: 2000-01-01\nin_force: 2000-01-01\n"
        "parties: {members: [{party: MLI, since: 2000-01-01}, {party: NER, since: 2000-01-01}]}\n"
        "clauses:\n  - id: art-1\n    article: '1'\n    text: x\n    text_kind: paraphrase\n"
        "    trigger: {test: category, any_of: [aggression]}\n    obligor: each_other_party\n"
        "    duty: assist\n    means: armed_force_included\n    strength: mandatory\n", encoding="utf-8")
    scenario = tmp_path / "s.yaml"
    scenario.write_text("scenario: x\ntreaties: [pact.yaml]\nevents:\n  - {id: a, date: 2025-06-01, "
                        "kind: armed_attack, actors: [MRT], target: MLI}\n", encoding="utf-8")
    before = treaty.read_bytes()
    assert main(["run", str(scenario), "-f", "json", "--out", str(treaty), "--force"]) == 2
    assert "it is one of the input files" in capsys.readouterr().err
    assert treaty.read_bytes() == before


@pytest.mark.parametrize(("command", "fails"), [
    *[(c, f) for c in ("run", "schema", "timeline") for f in ("os.replace", "os.link", "os.fsync")],
    ("explain", "os.replace"),
])
def test_a_failed_write_leaves_no_partial_file(command: str, fails: str, scenario: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, fails.split(".")[1], broken)
    if fails == "os.link":  # the no-hard-link fallback replaces, which then fails too
        monkeypatch.setattr(os, "replace", broken)
    out = tmp_path / "out.json"
    force = ["--force"] if fails == "os.replace" else []
    assert main([*_commands(scenario)[command], "--out", str(out), *force]) == 2
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Traceback" not in err
    assert _names(tmp_path) == ["s.yaml"]  # no out.json, no .out.json.*.tmp


def test_a_failed_forced_write_keeps_the_old_file(scenario: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", broken)
    assert main(["run", str(scenario), "-f", "json", "--out", str(out), "--force"]) == 2
    assert out.read_text(encoding="utf-8") == "old"
    assert _names(tmp_path) == ["out.json", "s.yaml"]


@pytest.mark.parametrize("command", ["run", "explain", "timeline"])
def test_a_run_that_fails_on_its_input_writes_nothing(command: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.json"
    assert main([*_commands(BAD)[command], "--out", str(out), "--force"]) == 2
    assert "unknown actor 'NIG'" in capsys.readouterr().err
    assert not out.exists()
    assert _names(tmp_path) == []


def test_one_bad_file_among_several_writes_nothing(scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert main(["run", str(scenario), str(BAD), "-f", "json", "--out", str(out)]) == 2
    assert not out.exists()


def test_out_into_a_missing_directory_or_onto_a_directory(scenario: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(scenario), "-f", "json", "--out", str(tmp_path / "nope" / "out.json")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["run", str(scenario), "-f", "json", "--out", str(tmp_path), "--force"]) == 2
    assert "it is a directory" in capsys.readouterr().err


def test_dash_is_standard_output(scenario: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["run", str(scenario), "-f", "json", "--out", "-"]) == 0
    assert capsys.readouterr().out.startswith("{")
    assert not (tmp_path / "-").exists()


# ---------------------------------------------------------------- what is never replaced, --force or not

def _package_file() -> Path:
    import sahel_sim

    return Path(sahel_sim.__file__).resolve().parent / "data" / "perspectives.yaml"


@pytest.mark.parametrize("kind", ["fifo", "symlink", "symlink-to-stdout", "device", "package", "package-via-link"])
@pytest.mark.parametrize("command", ["run", "schema"])
def test_out_refuses_what_is_not_a_regular_file_or_is_the_package(kind: str, command: str, scenario: Path,
                                                                  tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A FIFO, a symbolic link, a device and any file of the installed package stay as they were.

    Before, ``--force`` replaced each of them with a regular file holding the
    report (a device node, a pipe, a link to /proc/self/fd/1, and the
    shipped perspectives.yaml once the library cache was warm).
    """
    package_file = _package_file()
    before = package_file.read_bytes()
    if kind == "fifo":
        target = tmp_path / "pipe"
        os.mkfifo(target)
        expected = "not a regular file (a named pipe)"
    elif kind == "symlink":
        (tmp_path / "real.json").write_text("keep me", encoding="utf-8")
        target = tmp_path / "link.json"
        target.symlink_to(tmp_path / "real.json")
        expected = "it is a symbolic link"
    elif kind == "symlink-to-stdout":
        target = tmp_path / "out.json"
        target.symlink_to("/proc/self/fd/1")
        expected = "it is a symbolic link"
    elif kind == "device":
        target = Path(os.devnull)
        expected = "not a regular file (a device)"
    elif kind == "package":
        target = package_file
        expected = "inside the installed sahel-sim package"
    else:
        (tmp_path / "lib").symlink_to(package_file.parent)
        target = tmp_path / "lib" / "perspectives.yaml"
        expected = "inside the installed sahel-sim package"
    mode = os.lstat(target).st_mode
    assert main([*_commands(scenario)[command], "--out", str(target), "--force"]) == 2
    captured = capsys.readouterr()
    assert expected in captured.err and "Traceback" not in captured.err
    assert captured.out == ""
    assert os.lstat(target).st_mode == mode  # still a pipe, a link, a device
    assert package_file.read_bytes() == before
    if kind == "symlink":
        assert (tmp_path / "real.json").read_text(encoding="utf-8") == "keep me"
    assert not [p for p in tmp_path.rglob(".*.tmp")]


def test_out_into_the_package_is_refused_before_any_work(scenario: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """The target is checked first: a long run does not end in a refusal (the simulation never starts)."""
    import sahel_sim.api

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("simulated before checking --out")

    monkeypatch.setattr(sahel_sim.api, "simulate", never)
    new_name = _package_file().parent / "report.json"
    assert main(["run", str(scenario), "-f", "json", "--out", str(new_name)]) == 2
    assert "inside the installed sahel-sim package" in capsys.readouterr().err
    assert not new_name.exists()


@pytest.mark.parametrize(("name", "expected"), [
    ("a\0b.json", "contains a NUL character"),
    ("x" * 5000 + ".json", "File name too long"),
    ("loop/out.json", "Too many levels of symbolic links"),
])
def test_out_paths_that_cannot_exist_are_refused_without_a_traceback(name: str, expected: str, scenario: Path,
                                                                     tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    assert main(["run", str(scenario), "-f", "json", "--out", str(tmp_path / name), "--force"]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


def test_a_broken_pipe_has_its_own_exit_code(scenario: Path) -> None:
    """``sahel-sim run … | head -1``: exit 141 (as a shell reports SIGPIPE), not 1 (an expectation failed)."""
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "sahel_sim", "run", str(scenario), "-f", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": "80"})
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader goes away before anything is written
    err = proc.stderr.read().decode()
    assert proc.wait() == 141
    assert "Traceback" not in err and "BrokenPipeError" not in err
