"""How wide a report is printed, and plain lines wrapped to it (no Rich: ``check`` prints its own lines).

At a terminal a report is as wide as the terminal.  Written to a pipe or a
file it follows ``COLUMNS`` when that is set (``COLUMNS=80 sahel-sim run … |
less``), else each command's own default.
"""

from __future__ import annotations

import os
import sys

__all__ = ["NARROW_WIDTH", "PIPE_WIDTH", "narrow_width", "wrap_width", "wrapped"]

#: The width of a report written to a pipe or a file when COLUMNS is not set (``run``, ``verify``).
PIPE_WIDTH = 160
#: The width of the tables of ``treaties`` and ``explain`` when not written to a terminal (and COLUMNS is not set).
NARROW_WIDTH = 80
#: The narrowest width honoured: below it, text is not wrapped at all.
MIN_WIDTH = 20


def _columns() -> int | None:
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) >= MIN_WIDTH else None


def narrow_width(default: int = NARROW_WIDTH) -> int:
    """The width a table is fitted to: the terminal's at a terminal, else COLUMNS (a whole number of at least 20),
    else ``default``."""
    if sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size((default, 24)).columns
    return _columns() or default


def wrap_width() -> int | None:
    """The width plain lines are wrapped to: the terminal's, else COLUMNS; None (not wrapped) when neither is known.

    Piped without COLUMNS, each line stays whole, so that ``grep`` finds a whole record.
    """
    if sys.stdout.isatty():
        import shutil

        columns = shutil.get_terminal_size((0, 24)).columns
        return columns if columns >= MIN_WIDTH else None
    return _columns()


def wrapped(line: str, width: int | None) -> str:
    """``line`` wrapped to ``width`` at spaces, each further line indented under its start.

    A short first word after the line's indent (``PASS``, ``FAIL``) makes the
    hanging indent, so a record reads as one block; after a longer one (a
    file's path) further lines are indented two spaces more than the first.
    Words are never split, not even at hyphens: ids and dates are kept whole,
    and a word longer than the width has a line to itself.  ``width`` None, or
    a line that fits, is returned as it is.
    """
    if width is None or len(line) <= width:
        return line
    import textwrap

    body = line.lstrip(" ")
    lead = len(line) - len(body)
    first = body.split(" ", 1)[0]
    hang = lead + len(first) + 1 if len(first) <= 8 and " " in body else lead + 2
    if hang > width // 2:
        hang = lead
    return textwrap.fill(body, width=width, initial_indent=" " * lead, subsequent_indent=" " * hang,
                         break_long_words=False, break_on_hyphens=False)
