"""The probe of a duty to assist judges only the treaties that forbid something, and finds what judging all finds.

Carrying out a duty to assist can breach only a prohibition, so the probe
(:mod:`sahel_sim.engine.conflicts`) judges the treaties with a prohibition
clause and leaves the rest out.  Each treaty is judged on its own, so the
conflicts are those of a probe that judges every treaty.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_sim import load_scenario, simulate
from sahel_sim.api import library_readings, reading_worlds
from sahel_sim.clauses.treaty import Modality
from sahel_sim.engine import conflicts
from sahel_sim.engine.cascade import is_armed_assistance
from sahel_sim.graph.compiled import compile_world
from sahel_sim.library import library_world

SCENARIOS = sorted((Path(__file__).parents[2] / "scenarios").glob("*.yaml"))


def test_the_probe_reads_exactly_the_treaties_with_a_prohibition_clause() -> None:
    world = compile_world(library_world())
    got = conflicts.refraining(world)
    assert got, "the library forbids force somewhere (UN Charter Art. 2(4), the 1978 Non-Aggression Protocol)"
    assert {"un-charter", "ecowas-non-aggression-1978"} <= got
    for t in world.treaties:
        forbids = any(c.clause.modality is Modality.prohibition for c in t.clauses)
        assert (t.treaty.id in got) is forbids, t.treaty.id


def test_judging_only_those_treaties_finds_every_conflict(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every shipped scenario with a duty to assist by armed force: the same conflicts as probes that judge
    every treaty."""
    library = library_readings()
    runs = {}
    for path in SCENARIOS:
        sc = load_scenario(path)
        result = simulate(sc, negatives=False, alternatives=False, readings=reading_worlds(sc, library))
        if any(is_armed_assistance(o) for o in result.obligations):  # others are never probed
            runs[path.name] = (sc, result.conflicts)
    assert len(runs) >= 10 and sum(len(c) for _, c in runs.values()) >= 26, "the Niger scenarios' conflicts at least"
    monkeypatch.setattr(conflicts, "refraining", lambda world: frozenset(t.treaty.id for t in world.treaties))
    for name, (sc, found) in runs.items():
        every = simulate(sc, negatives=False, alternatives=False,
                         readings=reading_worlds(sc, library)).conflicts
        assert every == found, name
