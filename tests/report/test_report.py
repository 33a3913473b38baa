"""The report layer: condensed selection, reason text, formats, the atomic writer."""

from __future__ import annotations

import csv
import dataclasses
import io
import os
from datetime import date
from pathlib import Path

import pytest

from sahel_sim import scenario_from_text, simulate
from sahel_sim.clauses.checks import Check, Fact
from sahel_sim.engine.findings import ClauseRef, EventResult, NonObligation, SimulationResult
from sahel_sim.errors import OutputError
from sahel_sim.report import csv_out, markdown, tables
from sahel_sim.report.condense import article_of, condensed, informativeness, not_obligated_rows
from sahel_sim.report.explain import as_text, because, check_lines, finding_lines, why_not
from sahel_sim.report.write import write_atomic

S1 = (Path(__file__).parents[1] / "fixtures" / "intervention-2023-10.yaml").read_text(encoding="utf-8")
CHARTER = "liptako-gourma-charter"


@pytest.fixture(scope="module")
def result() -> SimulationResult:
    return simulate(scenario_from_text(S1))


@pytest.fixture(scope="module")
def event(result: SimulationResult) -> EventResult:
    return result.events[0]


def fact(text: str) -> Fact:
    return Fact("p", (), text)


def non_obligation(party: str, article: str | None, reason: Check, checks: tuple[Check, ...]) -> NonObligation:
    ref = ClauseRef("t", "Treaty T", article, f"c-{article}" if article else None,
                    reference=f"Art. {article}" if article else None)
    return NonObligation(party, ref, "e", date(2024, 1, 1), reason, checks)


# --- condense -----------------------------------------------------------------------------


def test_condensed_is_one_row_per_party_and_treaty(event: EventResult) -> None:
    chosen = condensed(event)
    keys = [(n.treaty, n.party) for n in chosen]
    assert len(keys) == len(set(keys))
    assert keys == sorted(keys)
    everyone = {(n.treaty, n.party) for n in event.non_obligations}
    bound = {(o.treaty, o.obligor) for o in event.obligations}
    concerned = {(t, p) for t, p in everyone if event.concerns(p, t)}
    assert set(keys) == concerned - bound


def test_condensed_hides_treaties_the_event_does_not_concern(event: EventResult) -> None:
    """Niger is attacked: NATO members are not listed by default; Chad, asked about, is (as a non-party)."""
    nato = {n.party for n in condensed(event) if n.treaty == "north-atlantic-treaty"}
    assert "TCD" in nato and nato <= event.asked
    assert "FRA" not in nato
    assert {n.party for n in condensed(event) if n.treaty == CHARTER} >= {"NER", "TCD"}
    assert {n.treaty for n in condensed(event, show_all=True)} >= {"north-atlantic-treaty"}


def test_condensed_skips_parties_obligated_under_the_same_treaty(event: EventResult) -> None:
    charter = {n.party: n for n in condensed(event) if n.treaty == CHARTER}
    assert "MLI" not in charter and "BFA" not in charter
    assert charter["NER"].article == "6"  # relevant clause (trigger held) beats Arts 4, 5, 7, 8
    assert charter["TCD"].article is None


def test_show_all_returns_every_non_obligation(event: EventResult) -> None:
    assert condensed(event, show_all=True) == event.non_obligations


def test_rows_carry_article_and_reason(event: EventResult) -> None:
    rows = {(r.treaty, r.party): r for r in not_obligated_rows(event)}
    chad = rows[(CHARTER, "TCD")]
    assert chad.article == "—"
    assert "TCD is not a party to the Liptako-Gourma Charter" in chad.reason
    assert rows[(CHARTER, "NER")].article == "Art. 6"


def test_informativeness_prefers_relevant_then_furthest() -> None:
    trigger_failed = Check("category", "the event is terrorism", False, role="trigger")
    party = Check("is_party", "the obligor is a party", True, role="builtin")
    trigger_held = Check("category", "the event is an attack", True, role="trigger")
    cond_failed = Check("requested", "a request was made", False)
    irrelevant = non_obligation("X", "4", trigger_failed, (party, trigger_failed))
    near = non_obligation("X", "6", cond_failed, (party, trigger_held, cond_failed))
    far = non_obligation("X", "7", cond_failed, (party, trigger_held, trigger_held, cond_failed))
    assert sorted([irrelevant, near, far], key=informativeness) == [far, near, irrelevant]


def test_condensed_picks_the_most_informative(event: EventResult) -> None:
    trigger_failed = Check("category", "the event is terrorism", False, role="trigger")
    trigger_held = Check("category", "the event is an attack", True, role="trigger")
    cond_failed = Check("requested", "a request was made", False, (fact("no request on record"),))
    first = non_obligation("X", "4", trigger_failed, (trigger_failed,))
    best = non_obligation("X", "6", cond_failed, (trigger_held, cond_failed))
    synthetic = dataclasses.replace(event, obligations=(), non_obligations=(first, best), asked=frozenset({"X"}))
    assert condensed(synthetic) == (best,)
    [row] = not_obligated_rows(synthetic)
    assert (row.party, row.article, row.reason) == ("X", "Art. 6", "no request on record (required: a request was made)")


