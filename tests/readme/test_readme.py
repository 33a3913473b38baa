"""Every example in README.md runs: each fenced command, each Python block, each YAML block.

The fenced blocks are read from README itself, so an example added there is
run here or fails :func:`test_every_fenced_command_is_run_or_listed` until
it is listed in :data:`NOT_RUN` with the reason it cannot run in a test.
``FILE`` stands for a shipped scenario, ``my-treaty.yaml`` for the test
suite's inconsistent treaty; outputs go to a temporary folder.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from sahel_sim.cli import Exit, main

ROOT = Path(__file__).parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FILE = "scenarios/ecowas-intervention-niger-2023-10.yaml"
MY_TREATY = "tests/verify/inconsistent-treaty.yaml"

#: Commands a test cannot run, each with the reason (matched by their start).
NOT_RUN = {
    "pip install": "installs packages; the install is what the test suite runs in",
    "python -m pytest": "the test suite itself",
    "jupyter lab": "opens an interactive server; tests/notebooks executes every notebook instead",
    "sahel-sim serve": "starts a server that runs until stopped; tests/web drives the same app in-process",
    "sahel-sim verify --library": "about 90 s of search on two cores; tests/verify runs verify on the library's "
                                  "treaties with fewer examples",
}

#: Exit codes other than 0 that an example is meant to give.
EXPECTED_EXIT = {"sahel-sim verify my-treaty.yaml": Exit.EXPECTATION_FAILED}  # its defects are the point


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", README, flags=re.M | re.S)


def _commands() -> list[str]:
    """Every command line of README's ``sh`` blocks, comments removed."""
    out = []
    for block in _blocks("sh"):
        for line in block.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line and not line.startswith("#"):
                out.extend(part.strip() for part in line.split("&&"))
    return out


def _not_run(command: str) -> str | None:
    return next((why for start, why in NOT_RUN.items() if command.startswith(start)), None)


RUNNABLE = [c for c in _commands() if _not_run(c) is None]


def test_every_fenced_command_is_run_or_listed() -> None:
    commands = _commands()
    assert len(commands) >= 25, commands  # README's blocks were found
    for command in commands:
        assert command.startswith("sahel-sim ") or _not_run(command), f"neither run nor listed: {command}"
    for start in NOT_RUN:
        assert any(c.startswith(start) for c in commands), f"NOT_RUN lists {start!r}, which README no longer has"


def _argv(command: str, tmp: Path) -> list[list[str]]:
    """The command as argv lists: FILE and my-treaty.yaml filled in, outputs in ``tmp``, ``[…]`` with and without."""
    command = command.replace("FILE...", f"{FILE} scenarios/suez-1956.yaml").replace("FILE", FILE)
    command = command.replace("my-treaty.yaml", MY_TREATY)
    variants = [re.sub(r"\s*\[[^\]]*\]", "", command)]
    if "[" in command:
        variants.append(re.sub(r"\[([^\]]*)\]", r"\1", command))
    out = []
    for text in variants:
        words = shlex.split(text)[1:]
        for i, word in enumerate(words[:-1]):
            if word in ("--out", "-o", "--out-dir"):
                words[i + 1] = str(tmp / words[i + 1])
        if words[0] == "verify" and "--out-dir" not in words:
            words += ["--out-dir", str(tmp / "counterexamples")]
        out.append(words)
    return out


@pytest.mark.parametrize("command", RUNNABLE)
def test_readme_command_runs(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    wanted = EXPECTED_EXIT.get(command, Exit.OK)
    for argv in _argv(command, tmp_path):
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == wanted, f"{argv}: exit {code}\n{err[-2000:]}"
        assert "Traceback" not in err
        target = next((argv[i + 1] for i, w in enumerate(argv[:-1]) if w in ("--out", "-o")), None)
        if target is not None:
            assert Path(target).stat().st_size > 0, argv
        else:
            assert out.strip(), f"{argv} printed nothing"


def test_python_examples_run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    blocks = _blocks("python")
    assert len(blocks) == 2
    first: dict[str, Any] = {}
    exec(compile(blocks[0], "README.md (Python example 1)", "exec"), first)  # noqa: S102 - README's own text
    assert "MLI" in capsys.readouterr().out
    second: dict[str, Any] = {}
    exec(compile(blocks[1], "README.md (Python example 2)", "exec"), second)  # noqa: S102
    second["test_chad_never_owes_assistance_under_the_charter"]()  # the property runs and holds


def test_yaml_examples_are_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The scenario example runs and meets its own expectations; the fragments are valid where they go."""
    from pydantic import TypeAdapter

    from sahel_sim.clauses.conditions import Condition
    from sahel_sim.clauses.treaty import Clause, Treaty

    blocks = _blocks("yaml")
    assert len(blocks) == 4
    scenario, clause, conditions, party_rules = blocks
    path = tmp_path / "example.yaml"
    path.write_text(scenario, encoding="utf-8")
    assert main(["check", str(path)]) == Exit.OK, capsys.readouterr()
    capsys.readouterr()
    Clause.model_validate(yaml.safe_load(clause)[0])
    TypeAdapter(list[Condition]).validate_python(yaml.safe_load(conditions)["conditions"])
    rules = yaml.safe_load(party_rules)
    for field in ("reservations", "suspensions"):
        TypeAdapter(Treaty.model_fields[field].annotation).validate_python(rules[field])


def test_the_error_example_is_what_a_user_gets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """README's sample message, line for line, from the file it describes; and the shape pass it mentions."""
    example = re.search(r"^```\n(sahel-sim: error:.*?)^```", README, flags=re.M | re.S)
    assert example
    monkeypatch.chdir(tmp_path)
    Path("s.yaml").write_text(
        "scenario: x\n\n\n\n\nevents:\n  - {id: e1, date: 2023-10-01, kind: armed_attack, actors: [NGA],\n"
        "    target: NIG}\nexpect:\n  obligated: [{obligor: MLI, beneficiary: NER, treaty: liptako-gourma-charter, "
        "article: \"6\"}]\n  not_obligated: [{party: TDC, treaty: liptako-gourma-charter}]\n", encoding="utf-8")
    assert main(["run", "s.yaml"]) == Exit.INPUT_ERROR
    assert capsys.readouterr().err == example.group(1)
    Path("s.yaml").write_text(Path("s.yaml").read_text(encoding="utf-8").replace('"6"', "6"), encoding="utf-8")
    assert main(["run", "s.yaml"]) == Exit.INPUT_ERROR
    assert 'expected text, given the number 6 (quote it: article: "6")' in capsys.readouterr().err
