"""Parquet output of ``sweep``: the same table as the CSV, typed as the CSV reads back; a clear message without pyarrow."""

from __future__ import annotations

import importlib
import io
import os
import sys
from pathlib import Path

import pytest

from sahel_sim.analysis.sweep import COLUMNS
from sahel_sim.cli import Exit, main

NIGER = Path(__file__).resolve().parents[2] / "scenarios" / "ecowas-intervention-niger-2023-10.yaml"
AXES = ["--vary", "date=2023-07-26..2023-10-26:30d", "--vary", "perspective=aes,literal", "-q"]


def require(module: str):
    """pyarrow is in the test extra: missing is a failure on CI, a skip elsewhere."""
    if os.environ.get("CI"):
        return importlib.import_module(module)
    return pytest.importorskip(module)


def test_parquet_holds_the_csv_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pd = require("pandas")
    require("pyarrow")
    out = tmp_path / "sweep.parquet"
    assert main(["sweep", str(NIGER), *AXES, "--out", str(out)]) == Exit.OK
    assert out.read_bytes()[:4] == b"PAR1"
    assert main(["sweep", str(NIGER), *AXES]) == Exit.OK
    from_csv = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
    from_parquet = pd.read_parquet(out).astype(str)
    assert tuple(from_parquet.columns) == COLUMNS and len(from_parquet) > 0
    assert from_parquet.to_dict("records") == from_csv.to_dict("records")


def test_parquet_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sweep", str(NIGER), *AXES, "--format", "parquet"]) == Exit.INPUT_ERROR
    assert "Parquet is binary: give --out FILE.parquet" in capsys.readouterr().err


def test_without_pyarrow_the_message_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    require("pandas")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "fastparquet", None)
    out = tmp_path / "sweep.parquet"
    assert main(["sweep", str(NIGER), *AXES, "--out", str(out)]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert "Parquet output needs pyarrow: pip install pyarrow" in err and "Traceback" not in err
    assert not out.exists()
