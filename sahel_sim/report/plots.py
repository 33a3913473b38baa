"""Pictures with matplotlib: the world on a date with its obligations, a cascade tree, a timeline.

A table says who is bound; a picture shows at a glance which blocs the
duties run between.  The world picture is a map: the countries come from
the outlines shipped with the package (:mod:`sahel_sim.report.outlines`),
each state sits inside its own and its country is filled by where it
stands; organisations sit at the centre of their members and armed groups
at their bases.  Obligations are arrows from
obligor to beneficiary, one colour per treaty, so that the Charter's Art. 6
duties and the ECOWAS duties owed to the same state stand apart.

matplotlib is an optional extra (``sahel-sim[plot]``): it is imported
inside :func:`pyplot`, on the Agg backend when there is no display, and a
missing install raises a :class:`~sahel_sim.errors.SahelSimError` that says
how to get it.  Every arrow and highlight carries a ``gid``
(``obligation:MLI->NER:liptako-gourma-charter:6``), which tests use to count
them and which survives into SVG output.

Every word a person reads in a picture (legends, titles, the map's note,
the compass letters) is in the language in use (``--lang fr``), from the
same catalog as the text answer; ids, dates and scenario names are data.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import Any, Iterable

from sahel_sim.engine.findings import Obligation, SimulationResult
from sahel_sim.report.i18n import current, pgettext_, tr

__all__ = ["actor_categories", "arc_apex", "category_label", "draw_cascade", "draw_timeline", "draw_world",
           "latitude_label", "longitude_label", "obligation_key", "pyplot", "treaty_colours", "world_positions"]


def _(message: str) -> str:
    """A picture's word or template in the language in use (the catalog's ``picture`` context)."""
    return pgettext_("picture", message)


FIXED_COLOURS = {
    "liptako-gourma-charter": "#2e8b3a",
    "ecowas-non-aggression-1978": "#1f77b4",
    "ecowas-pmad-1981": "#9467bd",
    "ecowas-mechanism-1999": "#ff7f0e",
    "ecowas-democracy-2001": "#8c564b",
    "ecowas-revised-treaty-1993": "#17becf",
}
PALETTE = ("#e377c2", "#bcbd22", "#7f7f7f", "#0b3c5d", "#b8860b", "#6a5acd", "#20b2aa")
CONFLICT = "#d62728"
MIN_GAP = 2.0  # degrees between an organisation's or a group's point and any other point

ObligationKey = tuple[str, str, str, str, str]


def pyplot() -> Any:
    """``matplotlib.pyplot``, switched to Agg first when nothing could show a window."""
    try:
        import matplotlib
    except ImportError:
        from sahel_sim.errors import SahelSimError

        raise SahelSimError("matplotlib is not installed: pip install 'sahel-sim[plot]'") from None
    if "matplotlib.pyplot" not in sys.modules and not os.environ.get("MPLBACKEND") and not _has_display():
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _has_display() -> bool:
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def treaty_colours(treaty_ids: Iterable[str]) -> dict[str, str]:
    """A colour per treaty: fixed ones for the shipped library, so every picture agrees."""
    others = sorted(set(treaty_ids) - FIXED_COLOURS.keys())
    found = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(others)}
    return {t: FIXED_COLOURS.get(t) or found[t] for t in set(treaty_ids)}


def obligation_key(o: Obligation) -> ObligationKey:
    """What one arrow stands for: the same duty between the same pair under the same article."""
    return (o.obligor, o.beneficiary or "", o.treaty, o.article or "", o.duty)


# -- the world on a date --------------------------------------------------------------------------

def draw_world(subject: Any, date: date | None = None, *, ax: Any = None, scenario: Any = None,
               perspective: str | None = None, responses: bool = False) -> Any:
    """The actors of a run on a map, with obligations as arrows obligor → beneficiary.

    Countries are drawn from the outlines shipped with the package (Natural
    Earth 1:110m, today's borders) and filled by where each state stands:
    attacked, attacker, in breach, bound, must consult, may act, not bound,
    hatched when another reading gives it another status.  States sit inside
    their outline, organisations at the centre of their members, armed
    groups at their bases; where an event took place apart from its target's
    land (Hawaii, French Guiana), a star marks the place.  Labels are placed
    so that none overlaps another (:mod:`sahel_sim.report.labels`).

    Args:
        subject: a :class:`~sahel_sim.engine.findings.SimulationResult`, or a
            scenario (simulated here, with every event moved to ``date`` if given).
        date: the day whose memberships are drawn; the first event's date by default.
        ax: a matplotlib Axes to draw on (a new figure otherwise).
        scenario: for a result, the scenario it came from, whose world (own
            actors and memberships) is drawn; the shipped library otherwise.
        perspective: the reading, when ``subject`` is a scenario.
        responses: also draw the obligations that cascade responses gave rise
            to (rounds 1 and later); the cascade tree usually shows them better.

    Returns:
        The Axes.  Arrows have gids ``obligation:…``, conflict marks
        ``conflict:…``, countries ``country:CODE:CATEGORY``, labels
        ``label:ID``, event places ``place:TERRITORY``.
    """
    from sahel_sim.report.outlines import load_outlines

    plt = pyplot()
    result, world = _result_and_world(subject, date, scenario, perspective)
    day = date or min(e.event.date for e in result.events)
    outlines = load_outlines()
    pos, kinds = _layout(result, world, day, outlines)
    places = _event_places(result, world, pos)
    standing = actor_categories(result, responses=responses)
    corners = _target_corners(result, outlines)
    points = [*pos.values(), *(p for _, p in places.values()), *corners]
    frame = _frame(points)
    aspect = 1 / _squash(frame[2], frame[3])  # one aspect for the arcs and the axes, so arcs bend as computed
    own = ax is None
    if ax is None:
        _fig, ax = plt.subplots(figsize=(12, 8), layout="constrained")
    _draw_countries(ax, outlines, {a: c for a, c in standing.items() if a in pos and kinds.get(a) == "state"},
                    frame)
    if corners:
        ax.update_datalim(corners)
    _draw_memberships(ax, world, pos, kinds, day)
    _draw_events(ax, result, pos, places)
    shown = [o for o in result.obligations + result.breaches + result.permissions if responses or o.round == 0]
    drawn, skipped = _draw_obligations(ax, shown, pos, aspect)
    _draw_conflicts(ax, result, pos)
    _draw_nodes(ax, pos, kinds, standing, places)
    _finish_world(ax, result, day, drawn, skipped, kinds, standing, places, pos, aspect, resize=own)
    _draw_labels(ax, pos, kinds, standing, places, result)
    return ax


def _result_and_world(subject: Any, day: date | None, scenario: Any, perspective: str | None) -> tuple[Any, Any]:
    if isinstance(subject, SimulationResult):
        if scenario is not None:
            return subject, scenario.world
        from sahel_sim.library import library_world

        return subject, library_world()
    from sahel_sim.api import simulate

    return simulate(subject, perspective=perspective, as_of=day), subject.world


# Where a party stands, strongest first: the colour its country (or marker) is filled with.
CATEGORY_FILL = {
    "in_breach": "#e0584f",
    "attacked": "#4292c6",
    "attacker": "#525252",
    "bound": "#f5953f",
    "bound_discretion": "#fdcf8f",
    "bound_to_neutrality": "#bcbddc",
    "must_consult": "#fff2ae",
    "may_act": "#c7e9c0",
    "not_invoked": "#e6dcc8",
    "not_determined": "#dcd3e6",
    "not_bound": "#cfcfcf",
}
LAND, SEA, BORDER = "#f0f0f0", "#f7fbff", "#ffffff"


def category_label(category: str) -> str:
    """The legend's words for a category: the status vocabulary, or the part taken in the event."""
    from sahel_sim.clauses.status import label

    # events are attacks, but also coups, sanctions, requests: the words say what the data says
    roles = {"attacked": "the event's target (attacked)", "attacker": "took part in the event (attacker)"}
    return _(roles.get(category) or label(category))


def actor_categories(result: SimulationResult, *, responses: bool = False) -> dict[str, tuple[str, bool]]:
    """Each actor the run names: its category (see :data:`CATEGORY_FILL`) and whether it is contested.

    An actor in breach is shown so even when it took part in the event; the
    target and the event's actors come next; the others take the strongest
    status of their findings.  *Contested* means that another reading of the
    law gives the actor another status under some clause of the run.
    """
    order = list(CATEGORY_FILL)
    found: dict[str, list[str]] = {}
    contested: set[str] = set()
    for o in result.obligations + result.breaches + result.permissions:
        if responses or o.round == 0:
            found.setdefault(o.obligor, []).append(o.status)
            if o.contested:
                contested.add(o.obligor)
    for n in result.non_obligations:
        found.setdefault(n.party, []).append(n.status)
        if n.contested:
            contested.add(n.party)
    for e in result.events:
        if e.event.response_to and not responses:
            continue
        found.setdefault(e.event.target, []).append("attacked")
        for a in e.event.actors:
            found.setdefault(a, []).append("attacker")
    return {a: (min(cats, key=lambda c: order.index(c) if c in order else len(order)), a in contested)
            for a, cats in sorted(found.items())}


def _involved(result: SimulationResult) -> set[str]:
    """Every actor the run names: obligors, beneficiaries, the events' parties, conflicts."""
    ids = {x for o in result.obligations + result.breaches for x in (o.obligor, o.beneficiary) if x}
    for e in result.events:
        ev = e.event
        ids |= {*ev.actors, ev.target, *ev.external_support, *([ev.mandate] if ev.mandate else [])}
    ids |= {x for c in result.conflicts for x in (c.actor, c.second.beneficiary) if x}
    return ids


def world_positions(result: SimulationResult, world: Any, day: date) -> tuple[dict[str, tuple[float, float]],
                                                                             dict[str, str]]:
    """Where :func:`draw_world` puts each actor, as ``(lon, lat)``, and each actor's kind."""
    from sahel_sim.report.outlines import load_outlines

    return _layout(result, world, day, load_outlines())


def _layout(result: SimulationResult, world: Any, day: date, outlines: dict[str, Any] | None = None
            ) -> tuple[dict[str, tuple[float, float]], dict[str, str]]:
    """Positions (lon, lat) and kinds of the actors shown: the run's, and members of its treaties' organisations."""
    actors = {a.id: a for a in world.actors}
    shown = _involved(result)
    orgs = {t.parties.organisation for t in world.treaties if t.parties.organisation
            and t.id in {o.treaty for o in result.obligations}}
    shown |= {o for o in orgs if o in actors}
    for org in [s for s in shown if s in actors and actors[s].kind.value == "organisation"]:
        shown |= {m.member for m in world.memberships if m.of == org and m.active_on(day) and m.member in actors}
    kinds = {s: actors[s].kind.value if s in actors else "armed_group" for s in shown}
    pos: dict[str, tuple[float, float]] = {}
    for s in sorted(shown, key=lambda s: ("state", "armed_group", "organisation").index(kinds[s])):
        pos[s] = _place(s, actors, world, day, pos, result, outlines or {})
    return _spread(pos, fixed={s for s in pos if kinds[s] == "state"}), kinds


def _place(s: str, actors: dict[str, Any], world: Any, day: date, pos: dict[str, tuple[float, float]],
           result: SimulationResult, outlines: dict[str, Any]) -> tuple[float, float]:
    """A state inside its outline: at its own point when that lies inside, else at the outline's
    (at its own point when it has no outline); an organisation at its
    members' centre; a group at its bases or its point; an actor with no point beside the places of
    the events it takes part in."""
    a = actors.get(s)
    if a is not None and a.kind.value == "state" and s in outlines:
        own = (a.lon, a.lat) if a.lon is not None and a.lat is not None else None
        return own if own is not None and outlines[s].contains(*own) else outlines[s].point()
    if a is not None and a.kind.value == "organisation":
        members = [pos[m.member] for m in world.memberships if m.of == s and m.active_on(day) and m.member in pos]
        if members:
            return _centre(members)
    if a is not None and a.lon is not None and a.lat is not None:
        return (a.lon, a.lat)
    bases = [pos[b] for b in (a.based_in if a else ()) if b in pos]
    if not bases:
        points = _territory_points(world)
        bases = [points.get(e.event.place) or pos[e.event.target] for e in result.events
                 if s in e.event.actors and (e.event.place in points or e.event.target in pos)]
    x, y = _centre(bases) if bases else (0.0, 15.0)
    return (x + 1.5, y + 1.5)


def _target_corners(result: SimulationResult, outlines: dict[str, Any]) -> list[tuple[float, float]]:
    """The corners of each attacked state's outline, so the map shows it whole (unless it spans half the world)."""
    corners = []
    for e in result.events:
        outline = outlines.get(e.event.target)
        if outline is not None and not e.event.response_to:
            west, south, east, north = outline.bounds
            if east - west <= 60 and north - south <= 40:
                corners += [(west, south), (east, north)]
    return corners


def _territory_points(world: Any) -> dict[str, tuple[float, float]]:
    return {t.id: (t.lon, t.lat) for t in world.territories if t.lon is not None and t.lat is not None}


def _event_places(result: SimulationResult, world: Any, pos: dict[str, tuple[float, float]]
                  ) -> dict[str, tuple[str, tuple[float, float]]]:
    """Where events took place when that is not simply their target's land: ``{id: (name, (lon, lat))}``."""
    names = {t.id: t.name for t in world.territories}
    points = _territory_points(world)
    found: dict[str, tuple[str, tuple[float, float]]] = {}
    for e in result.events:
        place = e.event.location
        if place and place != e.event.target and place in points and not e.event.response_to:
            found[place] = (names.get(place, place), points[place])
    return found


def _world_size(frame: tuple[float, float, float, float], aspect: float, legend_rows: int) -> tuple[float, float]:
    """A figure shaped like the map's frame, plus room for the legends beside and below."""
    west, east, south, north = frame
    width, height = (east - west), (north - south) * aspect
    scale = min(12.0 / width, 7.5 / height)
    return (max(width * scale, 6.0) + 3.2, height * scale + 1.2 + 0.2 * legend_rows)


def _frame(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """``(west, east, south, north)`` around the points, at least 30° by 20°, with a margin."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return _frame_of(min(xs), max(xs), min(ys), max(ys))


def _frame_of(west: float, east: float, south: float, north: float) -> tuple[float, float, float, float]:
    if east - west < 30:
        west, east = (west + east) / 2 - 15, (west + east) / 2 + 15
    if north - south < 20:
        south, north = (south + north) / 2 - 10, (south + north) / 2 + 10
    mx, my = (east - west) * 0.08, (north - south) * 0.1
    return (west - mx, east + mx, max(south - my, -90.0), min(north + my, 90.0))


def _not_flat(west: float, east: float, south: float, north: float, aspect: float
              ) -> tuple[float, float, float, float]:
    """The frame, made taller (north and south alike, within the poles) when it would be a thin strip.

    Examples:
        >>> _not_flat(0.0, 100.0, 40.0, 50.0, 1.0)
        (0.0, 100.0, 22.5, 67.5)
    """
    least = 0.45 * (east - west) / aspect
    if north - south >= least:
        return (west, east, south, north)
    middle = min(max((south + north) / 2, -90 + least / 2), 90 - least / 2)
    return (west, east, max(middle - least / 2, -90.0), min(middle + least / 2, 90.0))


def _squash(south: float, north: float) -> float:
    """How much shorter a degree of longitude is than one of latitude in the middle of the frame."""
    import math

    return max(math.cos(math.radians((south + north) / 2)), 0.2)


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def _spread(pos: dict[str, tuple[float, float]], rounds: int = 60, fixed: set[str] | frozenset[str] = frozenset()
            ) -> dict[str, tuple[float, float]]:
    """Push apart points closer than :data:`MIN_GAP`, a little at a time; ``fixed`` ones (states, at
    their real place) do not move, the others (organisations, groups) move out of their way."""
    p = {k: list(v) for k, v in pos.items()}
    keys = sorted(p)
    for _round in range(rounds):
        moved = False
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if a in fixed and b in fixed:
                    continue
                dx, dy = p[b][0] - p[a][0], p[b][1] - p[a][1]
                dist = (dx * dx + dy * dy) ** 0.5
                if dist >= MIN_GAP:
                    continue
                if dist < 1e-6:
                    dx, dy, dist = 1.0, 0.3, 1.04
                push = (MIN_GAP - dist) / dist
                share_a = 0.0 if a in fixed else (1.0 if b in fixed else 0.5)
                p[a][0] -= dx * push * share_a
                p[a][1] -= dy * push * share_a
                p[b][0] += dx * push * (1 - share_a)
                p[b][1] += dy * push * (1 - share_a)
                moved = True
        if not moved:
            break
    return {k: (v[0], v[1]) for k, v in p.items()}


def _draw_countries(ax: Any, outlines: dict[str, Any], standing: dict[str, tuple[str, bool]],
                    frame: tuple[float, float, float, float]) -> None:
    """Every country in the frame: pale land, or the fill of its state's category (hatched if contested)."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    west, east, south, north = frame
    ax.set_facecolor(SEA)
    for code, outline in sorted(outlines.items()):
        x0, y0, x1, y1 = outline.bounds
        if x1 < west - 20 or x0 > east + 20 or y1 < south - 20 or y0 > north + 20:
            continue
        category, contested = standing.get(code, ("", False))
        verts: list[tuple[float, float]] = []
        codes: list[int] = []
        for polygon in outline.polygons:
            for ring in polygon:
                verts += ring
                codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY]
        patch = PathPatch(MplPath(verts, codes), facecolor=CATEGORY_FILL.get(category, LAND),
                          edgecolor="#555555" if category else BORDER, linewidth=0.5 if category else 0.4,
                          hatch="////" if contested else None, zorder=0.5, gid=f"country:{code}:{category or 'none'}")
        ax.add_artist(patch)  # not add_patch: the outlines must not stretch the frame to the whole world


def _draw_memberships(ax: Any, world: Any, pos: dict[str, tuple[float, float]], kinds: dict[str, str],
                      day: date) -> None:
    """Faint grey lines from each member to its organisation, as of ``day``."""
    for m in world.memberships:
        if m.of in pos and m.member in pos and kinds.get(m.of) == "organisation" and m.active_on(day):
            (x1, y1), (x2, y2) = pos[m.member], pos[m.of]
            ax.plot([x1, x2], [y1, y2], color="#b0b0b0", linewidth=0.5, alpha=0.6, zorder=1,
                    gid=f"membership:{m.member}:{m.of}")


NODE_STYLE = {"state": ("o", 38), "organisation": ("s", 70), "armed_group": ("D", 45)}


def _draw_nodes(ax: Any, pos: dict[str, tuple[float, float]], kinds: dict[str, str],
                standing: dict[str, tuple[str, bool]], places: dict[str, tuple[str, tuple[float, float]]]) -> None:
    """A dot per actor, filled with its category's colour (so states without an outline show theirs)."""
    for kind, (marker, size) in NODE_STYLE.items():
        ids = sorted(k for k in pos if kinds[k] == kind)
        if ids:
            ax.scatter([pos[i][0] for i in ids], [pos[i][1] for i in ids], s=size, marker=marker,
                       c=[CATEGORY_FILL.get(standing.get(i, ("",))[0], "#ffffff") for i in ids],
                       edgecolors="#222222", linewidths=0.9, zorder=4, gid=f"nodes:{kind}")
    if places:
        ids = sorted(places)
        ax.scatter([places[i][1][0] for i in ids], [places[i][1][1] for i in ids], s=130, marker="*",
                   c="#ffd92f", edgecolors="#222222", linewidths=0.8, zorder=4.5, gid="places")


def _arrow(ax: Any, start: tuple[float, float], end: tuple[float, float], *, colour: str, rad: float,
           gid: str, width: float = 1.6, style: str = "-|>", linestyle: str = "-", aspect: float = 1.0) -> None:
    from matplotlib.patches import FancyArrowPatch

    # add_patch stretches the frame to the curve's control point, twice as far out as the arc goes: the
    # limits are put back, and take the ends and the top of the arc instead
    limits = ax.dataLim.frozen()
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=11, color=colour, linewidth=width,
                                 linestyle=linestyle, connectionstyle=f"arc3,rad={rad}", shrinkA=4, shrinkB=5,
                                 zorder=2, gid=gid))
    ax.dataLim.set(limits)
    ax.update_datalim([start, end, arc_apex(start, end, rad, aspect)])


