"""Sweeps: axes parse strictly, variants are complete and ordered, and every backend gives the same table."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from sahel_sim.analysis.sweep import COLUMNS, parse_axis, run_sweep, variants, write_table
from sahel_sim.cli import main
from sahel_sim.errors import SahelSimError

ROOT = Path(__file__).resolve().parents[2]
INTERVENTION = ROOT / "scenarios" / "ecowas-intervention-niger-2023-10.yaml"


def test_date_range_with_step_includes_both_ends_when_aligned() -> None:
    name, values = parse_axis("date=2023-09-02..2023-09-16:7d")
    assert name == "date"
    assert values == [date(2023, 9, 2), date(2023, 9, 9), date(2023, 9, 16)]


@pytest.mark.parametrize("spec, words", [
    ("dat=2023-01-01", "did you mean date"),
    ("date=2023-02-30", "day is out of range"),
    ("date=2024-01-01..2023-01-01:7d", "backwards"),
    ("cascade=x", "whole numbers"),
    ("perspective", "NAME=VALUES"),
])
def test_bad_axes_are_refused_with_a_fix(spec: str, words: str) -> None:
    with pytest.raises(SahelSimError, match=words):
        parse_axis(spec)


def test_variants_are_the_full_product_numbered_in_order() -> None:
    got = variants([("perspective", ["aes", "ecowas"]), ("cascade", [0, 2])])
    assert [v["variant"] for v in got] == [0, 1, 2, 3]
    assert [(v["perspective"], v["cascade"]) for v in got] == [("aes", 0), ("aes", 2), ("ecowas", 0), ("ecowas", 2)]


def test_the_charter_switches_on_between_the_two_dates() -> None:
    """Moving the intervention across 16 Sep 2023 turns Mali's Art. 6 duty on."""
    rows = run_sweep(INTERVENTION, [parse_axis("date=2023-09-15,2023-09-16")])
    art6 = {(r["date"], r["obligor"]) for r in rows if r["treaty"] == "liptako-gourma-charter" and r["article"] == "6"}
    assert art6 == {("2023-09-16", "BFA"), ("2023-09-16", "MLI")}


def test_readings_and_accession_change_the_table() -> None:
    rows = run_sweep(INTERVENTION, [parse_axis("perspective=aes,ecowas"), parse_axis("accession=none,TCD:AES")])
    tcd = {(r["perspective"], r["accession"]) for r in rows if r["obligor"] == "TCD"}
    assert tcd == {("aes", "TCD:AES")}, "Chad is bound only once it accedes, and only where Art. 6 fires"


def test_non_compliant_actors_draw_nobody_in() -> None:
    rows = run_sweep(INTERVENTION, [parse_axis("cascade=1"), parse_axis("non_compliant=none,MLI+BFA")])
    responses = {r["non_compliant"] for r in rows if r["round"] == 1}
    assert responses == {"none"}


def test_local_processes_give_the_same_table_as_one_process() -> None:
    axes = [parse_axis("date=2023-08-01..2025-03-01:60d"), parse_axis("perspective=aes,ecowas")]
    assert run_sweep(INTERVENTION, axes, workers=2) == run_sweep(INTERVENTION, axes, workers=1)


def test_a_local_dask_cluster_gives_the_same_table() -> None:
    distributed = pytest.importorskip("distributed")
    axes = [parse_axis("date=2023-08-01..2025-03-01:90d"), parse_axis("perspective=literal,ecowas")]
    local = run_sweep(INTERVENTION, axes, workers=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = run_sweep(INTERVENTION, axes, dask_address=cluster.scheduler_address)
    assert remote == local
    assert len(local) > 0


def test_csv_has_the_documented_columns() -> None:
    rows = run_sweep(INTERVENTION, [parse_axis("perspective=aes")])
    table = list(csv.DictReader(io.StringIO(write_table(rows, "csv"))))
    assert tuple(table[0]) == COLUMNS
    assert len(table) == len(rows)


def test_cli_writes_the_table_and_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sweep.csv"
    args = ["sweep", str(INTERVENTION), "--vary", "perspective=aes,ecowas", "--workers", "1", "-q", "--out", str(out)]
    assert main(args) == 0
    assert out.read_text(encoding="utf-8").startswith("variant,date,perspective")
    assert main(args) == 2
    assert "--force" in capsys.readouterr().err


def test_cli_rejects_an_unknown_axis(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sweep", str(INTERVENTION), "--vary", "perspectiv=aes"]) == 2
    assert "did you mean perspective" in capsys.readouterr().err


def test_parquet_output_round_trips(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    out = tmp_path / "sweep.parquet"
    assert main(["sweep", str(INTERVENTION), "--vary", "perspective=aes,ecowas", "--workers", "1", "-q",
                 "--out", str(out)]) == 0
    frame = pd.read_parquet(out)
    assert tuple(frame.columns) == COLUMNS
    assert set(frame["perspective"]) == {"aes", "ecowas"}
    ecowas = frame[frame["perspective"] == "ecowas"]
    # Under the ECOWAS reading nobody is bound to assist; the intervening states still breach UN Charter
    # Art. 53(1) (enforcement action by a regional arrangement without the Security Council's authorisation).
    assert set(zip(ecowas["treaty"], ecowas["article"], ecowas["status"])) == {("un-charter", "53(1)", "in_breach")}
    assert set(ecowas["obligor"]) == {"BEN", "CIV", "NGA", "SEN"}
    assert "bound" in set(frame[frame["perspective"] == "aes"]["status"])


# ---------------------------------------------------------------- limits checked before any work

def test_a_huge_product_of_axes_is_refused_before_it_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """219,146 dates x 3,000 readings took 3 GB and ended in a MemoryError; now the size comes from the lengths."""
    import itertools

    from sahel_sim.analysis.sweep import parse_axis, variants
    from sahel_sim.errors import SahelSimError

    def never(*args: object) -> None:
        raise AssertionError("the product was built")

    dates = parse_axis("date=2023-01-01..2024-12-31")
    readings = ("perspective", [f"p{i}" for i in range(3000)])
    monkeypatch.setattr(itertools, "product", never)
    with pytest.raises(SahelSimError, match=r"731 date x 3,000 perspective make 2,193,000 variants, more than the limit"):
        variants([dates, readings])


@pytest.mark.parametrize(("spec", "message"), [
    ("date=0001-01-01..9999-12-31", "the range holds 3,652,059 dates, more than the limit"),
    ("date=1600-01-01..2199-12-31", "the range holds 219,146 dates"),
    ("date=2023-01-01..2023-12-31:" + "9" * 5000 + "d", "is not a number of days"),
    ("date=0001-01-01,2023-01-01", "0001-01-01 is out of range"),
])
def test_a_date_axis_is_measured_before_its_dates_are_made(spec: str, message: str) -> None:
    from sahel_sim.analysis.sweep import parse_axis
    from sahel_sim.errors import SahelSimError

    with pytest.raises(SahelSimError, match=message):
        parse_axis(spec)


def test_a_long_step_still_makes_the_right_dates() -> None:
    from datetime import date

    from sahel_sim.analysis.sweep import parse_axis

    assert parse_axis("date=2023-01-01..2023-01-20:7d")[1] == [date(2023, 1, 1), date(2023, 1, 8), date(2023, 1, 15)]
