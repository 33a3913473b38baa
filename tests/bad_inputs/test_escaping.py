"""Text from a file never reaches the output as control characters, in any command or format.

Before, a scenario name holding ``ESC [2J ESC [1;1H`` cleared the screen and
moved the cursor in tables, ``check`` lines, Markdown and CSV, so a file
could fake ``check`` results; a field name with escape codes went raw into
the error message.  Now each control or format character is written as a
visible escape (``\\u001b`` in documents, ``\\x1b`` in messages, ``␛`` in
tables, where widths must stay right).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sahel_sim.cli import main
from sahel_sim.errors import control_pictures, printable

FILE = Path(__file__).parent / "loads" / "escape_codes_in_text.yaml"
NAME = "\x1b[2J\x1b[1;1HAll checks passed [bold red]x[/] | pipe"
BAD = ("\x1b", "\x85", "\r", "\u202e")


def _clean(text: str) -> None:
    for ch in BAD:
        assert ch not in text, f"{ch!r} reached the output"


@pytest.mark.parametrize("command", [
    ["run", str(FILE)],
    ["run", str(FILE), "--explain"],
    ["run", str(FILE), "-f", "markdown", "--explain"],
    ["run", str(FILE), "-f", "csv"],
    ["run", str(FILE), "-f", "json"],
    ["check", str(FILE)],
    ["validate", str(FILE)],
    ["timeline", str(FILE), "--from", "2025-05-01", "--to", "2025-06-30"],
    ["timeline", str(FILE), "--from", "2025-05-01", "--to", "2025-06-30", "-f", "json"],
])
def test_no_control_character_reaches_standard_output(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(command) == 0
    out = capsys.readouterr().out
    _clean(out)
    if "-f" not in command or "markdown" in command or "csv" in command:
        assert "2J" in out or command[0] in ("timeline", "validate")  # the text is shown, escaped, not dropped


def test_json_stays_valid_and_keeps_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(FILE), "-f", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["scenario"] == NAME


def test_a_written_markdown_file_is_escaped_too(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    assert main(["run", str(FILE), "-f", "markdown", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    _clean(text)
    assert "\\u001b[2J" in text


def test_a_table_shows_control_pictures_that_keep_widths() -> None:
    from sahel_sim.report.tables import make_console
    import io

    buf = io.StringIO()
    make_console(buf).print(NAME)
    assert buf.getvalue().startswith("␛[2J␛[1;1HAll checks passed")
    assert len(control_pictures(NAME)) == len(NAME)


def test_an_error_message_escapes_field_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "k.yaml"
    bad.write_text('scenario: x\n"\\e[31mcolour": red\nevents: []\n', encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    _clean(err)
    assert "\\x1b[31mcolour: unknown field" in err


def test_printable_keeps_every_script_and_escapes_only_controls() -> None:
    assert printable("Côte d’Ivoire – ΕΛΛΑΣ – 中国") == "Côte d’Ivoire – ΕΛΛΑΣ – 中国"
    assert printable("a\tb\nc") == "a\\x09b\\x0ac"
    assert printable("a\nb\x85", keep_newlines=True, unicode_escapes=True) == "a\nb\\u0085"


def test_a_usage_error_escapes_the_argument_it_quotes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(FILE), "--cascade", "\x1b[2J"]) == 2
    err = capsys.readouterr().err
    _clean(err)
    assert "\\x1b[2J" in err and "is not a number of rounds" in err
