"""How much work each command takes on, checked before the work starts.

Files are bounded by :mod:`sahel_sim.scenario.yaml_source` (bytes, nodes,
depth, events), but the work a command does with a valid file grows with it,
and some commands (``explain``'s search for flips, a cascade, JSON with every
reason tree) grow much faster than ``run``'s table.  Each command therefore
has its own ceiling on events, chosen so that a file at the ceiling finishes
within the time and memory stated in the README ("Work limits", measured by
``python benchmarks/limits.py``); a bigger file is refused at once, with the
number, the ceiling and what to do.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from sahel_sim.scenario.load import Scenario

__all__ = ["EVENTS", "SWEEP_EVENT_RUNS", "check_events", "check_sweep"]

#: Most events one scenario may have, per kind of work.
EVENTS: dict[str, int] = {
    "run": 1000,            # tables, Markdown, CSV
    "check": 1000,
    "graph": 1000,
    "json": 1000,           # written event by event: memory flat (benchmarks/memory.py)
    "cascade": 100,         # --cascade N: response events, round after round
    "compare": 300,         # --compare-perspectives: one run per reading
    "timeline": 200,        # one run per change of the world between --from and --to
    "explain": 5,           # re-runs the scenario for every single and paired change of fact
}

#: Most variants x events one sweep may run.
SWEEP_EVENT_RUNS = 20_000

_WHAT = {
    "run": "run", "check": "check", "graph": "graph", "json": "run --format json", "cascade": "run --cascade",
    "compare": "run --compare-perspectives", "timeline": "timeline", "explain": "explain",
}


def check_events(scenario: Scenario, work: str, name: object = None) -> None:
    """Refuse ``scenario`` when it has more events than ``work`` takes on.

    Raises:
        SahelSimError: too many events; the message names the file, the
            counts and a way out.
    """
    limit = EVENTS[work]
    count = len(scenario.events)
    if count <= limit:
        return
    from sahel_sim.errors import SahelSimError, printable

    where = printable(name if name is not None else scenario.path or scenario.name)
    raise SahelSimError(f"{where}: {count:,} events are more than '{_WHAT[work]}' takes on ({limit:,}, so that it "
                        "finishes within the bounds stated in the README); split the scenario into smaller ones")


def check_sweep(scenario: Scenario, variants: int, name: object = None) -> None:
    """Refuse a sweep whose variants times events is more than :data:`SWEEP_EVENT_RUNS`."""
    runs = variants * len(scenario.events)
    if runs <= SWEEP_EVENT_RUNS:
        return
    from sahel_sim.errors import SahelSimError, printable

    where = printable(name if name is not None else scenario.path or scenario.name)
    raise SahelSimError(f"{where}: {variants:,} variants x {len(scenario.events):,} events make {runs:,} event runs, "
                        f"more than a sweep takes on ({SWEEP_EVENT_RUNS:,}); vary fewer values, or split the scenario")
