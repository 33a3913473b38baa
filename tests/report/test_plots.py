"""Pictures: the world with its obligations, the cascade tree, the timeline (rendered headless)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from sahel_sim import SahelSimError, build_timeline, load_scenario, simulate

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
INTERVENTION = SCENARIOS / "ecowas-intervention-niger-2023-10.yaml"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(INTERVENTION)


def gids(ax, prefix: str) -> list[str]:
    found = [p.get_gid() for p in ax.patches] + [line.get_gid() for line in ax.lines]
    return sorted(g for g in found if g and g.startswith(prefix))


def save_png(ax, path: Path) -> bytes:
    ax.figure.savefig(path, format="png", dpi=60)
    data = path.read_bytes()
    assert data.startswith(PNG) and len(data) > 1000
    return data


def test_a_duty_owed_to_nobody_is_named_in_the_legend(plt, tmp_path: Path) -> None:
    from sahel_sim import draw_world

    coup = load_scenario(SCENARIOS / "niger-coup-2023.yaml")
    ax = draw_world(simulate(coup), scenario=coup)
    save_png(ax, tmp_path / "coup.png")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(x.startswith("not drawn (no beneficiary): ECOWAS sanction") for x in legend)


def test_world_of_the_intervention(plt, scenario, tmp_path: Path) -> None:
    from sahel_sim import draw_world
    from sahel_sim.report.plots import obligation_key

    result = simulate(scenario)
    ax = draw_world(result, scenario=scenario)
    save_png(ax, tmp_path / "world.png")
    arrows = gids(ax, "obligation:")
    drawable = {obligation_key(o) for o in result.obligations if o.beneficiary}
    assert len(arrows) == len(drawable) == 2  # ECOWAS no longer manages the crisis its own intervention caused
    # the four intervening states breach the Non-Aggression Protocol, and (the general law, issue 14) UN Charter
    # Art. 2(4) and AU Constitutive Act Art. 4(f): drawn in the breach style
    breaches = gids(ax, "breach:")
    assert breaches == sorted(f"breach:{a}->NER:{clause}" for a in ("BEN", "CIV", "NGA", "SEN")
                              for clause in ("ecowas-non-aggression-1978:1", "un-charter:2(4)", "au-constitutive-act:4(f)"))
    assert "obligation:MLI->NER:liptako-gourma-charter:6" in arrows
    assert "obligation:BFA->NER:liptako-gourma-charter:6" in arrows
    labels = [t.get_text() for t in ax.texts]
    assert {"MLI", "BFA", "NER", "NGA", "SEN", "CIV", "BEN", "ECOWAS", "AES"} <= set(labels)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Liptako-Gourma Charter: Art. 6 assist" in legend
    assert any(x.startswith("ECOWAS Non-Aggression Protocol (1978): Art. 1") for x in legend)
    assert "event: actor → target" in legend
    assert any(x.startswith("conflict of duties") for x in legend)
    # ECOWAS is not bound to mediate the conflict its own mandated intervention caused (1981 Art. 17)
    assert not any(x.startswith("not drawn (no beneficiary): ECOWAS mediate") for x in legend)
    assert gids(ax, "conflict:") == ["conflict:BFA-BEN", "conflict:BFA-CIV", "conflict:BFA-NGA", "conflict:BFA-SEN",
                                     "conflict:MLI-BEN", "conflict:MLI-CIV", "conflict:MLI-NGA", "conflict:MLI-SEN"]
    assert len(gids(ax, "event:")) == 4


def test_world_from_a_scenario_and_a_date(plt, scenario, tmp_path: Path) -> None:
    from sahel_sim import draw_world

    ax = draw_world(scenario, date(2023, 8, 20))
    save_png(ax, tmp_path / "before.png")
    assert not [g for g in gids(ax, "obligation:") if "liptako-gourma-charter" in g]
    assert "2023-08-20" in ax.get_title()


def test_world_places_a_scenarios_own_actor(plt, tmp_path: Path) -> None:
    from sahel_sim import draw_world

    coup = load_scenario(SCENARIOS / "niger-coup-2023.yaml")
    ax = draw_world(simulate(coup), scenario=coup)
    save_png(ax, tmp_path / "coup.png")
    assert "CNSP" in [t.get_text() for t in ax.texts]


def test_world_draws_on_a_given_axes(plt, scenario) -> None:
    from sahel_sim import draw_world

    fig, (left, right) = plt.subplots(1, 2)
    assert draw_world(scenario, ax=right) is right
    assert gids(right, "obligation:") and not gids(left, "obligation:")


def test_cascade_tree(plt, scenario, tmp_path: Path) -> None:
    from sahel_sim import draw_cascade

    result = simulate(scenario, cascade=3)
    ax = draw_cascade(result)
    save_png(ax, tmp_path / "cascade.png")
    responses = [r for rnd in result.cascade.rounds for r in rnd.responses]
    assert len(gids(ax, "cause:")) == len(responses) == 8
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["duty under Liptako-Gourma Charter Art. 6"]
    with pytest.raises(SahelSimError, match="no cascade"):
        draw_cascade(simulate(scenario))


def test_timeline_bars(plt, scenario, tmp_path: Path) -> None:
    from sahel_sim import draw_timeline

    timeline = build_timeline(scenario, date(2023, 7, 26), date(2025, 2, 1))
    ax = draw_timeline(timeline)
    save_png(ax, tmp_path / "timeline.png")
    assert len(gids(ax, "span:")) == len(timeline.bars()) < len(timeline.spans())  # BFA and MLI: one bar
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Liptako-Gourma Charter" in legend
    assert any(x.startswith("2025-01-29: BFA ceases to be a member of ECOWAS") for x in legend)


def test_missing_matplotlib_says_how_to_install(scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    from sahel_sim import draw_world

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(SahelSimError, match=r"pip install 'sahel-sim\[plot\]'"):
        draw_world(scenario)


def test_treaty_colours_are_stable() -> None:
    from sahel_sim.report.plots import treaty_colours

    a = treaty_colours(["liptako-gourma-charter", "zz-pact", "aa-pact"])
    b = treaty_colours(["aa-pact", "liptako-gourma-charter"])
    assert a["liptako-gourma-charter"] == b["liptako-gourma-charter"]
    assert a["aa-pact"] == b["aa-pact"] and a["aa-pact"] != a["zz-pact"]
