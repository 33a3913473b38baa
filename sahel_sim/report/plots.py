"""Pictures with matplotlib: the world on a date with its obligations, a cascade tree, a timeline.

A table says who is bound; a picture shows at a glance which blocs the
duties run between.  Actors are placed by rough geography (their lon/lat),
so West Africa looks like West Africa; organisations sit at the centre of
their members and armed groups at their bases.  Obligations are arrows from
obligor to beneficiary, one colour per treaty, so that the Charter's Art. 6
duties and the ECOWAS duties owed to the same state stand apart.

matplotlib is an optional extra (``sahel-sim[plot]``): it is imported
inside :func:`pyplot`, on the Agg backend when there is no display, and a
missing install raises a :class:`~sahel_sim.errors.SahelSimError` that says
how to get it.  Every arrow and highlight carries a ``gid``
(``obligation:MLI->NER:liptako-gourma-charter:6``), which tests use to count
them and which survives into SVG output.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import Any, Iterable

from sahel_sim.engine.findings import Obligation, SimulationResult

__all__ = ["arc_apex", "draw_cascade", "draw_timeline", "draw_world", "obligation_key", "pyplot", "treaty_colours"]

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
NODE_STYLE = {"state": ("o", "#ffffff"), "organisation": ("s", "#fff3c4"), "armed_group": ("D", "#e0e0e0")}
NODE_SIZE = 650
MIN_GAP = 2.0  # degrees between node centres after spreading

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
    """The actors of a run on a map-like layout, with obligations as arrows obligor → beneficiary.

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
        The Axes.  Arrows have gids ``obligation:…``, conflict marks ``conflict:…``.
    """
    plt = pyplot()
    result, world = _result_and_world(subject, date, scenario, perspective)
    day = date or min(e.event.date for e in result.events)
    pos, kinds = _layout(result, world, day)
    if ax is None:
        _, ax = plt.subplots(figsize=_world_size(pos), layout="constrained")
    _draw_memberships(ax, world, pos, kinds, day)
    _draw_nodes(ax, pos, kinds)
    _draw_events(ax, result, pos)
    shown = [o for o in result.obligations + result.breaches + result.permissions if responses or o.round == 0]
    drawn, skipped = _draw_obligations(ax, shown, pos)
    _draw_conflicts(ax, result, pos)
    _finish_world(ax, result, day, drawn, skipped, kinds)
    return ax


def _result_and_world(subject: Any, day: date | None, scenario: Any, perspective: str | None) -> tuple[Any, Any]:
    if isinstance(subject, SimulationResult):
        if scenario is not None:
            return subject, scenario.world
        from sahel_sim.library import library_world

        return subject, library_world()
    from sahel_sim.api import simulate

    return simulate(subject, perspective=perspective, as_of=day), subject.world


def _involved(result: SimulationResult) -> set[str]:
    """Every actor the run names: obligors, beneficiaries, the events' parties, conflicts."""
    ids = {x for o in result.obligations + result.breaches for x in (o.obligor, o.beneficiary) if x}
    for e in result.events:
        ev = e.event
        ids |= {*ev.actors, ev.target, *ev.external_support, *([ev.mandate] if ev.mandate else [])}
    ids |= {x for c in result.conflicts for x in (c.actor, c.second.beneficiary) if x}
    return ids


def _layout(result: SimulationResult, world: Any, day: date) -> tuple[dict[str, tuple[float, float]], dict[str, str]]:
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
        pos[s] = _place(s, actors, world, day, pos, result)
    return _spread(pos), kinds


def _place(s: str, actors: dict[str, Any], world: Any, day: date, pos: dict[str, tuple[float, float]],
           result: SimulationResult) -> tuple[float, float]:
    """A state at its lon/lat; an organisation at its members' centre; a group at its bases or its point."""
    a = actors.get(s)
    if a is not None and a.kind.value == "organisation":
        members = [pos[m.member] for m in world.memberships if m.of == s and m.active_on(day) and m.member in pos]
        if members:
            return _centre(members)
    if a is not None and a.lon is not None and a.lat is not None:
        return (a.lon, a.lat)
    bases = [pos[b] for b in (a.based_in if a else ()) if b in pos]
    if not bases:  # an actor of the scenario's own with no point: beside the event it takes part in
        bases = [pos[e.event.target] for e in result.events if s in e.event.actors and e.event.target in pos]
    x, y = _centre(bases) if bases else (0.0, 15.0)
    return (x + 1.5, y + 1.5)


