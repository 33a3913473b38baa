"""Where to put labels so that no two overlap: a deterministic greedy search.

Each label is a box of known size that belongs to a point (its anchor).  The
labels are placed one by one, in the order given: each takes the first free
spot on rings of growing radius around its anchor (right of the point first,
then left, above, below, the diagonals), free meaning that it overlaps no
label placed before and covers no anchor's dot.  A spot inside ``bounds`` is
preferred; a label that finds none there goes outside (the picture grows)
rather than on top of another.  The same input gives the same places.

Pure geometry in any unit (pictures use pixels); nothing here needs matplotlib.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Box", "overlaps", "place_labels"]

Point = tuple[float, float]

_NEAR = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))
_FAR = _NEAR + ((2, 1), (-2, 1), (2, -1), (-2, -1), (1, 2), (-1, 2), (1, -2), (-1, -2))
RINGS = 40


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle ``x0 <= x <= x1``, ``y0 <= y <= y1``."""

    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def around(cls, centre: Point, size: Point) -> "Box":
        (x, y), (w, h) = centre, size
        return cls(x - w / 2, y - h / 2, x + w / 2, y + h / 2)

    def within(self, other: "Box") -> bool:
        return other.x0 <= self.x0 and self.x1 <= other.x1 and other.y0 <= self.y0 and self.y1 <= other.y1


def overlaps(a: Box, b: Box, gap: float = 0.0) -> bool:
    """Whether two boxes come closer than ``gap`` (touching edges do not overlap).

    Examples:
        >>> overlaps(Box(0, 0, 2, 2), Box(1, 1, 3, 3)), overlaps(Box(0, 0, 2, 2), Box(2, 0, 4, 2))
        (True, False)
    """
    return a.x0 < b.x1 + gap and b.x0 < a.x1 + gap and a.y0 < b.y1 + gap and b.y0 < a.y1 + gap


def place_labels(sizes: list[Point], anchors: list[Point], *, bounds: Box | None = None, dot: float = 3.0,
                 gap: float = 1.5, step: float | None = None) -> list[Point]:
    """The centre of each label, in the order given (earlier labels get the better spots).

    Args:
        sizes: ``(width, height)`` of each label.
        anchors: the point each label belongs to.
        bounds: where labels should stay (the axes); None for anywhere.
        dot: half the size of the marker drawn at each anchor, which no label covers.
        gap: the least distance between two labels, and between a label and a dot.
        step: how far each ring lies beyond the last (the tallest label by default).

    Examples:
        >>> place_labels([(10, 4), (10, 4)], [(0, 0), (0, 0)], dot=1, gap=0)
        [(6.0, 0.0), (-6.0, 0.0)]
    """
    if len(sizes) != len(anchors):
        raise ValueError(f"{len(sizes)} label sizes for {len(anchors)} anchors")
    step = step or max((h for _, h in sizes), default=1.0)
    dots = [Box(x - dot, y - dot, x + dot, y + dot) for x, y in anchors]
    placed: list[Box] = []
    centres: list[Point] = []
    for size, anchor in zip(sizes, anchors):
        box = _first_free(size, anchor, placed, dots, bounds, dot, gap, step)
        placed.append(box)
        centres.append(((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2))
    return centres


def _first_free(size: Point, anchor: Point, placed: list[Box], dots: list[Box], bounds: Box | None, dot: float,
                gap: float, step: float) -> Box:
    for inside in ((True, False) if bounds is not None else (False,)):
        for ring in range(RINGS):
            for box in _candidates(size, anchor, ring, dot, gap, step):
                if inside and not box.within(bounds):  # type: ignore[arg-type]
                    continue
                if not any(overlaps(box, p, gap) for p in placed) and not any(overlaps(box, d) for d in dots):
                    return box
    return _below_everything(size, anchor, placed + dots, gap)


def _candidates(size: Point, anchor: Point, ring: int, dot: float, gap: float, step: float) -> list[Box]:
    (w, h), (x, y) = size, anchor
    reach = ring * step
    out = []
    for ux, uy in (_NEAR if ring < 3 else _FAR):
        dx = ux * (w / 2 + dot + gap + reach) if ux else 0.0
        dy = uy * (h / 2 + dot + gap + reach) if uy else 0.0
        out.append(Box.around((x + dx, y + dy), size))
    return out


def _below_everything(size: Point, anchor: Point, taken: list[Box], gap: float) -> Box:
    """The last resort, always free: under the lowest box there is."""
    (w, h), x = size, anchor[0]
    bottom = min(b.y0 for b in taken) - gap - h / 2
    return Box.around((x, bottom), size)
