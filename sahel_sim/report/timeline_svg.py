"""A timeline picture as SVG: one bar per obligation, from the day it switched on to the day it switched off.

Plain SVG written by hand, so the picture needs no plotting library; every
label is XML-escaped because it comes from data files.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from xml.sax.saxutils import escape

__all__ = ["render_svg"]

ROW, LEFT, WIDTH, TOP = 22, 420, 640, 60
PALETTE = ("#1b6ca8", "#c0392b", "#27ae60", "#8e44ad", "#d68910", "#16a085", "#7f8c8d")


def render_svg(timeline: Any) -> str:
    """The SVG document for a :class:`~sahel_sim.analysis.timeline.Timeline`."""
    spans = timeline.spans()
    start, end = timeline.start, timeline.end
    total = max((end - start).days, 1)
    colours = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(sorted({o.treaty for o, _, _ in spans}))}
    height = TOP + ROW * max(len(spans), 1) + 60

    def x(day: date) -> float:
        return LEFT + WIDTH * min(max((day - start).days, 0), total) / total

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{LEFT + WIDTH + 40}" height="{height}" '
             f'font-family="sans-serif" font-size="12">',
             f'<text x="10" y="20" font-size="15" font-weight="bold">{escape(timeline.scenario)}: obligations '
             f'from {start} to {end} ({escape(timeline.perspective)} reading)</text>']
    for step in timeline.steps:
        parts.append(f'<line x1="{x(step.date):.1f}" y1="{TOP - 12}" x2="{x(step.date):.1f}" y2="{height - 50}" '
                     f'stroke="#bbb" stroke-dasharray="3,3"/>')
        parts.append(f'<text x="{x(step.date):.1f}" y="{TOP - 16}" font-size="10" text-anchor="middle">'
                     f'{step.date}</text>')
    for i, (o, since, until) in enumerate(spans):
        y = TOP + i * ROW
        label = f"{o.obligor} {o.duty} {o.beneficiary or ''} · {o.ref.treaty_name} {o.ref.reference or ''}"
        parts.append(f'<text x="10" y="{y + 14}">{escape(label)}</text>')
        x0, x1 = x(since), x(until or end)
        parts.append(f'<rect x="{x0:.1f}" y="{y + 3}" width="{max(x1 - x0, 2):.1f}" height="{ROW - 8}" '
                     f'fill="{colours[o.treaty]}"><title>{escape(label)}: {since} to {until or "after " + str(end)}'
                     f'</title></rect>')
    for i, (treaty, colour) in enumerate(colours.items()):
        y = height - 40 + (i // 3) * 16
        xpos = 10 + (i % 3) * 330
        parts.append(f'<rect x="{xpos}" y="{y}" width="12" height="10" fill="{colour}"/>'
                     f'<text x="{xpos + 18}" y="{y + 10}">{escape(treaty)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
