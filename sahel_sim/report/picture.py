"""A drawn picture as file bytes: the same bytes for the command line, the web server and notebooks' savefig.

Creation dates are left out of SVG and PDF files, and SVG ids are salted with a
fixed string instead of a random one, so the same scenario gives the same bytes
on every run.
"""

from __future__ import annotations

import io
from typing import Any

__all__ = ["figure_bytes", "scenario_picture", "timeline_picture"]


def figure_bytes(ax: Any, fmt: str) -> bytes:
    """Save the figure of ``ax`` as ``fmt`` (``png``, ``svg`` or ``pdf``) and close it."""
    from sahel_sim.report.plots import pyplot

    plt = pyplot()
    buf = io.BytesIO()
    try:
        # SVG text stays text (searchable, selectable, escaped by matplotlib), not outlines of glyphs
        with plt.rc_context({"svg.hashsalt": "sahel-sim", "svg.fonttype": "none"}):
            ax.figure.savefig(buf, format=fmt, dpi=150, bbox_inches="tight", metadata=_metadata(fmt))
    finally:
        plt.close(ax.figure)
    return buf.getvalue()


def scenario_picture(scenario: Any, result: Any, fmt: str, *, as_of: Any = None, cascade: int = 0) -> bytes:
    """The world picture of a run (the cascade tree when ``cascade`` rounds were run)."""
    from sahel_sim.report.plots import draw_cascade, draw_world

    ax = draw_cascade(result) if cascade else draw_world(result, as_of, scenario=scenario)
    return figure_bytes(ax, fmt)


def timeline_picture(timeline: Any, fmt: str) -> bytes:
    """The timeline picture (:func:`~sahel_sim.report.plots.draw_timeline`) as ``png``, ``svg`` or ``pdf``
    bytes: what ``sahel-sim timeline --out t.svg`` writes and the web page shows."""
    from sahel_sim.report.plots import draw_timeline

    return figure_bytes(draw_timeline(timeline), fmt)


def _metadata(fmt: str) -> dict[str, Any]:
    if fmt == "svg":
        return {"Date": None}
    if fmt == "pdf":
        return {"CreationDate": None}
    return {}
