"""Build ``sahel_sim/data/outlines/countries-110m.geojson`` from Natural Earth's 1:110m countries.

Run once, at development time, never by the package::

    pip install pyshp                       # reads the shapefile (this script only)
    python tools/outlines_from_natural_earth.py PATH/naturalearth_lowres.shp

The input is Natural Earth's "Admin 0 - Countries" at 1:110m (public domain),
for instance the copy that geopandas wheels up to 0.14 carry as
``geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp``.  The
output keeps each country's ISO 3166-1 alpha-3 code, its name and its rings,
with coordinates rounded to 0.01 degree and repeated points dropped, so the
file stays small.  Rings are written as GeoJSON (RFC 7946) Polygons and
MultiPolygons; the first ring of each polygon is its outline (anticlockwise),
the others its holes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "sahel_sim" / "data" / "outlines" / "countries-110m.geojson"

#: Natural Earth writes "-99" where a country has no ISO 3166-1 code of its own.
CODES = {"Kosovo": "XKX"}

SOURCE = ("Natural Earth, 1:110m Cultural Vectors, Admin 0 - Countries (ne_110m_admin_0_countries), as "
          "packaged in the geopandas 0.14.4 wheel (geopandas/datasets/naturalearth_lowres: ISO codes "
          "filled from ADM0_A3 where Natural Earth has -99, Crimea drawn with Ukraine); Kosovo coded XKX here; "
          "coordinates rounded to 0.01 degree by tools/outlines_from_natural_earth.py")
LICENCE = ("Public domain (Natural Earth's terms of use: free for any use, no permission needed; credit "
           "is welcome but not required). Borders are those of Natural Earth today, not of the scenario's date.")


def _ring(points: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        p = [round(x, 2), round(y, 2)]
        if not out or out[-1] != p:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out[::-1] if len(out) >= 4 else []  # RFC 7946: outer rings anticlockwise, the shapefile's clockwise


def _polygons(shape) -> list[list[list[list[float]]]]:
    """Split pyshp's flat ring list into polygons: an outer ring runs clockwise, holes anticlockwise."""
    import shapefile

    polygons: list[list[list[list[float]]]] = []
    bounds = list(shape.parts) + [len(shape.points)]
    for a, b in zip(bounds, bounds[1:]):
        pts = shape.points[a:b]
        ring = _ring(pts)
        if not ring:
            continue
        if shapefile.signed_area(pts) < 0 or not polygons:  # clockwise in the shapefile: an outer ring
            polygons.append([ring])
        else:
            polygons[-1].append(ring)
    return polygons


def main(path: str) -> None:
    import shapefile

    features = []
    with shapefile.Reader(path) as r:
        for rec, shape in zip(r.records(), r.shapes()):
            code = CODES.get(rec["name"], rec["iso_a3"])
            polygons = _polygons(shape)
            geometry = ({"type": "Polygon", "coordinates": polygons[0]} if len(polygons) == 1
                        else {"type": "MultiPolygon", "coordinates": polygons})
            features.append({"type": "Feature", "properties": {"iso_a3": code, "name": rec["name"]},
                             "geometry": geometry})
    features.sort(key=lambda f: f["properties"]["iso_a3"])
    doc = {"type": "FeatureCollection", "source": SOURCE, "licence": LICENCE, "features": features}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(features)} countries, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