def _world_size(pos: dict[str, tuple[float, float]]) -> tuple[float, float]:
    """A figure shaped like the actors' spread in longitude and latitude, plus room for the legend below."""
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    width, height = max(max(xs) - min(xs), 10.0), max(max(ys) - min(ys), 8.0)
    scale = min(12.0 / width, 8.0 / height)
    return (width * scale + 1.0, height * scale + 2.6)


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def _spread(pos: dict[str, tuple[float, float]], rounds: int = 60) -> dict[str, tuple[float, float]]:
    """Push apart nodes closer than :data:`MIN_GAP`, a little at a time, so labels stay readable."""
    p = {k: list(v) for k, v in pos.items()}
    keys = sorted(p)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                dx, dy = p[b][0] - p[a][0], p[b][1] - p[a][1]
                dist = (dx * dx + dy * dy) ** 0.5
                if dist >= MIN_GAP:
                    continue
                if dist < 1e-6:
                    dx, dy, dist = 1.0, 0.3, 1.04
                push = (MIN_GAP - dist) / 2 / dist
                p[a][0] -= dx * push
                p[a][1] -= dy * push
                p[b][0] += dx * push
                p[b][1] += dy * push
                moved = True
        if not moved:
            break
    return {k: (v[0], v[1]) for k, v in p.items()}


def _draw_memberships(ax: Any, world: Any, pos: dict[str, tuple[float, float]], kinds: dict[str, str],
                      day: date) -> None:
    """Light grey lines from each member to its organisation, as of ``day``."""
    for m in world.memberships:
        if m.of in pos and m.member in pos and kinds.get(m.of) == "organisation" and m.active_on(day):
            (x1, y1), (x2, y2) = pos[m.member], pos[m.of]
            ax.plot([x1, x2], [y1, y2], color="#c8c8c8", linewidth=0.8, zorder=1, gid=f"membership:{m.member}:{m.of}")


def _draw_nodes(ax: Any, pos: dict[str, tuple[float, float]], kinds: dict[str, str]) -> None:
    for kind, (marker, fill) in NODE_STYLE.items():
        ids = sorted(k for k in pos if kinds[k] == kind)
        if ids:
            ax.scatter([pos[i][0] for i in ids], [pos[i][1] for i in ids], s=NODE_SIZE, marker=marker, c=fill,
                       edgecolors="#333333", linewidths=1.0, zorder=3)
    for k, (x, y) in pos.items():
        ax.annotate(k, (x, y), ha="center", va="center", fontsize=7 if len(k) <= 4 else 5.5, fontweight="bold",
                    zorder=4)


def _arrow(ax: Any, start: tuple[float, float], end: tuple[float, float], *, colour: str, rad: float,
           gid: str, width: float = 1.6, style: str = "-|>", linestyle: str = "-") -> None:
    from matplotlib.patches import FancyArrowPatch

    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=14, color=colour, linewidth=width,
                                 linestyle=linestyle, connectionstyle=f"arc3,rad={rad}", shrinkA=13, shrinkB=13,
                                 zorder=2, gid=gid))
    if rad:  # patches do not count for autoscaling: keep the top of the arc in the frame
        ax.update_datalim([arc_apex(start, end, rad)])


def arc_apex(start: tuple[float, float], end: tuple[float, float], rad: float) -> tuple[float, float]:
    """The point halfway along an ``arc3`` arrow, where it bends furthest from the straight line.

    matplotlib puts the control point of the quadratic curve at
    ``midpoint + rad * (dy, -dx)``; the curve's middle is halfway between
    that point and the midpoint.

    Examples:
        >>> arc_apex((0.0, 0.0), (10.0, 0.0), 0.2)
        (5.0, -1.0)
    """
    (x1, y1), (x2, y2) = start, end
    return ((x1 + x2) / 2 + rad * (y2 - y1) / 2, (y1 + y2) / 2 - rad * (x2 - x1) / 2)


def _draw_events(ax: Any, result: SimulationResult, pos: dict[str, tuple[float, float]]) -> None:
    """The scenario's own events (not cascade responses): each actor → the target, thick and dotted."""
    for e in result.events:
        ev = e.event
        if ev.response_to or ev.target not in pos:
            continue
        for a in ev.actors:
            if a in pos:
                _arrow(ax, pos[a], pos[ev.target], colour="#222222", rad=0.0, gid=f"event:{ev.id}:{a}->{ev.target}",
                       width=2.6, style="-|>", linestyle=":")


