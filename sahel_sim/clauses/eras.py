"""Eras of the treaty library, by date of signature.

Kept free of Pydantic so that the command line can offer the era names at
start-up without importing the data models.
"""

from __future__ import annotations

from datetime import date

__all__ = ["ERAS", "era_of"]

ERAS: tuple[tuple[str, date | None, str], ...] = (
    ("interwar", date(1945, 9, 2), "signed before the end of the Second World War (2 Sep 1945)"),
    ("cold-war", date(1991, 12, 26), "signed from 2 Sep 1945 until the dissolution of the USSR (26 Dec 1991)"),
    ("post-cold-war", None, "signed from 26 Dec 1991"),
)
"""Eras by date of signature: name, first day after the era (None: open), description."""


def era_of(day: date) -> str:
    """The era a treaty signed on ``day`` belongs to.

    Examples:
        >>> era_of(date(1939, 8, 25)), era_of(date(1955, 5, 14)), era_of(date(2024, 6, 19))
        ('interwar', 'cold-war', 'post-cold-war')
    """
    return next(name for name, end, _ in ERAS if end is None or day < end)