def arc_apex(start: tuple[float, float], end: tuple[float, float], rad: float, aspect: float = 1.0
             ) -> tuple[float, float]:
    """The point halfway along an ``arc3`` arrow, where it bends furthest from the straight line.

    matplotlib puts the control point of the quadratic curve at
    ``midpoint + rad * (dy, -dx)`` on the screen; the curve's middle is
    halfway between that point and the midpoint.  ``aspect`` is the axes'
    aspect (how much longer a unit of y is on the screen than a unit of x).

    Examples:
        >>> arc_apex((0.0, 0.0), (10.0, 0.0), 0.2)
        (5.0, -1.0)
        >>> arc_apex((0.0, 0.0), (10.0, 0.0), 0.2, aspect=2.0)
        (5.0, -0.5)
    """
    (x1, y1), (x2, y2) = start, end
    return ((x1 + x2) / 2 + rad * (y2 - y1) * aspect / 2, (y1 + y2) / 2 - rad * (x2 - x1) / aspect / 2)


def _draw_events(ax: Any, result: SimulationResult, pos: dict[str, tuple[float, float]],
                 places: dict[str, tuple[str, tuple[float, float]]] | None = None) -> None:
    """The scenario's own events (not cascade responses): each actor → where it struck, thick and dotted.

    Where it struck is the event's place when that is drawn apart (Hawaii), else the target.
    """
    places = places or {}
    for e in result.events:
        ev = e.event
        end = places[ev.location][1] if ev.location in places else pos.get(ev.target)
        if ev.response_to or end is None:
            continue
        for a in ev.actors:
            if a in pos:
                _arrow(ax, pos[a], end, colour="#222222", rad=0.0, gid=f"event:{ev.id}:{a}->{ev.location or ev.target}"
                       if ev.location in places else f"event:{ev.id}:{a}->{ev.target}", width=2.2, style="-|>",
                       linestyle=":")


