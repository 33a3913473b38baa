"""``sahel-sim graph``: pictures and graph files of the world with its obligations."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import networkx as nx
import pytest

from sahel_sim.cli import Exit, main

INTERVENTION = Path(__file__).resolve().parents[2] / "scenarios" / "ecowas-intervention-niger-2023-10.yaml"
AES = {"MLI", "BFA", "NER"}


def require(module: str):
    """Import an optional extra: missing is a failure on CI, a skip elsewhere."""
    if os.environ.get("CI"):
        return importlib.import_module(module)
    return pytest.importorskip(module)


def read(path: Path) -> nx.MultiDiGraph:
    return nx.read_graphml(path) if path.suffix == ".graphml" else nx.read_gexf(path)


def obligation_edges(g: nx.MultiDiGraph) -> set[tuple[str, str, str, str]]:
    return {(u, v, d["treaty"], str(d["article"])) for u, v, d in g.edges(data=True) if d.get("kind") == "obligation"}


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_graph_files_parse_back_with_the_aes_states_and_obligations(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"world{suffix}"
    assert main(["graph", str(INTERVENTION), "--out", str(out)]) == Exit.OK
    g = read(out)
    assert AES | {"NGA", "SEN", "CIV", "BEN"} <= set(g.nodes)
    edges = obligation_edges(g)
    assert {("MLI", "NER", "liptako-gourma-charter", "6"), ("BFA", "NER", "liptako-gourma-charter", "6")} <= edges
    breaches = {(u, v, d["treaty"], str(d["article"]), d["status"]) for u, v, d in g.edges(data=True)
                if d.get("kind") == "breach"}
    assert ("NGA", "NER", "ecowas-non-aggression-1978", "1", "in_breach") in breaches
    assert g.nodes["NER"]["label"] == "Niger"
    assert float(g.nodes["NER"]["lon"]) == pytest.approx(8.1)
    memberships = {(u, v) for u, v, d in g.edges(data=True) if d.get("kind") == "membership"}
    assert {("MLI", "AES"), ("MLI", "ECOWAS")} <= memberships


def test_graph_is_as_of_the_date(tmp_path: Path) -> None:
    out = tmp_path / "after.graphml"
    assert main(["graph", str(INTERVENTION), "--as-of", "2025-03-01", "--out", str(out)]) == Exit.OK
    g = read(out)
    memberships = {(u, v) for u, v, d in g.edges(data=True) if d.get("kind") == "membership"}
    assert ("MLI", "AES") in memberships and ("MLI", "ECOWAS") not in memberships
    assert {t for _, _, t, _ in obligation_edges(g)} == {"liptako-gourma-charter"}
    assert g.graph["date"] == "2025-03-01"


@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_pictures(tmp_path: Path, suffix: str, magic: bytes) -> None:
    require("matplotlib")
    out = tmp_path / f"world{suffix}"
    assert main(["graph", str(INTERVENTION), "--out", str(out)]) == Exit.OK
    assert out.read_bytes().startswith(magic)
    if suffix == ".svg":
        text = out.read_text(encoding="utf-8")
        assert 'id="obligation:MLI-&gt;NER:liptako-gourma-charter:6"' in text


def test_cascade_picture(tmp_path: Path) -> None:
    require("matplotlib")
    out = tmp_path / "cascade.svg"
    assert main(["graph", str(INTERVENTION), "--cascade", "2", "--out", str(out)]) == Exit.OK
    assert "cascade-event:intervention&gt;MLI-NGA" in out.read_text(encoding="utf-8")


def test_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "world.graphml"
    out.write_text("keep me", encoding="utf-8")
    assert main(["graph", str(INTERVENTION), "--out", str(out)]) == Exit.INPUT_ERROR
    assert "already exists; use --force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["graph", str(INTERVENTION), "--out", str(out), "--force"]) == Exit.OK
    assert read(out).number_of_nodes() > 10
    assert [p.name for p in tmp_path.iterdir()] == ["world.graphml"]  # no temporary file left behind


def test_refuses_to_overwrite_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "s.gexf"
    src.write_text(INTERVENTION.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["graph", str(src), "--out", str(src), "--force"]) == Exit.INPUT_ERROR
    assert "one of the input files" in capsys.readouterr().err


def test_unknown_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(INTERVENTION), "--out", str(tmp_path / "x.jpg")]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert "unknown format '.jpg'" in err and ".png" in err and ".gexf" in err and "Traceback" not in err


def test_missing_matplotlib_is_an_input_error_with_the_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    assert main(["graph", str(INTERVENTION), "--out", str(tmp_path / "x.png")]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert "pip install 'sahel-sim[plot]'" in err and "Traceback" not in err
    assert not (tmp_path / "x.png").exists()


def test_bad_scenario_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(tmp_path / "missing.yaml"), "--out", str(tmp_path / "x.graphml")]) == Exit.INPUT_ERROR
    assert "Traceback" not in capsys.readouterr().err


def test_out_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(INTERVENTION)]) == Exit.INPUT_ERROR
    assert "--out" in capsys.readouterr().err
