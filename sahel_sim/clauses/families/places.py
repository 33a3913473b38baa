"""Condition tests on where the event happens: whose territory, which region, what kind of place, within
which territory, north or south of a parallel, inside an area given by coordinates.

Geographic scope is decided from the event's place (a territory, a sea area
or an airspace area): its region tags, the state holding it, the named
territories it lies in, its kind and its representative point.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from sahel_sim.clauses.checks import Fact
from sahel_sim.clauses.leaf import OBLIGOR_ROLES, Leaf, LeafTest, who_words
from sahel_sim.clauses.logic import FALSE
from sahel_sim.model.actors import ID_PATTERN
from sahel_sim.model.base import Frozen, Number
from sahel_sim.model.territories import TerritoryKind

__all__ = ["Box", "LocationInBoxTest", "LocationInRegionTest", "LocationInTerritoryOfTest", "LocationKindTest",
           "LocationLatitudeTest", "LocationWithinTest", "TESTS", "degrees", "kind_words"]


class LocationInTerritoryOfTest(Leaf):
    """The event takes place on land held by the parties (or by one role) on the date."""

    test: Literal["location_in_territory_of"]
    who: Literal["parties", "target", "obligor", "beneficiary"]

    @property
    def roles(self) -> frozenset[str]:
        return frozenset({self.who}) if self.who in OBLIGOR_ROLES else frozenset()

    def _words(self) -> str:
        whose = "the parties" if self.who == "parties" else who_words(self.who)
        return f"the event takes place on the territory of {whose}"


class LocationInRegionTest(Leaf):
    """The event's territory carries one of these region tags."""

    test: Literal["location_in_region"]
    regions: tuple[str, ...] = Field(min_length=1)

    def _words(self) -> str:
        return "the event takes place in " + " or ".join(self.regions)


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


class LocationKindTest(Leaf):
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


class LocationWithinTest(Leaf):
    """The event's place is one of these territories, or lies within one of them (``part_of``)."""

    test: Literal["location_within"]
    territories: tuple[Annotated[str, Field(pattern=ID_PATTERN)], ...] = Field(min_length=1)

    def _words(self) -> str:
        return "the event takes place in " + " or ".join(self.territories)


class LocationLatitudeTest(Leaf):
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


class LocationInBoxTest(Leaf):
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



# --- what the predicates and re-checks share --------------------------------------------------------


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _label(G: Any, q: Any, place: str) -> str:
    """A place's label for reasons: ``French Guiana``, or its id when it is not a known territory."""
    return q.territory(G, place).label if q.has_territory(G, place) else place


def point_of(G: Any, q: Any, place: str) -> tuple[float, float] | None:
    """The representative point of a place, or of the nearest territory it is part of that has one."""
    if not q.has_territory(G, place):
        return None
    for tid in q.ancestors_of_territory(G, place):
        t = q.territory(G, tid)
        if t.lat is not None and t.lon is not None:
            return t.lat, t.lon
    return None


def _at(point: tuple[float, float]) -> str:
    return f"{degrees(point[0], 'lat')} {degrees(point[1], 'lon')}"


