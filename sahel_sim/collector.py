"""The cyclic garbage collector, paused while a value that holds no garbage cycles is built.

Building a compiled world or a whole result allocates tens of thousands of
objects that all stay alive.  Each allocation burst makes the collector walk
the young objects again and again, and promote them, for nothing: nothing
built is garbage yet.  Pausing it for the build and turning it back on after
lets one pass do that work (a compiled world of 1,000 states with its
1,000 events judged: about a third less CPU time, ``benchmarks/engine.py``).

The collector is turned back on only if it was on: a caller that turned it
off (the command line does, for a command that leaves no cycles) keeps it
off, and a pause inside a pause changes nothing.  It is never left off by
threads that pause it at once: only a pause that found it on turns it on.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

__all__ = ["paused"]


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic collector for the block, if it is on; turn it back on after, even on an error."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
