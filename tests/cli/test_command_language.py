"""A command speaks one language throughout: --lang, else the one in use, else the locale environment's, read
once; afterwards the language in use is what it was before."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_sim.cli import Exit, main
from sahel_sim.report import i18n

NIGER = Path(__file__).resolve().parents[2] / "scenarios" / "ecowas-intervention-niger-2023-10.yaml"


@pytest.fixture
def french_locale(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """LANG=fr_FR, and a count of the times the locale environment is read."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    reads = [0]
    real = i18n.language_from_env

    def counted() -> str:
        reads[0] += 1
        return real()

    monkeypatch.setattr(i18n, "language_from_env", counted)
    return reads


def test_the_locale_environment_is_read_once_for_a_whole_run(french_locale: list[int],
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(NIGER)]) == Exit.OK
    out = capsys.readouterr().out
    assert "En violation (12)" in out and "Tenu (2)" in out and "Bound" not in out
    assert french_locale == [1]
    assert i18n.chosen() is None  # the environment's again, as before the command


def test_an_error_is_told_in_the_language_read_once(french_locale: list[int], tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(tmp_path / "missing.yaml")]) == Exit.INPUT_ERROR
    assert capsys.readouterr().err.startswith("sahel-sim: erreur: ")
    assert french_locale == [1] and i18n.chosen() is None


def test_lang_is_spoken_and_the_environment_not_read(french_locale: list[int],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(NIGER), "--lang", "en"]) == Exit.OK
    assert "Bound (2)" in capsys.readouterr().out
    assert french_locale == [0] and i18n.chosen() is None


def test_a_language_in_use_before_the_command_is_spoken_and_kept(french_locale: list[int],
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    i18n.use("en")
    try:
        assert main(["run", str(NIGER)]) == Exit.OK
        assert "Bound (2)" in capsys.readouterr().out
        assert french_locale == [0] and i18n.chosen() == "en"
    finally:
        i18n.use(None)
