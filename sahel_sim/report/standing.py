"""A finding's standing as plain cells: status, modality, confidence, the other readings, binding date, flags.

Markdown, HTML and the DataFrames show breaches, duties and permissions
with the same columns, so the cells are made here once: the status in the
one vocabulary (*in breach*, *bound*, *may act* …), the clause's modality,
the finding's confidence (the weakest fact it rests on), whether it is
contested and the status under each other reading with its source, the
day it binds from (a request or decision may come after the event), and
the parties' reservations and declarations shown beside it.
"""

from __future__ import annotations

from typing import Any

from sahel_sim.engine.findings import Obligation
from sahel_sim.report.status import status_label, status_of

__all__ = ["STANDING_COLUMNS", "other_readings", "reservation_flags", "standing_cells", "standing_texts"]

STANDING_COLUMNS = ("status", "modality", "confidence", "contested", "other_readings", "binding_from", "flags")


def other_readings(o: Any) -> str:
    """``not bound under 'charter-in-force-on-ratification' (maliactu.net)``, one per reading, ``; `` between.

    Examples:
        >>> from types import SimpleNamespace as F
        >>> other_readings(F(readings=(F(status="not_bound", alternative="alt", source="src"),)))
        "not bound under 'alt' (src)"
        >>> other_readings(F(readings=()))
        ''
    """
    return "; ".join(f"{status_label(r.status).lower()} under '{r.alternative}'" + (f" ({r.source})" if r.source else "")
                     for r in o.readings)


def reservation_flags(o: Obligation) -> str:
    """``USA: declaration (paraphrase): text [source]`` for each flag, ``; `` between."""
    return "; ".join(f"{f.party}: {f.kind} ({f.text_kind}): {' '.join(f.text.split())}"
                     + (f" [{f.source}]" if f.source else "") for f in o.flags)


def standing_cells(o: Obligation) -> dict[str, Any]:
    """The :data:`STANDING_COLUMNS` of one breach, duty or permission, as plain values.

    ``contested`` is a bool and ``binding_from`` a date, for the DataFrame;
    the text formats write them as words.
    """
    return {"status": status_label(status_of(o)).lower(), "modality": o.modality, "confidence": o.confidence,
            "contested": o.contested, "other_readings": other_readings(o), "binding_from": o.binds_from,
            "flags": reservation_flags(o)}


def standing_texts(o: Obligation) -> tuple[str, ...]:
    """:func:`standing_cells` as text, in :data:`STANDING_COLUMNS` order (``yes``/``no``, ISO date)."""
    cells = standing_cells(o)
    cells["contested"] = "yes" if cells["contested"] else "no"
    cells["binding_from"] = cells["binding_from"].isoformat()
    return tuple(str(cells[k]) for k in STANDING_COLUMNS)
