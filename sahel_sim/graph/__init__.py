"""The world as a dated NetworkX graph, the queries the engine asks of it, and the compiled world."""

from sahel_sim.graph.build import build_graph
from sahel_sim.graph.compiled import CompiledWorld, compile_world
from sahel_sim.graph.views import as_of

__all__ = ["CompiledWorld", "as_of", "build_graph", "compile_world"]
