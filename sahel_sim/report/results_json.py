"""The JSON document of ``sahel-sim run --format json``, written event by event.

Each event's findings are encoded as the event is judged and appended to
their list's section (:mod:`sahel_sim.report.spool`); once the last event is
in, the sections are read back in the document's order.  Memory holds one
event's findings, whatever the number of events.
"""

from __future__ import annotations

import json
from typing import Any, Iterator, Sequence

from sahel_sim.engine.stream import ResultStream
from sahel_sim.report.spool import Sections

__all__ = ["json_chunks", "render_json"]

#: The lists filled event by event, in the document's order.
LISTS = ("events", "obligations", "permissions", "breaches", "non_obligations")


def render_json(streams: Sequence[ResultStream]) -> str:
    """The whole document as one string (one scenario: an object; several: a list of them)."""
    return "".join(json_chunks(streams))


def json_chunks(streams: Sequence[ResultStream]) -> Iterator[str]:
    """The document in pieces, as :func:`json.dumps` with ``indent=2`` would print it, without a final newline."""
    if len(streams) == 1:
        yield from _document(streams[0], 0)
        return
    yield "["
    for i, stream in enumerate(streams):
        yield ("," if i else "") + "\n  "
        yield from _document(stream, 1)
    yield "\n]" if streams else "]"


def _dumps(value: Any, level: int) -> str:
    """``value`` as it appears at nesting ``level`` of an indented document."""
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)


def _document(stream: ResultStream, level: int) -> Iterator[str]:
    pad = "  " * (level + 1)
    with Sections(*LISTS) as parts:
        for result in stream:
            _add(parts, "events", result.to_dict(), level)
            for name, found in (("obligations", result.obligations), ("permissions", result.permissions),
                                ("breaches", result.breaches), ("non_obligations", result.non_obligations)):
                for f in found:
                    _add(parts, name, f.to_dict(), level)
        yield "{\n" + f'{pad}"scenario": {_dumps(stream.scenario, level + 1)},\n'
        yield f'{pad}"perspective": {_dumps(stream.perspective, level + 1)}'
        for name in LISTS:
            if not parts.counts[name]:
                yield f',\n{pad}"{name}": []'
                continue
            yield f',\n{pad}"{name}": ['
            yield from parts.read(name)
            yield f"\n{pad}]"
    tail: dict[str, Any] = {"conflicts": [c.to_dict() for c in stream.conflicts],
                            "alternatives": [a.to_dict() for a in stream.alternatives]}
    if stream.cascade is not None:
        tail["cascade"] = stream.cascade.to_dict()
    for name, value in tail.items():
        yield f',\n{pad}"{name}": {_dumps(value, level + 1)}'
    yield "\n" + "  " * level + "}"


def _add(parts: Sections, name: str, item: dict[str, Any], level: int) -> None:
    pad = "  " * (level + 2)
    sep = "," if parts.counts[name] else ""
    parts.add(name, f"{sep}\n{pad}{_dumps(item, level + 2)}")
