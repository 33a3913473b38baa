"""The documents the API answers with, built exactly as the command line builds them.

Each function takes a loaded scenario and the question's options and returns
the text (or bytes) that the matching command prints with ``--format json``
(or writes as SVG), so that the API and the command line agree byte for byte.
Nothing here knows about HTTP; :mod:`sahel_sim.web.app` only routes to it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sahel_sim.errors import SahelSimError, UnknownEntityError, suggest
from sahel_sim.scenario.load import Scenario

__all__ = ["Question", "compare_document", "dumps", "flips_document", "picture_svg", "run_document",
           "schema_document", "timeline_document", "translated", "treaties_document", "treaty_document", "validation_summary"]


@dataclass(frozen=True, slots=True)
class Question:
    """What a run is asked: the reading, the date, the parties to judge, the cascade's rounds."""

    perspective: str | None = None
    as_of: date | None = None
    parties: tuple[str, ...] = field(default=())
    cascade: int = 0


def dumps(doc: Any, *, ascii_only: bool = False) -> str:
    """JSON text as the command line prints it: indented by two, a final newline."""
    return json.dumps(doc, indent=2, ensure_ascii=ascii_only) + "\n"


def run_document(scenario: Scenario, q: Question) -> str:
    """``sahel-sim run FILE --format json`` with the same options (the same writer, event by event)."""
    from sahel_sim.api import stream
    from sahel_sim.report.results_json import json_chunks

    _check_parties(scenario, q.parties)
    found = stream(scenario, perspective=q.perspective, as_of=q.as_of, parties=list(q.parties), cascade=q.cascade)
    return "".join(json_chunks([found])) + "\n"


def compare_document(scenario: Scenario, q: Question) -> str:
    """``sahel-sim run FILE --compare-perspectives --format json``."""
    from sahel_sim.analysis.compare import compare_perspectives

    _check_parties(scenario, q.parties)
    comparison = compare_perspectives(scenario, as_of=q.as_of, parties=list(q.parties), conflicts=False)
    return dumps(comparison.to_dict())


def flips_document(scenario: Scenario, party: str, *, treaty: str | None = None, perspective: str | None = None,
                   limit: int = 20) -> str:
    """``sahel-sim explain FILE --party P --format json``."""
    from sahel_sim.analysis.flips import find_flips

    _check_parties(scenario, (party,))
    if treaty and scenario.world.treaty(treaty) is None:
        hint = suggest(treaty, [t.id for t in scenario.world.treaties])
        raise UnknownEntityError(f"treaty {treaty}: no such treaty" + (f"; {hint}" if hint else ""))
    flips = find_flips(scenario, party, treaty=treaty, perspective=perspective, limit=limit)
    return dumps({"party": party, "treaty": treaty, "flips": [f.to_dict() for f in flips]})


def timeline_document(scenario: Scenario, start: date, end: date, *, perspective: str | None = None,
                      svg: bool = False) -> str:
    """``sahel-sim timeline FILE --from A --to B --format json`` (or ``svg``)."""
    from sahel_sim.analysis.timeline import build_timeline

    if end < start:
        raise SahelSimError(f"to {end} is before from {start}")
    timeline = build_timeline(scenario, start, end, perspective=perspective)
    if svg:
        from sahel_sim.errors import printable
        from sahel_sim.report.picture import timeline_picture

        text = printable(timeline_picture(timeline, "svg").decode("utf-8"), keep_newlines=True, unicode_escapes=True)
        return text if text.endswith("\n") else text + "\n"
    return dumps(timeline.to_dict())


def picture_svg(scenario: Scenario, q: Question) -> bytes:
    """``sahel-sim graph FILE --out picture.svg``: the world and its obligations."""
    from sahel_sim.report.picture import scenario_picture

    result = _simulate(scenario, q)
    return scenario_picture(scenario, result, "svg", as_of=q.as_of, cascade=q.cascade)


def treaties_document() -> str:
    """``sahel-sim treaties --format json``: every shipped treaty with its clauses' texts."""
    return dumps([t.model_dump(mode="json") for t in _treaties()])


def treaty_document(treaty_id: str) -> str:
    """``sahel-sim treaties ID --format json``.

    Raises:
        UnknownEntityError: no shipped treaty has this id.
    """
    from sahel_sim.library import find_treaty

    return dumps(find_treaty(list(_treaties()), treaty_id).model_dump(mode="json"))


def schema_document() -> str:
    """``sahel-sim schema``: the JSON Schema of scenario files."""
    from sahel_sim.scenario.schema import json_schema

    return json.dumps(json_schema(), indent=2) + "\n"


def validation_summary(scenario: Scenario) -> dict[str, Any]:
    """What ``sahel-sim validate`` says of a valid file, as data."""
    expect = scenario.expect
    expectations = len(expect.obligated) + len(expect.not_obligated) if expect else 0
    actors = sorted(a.id for a in scenario.world.actors)
    dates = sorted(e.date.isoformat() for e in scenario.events)
    return {"valid": True, "scenario": scenario.name, "events": len(scenario.events),
            "expectations": expectations, "dates": dates, "actors": actors,
            "perspectives": sorted(p.id for p in scenario.world.perspectives),
            "perspective": scenario.spec.perspective}


def translated(sentences: list[str], language: str) -> list[str]:
    """Each sentence in ``language``, as ``--lang`` renders it (a sentence no catalog knows comes back as it is)."""
    import contextvars

    from sahel_sim.report.i18n import tr, use

    def run() -> list[str]:
        use(language)  # in a copy of the context: the server's own language does not change
        return [tr(s) for s in sentences]

    return contextvars.copy_context().run(run)


def _simulate(scenario: Scenario, q: Question) -> Any:
    from sahel_sim.api import simulate

    _check_parties(scenario, q.parties)
    return simulate(scenario, perspective=q.perspective, as_of=q.as_of, parties=list(q.parties), cascade=q.cascade)


def _check_parties(scenario: Scenario, parties: tuple[str, ...]) -> None:
    """Refuse an unknown party with a suggestion, in the command line's one wording."""
    from sahel_sim.api import check_parties

    check_parties(scenario.world, parties)


_TREATIES: list[Any] = []


def _treaties() -> tuple[Any, ...]:
    """The shipped treaties, read once per process (they are package data and do not change)."""
    if not _TREATIES:
        from sahel_sim.library import shipped_treaties

        _TREATIES.extend(shipped_treaties())
    return tuple(_TREATIES)
