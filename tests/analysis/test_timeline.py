"""Timelines: the 2023 intervention replayed from the Niamey coup (26 Jul 2023) to Feb 2025.

16 Sep 2023: the Liptako-Gourma Charter is signed and enters into force; Mali, Burkina Faso
and Niger become AES members, so Art. 6 binds Mali and Burkina Faso to assist Niger.
29 Jan 2025: the three cease to be ECOWAS members; the ECOWAS instruments stop protecting
Niger (Non-Aggression Art. 1, Defence Protocol Art. 17, Mechanism Art. 25).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from analysis.conftest import CHARTER, INTERVENING, NON_AGGRESSION
from sahel_sim import scenario_from_text, simulate
from sahel_sim.analysis.timeline import Timeline, TimelineStep, build_timeline, world_changes


def render_svg(tl: Timeline) -> str:
    """The timeline picture as SVG text, as ``sahel-sim timeline --out t.svg`` writes it (the plot extra)."""
    pytest.importorskip("matplotlib")
    from sahel_sim.report.picture import timeline_picture

    return timeline_picture(tl, "svg").decode("utf-8")

START, END = date(2023, 7, 26), date(2025, 2, 28)
CHARTER_DAY, EXIT_DAY = date(2023, 9, 16), date(2025, 1, 29)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def tl(s2023: Any) -> Timeline:
    return build_timeline(s2023, START, END)


def _step(tl: Timeline, day: date) -> TimelineStep:
    found = [s for s in tl.steps if s.date == day]
    assert found, f"no step on {day}; steps: {[s.date.isoformat() for s in tl.steps]}"
    return found[0]


def test_steps_are_the_start_the_charter_and_the_exit(tl: Timeline) -> None:
    assert [s.date for s in tl.steps] == [START, CHARTER_DAY, EXIT_DAY]
    assert (tl.start, tl.end, tl.perspective) == (START, END, "literal")
    assert tl.scenario.startswith("ECOWAS intervention in Niger")


def test_start_lists_what_already_holds(tl: Timeline) -> None:
    first = tl.steps[0]
    assert first.off == ()
    on = {(o.obligor, o.treaty) for o in first.on}
    assert {(a, NON_AGGRESSION) for a in INTERVENING} <= on
    assert not any(t == CHARTER for _, t in on)  # before the Charter
    assert first.holding == len(first.on)


def test_charter_day_switches_on_mali_and_burkina_art_6(tl: Timeline) -> None:
    step = _step(tl, CHARTER_DAY)
    assert sorted((o.obligor, o.beneficiary, o.treaty, o.article) for o in step.on) == [
        ("BFA", "NER", CHARTER, "6"), ("MLI", "NER", CHARTER, "6")]
    assert step.off == ()
    assert any("Liptako-Gourma Charter enters into force" in c for c in step.changes)
    assert {f"{s} becomes a member of AES" for s in ("BFA", "MLI", "NER")} <= set(step.changes)
    assert step.holding == tl.steps[0].holding + 2


def test_exit_day_switches_off_the_ecowas_obligations(tl: Timeline) -> None:
    step = _step(tl, EXIT_DAY)
    assert step.on == ()
    off = {(o.obligor, o.treaty) for o in step.off}
    assert {(a, NON_AGGRESSION) for a in INTERVENING} <= off
    assert all(t.startswith("ecowas-") for _, t in off)
    assert not any(t == CHARTER for _, t in off)
    assert any("ceases to be a member of ECOWAS" in c for c in step.changes)
    assert any(c.startswith("NER ceases to be a member of ECOWAS") for c in step.changes)
    # the Charter duties of Mali and Burkina Faso remain, and (issue 14, item 9: the general law no longer
    # vanishes on the exit day) the intervening states' breaches of UN Charter Art. 2(4) and AU Act Art. 4(f)
    assert step.holding == 2 + 2 * len(INTERVENING)


def test_spans(tl: Timeline) -> None:
    spans = {(o.obligor, o.treaty): (since, until) for o, since, until in tl.spans()}
    assert spans[("MLI", CHARTER)] == (CHARTER_DAY, None)
    assert spans[("BFA", CHARTER)] == (CHARTER_DAY, None)
    for a in INTERVENING:
        assert spans[(a, NON_AGGRESSION)] == (START, EXIT_DAY)
    ordered = [(since, o.obligor) for o, since, _ in tl.spans()]
    assert [d for d, _ in ordered] == sorted(d for d, _ in ordered)


def test_spans_of_an_obligation_that_switches_off_and_on_again(s2023: Any) -> None:
    o = next(o for o in simulate(s2023).obligations if o.obligor == "MLI")
    d1, d2, d3 = date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)
    tl = Timeline("t", "literal", d1, d3, (TimelineStep(d1, (), (o,), (), 1), TimelineStep(d2, (), (), (o,), 0),
                                            TimelineStep(d3, (), (o,), (), 1)))
    assert [(s, u) for _, s, u in tl.spans()] == [(d1, d2), (d3, None)]


def test_a_window_without_changes_has_only_its_start(s2023: Any) -> None:
    tl = build_timeline(s2023, date(2023, 10, 1), date(2023, 12, 31))
    assert [s.date for s in tl.steps] == [date(2023, 10, 1)]
    assert {(o.obligor, o.treaty) for o in tl.steps[0].on} >= {("MLI", CHARTER), ("BFA", CHARTER)}


def test_under_the_ecowas_reading_art_6_switches_on_only_with_the_exit(s2023: Any) -> None:
    """While Niger is an ECOWAS member the mandated intervention is an enforcement measure under
    that reading; from 29 Jan 2025 it is not a member, the rule no longer applies, Art. 6 binds."""
    tl = build_timeline(s2023, START, END, perspective="ecowas")
    assert tl.perspective == "ecowas"
    switched_on = {(s.date, o.obligor) for s in tl.steps for o in s.on if o.treaty == CHARTER}
    assert switched_on == {(EXIT_DAY, "MLI"), (EXIT_DAY, "BFA")}


def test_world_changes_on_a_quiet_day(s2023: Any) -> None:
    assert world_changes(s2023.world, date(2024, 6, 1)) == ()


def test_to_dict(tl: Timeline) -> None:
    d = tl.to_dict()
    assert (d["from"], d["to"], d["perspective"]) == ("2023-07-26", "2025-02-28", "literal")
    assert [s["date"] for s in d["steps"]] == ["2023-07-26", "2023-09-16", "2025-01-29"]
    charter = d["steps"][1]
    assert {(r["obligor"], r["treaty"], r["article"]) for r in charter["on"]} == {("MLI", CHARTER, "6"),
                                                                              ("BFA", CHARTER, "6")}
    assert charter["obligations_holding"] == tl.steps[1].holding
    assert set(charter) == {"date", "world_changes", "on", "off", "obligations_holding"}


# --- SVG (the one timeline drawer, matplotlib's; the hand-written SVG is gone) -----------------------


def _texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_svg_is_well_formed_and_draws_every_span(tl: Timeline) -> None:
    root = ET.fromstring(render_svg(tl))
    assert root.tag == f"{SVG}svg"
    texts = _texts(root)
    assert "BFA, MLI → NER: assist, bound (Liptako-Gourma Charter Art. 6)" in texts
    assert "BEN, CIV, NGA, SEN → NER: refrain, in breach (ECOWAS Non-Aggression Protocol (1978) Art. 1)" in texts
    bars = [g for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith("span:")]
    assert len(bars) == len(tl.bars())
    assert "span:intervention:BFA+MLI->NER:liptako-gourma-charter:6" in {g.get("id") for g in bars}
    for step in tl.steps:
        if step.changes:
            assert step.date.isoformat() in texts
    assert "Liptako-Gourma Charter" in texts and "in breach" in texts  # the legend: treaties, then statuses


def test_dates_above_the_timeline_do_not_overlap(s2023: Any) -> None:
    pytest.importorskip("matplotlib")
    from sahel_sim.report.plots import draw_timeline, pyplot

    # steps 2023-07-26 ... 2023-09-16 ... 2025-01-29 over a short period put dates close together
    tl = build_timeline(s2023, date(2023, 7, 1), date(2025, 2, 1))
    ax = draw_timeline(tl)
    ax.figure.canvas.draw()
    marks = [t for t in ax.texts if (t.get_gid() or "").startswith("date:")]
    assert len(marks) == len([s for s in tl.steps if s.changes]) >= 2
    boxes = [m.get_window_extent() for m in marks]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    title = ax.title.get_window_extent()
    assert all(b.y1 <= title.y0 for b in boxes), "the dates stay under the title"
    pyplot().close(ax.figure)


SPECIAL = """
scenario: "War & <Peace> \\"quoted\\""
treaties:
  - id: odd-pact
    name: "Pact <A&B> of 'friends'"
    signed: 2010-01-01
    in_force: 2010-01-01
    parties:
      members:
        - {party: BFA, since: 2010-01-01}
        - {party: NER, since: 2010-01-01}
    clauses:
      - id: art-1
        article: "1"
        text: an armed attack on one party obliges the others to assist it
        text_kind: paraphrase
        trigger: {test: category, any_of: [armed_attack]}
        conditions:
          - {test: is_party, who: target}
        obligor: each_other_party
        duty: assist
        means: armed_force_included
        strength: mandatory
