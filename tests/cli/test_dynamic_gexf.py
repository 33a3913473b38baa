"""``graph --dynamic``: a GEXF whose timeline replays the dated world (memberships, parties, findings)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from sahel_sim.cli import Exit, main

NIGER = Path(__file__).resolve().parents[2] / "scenarios" / "ecowas-intervention-niger-2023-10.yaml"


@pytest.fixture(scope="module")
def dynamic(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    out = tmp_path_factory.mktemp("gexf") / "world.gexf"
    assert main(["graph", str(NIGER), "--out", str(out), "--dynamic"]) == Exit.OK
    text = out.read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    return nx.read_gexf(out)


def _edges(g: nx.MultiDiGraph, u: str, v: str, kind: str) -> list[dict]:
    return [d for a, b, d in g.edges(data=True) if (a, b) == (u, v) and d.get("kind") == kind]


def test_memberships_carry_their_dates(dynamic: nx.MultiDiGraph) -> None:
    (ecowas,) = _edges(dynamic, "MLI", "ECOWAS", "membership")
    assert ecowas["start"] == "1975-05-28" and ecowas["end"] == "2025-01-28"  # until 2025-01-29, exclusive
    (aes,) = _edges(dynamic, "MLI", "AES", "membership")
    assert aes["start"] == "2023-09-16" and "end" not in aes  # still a member


def test_the_whole_dated_world_not_one_day(dynamic: nx.MultiDiGraph, tmp_path: Path) -> None:
    snapshot = tmp_path / "day.gexf"
    assert main(["graph", str(NIGER), "--out", str(snapshot)]) == Exit.OK
    static = nx.read_gexf(snapshot)
    ended = [d for _, _, d in dynamic.edges(data=True) if "end" in d and date.fromisoformat(d["end"]) < date(2023, 10, 1)]
    assert ended  # edges over before the event are in the dynamic file ...
    assert all("start" not in d for _, _, d in static.edges(data=True))  # ... and the snapshot has no dates
    assert dynamic.number_of_edges() > static.number_of_edges()


def test_findings_start_on_the_day_they_bind(dynamic: nx.MultiDiGraph) -> None:
    (mali,) = [d for d in _edges(dynamic, "MLI", "NER", "obligation") if d["treaty"] == "liptako-gourma-charter"]
    assert mali["start"] == "2023-10-01"
    breach = [d for d in _edges(dynamic, "NGA", "NER", "breach")]
    assert breach and all(d["start"] == "2023-10-01" for d in breach)


@pytest.mark.parametrize("name", ["world.graphml", "world.png"])
def test_dynamic_is_for_gexf_only(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(NIGER), "--out", str(tmp_path / name), "--dynamic"]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert "--dynamic writes GEXF" in err and "name the file world.gexf, or drop --dynamic" in err
    assert not (tmp_path / name).exists()
