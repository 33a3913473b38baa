"""Error paths: every bad input is refused with one located, helpful SahelSimError.

Each file under ``tests/bad_inputs/`` breaks one rule (a few break several on
purpose).  ``EXPECTED`` maps the file to substrings its message must contain:
the file name with the line (``bad_date.yaml:4:``), the field path
(``events[0].date``), what was wrong and, where there is a near miss, the
suggestion.  Inputs that cannot be committed as text (binary bytes, non-UTF-8,
a directory, a missing file, a payload path that must stay inside a temporary
directory) are written at test time.

Every case is also run through the command line, when its ``validate``
subcommand exists: exit code 2 and no traceback.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

import pytest

from sahel_sim.errors import SahelSimError
from sahel_sim.scenario.load import load_scenario, scenario_from_text

BAD = Path(__file__).parent

# file name -> substrings str(exc) must contain (file name and line first).
EXPECTED: dict[str, list[str]] = {
    "malformed_indentation.yaml": ["malformed_indentation.yaml:5:", "invalid YAML"],
    "tab_indentation.yaml": ["tab_indentation.yaml:5:", "invalid YAML", "'\\t'"],
    "duplicate_key.yaml": ["duplicate_key.yaml:8:", "events[0].target", "duplicate key 'target'"],
    "unknown_top_level_field.yaml": ["unknown_top_level_field.yaml:1:", "scenaro", "unknown field 'scenaro'",
                                     "did you mean scenario?"],
    "unknown_event_field.yaml": ["unknown_event_field.yaml:7:", "events[0].actor", "unknown field 'actor'",
                                 "did you mean actors?"],
    "unknown_actor_target.yaml": ["unknown_actor_target.yaml:7:", "events[0].target", "unknown actor 'NIG'",
                                  "NER (Niger)", "NGA (Nigeria)"],
    "unknown_territory.yaml": ["unknown_territory.yaml:8:", "events[0].location", "unknown territory 'Atlantis'",
                               "territory id"],
    "unknown_event_kind.yaml": ["unknown_event_kind.yaml:5:", "events[0].kind", "'military_intervetion'",
                                "did you mean military_intervention?"],
    "bad_date.yaml": ["bad_date.yaml:4:", "events[0].date", "2023-02-30", "YYYY-MM-DD"],
    "wrong_type_actors.yaml": ["wrong_type_actors.yaml:6:", "events[0].actors", "given: 5"],
    "missing_events.yaml": ["missing_events.yaml:1:", "events", "missing required field 'events'"],
    "empty_events.yaml": ["empty_events.yaml:2:", "events", "at least 1 item"],
    "duplicate_event_ids.yaml": ["duplicate_event_ids.yaml:8:", "events[1].id", "duplicate event id 'attack'"],
    "self_attack.yaml": ["self_attack.yaml:3:", "events[0]", "self-attack", "MLI"],
    "unknown_treaty_in_expect.yaml": ["unknown_treaty_in_expect.yaml:10:", "expect.obligated[0].treaty",
                                      "unknown treaty 'liptako-gourma-chater'",
                                      "did you mean liptako-gourma-charter?"],
    "unknown_article_in_expect.yaml": ["unknown_article_in_expect.yaml:10:", "expect.obligated[0].article",
                                       "Art. 66", "did you mean 6?"],
    "unknown_article_no_near_miss.yaml": ["unknown_article_no_near_miss.yaml:10:", "expect.obligated[0].article",
                                          "Art. 12", "articles with clauses: 4, 5, 6, 7, 8"],
    "unknown_event_in_expect.yaml": ["unknown_event_in_expect.yaml:10:", "expect.not_obligated[0].event",
                                     "unknown event 'incursoin'", "did you mean incursion?"],
    "unknown_perspective.yaml": ["unknown_perspective.yaml:2:", "perspective", "unknown perspective 'literel'",
                                 "did you mean literal?"],
    "membership_until_before_since.yaml": ["membership_until_before_since.yaml:5:", "memberships[0]",
                                           "'until' (2023-01-01) must be after 'since' (2024-01-01)"],
    "unknown_member_in_membership.yaml": ["unknown_member_in_membership.yaml:6:", "memberships[1].member",
                                          "unknown actor 'MLX'", "did you mean MLI (Mali)?"],
    "empty.yaml": ["empty.yaml:", "is empty", "'scenario' and 'events'"],
    "comments_only.yaml": ["comments_only.yaml:", "is empty"],
    "top_level_list.yaml": ["top_level_list.yaml:1:", "must hold a mapping", "not a list"],
    "python_tag.yaml": ["python_tag.yaml:1:", "scenario", "python/object/apply:os.system", "is not allowed"],
    "python_name_tag.yaml": ["python_name_tag.yaml:2:", "description", "python/name:os.system", "is not allowed"],
    "alias_bomb.yaml": ["alias_bomb.yaml:", "YAML nodes", "200,000", "alias"],
    "deep_nesting.yaml": ["deep_nesting.yaml:3:", "nested more than 64 levels"],
    "several_problems.yaml": ["2 problems", "several_problems.yaml:7:", "events[0].target", "unknown actor 'NIG'",
                              "several_problems.yaml:12:", "events[1].actors[0]", "unknown actor 'MRTT'",
                              "did you mean MRT (Mauritania)?"],
    "several_schema_problems.yaml": ["3 problems", "several_schema_problems.yaml:4:", "events[0].date",
                                     "several_schema_problems.yaml:10:", "events[1].kind",
                                     "did you mean military_intervention?",
                                     "several_schema_problems.yaml:18:", "events[2].locaton",
                                     "did you mean location?"],
}

# Cases whose message falls short of the recipe today; strict, so a fix is noticed.
REGRESSIONS: dict[str, tuple[list[str], str]] = {
    "missing_treaty_file.yaml": (
        ["missing_treaty_file.yaml:3:", "treaties[0]", "no-such-treaty.yaml", "no such file"],
        "GAP: a missing treaty file is reported as '<treaty path>: no such file' without the scenario "
        "file, line or field path (treaties[0]) that named it",
    ),
    "inline_treaty_unknown_test.yaml": (
        ["inline_treaty_unknown_test.yaml:16:", "treaties[0].clauses[0].trigger", "did you mean category?",
         "!treaties[0].str"],
        "BUG: an invalid inline treaty also reports the Union[str, Treaty] branch as a bogus problem "
        "'treaties[0].str: Input should be a valid string'",
    ),
}


def _check_message(message: str, wanted: list[str]) -> None:
    for part in wanted:
        if part.startswith("!"):
            assert part[1:] not in message, f"unexpected {part[1:]!r} in:\n{message}"
        else:
            assert part in message, f"missing {part!r} in:\n{message}"


def _load_error(path: Path) -> SahelSimError:
    with pytest.raises(SahelSimError) as info:
        load_scenario(path)
    return info.value


def test_every_bad_file_has_an_expectation() -> None:
    """A bad file added without an expected message would be tested by nothing."""
    files = {p.name for p in BAD.iterdir() if p.is_file() and p.suffix != ".py"}
    assert files == set(EXPECTED) | set(REGRESSIONS)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_refused_with_a_located_message(name: str, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a python-tag payload that ran would leave its marker here
    error = _load_error(BAD / name)
    message = str(error)
    _check_message(message, EXPECTED[name])
    assert error.problems, "the error should carry its problems"
    assert "Traceback" not in message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", [
    pytest.param(name, id=name)
    for name in sorted(REGRESSIONS)
])
def test_fixed_gaps_in_messages(name: str) -> None:
    wanted, _ = REGRESSIONS[name]
    _check_message(str(_load_error(BAD / name)), wanted)


def test_tab_indentation_gets_the_spaces_hint() -> None:
    assert "indent with spaces, not tabs" in str(_load_error(BAD / "tab_indentation.yaml"))


def test_unknown_article_with_near_miss_also_lists_valid_articles() -> None:
    message = str(_load_error(BAD / "unknown_article_in_expect.yaml"))
    assert "did you mean 6?" in message
    assert "4, 5, 6, 7, 8" in message


def test_several_problems_are_all_reported_in_one_error() -> None:
    error = _load_error(BAD / "several_problems.yaml")
    assert len(error.problems) == 2
    assert sorted(p.line for p in error.problems) == [7, 12]
    assert {p.path for p in error.problems} == {"events[0].target", "events[1].actors[0]"}
    assert len(_load_error(BAD / "several_schema_problems.yaml").problems) == 3


# ---------------------------------------------------------------- written at test time

def _binary(tmp: Path) -> Path:
    path = tmp / "binary.yaml"
    path.write_bytes(b"scenario: x\n\x00\x01\x02\xff\xfe\x00events: []\n")
    return path


def _non_utf8(tmp: Path) -> Path:
    path = tmp / "latin1.yaml"
    path.write_bytes("scenario: Côte d'Ivoire attaquée\nevents: []\n".encode("latin-1"))
    return path


def _directory(tmp: Path) -> Path:
    path = tmp / "a-directory.yaml"
    path.mkdir()
    return path


def _missing(tmp: Path) -> Path:
    return tmp / "does-not-exist.yaml"


GENERATED: dict[str, tuple[Callable[[Path], Path], list[str]]] = {
    "binary": (_binary, ["binary.yaml:", "binary file", "NUL"]),
    "non_utf8": (_non_utf8, ["latin1.yaml:", "not UTF-8", "save it as UTF-8"]),
    "directory": (_directory, ["a-directory.yaml:", "directory"]),
    "missing": (_missing, ["does-not-exist.yaml:", "no such file"]),
}


@pytest.mark.parametrize("kind", sorted(GENERATED))
def test_unreadable_inputs_are_refused(kind: str, tmp_path: Path) -> None:
    make, wanted = GENERATED[kind]
    _check_message(str(_load_error(make(tmp_path))), wanted)


PYTHON_TAGS = [
    "!!python/object/apply:os.system [{cmd!r}]",
    "!!python/object/apply:subprocess.check_call [[sh, -c, {cmd!r}]]",
    "!!python/object/new:os.system [{cmd!r}]",
]


@pytest.mark.parametrize("template", PYTHON_TAGS)
@pytest.mark.parametrize("where", ["scenario", "event_attribute"])
def test_python_tags_are_refused_and_nothing_is_executed(template: str, where: str, tmp_path: Path) -> None:
    marker = tmp_path / "payload-ran"
    tag = template.format(cmd=f"touch {marker}")
    if where == "scenario":
        text = f"scenario: {tag}\n"
        line = 1
    else:
        text = "scenario: payload\n"
        line = 8
    text += ("events:\n  - id: attack\n    date: 2025-06-01\n    kind: incursion\n"
             "    actors: [MRT]\n    target: MLI\n")
    if where == "event_attribute":
        text += f"    attributes: {{x: {tag}}}\n"
    path = tmp_path / "payload.yaml"
    path.write_text(text, encoding="utf-8")
    message = str(_load_error(path))
    _check_message(message, [f"payload.yaml:{line}:", "is not allowed"])
    assert not marker.exists(), "the YAML payload was executed"


def test_alias_bomb_is_refused_quickly() -> None:
    start = time.perf_counter()
    message = str(_load_error(BAD / "alias_bomb.yaml"))
    elapsed = time.perf_counter() - start
    assert "YAML nodes" in message and "alias" in message
    assert elapsed < 2.0, f"alias bomb took {elapsed:.2f} s to refuse"  # a safety bound, not a benchmark


def test_deep_nesting_is_refused_quickly() -> None:
    start = time.perf_counter()
    message = str(_load_error(BAD / "deep_nesting.yaml"))
    elapsed = time.perf_counter() - start
    assert "nested more than 64 levels" in message
    assert elapsed < 2.0, f"deep nesting took {elapsed:.2f} s to refuse"


@pytest.mark.parametrize("depth", [65, 200, 300])
@pytest.mark.parametrize("style", ["list", "mapping", "block"])
def test_nesting_just_past_the_limit_is_refused(depth: int, style: str) -> None:
    if style == "list":
        body = "[" * depth + "]" * depth
    elif style == "mapping":
        body = "{a: " * depth + "1" + "}" * depth
    else:
        body = "\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(depth)) + "  " * (depth + 1) + "x"
    text = f"scenario: deep\ndescription: {body}\nevents: []\n"
    with pytest.raises(SahelSimError, match="nested more than 64 levels"):
        scenario_from_text(text, name="deep.yaml")


@pytest.mark.parametrize("style", ["list", "mapping"])
def test_very_deep_flow_nesting_is_a_sahel_sim_error(style: str) -> None:
    depth = 1000
    body = "[" * depth + "]" * depth if style == "list" else "{a: " * depth + "1" + "}" * depth
    with pytest.raises(SahelSimError, match="nested"):
        scenario_from_text(f"scenario: deep\ndescription: {body}\nevents: []\n", name="deep.yaml")


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x0c"])
def test_control_characters_are_a_sahel_sim_error(char: str, tmp_path: Path) -> None:
    path = tmp_path / "control.yaml"
    path.write_text(f"scenario: bell{char}\nevents: []\n", encoding="utf-8")
    error = _load_error(path)
    assert "control.yaml:1" in str(error)


# ---------------------------------------------------------------- the command line

def _cli_cases() -> list[object]:
    cases: list[object] = [pytest.param(BAD / name, id=name) for name in sorted(EXPECTED)]
    cases += [pytest.param(BAD / name, id=name) for name in sorted(REGRESSIONS)]
    cases += [pytest.param(make, id=kind) for kind, (make, _) in sorted(GENERATED.items())]
    return cases


@pytest.mark.parametrize("case", _cli_cases())
def test_cli_validate_exits_2_without_traceback(case: Path | Callable[[Path], Path], tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("sahel_sim.cli.validate", reason="the 'validate' subcommand is not written yet")
    from sahel_sim.cli import main

    path = case if isinstance(case, Path) else case(tmp_path)
    monkeypatch.chdir(tmp_path)
    code = main(["validate", str(path)])
    captured = capsys.readouterr()
    assert code == 2, captured.err
    assert "Traceback" not in captured.err
    if not (isinstance(case, Path) and case.name in REGRESSIONS):
        assert path.name in captured.err


@pytest.mark.parametrize("text", ["scenario: x\ndescription: " + "[" * 1000 + "]" * 1000 + "\nevents: []\n",
                                  "scenario: bell\x07\nevents: []\n"], ids=["deep-flow", "control-char"])
def test_cli_validate_survives_former_crashes(text: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("sahel_sim.cli.validate", reason="the 'validate' subcommand is not written yet")
    from sahel_sim.cli import main

    path = tmp_path / "crash.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    assert "Traceback" not in capsys.readouterr().err
