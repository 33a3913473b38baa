"""A finding about a whole treaty (no article: "the treaty is not in force") is headed by the treaty's name
alone, in the text report and in Markdown; a finding under an article names the article."""

from __future__ import annotations

from pathlib import Path

from sahel_sim import load_scenario, simulate
from sahel_sim.engine.stream import ResultStream
from sahel_sim.report.markdown import markdown_chunks
from sahel_sim.report.tables import render_results

# The Confederation Treaty's entry into force is not recorded: its findings are treaty-level
SCENARIO = Path(__file__).parents[2] / "scenarios" / "attack-on-mali-after-ecowas-exit.yaml"


def _headings(text: str) -> list[str]:
    return [line.removeprefix("- ") for line in text.splitlines() if " not obligated under " in line]


def test_a_treaty_level_finding_is_headed_without_a_dash_and_an_article_level_one_with_its_article() -> None:
    result = simulate(load_scenario(SCENARIO))
    treaty_level = [n for n in result.non_obligations if n.ref.article is None and n.ref.reference is None]
    assert treaty_level, "the Confederation Treaty's findings are treaty-level"
    text = render_results([result], explain=True, show_all=True, width=200)
    markdown = "".join(markdown_chunks([ResultStream.of(result)], explain=True, show_all=True))
    for shown in (text, markdown):
        headings = _headings(shown)
        assert headings and not [h for h in headings if h.rstrip().endswith("—")]
        assert f"{treaty_level[0].party} not obligated under {treaty_level[0].ref.treaty_name}" in headings
        assert any(" Art. " in h for h in headings)  # the others still cite their article
