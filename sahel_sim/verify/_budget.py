"""The time budget of one ``verify`` run, counted at every step, and its progress.

``verify`` spends its time in three places: proving with the small solver of
:mod:`sahel_sim.verify._logic` (every evaluation of a formula, including the
probing inside one search node, is a step), drawing situations with
Hypothesis (every situation tried is a step), and the pairs of clauses it
screens (quadratic in the number of clauses).  Each of them calls
:func:`tick`; once the budget's deadline has passed, :func:`tick` raises a
:class:`~sahel_sim.errors.SahelSimError` that says how far the run got, so a
huge treaty file ends with a message (exit 2) instead of running for hours.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterator

from sahel_sim.errors import SahelSimError

__all__ = ["DEFAULT_SECONDS", "MAX_EXAMPLES", "Budget", "doing", "now", "running", "tick"]

#: Seconds a run may take unless told otherwise (``--time-limit``).
DEFAULT_SECONDS = 600.0
#: The most situations one search may draw (``--examples``): far beyond what a treaty needs.
MAX_EXAMPLES = 10_000


@dataclass
class Budget:
    """A deadline, what the run is doing (for the message), and a progress callback."""

    seconds: float = DEFAULT_SECONDS
    progress: Callable[[int, int, str], None] | None = None
    started: float = field(default_factory=time.monotonic)
    steps: int = 0
    doing: str = "starting"

    def check(self) -> None:
        """Raise once the deadline has passed."""
        if time.monotonic() - self.started > self.seconds:
            raise SahelSimError(
                f"verify stopped: the time budget of {self.seconds:g} s ran out while {self.doing} "
                f"({self.steps:,} steps); give --time-limit SECONDS for more, or verify fewer or smaller treaties")

    def report(self, what: str, done: int, total: int) -> None:
        """Say what the run is doing, for the message and the progress bar."""
        self.doing = what
        if self.progress is not None:
            self.progress(done, total, what)
        self.check()


_CURRENT: list[Budget] = []


@contextmanager
def running(budget: Budget) -> Iterator[Budget]:
    """Make ``budget`` the one :func:`tick` counts against, for the duration of a run."""
    _CURRENT.append(budget)
    try:
        yield budget
    finally:
        _CURRENT.pop()


def tick() -> None:
    """One step of work: counted, and the deadline checked every 64 steps (cheap enough for inner loops)."""
    if not _CURRENT:
        return
    budget = _CURRENT[-1]
    budget.steps += 1
    if budget.steps % 64 == 0:
        budget.check()


def now() -> None:
    """Check the deadline at once (for steps that take long, like running the engine on a situation)."""
    if _CURRENT:
        _CURRENT[-1].steps += 1
        _CURRENT[-1].check()


def doing(what: str, done: int, total: int) -> None:
    """Report progress to the current budget, if any."""
    if _CURRENT:
        _CURRENT[-1].report(what, done, total)
