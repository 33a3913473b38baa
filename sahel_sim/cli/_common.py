"""Helpers shared by the subcommands: output options, dates, file discovery.

Registering the subcommands must cost nothing when the user only asks for
``--help``, so even ``datetime`` and ``pathlib`` are imported where used.
"""

from __future__ import annotations

import argparse
import re
import sys
from enum import IntEnum

TYPE_CHECKING = False  # typing is not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from typing import Any, Iterable, Iterator, Sequence
    from datetime import date
    from pathlib import Path

__all__ = ["Exit", "PROG", "add_output_options", "emit", "emit_chunks", "error", "expand", "in_language", "iso_date",
           "output_format"]

PROG = "sahel-sim"


class Exit(IntEnum):
    """Process exit codes, stable so that scripts and CI can rely on them."""

    OK = 0
    EXPECTATION_FAILED = 1
    INPUT_ERROR = 2
    #: the reader of standard output went away (``sahel-sim run … | head``): 128 + SIGPIPE, as a shell reports it
    BROKEN_PIPE = 141


def error(message: str) -> None:
    """Print one error message to stderr in the program's uniform format, control characters escaped.

    The word "error" is in the language in use (``erreur`` in French) once translations are loaded.
    """
    from sahel_sim.errors import printable

    word = "error"
    if "sahel_sim.report.i18n" in sys.modules:
        from sahel_sim.report.i18n import gettext_

        word = gettext_(word)
    print(f"{PROG}: {word}: {printable(message, keep_newlines=True)}", file=sys.stderr)


def in_language(message: str) -> str:
    """An error message in the language in use, line by line (a list of problems keeps its indents)."""
    from sahel_sim.report.i18n import current, tr

    if current() == "en":
        return message
    lines = []
    for line in message.split("\n"):
        body = line.lstrip()
        lines.append(line[: len(line) - len(body)] + tr(body))
    return "\n".join(lines)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SCENARIO_SUFFIXES = (".yaml", ".yml")


def iso_date(value: str) -> date:
    """An argparse ``type`` for ``YYYY-MM-DD``, strict so that typos are not reinterpreted.

    ``date.fromisoformat`` alone would also accept ``20230820`` or week dates;
    insisting on one spelling keeps the command lines in scripts unambiguous.

    Examples:
        >>> iso_date("2023-08-20")
        datetime.date(2023, 8, 20)
        >>> iso_date("20/08/2023")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: '20/08/2023' is not a date; expected YYYY-MM-DD, e.g. 2023-08-20
        >>> iso_date("9999-12-31")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: '9999-12-31' is out of range; expected a date from 1600-01-01 to 2199-12-31
    """
    from datetime import date

    if not _ISO_DATE.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; expected YYYY-MM-DD, e.g. 2023-08-20")
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a valid date ({exc}); expected YYYY-MM-DD") from None
    from sahel_sim.scenario.validation import EARLIEST, LATEST

    if not EARLIEST <= day <= LATEST:
        raise argparse.ArgumentTypeError(f"{value!r} is out of range; expected a date from {EARLIEST} to {LATEST}")
    return day


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """``--out PATH`` and ``--force``, the same for every command that prints a document."""
    parser.add_argument("--out", "-o", metavar="PATH",
                        help="write to PATH (atomically; never over an input file) instead of standard output; "
                             "'-' is standard output")
    parser.add_argument("--force", action="store_true", help="overwrite PATH if it exists (never an input file)")


# What a file name's suffix says about its content, for every command that writes one.
SUFFIX_FORMATS = {".json": "json", ".md": "markdown", ".markdown": "markdown", ".csv": "csv", ".txt": "table",
                  ".text": "table", ".svg": "svg", ".png": "png", ".pdf": "pdf", ".parquet": "parquet"}


def output_format(fmt: str | None, out: str | None, choices: Sequence[str], default: str) -> str:
    """The format to write: ``--format`` if given, else the one ``--out``'s suffix names, else ``default``.

    Args:
        fmt: the ``--format`` value, None when not given.
        out: the ``--out`` path, None or ``-`` for standard output.
        choices: the formats the command can write.
        default: the format when neither says (a suffix the table above does not know says nothing).

    Raises:
        OutputError: ``--out``'s suffix names another format than ``--format``,
            or one the command cannot write.

    Examples:
        >>> output_format(None, "r.json", ("table", "json"), "table")
        'json'
        >>> output_format(None, "r.out", ("table", "json"), "table")
        'table'
        >>> output_format("json", "r.txt", ("table", "json"), "table")
        'json'
        >>> output_format("json", "r.md", ("table", "json"), "table")
        Traceback (most recent call last):
        ...
        sahel_sim.errors.OutputError: --out r.md names a markdown file, but --format is json; make them agree, e.g. --out r.json
    """
    from sahel_sim.errors import OutputError

    inferred = None
    if out and out != "-":
        from pathlib import Path

        inferred = SUFFIX_FORMATS.get(Path(out).suffix.lower())
    if fmt is not None:
        if inferred is not None and inferred != fmt and inferred != "table":  # .txt holds any text
            hint = next((s for s, f in SUFFIX_FORMATS.items() if f == fmt), None)
            fix = f"e.g. --out {Path(out).with_suffix(hint)}" if hint else "or drop --format"
            raise OutputError(f"--out {out} names a {inferred} file, but --format is {fmt}; make them agree, {fix}")
        return fmt
    if inferred is None:
        return default
    if inferred not in choices:
        names = ", ".join(s for s, f in SUFFIX_FORMATS.items() if f in choices)
        other = ", or give --format" if len(choices) > 1 else ""
        raise OutputError(f"--out {out}: this command cannot write {inferred}; it writes {', '.join(choices)} "
                          f"(name the file {names}{other})")
    return inferred


