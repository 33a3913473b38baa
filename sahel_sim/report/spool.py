"""Sections of a document written apart while events stream in, then read back in order.

A report whose parts each gather findings from every event (JSON's lists of
obligations and of non-obligations, CSV's breaches before duties) cannot be
written in one pass over the events without holding them all.  Each part is
written instead to its own anonymous temporary file as the events come, and
the parts are read back, one block at a time, in the document's order: the
memory used is one event's findings and one block, whatever the number of
events.  The files are unnamed (removed by the system when closed, even if
the process dies).
"""

from __future__ import annotations

import tempfile
from typing import IO, Iterator

__all__ = ["BLOCK", "Sections"]

#: Characters read back at a time.
BLOCK = 1 << 16


class Sections:
    """Named parts of a document, each appended to in turn and read back whole.

    Use as a context manager so that the files are closed however the
    writing ends.
    """

    def __init__(self, *names: str) -> None:
        self._files: dict[str, IO[str]] = {}
        self.counts: dict[str, int] = dict.fromkeys(names, 0)

    def add(self, name: str, text: str) -> None:
        """Append one item (its text) to part ``name``; ``counts[name]`` says how many it holds."""
        fh = self._files.get(name)
        if fh is None:
            fh = self._files[name] = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
        fh.write(text)
        self.counts[name] = self.counts.get(name, 0) + 1

    def read(self, name: str) -> Iterator[str]:
        """Everything written to part ``name``, in blocks of :data:`BLOCK` characters."""
        fh = self._files.get(name)
        if fh is None:
            return
        fh.seek(0)
        while block := fh.read(BLOCK):
            yield block

    def close(self) -> None:
        """Close (and so remove) every part's file."""
        for fh in self._files.values():
            fh.close()
        self._files.clear()

    def __enter__(self) -> "Sections":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
