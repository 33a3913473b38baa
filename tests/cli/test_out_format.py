"""``--out`` picks the format from its suffix for every command, and refuses a contradicting ``--format``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from sahel_sim.cli import Exit, main

FIXTURE = Path(__file__).parents[1] / "fixtures" / "intervention-2023-10.yaml"


@pytest.fixture
def s1(tmp_path: Path) -> Path:
    path = tmp_path / "s1.yaml"
    path.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["r.json", "R.JSON"])
def test_run_out_json_writes_json(s1: Path, name: str) -> None:
    out = s1.parent / name
    assert main(["run", str(s1), "--out", str(out)]) == Exit.OK
    assert json.loads(out.read_text(encoding="utf-8"))["scenario"] == "ECOWAS intervention in Niger"


def test_run_out_markdown_and_csv(s1: Path) -> None:
    md, table = s1.parent / "r.md", s1.parent / "r.csv"
    assert main(["run", str(s1), "--out", str(md)]) == Exit.OK
    assert md.read_text(encoding="utf-8").startswith("# ")
    assert main(["run", str(s1), "--out", str(table)]) == Exit.OK
    assert next(csv.reader(io.StringIO(table.read_text(encoding="utf-8"))))[0]


def test_unknown_suffix_keeps_the_default(s1: Path) -> None:
    out = s1.parent / "report.out"
    assert main(["run", str(s1), "--out", str(out)]) == Exit.OK
    assert "Bound (" in out.read_text(encoding="utf-8")


def test_matching_format_is_accepted_whatever_its_case(s1: Path) -> None:
    out = s1.parent / "r.json"
    assert main(["run", str(s1), "--out", str(out), "--format", "JSON"]) == Exit.OK
    assert json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("argv, needle", [
    (["run", "{s1}", "--out", "{dir}/r.json", "--format", "markdown"], "--out {dir}/r.json names a json file, but --format is markdown"),
    (["run", "{s1}", "--out", "{dir}/r.svg"], "this command cannot write svg"),
    (["explain", "{s1}", "--party", "MLI", "--out", "{dir}/r.md"], "this command cannot write markdown"),
    (["timeline", "{s1}", "--from", "2023-01-01", "--to", "2023-12-31", "--out", "{dir}/t.csv"], "cannot write csv"),
    (["timeline", "{s1}", "--from", "2023-01-01", "--to", "2023-12-31", "--out", "{dir}/t.svg", "-f", "json"],
     "names a svg file, but --format is json"),
    (["schema", "--out", "{dir}/s.md"], "it writes json (name the file .json)"),
    (["sweep", "{s1}", "--out", "{dir}/s.parquet", "--format", "csv"], "names a parquet file, but --format is csv"),
])
def test_mismatch_is_refused_before_anything_is_written(s1: Path, argv: list[str], needle: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    fill = {"s1": str(s1), "dir": str(s1.parent)}
    assert main([a.format(**fill) for a in argv]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert needle.format(**fill) in err and "Traceback" not in err
    assert sorted(p.name for p in s1.parent.iterdir()) == ["s1.yaml"]


def test_timeline_out_svg_draws_svg(s1: Path) -> None:
    out = s1.parent / "t.svg"
    assert main(["timeline", str(s1), "--from", "2023-07-01", "--to", "2023-12-31", "--out", str(out)]) == Exit.OK
    assert "<svg" in out.read_text(encoding="utf-8")


def test_plot_extra_is_matplotlib_only_and_graph_names_it() -> None:
    import tomllib

    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert [d.split(">")[0] for d in project["optional-dependencies"]["plot"]] == ["matplotlib"]
    assert project["license"] == "MIT"


def test_no_arguments_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == Exit.OK
    out = capsys.readouterr().out
    for command in ("run", "check", "graph", "validate", "treaties", "schema"):
        assert f"    {command}" in out