def test_article_of() -> None:
    assert article_of(ClauseRef("t", "T", "7", "c", reference="Art. 7 (with Art. 6)")) == "Art. 7 (with Art. 6)"
    assert article_of(ClauseRef("t", "T", "7", "c")) == "Art. 7"
    assert article_of(ClauseRef("t", "T", None, None)) == "—"


# --- explain --------------------------------------------------------------------------------


def test_check_lines_nest_children_and_facts() -> None:
    tree = Check("any_of", "a or b", False, children=(
        Check("a", "a holds", False, (fact("no a"),)),
        Check("b", "b holds", False, (fact("no b"),)),
    ), role="trigger")
    assert as_text(check_lines(tree)) == [
        "✗ trigger: a or b",
        "  ✗ a holds",
        "    · no a",
        "  ✗ b holds",
        "    · no b",
    ]


def test_why_not_uses_the_failing_leaf_and_its_facts() -> None:
    leaf = Check("requested", "a written request was sent", False, (fact("no request"),))
    reason = Check("all_of", "all of it", False, children=(Check("ok", "fine", True), leaf))
    n = non_obligation("X", "3", reason, (reason,))
    assert why_not(n) == "no request (required: a written request was sent)"


def test_why_not_abridges_many_facts() -> None:
    leaf = Check("not", "the aggressor is not a member", False, tuple(fact(f"f{i}") for i in range(4)))
    n = non_obligation("X", "3", leaf, (leaf,))
    assert why_not(n) == "f0; f1 (+2 more) (required: the aggressor is not a member)"
    assert why_not(n, limit=None) == "f0; f1; f2; f3 (required: the aggressor is not a member)"


def test_why_not_names_an_exception() -> None:
    exc = Check("consented", "the target consented", True, (fact("NER consented"),), role="exception")
    n = non_obligation("X", "5", exc, (exc,))
    assert why_not(n) == "exception applies: the target consented: NER consented"
    assert "(applies, so the clause does not bind)" in as_text(finding_lines(n))[0]


def test_because_is_trigger_and_first_condition(result: SimulationResult) -> None:
    mali = next(o for o in result.obligations if o.obligor == "MLI" and o.treaty == CHARTER)
    text = because(mali)
    assert text.startswith("intervention is attack_on_sovereignty")
    assert "NER is a party to the Liptako-Gourma Charter" in text
    assert "MLI is a party" not in text  # built-in checks are left to --explain


# --- formats --------------------------------------------------------------------------------


def test_table_text_is_plain_and_fits(result: SimulationResult) -> None:
    text = tables.render_results([result], explain=True)
    assert "\x1b[" not in text
    assert max(map(len, text.splitlines())) <= tables.PIPE_WIDTH
    assert "Art. 6" in text and "Reasons" in text


def test_table_prints_markup_like_text_verbatim(result: SimulationResult) -> None:
    renamed = dataclasses.replace(result, scenario="[bold]not markup[/bold] :smile:")
    assert "Scenario: [bold]not markup[/bold] :smile:" in tables.render_results([renamed])


def test_markdown_cells_are_escaped() -> None:
    assert markdown.table(["a"], [["x | y\nz"]])[-1] == "| x \\| y z |"


def test_markdown_document(result: SimulationResult) -> None:
    text = markdown.render_results([result])
    assert text.startswith("# ECOWAS intervention in Niger\n")
    assert "### Obligated" in text and "### Not obligated" in text
    assert "### Reasons" not in text


def test_csv_rows(result: SimulationResult) -> None:
    rows = list(csv.reader(io.StringIO(csv_out.render_csv([result]))))
    assert tuple(rows[0]) == csv_out.COLUMNS
    assert len(rows) == 1 + len(result.obligations) + len(result.permissions) + len(result.breaches)
    status = {(r[3], r[9]): r[csv_out.COLUMNS.index("status")] for r in rows[1:]}
    assert all(status[(b.obligor, b.treaty)] == "in_breach" for b in result.breaches)
    assert result.breaches  # the intervening states breach the 1978 Protocol


# --- write_atomic ---------------------------------------------------------------------------


def test_write_atomic_writes_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomic(target, "héllo\n")
    assert target.read_text(encoding="utf-8") == "héllo\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_atomic_uses_ordinary_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        target = write_atomic(tmp_path / "out.txt", "x")
    finally:
        os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o644


def test_write_atomic_refuses_existing_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(OutputError, match="--force"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_atomic_refuses_inputs_however_spelt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "s.yaml"
    source.write_text("data", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(source)
    monkeypatch.chdir(tmp_path)
    for spelling in ("s.yaml", str(source), "./s.yaml", str(link)):
        with pytest.raises(OutputError, match="input"):
            write_atomic(spelling, "x", inputs=[str(source)], force=True)
    assert source.read_text(encoding="utf-8") == "data"


def test_write_atomic_refuses_directories_and_missing_parents(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="directory"):
        write_atomic(tmp_path, "x", force=True)
    with pytest.raises(OutputError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "out.txt", "x")


def test_write_atomic_failure_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "link", broken)
    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OutputError, match="No space left"):
        write_atomic(tmp_path / "out.txt", "x")
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_failure_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(5, "I/O error")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OutputError):
        write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
