"""DataFrames of findings, and the HTML that Jupyter shows for results and scenarios."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import pytest

from sahel_sim import SahelSimError, load_scenario, scenario_from_text, simulate

INTERVENTION = Path(__file__).resolve().parents[2] / "scenarios" / "ecowas-intervention-niger-2023-10.yaml"


def require(module: str):
    """Import an optional extra: missing is a failure on CI, a skip elsewhere."""
    if os.environ.get("CI"):
        return importlib.import_module(module)
    return pytest.importorskip(module)


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(INTERVENTION)


@pytest.fixture(scope="module")
def result(scenario):
    return simulate(scenario)


def test_one_row_per_obligation_with_tidy_columns(result) -> None:
    require("pandas")
    df = result.to_dataframe()
    assert len(df) == len(result.obligations)
    assert {"obligor", "beneficiary", "treaty", "article", "duty", "means", "strength", "event"} <= set(df.columns)
    first = result.obligations[0]
    row = df.iloc[0]
    assert (row.obligor, row.treaty, row.article, row.duty, row.event) == \
        (first.obligor, first.treaty, first.article, first.duty, first.event)
    for col in ("obligor", "treaty", "duty", "means", "strength", "against", "reasons"):
        assert df[col].map(lambda v: isinstance(v, str)).all(), col


def test_the_frame_answers_the_articles_question(result) -> None:
    require("pandas")
    df = result.to_dataframe()
    art6 = df[(df.treaty == "liptako-gourma-charter") & (df.article == "6")]
    assert set(art6.obligor) == {"MLI", "BFA"}
    assert set(art6.beneficiary) == {"NER"}
    assert (art6.means == "armed_force_included").all()
    assert str(df.date.dtype).startswith("datetime64")


def test_non_obligations_frame(result) -> None:
    require("pandas")
    df = result.to_dataframe("non_obligations")
    assert len(df) == len(result.non_obligations)
    chad = df[(df.party == "TCD") & (df.treaty == "liptako-gourma-charter")]
    assert not chad.empty
    assert chad.reason.str.contains("not a party").any()
    assert df.relevant.dtype == bool


def test_conflicts_frame(result) -> None:
    require("pandas")
    df = result.to_dataframe("conflicts")
    assert len(df) == len(result.conflicts)
    assert set(df.actor) == {"MLI", "BFA"}
    assert set(df.first_treaty) == {"liptako-gourma-charter"}


def test_unknown_kind_is_refused_with_a_suggestion(result) -> None:
    require("pandas")
    with pytest.raises(SahelSimError, match="did you mean obligations"):
        result.to_dataframe("obligation")


def test_an_empty_result_has_the_columns_and_no_rows(scenario) -> None:
    require("pandas")
    from sahel_sim import on_date

    df = simulate(on_date(scenario, "1970-01-01")).to_dataframe()
    assert df.empty and "obligor" in df.columns


def test_timeline_spans_frame(scenario) -> None:
    require("pandas")
    from datetime import date

    from sahel_sim import build_timeline
    from sahel_sim.report.frames import spans_frame

    df = spans_frame(build_timeline(scenario, date(2023, 7, 26), date(2025, 2, 1)))
    charter = df[df.treaty == "liptako-gourma-charter"]
    assert set(charter.obligor) == {"MLI", "BFA"}
    assert (charter.on.dt.date == date(2023, 9, 16)).all()


def test_missing_pandas_says_how_to_install(result, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(SahelSimError, match=r"pip install 'sahel-sim\[notebook\]'"):
        result.to_dataframe()


# --- HTML --------------------------------------------------------------------------------------


def test_result_html_lists_the_findings(result) -> None:
    html = result._repr_html_()
    assert html.startswith("<div") and html.endswith("</div>")
    assert "Liptako-Gourma Charter" in html and "Art. 6" in html
    assert "<details>" in html and "TCD" in html
    assert "Conflicting duties" in html


def test_scenario_html_lists_the_events(scenario) -> None:
    html = scenario._repr_html_()
    assert "intervention" in html and "2023-10-01" in html and "NGA, SEN, CIV, BEN" in html
    assert "(hypothetical)" in html


def test_html_escapes_data() -> None:
    s = scenario_from_text("""
scenario: "<script>alert('x')</script> & co"
description: "<b>bold</b>"
events:
  - {id: e1, date: 2023-10-01, kind: incursion, actors: [NGA], target: NER}
""")
    for html in (s._repr_html_(), simulate(s)._repr_html_()):
        assert "<script>" not in html and "<b>bold" not in html
        assert "&lt;script&gt;" in html and "&amp; co" in html


def test_cascade_html(scenario) -> None:
    html = simulate(scenario, cascade=2)._repr_html_()
    assert "Cascade:" in html and "fixpoint reached" in html
