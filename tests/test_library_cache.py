"""The library cache: keyed by file contents, so an edited file is never read stale; failures mean no cache."""

from __future__ import annotations

import json
import os
import pickle
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


# --------------------------------------------------------------------------- plain data, private folder


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SAHEL_SIM_CACHE_DIR", str(folder))
    monkeypatch.delenv("SAHEL_SIM_NO_CACHE", raising=False)
    monkeypatch.setattr(library_cache, "_warned", set())
    return folder


def test_the_folder_is_created_private_and_the_file_is_json(cache: Path) -> None:
    library_cache.store("k1", {"a": [1, 2]})
    assert (cache.stat().st_mode & 0o777) == 0o700
    document = json.loads((cache / "library-k1.json").read_text(encoding="utf-8"))
    assert document["key"] == "k1" and json.loads(document["value"]) == {"a": [1, 2]}


class _Planted:
    """Unpickling this would run code: it would create the marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (str(self.marker), "pwned"))  # type: ignore[return-value]


def test_a_planted_pickle_is_never_loaded(cache: Path, tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    cache.mkdir(mode=0o700)
    payload = pickle.dumps(_Planted(marker))
    for name in ("library-k1.json", "library-k1.pickle"):
        (cache / name).write_bytes(payload)
    assert library_cache.load("k1") is None
    assert not marker.exists(), "nothing in the cache folder is ever unpickled"


def test_a_tampered_file_is_not_loaded(cache: Path) -> None:
    library_cache.store("k1", {"parties": ["MLI"]})
    path = cache / "library-k1.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["value"] = json.dumps({"parties": ["MLI", "TCD"]})  # edited without its digest
    path.write_text(json.dumps(document), encoding="utf-8")
    assert library_cache.load("k1") is None
    document["sha256"] = "0" * 64
    path.write_text(json.dumps(document), encoding="utf-8")
    assert library_cache.load("k1") is None
    path.write_text("{not json", encoding="utf-8")
    assert library_cache.load("k1") is None
    library_cache.store("k2", 1)
    (cache / "library-k2.json").rename(cache / "library-k3.json")  # a file under another key
    assert library_cache.load("k3") is None


def test_a_folder_others_may_write_is_refused_with_one_line(cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library_cache.store("k1", 1)
    cache.chmod(0o777)
    assert library_cache.load("k1") is None
    library_cache.store("k2", 2)
    assert not (cache / "library-k2.json").exists()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is writable by group or others" in err and str(cache) in err


def test_a_folder_or_file_not_owned_by_the_user_is_refused(cache: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    library_cache.store("k1", 1)
    uid = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: uid + 1)
    assert library_cache.load("k1") is None
    assert "is not owned by you" in capsys.readouterr().err


def test_a_group_writable_file_and_a_link_are_refused(cache: Path, tmp_path: Path) -> None:
    library_cache.store("k1", 1)
    (cache / "library-k1.json").chmod(0o666)
    assert library_cache.load("k1") is None
    library_cache.store("k2", 2)
    (cache / "library-k2.json").rename(tmp_path / "elsewhere.json")
    (cache / "library-k2.json").symlink_to(tmp_path / "elsewhere.json")
    assert library_cache.unsafe_reason(cache / "library-k2.json") == "is a symbolic link"
    assert library_cache.load("k2") is None


def test_the_library_reads_from_source_when_the_cache_is_refused(cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sahel_sim.library import _read_library, library_world

    library_world.cache_clear()
    try:
        first = library_world()  # writes the cache
        assert list(cache.glob("library-*.json"))
        library_world.cache_clear()
        assert library_world() == first  # read back from the cache
        cache.chmod(0o775)
        library_world.cache_clear()
        assert library_world() == first == _read_library()
        assert "reading the library from source" in capsys.readouterr().err
    finally:
        cache.chmod(0o700)
        library_world.cache_clear()


def test_the_key_names_the_package_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "a.yaml"
    f.write_text("x: 1\n", encoding="utf-8")
    before = library_cache.content_key([f], tmp_path)
    monkeypatch.setattr(library_cache, "__version__", "99.0.0")
    assert library_cache.content_key([f], tmp_path) != before


def test_a_value_that_is_not_json_is_simply_not_cached(cache: Path) -> None:
    library_cache.store("k1", {"when": object()})
    assert library_cache.load("k1") is None
    assert not list(cache.glob(".library-*.tmp"))


def test_the_key_changes_when_a_model_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Data cached for one shape of the models is never read by another shape of the same version."""
    f = tmp_path / "a.yaml"
    f.write_text("x: 1\n", encoding="utf-8")
    model = tmp_path / "model.py"
    model.write_text("class A: pass\n", encoding="utf-8")
    monkeypatch.setattr(library_cache, "shape_sources", lambda: [model])
    before = library_cache.content_key([f], tmp_path)
    model.write_text("class A:\n    new_field = 1\n", encoding="utf-8")
    assert library_cache.content_key([f], tmp_path) != before


def test_the_models_sources_are_in_the_key() -> None:
    names = {p.relative_to(p.parents[1]).as_posix() for p in library_cache.shape_sources()}
    assert "model/events.py" in names and "clauses/treaty.py" in names