def _opaque(x: Any, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    return enc.opaque(x)


def _degrees(lo: float, hi: float) -> Any:
    from hypothesis import strategies as st

    return st.integers(int(lo), int(hi)).map(float)


# --- location_in_territory_of -----------------------------------------------------------------------


def _location_in_territory_of(cond: LocationInTerritoryOfTest, s: Any) -> tuple[bool, list[Fact]]:
    place = s.event.place
    held_by = s.q.holder(s.G, place, s.day)
    if cond.who == "parties":
        owners = s.q.parties(s.G, s.treaty.id, s.day) if s.treaty else ()
    else:
        owners = s.role(cond.who)
    fact = Fact("held_by", (place, held_by or "", s.day.isoformat()),
                f"{s.event.id} takes place in {place}, held by {held_by or 'no state'} on {s.day}")
    return held_by is not None and held_by in owners, [fact]


def _encode_territory_of(x: LocationInTerritoryOfTest, enc: Any, roles: Any, positive: bool, rule: bool) -> Any:
    place = f"parties:{enc.treaty.id}" if x.who == "parties" else roles.get(x.who)  # the parties of the clause's treaty
    return FALSE if place is None else enc.flag(f"on_land_of:{place}")


def _draw_territory_of(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    places = ["target"] if ctx.symmetric else ["parties", "target"] + ([] if ctx.event_level else ["obligor", "beneficiary"])
    return {"who": draw(st.sampled_from(places))}


# --- location_in_region -----------------------------------------------------------------------------


def _location_in_region(cond: LocationInRegionTest, s: Any) -> tuple[bool, list[Fact]]:
    place = s.event.place
    tags = s.q.regions(s.G, place)
    hits = sorted(set(cond.regions) & tags)
    text = f"{place} is in {', '.join(hits)}" if hits else f"{place} is in {', '.join(sorted(tags)) or 'no region'} only"
    return bool(hits), [Fact("in_region", (place, *hits), text)]


# --- location_kind ----------------------------------------------------------------------------------


def _location_kind(cond: LocationKindTest, s: Any) -> tuple[bool, list[Fact]]:
    """The kind of the event's own place (an island, an overseas territory, a sea area …)."""
    place = s.event.place
    name = _label(s.G, s.q, place)
    if not s.q.has_territory(s.G, place):
        return False, [Fact("unknown_place", (place,), f"{name} is not a known territory")]
    kind = s.q.territory(s.G, place).kind
    return kind in cond.kinds, [Fact("territory_kind", (place, kind.value), f"{name} is {kind_words(kind)}")]


# --- location_within --------------------------------------------------------------------------------


def _chain(G: Any, q: Any, place: str) -> tuple[str, ...]:
    return tuple(q.ancestors_of_territory(G, place)) if q.has_territory(G, place) else (place,)


def _location_within(cond: LocationWithinTest, s: Any) -> tuple[bool, list[Fact]]:
    """The event's place is one of the named territories or part of one (through ``part_of``)."""
    q, place = s.q, s.event.place
    name = _label(s.G, q, place)
    chain = _chain(s.G, q, place)
    for wanted in cond.territories:
        if wanted in chain and q.has_territory(s.G, wanted):
            whole = q.territory(s.G, wanted).label
            text = f"{name} is {whole}" if wanted == place else f"{name} lies within {whole}"
            return True, [Fact("within", (place, wanted), text)]
    named = ", ".join(q.territory(s.G, t).label if q.has_territory(s.G, t) else f"{t} (unknown territory)"
                      for t in cond.territories)
    return False, [Fact("not_within", (place, *cond.territories), f"{name} does not lie within {named}")]


def _recheck_within(ctx: Any, args: tuple[str, ...]) -> bool | None:
    return args[1] in _chain(ctx.G, ctx.q, args[0]) and ctx.q.has_territory(ctx.G, args[1])


def _recheck_not_within(ctx: Any, args: tuple[str, ...]) -> bool | None:
    chain = _chain(ctx.G, ctx.q, args[0])
    return not any(t in chain and ctx.q.has_territory(ctx.G, t) for t in args[1:])


# --- location_latitude ------------------------------------------------------------------------------


def _location_latitude(cond: LocationLatitudeTest, s: Any) -> tuple[bool, list[Fact]]:
    """Compare the place's representative latitude with the parallel(s) of the test."""
    place = s.event.place
    name = _label(s.G, s.q, place)
    point = point_of(s.G, s.q, place)
    if point is None:
        return False, [Fact("no_point", (place,), f"{name} has no recorded latitude, so {cond.bounds()} cannot be shown")]
    lat = point[0]
    holds = (cond.north_of is None or lat > cond.north_of) and (cond.south_of is None or lat < cond.south_of)
    side = []
    if cond.north_of is not None:
        side.append(f"{'north' if lat > cond.north_of else 'south'} of {degrees(cond.north_of, 'lat')}")
    if cond.south_of is not None:
        side.append(f"{'south' if lat < cond.south_of else 'north'} of {degrees(cond.south_of, 'lat')}")
    named = f" ({cond.parallel})" if cond.parallel else ""
    text = f"{name} lies at {degrees(lat, 'lat')}, {' and '.join(side)}{named}"
    return holds, [Fact("latitude", (place, f"{lat:g}"), text)]


def _recheck_latitude(ctx: Any, args: tuple[str, ...]) -> bool | None:
    point = point_of(ctx.G, ctx.q, args[0])
    return point is not None and f"{point[0]:g}" == args[1]


def _draw_latitude(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    north, south = sorted(draw(st.lists(_degrees(-60, 60), min_size=2, max_size=2, unique=True)))
    which = draw(st.sampled_from(["north_of", "south_of", "both"]))
    return {"north_of": north} if which == "north_of" else {"south_of": south} if which == "south_of" else {
        "north_of": north, "south_of": south}


# --- location_in_box --------------------------------------------------------------------------------


def _location_in_box(cond: LocationInBoxTest, s: Any) -> tuple[bool, list[Fact]]:
    """Is the place's representative point inside one of the boxes that make up the area?"""
    place = s.event.place
    name = _label(s.G, s.q, place)
    area = cond.area or "the area given by coordinates"
    point = point_of(s.G, s.q, place)
    if point is None:
        return False, [Fact("no_point", (place,), f"{name} has no recorded coordinates, so it cannot be placed in {area}")]
    hit = next((b for b in cond.boxes if b.contains(*point)), None)
    if hit is not None:
        return True, [Fact("in_box", (place, f"{point[0]:g}", f"{point[1]:g}"),
                           f"{name} at {_at(point)} lies within {area}: {hit.describe()}")]
    return False, [Fact("outside_box", (place, f"{point[0]:g}", f"{point[1]:g}"),
                        f"{name} at {_at(point)} lies outside {area}")]


def _recheck_point(ctx: Any, args: tuple[str, ...]) -> bool | None:
    point = point_of(ctx.G, ctx.q, args[0])
    return point is not None and (f"{point[0]:g}", f"{point[1]:g}") == tuple(args[1:])


def _recheck_no_point(ctx: Any, args: tuple[str, ...]) -> bool | None:
    return point_of(ctx.G, ctx.q, args[0]) is None


def _draw_boxes(draw: Any, ctx: Any) -> dict[str, Any]:
    from hypothesis import strategies as st

    boxes = []
    for _ in range(draw(st.integers(1, 2))):
        lat = sorted(draw(st.lists(_degrees(-60, 60), min_size=2, max_size=2)))
        lon = draw(st.lists(_degrees(-180, 180), min_size=2, max_size=2))
        boxes.append({"min_lat": lat[0], "max_lat": lat[1], "min_lon": lon[0], "max_lon": lon[1]})
    return {"boxes": boxes}


TESTS = (
    LeafTest(LocationInTerritoryOfTest, _location_in_territory_of,
             {"held_by": lambda ctx, a: (ctx.q.holder(ctx.G, a[0], _day(a[2])) or "") == a[1]},
             _encode_territory_of, _draw_territory_of),
    LeafTest(LocationInRegionTest, _location_in_region,
             {"in_region": lambda ctx, a: set(a[1:]) <= ctx.q.regions(ctx.G, a[0])},
             _opaque, lambda draw, ctx: {"regions": draw(ctx.some(ctx.regions))}),
    LeafTest(LocationKindTest, _location_kind,
             {"unknown_place": lambda ctx, a: not ctx.q.has_territory(ctx.G, a[0]),
              "territory_kind": lambda ctx, a: ctx.q.territory(ctx.G, a[0]).kind.value == a[1]},
             _opaque, lambda draw, ctx: {"kinds": draw(ctx.some([k.value for k in TerritoryKind]))}),
    LeafTest(LocationWithinTest, _location_within, {"within": _recheck_within, "not_within": _recheck_not_within},
             _opaque, lambda draw, ctx: {"territories": draw(ctx.some(ctx.territories))}),
    LeafTest(LocationLatitudeTest, _location_latitude, {"latitude": _recheck_latitude, "no_point": _recheck_no_point},
             _opaque, _draw_latitude),
    LeafTest(LocationInBoxTest, _location_in_box,
             {"in_box": _recheck_point, "outside_box": _recheck_point, "no_point": _recheck_no_point},
             _opaque, _draw_boxes),
)
