"""Foreign forces present in a state: plain text and JSON views of :func:`sahel_sim.graph.presence.presence`."""

from __future__ import annotations

import textwrap
from datetime import date
from typing import Any, Sequence

from sahel_sim.graph.presence import Presence

__all__ = ["presence_dict", "presence_text"]

_WORDS = {"invited": "at the host's invitation", "basis_ended": "without the instruments it was present under",
          "unknown": "on a basis whose force is not known",
          "basis_not_yet": "before the instruments that frame its presence", "no_recorded_basis": "with no recorded instrument"}


def presence_text(host: str, day: date, found: Sequence[Presence], width: int = 80) -> str:
    """One paragraph per force, each reading that changes its status below it, wrapped to ``width``."""
    if not found:
        return f"No foreign troop presence in {host} is recorded on {day}.\n"
    out = [f"Foreign forces in {host} on {day} ({len(found)})"]
    for p in found:
        out += textwrap.wrap(p.sentence(), width, initial_indent="  ", subsequent_indent="    ")
        for line in p.lines():
            out += textwrap.wrap(line, width, initial_indent="    ", subsequent_indent="      ",
                                 break_on_hyphens=False)
        for alt, label, status, source in p.readings:
            text = f"contested: under '{alt}' ({label}): {_WORDS[status]}" + (f" (source: {source})" if source else "")
            out += textwrap.wrap(text, width, initial_indent="    ", subsequent_indent="      ", break_on_hyphens=False)
        note = p.relation.note
        if note:
            out += textwrap.wrap(f"note: {' '.join(note.split())}", width, initial_indent="    ",
                                 subsequent_indent="      ")
    return "\n".join(out) + "\n"


def presence_dict(host: str, day: date, found: Sequence[Presence]) -> dict[str, Any]:
    """JSON-ready form: the host, the day, and each force with its instruments and readings."""
    return {"host": host, "date": day.isoformat(), "forces": [{
        "sending": p.sending, "status": p.status, "sentence": p.sentence(),
        "since": p.relation.since.isoformat(), "until": p.relation.until.isoformat() if p.relation.until else None,
        "confidence": p.relation.confidence.value, "source": p.relation.source,
        "without_basis_since": p.without_basis_since.isoformat() if p.without_basis_since else None,
        "instruments": [{"id": a.id, "title": a.title, "kind": a.kind.value, "in_force": state,
                         "signed": a.signed.isoformat() if a.signed else None, "signed_precision": a.signed_precision,
                         "denunciation": a.denunciation.model_dump(mode="json", exclude={"contested"})
                         if a.denunciation else None,
                         "confidence": a.confidence.value, "source": a.source, "note": a.note}
                        for a, state in p.instruments],
        "others": [{"id": a.id, "title": a.title, "in_force": state} for a, state in p.others],
        "readings": [{"alternative": alt, "label": label, "status": status, "source": source}
                     for alt, label, status, source in p.readings]} for p in found]}
