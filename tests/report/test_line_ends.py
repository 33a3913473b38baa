"""No line of a text report ends in spaces: Rich pads a wrapped, indented reason to the width of its block
and leaves the space a line was wrapped at, which a report piped to a file would carry."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.text import Text

from sahel_sim import load_scenario, simulate
from sahel_sim.cli import Exit, main
from sahel_sim.report.tables import make_console, render_results

SCENARIOS = Path(__file__).parents[2] / "scenarios"
# a reason that wraps in its tree (ANZUS), and a long report with contested findings (Niger)
NAMES = ["anzus-september-11-2001", "ecowas-intervention-niger-2023-10"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("width", [160, 80])
def test_no_line_of_the_explained_report_ends_in_a_space(name: str, width: int) -> None:
    result = simulate(load_scenario(SCENARIOS / f"{name}.yaml"))
    text = render_results([result], explain=True, show_all=True, width=width)
    lines = text.splitlines()
    assert any(len(line) > width // 2 for line in lines)
    assert [line for line in lines if line.endswith(" ")] == []
    assert max(map(len, lines)) <= width


def test_the_comparison_printed_at_80_columns_has_no_line_ending_in_a_space(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["run", str(SCENARIOS / f"{NAMES[1]}.yaml"), "--compare-perspectives"]) == Exit.OK
    lines = capsys.readouterr().out.splitlines()
    assert "Perspectives compared: aes, broad, ecowas, literal" in lines
    assert [line for line in lines if line.endswith(" ")] == []


def test_spaces_inside_a_line_and_control_characters_are_kept_as_they_were() -> None:
    buf = io.StringIO()
    console = make_console(buf)
    console.width = 30
    console.print(Text("  a  b  wrapped at this space and then\x1b[2J   "))
    assert buf.getvalue() == "  a  b  wrapped at this space\nand then␛[2J\n"