def _bend(start: tuple[float, float], end: tuple[float, float], rad: float, aspect: float = 1.0) -> float:
    """``rad``, or ``-rad`` when bending that way would carry the arc off the map (towards a pole).

    Examples:
        >>> _bend((122.0, 60.0), (-98.0, 60.0), 0.3), _bend((-98.0, 60.0), (122.0, 60.0), 0.3)
        (-0.3, 0.3)
    """
    up, down = abs(arc_apex(start, end, rad, aspect)[1]), abs(arc_apex(start, end, -rad, aspect)[1])
    return rad if up <= 80 or up <= down else -rad


def _draw_obligations(ax: Any, obligations: Iterable[Obligation], pos: dict[str, tuple[float, float]],
                      aspect: float = 1.0) -> tuple[dict[ObligationKey, Obligation], list[Obligation]]:
    """One arrow per distinct obligation key; parallel ones bend apart.  Returns drawn and skipped."""
    drawn: dict[ObligationKey, Obligation] = {}
    skipped: list[Obligation] = []
    for o in obligations:
        key = obligation_key(o)
        if key in drawn:
            continue
        if not o.beneficiary or o.beneficiary == o.obligor or o.obligor not in pos or o.beneficiary not in pos:
            if o.status == "may_act" and o.beneficiary:
                continue  # permissions of far-away parties: summed up in the legend, not drawn one by one
            if all(obligation_key(s) != key for s in skipped):
                skipped.append(o)
            continue
        drawn[key] = o
    colours = treaty_colours({o.treaty for o in drawn.values()})
    per_pair: dict[frozenset[str], int] = {}
    for key, o in drawn.items():
        n = per_pair[frozenset(key[:2])] = per_pair.get(frozenset(key[:2]), -1) + 1
        kind, linestyle, width = _STATUS_STYLE.get(o.status, ("obligation", "-", 1.4))
        start, end = pos[o.obligor], pos[o.beneficiary or ""]
        _arrow(ax, start, end, colour=colours[o.treaty], rad=_bend(start, end, 0.18 + 0.14 * n, aspect), aspect=aspect,
               gid=f"{kind}:{o.obligor}->{o.beneficiary}:{o.treaty}:{o.article or ''}", linestyle=linestyle,
               width=width)
    return drawn, skipped


