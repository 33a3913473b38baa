"""A report's console reads its height once, as Rich reads it, instead of once per line printed."""

from __future__ import annotations

import io
import os

import pytest

from sahel_sim.report.tables import PIPE_WIDTH, make_console, render_results


@pytest.fixture
def plain_terminal(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for var in ("LINES", "COLUMNS", "TTY_COMPATIBLE", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


def test_the_height_is_read_once_as_rich_reads_it(plain_terminal: pytest.MonkeyPatch) -> None:
    asked: list[object] = []
    real = os.get_terminal_size

    def counted(*args: object) -> os.terminal_size:
        asked.append(args)
        return real(*args)  # type: ignore[arg-type]

    plain_terminal.setattr(os, "get_terminal_size", counted)
    console = make_console(io.StringIO())
    before = len(asked)
    for _ in range(20):
        console.print("a line")
    assert len(asked) == before  # the terminal is not asked again for each line
    assert (console.width, console.height) == (PIPE_WIDTH, 25)  # Rich's own default, without a terminal
    plain_terminal.setenv("LINES", "7")
    assert make_console(io.StringIO()).height == 7


def test_a_width_set_later_is_the_width(plain_terminal: pytest.MonkeyPatch) -> None:
    console = make_console(io.StringIO())
    console.width = 50
    assert (console.width, console.height) == (50, 25)


def test_a_dumb_terminal_keeps_riches_own_size(plain_terminal: pytest.MonkeyPatch) -> None:
    plain_terminal.setenv("TTY_COMPATIBLE", "1")
    plain_terminal.setenv("TERM", "dumb")
    console = make_console(io.StringIO())
    assert console.is_dumb_terminal and console.size == (80, 25)  # as Rich has it, not pinned
    console.width = 50
    assert console.size == (80, 25)


def test_a_report_is_the_same_whatever_the_height_read(plain_terminal: pytest.MonkeyPatch) -> None:
    from sahel_sim import load_scenario, simulate
    from pathlib import Path

    result = simulate(load_scenario(Path(__file__).resolve().parents[2] / "scenarios"
                                    / "ecowas-intervention-niger-2023-10.yaml"))
    texts = set()
    for lines in ("3", "25", "500"):
        plain_terminal.setenv("LINES", lines)
        texts.add(render_results([result], explain=True, width=80))
    assert len(texts) == 1
