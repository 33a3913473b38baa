"""The command line, in-process through ``main([...])``, and its start-up in a subprocess."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sahel_sim.cli import Exit, main

S1 = (Path(__file__).parents[1] / "fixtures" / "intervention-2023-10.yaml").read_text(encoding="utf-8")

CHARTER = "liptako-gourma-charter"
ERROR_PREFIX = "sahel-sim: error: "


@pytest.fixture
def s1(tmp_path: Path) -> Path:
    path = tmp_path / "s1.yaml"
    path.write_text(S1, encoding="utf-8")
    return path


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    from sahel_sim.report.results_json import expand

    assert main(["run", *args, "--format", "json"]) == Exit.OK
    return expand(json.loads(capsys.readouterr().out))  # the shared reason trees put back in place


def assert_input_error(capsys: pytest.CaptureFixture[str], argv: list[str], *needles: str) -> str:
    """Exit 2, one clean message on stderr, no traceback."""
    assert main(argv) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err
    return err


# --- run ----------------------------------------------------------------------------------


def test_run_table_is_the_default_and_names_the_findings(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(s1)]) == Exit.OK
    out = capsys.readouterr().out
    assert "Scenario: ECOWAS intervention in Niger" in out
    assert "Bound (" in out and "Not bound" in out  # statuses, not "obligated" (issue 16)
    assert "Art. 6" in out and "Liptako-Gourma Charter" in out
    assert "TCD is not a party" in out
    assert "\x1b[" not in out  # piped output has no colour codes
    assert max(len(line) for line in out.splitlines()) <= 160


def test_run_json_shape(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_json(capsys, str(s1))
    assert {"scenario", "perspective", "events", "obligations", "non_obligations"} <= doc.keys()
    assert doc["obligations"] and doc["non_obligations"]
    for o in doc["obligations"]:
        assert {"obligor", "beneficiary", "treaty", "article", "duty", "means", "strength", "event"} <= o.keys()
        assert o["reasons"], "every obligation carries its reasons"
    for n in doc["non_obligations"]:
        assert {"party", "treaty", "article", "event", "reason"} <= n.keys()
        assert n["reason"]["text"]


def test_run_json_is_exactly_to_dict(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sahel_sim import load_scenario, simulate
    from sahel_sim.report.results_json import FORMAT, expand

    assert main(["run", str(s1), "-f", "json"]) == Exit.OK
    doc = json.loads(capsys.readouterr().out)  # format 2: repeated parts shared, put back by expand
    assert doc["format"] == FORMAT
    assert expand(doc) == json.loads(json.dumps(simulate(load_scenario(s1)).to_dict()))


def test_mali_and_burkina_obligated_under_article_6_chad_not(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_json(capsys, str(s1))
    bound = {(o["obligor"], o["beneficiary"]) for o in doc["obligations"]
             if o["treaty"] == CHARTER and o["article"] == "6"}
    assert {("MLI", "NER"), ("BFA", "NER")} <= bound
    assert not [o for o in doc["obligations"] if o["obligor"] == "TCD" and o["treaty"] == CHARTER]
    chad = [n for n in doc["non_obligations"] if n["party"] == "TCD" and n["treaty"] == CHARTER]
    assert chad
    assert any("not a party" in json.dumps(n["reason"]) for n in chad)


def test_as_of_before_the_charter_unbinds_mali(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_json(capsys, str(s1), "--as-of", "2023-08-20")
    assert not [o for o in doc["obligations"] if o["obligor"] == "MLI" and o["treaty"] == CHARTER]
    mali = [n for n in doc["non_obligations"] if n["party"] == "MLI" and n["treaty"] == CHARTER]
    assert mali and "not in force" in json.dumps(mali[0]["reason"])
    assert {e["date"] for e in doc["events"]} == {"2023-08-20"}


def test_several_files_give_a_json_array(s1: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "s2.yaml"
    other.write_text(S1.replace("ECOWAS intervention in Niger", "Second"), encoding="utf-8")
    assert main(["run", str(s1), str(other), "-f", "json"]) == Exit.OK
    doc = json.loads(capsys.readouterr().out)
    assert isinstance(doc, list)
    assert [d["scenario"] for d in doc] == ["ECOWAS intervention in Niger", "Second"]


def test_party_option_judges_an_outsider(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_json(capsys, str(s1), "--party", "DZA")
    assert any(n["party"] == "DZA" and n["treaty"] == CHARTER for n in doc["non_obligations"])


def test_explain_prints_the_reason_tree(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(s1), "--explain"]) == Exit.OK
    out = capsys.readouterr().out
    assert "Reasons" in out
    assert "✓ trigger: the event is characterised as attack_on_sovereignty" in out
    assert "✗ builtin: the obligor is a party on the event date" in out
    assert "· TCD is not a party to the Liptako-Gourma Charter" in out


def test_condensed_view_hides_obligated_parties_unless_all(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(s1), "-f", "markdown"]) == Exit.OK
    condensed = capsys.readouterr().out
    assert main(["run", str(s1), "-f", "markdown", "--all"]) == Exit.OK
    full = capsys.readouterr().out

    def charter_rows(text: str, party: str) -> list[str]:
        section = text.split("### Not obligated", 1)[1]
        return [l for l in section.splitlines() if l.startswith(f"| {party} | Liptako-Gourma Charter |")]

    assert charter_rows(condensed, "MLI") == []  # obligated under the Charter: not listed
    assert len(charter_rows(condensed, "NER")) == 1
    assert len(charter_rows(full, "MLI")) > 1
    assert len(charter_rows(full, "NER")) > 1


def test_markdown_has_tables_and_bullets(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(s1), "-f", "markdown", "--explain"]) == Exit.OK
    out = capsys.readouterr().out
    assert out.startswith("# ECOWAS intervention in Niger")
    assert "| obligor | beneficiary | duty | means | strength | treaty | article | because |" in out
    assert "| MLI | NER | assist | armed_force_included | mandatory | Liptako-Gourma Charter | Art. 6 |" in out
    assert "### Reasons" in out and "  - ✓ trigger:" in out


def test_csv_one_row_per_obligation(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sahel_sim import load_scenario, simulate

    assert main(["run", str(s1), "-f", "csv"]) == Exit.OK
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    result = simulate(load_scenario(s1))
    assert len(rows) == len(result.obligations) + len(result.permissions) + len(result.breaches)
    mali = next(r for r in rows if r["obligor"] == "MLI" and r["treaty"] == CHARTER)
    assert mali["status"] == "bound" and mali["contested"] == "charter-in-force-on-ratification: not_bound"
    assert mali["article"] == "6" and mali["against"] == "NGA;SEN;CIV;BEN"
    assert mali["scenario"] == "ECOWAS intervention in Niger" and mali["date"] == "2023-10-01"
    assert " | " in mali["reasons"] and "NER is a party" in mali["reasons"]


# --- run: errors and --out ----------------------------------------------------------------


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = assert_input_error(capsys, ["run", str(tmp_path / "nope.yaml")], "no such file")
    assert err.startswith(ERROR_PREFIX)


def test_malformed_yaml_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenario: x\nevents: [unclosed\n", encoding="utf-8")
    assert_input_error(capsys, ["run", str(bad)], ERROR_PREFIX, str(bad))


def test_bad_as_of_exits_2(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_input_error(capsys, ["run", str(s1), "--as-of", "2023-13-01"], "--as-of", "YYYY-MM-DD")
    assert_input_error(capsys, ["run", str(s1), "--as-of", "20/08/2023"], "--as-of", "YYYY-MM-DD")


def test_unknown_party_and_perspective_exit_2(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_input_error(capsys, ["run", str(s1), "--party", "TDC"], "TDC", "did you mean TCD")
    assert_input_error(capsys, ["run", str(s1), "--perspective", "nonsense"], "nonsense")


def test_out_writes_the_file_atomically(s1: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.json"
    assert main(["run", str(s1), "-f", "json", "--out", str(out)]) == Exit.OK
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["scenario"] == "ECOWAS intervention in Niger"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "s1.yaml"]


def test_out_table_is_plain_text(s1: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.txt"
    assert main(["run", str(s1), "--out", str(out)]) == Exit.OK
    text = out.read_text(encoding="utf-8")
    assert "Not bound" in text and "\x1b[" not in text


def test_out_onto_an_input_is_refused(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_input_error(capsys, ["run", str(s1), "-f", "json", "--out", str(s1), "--force"], "input")
    assert s1.read_text(encoding="utf-8") == S1


def test_existing_out_needs_force(s1: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.md"
    out.write_text("keep me", encoding="utf-8")
    assert_input_error(capsys, ["run", str(s1), "-f", "markdown", "--out", str(out)], "--force")
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["run", str(s1), "-f", "markdown", "--out", str(out), "--force"]) == Exit.OK
    assert out.read_text(encoding="utf-8").startswith("# ECOWAS intervention in Niger")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md", "s1.yaml"]


def test_failed_run_leaves_no_output(s1: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.json"
    assert_input_error(capsys, ["run", str(s1), str(tmp_path / "missing.yaml"), "-f", "json", "--out", str(out)])
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s1.yaml"]


# --- check --------------------------------------------------------------------------------


def test_check_passes(s1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(s1)]) == Exit.OK
    out = capsys.readouterr().out
    assert "PASS MLI obligated under liptako-gourma-charter Art. 6 towards NER" in out
    assert "1 scenario, 3 expectations: 3 passed, 0 failed" in out


def test_check_failing_expectation_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(S1.replace("{party: TCD, treaty: liptako-gourma-charter}",
                                "{party: MLI, treaty: liptako-gourma-charter}"), encoding="utf-8")
    assert main(["check", str(wrong)]) == Exit.EXPECTATION_FAILED
    out = capsys.readouterr().out
    assert "FAIL MLI not obligated" in out
    assert "3 expectations: 2 passed, 1 failed" in out


def test_check_without_expectations_is_not_a_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bare = tmp_path / "bare.yaml"
    bare.write_text(S1.split("expect:")[0], encoding="utf-8")
    assert main(["check", str(bare)]) == Exit.OK
    out = capsys.readouterr().out
    assert "no expectations" in out and "1 scenario, 0 expectations" in out


def test_check_directory_continues_after_a_bad_file(s1: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    nested = tmp_path / "more"
    nested.mkdir()
    (nested / "a-bad.yml").write_text("scenario: [\n", encoding="utf-8")
    (nested / "s3.yaml").write_text(S1, encoding="utf-8")
    assert main(["check", str(tmp_path)]) == Exit.INPUT_ERROR
    captured = capsys.readouterr()
    assert "a-bad.yml" in captured.err and captured.err.startswith(ERROR_PREFIX)
    assert "2 scenarios, 6 expectations: 6 passed, 0 failed; 1 input error" in captured.out


def test_check_missing_path_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_input_error(capsys, ["check", str(tmp_path / "nope.yaml")], "no such file")


# --- validate, treaties, schema, top level --------------------------------------------------


def test_validate(s1: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(s1)]) == Exit.OK
    assert capsys.readouterr().out == f"{s1}: ok (scenario: 1 event, 3 expectations)\n"
    bad = tmp_path / "bad.yaml"
    bad.write_text(S1.replace("target: NER", "target: NIG"), encoding="utf-8")
    assert main(["validate", str(s1), str(bad)]) == Exit.INPUT_ERROR
    captured = capsys.readouterr()
    assert f"{s1}: ok" in captured.out
    assert "NIG" in captured.err and "did you mean" in captured.err


def test_treaties_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["treaties"]) == Exit.OK
    out = capsys.readouterr().out
    assert CHARTER in out and "members of AES" in out


def test_treaties_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["treaties", CHARTER]) == Exit.OK
    out = capsys.readouterr().out
    assert "Art. 6" in out and "the event is characterised as attack_on_sovereignty" in out
    assert "text (quote, fr)" in out and "Provisions" in out


def test_treaties_json_and_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["treaties", CHARTER, "-f", "json"]) == Exit.OK
    doc = json.loads(capsys.readouterr().out)
    assert doc["id"] == CHARTER and any(c["article"] == "6" for c in doc["clauses"])
    assert main(["treaties", "-f", "json"]) == Exit.OK
    assert CHARTER in {t["id"] for t in json.loads(capsys.readouterr().out)}
    assert main(["treaties", CHARTER, "-f", "markdown"]) == Exit.OK
    assert "## Art. 6 — " in capsys.readouterr().out


def test_unknown_treaty_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    assert_input_error(capsys, ["treaties", "liptako-gourma-charte"], "unknown treaty",
                       f"did you mean {CHARTER}")


def test_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == Exit.OK
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "sahel-sim scenario" and "events" in schema["properties"]
    out = tmp_path / "schema.json"
    assert main(["schema", "--out", str(out)]) == Exit.OK
    assert json.loads(out.read_text(encoding="utf-8")) == schema
    assert_input_error(capsys, ["schema", "--out", str(out)], "--force")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == Exit.INPUT_ERROR  # (no arguments at all lists the commands: test_out_format)
    assert main(["run"]) == Exit.INPUT_ERROR
    assert main(["run", "x.yaml", "--format", "xml"]) == Exit.INPUT_ERROR
    assert "usage:" in capsys.readouterr().err


def test_help_and_version_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == Exit.OK
    assert "run" in capsys.readouterr().out
    assert main(["--version"]) == Exit.OK
    assert re.fullmatch(r"sahel-sim \S+\n", capsys.readouterr().out)


def test_exit_codes() -> None:
    assert (Exit.OK, Exit.EXPECTATION_FAILED, Exit.INPUT_ERROR) == (0, 1, 2)


# --- start-up -------------------------------------------------------------------------------


def test_python_m_help_exits_0() -> None:
    proc = subprocess.run([sys.executable, "-m", "sahel_sim", "--help"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert "usage: sahel-sim" in proc.stdout


def test_help_does_not_import_heavy_packages() -> None:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "sahel_sim", "--help"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    heavy = {"pydantic", "networkx", "yaml", "_yaml", "rich", "pandas", "matplotlib"}
    assert not {name for name in imported if name.split(".")[0] in heavy}
    assert "argparse" in imported  # the parse did happen, so the check is meaningful
