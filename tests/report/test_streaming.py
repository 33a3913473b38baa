"""Reports written event by event: the same documents, without holding every event's findings."""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import weakref
from pathlib import Path
from typing import Any, Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sahel_sim import scenario_from_text, simulate
from sahel_sim.api import stream
from sahel_sim.cli import main
from sahel_sim.engine.findings import EventResult, SimulationResult
from sahel_sim.engine.stream import ResultStream
from sahel_sim.errors import OutputError
from sahel_sim.report import markdown
from sahel_sim.report.csv_out import csv_chunks, render_csv
from sahel_sim.report.markdown import markdown_chunks, render_results
from sahel_sim.report.results_json import expand, json_chunks
from sahel_sim.report.spool import Sections
from sahel_sim.report.write import write_chunks

TARGETS = ("MLI", "NER", "BFA", "SEN")
ATTACKS = "scenario: four attacks\nevents:\n" + "".join(
    f"  - {{id: e{i}, date: 2025-06-0{i + 1}, kind: armed_attack, actors: [MRT], target: {t}}}\n"
    for i, t in enumerate(TARGETS))


@pytest.fixture(scope="module")
def attacks() -> Any:
    return scenario_from_text(ATTACKS)


@pytest.fixture(scope="module")
def whole(attacks: Any) -> SimulationResult:
    return simulate(attacks)


class Tracked(EventResult):
    """An event result that can be watched (a weak reference) to see when the writer lets it go."""


def watched(result: SimulationResult, alive: list[weakref.ref[Any]]) -> ResultStream:
    """A stream over ``result``'s events that checks, as each is asked for, that the writer kept none but the last."""
    def events() -> Iterator[EventResult]:
        for e in result.events:
            gc.collect()
            held = [r for r in alive[:-1] if r() is not None]
            assert not held, f"{len(held)} earlier events still held when the next is asked for"
            tracked = Tracked(**{f.name: getattr(e, f.name) for f in dataclasses.fields(EventResult)})
            alive.append(weakref.ref(tracked))
            yield tracked

    return ResultStream(result.scenario, result.perspective, events(), alternatives=result.alternatives,
                        conflicts=result.conflicts)


@pytest.mark.parametrize("write", [lambda s: json_chunks([s]), lambda s: csv_chunks([s]),
                                   lambda s: markdown_chunks([s], explain=True)], ids=["json", "csv", "markdown"])
def test_writers_hold_one_event_at_a_time(whole: SimulationResult, write: Any) -> None:
    alive: list[weakref.ref[Any]] = []
    pieces = write(watched(whole, alive))
    first = next(pieces)  # nothing is judged before the document is asked for
    rest = "".join(pieces)
    assert len(alive) == len(whole.events) == 4, "every event was read, once"
    assert first + rest


def plain(value: Any) -> Any:
    return json.loads(json.dumps(value))


def test_streamed_documents_equal_the_whole_result(whole: SimulationResult, attacks: Any) -> None:
    assert expand(json.loads("".join(json_chunks([stream(attacks)])))) == plain(whole.to_dict())
    assert "".join(csv_chunks([stream(attacks)])) == render_csv([whole])
    assert "".join(markdown_chunks([stream(attacks)], explain=True)) == render_results([whole], explain=True)


def test_several_documents_are_a_list(whole: SimulationResult, attacks: Any) -> None:
    text = "".join(json_chunks([stream(attacks), stream(attacks)]))
    assert expand(json.loads(text)) == plain([whole.to_dict(), whole.to_dict()])
    assert "".join(json_chunks([])) == "[]"


def test_stream_collects_to_simulate(whole: SimulationResult, attacks: Any) -> None:
    assert stream(attacks).collect().to_dict() == whole.to_dict()
    lean = stream(attacks, conflicts=False, alternatives=False, negatives=False).collect()
    assert lean.to_dict() == simulate(attacks, conflicts=False, alternatives=False, negatives=False).to_dict()


def test_stream_is_read_once_and_conflicts_wait_for_the_end(attacks: Any) -> None:
    s = stream(attacks)
    with pytest.raises(RuntimeError, match="once every event"):
        _ = s.conflicts
    events = iter(s)
    next(events)
    with pytest.raises(RuntimeError, match="once every event"):
        _ = s.conflicts
    list(events)
    assert s.conflicts == simulate(scenario_from_text(ATTACKS)).conflicts
    with pytest.raises(RuntimeError, match="read once"):
        list(s)


def test_stream_checks_the_question_before_any_event(attacks: Any) -> None:
    from sahel_sim.errors import SahelSimError, UnknownEntityError

    with pytest.raises(UnknownEntityError, match="--party ZZZ: no such actor"):
        stream(attacks, parties=["ZZZ"])
    from datetime import date

    with pytest.raises(SahelSimError, match="out of range"):
        stream(attacks, as_of=date(1500, 1, 1))


@given(st.lists(st.sampled_from(["", " ", "a", "b ", "  c", "| x |"]), max_size=12))
def test_markdown_pieces_join_like_the_whole(lines: list[str]) -> None:
    assert "".join(markdown._joined(iter(lines))) == "\n".join(lines).rstrip() + "\n"


def test_sections_read_back_in_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    from sahel_sim.report import spool

    monkeypatch.setattr(spool, "BLOCK", 3)
    with Sections("a", "b") as parts:
        parts.add("b", "héllo")
        parts.add("b", " world")
        assert list(parts.read("a")) == [] and parts.counts == {"a": 0, "b": 2}
        assert list(parts.read("b")) == ["hél", "lo ", "wor", "ld"]


def test_write_chunks_failing_midway_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def pieces() -> Iterator[str]:
        yield "{"
        raise OutputError("the run stopped")

    with pytest.raises(OutputError, match="the run stopped"):
        write_chunks(target, pieces(), force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"], "no temporary file left behind"


def test_write_chunks_checks_the_target_before_the_first_piece(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    asked: list[str] = []

    def pieces() -> Iterator[str]:
        asked.append("made")
        yield "x"

    with pytest.raises(OutputError, match="already exists"):
        write_chunks(target, pieces())
    assert asked == [], "the refusal came before any work"


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_cli_streamed_report_to_a_file_and_to_stdout(fmt: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "attacks.yaml"
    path.write_text(ATTACKS, encoding="utf-8")
    assert main(["run", str(path), "-f", fmt]) == 0
    printed = capsys.readouterr().out
    out = tmp_path / "report.txt"
    assert main(["run", str(path), "-f", fmt, "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert out.read_text(encoding="utf-8") == printed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["attacks.yaml", "report.txt"]


def test_cli_error_before_any_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "attacks.yaml"
    path.write_text(ATTACKS, encoding="utf-8")
    out = tmp_path / "report.json"
    assert main(["run", str(path), str(path), "-f", "json", "--party", "ZZZ", "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "--party ZZZ: no such actor" in captured.err
    assert not out.exists()
