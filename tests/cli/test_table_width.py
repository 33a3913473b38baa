"""``treaties``, ``treaties ID`` and ``explain`` fit 80 columns when piped or when COLUMNS=80, wrapping, never cutting;
``run`` fits COLUMNS when it is set, and 160 columns when piped without it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from sahel_sim.cli import Exit, main
from sahel_sim.clauses.status import label
from sahel_sim.library import shipped_treaties

ROOT = Path(__file__).resolve().parents[2]
STRIKE = ROOT / "scenarios" / "nigerian-strike-on-niger-2024-06.yaml"
TREATIES = shipped_treaties()
WIDTHS = [None, "80"]  # piped with no COLUMNS, and COLUMNS=80


def _out(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: str | None,
         *argv: str) -> str:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert main(list(argv)) == Exit.OK
    return capsys.readouterr().out


def _words(text: str) -> str:
    return " ".join(text.split())


def _fits(out: str, width: int = 80) -> None:
    assert out.strip()
    wide = [line for line in out.splitlines() if len(line) > width]
    assert not wide, f"{len(wide)} lines wider than {width}: {wide[0]!r}"


@pytest.mark.parametrize("columns", WIDTHS)
def test_the_treaty_list_fits_and_keeps_every_id_and_name(capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    out = _out(capsys, monkeypatch, columns, "treaties")
    _fits(out)
    assert "…" not in out
    lines = out.splitlines()
    for t in TREATIES:
        assert t.id in lines  # an id is never broken or cut: it heads its record
        assert _words(t.title) in _words(out)


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("tid", [t.id for t in TREATIES])
def test_each_treaty_fits(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                          columns: str | None, tid: str) -> None:
    out = _out(capsys, monkeypatch, columns, "treaties", tid)
    _fits(out)
    treaty = next(t for t in TREATIES if t.id == tid)
    for clause in treaty.clauses:
        assert _words(clause.text)[-40:] in _words(out)  # each clause's text is wrapped to its end, not cut


@pytest.mark.parametrize("argv", [["treaties", "--atop"], ["treaties", "--coverage"], ["treaties", "nato", "--atop"]])
def test_the_other_treaty_tables_fit(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                     argv: list[str]) -> None:
    out = _out(capsys, monkeypatch, None, *argv)
    _fits(out)
    assert "…" not in out


def test_explain_fits(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    out = _out(capsys, monkeypatch, "80", "explain", str(STRIKE), "--party", "MLI", "--limit", "3")
    _fits(out)
    assert "What would flip MLI's obligations (3 found" in out
    last = _words(" ".join(line.split("│")[-2] for line in out.splitlines() if line.startswith("│")))
    assert "no longer obligated under Liptako-Gourma Charter Art. 6: the infringement is on the territory" in last


def test_explain_too_narrow_for_its_table_gives_named_records(capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    out = _out(capsys, monkeypatch, "40", "explain", str(STRIKE), "--party", "MLI", "--limit", "1")
    _fits(out, 40)
    lines = out.splitlines()
    assert "│" not in out and "size: 1" in lines
    assert "turns: off; change:" in _words(out) and "re-run result: no longer obligated" in _words(out)


def test_a_wide_columns_setting_gives_the_table_back(capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    out = _out(capsys, monkeypatch, "250", "treaties")
    assert "┃ id" in out and "┃ short name" in out
    assert max(map(len, out.splitlines())) > 80


@pytest.mark.parametrize("value", ["abc", "5", ""])
def test_a_columns_setting_that_is_no_usable_width_falls_back_to_80(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    from sahel_sim.report.tables import NARROW_WIDTH, narrow_width

    monkeypatch.setenv("COLUMNS", value)
    assert narrow_width() == NARROW_WIDTH == 80


def test_a_table_too_wide_for_the_console_becomes_records_and_one_that_fits_stays_a_table() -> None:
    from sahel_sim.report.tables import fit_table, make_console

    header, rows = ("id", "note"), [("ecowas-non-aggression-1978", "the Protocol of Lagos, 22 April 1978")]
    for width, table in ((80, True), (30, False)):
        buf = io.StringIO()
        console = make_console(buf)
        console.width = width
        fit_table(console, header, rows)
        out = buf.getvalue()
        _fits(out, width)
        assert ("┃ id" in out) is table
        assert "ecowas-non-aggression-1978" in out and "22 April 1978" in _words(out)
    buf = io.StringIO()
    console = make_console(buf)
    console.width = 30
    fit_table(console, header, rows)
    assert buf.getvalue().splitlines() == ["ecowas-non-aggression-1978", "  note: the Protocol of",
                                           "  Lagos, 22 April 1978"]


NIGER = ROOT / "scenarios" / "ecowas-intervention-niger-2023-10.yaml"


@pytest.mark.parametrize("argv", [("run", str(NIGER)), ("run", str(NIGER), "--explain", "--all")])
@pytest.mark.parametrize("columns", ["80", "60"])
def test_a_report_fits_the_columns_setting_and_keeps_every_word(capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch, columns: str,
                                                                argv: tuple[str, ...]) -> None:
    """``COLUMNS=80 sahel-sim run FILE | less``: the report at 80 columns, with the words of the wide one."""
    wide = _out(capsys, monkeypatch, None, *argv)
    assert max(map(len, wide.splitlines())) > int(columns)  # 160 columns without the setting
    narrow = _out(capsys, monkeypatch, columns, *argv)
    _fits(narrow, int(columns))
    assert _words(narrow) == _words(wide)


@pytest.mark.parametrize("columns", ["80", "60"])
def test_the_comparison_of_perspectives_fits_the_columns_setting_as_records(capsys: pytest.CaptureFixture[str],
                                                                           monkeypatch: pytest.MonkeyPatch,
                                                                           columns: str) -> None:
    """``run --compare-perspectives``: a table at 160 columns; at 80 or 60 one record per row, every cell kept."""
    argv = ("run", str(NIGER), "--compare-perspectives")
    wide = _out(capsys, monkeypatch, None, *argv)
    assert "┃ why they differ" in wide
    narrow = _out(capsys, monkeypatch, columns, *argv)
    _fits(narrow, int(columns))
    assert "┃" not in narrow and "event: intervention" in narrow
    # a wrapped line stays under its own start: only the title and each record's heading begin a line
    assert [line for line in narrow.splitlines() if line and not line.startswith(("  ", "event: "))] == [
        "Perspectives compared: aes, broad, ecowas, literal"]
    rows = [line for line in wide.splitlines() if line.startswith("│ intervention")]
    assert len(rows) == narrow.count("event: intervention") > 0  # a record for each row of the table
    for word in ("au-constitutive-act", "liptako-gourma-charter", "BEN", "4(f)", "mandated-enforcement",
                 "armed-force-by-a-state"):
        assert word in wide and word in narrow, word


NIGER = ROOT / "scenarios" / "ecowas-intervention-niger-2023-10.yaml"
TIMELINE = ["timeline", str(NIGER), "--from", "2023-07-01", "--to", "2025-06-01"]


@pytest.mark.parametrize("columns", ["80", "60"])
def test_a_printed_timeline_fits_and_lists_each_change_and_obligation_on_a_line(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    import json

    steps = json.loads(_out(capsys, monkeypatch, None, *TIMELINE, "--format", "json"))["steps"]
    out = _out(capsys, monkeypatch, columns, *TIMELINE)
    _fits(out, int(columns))
    text = _words(out)
    for step in steps:
        holding = step["obligations_holding"]
        assert f"{step['date']}: {holding} obligation{'s' * (holding != 1)} hold" in text
        for change in step["world_changes"]:
            assert _words(change) in text
        # each obligation on a line, with those alike but for their obligor ("BFA, MLI → NER: assist, bound (")
        lines = re.findall(r"([A-Z][\w.-]*(?:, [A-Z][\w.-]*)*) → (\S+): (\w+), ([a-z ]+) \(", text)
        for o in step["on"] + step["off"]:
            assert any(o["obligor"] in who.split(", ") and (to, duty, status) == (o["beneficiary"], o["duty"],
                                                                                  label(o["status"]))
                       for who, to, duty, status in lines), o
    lines = [line.strip() for line in out.splitlines()]
    assert "world changes:" in lines and "switched on:" in lines and "switched off:" in lines
    assert not any(line.startswith(("┏", "│")) for line in out.splitlines())  # records, not a squeezed table


def test_a_timeline_piped_without_columns_or_written_out_is_the_table(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    piped = _out(capsys, monkeypatch, None, *TIMELINE)
    assert piped.splitlines()[1].startswith("┏") and max(map(len, piped.splitlines())) <= 160
    out = tmp_path / "timeline.txt"
    _out(capsys, monkeypatch, "80", *TIMELINE, "--out", str(out))
    assert out.read_text(encoding="utf-8") == piped  # a file is written at 160 columns, whatever COLUMNS says


def test_verify_fits_and_cuts_no_kind_or_treaty_id(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    treaty = ROOT / "tests" / "verify" / "inconsistent-treaty.yaml"
    argv = ["verify", str(treaty), "--examples", "60", "--out-dir", str(tmp_path / "ce"), "--quiet", "--force"]
    monkeypatch.setenv("COLUMNS", "80")
    assert main(argv) == 1  # findings
    out = capsys.readouterr().out
    _fits(out.split("Counterexamples")[0])  # the counterexamples' paths are listed whole
    assert main([*argv, "--format", "json"]) == 1
    import json

    report = json.loads(capsys.readouterr().out)
    text = _words(out)
    for f in report["findings"]:
        assert f"kind: {f['kind']};" in text and f"where: {f['treaty']} " in text
    assert "#1" in out.splitlines()
