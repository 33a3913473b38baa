"""An article is named ``Art. 6``; a provision whose id is a name (``Protocol 1(b)``) is named as it is."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sahel_sim.clauses.articles import article_label, articles_label
from sahel_sim.cli import main

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.mark.parametrize(("article", "label"), [
    ("6", "Art. 6"), ("42(7)", "Art. 42(7)"), ("IV(1)", "Art. IV(1)"), ("VIII", "Art. VIII"), ("II", "Art. II"),
    ("5bis", "Art. 5bis"), ("?", "Art. ?"), ("Protocol 1(b)", "Protocol 1(b)"), ("PSC Protocol", "PSC Protocol"),
    ("College decisions", "College decisions"), ("Annex 2", "Annex 2"),
])
def test_article_label(article: str, label: str) -> None:
    assert article_label(article) == label


def test_several_articles_share_one_art_unless_one_is_named() -> None:
    assert articles_label(["5", "6"]) == "Art. 5, 6"
    assert articles_label(["Protocol 1(a)"]) == "Protocol 1(a)"
    assert articles_label(["1", "Protocol 1(a)"]) == "Art. 1, Protocol 1(a)"


def test_the_1939_protocol_is_not_called_an_article(capsys: pytest.CaptureFixture[str]) -> None:
    """The UK-Poland Agreement's secret Protocol: its paragraphs are cited as the Protocol's, in every output."""
    path = str(SCENARIOS / "poland-september-1939.yaml")
    assert main(["run", path, "--format", "json", "--all"]) == 0
    doc = capsys.readouterr().out
    references = {r for r in re.findall(r'"reference": "([^"]*)"', doc)}
    assert "Art. 1 (with Protocol 1(a))" in references and "Protocol 1(b) (with Art. 1, 2)" in references
    assert main(["run", path, "--explain", "--all"]) == 0
    text = capsys.readouterr().out
    for words in (doc, text):
        assert not re.search(r"Art\. (Protocol|PSC|College|Additional|Secret)", words)
    assert json.loads(doc)


def test_the_treaty_pages_name_provisions_as_the_files_do(capsys: pytest.CaptureFixture[str]) -> None:
    """The four shipped treaties with named provisions: a protocol, a council's protocol, decisions, a secret protocol."""
    named = {"uk-poland-1939": "Protocol 1(b)", "aes-confederation-treaty": "College decisions",
             "au-constitutive-act": "PSC Protocol", "german-soviet-pact-1939": "Secret additional protocol"}
    for treaty, provision in named.items():
        assert main(["treaties", treaty]) == 0
        out = " ".join(capsys.readouterr().out.split())
        assert provision in out, treaty
        assert not re.search(r"Art\. (Protocol|PSC|College|Additional|Secret)", out), treaty
