"""The results document (format 2): its schema, its shared parts, nothing lost, and its readers."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sahel_sim import load_scenario, simulate
from sahel_sim.api import stream
from sahel_sim.cli import main
from sahel_sim.report import results_json
from sahel_sim.report.results_json import FORMAT, expand, json_chunks
from sahel_sim.report.results_schema import results_schema

ROOT = Path(__file__).parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
NIGER = ROOT / "scenarios" / "ecowas-intervention-niger-2023-10.yaml"
VALIDATOR = jsonschema.Draft202012Validator(results_schema(),
                                            format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def plain(value: Any) -> Any:
    return json.loads(json.dumps(value))


def document(path: Path, **options: Any) -> str:
    return "".join(json_chunks([stream(load_scenario(path), **options)]))


def test_the_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(results_schema())


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_shipped_scenario_is_valid_and_loses_nothing(path: Path, shipped_runs: Any) -> None:
    text = document(path)
    doc = json.loads(text)
    errors = [f"{e.json_path}: {e.message[:200]}" for e in VALIDATOR.iter_errors(doc)]
    assert not errors, errors[:5]
    assert doc["format"] == FORMAT
    assert expand(doc) == plain(shipped_runs.result(path).to_dict())  # simulate(load_scenario(path)), shared


def test_a_cascade_and_several_files_are_valid_and_lose_nothing() -> None:
    scenario = load_scenario(NIGER)
    text = "".join(json_chunks([stream(scenario, cascade=2), stream(scenario, parties=["TCD"])]))
    doc = json.loads(text)
    assert not list(VALIDATOR.iter_errors(doc))
    assert expand(doc) == plain([simulate(scenario, cascade=2).to_dict(), simulate(scenario, parties=["TCD"]).to_dict()])
    assert "cascade" in doc[0] and doc[0]["conflicts"], "the cascade and the conflicts are there to check"


def test_one_niger_event_is_four_times_smaller(shipped_runs: Any) -> None:
    before = json.dumps(shipped_runs.result(NIGER).to_dict(), indent=2, ensure_ascii=False).encode()
    after = document(NIGER).encode()
    assert len(after) * 4 <= len(before), (len(before), len(after))
    same_printing = json.dumps(json.loads(after), indent=2, ensure_ascii=False).encode()
    assert len(same_printing) * 4 <= len(before), "smaller by sharing, not only by printing"


def test_shared_parts_are_written_once() -> None:
    doc = json.loads(document(NIGER))
    for table in ("checks", "clauses", "bases"):
        rows = [json.dumps(x, sort_keys=True) for x in doc[table]]
        assert len(rows) == len(set(rows)), f"a part of {table} is written twice"
    used = {c for n in doc["non_obligations"] for c in n["checks"]}
    assert len(used) < sum(len(n["checks"]) for n in doc["non_obligations"]), "some checks are shared"


def test_past_the_fingerprint_limit_parts_are_written_again_and_nothing_is_lost(
        monkeypatch: pytest.MonkeyPatch) -> None:
    full = json.loads(document(NIGER))
    monkeypatch.setattr(results_json, "SEEN", 3)
    small = json.loads(document(NIGER))
    assert len(small["checks"]) > len(full["checks"])
    assert expand(small) == expand(full)


@pytest.mark.parametrize(("doc", "message"), [
    ({"scenario": "s"}, "not a results document of format 2"),
    ({"format": 1}, "format: 1"),
    ([{"format": 3}], "format: 3"),
    ("text", "format: 'str'"),
    ({"format": 2, "non_obligations": [{"reason": 4, "checks": []}], "checks": []}, r"checks\[4\]: no such entry"),
    ({"format": 2, "obligations": [{"ref": True, "reasons": []}], "clauses": [{}]}, r"clauses\[True\]"),
    ({"format": 2, "breaches": [{"rests_on": [-1]}], "bases": [{}]}, r"bases\[-1\]"),
])
def test_expand_refuses_what_is_not_a_results_document(doc: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        expand(doc)


def test_schema_results_is_printed_and_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "results"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == plain(results_schema())
    out = tmp_path / "results.schema.json"
    assert main(["schema", "results", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == printed


def test_the_cli_document_is_the_writer_s(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(NIGER), "-f", "json"]) == 0
    assert capsys.readouterr().out == document(NIGER) + "\n"


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the page's script")
def test_the_page_expands_the_document_as_python_does(tmp_path: Path) -> None:
    text = document(NIGER, cascade=1)
    script = (ROOT / "sahel_sim" / "web" / "static" / "findings.js").read_text(encoding="utf-8")
    program = tmp_path / "expand.js"
    program.write_text(script + "\nconst fs = require('fs');\n"
                       "process.stdout.write(JSON.stringify(expandResults(JSON.parse(fs.readFileSync(0, 'utf8')))));\n",
                       encoding="utf-8")
    done = subprocess.run(["node", str(program)], input=text, capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout) == expand(json.loads(text))
