"""The API answers with the command line's documents, byte for byte, for shipped and posted scenarios."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import NIGER, SCENARIOS, cli_out

FILE = str(SCENARIOS / f"{NIGER}.yaml")
TEXT = (SCENARIOS / f"{NIGER}.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("query", "options"), [
    ("", []),
    ("as_of=2023-08-20", ["--as-of", "2023-08-20"]),
    ("perspective=ecowas&party=TCD&party=GHA,SEN", ["--perspective", "ecowas", "--party", "TCD", "--party", "GHA,SEN"]),
    ("cascade=2", ["--cascade", "2"]),
])
def test_run_equals_the_command_line(client: Any, capsys: pytest.CaptureFixture[str], query: str,
                                     options: list[str]) -> None:
    expected = cli_out(capsys, "run", FILE, "--format", "json", *options)
    shipped = client.get(f"/api/scenarios/{NIGER}/run?{query}")
    posted = client.post(f"/api/run?{query}", content=TEXT.encode(), headers={"content-type": "application/yaml"})
    assert shipped.status_code == posted.status_code == 200
    assert shipped.headers["content-type"] == "application/json"
    assert shipped.text == expected
    assert shipped.headers.get("content-encoding") == "gzip", "sent compressed to a client that accepts it"
    # the posted copy differs only in having no file: same findings
    assert posted.text == expected


def test_json_body_gives_the_same_answer_as_yaml(client: Any) -> None:
    import yaml

    as_json = json.dumps(yaml.safe_load(TEXT), default=str)
    from_json = client.post("/api/run", content=as_json, headers={"content-type": "application/json"})
    from_yaml = client.post("/api/run", content=TEXT)
    assert from_json.status_code == 200
    assert from_json.text == from_yaml.text


def test_compare_equals_the_command_line(client: Any, capsys: pytest.CaptureFixture[str]) -> None:
    expected = cli_out(capsys, "run", FILE, "--compare-perspectives", "--format", "json")
    assert client.get(f"/api/scenarios/{NIGER}/compare").text == expected


def test_explain_equals_the_command_line(client: Any, capsys: pytest.CaptureFixture[str]) -> None:
    expected = cli_out(capsys, "explain", FILE, "--party", "MLI", "--treaty", "liptako-gourma-charter",
                       "--limit", "5", "--format", "json")
    got = client.get(f"/api/scenarios/{NIGER}/explain?party=MLI&treaty=liptako-gourma-charter&limit=5")
    assert got.text == expected
    assert json.loads(got.text)["flips"], "the Charter's Art. 6 duty of Mali can be flipped"


@pytest.mark.parametrize("fmt", ["json", "svg"])
def test_timeline_equals_the_command_line(client: Any, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    expected = cli_out(capsys, "timeline", FILE, "--from", "2023-07-01", "--to", "2024-01-01", "--format", fmt)
    got = client.get(f"/api/scenarios/{NIGER}/timeline?from=2023-07-01&to=2024-01-01&format={fmt}")
    assert got.status_code == 200
    assert got.text == expected
    assert got.headers["content-type"].startswith("image/svg+xml" if fmt == "svg" else "application/json")


def test_picture_equals_the_command_line(client: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "world.svg"
    cli_out(capsys, "graph", FILE, "--as-of", "2023-08-20", "--out", str(out))
    got = client.get(f"/api/scenarios/{NIGER}/picture?as_of=2023-08-20")
    assert got.headers["content-type"].startswith("image/svg+xml")
    assert got.content == out.read_bytes()


def test_treaties_and_schema_equal_the_command_line(client: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert client.get("/api/treaties").text == cli_out(capsys, "treaties", "--format", "json")
    one = client.get("/api/treaties/liptako-gourma-charter")
    assert one.text == cli_out(capsys, "treaties", "liptako-gourma-charter", "--format", "json")
    article_6 = next(c for c in json.loads(one.text)["clauses"] if c["article"] == "6")
    assert "Toute atteinte" in article_6["text"], "the clause text is served"
    assert client.get("/api/schema").text == cli_out(capsys, "schema")


@pytest.mark.parametrize(("old", "new", "field"), [
    ("date: 2023-10-01", "date: 2023-13-01", "events[0].date"),
    ("target: NER", "target: NIG", "events[0].target"),
])
def test_validation_problems_are_the_command_lines(client: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   old: str, new: str, field: str) -> None:
    """The same message, line, field and fix as `sahel-sim validate`, for the same text."""
    from sahel_sim.cli import main

    bad = TEXT.replace(old, new)
    path = tmp_path / "scenario"
    path.write_text(bad, encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(path)]) == 2
    cli_message = capsys.readouterr().err.removeprefix("sahel-sim: error: ").rstrip("\n")
    got = client.post("/api/validate", content=bad)
    assert got.status_code == 422
    assert re.sub(r"(^|\n  )scenario:", rf"\g<1>{path}:", got.json()["error"]) == cli_message
    [problem] = [p for p in got.json()["problems"] if p["field"] == field]
    assert problem["line"] == bad.splitlines().index(f"    {new}") + 1
    assert problem["hint"], "the problem says how to fix it"


def test_a_valid_scenario_is_summarised(client: Any) -> None:
    got = client.post("/api/validate", content=TEXT)
    assert got.status_code == 200
    body = got.json()
    import yaml

    expect = yaml.safe_load(TEXT)["expect"]
    assert body["valid"] is True and body["events"] == 1
    assert body["expectations"] == len(expect["obligated"]) + len(expect["not_obligated"])
    assert {"MLI", "BFA", "NER"} <= set(body["actors"])
    from sahel_sim.scenario.load import scenario_from_text

    readings = sorted(p.id for p in scenario_from_text(TEXT).world.perspectives)
    assert {"aes", "ecowas", "literal"} <= set(readings) and body["perspectives"] == readings
