"""What a caller asks of a run: the actors to judge besides the parties, and whether to explain what does not arise."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Query"]


@dataclass(frozen=True, slots=True)
class Query:
    """What the caller asks of a run.

    ``asked``: actors judged under every treaty, party or not, so that "why
    is Chad not bound?" always has an answer.  ``non_obligations``: whether
    to build the findings that no duty arises (the "why not"); without them
    only obligations are built, and treaties that cannot concern an event are
    skipped through the index (the mode for sweeps and benchmarks).
    ``among``: when given, only these actors are judged (an actor's findings
    do not depend on who else is judged); a probe that asks about one actor
    builds nobody else's reasons.  None: every party and every asked actor.
    ``treaties``: when given, only the treaties of these ids are judged (a
    contested reading judges again only the treaties it can change).
    """

    asked: frozenset[str] = frozenset()
    non_obligations: bool = True
    among: frozenset[str] | None = None
    treaties: frozenset[str] | None = None
