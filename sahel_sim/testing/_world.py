"""Strategies for synthetic worlds: states, organisations, armed groups, territories, dated memberships.

A synthetic world is small and self-contained: states ``S1``..``Sn`` each
holding its own territory (sometimes with a region ``Sn-R`` inside it),
organisations ``O1``..``Ok`` with a ``council`` organ and dated memberships
(some ended by a withdrawal, some renewed after a gap), and armed groups
``G1``..``Gm``.  Its legal categories and readings are the shipped ones, so
clauses written against the real library make sense in it.  Ids never
collide with the shipped library's, so a synthetic scenario also runs with
``sahel-sim run`` as it is.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Iterable, Sequence

from hypothesis import strategies as st

from sahel_sim.world import World

__all__ = ["FIRST", "HELD_SINCE", "LAST", "REGION_TAGS", "dates", "readings", "worlds"]

FIRST = date(1990, 1, 1)
LAST = date(2030, 12, 31)
HELD_SINCE = date(1960, 1, 1)
REGION_TAGS = ("north", "south", "coast", "desert")
ORGAN = "council"


@lru_cache(maxsize=1)
def readings() -> World:
    """The shipped legal categories and perspectives, and nothing else.

    This is the ``library`` synthetic scenarios are loaded against: their own
    actors, memberships and treaties, read with the real characterisation.
    """
    from sahel_sim.library import library_world

    lib = library_world()
    return World(categories=lib.categories, perspectives=lib.perspectives)


def _sometimes(draw: st.DrawFn, n: int) -> bool:
    """True one time in ``n + 1``, and False in the simplest case (shrinking removes what it guards)."""
    return draw(st.integers(0, n)) == n


def dates(pool: Iterable[date] = (), lo: date = FIRST, hi: date = LAST) -> st.SearchStrategy[date]:
    """A date in ``[lo, hi]``, often one of ``pool`` (so boundaries such as event day == until are hit).

    Examples:
        >>> from hypothesis import given
        >>> @given(dates([date(2020, 1, 1)], date(2019, 1, 1), date(2021, 1, 1)))
        ... def test(day):
        ...     assert date(2019, 1, 1) <= day <= date(2021, 1, 1)
        >>> test()
    """
    usable = sorted({d for d in pool if lo <= d <= hi})
    uniform = st.dates(min_value=lo, max_value=hi)
    return st.one_of(st.sampled_from(usable), uniform) if usable else uniform


def _period(draw: st.DrawFn, pool: Sequence[date], lo: date, hi: date) -> tuple[date, date | None]:
    """A dated period in [lo, hi]; most never end, so that events find members."""
    since = draw(st.one_of(dates(pool, lo, hi - timedelta(days=1)), st.dates(lo, lo + (hi - lo) // 3)))
    if draw(st.integers(0, 2)) < 2:
        return since, None
    return since, draw(dates(pool, since + timedelta(days=1), hi))


def _membership(member: str, org: str, since: date, until: date | None, as_withdrawal: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"member": member, "of": org, "since": since}
    if until is not None:
        if as_withdrawal:
            out["withdrawal"] = {"notified": since, "effective": until}
        else:
            out["until"] = until
    return out


@st.composite
def _point(draw: st.DrawFn) -> dict[str, float]:
    """A representative point, or none (places without one fail latitude and box tests)."""
    if draw(st.integers(0, 4)) == 0:
        return {}
    return {"lat": float(draw(st.integers(-60, 60))), "lon": float(draw(st.integers(-180, 180)))}


@st.composite
def worlds(draw: st.DrawFn, *, min_states: int = 3, max_states: int = 6, min_organisations: int = 1,
           max_organisations: int = 2, max_armed_groups: int = 2, regions: Sequence[str] = REGION_TAGS,
           start: date = FIRST, end: date = LAST, relations: bool = True) -> World:
    """A small valid world: states, organisations, armed groups, territories, dated memberships.

    Each state holds its own territory; some also hold a region inside it
    (``Sn-R``) or an island apart from it (``Sn-I``); there may be an open sea
    area (``SEA``) that nobody holds.  Places have region tags and, mostly, a
    representative point.

    Args:
        min_states, max_states: how many states ``S1``..``Sn``.
        min_organisations, max_organisations: how many organisations ``O1``..``Ok``.
        max_armed_groups: at most this many armed groups ``G1``..``Gm``.
        regions: the region tags territories may carry.
        start, end: memberships begin and end within these dates.
        relations: also draw a few dated relations (troop presence, hostility).

    The world is validated by the real models, so it is valid by construction;
    its categories and perspectives are the shipped ones (:func:`readings`).
    """
    n = draw(st.integers(min_states, max_states))
    k = draw(st.integers(min_organisations, max_organisations))
    g = draw(st.integers(0, max_armed_groups))
    pool = draw(st.lists(st.dates(start, end), min_size=1, max_size=4))
    states = [f"S{i + 1}" for i in range(n)]
    orgs = [f"O{j + 1}" for j in range(k)]
    actors: list[dict[str, Any]] = [{"id": s, "kind": "state", "name": f"State {s}"} for s in states]
    actors += [{"id": o, "kind": "organisation", "name": f"Organisation {o}",
                "organs": [{"id": ORGAN, "name": "Council"}]} for o in orgs]
    actors += [{"id": f"G{j + 1}", "kind": "armed_group", "name": f"Group G{j + 1}"} for j in range(g)]
    territories: list[dict[str, Any]] = []
    tags = st.lists(st.sampled_from(list(regions)), unique=True, max_size=2) if regions else st.just([])
    for s in states:
        territories.append({"id": s, "name": f"Land of {s}", "holders": [{"state": s, "since": HELD_SINCE}],
                            "regions": draw(tags), **draw(_point())})
        extra = draw(st.integers(0, 5))
        if extra == 4:
            territories.append({"id": f"{s}-R", "name": f"Region of {s}", "kind": "region", "part_of": s,
                                "regions": draw(tags), **draw(_point())})
        elif extra == 5:
            territories.append({"id": f"{s}-I", "name": f"Island of {s}", "kind": "island",
                                "holders": [{"state": s, "since": HELD_SINCE}], "regions": draw(tags), **draw(_point())})
    if _sometimes(draw, 2):
        territories.append({"id": "SEA", "name": "Open sea", "kind": "sea", "regions": draw(tags), **draw(_point())})
    memberships: list[dict[str, Any]] = []
    for o in orgs:
        members = draw(st.lists(st.sampled_from(states), unique=True, min_size=0, max_size=n))
        for s in members:
            since, until = _period(draw, pool, start, end)
            memberships.append(_membership(s, o, since, until, draw(st.booleans())))
            if until is not None and until < end - timedelta(days=2) and _sometimes(draw, 3):
                again = draw(dates(pool, until + timedelta(days=1), end - timedelta(days=1)))
                memberships.append(_membership(s, o, again, None, False))
    rels: list[dict[str, Any]] = []
    if relations:
        for a, b, kind, since in draw(st.lists(st.tuples(st.sampled_from(states), st.sampled_from(states),
                                                           st.sampled_from(["troop_presence", "hostility"]),
                                                           dates(pool, start, end)), max_size=2)):
            if a != b:
                rels.append({"kind": kind, "from": a, "to": b, "since": since})
    base = readings()
    world = World.model_validate({"actors": actors, "territories": territories, "memberships": memberships,
                                  "relations": rels})
    return world.model_copy(update={"categories": base.categories, "perspectives": base.perspectives})
