"""Eras of the treaty library, by date of signature.

Kept free of Pydantic, and of ``datetime``, so that the command line can offer
the era names at start-up (``sahel-sim --help``) importing nothing but this
table: the eras' bounds are ISO dates as text, which compare in date order.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing and datetime are not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from datetime import date

__all__ = ["ERAS", "era_of"]

ERAS: tuple[tuple[str, str | None, str], ...] = (
    ("interwar", "1945-09-02", "signed before the end of the Second World War (2 Sep 1945)"),
    ("cold-war", "1991-12-26", "signed from 2 Sep 1945 until the dissolution of the USSR (26 Dec 1991)"),
    ("post-cold-war", None, "signed from 26 Dec 1991"),
)
"""Eras by date of signature: name, first day after the era as ``YYYY-MM-DD`` (None: open), description."""


def era_of(day: date) -> str:
    """The era a treaty signed on ``day`` belongs to.

    Examples:
        >>> from datetime import date
        >>> era_of(date(1939, 8, 25)), era_of(date(1955, 5, 14)), era_of(date(2024, 6, 19))
        ('interwar', 'cold-war', 'post-cold-war')
    """
    iso = day.isoformat()  # four-digit years (the data's dates run from 1600), so text order is date order
    return next(name for name, end, _ in ERAS if end is None or iso < end)
