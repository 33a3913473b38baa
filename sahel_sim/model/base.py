"""Shared base for every value object: frozen, strict about unknown fields.

Frozen models make what-ifs safe (a change is a ``model_copy(update=…)``, never
a mutation), and ``extra="forbid"`` turns a misspelt field in a user's file
into an error instead of a silently ignored key.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Any, TypeVar, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError, to_jsonable_python

__all__ = ["CONFIDENCE_RANK", "ID_PATTERN", "Alternative", "Confidence", "Dated", "Frozen", "Number", "Sourced", "WholeNumber",
           "active_on", "check_dated", "check_sourced", "validator_of", "weakest"]

#: An actor id: ISO 3166-1 alpha-3 for states, a short name for the rest (``ECOWAS``, ``ISSP``).
ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_.\-]{0,39}$"

M = TypeVar("M", bound=BaseModel)


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
    """Immutable Pydantic model that rejects unknown fields.

    Validators are built on first use (``defer_build``): a run that reads its
    data from the cache (:mod:`sahel_sim.scenario.plain`) never builds one.
    Validate through :func:`validator_of`, which builds the models a model is
    made of first, so that each is built once and reused.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False, defer_build=True)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The model classes named in a field's type (inside tuples, unions, Annotated …)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in get_args(annotation):
        out += _models_in(arg)
    return out


def validator_of(model: type[M]) -> type[M]:
    """``model``, with its validator built, and those of the models it is made of built before it.

    Building a model whose parts are not built yet generates their schemas
    inside its own, and again when each part is validated alone; building
    the parts first (depth first, each once) lets every later build reuse them.
    """
    if model.__pydantic_complete__:
        return model
    order: list[type[BaseModel]] = []
    seen: set[type[BaseModel]] = set()

    def visit(cls: type[BaseModel]) -> None:
        seen.add(cls)
        for field in cls.model_fields.values():
            for part in _models_in(field.annotation):
                if part not in seen:
                    visit(part)
        order.append(cls)

    visit(model)
    for cls in order:
        if not cls.__pydantic_complete__:
            cls.model_rebuild()
    return model


class Confidence(str, Enum):
    """How sure the data is of a fact (the legend of reference/treaties.md)."""

    confirmed = "confirmed"
    secondary = "secondary"
    disputed = "disputed"
    recalled = "recalled"

    @property
    def rank(self) -> int:
        """3 for confirmed down to 0 for recalled: a fact only recalled is the least sure.

        Examples:
            >>> Confidence.secondary.rank > Confidence.disputed.rank > Confidence.recalled.rank
            True
        """
        return CONFIDENCE_RANK[self]


#: Each confidence level's rank (3 confirmed … 0 recalled), keyed by the level or its value (the same key).
CONFIDENCE_RANK = {Confidence.confirmed: 3, Confidence.secondary: 2, Confidence.disputed: 1, Confidence.recalled: 0}


def weakest(levels: "Any") -> Confidence:
    """The weakest of some confidence levels (confirmed when there are none).

    Examples:
        >>> weakest(["confirmed", "secondary"]).value
        'secondary'
        >>> weakest([]).value
        'confirmed'
    """
    low, rank = None, 4
    for x in levels:  # a level or its value: a str enum's member and its value are the same key of CONFIDENCE_RANK
        r = CONFIDENCE_RANK.get(x)
        if r is None:
            r = CONFIDENCE_RANK[Confidence(x)]  # not a level: Confidence's own error
        if r < rank:
            low, rank = x, r
    return Confidence.confirmed if low is None else Confidence(low)


UNCONTESTABLE = frozenset({"id", "contested"})


class Alternative(Frozen):
    """A competing reading of one fact or rule, with its authority and what it changes.

    ``changes`` replaces fields of the fact that carries the alternative (a
    date, the parties, a condition, the strength, the means, the modality);
    ``perspective`` characterises events with another reading.  Either or
    both: a reading may change rules and facts, not only event categories.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]{0,59}$")
    label: str = Field(min_length=1)
    source: str | None = None
    note: str | None = None
    changes: dict[str, Any] = Field(default_factory=dict)
    perspective: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9_\-]{0,59}$")

    @field_validator("changes", mode="after")
    @classmethod
    def _changes_as_plain_data(cls, changes: dict[str, Any]) -> dict[str, Any]:
        """Held as the JSON a file would give (a date as ISO text), so a reading read back from its own
        dump is the same reading; :func:`alternative_of` validates the values into the fact's types."""
        return to_jsonable_python(changes)

    @model_validator(mode="after")
    def _changes_something(self) -> "Alternative":
        if not self.changes and self.perspective is None:
            raise ValueError(f"alternative '{self.id}' changes nothing: give 'changes' or 'perspective'")
        bad = sorted(UNCONTESTABLE & set(self.changes))
        if bad:
            raise ValueError(f"alternative '{self.id}' may not change {', '.join(bad)}")
        return self


