"""``sahel-sim verify``: findings on a deliberately inconsistent treaty, none on the shipped library,
and counterexample files that ``sahel-sim run`` runs and that show each finding."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from sahel_sim.cli import Exit, main

HERE = Path(__file__).parent
INCONSISTENT = HERE / "inconsistent-treaty.yaml"
TREATY = "inconsistent-pact"
PLANTED = {
    ("asymmetry", ("art-1-mutual-defence",)),
    ("self_duty", ("art-2-self-help",)),
    ("self_duty", ("art-4-sanction-the-state",)),
    ("contradiction", ("art-3-support-the-government", "art-4-sanction-the-state")),
    ("swallowed_exception", ("art-5-armed-attack",)),
    ("never_fires", ("art-6-misspelt",)),
}


def verify_json(capsys: pytest.CaptureFixture[str], *args: str, code: int) -> dict[str, Any]:
    assert main(["verify", *args, "--format", "json"]) == code
    return json.loads(capsys.readouterr().out)


def run_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    from sahel_sim.report.results_json import expand

    assert main(["run", str(path), "--format", "json"]) == Exit.OK
    return expand(json.loads(capsys.readouterr().out))  # the shared reason trees put back in place


@pytest.fixture(scope="module")
def verified(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """One verify run of the inconsistent treaty, shared by the tests below."""
    out = tmp_path_factory.mktemp("counterexamples")
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(["verify", str(INCONSISTENT), "--out-dir", str(out), "--format", "json"])
    assert code == 1, "a finding is exit 1"
    return json.loads(buffer.getvalue()), out


def test_every_planted_defect_is_reported(verified: tuple[dict[str, Any], Path]) -> None:
    report, _ = verified
    assert {(f["kind"], tuple(f["clauses"])) for f in report["findings"]} == PLANTED
    assert report["summary"]["findings"] == len(PLANTED)
    assert report["summary"]["warnings"] == 1  # never_fires is a warning; the rest are errors
    for f in report["findings"]:
        assert f["treaty"] == TREATY and f["message"] and f["shows"]
        assert f["counterexample"] and f["reproduced"] is True


def test_the_never_firing_clause_names_the_misspelt_category(verified: tuple[dict[str, Any], Path]) -> None:
    report, _ = verified
    (f,) = [f for f in report["findings"] if f["kind"] == "never_fires"]
    assert "'agression'" in f["message"] and "did you mean aggression?" in f["message"]


def test_counterexamples_are_the_smallest_scenarios(verified: tuple[dict[str, Any], Path]) -> None:
    """Shrunk: one plain event (two for the mirror case), no optional fact, the default reading."""
    report, _ = verified
    for f in report["findings"]:
        doc = yaml.safe_load(Path(f["counterexample"]).read_text(encoding="utf-8"))
        events = doc["events"]
        assert len(events) == (2 if f["kind"] == "asymmetry" else 1), f
        for e in events:
            assert set(e) <= {"id", "date", "kind", "actors", "target", "location"}, e
            assert len(e["actors"]) == 1, e
        assert "perspective" not in doc
        # the treaty file is outside the counterexamples' folder, which a scenario may not name: it is inline
        (inline,) = doc["treaties"]
        assert inline["id"] == TREATY and inline["clauses"]
        assert doc["hypothetical"] is True and "sahel-sim verify" in doc["description"]


def _by_kind(report: dict[str, Any], kind: str, clause: str) -> Path:
    return Path(next(f["counterexample"] for f in report["findings"] if f["kind"] == kind and clause in f["clauses"]))


def _mine(doc: dict[str, Any], clause: str) -> list[dict[str, Any]]:
    return [o for o in doc["obligations"] if o["treaty"] == TREATY and o["clause"] == clause]


def test_the_self_duty_counterexample_shows_a_party_owing_itself(verified: tuple[dict[str, Any], Path],
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    report, _ = verified
    doc = run_json(_by_kind(report, "self_duty", "art-2-self-help"), capsys)
    assert any(o["obligor"] == o["beneficiary"] for o in _mine(doc, "art-2-self-help"))
    doc = run_json(_by_kind(report, "self_duty", "art-4-sanction-the-state"), capsys)
    assert any(o["obligor"] in o["against"] for o in _mine(doc, "art-4-sanction-the-state"))


def test_the_contradiction_counterexample_shows_both_duties(verified: tuple[dict[str, Any], Path],
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    report, _ = verified
    doc = run_json(_by_kind(report, "contradiction", "art-3-support-the-government"), capsys)
    helps = {(o["obligor"], o["beneficiary"]) for o in _mine(doc, "art-3-support-the-government")}
    sanctions = {(o["obligor"], a) for o in _mine(doc, "art-4-sanction-the-state") for a in o["against"]}
    assert helps & sanctions, "one party must both help and sanction the same state"


def test_the_asymmetry_counterexample_shows_the_duty_one_way_only(verified: tuple[dict[str, Any], Path],
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    report, _ = verified
    path = _by_kind(report, "asymmetry", "art-1-mutual-defence")
    doc = run_json(path, capsys)
    one_way = {(o["obligor"], o["beneficiary"]) for o in _mine(doc, "art-1-mutual-defence") if o["event"] == "e1"}
    back = {(o["beneficiary"], o["obligor"]) for o in _mine(doc, "art-1-mutual-defence") if o["event"] == "e1-mirror"}
    assert one_way - back, "some party is owed help that it does not owe back"


def test_the_swallowed_exception_counterexample_shows_the_rule_defeated(verified: tuple[dict[str, Any], Path],
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    report, _ = verified
    doc = run_json(_by_kind(report, "swallowed_exception", "art-5-armed-attack"), capsys)
    assert not _mine(doc, "art-5-armed-attack")
    refusals = [n for n in doc["non_obligations"] if n["treaty"] == TREATY and n["clause"] == "art-5-armed-attack"]
    assert any(n["reason"]["role"] == "exception" for n in refusals)
    assert all(n["reason"]["role"] in ("exception", "builtin") for n in refusals)  # the party attacked: its role


def test_the_never_fires_counterexample_runs_and_binds_nobody(verified: tuple[dict[str, Any], Path],
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    report, _ = verified
    doc = run_json(_by_kind(report, "never_fires", "art-6-misspelt"), capsys)
    assert not _mine(doc, "art-6-misspelt")
    assert any("agression" in n["reason"]["text"] for n in doc["non_obligations"] if n["clause"] == "art-6-misspelt")


def test_the_table_names_each_finding_and_its_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(INCONSISTENT), "--out-dir", str(tmp_path / "ce"), "--examples", "60"]) == 1
    out = capsys.readouterr().out
    for kind, _ in PLANTED:
        assert kind in out
    assert "Counterexamples" in out and "sahel-sim run FILE --explain" in out
    assert "1 treaty, 6 clauses" in out and "(5 errors, 1 warning)" in out


def test_the_shipped_library_has_no_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = verify_json(capsys, "--library", "--examples", "25", "--out-dir", str(tmp_path / "ce"), code=Exit.OK)
    assert report["findings"] == []
    assert report["summary"]["treaties"] >= 6 and report["summary"]["clauses"] >= 19
    # A note (a prohibition that only its own actors can breach, ECOWAS 1978 Art. 1 among them) is no finding;
    # the folder holds the notes' examples only, each of which shows its note.
    notes = report["notes"]
    assert {n["kind"] for n in notes} == {"breached_by_its_trigger"}
    shown = [n for n in notes if n["counterexample"]]  # a prohibition needing rarer facts may go unshown
    assert "art-1-refrain" in {c for n in shown for c in n["clauses"]}
    assert all(n["reproduced"] is True for n in shown)
    assert all(n["shows"] is None and n["reproduced"] is None for n in notes if not n["counterexample"])
    assert sorted(p.name for p in (tmp_path / "ce").iterdir()) == sorted(Path(n["counterexample"]).name for n in shown)


def test_counterexamples_go_to_a_new_folder_in_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    report = verify_json(capsys, str(INCONSISTENT), "--examples", "60", code=1)
    folder = tmp_path / "verify-counterexamples"
    assert sorted(p.name for p in folder.iterdir()) == sorted(Path(f["counterexample"]).name for f in report["findings"])


def test_existing_counterexamples_are_not_overwritten_without_force(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ce"
    verify_json(capsys, str(INCONSISTENT), "--out-dir", str(out), "--examples", "60", code=1)
    before = {p.name: p.read_text() for p in out.iterdir()}
    assert main(["verify", str(INCONSISTENT), "--out-dir", str(out), "--examples", "60"]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert "already exist" in err and "--force" in err and "Traceback" not in err
    assert {p.name: p.read_text() for p in out.iterdir()} == before
    verify_json(capsys, str(INCONSISTENT), "--out-dir", str(out), "--examples", "60", "--force", code=1)


def _no_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any search fail the test: the refusals below must come before one starts."""
    import sahel_sim.verify as verify_module

    def searched(*_: Any, **__: Any) -> Any:
        raise AssertionError("verify searched before refusing its output folder")

    monkeypatch.setattr(verify_module, "verify_subject", searched)


