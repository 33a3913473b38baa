"""The JSON document of ``sahel-sim run --format json``, written event by event, its repeated parts shared.

The document (format :data:`FORMAT`, described by :func:`results_schema`'s
JSON Schema) holds what :meth:`SimulationResult.to_dict` holds, with three
kinds of repeated parts written once, in tables at the end of the document,
and named by their place (an integer from 0) where they were:

* ``checks``: every node of a reason tree (``test``, ``role``, ``text``,
  ``holds``, ``facts`` and its ``children`` as places in the table).  A
  finding's ``reasons``, a non-obligation's ``reason`` and ``checks`` are
  places in it.  One event of the Niger scenario has hundreds of findings
  whose trees are mostly the same few checks.
* ``clauses``: a finding's clause reference (``treaty``, ``treaty_name``,
  ``article``, ``clause``, ``text``, ``text_kind``, ``reference``,
  ``clause_confidence``), named by the finding's ``ref``; ``treaty``,
  ``article`` and ``clause`` stay in the finding too, for readers that
  filter on them.
* ``bases``: each uncertain fact a finding rests on (``fact``,
  ``confidence``, ``source``); ``rests_on`` lists places.

:func:`expand` gives back the document with every place replaced by what it
names, which is ``to_dict()``'s shape: nothing is lost.

Each event's findings are encoded as the event is judged and appended to
their list's section (:mod:`sahel_sim.report.spool`), each item on a line of
its own; once the last event is in, the sections are read back in the
document's order.  Memory holds one event's findings and the fingerprints of
the parts seen (at most :data:`SEEN` per table: past that, a part seen again
is written again, under a new place, which loses nothing).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Iterator, Sequence

from sahel_sim.engine.stream import ResultStream
from sahel_sim.report.spool import Sections

__all__ = ["FORMAT", "expand", "json_chunks", "render_json"]

#: The version of the document's shape; ``format`` in every document.  1 was the shape of ``to_dict()``.
FORMAT = 2
#: The lists filled event by event, in the document's order.
LISTS = ("events", "obligations", "permissions", "breaches", "non_obligations")
#: The tables of shared parts, after everything else.
TABLES = ("clauses", "bases", "checks")
#: The clause reference's fields that live in the ``clauses`` table only.
CLAUSE_ONLY = ("treaty_name", "text", "text_kind", "reference", "clause_confidence")
#: ... and those also kept in the finding.
CLAUSE_KEPT = ("treaty", "article", "clause")
#: Most fingerprints of shared parts remembered per table (memory stays flat on any number of events).
SEEN = 200_000


def render_json(streams: Sequence[ResultStream]) -> str:
    """The whole document as one string (one scenario: an object; several: a list of them)."""
    return "".join(json_chunks(streams))


def json_chunks(streams: Sequence[ResultStream]) -> Iterator[str]:
    """The document in pieces, without a final newline; each stream's events are read once."""
    if len(streams) == 1:
        yield from _document(streams[0], 0)
        return
    yield "["
    for i, stream in enumerate(streams):
        yield ("," if i else "") + "\n  "
        yield from _document(stream, 1)
    yield "\n]" if streams else "]"


def _line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class _Shared:
    """The tables of one document: parts written once, named by their place."""

    def __init__(self, parts: Sections, pad: str) -> None:
        self._parts, self._pad = parts, pad
        self._seen: dict[str, dict[bytes, int]] = {name: {} for name in TABLES}

    def place(self, table: str, part: dict[str, Any]) -> int:
        text = _line(part)
        key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
        seen = self._seen[table]
        found = seen.get(key)
        if found is not None:
            return found
        if len(seen) >= SEEN:
            seen.clear()
        at = self._parts.counts[table]
        self._parts.add(table, ("," if at else "") + "\n" + self._pad + text)
        seen[key] = at
        return at

    def check(self, tree: dict[str, Any]) -> int:
        node = {k: v for k, v in tree.items() if k != "children"}
        if "children" in tree:
            node["children"] = [self.check(c) for c in tree["children"]]
        return self.place("checks", node)

    def finding(self, f: dict[str, Any]) -> dict[str, Any]:
        ref = {k: f[k] for k in (*CLAUSE_KEPT, *CLAUSE_ONLY)}
        out: dict[str, Any] = {}
        for k, v in f.items():
            if k in CLAUSE_ONLY:
                if k == CLAUSE_ONLY[0]:
                    out["ref"] = self.place("clauses", ref)
            elif k == "rests_on":
                out[k] = [self.place("bases", b) for b in v]
            elif k in ("reasons", "checks"):
                out[k] = [self.check(c) for c in v]
            elif k == "reason":
                out[k] = self.check(v)
            else:
                out[k] = v
        return out

    def conflict(self, c: dict[str, Any]) -> dict[str, Any]:
        return {**c, "first": self.finding(c["first"]), "second": self.finding(c["second"])}


