"""Contested readings combined: the product of the alternatives, on request and within a stated bound.

By default each alternative is run alone against the main reading (see
:mod:`sahel_sim.engine.contested`).  Asked to combine them, the engine also
runs every combination of two or more of the readings that can change the
case, those that alone change some finding of it, one reading per disputed
fact (two readings of the same fact exclude each other, and so do two
readings that each choose a perspective).  Their
number grows as a product, so it is bounded: past the bound the run is
refused, with one message, before any event is judged.  A finding whose
status differs under a combination lists it (``OtherReading.combines``).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import Any, Sequence

from sahel_sim.engine.contested import Reading
from sahel_sim.errors import SahelSimError

__all__ = ["COMBINATIONS_CAP", "MAX_COMBINATIONS", "Combination", "TooManyCombinations", "combinations",
           "effective"]

MAX_COMBINATIONS = 64
"""The default bound on the combinations of two or more readings a run may evaluate."""
COMBINATIONS_CAP = 1024
"""The highest bound a caller may set (each combination is a run of its own)."""


class TooManyCombinations(SahelSimError):
    """The readings that can change the case combine in more ways than the bound allows."""


@dataclass(frozen=True, slots=True)
class Combination:
    """Two or more readings taken together (each of another disputed fact); read like one :class:`Reading`."""

    readings: tuple[Reading, ...]

    @property
    def id(self) -> str:
        """The readings' ids joined: ``a + b``."""
        return " + ".join(r.id for r in self.readings)

    @property
    def combines(self) -> tuple[str, ...]:
        """The ids of the readings combined."""
        return tuple(r.id for r in self.readings)

    @property
    def label(self) -> str:
        return "; ".join(r.label for r in self.readings)

    @property
    def source(self) -> str | None:
        sources = [r.source for r in self.readings if r.source]
        return "; ".join(dict.fromkeys(sources)) or None

    @property
    def note(self) -> str | None:
        return f"the readings {', '.join(repr(x) for x in self.combines)} taken together"

    @property
    def disputes(self) -> str:
        return "; ".join(dict.fromkeys(r.disputes for r in self.readings))

    @property
    def perspective(self) -> str | None:
        return next((r.perspective for r in self.readings if r.perspective), None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: as a reading's, with ``combines`` and each reading's changes by its id."""
        return {"alternative": self.id, "label": self.label, "disputes": self.disputes, "source": self.source,
                "note": self.note, "changes": {r.id: r.to_dict()["changes"] for r in self.readings},
                "perspective": self.perspective, "combines": list(self.combines)}


def effective(result: Any) -> tuple[Reading, ...]:
    """The readings of ``result`` (each run alone) that change the status of some finding of it."""
    changed = {r.alternative for e in result.events for f in e.findings() for r in f.readings}
    return tuple(r for r in result.alternatives if isinstance(r, Reading) and r.id in changed)


def _groups(readings: Sequence[Reading]) -> list[list[Reading]]:
    """The readings by the fact they dispute (a scenario's own readings of the facts: one group)."""
    out: dict[int, list[Reading]] = {}
    for r in readings:
        out.setdefault(id(r.owner) if r.owner is not None else 0, []).append(r)
    return list(out.values())


def _count(groups: list[list[Reading]]) -> int:
    """How many ways of taking two or more readings, one per group at most (perspectives aside)."""
    total = 1
    for g in groups:
        total *= len(g) + 1
    return total - 1 - sum(len(g) for g in groups)


def combinations(readings: Sequence[Reading], bound: int = MAX_COMBINATIONS) -> tuple[Combination, ...]:
    """Every combination of two or more of ``readings`` (one per disputed fact), in a stable order.

    Combinations of readings that each choose a perspective are left out (a
    run has one perspective).

    Raises:
        TooManyCombinations: they number more than ``bound`` (checked before any is built).
    """
    groups = _groups(readings)
    count = _count(groups)
    if count > bound:
        ids = ", ".join(r.id for r in readings)
        raise TooManyCombinations(
            f"combining readings: the {len(readings)} readings that change a finding of this case ({ids}) give "
            f"{count:,} combinations of two or more, more than the bound of {bound:,}; run without "
            "combining them (each reading is still compared with the main one), or raise the bound "
            "(--max-combinations, or max_combinations=)")
    out = []
    for choice in product(*[[None, *g] for g in groups]):
        taken = tuple(r for r in choice if r is not None)
        if len(taken) < 2 or sum(1 for r in taken if r.perspective) > 1:
            continue
        out.append(Combination(taken))
    return tuple(sorted(out, key=lambda c: (len(c.readings), c.id)))