def _draw_obligations(ax: Any, obligations: Iterable[Obligation], pos: dict[str, tuple[float, float]]
                      ) -> tuple[dict[ObligationKey, Obligation], list[Obligation]]:
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
        kind, linestyle, width = _STATUS_STYLE.get(o.status, ("obligation", "-", 1.6))
        _arrow(ax, pos[o.obligor], pos[o.beneficiary or ""], colour=colours[o.treaty], rad=0.18 + 0.14 * n,
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
        ax.scatter([pos[a][0] for a in actors], [pos[a][1] for a in actors], s=NODE_SIZE * 2.2, marker="o",
                   facecolors="none", edgecolors=CONFLICT, linewidths=2.5, zorder=5, gid="conflict:actors")
    pairs = sorted({(c.actor, c.second.beneficiary) for c in result.conflicts
                    if c.actor in pos and c.second.beneficiary in pos})
    for a, b in pairs:
        (x1, y1), (x2, y2) = pos[a], pos[b or ""]
        ax.plot([x1, x2], [y1, y2], color=CONFLICT, linestyle="--", linewidth=1.0, alpha=0.7, zorder=1.5,
                gid=f"conflict:{a}-{b}")


def _finish_world(ax: Any, result: SimulationResult, day: date, drawn: dict[ObligationKey, Obligation],
                  skipped: list[Obligation], kinds: dict[str, str]) -> None:
    """Title, legend (treaties, events, memberships, conflicts, kinds of actor) and axes."""
    from matplotlib.lines import Line2D

    colours = treaty_colours({o.treaty for o in drawn.values()})
    handles = [Line2D([], [], color=colours[t], linewidth=2, label=label)
               for t, label in _treaty_labels(drawn.values()).items()]
    handles.append(Line2D([], [], color="#222222", linewidth=2.6, linestyle=":", label="event: actor → target"))
    handles.append(Line2D([], [], color="#c8c8c8", linewidth=1, label="membership (on this date)"))
    statuses = {o.status for o in drawn.values()}
    if "in_breach" in statuses:
        handles.append(Line2D([], [], color="#555555", linewidth=2.4, linestyle="--", label="in breach: actor → victim"))
    if "may_act" in statuses:
        handles.append(Line2D([], [], color="#555555", linewidth=1.2, linestyle="-.", label="may act (a permission)"))
    if any(o.status == "must_consult" for o in drawn.values()):
        handles.append(Line2D([], [], color="#555555", linewidth=1.4, linestyle=(0, (1, 1.5)),
                              label="must consult (dotted); bound to act (solid)"))
    far = _far_permissions(result, drawn)
    if far:
        handles.append(Line2D([], [], linestyle="", label=far))
    if result.conflicts:
        handles.append(Line2D([], [], color=CONFLICT, linestyle="--", marker="o", markerfacecolor="none",
                              label="conflict of duties (must assist, must refrain)"))
    for kind, (marker, fill) in NODE_STYLE.items():
        if kind not in kinds.values():
            continue
        handles.append(Line2D([], [], linestyle="", marker=marker, markerfacecolor=fill, markeredgecolor="#333333",
                              markersize=9, label=kind.replace("_", " ")))
    handles += [Line2D([], [], linestyle="", label=f"not drawn (no beneficiary): {o.obligor} {o.duty}, "
                                                    f"{o.ref.treaty_name} {_reference(o)}")
                for o in skipped]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2, fontsize=8,
              frameon=False, title="obligor → beneficiary, by treaty", title_fontsize=8)
    ax.set_title(f"{result.scenario}\n{day} · {result.perspective} reading · {len(drawn)} obligation(s) drawn",
                 fontsize=10)
    ax.set_xlabel("longitude (rough)")
    ax.set_ylabel("latitude (rough)")
    ax.set_aspect("equal", adjustable="datalim")
    ax.autoscale_view()
    ax.margins(0.08)
    ax.grid(True, color="#eeeeee", linewidth=0.6)


def _far_permissions(result: SimulationResult, drawn: dict[ObligationKey, Obligation]) -> str:
    """``also may act, not drawn: 190 parties (UN Charter Art. 51)`` for permissions of actors off the map."""
    shown = {obligation_key(o) for o in drawn.values()}
    far: dict[str, set[str]] = {}
    for p in result.permissions:
        if obligation_key(p) not in shown:
            far.setdefault(f"{p.ref.treaty_name} {_reference(p)}", set()).add(p.obligor)
    return "; ".join(f"also may act, not drawn: {len(who)} parties ({ref})" for ref, who in sorted(far.items()))


