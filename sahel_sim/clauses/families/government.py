"""Condition tests on who governed: the government in office on the eve of an event.

Clauses on unconstitutional change turn on it: ECOWAS's 1999 Protocol
Art. 25(e) speaks of "an overthrow or attempted overthrow of a democratically
elected Government", the 2001 Protocol's Art. 45 of democracy "abruptly
brought to an end".  The facts come from the world's dated governments
(``data/world/governments.yaml``, or a scenario's ``governments:``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

from pydantic import Field

from sahel_sim.clauses.checks import Fact
from sahel_sim.clauses.leaf import Leaf, LeafTest
from sahel_sim.model.governments import PowerChange

__all__ = ["GovernmentTest", "TESTS"]


class GovernmentTest(Leaf):
    """The government in office on the eve of the event: how it came to power, and whether the event removed it.

    ``came_to_power`` lists the ways that count (``[election]`` for "a
    democratically elected Government"); ``removed`` asks whether that
    government left office on the event date or the next day (``true``:
    democracy "brought to an end"; ``false``: it survived).  With neither,
    the test asks only that the government is recorded.
    """

    test: Literal["government"]
    who: Literal["target"] = "target"
    came_to_power: tuple[PowerChange, ...] | None = Field(default=None, min_length=1)
    removed: bool | None = None

    def _words(self) -> str:
        if self.came_to_power is None and self.removed is None:
            return "the target's government on the eve of the event is recorded"
        parts = []
        if self.came_to_power is not None:
            parts.append("came to power by " + " or ".join(w.value for w in self.came_to_power))
        if self.removed is not None:
            parts.append("was removed by the event" if self.removed else "stayed in office")
        return "the target's government on the eve of the event " + " and ".join(parts)


def _gone(gov: Any, day: date) -> bool:
    """The government left office on ``day`` or the next day (a president deposed, then resigning)."""
    return gov.until is not None and day <= gov.until <= day + timedelta(days=1)


def _government(cond: GovernmentTest, s: Any) -> tuple[bool, list[Fact]]:
    state = s.event.target
    eve = s.day - timedelta(days=1)
    gov = s.q.government(s.G, state, eve)
    if gov is None:
        return False, [Fact("no_government", (state, eve.isoformat()),
                            f"no government of {state} is recorded for {eve}, the eve of {s.event.id}")]
    facts = [Fact("government", (state, eve.isoformat(), gov.came_to_power.value),
                  f"{state} was governed on {eve} by {gov.describe()}")]
    holds = cond.came_to_power is None or gov.came_to_power in cond.came_to_power
    if cond.removed is not None:
        gone = _gone(gov, s.day)
        holds = holds and gone is cond.removed
        after = s.q.government(s.G, state, s.day + timedelta(days=1))
        if gone:
            text = f"that government left office on {gov.until}" + (f", replaced by {after.describe()}" if after else "")
        else:
            text = f"that government was still in office on {s.day + timedelta(days=1)}, the day after {s.event.id}"
        facts.append(Fact("government_removed" if gone else "government_stayed", (state, s.day.isoformat()), text))
    return holds, facts


def _recheck_government(ctx: Any, args: tuple[str, ...]) -> bool | None:
    gov = ctx.q.government(ctx.G, args[0], date.fromisoformat(args[1]))
    return gov is not None and gov.came_to_power.value == args[2]


def _recheck_none(ctx: Any, args: tuple[str, ...]) -> bool | None:
    return ctx.q.government(ctx.G, args[0], date.fromisoformat(args[1])) is None


def _recheck_removed(want: bool) -> Any:
    def check(ctx: Any, args: tuple[str, ...]) -> bool | None:
        day = date.fromisoformat(args[1])
        gov = ctx.q.government(ctx.G, args[0], day - timedelta(days=1))
        return None if gov is None else _gone(gov, day) is want
    return check


def _encode_government(x: GovernmentTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    return enc.opaque(x)


def _draw_government(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    out: dict[str, Any] = {}
    if ctx.sometimes(draw, 2):
        out["came_to_power"] = [p.value for p in draw(ctx.some(list(PowerChange), 2))]
    if ctx.sometimes(draw, 2):
        out["removed"] = draw(st.booleans())
    return out


TESTS = (
    LeafTest(GovernmentTest, _government,
             {"government": _recheck_government, "no_government": _recheck_none,
              "government_removed": _recheck_removed(True), "government_stayed": _recheck_removed(False)},
             _encode_government, _draw_government),
)
