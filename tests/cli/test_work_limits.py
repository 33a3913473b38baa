"""Every command refuses, before any work, a scenario bigger than it can finish within its stated bounds.

Before, 1,000 events (the file limit) took 234 s and 1.9 GB with ``--cascade
50`` and about 6 GB as JSON, and ``explain`` grew far faster still; now each
kind of work has a ceiling on events (:mod:`sahel_sim.cli.limits`, measured
by ``benchmarks/limits.py``) and a file past it is refused with the counts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_sim.cli import main
from sahel_sim.cli import limits

EVENT = "  - {id: e%d, date: 2025-06-01, kind: armed_attack, actors: [MRT], target: MLI}\n"


def _scenario(tmp_path: Path, events: int) -> Path:
    path = tmp_path / f"s{events}.yaml"
    path.write_text("scenario: many\nevents:\n" + "".join(EVENT % i for i in range(events)), encoding="utf-8")
    return path


@pytest.fixture()
def no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any simulation, timeline or flip search fails the test: the refusal must come first."""
    import sahel_sim.analysis.compare
    import sahel_sim.analysis.expectations
    import sahel_sim.analysis.flips
    import sahel_sim.analysis.timeline
    import sahel_sim.api

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("work started before the limit was checked")

    monkeypatch.setattr(sahel_sim.api, "simulate", never)
    monkeypatch.setattr(sahel_sim.analysis.timeline, "build_timeline", never)
    monkeypatch.setattr(sahel_sim.analysis.flips, "find_flips", never)
    monkeypatch.setattr(sahel_sim.analysis.compare, "compare_perspectives", never)
    monkeypatch.setattr(sahel_sim.analysis.expectations, "run_expectations", never)


@pytest.mark.parametrize(("work", "command"), [
    ("run", ["run", "{s}"]),
    ("json", ["run", "{s}", "-f", "json"]),
    ("cascade", ["run", "{s}", "--cascade", "50"]),
    ("compare", ["run", "{s}", "--compare-perspectives"]),
    ("check", ["check", "{s}"]),
    ("timeline", ["timeline", "{s}", "--from", "2025-01-01", "--to", "2025-12-31"]),
    ("explain", ["explain", "{s}", "--party", "TCD"]),
    ("graph", ["graph", "{s}", "--out", "{o}/g.gexf"]),
    ("cascade", ["graph", "{s}", "--out", "{o}/g.gexf", "--cascade", "2"]),
])
def test_one_event_past_the_limit_is_refused_before_any_work(work: str, command: list[str], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch, no_work: None,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(limits.EVENTS, work, 3)
    path = _scenario(tmp_path, 4)
    assert main([a.format(s=path, o=tmp_path) for a in command]) == 2
    err = capsys.readouterr().err
    assert f"s4.yaml: 4 events are more than '{limits._WHAT[work]}' takes on (3" in err
    assert "split the scenario" in err and "Traceback" not in err
    assert not (tmp_path / "g.gexf").exists()


def test_at_the_limit_the_command_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(limits.EVENTS, "json", 3)
    assert main(["run", str(_scenario(tmp_path, 3)), "-f", "json"]) == 0
    assert '"scenario": "many"' in capsys.readouterr().out


def test_the_documented_limits_are_the_file_limit_or_lower() -> None:
    from sahel_sim.scenario.yaml_source import Limits

    assert all(1 <= n <= Limits().max_events for n in limits.EVENTS.values())
    assert limits.EVENTS["run"] == Limits().max_events


def test_a_sweep_is_bounded_by_variants_times_events(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    import sahel_sim.analysis.sweep

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the sweep started before its size was checked")

    monkeypatch.setattr(sahel_sim.analysis.sweep, "run_sweep", never)
    path = _scenario(tmp_path, 20)
    assert main(["sweep", str(path), "--vary", "date=2023-01-01..2025-12-31", "-q"]) == 2
    err = capsys.readouterr().err
    assert "1,096 variants x 20 events make 21,920 event runs, more than a sweep takes on (20,000)" in err
