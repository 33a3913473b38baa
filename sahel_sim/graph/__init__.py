"""The world as a dated NetworkX graph, and the queries the engine asks of it."""

from sahel_sim.graph.build import build_graph
from sahel_sim.graph.views import as_of

__all__ = ["as_of", "build_graph"]
