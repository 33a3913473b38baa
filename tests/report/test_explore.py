"""``sahel_sim.explore``: the explorer's choices and answers (pure), and its widgets' redraw (no kernel needed)."""

from __future__ import annotations

import sys
from datetime import date

import pytest

from sahel_sim import examples
from sahel_sim.errors import SahelSimError
from sahel_sim.report.explore import AS_WRITTEN, Explorer, answer_text, choices, explore

NIGER = "ecowas-intervention-niger-2023-10"


@pytest.fixture(scope="module")
def niger():
    return examples.load(NIGER)


def test_choices_of_a_scenario(niger) -> None:
    c = choices(niger)
    assert c.dates[0] == (AS_WRITTEN, None)
    days = [d for _, d in c.dates[1:]]
    assert days == sorted(days) and date(2023, 10, 1) in days  # the event's own date
    assert days[0] == date(2022, 10, 1) and days[-1] == date(2024, 10, 1)  # a year either side, month by month
    assert c.readings == tuple(p.id for p in niger.world.perspectives) and c.default_reading == "literal"
    ids = [i for _, i in c.parties]
    assert ids[:6] == ["", "BEN", "CIV", "NER", "NGA", "SEN"]  # no focus, then the event's actors and target
    assert "TCD" in ids and ("TCD (Chad)", "TCD") in c.parties


def test_answer_text_is_the_run_answer_focused_and_dated(niger) -> None:
    focused = answer_text(niger, None, "literal", "TCD")
    assert "TCD, treaty by treaty" in focused
    moved = answer_text(niger, date(2023, 6, 1), "ecowas", "")
    assert "what-if: as of 2023-06-01" in moved and "ecowas reading" in moved
    from sahel_sim.api import simulate
    from sahel_sim.report.tables import render_results

    assert answer_text(niger, None, "aes", "", width=90) == render_results([simulate(niger, perspective="aes")],
                                                                           width=90)


def test_the_widgets_redraw_on_each_choice(niger) -> None:
    pytest.importorskip("ipywidgets")
    ex = Explorer(niger, picture=False)
    first = ex.answer.value
    assert first.startswith("<pre") and "literal reading" in first
    ex.party.value = "TCD"
    assert "TCD, treaty by treaty" in ex.answer.value
    ex.reading.value = "ecowas"
    assert "ecowas reading" in ex.answer.value
    ex.day.value = date(2023, 6, 1)
    assert "what-if: as of 2023-06-01" in ex.answer.value
    assert [type(c).__name__ for c in ex.widget.children] == ["HBox", "SelectionSlider", "HTML"]


def test_explore_takes_a_path_and_draws_the_picture() -> None:
    pytest.importorskip("ipywidgets")
    pytest.importorskip("matplotlib")
    widget = explore(str(examples.path("suez-1956")))
    image = widget.children[-1]
    assert type(image).__name__ == "Image" and image.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_without_ipywidgets_the_message_names_the_extra(niger, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    with pytest.raises(SahelSimError, match=r"the explorer needs ipywidgets: pip install 'sahel-sim\[notebook\]'"):
        Explorer(niger, picture=False)
