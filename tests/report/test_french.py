"""French: the answer and the error messages, from the gettext catalogs, with no English template left."""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path
from typing import Any

import pytest

from sahel_sim.cli import Exit, main
from sahel_sim.report import i18n
from sahel_sim.report.tables import render_results

ROOT = Path(__file__).parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
BAD = ROOT / "tests" / "bad_inputs"
PO = ROOT / "sahel_sim" / "locale" / "fr" / "LC_MESSAGES" / "sahel_sim.po"


@pytest.fixture
def french():
    i18n.use("fr")
    yield
    i18n.use(None)


def _english_pieces() -> list[str]:
    """The literal parts of every English message id that a French rendering must not contain.

    A part counts when it has two words or more (single words such as "Art."
    are shared by both languages) and when its French translation differs.
    """
    catalog = gettext.translation(i18n.DOMAIN, localedir=str(i18n.LOCALE_DIR), languages=["fr"])
    pieces = set()
    for msgid, msgstr in catalog._catalog.items():  # type: ignore[attr-defined]
        if not isinstance(msgid, str) or not msgid or msgid == msgstr:
            continue
        for part in re.split(r"\{\w+\}", msgid):
            part = part.strip(" ,;:()'")
            if len(part.split()) >= 2 and part not in msgstr:
                pieces.add(part)
    return sorted(pieces)


PIECES = _english_pieces()


def test_the_catalog_is_substantial() -> None:
    assert len(PIECES) > 150


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_no_english_template_in_french_answers(path: Path, french: None, shipped_runs: Any) -> None:
    result = shipped_runs.result(path)  # simulate(load_scenario(path)), shared with the other modules that run it
    text = render_results([result], width=80, explain=True)
    body = text.split("\n\n", 1)[1]  # the scenario's own title is data, as written
    words = " ".join(body.split())  # the body's words with single spaces, for every piece
    left = [p for p in PIECES if p in words]
    assert not left, f"untranslated in {path.name}: {left[:5]}"
    assert "Tenu" in body or "Non tenu" in body


def test_cli_lang_fr_at_80_columns(capsys: pytest.CaptureFixture[str]) -> None:
    niger = ROOT / "scenarios" / "ecowas-intervention-niger-2023-10.yaml"
    assert main(["run", str(niger), "--lang", "fr"]) == Exit.OK
    out = capsys.readouterr().out
    assert "En violation (12)" in out and "Tenu (2)" in out and "parce que" in out and "Charte du Liptako-Gourma Art. 6" in out
    assert "Bound" not in out and "because" not in out
    assert main(["run", str(niger)]) == Exit.OK  # the language does not stick to the next command
    assert "Bound (2)" in capsys.readouterr().out


def test_locale_environment_chooses_french(monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert main(["run", str(SCENARIOS[0])]) == Exit.OK
    assert "Scénario : " in capsys.readouterr().out


@pytest.mark.parametrize("name, needles", [
    ("unknown_event_field.yaml", [":7:5 : events[0].actor : champ inconnu 'actor' (vouliez-vous dire actors ?)"]),
    ("unknown_actor_target.yaml", [":7:5 : events[0].target : acteur inconnu 'NIG'", "NER (Niger) ou NIC"]),
    ("bad_date.yaml", [":4:5 : events[0].date : date invalide '2023-02-30' : le jour est hors des valeurs"]),
    ("missing_events.yaml", [":1:1 : events : champ obligatoire manquant 'events'"]),
    ("wrong_type_expect.yaml", ["2 problèmes :", ":10:72 : expect.obligated[0].article : texte attendu, reçu le "
                                "nombre 6 (mettez-le entre guillemets : article: \"6\")"]),
    ("unknown_event_kind.yaml", [":5:5 : events[0].kind : 'military_intervetion' n'est pas l'une des valeurs",
                                 "(vouliez-vous dire military_intervention ?)"]),
])
def test_french_errors_still_name_file_line_and_field(name: str, needles: list[str],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(BAD / name), "--lang", "fr"]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("sahel-sim: erreur: ") and name in err and "Traceback" not in err
    for needle in needles:
        assert needle in err
    assert not [p for p in PIECES if p in err]


def test_mo_is_compiled_from_po() -> None:
    pofile = pytest.importorskip("babel.messages.pofile")
    mofile = pytest.importorskip("babel.messages.mofile")
    with PO.open("rb") as fh:
        catalog = pofile.read_po(fh)
    buf = io.BytesIO()
    mofile.write_mo(buf, catalog)
    shipped = PO.with_suffix(".mo").read_bytes()
    assert buf.getvalue() == shipped, "recompile: pybabel compile -d sahel_sim/locale -D sahel_sim"


def test_every_french_template_keeps_its_fields() -> None:
    pofile = pytest.importorskip("babel.messages.pofile")
    with PO.open("rb") as fh:
        catalog = pofile.read_po(fh)
    checked = 0
    for message in catalog:
        if message.id and message.string:
            assert set(re.findall(r"\{(\w+)\}", message.id)) == set(re.findall(r"\{(\w+)\}", message.string)), message.id
            checked += 1
    assert checked > 300


def test_unknown_language_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(SCENARIOS[0]), "--lang", "de"]) == Exit.INPUT_ERROR
    assert "invalid choice: 'de'" in capsys.readouterr().err


EVENT_FACTS = ROOT / "tests" / "report" / "french-event-facts.yaml"
#: English sentences of the event facts, named actors, gravity, borrowed clauses and pending statuses.
EVENT_FACT_ENGLISH = ("invoked", "no invocation of", "determined", "no determination", "is of major scale", "scale of",
                      "was deliberate", "is deliberate", "attributed to", "the case of", "Within the clause",
                      "every other requirement", "armed bands", "frontier incident", "is named", "event's scale",
                      "unattributed_use_of_weapons", "unintended_use_of_weapons", "frontier_incident",
                      "without the intention", "not shown to be", "the target is a party")


def test_the_event_facts_speak_french(french: None, shipped_runs: Any) -> None:
    text = render_results([shipped_runs.result(EVENT_FACTS)], width=80, explain=True)
    flat = " ".join(text.split("\n\n", 1)[1].split())
    left = [p for p in EVENT_FACT_ENGLISH if p in flat]
    assert not left, f"untranslated: {left}"
    for french_text in ("Dans le champ de la clause, sans constatation (2)", "MLI a invoqué l'Art. 1 du traité « pact » "
                        "le 2024-06-04", "a constaté le 2024-06-05 que b est : agression",
                        "b est d'ampleur majeure", "b était délibéré", "le caractère délibéré de f n'est pas enregistré",
                        "DZA est nommé (un attaquant est DZA ou un membre d'ECOWAS)",
                        "le cas prévu par l'Art. 1 (art-1) du traité « Inline pact » est survenu pour b, avec NER pour obligé",
                        "toutes les autres conditions sont remplies ; dès qu'elle intervient : doit consulter",
                        "qualifié d'emploi involontaire d'armes", "d est d'ampleur incident"):
        assert french_text in flat, french_text