class Sourced(Frozen):
    """A fact with its provenance: where it comes from, how sure it is, and the readings that dispute it."""

    source: str | None = None
    confidence: Confidence = Confidence.confirmed
    note: str | None = None
    contested: tuple[Alternative, ...] = ()

    @model_validator(mode="after")
    def _valid(self) -> "Sourced":
        """Each alternative must give a valid fact of the same kind (checked once, when read).

        One validator per model: a record with checks of its own overrides this one (same name, same place in
        the order) and runs :func:`check_sourced` (or :func:`check_dated`) first, then its own checks in their
        order. Pydantic runs a model's validators again each time the record is given as part of another, so
        each validator saved is saved at every level of nesting.
        """
        check_sourced(self)
        return self


def check_sourced(fact: Sourced) -> None:
    """:class:`Sourced`'s check, for the one validator of a record that adds checks of its own: its alternatives.

    Raises:
        ValueError: an alternative does not give a valid fact, or two share an id.
    """
    if fact.contested:  # every record runs this; most carry no alternative
        _alternatives_valid(fact)


def _alternatives_valid(fact: "Sourced") -> None:
    """Raise ValueError unless each of the fact's alternatives gives a valid fact and their ids differ."""
    for alt in fact.contested:
        alternative_of(fact, alt)
    ids = [a.id for a in fact.contested]
    if len(set(ids)) != len(ids):
        raise ValueError("two alternatives share an id in 'contested'")


def alternative_of(fact: "Sourced", alt: Alternative) -> "Sourced":
    """The fact as ``alt`` reads it (validated; without alternatives of its own).

    Raises:
        ValueError: the alternative names a field the fact does not have, or gives an invalid value.
    """
    if not alt.changes:
        return fact.model_copy(update={"contested": ()})
    unknown = sorted(set(alt.changes) - set(type(fact).model_fields))
    if unknown:
        raise ValueError(f"alternative '{alt.id}' changes unknown field(s) {', '.join(unknown)}; "
                         f"valid: {', '.join(sorted(set(type(fact).model_fields) - UNCONTESTABLE))}")
    data = {**fact.model_dump(exclude={"contested"}, by_alias=True), **alt.changes, "contested": ()}
    return validator_of(type(fact)).model_validate(data)


class Dated(Sourced):
    """A fact valid from ``since`` (inclusive) until ``until`` (exclusive)."""

    since: date
    until: date | None = None

    @model_validator(mode="after")
    def _valid(self) -> "Dated":
        """:class:`Sourced`'s check of the alternatives, then ``until`` after ``since``: one call for both.

        It takes the place of :class:`Sourced`'s validator (same name, same place in the order): every
        dated record runs it, and Pydantic runs it again each time the record is given as part of another.
        (:func:`check_dated` is the same check, for a dated record that adds checks of its own.)
        """
        check_dated(self)
        return self

    def active_on(self, day: date) -> bool:
        """True when the fact holds on ``day``."""
        return active_on(self.since, self.until, day)


def check_dated(fact: Dated) -> None:
    """:class:`Dated`'s checks (its alternatives, then ``until`` after ``since``), for a dated record's one validator.

    Raises:
        ValueError: an alternative is invalid, or ``until`` is not after ``since``.
    """
    if fact.contested:
        _alternatives_valid(fact)
    if fact.until is not None and fact.until <= fact.since:
        raise ValueError(f"'until' ({fact.until}) must be after 'since' ({fact.since})")


def active_on(since: date, until: date | None, day: date) -> bool:
    """True when ``since <= day < until`` (an open end never expires).

    Examples:
        >>> active_on(date(2023, 9, 16), None, date(2023, 10, 1))
        True
        >>> active_on(date(1975, 5, 28), date(2025, 1, 29), date(2025, 1, 29))
        False
    """
    return since <= day and (until is None or day < until)
