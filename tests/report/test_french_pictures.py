"""``sahel-sim graph … --lang fr``: the picture speaks French (legends, titles, the map's note, compass letters).

The SVG keeps its text as text, so the words a person reads can be read back; the scenario's own
title and the actors' ids are data, as written.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sahel_sim.cli import Exit, main
from sahel_sim.report import i18n
from sahel_sim.report.plots import category_label, latitude_label, longitude_label
from tests.report.conftest import require
from tests.report.test_french import PIECES

NIGER = Path(__file__).parents[2] / "scenarios" / "ecowas-intervention-niger-2023-10.yaml"


def _texts(path: Path) -> list[str]:
    """Every text of an SVG, in document order."""
    return ["".join(e.itertext()) for e in ET.parse(path).iter() if e.tag.endswith("}text")]


def _picture_pieces() -> list[str]:
    """The literal parts (two words or more) of the pictures' own English messages (context ``picture``)."""
    import gettext
    import re

    catalog = gettext.translation(i18n.DOMAIN, localedir=str(i18n.LOCALE_DIR), languages=["fr"])
    pieces = set()
    for key, msgstr in catalog._catalog.items():  # type: ignore[attr-defined]
        if isinstance(key, str) and key.startswith("picture\x04"):
            for part in re.split(r"\{\w+\}", key.split("\x04", 1)[1]):
                part = part.strip(" ,;:()'\n")
                if len(part.split()) >= 2 and part not in msgstr:
                    pieces.add(part)
    return sorted(pieces)


def _english_left(texts: list[str], data: str) -> list[str]:
    """English message parts (two words or more) still in the texts, the scenario's own title aside."""
    read = " ".join(t.replace(data, "") for t in texts)
    pieces = _picture_pieces()
    assert len(pieces) > 20
    return [p for p in PIECES + pieces if p in read]


@pytest.fixture(scope="module")
def world_fr(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    require("matplotlib")
    out = tmp_path_factory.mktemp("fr") / "niger.svg"
    assert main(["graph", str(NIGER), "--out", str(out), "--lang", "fr"]) == Exit.OK
    return _texts(out)


def test_the_world_picture_speaks_french(world_fr: list[str]) -> None:
    assert "la situation de chaque partie" in world_fr and "débiteur → bénéficiaire, par traité" in world_fr
    assert {"en violation", "tenu", "non tenu", "la cible de l'événement (attaquée)", "État", "organisation",
            "absent de cette simulation"} <= set(world_fr)
    assert "2023-10-01 · lecture littérale · 14 obligation(s) représentée(s)" in world_fr
    assert "Charte du Liptako-Gourma: Art. 6 assister" in world_fr
    assert "frontières actuelles : Natural Earth 1:110m (domaine public)" in world_fr
    assert "20°O" in world_fr and "20°W" not in world_fr
    assert not _english_left(world_fr, "ECOWAS intervention in Niger, after the Liptako-Gourma Charter")


def test_the_cascade_picture_speaks_french(tmp_path: Path) -> None:
    require("matplotlib")
    out = tmp_path / "cascade.svg"
    assert main(["graph", str(NIGER), "--out", str(out), "--cascade", "2", "--lang", "fr"]) == Exit.OK
    texts = _texts(out)
    assert "événements" in texts and "tour 1" in texts and "réponse causée par" in texts
    assert any(t.startswith("Cascade : ECOWAS intervention") for t in texts)
    assert any(t.startswith("obligation au titre du traité « Charte du Liptako-Gourma » Art. 6") for t in texts)
    assert not _english_left(texts, "ECOWAS intervention in Niger, after the Liptako-Gourma Charter")


def test_without_lang_the_words_stay_english() -> None:
    i18n.use("en")
    try:
        assert category_label("attacked") == "the event's target (attacked)"
        assert category_label("not_invoked") == "within the clause, not invoked"
        assert (longitude_label(-20.0), latitude_label(-5.0)) == ("20°W", "5°S")
        i18n.use("fr")
        assert category_label("not_invoked") == "dans le champ de la clause, non invoquée"
        assert category_label("bound_discretion") == "tenu, moyens à sa discrétion"
        assert (longitude_label(-20.0), latitude_label(-5.0)) == ("20°O", "5°S")
    finally:
        i18n.use(None)


def test_the_timeline_picture_speaks_french(tmp_path: Path) -> None:
    require("matplotlib")
    out = tmp_path / "timeline.svg"
    assert main(["timeline", str(NIGER), "--from", "2023-07-01", "--to", "2025-02-28", "--out", str(out),
                 "--lang", "fr"]) == Exit.OK
    texts = _texts(out)
    assert any(t.endswith(": obligations du 2023-07-01 au 2025-02-28 (lecture littérale)") for t in texts)
    assert "BFA, MLI → NER: assister, tenu (Charte du Liptako-Gourma Art. 6)" in texts
    assert "traité (statut selon le style) ; le monde change aux lignes tiretées" in texts
    assert any("BFA devient membre d'AES" in t for t in texts)
    assert any("MLI cesse d'être membre d'ECOWAS (préavis du 2024-01-28)" in t for t in texts)
    assert "2024" in texts and "Jan" not in texts and "Jul" not in texts  # months as numbers, not English names
    assert not _english_left(texts, "ECOWAS intervention in Niger, after the Liptako-Gourma Charter")
