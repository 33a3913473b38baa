"""Shared base for every value object: frozen, strict about unknown fields.

Frozen models make what-ifs safe (a change is a ``model_copy(update=…)``, never
a mutation), and ``extra="forbid"`` turns a misspelt field in a user's file
into an error instead of a silently ignored key.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

__all__ = ["Confidence", "Dated", "Frozen", "Number", "Sourced", "WholeNumber", "active_on"]


def _number(value: Any) -> Any:
    """A number as written: ``true`` is not 1.0, and the text ``"12"`` is not 12."""
    if isinstance(value, bool) or isinstance(value, str):
        raise PydanticCustomError("float_type", "Input should be a valid number")
    return value


def _whole(value: Any) -> Any:
    """A whole number as written: not ``true``, not text (a number too long to read stays text)."""
    if isinstance(value, bool) or isinstance(value, str):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


#: A number field that takes only numbers (Pydantic alone reads ``true`` as 1.0 and ``"1"`` as 1).
Number = Annotated[float, BeforeValidator(_number)]
#: A whole-number field that takes only whole numbers.
WholeNumber = Annotated[int, BeforeValidator(_whole)]


class Frozen(BaseModel):
    """Immutable Pydantic model that rejects unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class Confidence(str, Enum):
    """How sure the data is of a fact (the legend of reference/treaties.md)."""

    confirmed = "confirmed"
    secondary = "secondary"
    disputed = "disputed"
    recalled = "recalled"


class Sourced(Frozen):
    """A fact with its provenance: where it comes from and how sure it is."""

    source: str | None = None
    confidence: Confidence = Confidence.confirmed
    note: str | None = None


class Dated(Sourced):
    """A fact valid from ``since`` (inclusive) until ``until`` (exclusive)."""

    since: date
    until: date | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> "Dated":
        if self.until is not None and self.until <= self.since:
            raise ValueError(f"'until' ({self.until}) must be after 'since' ({self.since})")
        return self

    def active_on(self, day: date) -> bool:
        """True when the fact holds on ``day``."""
        return active_on(self.since, self.until, day)


def active_on(since: date, until: date | None, day: date) -> bool:
    """True when ``since <= day < until`` (an open end never expires).

    Examples:
        >>> active_on(date(2023, 9, 16), None, date(2023, 10, 1))
        True
        >>> active_on(date(1975, 5, 28), date(2025, 1, 29), date(2025, 1, 29))
        False
    """
    return since <= day and (until is None or day < until)
