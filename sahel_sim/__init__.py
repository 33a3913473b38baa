"""sahel-sim: who is legally bound to respond, under which clause, and why.

A rule-based simulator of mutual-defence pacts.  Treaties are data (YAML
clauses over a dated NetworkX world graph); scenarios are events; the result
lists every obligation with its clause and reasons, and every non-obligation
with the condition that failed.

Examples:
    >>> from sahel_sim import load_scenario, simulate      # doctest: +SKIP
    >>> result = simulate(load_scenario("scenarios/ecowas-intervention-niger.yaml"))  # doctest: +SKIP
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from typing import Any


__all__ = [
    "SahelSimError",
    "Scenario",
    "ScenarioError",
    "SimulationResult",
    "UnknownEntityError",
    "__version__",
    "build_timeline",
    "compare_perspectives",
    "draw_cascade",
    "draw_timeline",
    "draw_world",
    "explore",
    "export_graph",
    "library_world",
    "load_scenario",
    "on_date",
    "scenario_from_text",
    "simulate",
    "sweep",
    "with_accession",
    "with_event_changes",
    "with_perspective",
    "without_membership",
]

#: The release (from ``_version``, which the build reads too), known without touching package
#: metadata, so ``sahel-sim --version`` costs what ``--help`` costs.
from sahel_sim._version import __version__  # noqa: E402

_LAZY = {
    "SahelSimError": "sahel_sim.errors",
    "ScenarioError": "sahel_sim.errors",
    "UnknownEntityError": "sahel_sim.errors",
    "Scenario": "sahel_sim.scenario.load",
    "load_scenario": "sahel_sim.scenario.load",
    "scenario_from_text": "sahel_sim.scenario.load",
    "SimulationResult": "sahel_sim.engine.findings",
    "library_world": "sahel_sim.library",
    "simulate": "sahel_sim.api",
    "sweep": "sahel_sim.analysis.sweep",
    "build_timeline": "sahel_sim.analysis.timeline",
    "compare_perspectives": "sahel_sim.analysis.compare",
    "draw_cascade": "sahel_sim.report.plots",
    "draw_timeline": "sahel_sim.report.plots",
    "draw_world": "sahel_sim.report.plots",
    "explore": "sahel_sim.report.explore",
    "export_graph": "sahel_sim.report.graph_export",
    "on_date": "sahel_sim.whatif",
    "with_accession": "sahel_sim.whatif",
    "with_event_changes": "sahel_sim.whatif",
    "with_perspective": "sahel_sim.whatif",
    "without_membership": "sahel_sim.whatif",
}


def _frame(result: Any, kind: str = "obligations") -> Any:
    from sahel_sim.report.frames import frame

    return frame(result, kind)


def _result_html(result: Any) -> str:
    from sahel_sim.report.html import result_html

    return result_html(result)


def _scenario_html(scenario: Any) -> str:
    from sahel_sim.report.html import scenario_html

    return scenario_html(scenario)


def _sweep_frame(rows: Any) -> Any:
    from sahel_sim.report.frames import sweep_frame

    return sweep_frame(rows)


def _register_views() -> None:
    """The report's views of results and scenarios (imported on first use)."""
    from sahel_sim import display

    display.register("frame", _frame)
    display.register("result_html", _result_html)
    display.register("scenario_html", _scenario_html)
    display.register("sweep_frame", _sweep_frame)


_register_views()


def __getattr__(name: str) -> Any:
    """Import public names on first use, so ``sahel-sim --help`` stays fast."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'sahel_sim' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
