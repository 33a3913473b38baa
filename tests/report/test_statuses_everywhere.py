"""Markdown, HTML and the DataFrames speak the statuses: breaches, duties and permissions, with their standing."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

import pytest

from sahel_sim import load_scenario, scenario_from_text, simulate
from sahel_sim.report import markdown
from sahel_sim.report.html import result_html
from sahel_sim.report.standing import STANDING_COLUMNS, other_readings, standing_texts

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
CHARTER = "liptako-gourma-charter"
RATIFICATION = "charter-in-force-on-ratification"

PERMISSION = (Path(__file__).parents[1] / "fixtures" / "permission-pact.yaml").read_text(encoding="utf-8")


def require(module: str):
    """Import an optional extra: missing is a failure on CI, a skip elsewhere."""
    if os.environ.get("CI"):
        return importlib.import_module(module)
    return pytest.importorskip(module)


@pytest.fixture(scope="module")
def niger(shipped_runs: Any):
    return shipped_runs.result(SCENARIOS / "ecowas-intervention-niger-2023-10.yaml")


@pytest.fixture(scope="module")
def permission():
    return simulate(scenario_from_text(PERMISSION))


@pytest.fixture(scope="module")
def paris():
    return simulate(load_scenario(SCENARIOS / "paris-attacks-2015-article-42-7.yaml"), alternatives=False)


def _art6(result, who: str = "MLI"):
    return next(o for o in result.obligations if o.treaty == CHARTER and o.article == "6" and o.obligor == who)


def _rows(text: str, heading: str) -> list[str]:
    """The table rows under a ``### heading`` of a Markdown document."""
    part = text.split(f"### {heading}\n", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
    return [line for line in part.splitlines() if line.startswith("| ") and "---" not in line][1:]


def test_standing_texts_give_status_modality_confidence_and_the_other_reading(niger) -> None:
    cells = dict(zip(STANDING_COLUMNS, standing_texts(_art6(niger))))
    assert cells["status"] == "bound" and cells["modality"] == "obligation"
    assert cells["confidence"] == "disputed" and cells["contested"] == "yes"
    assert cells["other_readings"] == f"not bound under '{RATIFICATION}' (maliactu.net (Nov 2023))"
    assert cells["binding_from"] == "2023-10-01" and cells["flags"] == ""


def test_markdown_lists_breaches_duties_and_permissions_with_their_standing(niger, permission) -> None:
    text = markdown.render_results([niger])
    nga = [r for r in _rows(text, "In breach") if r.startswith("| NGA |")]
    # the 1978 Protocol's row, and (issue 14: the general law is encoded) UN Charter Art. 2(4) and AU Act Art. 4(f)
    assert {t for t in ("ECOWAS Non-Aggression Protocol (1978) | Art. 1", "UN Charter | Art. 2(4)",
                        "AU Constitutive Act | Art. 4(f)") if any(f"| {t} |" in r for r in nga)} == {
        "ECOWAS Non-Aggression Protocol (1978) | Art. 1", "UN Charter | Art. 2(4)", "AU Constitutive Act | Art. 4(f)"}
    breach = next(r for r in nga if "| ECOWAS Non-Aggression Protocol (1978) | Art. 1 |" in r)
    assert breach.startswith("| NGA | NER | refrain |")
    assert "| in breach | prohibition |" in breach
    mli = next(r for r in _rows(text, "Obligated") if r.startswith("| MLI |") and "Liptako" in r)
    assert f"| bound | obligation | disputed | yes | not bound under '{RATIFICATION}'" in mli
    assert "status | modality | confidence | contested | other readings | binding from | flags |" in text
    may = _rows(markdown.render_results([permission]), "May act")
    assert len(may) == 1 and may[0].startswith("| NER | MLI | assist |") and "| may act | permission |" in may[0]


def test_markdown_shows_the_day_a_duty_binds_from_and_the_flags(paris) -> None:
    text = markdown.render_results([paris])
    aut = next(r for r in _rows(text, "Obligated") if r.startswith("| AUT |"))
    assert "| bound | obligation |" in aut
    assert "| 2015-11-17 | AUT: declaration (quote): This shall not prejudice the specific character" in aut


def test_html_lists_breaches_and_permissions_with_their_standing(niger, permission) -> None:
    html = result_html(niger)
    assert "<strong>In breach</strong>" in html and "in breach" in html and "prohibition" in html
    assert "other readings" in html and f"not bound under &#x27;{RATIFICATION}&#x27;" in html
    assert f"{len(niger.breaches)} breach(es)" in html and niger.breaches
    page = result_html(permission)
    assert "<strong>May act</strong>" in page and "may act" in page and "1 permission(s)" in page


def test_dataframes_of_breaches_permissions_and_all_findings(niger, permission) -> None:
    require("pandas")
    duties = niger.to_dataframe()
    assert set(STANDING_COLUMNS) <= set(duties.columns)
    mli = duties[(duties.treaty == CHARTER) & (duties.article == "6") & (duties.obligor == "MLI")].iloc[0]
    assert (mli.status, mli.modality, mli.confidence, bool(mli.contested)) == ("bound", "obligation", "disputed", True)
    assert mli.clause_confidence == _art6(niger).ref.confidence
    assert mli.other_readings == other_readings(_art6(niger))
    assert str(duties.binding_from.dtype).startswith("datetime64")
    breaches = niger.to_dataframe("breaches")
    assert ("NGA", "in breach", "prohibition") in set(zip(breaches.obligor, breaches.status, breaches.modality))
    assert len(breaches) == len(niger.breaches)
    everything = niger.to_dataframe("findings")
    assert len(everything) == len(niger.breaches) + len(niger.obligations) + len(niger.permissions)
    may = permission.to_dataframe("permissions")
    assert list(zip(may.obligor, may.status, may.modality)) == [("NER", "may act", "permission")]


def test_the_frame_shows_the_day_a_duty_binds_from_and_its_flags(paris) -> None:
    require("pandas")
    df = paris.to_dataframe()
    aut = df[df.obligor == "AUT"].iloc[0]
    assert str(aut.binding_from.date()) == "2015-11-17" and str(aut.date.date()) != "2015-11-17"
    assert aut["flags"].startswith("AUT: declaration (quote): This shall not prejudice")
