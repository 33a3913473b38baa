"""The condition language: named predicates with parameters, composable.

A clause's trigger, conditions and exceptions, and a perspective's
characterisation rules, are all written in this one small language.  Leaf
conditions are tests with parameters (``{test: is_party, who: target}``);
``all_of``, ``any_of`` and ``not`` combine them.  Conditions are data: they are
validated by Pydantic from YAML and evaluated by registered functions in
:mod:`sahel_sim.engine.evaluate`; nothing read from a file is ever executed.

Roles name the actors of the situation being judged: ``target`` (the actor
the event is directed at), ``attackers`` (the event's actors), ``obligor``
(the candidate being judged), ``beneficiary`` (whom the duty is owed to) and
``external_supporters`` (states said to support the attackers).

Geographic scope is decided from the event's place (a territory, a sea area
or an airspace area): its region tags (``location_in_region``), the state
holding it (``location_in_territory_of``), the named territories it lies in
(``location_within``), its kind (``location_kind``) and its representative
point (``location_latitude``, ``location_in_box``).  ``event_date`` lets one
treaty carry two wordings of an article, each for its own period.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import BeforeValidator, Field, model_validator

from sahel_sim.model.actors import ID_PATTERN, ActorKind
from sahel_sim.model.base import Frozen, Number
from sahel_sim.model.events import EventKind, RequestForm
from sahel_sim.model.territories import TerritoryKind

__all__ = [
    "AllOf",
    "AnyOf",
    "Box",
    "CATEGORY_PATTERN",
    "Condition",
    "degrees",
    "kind_words",
    "LEAF_TESTS",
    "Not",
    "OBLIGOR_ROLES",
    "Role",
    "article",
    "walk",
]

Role = Literal["target", "attackers", "obligor", "beneficiary", "external_supporters"]
Quantifier = Literal["any", "all"]
OBLIGOR_ROLES = frozenset({"obligor", "beneficiary"})
#: A legal category's id, as perspectives define them (``armed_attack``); never empty.
CATEGORY_PATTERN = r"^[a-z][a-z0-9_]*$"

_ROLE_WORDS = {
    "target": "the target",
    "attackers": "an attacker",
    "obligor": "the obligor",
    "beneficiary": "the beneficiary",
    "external_supporters": "an external supporter",
}


def article(word: str) -> str:
    """``a`` or ``an`` before a word, for readable reasons.

    Examples:
        >>> article("armed group"), article("state")
        ('an', 'a')
    """
    return "an" if word[:1].lower() in "aeio" else "a"


def _who(role: str, quantifier: str = "any") -> str:
    """Words for a role, e.g. ``every attacker``."""
    words = _ROLE_WORDS[role]
    if quantifier == "all" and words.startswith("an "):
        return "every " + words[3:]
    return words


class _Leaf(Frozen):
    """Common fields of every leaf test: an optional legal label for reports."""

    label: str | None = None

    @property
    def roles(self) -> frozenset[str]:
        """Roles this test reads; obligor-dependent tests run once per candidate."""
        return frozenset(v for k, v in self if k in ("who", "by", "to") and isinstance(v, str) and v in _ROLE_WORDS)

    def describe(self) -> str:
        """The condition in words, for reasons and ``sahel-sim treaties``."""
        return self.label or self._words()

    def _words(self) -> str:  # pragma: no cover - every leaf overrides
        raise NotImplementedError


class CategoryTest(_Leaf):
    """The event is characterised as one of these legal categories."""

    test: Literal["category"]
    any_of: tuple[Annotated[str, Field(pattern=CATEGORY_PATTERN)], ...] = Field(min_length=1)

    def _words(self) -> str:
        return "the event is characterised as " + " or ".join(self.any_of)


class EventKindTest(_Leaf):
    """The event is of one of these fact-level kinds."""

    test: Literal["event_kind"]
    kinds: tuple[EventKind, ...] = Field(min_length=1)

    def _words(self) -> str:
        return "the event is " + " or ".join(k.value for k in self.kinds)


class IsPartyTest(_Leaf):
    """An actor in a role is a party (to this treaty, or another) on the event date."""

    test: Literal["is_party"]
    who: Role
    treaty: str | None = None
    quantifier: Quantifier = "any"

    def _words(self) -> str:
        treaty = f"the {self.treaty}" if self.treaty else "the treaty"
        return f"{_who(self.who, self.quantifier)} is a party to {treaty} on the event date"


class MemberOfTest(_Leaf):
    """An actor in a role is a member of an organisation on the event date."""

    test: Literal["member_of"]
    who: Role
    organisation: str
    quantifier: Quantifier = "any"

    def _words(self) -> str:
        return f"{_who(self.who, self.quantifier)} is a member of {self.organisation} on the event date"


class ActorKindTest(_Leaf):
    """An actor in a role is a state, an organisation or an armed group."""

    test: Literal["actor_kind"]
    who: Role
    kinds: tuple[ActorKind, ...] = Field(min_length=1)
    quantifier: Quantifier = "any"

    def _words(self) -> str:
        kinds = " or ".join(k.value.replace("_", " ") for k in self.kinds)
        return f"{_who(self.who, self.quantifier)} is {article(kinds)} {kinds}"


class LocationInTerritoryOfTest(_Leaf):
    """The event takes place on land held by the parties (or by one role) on the date."""

    test: Literal["location_in_territory_of"]
    who: Literal["parties", "target", "obligor", "beneficiary"]

    @property
    def roles(self) -> frozenset[str]:
        return frozenset({self.who}) if self.who in OBLIGOR_ROLES else frozenset()

    def _words(self) -> str:
        whose = "the parties" if self.who == "parties" else _who(self.who)
        return f"the event takes place on the territory of {whose}"


class LocationInRegionTest(_Leaf):
    """The event's territory carries one of these region tags."""

    test: Literal["location_in_region"]
    regions: tuple[str, ...] = Field(min_length=1)

    def _words(self) -> str:
        return "the event takes place in " + " or ".join(self.regions)