def emit(text: str, *, out: str | None, force: bool, inputs: Sequence[str | Path] = ()) -> None:
    """Print ``text``, or write it atomically to ``out`` (``-`` is standard output).

    Besides ``inputs``, every file this process has read as YAML (scenarios,
    treaty files they name, the library) counts as an input and is never
    overwritten, ``--force`` or not.

    Control characters that came from a file (a scenario name holding
    ``ESC [2J``) are written as ``\\uNNNN`` escapes, in every format: they
    can neither steer a terminal nor hide in a Markdown or CSV file, and a
    JSON document stays valid JSON.

    Raises:
        OutputError: ``out`` is an input, or exists and ``force`` is off.
    """
    emit_chunks((text,), out=out, force=force, inputs=inputs)


def emit_chunks(chunks: Iterable[str], *, out: str | None, force: bool, inputs: Sequence[str | Path] = ()) -> None:
    """:func:`emit` for a document made piece by piece (a report streamed event by event).

    ``--out`` is checked before the first piece is made, so that a long run
    does not end in a refusal; the pieces go to a temporary file, put in place
    (or copied to standard output) once the last is made, so that an error
    midway prints nothing and leaves no half-written file.
    """
    from sahel_sim.errors import printable

    def safe() -> Iterator[str]:
        last = ""
        for chunk in chunks:
            if chunk:
                last = chunk[-1]
                yield printable(chunk, keep_newlines=True, unicode_escapes=True)
        if last != "\n":
            yield "\n"

    if out is None or out == "-":
        import tempfile

        with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spool:
            for piece in safe():
                spool.write(piece)
            spool.seek(0)
            while block := spool.read(1 << 16):
                sys.stdout.write(block)
        sys.stdout.flush()
        return
    from sahel_sim.report.write import write_chunks
    from sahel_sim.scenario.yaml_source import files_read

    write_chunks(out, safe(), inputs=[*inputs, *files_read()], force=force)


def expand(raw: str | Path, *, worlds: bool = False) -> list[Path]:
    """A path as given, or a directory's YAML files (recursively, sorted).

    A file is returned even when it does not exist, so that the loader reports
    it with its usual located message.  Inside a directory, files under a
    folder named ``world`` are shared world files that scenarios list under
    ``world:``, not scenarios, and are left out, unless ``worlds`` (a command
    that reads each file as the kind its keys say, as ``validate`` does).

    Raises:
        ScenarioError: a directory holds no YAML file (probably the wrong directory).
    """
    from pathlib import Path

    path = Path(raw)
    try:
        folder = path.is_dir()
    except (OSError, ValueError):  # a name too long, a NUL: the loader says so with its usual message
        folder = False
    if not folder:
        return [path]
    found = sorted(p for p in path.rglob("*") if p.suffix in SCENARIO_SUFFIXES and p.is_file()
                   and (worlds or WORLD_FOLDER not in p.relative_to(path).parts[:-1]))
    if not found:
        from sahel_sim.errors import ScenarioError

        raise ScenarioError(f"{path}: no .yaml or .yml files in this directory")
    return found


WORLD_FOLDER = "world"
"""A folder of shared world files inside a scenario directory; not walked for scenarios."""


def cascade_rounds(value: str) -> int:
    """``--cascade N``: a whole number of rounds from 0 to 50 (an argparse type)."""
    if not value.isdigit() or not 0 <= int(value) <= 50:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of rounds from 0 to 50")
    return int(value)


def with_progress(quiet: bool, label: str, work: Any) -> Any:
    """Run ``work(progress)`` with a progress bar on stderr (unless ``quiet`` or stderr is not a terminal).

    ``progress(done, total, what=None)`` moves the bar; ``what`` (text that
    may come from a file) replaces the label, shown with control characters
    as symbols.
    """
    if quiet or not sys.stderr.isatty():
        return work(None)
    from rich.console import Console
    from rich.progress import Progress

    from sahel_sim.errors import control_pictures

    with Progress(transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task(label, total=None)

        def progress(done: int, total: int, what: str | None = None) -> None:
            bar.update(task, completed=done, total=total or None,
                       description=control_pictures(what) if what else label)

        return work(progress)
