"""The analysis commands, in-process through ``main([...])``: run --compare-perspectives,
run --cascade, explain, timeline, and --out for each."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from analysis.conftest import CHARTER, S2023
from sahel_sim.cli import Exit, main

ERROR = "sahel-sim: error: "


@pytest.fixture
def s1(tmp_path: Path) -> Path:
    """A private copy of the 2023 scenario (so --out tests can sit next to it)."""
    path = tmp_path / "s1.yaml"
    path.write_text(S2023.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert code == Exit.OK, captured.err
    assert captured.err == ""
    return captured.out


def _input_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == Exit.INPUT_ERROR
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert captured.out == ""
    return captured.err


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("│")[1:-1]]


# --- run --compare-perspectives ------------------------------------------------------------------------


def test_compare_table(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _ok(capsys, "run", str(s1), "--compare-perspectives")
    assert "Perspectives compared: aes, broad, ecowas, literal" in out
    assert "intervention under ecowas: enforcement_measure" in out
    header = next(line for line in out.splitlines() if "why they differ" in line)
    assert [c.strip() for c in header.split("┃")[1:-1]][:9] == ["event", "obligor", "beneficiary", "treaty", "art.", "aes", "broad", "ecowas", "literal"]
    # Mali and Burkina Faso, alike but for the obligor: one row naming both
    line = next(line for line in out.splitlines() if "│ BFA, MLI " in line and CHARTER in line)
    cells = _cells(line)
    assert cells[:9] == ["intervention", "BFA, MLI", "NER", CHARTER, "6", "yes", "yes", "no", "yes"]
    assert cells[9].startswith("attack_on_sovereignty")
    assert not [line for line in out.splitlines() if CHARTER in line and ("│ MLI " in line or "│ BFA " in line)]
    assert "mandated-enforcement" in out
    assert max(len(line) for line in out.splitlines()) <= 160


def test_compare_json_is_the_comparison(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sahel_sim import load_scenario
    from sahel_sim.analysis.compare import compare_perspectives

    doc = json.loads(_ok(capsys, "run", str(s1), "--compare-perspectives", "--format", "json"))
    assert doc == compare_perspectives(load_scenario(s1), conflicts=False).to_dict()
    rows = [r for r in doc["rows"] if r["treaty"] == CHARTER]
    assert {r["obligor"] for r in rows} == {"MLI", "BFA"}
    for r in rows:
        assert r["present"] == {"aes": True, "broad": True, "ecowas": False, "literal": True} and r["differs"] is True
        assert "attack_on_sovereignty" in r["why"] and "mandated-enforcement" in r["why"]


def test_compare_with_as_of_after_the_exit(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(_ok(capsys, "run", str(s1), "--compare-perspectives", "-f", "json", "--as-of", "2025-02-01"))
    assert all(not r["differs"] for r in doc["rows"])


def test_compare_with_an_unknown_party_is_an_input_error(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _input_error(capsys, "run", str(s1), "--compare-perspectives", "--party", "TCH")
    assert err.startswith(ERROR) and "TCD" in err


# --- run --cascade ---------------------------------------------------------------------------------------------


def test_cascade_table(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _ok(capsys, "run", str(s1), "--cascade", "3")
    assert "Cascade: 1 round(s) of responses, fixpoint reached" in out
    # ECOWAS is not bound to manage or mediate the crisis its own mandated intervention caused (so no
    # 1999 Mechanism or 1981 Art. 17 duty in round 0); the Sahel states' responses, which ECOWAS did
    # not mandate, are conflicts between Member States and bring in the 1981 Protocol's Art. 17.
    assert "round 0: 1 event(s)" in out and "treaties brought in: au-constitutive-act, ecowas-non-aggression-1978, liptako-gourma-charter, un-charter" in out
    assert "round 1: 8 event(s)" in out and "treaties brought in: ecowas-pmad-1981" in out
    assert "intervention>MLI-NGA · 2023-10-01 · MLI → NGA" in out  # each response event, condensed
    assert out.index("Cascade:") < out.index("intervention · 2023-10-01")  # the summary comes first
    assert "Conflicting duties (8)" in out
    conflicts = out.split("Conflicting duties (8)", 1)[1]
    assert "BFA, MLI (intervention): Liptako-Gourma Charter Art. 6 conflicts with ECOWAS" in conflicts


def test_cascade_json(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(_ok(capsys, "run", str(s1), "--cascade", "3", "--format", "json"))
    assert {"cascade", "conflicts"} <= doc.keys()
    assert doc["cascade"]["fixpoint"] is True
    assert [r["round"] for r in doc["cascade"]["rounds"]] == [0, 1]
    assert doc["cascade"]["rounds"][1]["drawn_in"] == ["BFA", "MLI"]
    assert {c["actor"] for c in doc["conflicts"]} == {"MLI", "BFA"}
    assert {e["id"] for e in doc["events"]} >= {"intervention", "intervention>BFA-BEN"}
    assert {o["round"] for o in doc["obligations"]} == {0, 1}


def test_no_cascade_by_default_but_conflicts_are_reported(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(_ok(capsys, "run", str(s1), "-f", "json"))
    assert "cascade" not in doc and len(doc["conflicts"]) == 8
    out = _ok(capsys, "run", str(s1))
    assert "Conflicting duties (8)" in out and "Cascade:" not in out


@pytest.mark.parametrize("value", ["-1", "x", "51", "1.5", ""])
def test_bad_cascade_bound_is_a_usage_error(s1: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    assert main(["run", str(s1), "--cascade", value]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert "--cascade" in err and "Traceback" not in err


def test_cascade_zero_is_no_cascade(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(_ok(capsys, "run", str(s1), "--cascade", "0", "-f", "json"))
    assert "cascade" not in doc


# --- explain ----------------------------------------------------------------------------------------------------


def test_explain_table(s1: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # wide enough for each row on one line, as the cells are read below
    out = _ok(capsys, "explain", str(s1), "--party", "TCD", "--treaty", CHARTER)
    assert f"What would flip TCD's obligations under {CHARTER}" in out
    line = next(line for line in out.splitlines() if "TCD accedes to AES" in line)
    cells = _cells(line)
    assert cells[:2] == ["1", "on"]
    assert "Art. 6" in cells[3] and "now obligated" in cells[3]


def test_explain_json(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(_ok(capsys, "explain", str(s1), "--party", "TCD", "--treaty", CHARTER, "--format", "json"))
    assert (doc["party"], doc["treaty"]) == ("TCD", CHARTER)
    first = doc["flips"][0]
    assert first["size"] == 1 and first["turned"] == "on"
    assert first["changes"][0]["kind"] == "membership" and "accedes to AES" in first["changes"][0]["description"]
    assert any("Art. 6" in p for p in first["proof"])


def test_explain_nothing_to_flip(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _ok(capsys, "explain", str(s1), "--party", "NER", "--treaty", CHARTER)
    assert "No single or paired change of fact flips NER's obligations" in out
    doc = json.loads(_ok(capsys, "explain", str(s1), "--party", "NER", "--treaty", CHARTER, "-f", "json"))
    assert doc["flips"] == []


def test_explain_unknown_party_suggests(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _input_error(capsys, "explain", str(s1), "--party", "TCH", "--treaty", CHARTER)
    # The library's world now also holds THA (Thailand), as near to TCH as TCD: both are suggested.
    assert err.startswith(ERROR) and "--party TCH" in err and "TCD (Chad)" in err.split("did you mean", 1)[1]


def test_explain_unknown_treaty_suggests(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _input_error(capsys, "explain", str(s1), "--party", "TCD", "--treaty", "liptako-gourma")
    assert err.startswith(ERROR) and "did you mean liptako-gourma-charter" in err


def test_explain_unknown_perspective_is_an_input_error(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _input_error(capsys, "explain", str(s1), "--party", "TCD", "--perspective", "aess")
    assert "unknown perspective 'aess'" in err


def test_explain_needs_a_party(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(s1)]) == Exit.INPUT_ERROR
    assert "--party" in capsys.readouterr().err


def test_explain_refuses_a_limit_below_one(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(s1), "--party", "TCD", "--limit", "0"]) == Exit.INPUT_ERROR


# --- timeline ----------------------------------------------------------------------------------------------------


def test_timeline_table(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _ok(capsys, "timeline", str(s1), "--from", "2023-07-26", "--to", "2025-02-28")
    assert "(literal reading), 2023-07-26 to 2025-02-28" in out
    dates = [c[0] for c in (_cells(line) for line in out.splitlines() if line.startswith("│")) if c and c[0]]
    assert dates == ["2023-07-26", "2023-09-16", "2025-01-29"]
    assert "BFA, MLI → NER: assist, bound" in out  # alike but for the obligor: one line; the cell wraps after it
    assert "the Liptako-Gourma Charter enters into" in out
    assert "MLI ceases to be a member of ECOWAS" in out


def test_timeline_json(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(_ok(capsys, "timeline", str(s1), "--from", "2023-07-26", "--to", "2025-02-28", "-f", "json"))
    assert [s["date"] for s in doc["steps"]] == ["2023-07-26", "2023-09-16", "2025-01-29"]
    on = {(r["obligor"], r["treaty"]) for r in doc["steps"][1]["on"]}
    assert on == {("MLI", CHARTER), ("BFA", CHARTER)}
    assert all(r["treaty"].startswith("ecowas-") for r in doc["steps"][2]["off"])


def test_timeline_svg(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _ok(capsys, "timeline", str(s1), "--from", "2023-07-26", "--to", "2025-02-28", "--format", "svg")
    root = ET.fromstring(out)
    assert root.tag.endswith("svg")
    assert "BFA, MLI → NER: assist, bound (Liptako-Gourma Charter Art. 6)" in out  # the same drawer as notebooks'


def test_timeline_perspective(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(_ok(capsys, "timeline", str(s1), "--from", "2023-07-26", "--to", "2025-02-28", "-f", "json",
                         "--perspective", "ecowas"))
    assert doc["perspective"] == "ecowas"
    art6_on = [s["date"] for s in doc["steps"] for r in s["on"] if r["treaty"] == CHARTER]
    assert set(art6_on) == {"2025-01-29"}


def test_timeline_to_before_from_is_an_input_error(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _input_error(capsys, "timeline", str(s1), "--from", "2025-02-28", "--to", "2023-07-26")
    assert err.startswith(ERROR) and "--to 2023-07-26 is before --from 2025-02-28" in err


@pytest.mark.parametrize("bad", ["2023-13-01", "26/07/2023", "20230726"])
def test_timeline_bad_dates_are_usage_errors(s1: Path, capsys: pytest.CaptureFixture[str], bad: str) -> None:
    assert main(["timeline", str(s1), "--from", bad, "--to", "2025-02-28"]) == Exit.INPUT_ERROR
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_timeline_unknown_perspective_is_an_input_error(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _input_error(capsys, "timeline", str(s1), "--from", "2023-07-26", "--to", "2025-02-28",
                       "--perspective", "ecowass")
    assert "unknown perspective 'ecowass'" in err


# --- --out ----------------------------------------------------------------------------------------------------------

COMMANDS = {
    "compare": ["run", "{s1}", "--compare-perspectives"],
    "compare-json": ["run", "{s1}", "--compare-perspectives", "-f", "json"],
    "cascade": ["run", "{s1}", "--cascade", "3"],
    "cascade-json": ["run", "{s1}", "--cascade", "3", "-f", "json"],
    "explain": ["explain", "{s1}", "--party", "TCD", "--treaty", CHARTER],
    "explain-json": ["explain", "{s1}", "--party", "TCD", "--treaty", CHARTER, "-f", "json"],
    "timeline": ["timeline", "{s1}", "--from", "2023-07-26", "--to", "2025-02-28"],
    "timeline-svg": ["timeline", "{s1}", "--from", "2023-07-26", "--to", "2025-02-28", "-f", "svg"],
}


def _argv(name: str, s1: Path) -> list[str]:
    return [a.replace("{s1}", str(s1)) for a in COMMANDS[name]]


@pytest.mark.parametrize("name", ["compare", "cascade", "cascade-json", "explain-json", "timeline-svg"])
def test_out_writes_the_same_document_atomically(name: str, s1: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import sahel_sim.report.write as write

    calls: list[Any] = []
    real = write.write_chunks  # write_atomic writes through it too

    def spy(path: Any, chunks: Any, **kw: Any) -> Any:
        calls.append(path)
        return real(path, chunks, **kw)

    monkeypatch.setattr(write, "write_chunks", spy)
    stdout = _ok(capsys, *_argv(name, s1))
    target = tmp_path / "out" / f"{name}.txt"
    target.parent.mkdir()
    assert _ok(capsys, *_argv(name, s1), "--out", str(target)) == ""
    assert [Path(p) for p in calls] == [target]
    assert target.read_text(encoding="utf-8") == stdout
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name], "no temporary file left behind"
    if name.endswith("json"):
        json.loads(target.read_text(encoding="utf-8"))
    if name.endswith("svg"):
        ET.parse(target)


@pytest.mark.parametrize("name", ["cascade-json", "timeline-svg"])
def test_out_does_not_overwrite_without_force(name: str, s1: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "existing.txt"
    target.write_text("keep me\n", encoding="utf-8")
    err = _input_error(capsys, *_argv(name, s1), "--out", str(target))
    assert "already exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "keep me\n"
    _ok(capsys, *_argv(name, s1), "--out", str(target), "--force")
    assert target.read_text(encoding="utf-8") != "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["existing.txt", "s1.yaml"])


@pytest.mark.parametrize("name", ["explain", "compare"])
def test_out_onto_the_input_is_refused(name: str, s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = s1.read_bytes()
    err = _input_error(capsys, *_argv(name, s1), "--out", str(s1), "--force")
    assert "input" in err
    assert s1.read_bytes() == before


def test_a_failed_command_writes_nothing(s1: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["timeline", str(s1), "--from", "2025-02-28", "--to", "2023-07-26"],
                 ["explain", str(s1), "--party", "TCH"],
                 ["run", str(s1), "--compare-perspectives", "--party", "TCH"]):
        target = tmp_path / "never.txt"
        _input_error(capsys, *argv, "--out", str(target))
        assert not target.exists()
