"""The library cache: keyed by file contents, so an edited file is never read stale; failures mean no cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahel_sim import library_cache


def test_the_key_changes_when_a_file_changes(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text("x: 1\n", encoding="utf-8")
    before = library_cache.content_key([f], tmp_path)
    f.write_text("x: 2\n", encoding="utf-8")
    assert library_cache.content_key([f], tmp_path) != before


def test_store_then_load_round_trips(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAHEL_SIM_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("SAHEL_SIM_NO_CACHE", raising=False)
    library_cache.store("k1", {"treaties": 9})
    assert library_cache.load("k1") == {"treaties": 9}
    assert library_cache.load("other") is None
    assert not list(tmp_path.glob(".library-*.tmp")), "no temporary file is left behind"


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAHEL_SIM_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("SAHEL_SIM_NO_CACHE", "1")
    library_cache.store("k1", 1)
    assert library_cache.load("k1") is None
    assert not list(tmp_path.iterdir())


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("SAHEL_SIM_CACHE_DIR", str(blocker / "sub"))  # a folder inside a file: cannot exist
    monkeypatch.delenv("SAHEL_SIM_NO_CACHE", raising=False)
    library_cache.store("k1", 1)
    assert library_cache.load("k1") is None