_STATUS_STYLE = {"may_act": ("permission", "-.", 1.2), "in_breach": ("breach", "--", 2.4),
                 "must_consult": ("consultation", (0, (1, 1.5)), 1.4)}
"""Statuses keep their treaty's colour but not its line: dash-dot for *may act*, dashes for *in breach*,
fine dots for *must consult*, a solid line for a duty to act."""


def _draw_conflicts(ax: Any, result: SimulationResult, pos: dict[str, tuple[float, float]]) -> None:
    """A red ring on each actor with conflicting duties, and a dashed red line to whom it must spare."""
    actors = sorted({c.actor for c in result.conflicts if c.actor in pos})
    if actors:
        ax.scatter([pos[a][0] for a in actors], [pos[a][1] for a in actors], s=230, marker="o",
                   facecolors="none", edgecolors=CONFLICT, linewidths=2.2, zorder=5, gid="conflict:actors")
    pairs = sorted({(c.actor, c.second.beneficiary) for c in result.conflicts
                    if c.actor in pos and c.second.beneficiary in pos})
    for a, b in pairs:
        (x1, y1), (x2, y2) = pos[a], pos[b or ""]
        ax.plot([x1, x2], [y1, y2], color=CONFLICT, linestyle="--", linewidth=1.0, alpha=0.7, zorder=1.5,
                gid=f"conflict:{a}-{b}")


