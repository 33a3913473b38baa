"""A cascade expectation is checked against a lean cascade (no "why not"): what it reads is the full run's."""

from __future__ import annotations

from pathlib import Path

from sahel_sim import load_scenario, simulate
from sahel_sim.analysis.expectations import run_expectations

SCENARIOS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))


def test_every_cascade_expectation_reads_what_the_full_cascade_gives() -> None:
    checked = 0
    for path in SCENARIOS:
        scenario = load_scenario(path)
        if scenario.expect is None or scenario.expect.cascade is None:
            continue
        want = scenario.expect.cascade
        full = simulate(scenario, cascade=want.rounds, conflicts=False, alternatives=False).cascade
        outcomes = [o for o in run_expectations(scenario) if o.kind == "cascade"]
        assert len(outcomes) == len(want.drawn_in) + (want.fixpoint is not None), path.name
        for o, expected in zip(outcomes, want.drawn_in):
            got = full.drawn_in_by(expected.round)
            assert o.met == (set(got) == set(expected.actors)), path.name
            assert o.detail.startswith(f"drawn in by round {expected.round}: {', '.join(got) or 'nobody'}"), path.name
        if want.fixpoint is not None:
            assert outcomes[-1].met == (full.fixpoint == want.fixpoint), path.name
            assert ("fixpoint reached" in outcomes[-1].detail) == full.fixpoint, path.name
        checked += 1
    assert checked  # some shipped scenario expects a cascade
