"""French beside English: every clause of the Sahel and ECOWAS texts has both, each marked quote or paraphrase.

The Liptako-Gourma Charter, the Confederation Treaty and the ECOWAS
protocols were written in French (and English, for ECOWAS).  Each clause
carries its words in both languages: ``text`` in its ``language``, the other
as ``text_fr`` or ``text_en``, each a quote (verbatim from the source it
names, a French one between « and ») or a paraphrase; a French text looked
for and not found says so (``missing``) instead of being made up.
"""

from __future__ import annotations

import io

import pytest
from pydantic import ValidationError
from rich.console import Console

from sahel_sim.cli import main
from sahel_sim.clauses.treaty import Clause, Rendering, TextKind, WithdrawalRule
from sahel_sim.library import find_treaty, shipped_treaties
from sahel_sim.report.i18n import use
from sahel_sim.report.tables import print_treaty
from sahel_sim.report.treaties import text_fields

FRENCH_BESIDE_ENGLISH = ("liptako-gourma-charter", "aes-confederation-treaty", "ecowas-non-aggression-1978",
                         "ecowas-pmad-1981", "ecowas-mechanism-1999", "ecowas-democracy-2001",
                         "ecowas-revised-treaty-1993")
BASE = {"id": "c", "article": "1", "text": "An attack on one is an attack on all.", "text_kind": "paraphrase",
        "trigger": {"test": "category", "any_of": ["aggression"]}, "obligor": "each_other_party",
        "duty": "assist", "means": "armed_force_included", "strength": "mandatory"}


def _clauses() -> list[tuple[str, Clause]]:
    treaties = shipped_treaties()
    return [(tid, c) for tid in FRENCH_BESIDE_ENGLISH for c in find_treaty(treaties, tid).clauses]


@pytest.mark.parametrize(("tid", "clause"), _clauses(), ids=lambda v: v if isinstance(v, str) else v.id)
def test_every_clause_has_its_french_or_says_it_was_not_found_and_an_english_rendering(tid: str, clause: Clause) -> None:
    french, english = clause.rendering("fr"), clause.rendering("en")
    assert french is not None, (f"{tid} {clause.id}: no French text and no note that it was not found; give "
                                "'text_fr' (kind quote, with the source it is quoted from, or paraphrase) or "
                                "'text_fr: {missing: where it was looked for}'")
    assert french.found or (french.missing or "").strip(), (tid, clause.id)
    assert english is not None and english.found, f"{tid} {clause.id}: no English rendering"
    for r in (french, english):
        if r.found:
            assert r.kind in (TextKind.quote, TextKind.paraphrase), (tid, clause.id)
            assert r.source or r.kind is TextKind.paraphrase, f"{tid} {clause.id}: a quote without a source"


@pytest.mark.parametrize(("tid", "clause"), _clauses(), ids=lambda v: v if isinstance(v, str) else v.id)
def test_every_french_quote_is_marked_and_sourced(tid: str, clause: Clause) -> None:
    french = clause.rendering("fr")
    if french is not None and french.kind is TextKind.quote:
        assert french.source, (tid, clause.id)
        assert "«" in (french.text or "") and "»" in (french.text or ""), (tid, clause.id)


def test_the_charter_has_every_clause_in_french_found_not_made_up() -> None:
    charter = find_treaty(shipped_treaties(), "liptako-gourma-charter")
    assert all((c.rendering("fr") or Rendering(missing="x")).found for c in charter.clauses)
    quoted = {c.id: c.rendering("fr") for c in charter.clauses}
    assert quoted["art-8-no-blockade"].kind is TextKind.quote
    assert "blocus des ports" in quoted["art-8-no-blockade"].text
    assert quoted["art-8-no-blockade"].source == "burkina24.com"


def test_a_french_text_not_found_is_a_note_not_a_text() -> None:
    clause = find_treaty(shipped_treaties(), "ecowas-non-aggression-1978").clause("art-1-refrain")
    french = clause.rendering("fr")
    assert french is not None and not french.found and french.text is None and french.kind is None
    assert "not found" in french.missing


