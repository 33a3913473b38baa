"""``sahel-sim verify`` knows modalities: a permission forbidden by a prohibition is reported (always: an
error; in some cases: a warning), a permission binds nobody and a prohibition is no duty to act."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sahel_sim.cli import Exit, main
from sahel_sim.clauses.treaty import Treaty
from sahel_sim.library import library_world
from sahel_sim.world import World
from sahel_sim.verify._static import analyse, contradiction_pairs, permission_pairs
from tests.verify.test_static import facts, treaty

MODAL = Path(__file__).parent / "modal-treaty.yaml"


def _modal() -> tuple[Treaty, World]:
    t = Treaty.model_validate(yaml.safe_load(MODAL.read_text()))
    return t, library_world().merged(World(treaties=(t,)))


def test_a_permission_a_prohibition_always_forbids_is_proved_and_one_it_sometimes_forbids_is_screened() -> None:
    t, world = _modal()
    pairs = permission_pairs(t, world, analyse(t, world))
    assert [(p.first.id, p.second.id, p.always) for p in pairs] == [
        ("art-1-may-intervene", "art-2-non-intervention", True),
        ("art-3-may-intervene-after-force", "art-2-non-intervention", False)]


def test_an_exception_of_the_prohibition_leaves_the_permission_some_room() -> None:
    t, world = _modal()
    text = MODAL.read_text().replace(
        "    against: none\n    duty: refrain\n",
        "    against: none\n    exceptions: [{when: {test: consented}}]\n    duty: refrain\n")
    t = Treaty.model_validate(yaml.safe_load(text))
    world = library_world().merged(World(treaties=(t,)))
    assert [p.always for p in permission_pairs(t, world, analyse(t, world))] == [False, False]


def test_a_permission_against_another_actor_than_the_one_protected_is_no_pair() -> None:
    may = {"modality": "permission", "strength": "discretionary"}  # assists the target against the attackers
    refrain = {"modality": "prohibition", "duty": "refrain", "against": "none", "means": "non_military"}
    t = treaty(may, refrain)
    assert permission_pairs(t, library_world(), analyse(t, library_world())) == []


def test_a_permission_binds_nobody_so_it_never_contradicts_a_duty() -> None:
    coup = {"trigger": {"test": "category", "any_of": ["unconstitutional_change_of_government"]}}
    may_help = {**coup, "duty": "counter_rebellion", "modality": "permission", "strength": "discretionary"}
    sanction = {**coup, "duty": "sanction", "beneficiary": "none", "against": "target", "means": "non_military"}
    t = treaty(may_help, sanction)
    assert contradiction_pairs(t, library_world(), analyse(t, library_world())) == []


@pytest.mark.parametrize("clause", [
    {"obligor": "each_party", "modality": "prohibition", "duty": "refrain", "against": "none", "means": "non_military"},
    {"obligor": "target", "modality": "permission", "strength": "discretionary"},
])
def test_a_prohibition_or_a_permission_is_no_duty_owed_to_oneself(clause: dict) -> None:
    assert facts({"obligor": "each_party"})["c1"].self_beneficiary  # the obligation: the target owes itself help
    f = facts(clause)["c1"]
    assert (f.self_beneficiary, f.self_adversary) == (False, False)


def test_verify_reports_both_with_counterexamples_that_show_them(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(MODAL), "--out-dir", str(tmp_path), "--format", "json"]) == Exit.EXPECTATION_FAILED
    report = json.loads(capsys.readouterr().out)
    got = {(f["kind"], f["severity"], tuple(f["clauses"]), f["reproduced"]) for f in report["findings"]}
    assert got == {
        ("empty_permission", "error", ("art-1-may-intervene", "art-2-non-intervention"), True),
        ("forbidden_permission", "warning", ("art-3-may-intervene-after-force", "art-2-non-intervention"), True)}
    first = next(f for f in report["findings"] if f["kind"] == "empty_permission")
    assert first["message"] == ("Art. 1 permits a party to intervene against the target with armed force, which "
                                "Art. 2 forbids it towards the target whenever the permission holds, so the "
                                "permission can never be used")
    assert " may intervene against " in first["shows"] and " but must refrain from force against " in first["shows"]


# --- a prohibition its own trigger always breaches: a note ------------------------------------

NON_AGGRESSION = Path(__file__).parents[2] / "sahel_sim" / "data" / "treaties" / "ecowas-non-aggression-1978.yaml"


def test_a_prohibition_of_the_actors_themselves_is_proved_always_breached_and_one_of_the_others_is_not() -> None:
    from sahel_sim.library import load_treaty_file

    t = load_treaty_file(NON_AGGRESSION)
    assert analyse(t, library_world())["art-1-refrain"].breached_by_trigger
    modal, world = _modal()
    got = {cid: f.breached_by_trigger for cid, f in analyse(modal, world).items()}
    assert got == {cid: False for cid in got}, "each other party's prohibition binds before the fact"


def test_verify_notes_the_1978_protocol_art_1_with_an_example_and_exits_0(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(NON_AGGRESSION), "--out-dir", str(tmp_path), "--format", "json"]) == Exit.OK
    report = json.loads(capsys.readouterr().out)
    assert report["findings"] == [] and report["summary"]["notes"] == 1
    (note,) = report["notes"]
    assert (note["kind"], note["severity"], note["clauses"], note["reproduced"]) == (
        "breached_by_its_trigger", "note", ["art-1-refrain"], True)
    assert note["message"].startswith("the prohibition reaches only the parties that carried out the event")
    assert main(["run", note["counterexample"], "--format", "json"]) == Exit.OK
    from sahel_sim.report.results_json import expand

    doc = expand(json.loads(capsys.readouterr().out))
    mine = [b for b in doc["breaches"] if b["clause"] == "art-1-refrain"]
    assert mine and all(b["obligor"] in doc["events"][0]["actors"] for b in mine)
    assert not [o for o in doc["obligations"] if o["clause"] == "art-1-refrain"], "never a duty to refrain"


def test_the_table_lists_notes_apart_and_counts_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(NON_AGGRESSION), "--out-dir", str(tmp_path), "--quiet"]) == Exit.OK
    out = capsys.readouterr().out
    assert "Notes (how a clause works; no defect)" in out and "Findings" not in out
    assert out.rstrip().endswith("no finding; 1 note")


def test_a_note_does_not_hide_a_finding_beside_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(NON_AGGRESSION), str(MODAL), "--out-dir", str(tmp_path), "--format", "json"]) == \
        Exit.EXPECTATION_FAILED
    report = json.loads(capsys.readouterr().out)
    assert {f["kind"] for f in report["findings"]} == {"empty_permission", "forbidden_permission"}
    assert [n["kind"] for n in report["notes"]] == ["breached_by_its_trigger"]
    assert report["summary"]["findings"] == 2 and report["summary"]["notes"] == 1
