"""Short labels shared by every format: the event heading, actor lists.

Kept apart so that the Rich, Markdown and CSV reports say the same thing
the same way.
"""

from __future__ import annotations

from typing import Iterable

from sahel_sim.engine.findings import EventResult

__all__ = ["event_heading", "joined"]


def joined(items: Iterable[str], sep: str = ", ") -> str:
    """Items joined, or a dash when there are none."""
    text = sep.join(items)
    return text or "—"


def event_heading(event: EventResult) -> str:
    """``id · date · kind · actors → target at location · perspective · categories``."""
    e = event.event
    ch = event.characterisation
    return (f"{e.id} · {e.date.isoformat()} · {e.kind.value} · {joined(e.actors)} → {e.target} at {e.place}"
            f" · perspective {ch.perspective} · categories: {joined(sorted(ch.categories))}")
