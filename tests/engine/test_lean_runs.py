"""A lean run (``simulate(negatives=False)``) with the contested readings: the same duties, permissions and
breaches as the full run, each marked contested alike, and no error where a reading gives a status the
lean run does not report."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_sim.api import simulate
from sahel_sim.scenario.load import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def positives(result) -> set[tuple]:
    return {(e.event.id, f.treaty, f.ref.clause, f.obligor, f.status, tuple(r.alternative for r in f.readings))
            for e in result.events for f in e.breaches + e.obligations + e.permissions}


# Brussels: under a reading the other EU members are within Art. 42(7), not invoked, a status of their own that
# a lean run does not list (it raised KeyError); Niger: duties contested under the Charter's ratification reading.
@pytest.mark.parametrize("name", ["brussels-attacks-2016-article-42-7", "ecowas-intervention-niger-2023-10"])
@pytest.mark.parametrize("cascade", [0, 1])
def test_a_lean_run_keeps_every_positive_finding_and_its_readings(name: str, cascade: int) -> None:
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    full = simulate(scenario, cascade=cascade)
    lean = simulate(scenario, cascade=cascade, negatives=False)
    assert positives(lean) == positives(full)
    assert positives(full)  # the comparison is not between two empty sets
