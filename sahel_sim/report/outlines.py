"""Country outlines shipped with the package: where each state is on the map.

The file ``sahel_sim/data/outlines/countries-110m.geojson`` holds Natural
Earth's 1:110m countries (public domain; its ``source`` and ``licence``
fields say where it comes from and how it was reduced), so pictures show a
map without downloading anything.  States are keyed by their ISO 3166-1
alpha-3 code, the ids the world data uses.  The borders are today's, whatever
the scenario's date; states too small for the scale (Cape Verde, Malta) and
states that no longer exist have no outline, and pictures place them at their
own point.

Pure Python: nothing here needs matplotlib.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

__all__ = ["Outline", "load_outlines", "outlines_source"]

Ring = tuple[tuple[float, float], ...]
Polygon = tuple[Ring, ...]  # the outline first, then its holes
MAX_BYTES = 2_000_000  # the shipped file is ~170 kB; anything far larger is not ours


@dataclass(frozen=True, slots=True)
class Outline:
    """One country: its code, its name and its polygons in (longitude, latitude)."""

    code: str
    name: str
    polygons: tuple[Polygon, ...]

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """``(west, south, east, north)`` of every ring."""
        xs = [x for p in self.polygons for x, _ in p[0]]
        ys = [y for p in self.polygons for _, y in p[0]]
        return (min(xs), min(ys), max(xs), max(ys))

    def contains(self, x: float, y: float) -> bool:
        """Whether the point lies inside the country (holes excluded: even-odd rule).

        Examples:
            >>> square = Outline("SQ", "Square", ((((0, 0), (4, 0), (4, 4), (0, 4), (0, 0)),),))
            >>> square.contains(2, 2), square.contains(5, 2)
            (True, False)
        """
        return any(_inside(p, x, y) for p in self.polygons)

    def point(self) -> tuple[float, float]:
        """A point inside the largest polygon, where the state is drawn and its label anchored.

        The centroid of the largest polygon when it falls inside it, otherwise the
        middle of the widest stretch of land on the centroid's latitude (a
        crescent such as Croatia has its centroid outside).

        Examples:
            >>> square = Outline("SQ", "Square", ((((0, 0), (4, 0), (4, 4), (0, 4), (0, 0)),),))
            >>> square.point()
            (2.0, 2.0)
        """
        largest = max(self.polygons, key=lambda p: abs(_area(p[0])))
        cx, cy = _centroid(largest[0])
        if _inside(largest, cx, cy):
            return (cx, cy)
        for y in (cy, (min(v for _, v in largest[0]) + max(v for _, v in largest[0])) / 2):
            spans = _spans(largest, y)
            if spans:
                a, b = max(spans, key=lambda s: s[1] - s[0])
                return ((a + b) / 2, y)
        return largest[0][0]


def load_outlines() -> dict[str, Outline]:
    """Every shipped outline, by ISO 3166-1 alpha-3 code."""
    doc = _document()
    found: dict[str, Outline] = {}
    for feature in doc["features"]:
        props, geometry = feature["properties"], feature["geometry"]
        rings = geometry["coordinates"]
        polygons = [rings] if geometry["type"] == "Polygon" else rings
        found[props["iso_a3"]] = Outline(
            props["iso_a3"], props["name"],
            tuple(tuple(tuple((float(x), float(y)) for x, y in ring) for ring in poly) for poly in polygons))
    return found


def outlines_source() -> str:
    """Where the outlines come from and under which terms, as the data file records it."""
    doc = _document()
    return f"{doc['source']}. {doc['licence']}"


def _document() -> dict:
    data = resources.files("sahel_sim").joinpath("data/outlines/countries-110m.geojson").read_bytes()
    if len(data) > MAX_BYTES:
        raise ValueError(f"the shipped outlines file is {len(data)} bytes, over {MAX_BYTES}: reinstall sahel-sim")
    return json.loads(data)


def _area(ring: Ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / 2


def _centroid(ring: Ring) -> tuple[float, float]:
    a = _area(ring)
    if abs(a) < 1e-12:
        return (sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring))
    cx = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / (6 * a)
    cy = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / (6 * a)
    return (cx, cy)


def _crossings(polygon: Polygon, y: float) -> list[float]:
    """Where the line of latitude ``y`` crosses the polygon's rings, west to east."""
    xs = []
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
            if (y1 > y) != (y2 > y):
                xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    return sorted(xs)


def _inside(polygon: Polygon, x: float, y: float) -> bool:
    return sum(1 for cx in _crossings(polygon, y) if cx > x) % 2 == 1


def _spans(polygon: Polygon, y: float) -> list[tuple[float, float]]:
    xs = _crossings(polygon, y)
    return [(xs[i], xs[i + 1]) for i in range(0, len(xs) - 1, 2)]