class RequestedTest(_Leaf):
    """A request for assistance was made (in writing, if required) before or on the date."""

    test: Literal["requested"]
    by: Role = "target"
    to: str = "any"
    form: RequestForm | Literal["any"] = "any"

    def _words(self) -> str:
        form = "" if self.form == "any" else f"{self.form.value} "
        to = "" if self.to == "any" else f" to {_ROLE_WORDS.get(self.to, self.to)}"
        return f"{_who(self.by)} made {article(form or 'request')} {form}request for assistance{to}"


class DecidedTest(_Leaf):
    """An organ of an organisation decided to act (e.g. the ECOWAS Authority).

    ``measures``, when given, names the decisions that count: a decision is
    recorded in a scenario with its ``measure`` (a short word such as
    ``use_of_armed_forces`` or ``monitoring_mission``), and only a decision
    whose measure is listed satisfies the test.  Without it, any decision of
    that organ does.
    """

    test: Literal["decided"]
    organisation: str
    organ: str | None = None
    measures: tuple[str, ...] | None = Field(default=None, min_length=1)

    def _words(self) -> str:
        organ = f" ({self.organ})" if self.organ else ""
        if self.measures:
            return f"{self.organisation}{organ} decided on {' or '.join(self.measures)}"
        return f"{self.organisation}{organ} decided to act"


class ConsentedTest(_Leaf):
    """The target's government consented to the action."""

    test: Literal["consented"]

    def _words(self) -> str:
        return "the target consented"


class MandatedByTest(_Leaf):
    """The actors acted under the mandate of an organisation (any, if none named)."""

    test: Literal["mandated_by"]
    organisation: str | None = None

    def _words(self) -> str:
        return f"the actors act under a mandate of {self.organisation or 'an organisation'}"


class StruckFirstTest(_Leaf):
    """An actor in a role attacked one of the attackers earlier in the scenario."""

    test: Literal["struck_first"]
    who: Role = "target"

    def _words(self) -> str:
        return f"{_who(self.who)} struck first (attacked an attacker earlier)"


class ExternallySupportedTest(_Leaf):
    """The attackers are actively supported from outside the target state."""

    test: Literal["externally_supported"]

    def _words(self) -> str:
        return "the attackers are actively supported from outside"


class PurelyInternalTest(_Leaf):
    """Only non-state groups fight, on the target's own territory, with no outside support."""

    test: Literal["purely_internal"]

    def _words(self) -> str:
        return "the conflict is purely internal"


class IsResponseTest(_Leaf):
    """The event is a response to another (a duty to assist being carried out in a cascade)."""

    test: Literal["is_response"]

    def _words(self) -> str:
        return "the event is a response to an earlier event"


class AttributeTest(_Leaf):
    """An event attribute (or its ``purpose``) has a given value."""

    test: Literal["attribute"]
    name: str
    equals: bool | int | float | str

    def _words(self) -> str:
        return f"the event's {self.name} is {self.equals!r}"


def degrees(value: float, axis: Literal["lat", "lon"]) -> str:
    """A latitude or longitude in words: ``23.44°N``, ``59.5°W``.

    Examples:
        >>> degrees(23.44, "lat"), degrees(-51.7, "lat"), degrees(-59.5, "lon"), degrees(0, "lon")
        ('23.44°N', '51.7°S', '59.5°W', '0°')
    """
    if value == 0:
        return "0°"
    hemisphere = ("N" if value > 0 else "S") if axis == "lat" else ("E" if value > 0 else "W")
    return f"{abs(value):.2f}".rstrip("0").rstrip(".") + "°" + hemisphere