def _finish_world(ax: Any, result: SimulationResult, day: date, drawn: dict[ObligationKey, Obligation],
                  skipped: list[Obligation], kinds: dict[str, str], standing: dict[str, tuple[str, bool]],
                  places: dict[str, tuple[str, tuple[float, float]]], pos: dict[str, tuple[float, float]],
                  aspect: float, resize: bool = False) -> None:
    """Title, the two legends (where each party stands; the arrows), the frame and the degrees.

    The frame holds every point and the top of every arc (the data limits),
    with a margin; the axes take its shape, and a figure made here its size.
    """
    from matplotlib.ticker import FuncFormatter

    arrows = _arrow_handles(result, drawn, skipped)
    standing_legend = ax.legend(handles=_standing_handles(standing, kinds, places, pos), loc="upper left",
                                bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False,
                                title=_("where each party stands"), title_fontsize=8, alignment="left")
    ax.add_artist(standing_legend)
    standing_legend.set_clip_on(False)  # it lies outside the axes, which add_artist clips to
    ax.legend(handles=arrows, loc="upper center", bbox_to_anchor=(0.5, -0.07), ncols=2, fontsize=8,
              frameon=False, title=_("obligor → beneficiary, by treaty"), title_fontsize=8)
    heading = _("{day} · {perspective} reading · {count} obligation(s) drawn").format(
        day=day, perspective=tr(result.perspective), count=len(drawn))
    ax.set_title(f"{result.scenario}\n{heading}", fontsize=10)
    lim = ax.dataLim
    west, east, south, north = _not_flat(*_frame_of(lim.x0, lim.x1, lim.y0, lim.y1), aspect)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(aspect, adjustable="box")
    if resize:
        ax.figure.set_size_inches(_world_size((west, east, south, north), aspect, (len(arrows) + 1) // 2))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: longitude_label(v)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: latitude_label(v)))
    ax.tick_params(labelsize=7, colors="#666666")
    ax.grid(True, color="#dde6ee", linewidth=0.5)
    ax.set_axisbelow(True)
    ax.text(0.995, 0.005, _("borders of today: Natural Earth 1:110m (public domain)"), transform=ax.transAxes,
            ha="right", va="bottom", fontsize=6, color="#777777", zorder=7)


def longitude_label(v: float) -> str:
    """Degrees east or west, past the antimeridian too (a frame may run beyond 180°E).

    Examples:
        >>> longitude_label(30.0), longitude_label(-100.0), longitude_label(200.0), longitude_label(180.0)
        ('30°E', '100°W', '160°W', '180°')
    """
    w = (v + 180) % 360 - 180
    if abs(w) == 180 or w == 0:
        return f"{abs(w):g}°"
    return f"{abs(w):g}°{_('E') if w > 0 else _('W')}"


def latitude_label(v: float) -> str:
    """Degrees north or south.

    Examples:
        >>> latitude_label(12.5), latitude_label(-30.0), latitude_label(0.0)
        ('12.5°N', '30°S', '0°')
    """
    return f"{abs(v):g}°{_('N') if v > 0 else _('S') if v < 0 else ''}"


def _standing_handles(standing: dict[str, tuple[str, bool]], kinds: dict[str, str],
                      places: dict[str, tuple[str, tuple[float, float]]], pos: dict[str, tuple[float, float]]
                      ) -> list[Any]:
    """The categories present among the actors drawn, the place marker, the kinds of actor."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    present = {standing[a][0] for a in pos if a in standing}
    handles: list[Any] = [Patch(facecolor=CATEGORY_FILL[c], edgecolor="#555555", linewidth=0.5,
                                label=category_label(c)) for c in CATEGORY_FILL if c in present]
    if any(standing[a][1] for a in pos if a in standing):
        handles.append(Patch(facecolor="#ffffff", edgecolor="#555555", hatch="////", linewidth=0.5,
                             label=_("contested (hatched): another reading\ngives another status")))
    handles.append(Patch(facecolor=LAND, edgecolor="#bbbbbb", linewidth=0.5, label=_("not in this run")))
    if places:
        handles.append(Line2D([], [], linestyle="", marker="*", markersize=11, markerfacecolor="#ffd92f",
                              markeredgecolor="#222222", label=_("where the event took place")))
    for kind, (marker, _size) in NODE_STYLE.items():
        if kind in kinds.values():
            handles.append(Line2D([], [], linestyle="", marker=marker, markersize=6, markerfacecolor="#ffffff",
                                  markeredgecolor="#222222", label=_(kind.replace("_", " "))))
    return handles


def _arrow_handles(result: SimulationResult, drawn: dict[ObligationKey, Obligation], skipped: list[Obligation]
                   ) -> list[Any]:
    from matplotlib.lines import Line2D

    colours = treaty_colours({o.treaty for o in drawn.values()})
    handles = [Line2D([], [], color=colours[t], linewidth=2, label=label)
               for t, label in _treaty_labels(drawn.values()).items()]
    handles.append(Line2D([], [], color="#222222", linewidth=2.2, linestyle=":", label=_("event: actor → target")))
    handles.append(Line2D([], [], color="#b0b0b0", linewidth=1, label=_("membership (on this date)")))
    statuses = {o.status for o in drawn.values()}
    if "in_breach" in statuses:
        handles.append(Line2D([], [], color="#555555", linewidth=2.4, linestyle="--", label=_("in breach: actor → victim")))
    if "may_act" in statuses:
        handles.append(Line2D([], [], color="#555555", linewidth=1.2, linestyle="-.", label=_("may act (a permission)")))
    if "must_consult" in statuses:
        handles.append(Line2D([], [], color="#555555", linewidth=1.4, linestyle=(0, (1, 1.5)),
                              label=_("must consult (dotted); bound to act (solid)")))
    far = _far_permissions(result, drawn)
    if far:
        handles.append(Line2D([], [], linestyle="", label=far))
    if result.conflicts:
        handles.append(Line2D([], [], color=CONFLICT, linestyle="--", marker="o", markerfacecolor="none",
                              label=_("conflict of duties (must assist, must refrain)")))
    handles += [Line2D([], [], linestyle="", label=_("not drawn (no beneficiary): {obligor} {duty}, {treaty} {reference}")
                       .format(obligor=o.obligor, duty=_duty(o.duty), treaty=tr(o.ref.treaty_name),
                               reference=_reference(o)))
                for o in skipped]
    return handles


def _draw_labels(ax: Any, pos: dict[str, tuple[float, float]], kinds: dict[str, str],
                 standing: dict[str, tuple[str, bool]], places: dict[str, tuple[str, tuple[float, float]]],
                 result: SimulationResult) -> None:
    """Every actor's id and every place's name, beside its point, no two overlapping.

    The layout is fixed first (so pixel sizes are final), then each label takes
    the first free spot near its point (:func:`sahel_sim.report.labels.place_labels`):
    the event's parties first, then by category, then by id.  A label pushed
    away from its point gets a thin line back to it.
    """
    from sahel_sim.report.labels import Box, place_labels

    order = list(CATEGORY_FILL)
    entries = [(i, i, pos[i], kinds[i]) for i in pos] + [(p, name, xy, "place") for p, (name, xy) in places.items()]
    entries.sort(key=lambda e: (e[3] != "place", order.index(standing[e[0]][0]) if e[0] in standing else len(order),
                                e[0]))
    ax.figure.draw_without_rendering()
    texts = [ax.text(*xy, text, ha="center", va="center", fontsize=6.5 if kind == "place" else 7,
                     fontstyle="italic" if kind == "place" else "normal",
                     fontweight="normal" if kind == "place" else "bold", zorder=6, gid=f"label:{key}",
                     bbox={"boxstyle": "round,pad=0.12", "facecolor": "#ffffff", "edgecolor": "none", "alpha": 0.85})
             for key, text, xy, kind in entries]
    pad = 0.12 * 7 * ax.figure.dpi / 72 + 1
    extents = [t.get_window_extent() for t in texts]
    sizes = [(e.width + 2 * pad, e.height + 2 * pad) for e in extents]
    anchors = [tuple(ax.transData.transform(xy)) for _, _, xy, _ in entries]
    frame = ax.get_window_extent()
    centres = place_labels(sizes, anchors, bounds=Box(frame.x0, frame.y0, frame.x1, frame.y1), dot=5.0, gap=1.5)
    back = ax.transData.inverted()
    for t, (w, h), anchor, centre, (key, _, xy, _) in zip(texts, sizes, anchors, centres, entries):
        t.set_position(tuple(back.transform(centre)))
        if abs(centre[0] - anchor[0]) > w / 2 + 9 or abs(centre[1] - anchor[1]) > h / 2 + 9:
            edge = (min(max(anchor[0], centre[0] - w / 2), centre[0] + w / 2),
                    min(max(anchor[1], centre[1] - h / 2), centre[1] + h / 2))
            (x1, y1), (x2, y2) = xy, tuple(back.transform(edge))
            ax.plot([x1, x2], [y1, y2], color="#555555", linewidth=0.5, zorder=5.5, gid=f"leader:{key}")


def _far_permissions(result: SimulationResult, drawn: dict[ObligationKey, Obligation]) -> str:
    """``also may act, not drawn: 190 parties (UN Charter Art. 51)`` for permissions of actors off the map."""
    shown = {obligation_key(o) for o in drawn.values()}
    far: dict[str, set[str]] = {}
    for p in result.permissions:
        if obligation_key(p) not in shown:
            far.setdefault(f"{tr(p.ref.treaty_name)} {_reference(p)}", set()).add(p.obligor)
    return "; ".join(_("also may act, not drawn: {count} parties ({reference})").format(count=len(who), reference=ref)
                     for ref, who in sorted(far.items()))


def _treaty_labels(obligations: Iterable[Obligation]) -> dict[str, str]:
    """``Liptako-Gourma Charter: Art. 6 assist`` per treaty, sorted by treaty id."""
    found: dict[str, dict[str, None]] = {}
    names: dict[str, str] = {}
    for o in sorted(obligations, key=lambda o: (o.treaty, o.article or "", o.duty)):
        names[o.treaty] = tr(o.ref.treaty_name)
        found.setdefault(o.treaty, {})[f"{_reference(o)} {_duty(o.duty)}".strip()] = None
    return {t: f"{names[t]}: {'; '.join(parts)}" for t, parts in sorted(found.items())}


#: A duty in a legend, as a verb (the catalog has each).
_DUTY_WORDS = {"refrain": "refrain from force", "manage_crisis": "manage the crisis",
               "counter_rebellion": "counter the rebellion", "neutrality": "observe neutrality",
               "benevolent_neutrality": "give no help to the attackers"}


def _duty(duty: str) -> str:
    """``assist``, ``refrain from force``, ``manage the crisis``: a duty's words, in the language in use."""
    return _(_DUTY_WORDS.get(duty, duty.replace("_", " ")))


# -- the cascade ----------------------------------------------------------------------------------

def draw_cascade(result: SimulationResult, *, ax: Any = None) -> Any:
    """The cascade as a tree: one column per round, each response linked to the event that caused it.

    The line into a response is coloured by the treaty whose duty produced it.

    Raises:
        SahelSimError: the result was simulated without a cascade.
    """
    cascade = result.cascade
    if cascade is None:
        from sahel_sim.errors import SahelSimError

        raise SahelSimError("this result has no cascade: simulate(scenario, cascade=3) runs three rounds")
    plt = pyplot()
    if ax is None:
        most = max(len(r.results) for r in cascade.rounds)
        _fig, ax = plt.subplots(figsize=(3.2 * len(cascade.rounds) + 3.5, max(3.0, 0.6 * most + 1.5)),
                             layout="constrained")
    ys = _tree_rows(cascade)
    colours = treaty_colours({resp.cause.treaty for rnd in cascade.rounds for resp in rnd.responses})
    for rnd in cascade.rounds:
        for resp in rnd.responses:
            parent = ys.get(resp.cause.event)
            if parent is not None:
                ax.plot([parent[0], rnd.number], [parent[1], ys[resp.event.id][1]], color=colours[resp.cause.treaty],
                        linewidth=1.6, zorder=1, gid=f"cause:{resp.cause.event}->{resp.event.id}")
    for rnd in cascade.rounds:
        for r in rnd.results:
            x, y = ys[r.event.id]
            ev = r.event
            text = f"{', '.join(ev.actors)} → {ev.target}"
            text = f"{ev.id}\n{text}" if rnd.number == 0 else text
            count = _("{count} obligation(s)").format(count=len(r.obligations))
            ax.text(x, y, f"{text}\n{count}", ha="center", va="center", fontsize=7,
                    zorder=3, bbox={"boxstyle": "round", "facecolor": "#f7f7f7", "edgecolor": "#555555"},
                    gid=f"cascade-event:{ev.id}")
    _finish_cascade(ax, result, cascade, colours)
    return ax


def _tree_rows(cascade: Any) -> dict[str, tuple[float, float]]:
    """(round, row) per event id: responses ordered by their parent's row, each column centred."""
    ys: dict[str, tuple[float, float]] = {}
    most = max(len(r.results) for r in cascade.rounds)
    for rnd in cascade.rounds:
        parent = {resp.event.id: resp.cause.event for resp in rnd.responses}
        order = sorted(rnd.results, key=lambda r: (-ys.get(parent.get(r.event.id, ""), (0, 0))[1], r.event.id))
        top = (most - 1) / 2 + (len(order) - 1) / 2
        for i, r in enumerate(order):
            ys[r.event.id] = (float(rnd.number), top - i - (most - 1) / 2)
    return ys


def _finish_cascade(ax: Any, result: SimulationResult, cascade: Any, colours: dict[str, str]) -> None:
    from matplotlib.lines import Line2D

    causes = {resp.cause.treaty: resp.cause for rnd in cascade.rounds for resp in rnd.responses}
    handles = [Line2D([], [], color=colours[t], linewidth=2,
                      label=_("duty under {treaty} {reference}").format(treaty=tr(o.ref.treaty_name),
                                                                        reference=_reference(o)))
               for t, o in sorted(causes.items())]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False,
                  title=_("response caused by"), title_fontsize=8)
    n = len(cascade.rounds)
    ax.set_xticks(range(n), [_("events") if i == 0 else _("round {number}").format(number=i) for i in range(n)])
    ax.set_xlim(-0.6, n - 0.4)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ending = _("fixpoint reached") if cascade.fixpoint else _("stopped at the round limit")
    rounds = _("{count} round(s) of responses, {ending}").format(count=n - 1, ending=ending)
    ax.set_title(_("Cascade: {scenario}").format(scenario=result.scenario) + f"\n{rounds}", fontsize=10)


# -- the timeline ---------------------------------------------------------------------------------

def draw_timeline(timeline: Any, *, ax: Any = None) -> Any:
    """One horizontal bar per finding, from the day it switched on to the day it switched off.

    The one timeline drawer: notebooks call it, and ``sahel-sim timeline
    --out t.svg`` (or ``.png``, ``.pdf``) and the web page save what it draws.
    Bars take their treaty's colour, as in the world picture, and their
    status's style: filled for a duty to act, pale with a dotted edge for
    *must consult*, an empty dash-dot box for *may act*, hatched for *in
    breach*.  Dashed lines mark the days the world changed (a membership, a
    treaty); their dates sit above the axes, on as many rows as it takes for
    none to overlap another.  ``timeline`` comes from
    :func:`~sahel_sim.analysis.timeline.build_timeline`.
    """
    plt = pyplot()
    import matplotlib.dates as mdates

    bars = timeline.bars()  # the obligations alike but for their obligor, on and off together: one bar
    spans = [(o, since, until) for _, o, since, until in bars]
    if ax is None:
        changes = sum(1 + len(_changes_label(st).splitlines()) for st in timeline.steps if st.changes)
        _fig, ax = plt.subplots(figsize=(13, 0.38 * max(len(spans), 1) + 2.2 + 0.09 * changes), layout="constrained")
    colours = treaty_colours({o.treaty for o, _, _ in spans})
    start, end = mdates.date2num(timeline.start), mdates.date2num(timeline.end)
    for i, (obligors, o, since, until) in enumerate(bars):
        left = mdates.date2num(since)
        right = mdates.date2num(until) if until else end
        ax.barh(i, max(right - left, 1), left=left, height=0.6, **_bar_style(o.status, colours[o.treaty]),
                gid=f"span:{o.event}:{'+'.join(obligors)}->{o.beneficiary or ''}:{o.treaty}:{o.article or ''}")
    several = len({o.event for o, _, _ in spans}) > 1  # then each bar names its event: two may otherwise read alike
    ax.set_yticks(range(len(bars)), [_span_label(o, several, obligors) for obligors, o, _, _ in bars], fontsize=8)
    ax.invert_yaxis()
    _finish_timeline(ax, timeline, spans, colours, start, end)
    _date_marks(ax, [step.date for step in timeline.steps if step.changes])
    return ax


def _bar_style(status: str, colour: str) -> dict[str, Any]:
    """A bar's look for its status, in its treaty's colour."""
    if status == "in_breach":
        return {"facecolor": colour, "hatch": "////", "edgecolor": "#222222", "linewidth": 0.6}
    if status == "must_consult":
        return {"facecolor": colour, "alpha": 0.45, "edgecolor": colour, "linestyle": ":", "linewidth": 1.2}
    if status == "may_act":
        return {"facecolor": "none", "edgecolor": colour, "linestyle": "-.", "linewidth": 1.4}
    return {"color": colour}


def _date_marks(ax: Any, days: list[date]) -> None:
    """A dashed line on each day the world changed, its date above the axes, no two dates overlapping.

    The axes' layout is fixed first, so the dates' widths are known: each
    date takes the lowest row where it clears every date already placed.
    """
    import matplotlib.dates as mdates

    for day in days:
        ax.axvline(mdates.date2num(day), color="#999999", linestyle="--", linewidth=0.8, zorder=0)
    ax.figure.draw_without_rendering()
    rows: list[list[tuple[float, float]]] = []
    for day in sorted(days):
        x = mdates.date2num(day)
        mark = ax.annotate(str(day), (x, 1.0), xycoords=("data", "axes fraction"), xytext=(0, 3),
                           textcoords="offset points", fontsize=7, ha="center", va="bottom", gid=f"date:{day}")
        extent = mark.get_window_extent()
        span = (extent.x0 - 3, extent.x1 + 3)
        row = next((i for i, taken in enumerate(rows) if all(span[1] <= a or b <= span[0] for a, b in taken)),
                   len(rows))
        if row == len(rows):
            rows.append([])
        rows[row].append(span)
        mark.set_position((0, 3 + 9 * row))
    ax.set_title(ax.get_title(), fontsize=10, pad=16 + 9 * max(len(rows) - 1, 0))


#: The most obligors a bar's label names; the rest are counted (the bar's id names them all).
BAR_NAMES = 6


def _span_label(o: Obligation, named: bool = False, obligors: tuple[str, ...] = ()) -> str:
    """``BFA, MLI → NER: assist, bound (Liptako-Gourma Charter Art. 6)``, then ``for EVENT`` when ``named``;
    ``obligors``: those of the bar (``o``'s alone when not given), past :data:`BAR_NAMES` the rest counted."""
    from sahel_sim.clauses.status import label

    name, ref = tr(o.ref.treaty_name), _reference(o)
    clause = name if ref and name.endswith(ref) else f"{name} {ref}".strip()  # "TEU Art. 42(7)", not twice
    who = obligors or (o.obligor,)
    names = ", ".join(who) if len(who) <= BAR_NAMES else _("{first} and {count} more").format(
        first=", ".join(who[:BAR_NAMES - 1]), count=len(who) - BAR_NAMES + 1)
    line = f"{names} → {o.beneficiary or '—'}: {_(o.duty.replace('_', ' '))}, {_(label(o.status))} ({clause})"
    return _("{line} for {event}").format(line=line, event=o.event) if named else line


def _reference(o: Obligation) -> str:
    """``Art. 17 (with Art. 4)``, ``Art. 6``, or nothing for a treaty-level finding."""
    return o.ref.cited or ""


def _changes_label(step: Any) -> str:
    """``2025-01-29: BFA ceases to be a member of ECOWAS …``, wrapped for the legend."""
    import textwrap

    more = _("; and {count} more").format(count=len(step.changes) - 3) if len(step.changes) > 3 else ""
    shown = "; ".join(tr(change) for change in step.changes[:3]) + more
    return textwrap.fill(f"{step.date}: {shown}", width=70, subsequent_indent="  ")


def _finish_timeline(ax: Any, timeline: Any, spans: list[Any], colours: dict[str, str], start: float,
                     end: float) -> None:
    import matplotlib.dates as mdates
    from matplotlib.patches import Patch

    from sahel_sim.clauses.status import label

    names = {o.treaty: tr(o.ref.treaty_name) for o, _, _ in spans}
    handles = [Patch(color=colours[t], label=names[t]) for t in sorted(names)]
    present = {o.status for o, _, _ in spans}
    handles += [Patch(**_bar_style(st, "#777777"), label=_(label(st)))
                for st in ("in_breach", "must_consult", "may_act") if st in present]
    handles += [Patch(color="none", label=_changes_label(step)) for step in timeline.steps if step.changes]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.08), ncols=2, fontsize=8, frameon=False,
              title=_("treaty (status by style); the world changes on the dashed lines"), title_fontsize=8,
              alignment="left")
    if not spans:
        ax.text(0.5, 0.5, _("no obligation in this period"), transform=ax.transAxes, ha="center")
    ax.set_xlim(start, end + max((end - start) * 0.02, 1))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    # month names are the C library's English ones: another language reads the months as numbers
    numeric = {} if current() == "en" else {"formats": ["%Y", "%m", "%d", "%H:%M", "%H:%M", "%S.%f"],
                                             "offset_formats": ["", "%Y", "%m/%Y", "%d/%m/%Y", "%d/%m/%Y", "%d/%m/%Y"]}
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator(), **numeric))
    span = _("obligations from {start} to {end} ({perspective} reading)").format(
        start=timeline.start, end=timeline.end, perspective=tr(timeline.perspective))
    ax.set_title(f"{timeline.scenario}: {span}", fontsize=10, pad=16)
