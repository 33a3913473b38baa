"""The world on a date, with a run's obligations, as GraphML or GEXF (for Gephi and other tools).

The engine's graph carries model objects and dates as attributes, which the
NetworkX writers cannot store: they take str, int, float and bool only.  So
the export is a *copy* of the graph as of one day (edges that do not hold
that day are left out) with plain attributes: ids, names, kinds, ISO dates,
and rough coordinates for actors.  Each obligation of the run is added as an
edge ``kind=obligation`` from obligor to beneficiary, with its treaty,
article, duty, means, strength, event and round.  GEXF additionally gets
Gephi's ``viz`` positions (longitude, latitude) and treaty colours.  A
*dynamic* export (``graph --dynamic``) keeps the whole dated world instead,
each edge with ``start``/``end``, for Gephi's timeline.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any, Mapping

import networkx as nx

from sahel_sim.engine.findings import SimulationResult
from sahel_sim.graph.build import treaty_node

__all__ = ["FORMATS", "export_graph", "graph_bytes"]

FORMATS = (".graphml", ".gexf")
SCALAR = (str, int, float, bool)


def export_graph(scenario: Any, result: SimulationResult, day: date | None = None, *,
                 dynamic: bool = False) -> nx.MultiDiGraph:
    """A plain-attribute MultiDiGraph: the world as of ``day`` plus one edge per obligation.

    ``day`` defaults to the first event's date.  ``dynamic`` keeps every
    dated edge of the world instead, each with ``start`` (its ``since``) and
    ``end`` (the last day it holds: the day before its ``until``), and each
    finding from the day it binds, so that Gephi's timeline replays the dated
    world: GEXF's intervals include both ends.
    """
    from sahel_sim.graph import as_of

    when = day or min(e.event.date for e in result.events)
    view = scenario.graph if dynamic else as_of(scenario.graph, when)
    out = nx.MultiDiGraph(scenario=result.scenario, perspective=result.perspective, date=when.isoformat())
    if dynamic:
        out.graph["mode"] = "dynamic"
    treaties = scenario.compiled.models  # a treaty's node holds its parties; its names are the treaty's
    for node, data in view.nodes(data=True):
        out.add_node(node, **_node_attrs(node, data, treaties))
    for u, v, data in view.edges(data=True):
        attrs = _plain({k: x for k, x in data.items() if k not in ("record", "entry")})
        if dynamic and data.get("since") is not None:
            attrs["start"] = data["since"].isoformat()
            if data.get("until") is not None:
                attrs["end"] = (data["until"] - timedelta(days=1)).isoformat()
        out.add_edge(u, v, **attrs)
    kinds = {"may_act": "permission", "in_breach": "breach"}
    for o in result.obligations + result.permissions + result.breaches:
        if o.beneficiary is None:
            out.nodes[o.obligor]["obligations_without_beneficiary"] = (
                out.nodes[o.obligor].get("obligations_without_beneficiary", 0) + 1)
            continue
        out.add_edge(o.obligor, o.beneficiary, kind=kinds.get(o.status, "obligation"), status=o.status,
                     modality=o.modality, contested=o.contested, confidence=o.confidence, treaty=o.treaty,
                     treaty_name=o.ref.treaty_name, article=o.article or "", clause=o.ref.clause or "", duty=o.duty,
                     means=o.means, strength=o.strength, event=o.event, date=o.date.isoformat(), round=o.round,
                     against=", ".join(o.against),
                     **({"start": (o.binding_from or o.date).isoformat()} if dynamic else {}))
    return out


def graph_bytes(graph: nx.MultiDiGraph, suffix: str) -> bytes:
    """The graph written as ``.graphml`` or ``.gexf`` (GEXF gains Gephi positions and colours)."""
    buf = io.BytesIO()
    if suffix == ".graphml":
        nx.write_graphml(graph, buf)
    elif suffix == ".gexf":
        nx.write_gexf(_with_viz(graph), buf)
    else:
        raise ValueError(f"unknown graph format {suffix!r}; expected one of {', '.join(FORMATS)}")
    return buf.getvalue()


def _node_attrs(node: str, data: dict[str, Any], treaties: Mapping[str, Any]) -> dict[str, Any]:
    model = data.get("model")
    attrs = _plain({k: v for k, v in data.items() if k not in ("model", "parties")})
    if data.get("kind") == "actor":
        attrs.update(label=model.name, name=model.name)
        attrs.update({k: getattr(model, k) for k in ("lat", "lon") if getattr(model, k) is not None})
    elif data.get("kind") == "treaty":
        treaty = treaties[node.removeprefix(treaty_node(""))]
        attrs.update(label=treaty.title, name=treaty.name)
    elif data.get("kind") == "territory":
        attrs.update(label=model.name, name=model.name)
    return attrs


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """Only values the writers can store: dates as ISO text, enums by value, None left out."""
    out: dict[str, Any] = {}
    for k, v in data.items():
        if v is None:
            continue
        if isinstance(v, date):
            v = v.isoformat()
        elif hasattr(v, "value") and isinstance(v.value, SCALAR):
            v = v.value
        if isinstance(v, SCALAR):
            out[k] = v
        else:
            out[k] = str(v)
    return out


def _with_viz(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with Gephi's ``viz`` attributes: position from lon/lat, colour of obligations by treaty."""
    from sahel_sim.report.plots import treaty_colours

    g = graph.copy()
    for _, data in g.nodes(data=True):
        if "lon" in data and "lat" in data:
            data["viz"] = {"position": {"x": float(data["lon"]) * 10, "y": float(data["lat"]) * 10, "z": 0.0}}
    colours = treaty_colours({d["treaty"] for _, _, d in g.edges(data=True) if d.get("kind") == "obligation"})
    for _, _, data in g.edges(data=True):
        if data.get("kind") == "obligation":
            hexa = colours[data["treaty"]].lstrip("#")
            r, gr, b = (int(hexa[i:i + 2], 16) for i in (0, 2, 4))
            data["viz"] = {"color": {"r": r, "g": gr, "b": b, "a": 1.0}}
    return g