class LocationKindTest(_Leaf):
    """The event's place is of one of these kinds (island, overseas territory, sea area …)."""

    test: Literal["location_kind"]
    kinds: tuple[TerritoryKind, ...] = Field(min_length=1)

    def _words(self) -> str:
        return "the event's place is " + " or ".join(_KIND_WORDS[k] for k in self.kinds)


_KIND_WORDS = {
    TerritoryKind.metropolitan: "metropolitan territory",
    TerritoryKind.region: "a region",
    TerritoryKind.island: "an island",
    TerritoryKind.overseas: "an overseas territory",
    TerritoryKind.exclave: "an exclave",
    TerritoryKind.enclave: "an enclave",
    TerritoryKind.sea: "a sea area",
    TerritoryKind.airspace: "an airspace area",
}


def kind_words(kind: TerritoryKind) -> str:
    """A territory kind with its article, for reasons: ``an island``, ``a sea area``."""
    return _KIND_WORDS[kind]


class LocationWithinTest(_Leaf):
    """The event's place is one of these territories, or lies within one of them (``part_of``)."""

    test: Literal["location_within"]
    territories: tuple[Annotated[str, Field(pattern=ID_PATTERN)], ...] = Field(min_length=1)

    def _words(self) -> str:
        return "the event takes place in " + " or ".join(self.territories)


class LocationLatitudeTest(_Leaf):
    """The event's place lies north (or south) of a parallel, judged by its representative latitude."""

    test: Literal["location_latitude"]
    north_of: Number | None = Field(default=None, ge=-90, le=90)
    south_of: Number | None = Field(default=None, ge=-90, le=90)
    parallel: str | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> "LocationLatitudeTest":
        if self.north_of is None and self.south_of is None:
            raise ValueError("give 'north_of' or 'south_of' (degrees, negative for south)")
        if self.north_of is not None and self.south_of is not None and self.north_of >= self.south_of:
            raise ValueError(f"'north_of' ({self.north_of}) must be below 'south_of' ({self.south_of})")
        return self

    def bounds(self) -> str:
        """The band in words: ``north of 23.44°N (a named parallel)``."""
        parts = []
        if self.north_of is not None:
            parts.append(f"north of {degrees(self.north_of, 'lat')}")
        if self.south_of is not None:
            parts.append(f"south of {degrees(self.south_of, 'lat')}")
        named = f" ({self.parallel})" if self.parallel else ""
        return " and ".join(parts) + named

    def _words(self) -> str:
        return f"the event takes place {self.bounds()}"


class Box(Frozen):
    """A latitude/longitude rectangle; ``min_lon > max_lon`` means it crosses the 180° meridian."""

    min_lat: Number = Field(ge=-90, le=90)
    max_lat: Number = Field(ge=-90, le=90)
    min_lon: Number = Field(ge=-180, le=180)
    max_lon: Number = Field(ge=-180, le=180)
    label: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "Box":
        if self.min_lat > self.max_lat:
            raise ValueError(f"'min_lat' ({self.min_lat}) is above 'max_lat' ({self.max_lat})")
        return self

    def contains(self, lat: float, lon: float) -> bool:
        """True when the point lies in the box (edges included).

        Examples:
            >>> Box(min_lat=-90, max_lat=5, min_lon=-92, max_lon=-24).contains(-51.7, -59.5)
            True
            >>> Box(min_lat=40, max_lat=60, min_lon=170, max_lon=-170).contains(50, 179)
            True
        """
        if not self.min_lat <= lat <= self.max_lat:
            return False
        if self.min_lon <= self.max_lon:
            return self.min_lon <= lon <= self.max_lon
        return lon >= self.min_lon or lon <= self.max_lon

    def describe(self) -> str:
        """``South Atlantic (90°S–5°N, 92°W–24°W)``."""
        span = (f"{degrees(self.min_lat, 'lat')}–{degrees(self.max_lat, 'lat')}, "
                f"{degrees(self.min_lon, 'lon')}–{degrees(self.max_lon, 'lon')}")
        return f"{self.label} ({span})" if self.label else span


_BOX_FIELDS = ("min_lat", "max_lat", "min_lon", "max_lon")