def _treaty_labels(obligations: Iterable[Obligation]) -> dict[str, str]:
    """``Liptako-Gourma Charter: Art. 6 assist`` per treaty, sorted by treaty id."""
    found: dict[str, dict[str, None]] = {}
    names: dict[str, str] = {}
    for o in sorted(obligations, key=lambda o: (o.treaty, o.article or "", o.duty)):
        names[o.treaty] = o.ref.treaty_name
        found.setdefault(o.treaty, {})[f"{_reference(o)} {o.duty}".strip()] = None
    return {t: f"{names[t]}: {'; '.join(parts)}" for t, parts in sorted(found.items())}


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
        _, ax = plt.subplots(figsize=(3.2 * len(cascade.rounds) + 3.5, max(3.0, 0.6 * most + 1.5)),
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
            ax.text(x, y, f"{text}\n{len(r.obligations)} obligation(s)", ha="center", va="center", fontsize=7,
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
                      label=f"duty under {o.ref.treaty_name} {_reference(o)}")
               for t, o in sorted(causes.items())]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False,
                  title="response caused by", title_fontsize=8)
    n = len(cascade.rounds)
    ax.set_xticks(range(n), ["events" if i == 0 else f"round {i}" for i in range(n)])
    ax.set_xlim(-0.6, n - 0.4)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ending = "fixpoint reached" if cascade.fixpoint else "stopped at the round limit"
    ax.set_title(f"Cascade: {result.scenario}\n{n - 1} round(s) of responses, {ending}", fontsize=10)


# -- the timeline ---------------------------------------------------------------------------------

def draw_timeline(timeline: Any, *, ax: Any = None) -> Any:
    """One horizontal bar per obligation, from the day it switched on to the day it switched off.

    Dashed lines mark the days the world changed (a membership, a treaty).
    ``timeline`` comes from :func:`~sahel_sim.analysis.timeline.build_timeline`.
    """
    plt = pyplot()
    import matplotlib.dates as mdates

    spans = timeline.spans()
    if ax is None:
        _, ax = plt.subplots(figsize=(13, 0.38 * max(len(spans), 1) + 2.6), layout="constrained")
    colours = treaty_colours({o.treaty for o, _, _ in spans})
    start, end = mdates.date2num(timeline.start), mdates.date2num(timeline.end)
    for i, (o, since, until) in enumerate(spans):
        left = mdates.date2num(since)
        right = mdates.date2num(until) if until else end
        ax.barh(i, max(right - left, 1), left=left, height=0.6, color=colours[o.treaty],
                gid=f"span:{o.event}:{o.obligor}->{o.beneficiary or ''}:{o.treaty}:{o.article or ''}")
    ax.set_yticks(range(len(spans)), [_span_label(o) for o, _, _ in spans], fontsize=8)
    ax.invert_yaxis()
    for step in timeline.steps:
        if step.changes:
            x = mdates.date2num(step.date)
            ax.axvline(x, color="#999999", linestyle="--", linewidth=0.8, zorder=0)
            ax.text(x, 1.01, str(step.date), transform=ax.get_xaxis_transform(), fontsize=7, ha="center",
                    va="bottom")
    _finish_timeline(ax, timeline, spans, colours, start, end)
    return ax


def _span_label(o: Obligation) -> str:
    return f"{o.obligor} → {o.beneficiary or '—'}: {o.duty} ({o.ref.treaty_name} {_reference(o)})"


def _reference(o: Obligation) -> str:
    """``Art. 17 (with Art. 4)``, ``Art. 6``, or nothing for a treaty-level finding."""
    return o.ref.reference or (f"Art. {o.article}" if o.article else "")


def _changes_label(step: Any) -> str:
    """``2025-01-29: BFA ceases to be a member of ECOWAS …``, wrapped for the legend."""
    import textwrap

    shown = "; ".join(step.changes[:3]) + (f"; and {len(step.changes) - 3} more" if len(step.changes) > 3 else "")
    return textwrap.fill(f"{step.date}: {shown}", width=70, subsequent_indent="  ")


def _finish_timeline(ax: Any, timeline: Any, spans: list[Any], colours: dict[str, str], start: float,
                     end: float) -> None:
    import matplotlib.dates as mdates
    from matplotlib.patches import Patch

    names = {o.treaty: o.ref.treaty_name for o, _, _ in spans}
    handles = [Patch(color=colours[t], label=names[t]) for t in sorted(names)]
    handles += [Patch(color="none", label=_changes_label(step)) for step in timeline.steps if step.changes]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False,
              title="treaty; the world changes on the dashed lines", title_fontsize=8, alignment="left")
    if not spans:
        ax.text(0.5, 0.5, "no obligation in this period", transform=ax.transAxes, ha="center")
    ax.set_xlim(start, end + max((end - start) * 0.02, 1))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.set_title(f"{timeline.scenario}: obligations from {timeline.start} to {timeline.end} "
                 f"({timeline.perspective} reading)", fontsize=10, pad=16)