def _document(stream: ResultStream, level: int) -> Iterator[str]:
    pad = "  " * (level + 1)
    item_pad = pad + "  "
    with Sections(*LISTS, *TABLES) as parts:
        shared = _Shared(parts, item_pad)

        def add(name: str, item: dict[str, Any]) -> None:
            parts.add(name, ("," if parts.counts[name] else "") + "\n" + item_pad + _line(item))

        for result in stream:
            add("events", result.to_dict())
            for name, found in (("obligations", result.obligations), ("permissions", result.permissions),
                                ("breaches", result.breaches), ("non_obligations", result.non_obligations)):
                for f in found:
                    add(name, shared.finding(f.to_dict()))
        tail: dict[str, list[Any]] = {"conflicts": [shared.conflict(c.to_dict()) for c in stream.conflicts],
                                      "alternatives": [a.to_dict() for a in stream.alternatives]}
        yield "{\n" + f'{pad}"format": {FORMAT},\n{pad}"scenario": {_line(stream.scenario)},\n'
        yield f'{pad}"perspective": {_line(stream.perspective)}'
        for name in LISTS:
            yield from _list(name, parts, pad)
        for name, items in tail.items():
            yield f',\n{pad}"{name}": [' + "".join(("," if i else "") + "\n" + item_pad + _line(x)
                                                  for i, x in enumerate(items)) + (f"\n{pad}]" if items else "]")
        if stream.cascade is not None:
            yield f',\n{pad}"cascade": {_line(stream.cascade.to_dict())}'
        for name in TABLES:
            yield from _list(name, parts, pad)
    yield "\n" + "  " * level + "}"


def _list(name: str, parts: Sections, pad: str) -> Iterator[str]:
    if not parts.counts[name]:
        yield f',\n{pad}"{name}": []'
        return
    yield f',\n{pad}"{name}": ['
    yield from parts.read(name)
    yield f"\n{pad}]"


def expand(doc: Any) -> Any:
    """A document of format :data:`FORMAT` (or a list of them) with every shared part put back where it is named.

    The result has the shape of :meth:`SimulationResult.to_dict` (no
    ``format``, no tables): ``expand(json.loads(text)) == result.to_dict()``
    once both are JSON.

    Raises:
        ValueError: ``doc`` is not a results document of this format, or names a place its tables lack.
    """
    if isinstance(doc, list):
        return [expand(d) for d in doc]
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        found = doc.get("format") if isinstance(doc, dict) else type(doc).__name__
        raise ValueError(f"not a results document of format {FORMAT} (format: {found!r})")
    tables = {name: doc.get(name, []) for name in TABLES}

    def get(table: str, at: Any) -> Any:
        if not isinstance(at, int) or isinstance(at, bool) or not 0 <= at < len(tables[table]):
            raise ValueError(f"{table}[{at!r}]: no such entry ({len(tables[table])} in the table)")
        return tables[table][at]

    def tree(at: int) -> dict[str, Any]:
        node = dict(get("checks", at))
        if "children" in node:
            node["children"] = [tree(c) for c in node["children"]]
        return node

    def finding(f: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in f.items():
            if k == "ref":
                out.update(get("clauses", v))
            elif k == "rests_on":
                out[k] = [dict(get("bases", b)) for b in v]
            elif k in ("reasons", "checks"):
                out[k] = [tree(c) for c in v]
            elif k == "reason":
                out[k] = tree(v)
            else:
                out[k] = v
        return out

    out = {k: v for k, v in doc.items() if k != "format" and k not in TABLES}
    for name in LISTS[1:]:
        out[name] = [finding(f) for f in doc.get(name, [])]
    out["conflicts"] = [{**c, "first": finding(c["first"]), "second": finding(c["second"])}
                        for c in doc.get("conflicts", [])]
    return out