class LocationInBoxTest(_Leaf):
    """The event's place lies inside an area given by coordinates (one box, or several whose union is the area).

    Written either with ``boxes: [{min_lat, max_lat, min_lon, max_lon, label}, …]``
    or, for a single box, with the four bounds directly on the test.  A
    polygon drawn in a treaty text is approximated by boxes; the data says so
    in its ``note``.
    """

    test: Literal["location_in_box"]
    boxes: tuple[Box, ...] = Field(min_length=1)
    area: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _single_box(cls, data: Any) -> Any:
        if isinstance(data, dict) and "boxes" not in data and any(k in data for k in _BOX_FIELDS):
            box = {k: data[k] for k in (*_BOX_FIELDS, "label") if k in data and not (k == "label" and "area" not in data)}
            rest = {k: v for k, v in data.items() if k not in box}
            return {**rest, "boxes": [box]}
        return data

    def _words(self) -> str:
        if self.area:
            return f"the event takes place within {self.area}"
        return "the event takes place within " + " or ".join(b.describe() for b in self.boxes)


class EventDateTest(_Leaf):
    """The event falls in a period: on or after one date, before another (or both).

    Used for time-limited scope and for two wordings of one article (as
    signed, and as amended by a later protocol).
    """

    test: Literal["event_date"]
    on_or_after: date | None = None
    before: date | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> "EventDateTest":
        if self.on_or_after is None and self.before is None:
            raise ValueError("give 'on_or_after' or 'before' (YYYY-MM-DD)")
        if self.on_or_after is not None and self.before is not None and self.on_or_after >= self.before:
            raise ValueError(f"'on_or_after' ({self.on_or_after}) must be before 'before' ({self.before})")
        return self

    def period(self) -> str:
        """``on or after 2012-12-19``, ``before 1962-07-03`` or ``from … until before …``."""
        if self.on_or_after is not None and self.before is not None:
            return f"on or after {self.on_or_after} and before {self.before}"
        if self.on_or_after is not None:
            return f"on or after {self.on_or_after}"
        return f"before {self.before}"

    def _words(self) -> str:
        return f"the event is dated {self.period()}"


class _Group(Frozen):
    """Shared shape of ``all_of`` and ``any_of``: sub-conditions joined by a word."""

    conditions: tuple["Condition", ...] = Field(min_length=1)
    label: str | None = None
    _joiner: ClassVar[str] = "and"

    @property
    def roles(self) -> frozenset[str]:
        return frozenset().union(*(c.roles for c in self.conditions))

    def describe(self) -> str:
        return self.label or "(" + f" {self._joiner} ".join(c.describe() for c in self.conditions) + ")"


class AllOf(_Group):
    """Every sub-condition holds."""

    test: Literal["all_of"]


class AnyOf(_Group):
    """At least one sub-condition holds."""

    test: Literal["any_of"]
    _joiner: ClassVar[str] = "or"


class Not(Frozen):
    """The sub-condition does not hold."""

    test: Literal["not"]
    condition: "Condition"
    label: str | None = None

    @property
    def roles(self) -> frozenset[str]:
        return self.condition.roles

    def describe(self) -> str:
        return self.label or f"not {self.condition.describe()}"


def _shorthand(value: Any) -> Any:
    """Accept ``{all_of: [...]}``, ``{any_of: [...]}`` and ``{not: {...}}`` as written in YAML."""
    if isinstance(value, dict) and "test" not in value:
        for key, field in (("all_of", "conditions"), ("any_of", "conditions"), ("not", "condition")):
            if key in value:
                rest = {k: v for k, v in value.items() if k != key}
                return {"test": key, field: value[key], **rest}
    return value


_Union = Union[
    CategoryTest,
    EventKindTest,
    IsPartyTest,
    MemberOfTest,
    ActorKindTest,
    LocationInTerritoryOfTest,
    LocationInRegionTest,
    RequestedTest,
    DecidedTest,
    ConsentedTest,
    MandatedByTest,
    StruckFirstTest,
    ExternallySupportedTest,
    PurelyInternalTest,
    IsResponseTest,
    AttributeTest,
    LocationKindTest,
    LocationWithinTest,
    LocationLatitudeTest,
    LocationInBoxTest,
    EventDateTest,
    AllOf,
    AnyOf,
    Not,
]
Condition = Annotated[_Union, Field(discriminator="test"), BeforeValidator(_shorthand)]

for _model in (_Group, AllOf, AnyOf, Not):
    _model.model_rebuild()

LEAF_TESTS: tuple[str, ...] = tuple(
    sorted(m.model_fields["test"].annotation.__args__[0] for m in _Union.__args__)  # type: ignore[union-attr]
)


def walk(condition: Any) -> Any:
    """Yield a condition and every condition nested inside it (depth first)."""
    yield condition
    if isinstance(condition, (AllOf, AnyOf)):
        for child in condition.conditions:
            yield from walk(child)
    elif isinstance(condition, Not):
        yield from walk(condition.condition)