@pytest.mark.parametrize(("text_fr", "message"), [
    ({"text": "« Une attaque »", "kind": "quote"}, "a 'quote' needs the 'source'"),
    ({"text": "Une attaque contre l'une."}, "'text' needs its 'kind'"),
    ({"missing": "not found", "kind": "paraphrase"}, "drop 'kind'"),
    ({"text": "Une attaque.", "kind": "paraphrase", "missing": "not found"}, "not both or neither"),
    ({"source": "x"}, "not both or neither"),
    ({"text": "Une attaque contre l'une est une attaque contre toutes.", "kind": "quote", "source": "x"},
     "written between « and »"),
    ({"text": "« Une attaque »", "kind": "verbatim", "source": "x"}, "text_fr.kind"),
])
def test_a_french_text_written_wrongly_is_refused_with_the_reason(text_fr: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(")):
        Clause.model_validate({**BASE, "text_fr": text_fr})


def test_the_french_of_a_french_text_is_the_text_itself() -> None:
    with pytest.raises(ValidationError, match="'text_fr' repeats 'text'"):
        Clause.model_validate({**BASE, "language": "fr", "text_kind": "quote", "source": "x",
                               "text_fr": {"text": "« Une attaque »", "kind": "quote", "source": "x"}})
    ok = Clause.model_validate({**BASE, "text_fr": {"text": "« Une attaque »", "kind": "quote", "source": "x"}})
    assert ok.rendering("fr").text == "« Une attaque »" and ok.rendering("en").text == BASE["text"]


def _show(tid: str, width: int = 80) -> str:
    buf = io.StringIO()
    print_treaty(Console(file=buf, width=width, markup=False, emoji=False, highlight=False),
                 find_treaty(shipped_treaties(), tid))
    return buf.getvalue()


@pytest.mark.parametrize("tid", FRENCH_BESIDE_ENGLISH)
def test_treaties_id_shows_both_languages_within_80_columns(tid: str) -> None:
    out = _show(tid)
    assert max(len(line) for line in out.splitlines()) <= 80
    treaty = find_treaty(shipped_treaties(), tid)
    for clause in treaty.clauses:
        assert "text (" + clause.text_kind.value + ", " + clause.language + ")" in out


def test_the_charter_shown_in_both_languages_with_the_sources() -> None:
    out = _show("liptako-gourma-charter")
    assert "text (quote, fr)" in out and "text (paraphrase, en)" in out
    assert "source (fr)" in out and "burkina24.com" in out
    assert "text (not found, fr)" in _show("ecowas-non-aggression-1978")


def test_french_in_use_puts_the_french_first() -> None:
    clause = find_treaty(shipped_treaties(), "liptako-gourma-charter").clause("art-7-forces")
    try:
        use("en")
        assert [label for label, _ in text_fields(clause)][0] == "text (paraphrase, en)"
        use("fr")
        labels = [label for label, _ in text_fields(clause)]
    finally:
        use(None)
    assert labels[0] == "text (quote, fr)" and labels.index("text (paraphrase, en)") > 0


def test_treaties_command_shows_the_french_and_the_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["treaties", "ecowas-democracy-2001"]) == 0
    out = capsys.readouterr().out
    assert "text (quote, en)" in out and "text (quote, fr)" in out and "rupture de la démocratie" in out
    assert main(["treaties", "ecowas-democracy-2001", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert out.index("rupture de la démocratie") < out.index("abruptly brought to an end")


def test_the_revised_treaty_withdrawal_rule_carries_art_91_in_french() -> None:
    rule = find_treaty(shipped_treaties(), "ecowas-revised-treaty-1993").withdrawal
    assert rule is not None and rule.article == "91" and rule.text_fr is not None
    assert rule.text_fr.kind is TextKind.quote and rule.text_fr.source
    assert "cesse d'être membre de la Communauté" in rule.text_fr.text
    out = _show("ecowas-revised-treaty-1993")
    assert "withdrawal (quote, fr)" in out and "togoweb.net" in out


def test_a_withdrawal_rule_french_quote_is_marked() -> None:
    with pytest.raises(ValidationError, match="written between « and »"):
        WithdrawalRule.model_validate({"notice_months": 12, "text_fr": {"text": "Tout Etat", "kind": "quote",
                                                                       "source": "x"}})
