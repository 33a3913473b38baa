"""Every shipped file passes the JSON Schema that ``sahel-sim schema KIND`` publishes, checked with jsonschema.

The loader and the schema must agree: an editor that validates with the
published schema must not flag a file that runs (the shorthands
``{all_of: [...]}``, ``{not: {...}}`` included), and must flag one the
loader refuses for its shape.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from sahel_sim.cli import Exit, main
from sahel_sim.library import WORLD_FILES, treaty_files

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).parents[2]
SHIPPED = {
    "scenario": sorted((ROOT / "scenarios").glob("*.yaml")),
    "treaty": list(treaty_files()),
    # the scenarios' shared world files, and the library's own (governments included)
    "world": sorted((ROOT / "scenarios" / "world").glob("*.yaml")) + sorted(
        (ROOT / "sahel_sim" / "data" / "world").glob("*.yaml")),
}


def _published(kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    """The schema as a user gets it: ``sahel-sim schema KIND``."""
    assert main(["schema", kind]) == Exit.OK
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _as_editor_sees_it(path: Path) -> Any:
    """The file as JSON data: YAML dates are text, as a YAML language server hands them to a schema."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


@pytest.mark.parametrize("kind", sorted(SHIPPED))
def test_every_shipped_file_passes_its_published_schema(kind: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    validator = _published(kind, tmp_path, capsys)
    assert SHIPPED[kind]
    failures = {}
    for path in SHIPPED[kind]:
        errors = [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(_as_editor_sees_it(path))]
        if errors:
            failures[path.name] = errors[:3]
    assert not failures, failures


def test_the_file_the_issue_names_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    validator = _published("scenario", tmp_path, capsys)
    assert validator.is_valid(_as_editor_sees_it(ROOT / "scenarios" / "nato-september-11-2001.yaml"))


@pytest.mark.parametrize("condition", [
    {"all_of": [{"test": "consented"}], "label": "x"},
    {"any_of": [{"not": {"test": "consented"}}, {"all_of": [{"test": "consented"}]}]},
    {"test": "not", "condition": {"any_of": [{"test": "consented"}]}},
])
def test_shorthands_nest_at_any_depth(condition: dict[str, Any], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    validator = _published("treaty", tmp_path, capsys)
    treaty = _as_editor_sees_it(SHIPPED["treaty"][0])
    treaty["clauses"][0]["conditions"] = [condition]
    assert validator.is_valid(treaty), list(validator.iter_errors(treaty))[:1]


@pytest.mark.parametrize("kind, change", [
    ("scenario", lambda d: d.update(evnts=d.pop("events"))),
    ("treaty", lambda d: d["clauses"][0].update(conditions=[{"all_of": [{"test": "consented"}], "extra": 1}])),
    ("treaty", lambda d: d["clauses"][0].update(conditions=[{"all_of": [], "any_of": []}])),
    ("world", lambda d: d.update(treaties=[])),
])
def test_what_the_loader_refuses_the_schema_refuses(kind: str, change: Any, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    validator = _published(kind, tmp_path, capsys)
    data = _as_editor_sees_it(SHIPPED[kind][0])
    change(data)
    assert not validator.is_valid(data)
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert main(["validate", str(bad)]) == Exit.INPUT_ERROR
    assert "Traceback" not in capsys.readouterr().err


def test_an_unknown_kind_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "treatie"]) == Exit.INPUT_ERROR
    assert "invalid choice: 'treatie'" in capsys.readouterr().err


def test_every_library_world_file_is_checked_against_the_world_schema() -> None:
    """The library reads these files (and perspectives.yaml, which holds readings, not world facts)."""
    checked = {p.name for p in SHIPPED["world"] if p.parent.name == "world" and p.parent.parent.name == "data"}
    assert checked == {name.split("/", 1)[1] for name in WORLD_FILES if name.startswith("world/")}
    assert "governments.yaml" in checked


def test_the_world_schema_takes_governments_and_refuses_a_misspelt_section(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    validator = _published("world", tmp_path, capsys)
    government = _as_editor_sees_it(ROOT / "sahel_sim" / "data" / "world" / "governments.yaml")["governments"][0]
    assert validator.is_valid({"governments": [government]})
    assert not validator.is_valid({"governmnets": [government]})
    assert not validator.is_valid({"governments": [{**government, "came_to_power": "by lottery"}]})
