"""Synthetic worlds for the engine benchmarks, generated from a seed.

N states; T = 2N treaties, each lasting 1 to 30 years within a 100-year
timeline, with 2 to 30 members whose windows fall inside the treaty's life;
60 % of treaties are defensive (one mutual-defence clause with a
non-provocation exception).  E attacks between random states on random
dates, 20 % of them retaliations 1 to 365 days after an earlier attack.

The same world is handed to sahel-sim (as models), to the indexed floor and
to clingo (as plain tuples), so that all three solve the same problem.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

EPOCH = date(1950, 1, 1)
DAYS = 36_500


#: ``(state, treaty, start, end)``: state ``state`` is in treaty ``treaty`` on days ``start <= d < end``.
#: A plain tuple of ints, which the cyclic collector stops tracking: the benchmark's own data then adds
#: nothing to the heap each collection walks, whichever side's work triggers it (as frozen dataclass
#: instances, some 100,000 at 3,000 states, they were walked by every collection, mostly sahel-sim's).
Membership = tuple[int, int, int, int]


@dataclass(frozen=True)
class Synthetic:
    """A generated world: memberships, defensive treaties, treaty lifetimes and attacks."""

    n: int
    memberships: tuple[Membership, ...]
    defensive: frozenset[int]
    lifetimes: dict[int, tuple[int, int]]
    attacks: tuple[tuple[int, int, int], ...]  # (attacker, victim, day)


def make_world(n: int, events: int, seed: int = 1, hot: bool = False) -> Synthetic:
    """Generate a world of ``n`` states and ``events`` attacks."""
    rng = random.Random(seed)
    memberships: list[Membership] = []
    defensive: set[int] = set()
    lifetimes: dict[int, tuple[int, int]] = {}
    for t in range(2 * n):
        start = rng.randrange(0, DAYS - 366)
        end = min(DAYS, start + rng.randint(365, 30 * 365))
        lifetimes[t] = (start, end)
        if rng.random() < 0.6:
            defensive.add(t)
        for s in rng.sample(range(n), rng.randint(2, min(30, n))):
            a = rng.randrange(start, end - 1)
            memberships.append((s, t, a, rng.randint(a + 1, end)))
    attacks = _attacks(rng, n, events, memberships, defensive if hot else None)
    return Synthetic(n, tuple(memberships), frozenset(defensive), lifetimes, attacks)


def _attacks(rng: random.Random, n: int, count: int, memberships: list[Membership],
             hot: set[int] | None) -> tuple[tuple[int, int, int], ...]:
    out: list[tuple[int, int, int]] = []
    pool = [m for m in memberships if hot is not None and m[1] in hot]
    while len(out) < count:
        if out and rng.random() < 0.2:
            a, v, d = rng.choice(out)
            out.append((v, a, min(DAYS - 1, d + rng.randint(1, 365))))
            continue
        if pool:
            v, _, start, end = rng.choice(pool)
            d = rng.randrange(start, end)
        else:
            v, d = rng.randrange(n), rng.randrange(DAYS)
        a = rng.randrange(n)
        if a != v:
            out.append((a, v, d))
    return tuple(dict.fromkeys(out))


def day(d: int) -> date:
    """The calendar date of day ``d``."""
    return EPOCH + timedelta(days=d)


def state_id(s: int) -> str:
    """The actor id of state ``s``."""
    return f"S{s:04d}"