events:
  - {id: raid, date: 2012-01-01, kind: armed_attack, actors: [NGA], target: NER, location: NER}
"""


def test_svg_escapes_labels_from_data() -> None:
    s = scenario_from_text(SPECIAL)
    tl = build_timeline(s, date(2009, 1, 1), date(2012, 12, 31))
    svg = render_svg(tl)
    root = ET.fromstring(svg)  # would raise on a raw '<' or '&'
    assert "<A&B>" not in svg and "&lt;A&amp;B&gt;" in svg
    texts = _texts(root)
    assert any("Pact <A&B> of 'friends'" in t for t in texts)  # unescaped back by the parser
    assert any('War & <Peace> "quoted"' in t for t in texts)


# --- dates the timeline must not miss -----------------------------------------------------------------


def test_a_listed_party_joining_is_a_step() -> None:
    text = SPECIAL.replace("{party: NER, since: 2010-01-01}", "{party: NER, since: 2011-06-01}")
    s = scenario_from_text(text)
    assert not any(o.treaty == "odd-pact" for o in simulate(s, as_of=date(2011, 5, 31)).obligations)
    assert any(o.treaty == "odd-pact" for o in simulate(s, as_of=date(2011, 6, 1)).obligations)
    tl = build_timeline(s, date(2010, 1, 1), date(2012, 12, 31))
    step = _step(tl, date(2011, 6, 1))
    assert [(o.obligor, o.treaty) for o in step.on] == [("BFA", "odd-pact")]


def test_a_dated_decision_is_a_step() -> None:
    s = scenario_from_text("""