def test_earlier_counterexamples_are_refused_before_the_search(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ce"
    verify_json(capsys, str(INCONSISTENT), "--out-dir", str(out), "--examples", "60", code=1)
    before = {p.name: p.read_text() for p in out.iterdir()}
    _no_search(monkeypatch)
    assert main(["verify", str(INCONSISTENT), "--out-dir", str(out), "--examples", "60"]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert "already exist" in err and "earlier verify" in err and "--force" in err and "Traceback" not in err
    assert sorted(before)[0] in err
    assert {p.name: p.read_text() for p in out.iterdir()} == before


def test_a_folder_of_other_files_is_written_to(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only files named as this treaty's counterexamples are earlier ones: a folder of other files is used."""
    (tmp_path / "notes.yaml").write_text("kept: true\n")
    (tmp_path / "other-pact--never-fires--1.yaml").write_text("kept: true\n")
    report = verify_json(capsys, str(INCONSISTENT), "--out-dir", str(tmp_path), "--examples", "60", code=1)
    assert report["findings"] and all(Path(f["counterexample"]).parent == tmp_path for f in report["findings"])
    assert (tmp_path / "notes.yaml").read_text() == "kept: true\n"


@pytest.mark.parametrize("where", ["a file", "the package"])
def test_an_unusable_out_dir_is_refused_before_the_search(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str], where: str) -> None:
    import sahel_sim

    if where == "a file":
        target = tmp_path / "ce"
        target.write_text("not a folder\n")
        expected = "it is not a folder"
    else:
        target = Path(sahel_sim.__file__).parent / "counterexamples"
        expected = "inside the installed sahel-sim package"
    _no_search(monkeypatch)
    assert main(["verify", str(INCONSISTENT), "--out-dir", str(target), "--examples", "60"]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert expected in err and "--out-dir" in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert where != "a file" or target.read_text() == "not a folder\n"
    assert where != "the package" or not target.exists()


def test_a_treaty_file_in_the_counterexamples_folder_is_named_by_its_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Inside the folder, the counterexample names the file (so an edit is seen when it is run again)."""
    import shutil

    treaty = tmp_path / "pact.yaml"
    shutil.copyfile(INCONSISTENT, treaty)
    report = verify_json(capsys, str(treaty), "--out-dir", str(tmp_path), "--examples", "60", code=1)
    for f in report["findings"]:
        doc = yaml.safe_load(Path(f["counterexample"]).read_text(encoding="utf-8"))
        assert doc["treaties"] == ["pact.yaml"]
        assert f["reproduced"] is True


def test_verify_is_deterministic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = verify_json(capsys, str(INCONSISTENT), "--out-dir", str(tmp_path / "a"), "--examples", "60", code=1)
    second = verify_json(capsys, str(INCONSISTENT), "--out-dir", str(tmp_path / "b"), "--examples", "60", code=1)
    strip = [{k: v for k, v in f.items() if k != "counterexample"} for f in first["findings"]]
    assert strip == [{k: v for k, v in f.items() if k != "counterexample"} for f in second["findings"]]


# --- bad input -------------------------------------------------------------------------------


def test_no_file_and_no_library_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify"]) == Exit.INPUT_ERROR
    assert "--library" in capsys.readouterr().err


def test_an_unknown_actor_is_located_in_the_treaty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(INCONSISTENT.read_text(encoding="utf-8").replace("party: CIV", "party: CIVV"), encoding="utf-8")
    assert main(["verify", str(bad)]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "unknown actor 'CIVV'" in err and "CIV" in err and "Traceback" not in err


def test_a_shipped_treaty_id_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "copy.yaml"
    bad.write_text(INCONSISTENT.read_text(encoding="utf-8").replace("id: inconsistent-pact",
                                                                    "id: liptako-gourma-charter"), encoding="utf-8")
    assert main(["verify", str(bad)]) == Exit.INPUT_ERROR
    assert "already a shipped treaty's id" in capsys.readouterr().err


def test_a_scenario_file_has_its_own_treaties_verified(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Treaties defined in a scenario, among actors it defines itself, are verified in its world;
    the counterexample carries those actors, so it runs on its own."""
    scenario = tmp_path / "pact.yaml"
    scenario.write_text("""
scenario: Two invented states and a pact between them
actors:
  - {id: XAA, kind: state, name: Xaa}
  - {id: XBB, kind: state, name: Xbb}
territories:
  - {id: XAA, name: Xaa, holders: [{state: XAA, since: 1960-01-01}]}
  - {id: XBB, name: Xbb, holders: [{state: XBB, since: 1960-01-01}]}
treaties:
  - id: x-pact
    name: X Pact
    signed: 2020-01-01
    in_force: 2020-01-01
    parties: {members: [{party: XAA, since: 2020-01-01}, {party: XBB, since: 2020-01-01}]}
    clauses:
      - id: help-yourself
        article: "1"
        text: Each party assists the party attacked.
        text_kind: paraphrase
        trigger: {test: category, any_of: [aggression]}
        conditions: [{test: is_party, who: target}]
        obligor: each_party
        duty: assist
        means: armed_force_included
        strength: mandatory
events:
  - {id: e0, date: 2021-01-01, kind: armed_attack, actors: [XAA], target: XBB}
""", encoding="utf-8")
    report = verify_json(capsys, str(scenario), "--out-dir", str(tmp_path / "ce"), code=1)
    (f,) = report["findings"]
    assert (f["kind"], f["treaty"], f["reproduced"]) == ("self_duty", "x-pact", True)
    doc = run_json(Path(f["counterexample"]), capsys)
    assert any(o["obligor"] == o["beneficiary"] for o in doc["obligations"] if o["treaty"] == "x-pact")


# --- start-up --------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["--help"], ["verify", "--help"]])
def test_help_does_not_import_hypothesis(argv: list[str]) -> None:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "sahel_sim", *argv],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert not {name for name in imported if name.split(".")[0] == "hypothesis"}
    assert "sahel_sim.cli.verify" in imported


# --- bounded work ----------------------------------------------------------------------------


def test_examples_are_capped(capsys: pytest.CaptureFixture[str]) -> None:
    """``--examples 1000000000`` was accepted (hours of search); now it is a usage error."""
    assert main(["verify", str(INCONSISTENT), "--examples", "1000000000"]) == Exit.INPUT_ERROR
    assert "more than 10,000 situations per search" in capsys.readouterr().err
    from sahel_sim.errors import SahelSimError
    from sahel_sim.verify import verify

    with pytest.raises(SahelSimError, match="examples must be from 1 to 10,000"):
        verify([INCONSISTENT], examples=10_001)


def test_the_time_limit_stops_the_run_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["verify", str(INCONSISTENT), "--out-dir", str(tmp_path), "--time-limit", "0.001"])
    err = capsys.readouterr().err
    assert code == Exit.INPUT_ERROR
    assert "the time budget of 0.001 s ran out while analysing inconsistent-pact" in err and "--time-limit" in err
    assert list(tmp_path.iterdir()) == []  # nothing half written


def test_the_solver_counts_every_evaluation_inside_one_search_step() -> None:
    """Failed-literal probing inside one node was not counted: a budget of nodes let it run for hours."""
    from sahel_sim.errors import SahelSimError
    from sahel_sim.verify._budget import Budget, running
    from sahel_sim.verify._logic import all_of, any_of, atom, satisfiable

    domains = {f"x{i}": frozenset(range(8)) for i in range(40)}
    formula = all_of([any_of([atom(f"x{i}", {j}) for j in range(4)]) for i in range(40)])
    budget = Budget(seconds=0.0)
    with running(budget), pytest.raises(SahelSimError, match="time budget"):
        satisfiable(formula, domains)
    assert 0 < budget.steps < 200  # stopped within the first node's probing, not after it


def test_progress_is_reported_clause_by_clause() -> None:
    from sahel_sim.verify import verify

    seen: list[tuple[int, int, str]] = []
    verify([INCONSISTENT], examples=20, progress=lambda done, total, what: seen.append((done, total, what)))
    assert seen[0][:2] == (0, 6) and "inconsistent-pact" in seen[0][2]
    assert [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)


def test_a_directory_of_treaty_files_is_verified_as_its_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "pacts"
    folder.mkdir()
    (folder / "inconsistent.yaml").write_text(INCONSISTENT.read_text(encoding="utf-8"), encoding="utf-8")
    by_folder = verify_json(capsys, str(folder), "--out-dir", str(tmp_path / "a"), "--examples", "60", code=1)
    by_file = verify_json(capsys, str(folder / "inconsistent.yaml"), "--out-dir", str(tmp_path / "b"),
                          "--examples", "60", code=1)
    assert [(f["treaty"], f["kind"]) for f in by_folder["findings"]] == \
        [(f["treaty"], f["kind"]) for f in by_file["findings"]] and by_folder["findings"]
    (tmp_path / "none").mkdir()
    assert main(["verify", str(tmp_path / "none")]) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert err == f"sahel-sim: error: {tmp_path / 'none'}: no .yaml or .yml files in this directory\n"
    assert not (tmp_path / "none" / "verify-counterexamples").exists()
