"""The cyclic collector is off while a command that judges once and reports runs, on for the others,
and as it was once ``main`` returns (it may be called in-process)."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from sahel_sim.cli import Exit, main

ROOT = Path(__file__).resolve().parents[2]
NIGER = str(ROOT / "scenarios" / "ecowas-intervention-niger-2023-10.yaml")

OFF = {"run": [NIGER], "validate": [NIGER], "treaties": [], "forces": ["NER", "--on", "2023-10-01"],
       "schema": ["scenario"], "timeline": [NIGER, "--from", "2023-07-01", "--to", "2023-12-31"]}
ON = {"check": [NIGER], "explain": [NIGER, "--party", "MLI"], "verify": ["--library"], "sweep": [NIGER],
      "graph": [NIGER, "--out", "world.png"], "serve": []}


def _seen(monkeypatch: pytest.MonkeyPatch, command: str) -> list[bool]:
    """Replace the command's handler by one that records whether the collector is on."""
    import importlib

    module = importlib.import_module(f"sahel_sim.cli.{command}")
    seen: list[bool] = []

    def handler(args: Any) -> int:
        seen.append(gc.isenabled())
        return Exit.OK

    monkeypatch.setattr(module, "handle", handler)
    return seen


@pytest.mark.parametrize("command", sorted(OFF))
def test_a_command_that_judges_once_runs_without_the_collector(monkeypatch: pytest.MonkeyPatch,
                                                               command: str) -> None:
    seen = _seen(monkeypatch, command)
    assert gc.isenabled()
    assert main([command, *OFF[command]]) == Exit.OK
    assert seen == [False]
    assert gc.isenabled()  # given back as it was


@pytest.mark.parametrize("command", sorted(ON))
def test_a_command_that_runs_variants_searches_or_serves_keeps_the_collector(monkeypatch: pytest.MonkeyPatch,
                                                                              command: str) -> None:
    seen = _seen(monkeypatch, command)
    assert main([command, *ON[command]]) == Exit.OK
    assert seen == [True]


def test_a_collector_that_was_off_stays_off(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _seen(monkeypatch, "explain")
    gc.disable()
    try:
        assert main(["explain", *ON["explain"]]) == Exit.OK
        assert seen == [False] and not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_back_on_after_a_command_that_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(ROOT / "no-such-scenario.yaml")]) == Exit.INPUT_ERROR
    assert gc.isenabled()
    assert "no-such-scenario.yaml" in capsys.readouterr().err


def test_an_exiting_process_does_not_turn_the_collector_back_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """``program`` (the process) ends when ``main`` returns: a first pass over all the command built would be wasted."""
    _seen(monkeypatch, "treaties")
    try:
        assert main(["treaties"], exiting=True) == Exit.OK
        assert not gc.isenabled()
    finally:
        gc.enable()
    _seen(monkeypatch, "explain")
    assert main(["explain", *ON["explain"]], exiting=True) == Exit.OK
    assert gc.isenabled()  # a command that keeps the collector leaves it on


def test_a_run_of_several_files_turns_the_collector_back_on(capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Each scenario judged leaves a few cycles; over many files they add up (about 0.2 MB a scenario), so a run
    of several files collects them, as check does."""
    import sahel_sim.cli.run as run

    seen: list[bool] = []
    judged = run._library

    def library() -> Any:
        seen.append(gc.isenabled())
        return judged()

    monkeypatch.setattr(run, "_library", library)
    assert main(["run", NIGER, "--format", "json"]) == Exit.OK
    assert main(["run", NIGER, NIGER, "--format", "json"]) == Exit.OK
    capsys.readouterr()
    assert seen == [False, True]