scenario: Chad raid on Niger, with a request and a decision
events:
  - id: raid
    date: 2023-01-10
    kind: armed_attack
    actors: [TCD]
    target: NER
    location: NER
    requests: [{by: NER, to: ECOWAS, form: written, date: 2023-01-12}]
    decisions: [{organisation: ECOWAS, organ: authority, date: 2023-01-15}]
""")
    pmad = "ecowas-pmad-1981"
    # A scenario is a history: as of the 14th the duty is reported, binding only from the decision of the 15th.
    early = [o for o in simulate(s, as_of=date(2023, 1, 14)).obligations if o.treaty == pmad]
    assert early and {o.binds_from for o in early} == {date(2023, 1, 15)}
    assert any(o.treaty == pmad for o in simulate(s, as_of=date(2023, 1, 15)).obligations)
    tl = build_timeline(s, date(2023, 1, 1), date(2023, 3, 1))
    assert any(o.treaty == pmad for o in _step(tl, date(2023, 1, 15)).on)
    assert not any(o.treaty == pmad for step in tl.steps if step.date < date(2023, 1, 15) for o in step.on)


# --- several events: each line names its event, since two may otherwise read alike --------------------

POLAND_FILE = Path(__file__).resolve().parents[2] / "scenarios" / "poland-september-1939.yaml"


@pytest.fixture(scope="module")
def poland() -> Timeline:
    from sahel_sim import load_scenario

    return build_timeline(load_scenario(POLAND_FILE), date(1939, 8, 1), date(1939, 10, 1))


def test_a_timeline_of_several_events_knows_them(poland: Timeline, tl: Timeline) -> None:
    assert set(poland.events()) == {"german-invasion", "slovak-attack", "soviet-invasion"}
    assert len(tl.events()) == 1


def test_with_several_events_each_text_line_names_its_event(poland: Timeline, tl: Timeline) -> None:
    import re

    from sahel_sim.report.analysis import render_timeline

    text = " ".join(render_timeline(poland, width=80).split())  # a date's records, a line each
    consult = re.findall(r"must consult \(UK-Poland Agreement \(1939\) Protocol 1\(b\) \(with Art\. 1, 2\)\) "
                         r"for ([a-z-]+)", text)
    assert sorted(consult) == ["slovak-attack", "soviet-invasion"]  # the two duties no longer read alike
    table = render_timeline(poland, width=200)  # the table: the cells wrap, the names are there
    assert "┃ switched on" in table and all(e in table for e in ("slovak-attack", "soviet-invasion", "german-invasion"))
    one = " ".join(render_timeline(tl, width=80).split())
    assert "BFA, MLI → NER: assist, bound (Liptako-Gourma Charter Art. 6) 2025-01-29" in one  # one event: not named


def test_with_several_events_each_bar_names_its_event(poland: Timeline) -> None:
    texts = _texts(ET.fromstring(render_svg(poland)))
    consult = [t for t in texts if "must consult" in t and "→" in t]
    assert sorted(t.rsplit(" for ", 1)[1] for t in consult) == ["slovak-attack", "soviet-invasion"]


def test_a_json_row_cites_its_clause_as_sentences_do(poland: Timeline, tl: Timeline) -> None:
    rows = [r for step in poland.to_dict()["steps"] for r in step["on"]]
    assert {(r["event"], r["reference"]) for r in rows} == {
        ("german-invasion", "Art. 1 (with Protocol 1(a))"), ("slovak-attack", "Protocol 1(b) (with Art. 1, 2)"),
        ("soviet-invasion", "Protocol 1(b) (with Art. 1, 2)")}  # a named provision is not "Art. Protocol 1(b)"
    assert {r["reference"] for r in tl.to_dict()["steps"][1]["on"]} == {"Art. 6"}


# --- obligations alike but for their obligor: one line, one bar -------------------------------------------


def test_bars_join_the_spans_alike_but_for_their_obligor(tl: Timeline) -> None:
    bars, spans = tl.bars(), tl.spans()
    assert sorted((o, since, str(until)) for obligors, first, since, until in bars for o in obligors) == \
        sorted((o.obligor, since, str(until)) for o, since, until in spans)  # every span in exactly one bar
    charter = [(obligors, since) for obligors, o, since, _ in bars if o.treaty == CHARTER]
    assert charter == [(("BFA", "MLI"), CHARTER_DAY)]
    def said(o: Any) -> tuple[Any, ...]:  # what a line says of an obligation but its obligor
        return (o.event, o.beneficiary, o.duty, o.status, o.treaty, o.ref.cited)

    for obligors, o, since, until in bars:  # each obligor of a bar has a span that differs in its obligor only
        alike = {s[0].obligor for s in spans if s[1:] == (since, until) and said(s[0]) == said(o)}
        assert alike == set(obligors)


def test_an_armed_attack_gives_one_line_and_one_bar_for_the_states_asked() -> None:
    from sahel_sim import load_scenario
    from sahel_sim.report.analysis import render_timeline

    armenia = build_timeline(load_scenario(POLAND_FILE.parent / "csto-armenia-2022-and-2024.yaml"),
                             date(2022, 1, 1), date(2024, 12, 31))
    [(obligors, *_)] = [b for b in armenia.bars() if b[1].ref.cited == "Art. 51"]
    assert obligors == ("BLR", "KAZ", "KGZ", "RUS", "TJK")  # Armenia asked the CSTO: its members may assist
    lines = " ".join(render_timeline(armenia, width=80).split())
    assert lines.count("BLR, KAZ, KGZ, RUS, TJK → ARM: assist, may act (UN Charter Art. 51)") == 1


def test_an_appeal_to_the_un_gives_one_line_and_one_bar_for_every_un_member() -> None:
    from sahel_sim import load_scenario
    from sahel_sim.report.analysis import render_timeline
    from sahel_sim.whatif import with_event_changes

    scenario = load_scenario(POLAND_FILE.parent / "csto-armenia-2022-and-2024.yaml")
    to_un = with_event_changes(scenario, "attack-on-armenia-2022",
                               requests=[{"by": "ARM", "to": "UN", "form": "written", "date": "2022-09-13"}])
    armenia = build_timeline(to_un, date(2022, 1, 1), date(2024, 12, 31))
    un = [b for b in armenia.bars() if b[1].ref.cited == "Art. 51"]
    assert len(un) == 1 and len(un[0][0]) > 100  # one bar for every UN member entitled to assist
    lines = " ".join(render_timeline(armenia, width=80).split())
    assert lines.count("assist, may act (UN Charter Art. 51)") == 1
    assert all(a in lines.split("→ ARM: assist, may act")[0] for a in un[0][0])
    texts = _texts(ET.fromstring(render_svg(armenia)))
    label = next(t for t in texts if "may act (UN Charter Art. 51)" in t)
    assert label.startswith("ALB, ARG, AUS, AUT, BEL and ") and f"and {len(un[0][0]) - 5} more → ARM" in label


def test_a_wrapped_item_hangs_under_its_first_line(tl: Timeline) -> None:
    from sahel_sim.report.analysis import render_timeline

    lines = render_timeline(tl, width=60).splitlines()
    dated = lines.index("Also dated in the data for these actors:")
    steps, notes = lines[:dated], lines[dated + 1:]
    hung = [i for i, line in enumerate(steps) if line.startswith(" " * 6)]
    assert hung  # at 60 columns some obligation wraps
    for i in hung:  # under an item (four spaces in) or under another of its wrapped lines
        assert steps[i - 1].startswith(" " * 4) and not steps[i - 1].startswith(" " * 5) or i - 1 in hung
    assert all(line[:2] == "  " and (line[2:6].isdigit() or line.startswith(" " * 14)) for line in notes)
    assert any(line.startswith(" " * 14) for line in notes)  # a dated note's text wraps under its text
