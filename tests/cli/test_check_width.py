"""``check`` wraps its lines to the terminal or to COLUMNS, each expectation a block; piped without COLUMNS, a line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_sim.cli import main
from sahel_sim.report.width import wrapped

ROOT = Path(__file__).resolve().parents[2]
# relative to the tree, so that no checkout's path is a word longer than the columns
FILES = ["scenarios/anzus-september-11-2001.yaml", "scenarios/ecowas-intervention-niger-2023-10.yaml"]


@pytest.fixture(autouse=True)
def _in_the_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _check(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: str | None) -> str:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert main(["check", *FILES]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("columns", ["80", "60"])
def test_check_fits_the_columns_and_keeps_every_word(capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    whole = _check(capsys, monkeypatch, None)
    narrow = _check(capsys, monkeypatch, columns)
    assert max(map(len, narrow.splitlines())) <= int(columns) < max(map(len, whole.splitlines()))
    assert narrow.split() == whole.split()
    # each expectation is one block: its verdict starts a line, and its further lines hang under the verdict
    lines = narrow.splitlines()
    verdict = ("  PASS ", "  FAIL ")
    assert sum(line.startswith(verdict) for line in lines) == sum(line.startswith(verdict) for line in whole.splitlines())
    for before, line in zip(lines, lines[1:]):
        if line.startswith(" " * 7):
            assert before.startswith(verdict) or before.startswith(" " * 7)


def test_piped_without_columns_each_expectation_is_one_line(capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    out = _check(capsys, monkeypatch, None).splitlines()
    summary = out[-1]
    expectations = int(summary.split(" expectation")[0].rsplit(" ", 1)[1])
    assert sum(line.startswith(("  PASS ", "  FAIL ")) for line in out) == expectations
    assert len(out) == expectations + len(FILES) + 1  # a heading per file, the summary
    assert max(map(len, out)) > 160  # nothing was wrapped


def test_a_wrapped_line_keeps_ids_dates_and_long_words_whole() -> None:
    line = "  PASS NER obligated under liptako-gourma-charter Art. 6 towards MLI: binding from 2025-06-01 " + "x" * 90
    out = wrapped(line, 40).splitlines()
    assert " ".join(out).split() == line.split()
    assert "liptako-gourma-charter" in " ".join(out).split() and "2025-06-01" in " ".join(out).split()
    assert out[0].startswith("  PASS ") and all(o.startswith(" " * 7) for o in out[1:])
    assert all(len(o) <= 40 for o in out if "x" * 90 not in o)


def test_no_width_or_a_short_line_is_left_as_it_is() -> None:
    line = "  PASS " + "word " * 40
    assert wrapped(line, None) == line
    assert wrapped("  PASS short", 80) == "  PASS short"


def test_validate_wraps_to_the_columns_and_stays_one_line_when_piped(capsys: pytest.CaptureFixture[str],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    assert main(["validate", *FILES]) == 0
    whole = capsys.readouterr().out
    assert len(whole.splitlines()) == len(FILES) and max(map(len, whole.splitlines())) > 60
    monkeypatch.setenv("COLUMNS", "60")
    assert main(["validate", *FILES]) == 0
    narrow = capsys.readouterr().out
    assert max(map(len, narrow.splitlines())) <= 60 and narrow.split() == whole.split()
