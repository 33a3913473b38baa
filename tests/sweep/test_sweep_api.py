"""``sahel_sim.sweep(scenario, vary=...)``: a sweep from Python, of a scenario in memory, as a DataFrame."""

from __future__ import annotations

import contextlib
import io
from datetime import date

import pytest

from sahel_sim import examples, sweep, with_accession
from sahel_sim.cli import Exit, main
from sahel_sim.errors import SahelSimError

pd = pytest.importorskip("pandas")

NIGER = "ecowas-intervention-niger-2023-10"


def test_the_same_table_as_the_command_line() -> None:
    path = str(examples.path(NIGER))
    df = sweep(path, vary={"date": "2023-07-26..2023-10-26:30d", "perspective": ["aes", "ecowas"]})
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["sweep", path, "--vary", "date=2023-07-26..2023-10-26:30d", "--vary", "perspective=aes,ecowas",
                     "--quiet"]) == Exit.OK
    assert isinstance(df, pd.DataFrame)
    assert df.to_csv(index=False) == out.getvalue()
    assert set(df["variant"]) <= set(range(8)) and len(set(df["variant"])) > 1  # 4 dates x 2 readings


def test_an_in_memory_what_if_is_swept() -> None:
    scenario = examples.load(NIGER)
    joined = with_accession(scenario, "TCD", "AES", "2023-09-16")
    plain = sweep(scenario, vary={"perspective": ["aes"]})
    chad = sweep(joined, vary={"perspective": ["aes"]})
    assert "TCD" not in set(plain["obligor"])
    assert "TCD" in set(chad[chad["treaty"] == "liptako-gourma-charter"]["obligor"])


def test_values_as_python_objects() -> None:
    scenario = examples.load(NIGER)
    by_objects = sweep(scenario, vary={"date": [date(2023, 8, 20), "2023-10-01"], "accession": [None, "TCD:AES"]})
    by_text = sweep(scenario, vary={"date": "2023-08-20,2023-10-01", "accession": "none,TCD:AES"})
    assert by_objects.equals(by_text)
    assert list(by_objects.drop_duplicates("variant")["accession"]) == ["none", "TCD:AES", "none", "TCD:AES"]


def test_progress_is_reported_per_variant() -> None:
    seen: list[tuple[int, int]] = []
    sweep(examples.load(NIGER), vary={"perspective": "aes,ecowas,literal"}, progress=lambda k, n: seen.append((k, n)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


@pytest.mark.parametrize("vary, message", [
    ({"perspektive": ["aes"]}, "unknown axis 'perspektive'; axes: date, perspective, cascade, accession, "
                               "non_compliant (did you mean perspective?)"),
    ({"date": ["2023-13-01"]}, "2023-13-01"),
    (["perspective"], "vary: give a mapping of axis to values"),
])
def test_bad_axes_are_refused_with_a_fix(vary: object, message: str) -> None:
    import re

    with pytest.raises(SahelSimError, match=re.escape(message)):
        sweep(examples.load(NIGER), vary=vary)  # type: ignore[arg-type]
