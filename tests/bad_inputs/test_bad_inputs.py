"""Hostile and broken input: every bad file gets a clear answer, nothing crashes.

Each ``*.yaml`` file in this directory breaks one rule (a few break several on
purpose).  ``EXPECTED`` maps the file to substrings its message must contain:
the file name with the line (``bad_date.yaml:4:``), the field path
(``events[0].date``), what was given and, where there is a near miss, the
suggestion.  A fragment starting with ``NOT:`` must *not* appear.  Inputs that
cannot be committed as text or would be bulky (binary bytes, non-UTF-8, a
directory, a missing file, a pipe, a 200 kB line, huge lists) are written at
test time (``GENERATED``).

Every case is also run through the command line (``validate`` and ``run``):
exit code 2, the message on stderr, no traceback.  The YAML cases run under
both parsers (libyaml's and the pure-Python one) so that messages do not
depend on which PyYAML is installed.
"""

from __future__ import annotations

import os
import sys
import tracemalloc
from pathlib import Path
from typing import Callable, Iterator

import pytest

import sahel_sim.scenario.yaml_source as yaml_source
from sahel_sim.errors import SahelSimError
from sahel_sim.scenario.load import load_scenario, scenario_from_text
from sahel_sim.scenario.yaml_source import Limits

HERE = Path(__file__).parent
EVENT = "  - id: attack\n    date: 2025-06-01\n    kind: incursion\n    actors: [MRT]\n    target: MLI\n"

# file name -> substrings str(exc) must contain (file name and line first); "NOT:x": must not contain x.
EXPECTED: dict[str, list[str]] = {
    # ------------------------------------------------------------ malformed YAML
    "malformed_indentation.yaml": ["malformed_indentation.yaml:5:", "invalid YAML", "check the indentation"],
    "tab_indentation.yaml": ["tab_indentation.yaml:5:1:", "invalid YAML", "indent with spaces, not tabs"],
    "duplicate_key.yaml": ["duplicate_key.yaml:8:5:", "events[0].target", "duplicate key 'target'",
                           "each key may appear once"],
    "multiple_documents.yaml": ["multiple_documents.yaml:8:1:", "more than one YAML document", "'---'"],
    "undefined_alias.yaml": ["undefined_alias.yaml:2:14:", "alias *nowhere has no anchor &nowhere"],
    "recursive_alias.yaml": ["recursive_alias.yaml:2:", "alias *loop refers to its own anchor", "recursive"],
    "empty.yaml": ["empty.yaml:", "is empty", "'scenario' and 'events'"],
    "comments_only.yaml": ["comments_only.yaml:", "is empty"],
    "top_level_list.yaml": ["top_level_list.yaml:1:", "must hold a mapping", "not a list of 2 items",
                            "at least: scenario, events"],
    "top_level_scalar.yaml": ["top_level_scalar.yaml:1:", "must hold a mapping", "'just a sentence, not a scenario'"],
    # ------------------------------------------------------------ wrong types at every level
    "wrong_type_top_level.yaml": ["3 problems", "wrong_type_top_level.yaml:1:1: scenario: expected text, given a list",
                                  "wrong_type_top_level.yaml:2:1: hypothetical: expected true or false, given 'maybe'",
                                  "wrong_type_top_level.yaml:3:1: events: expected a list, given a mapping",
                                  "start each item with '- '"],
    "wrong_type_event.yaml": ["3 problems", "wrong_type_event.yaml:7:5: events[0].target: expected text, given a list",
                              "wrong_type_event.yaml:8:5: events[0].consent: expected true or false, given 'perhaps'",
                              "wrong_type_event.yaml:9:5: events[0].attributes: expected a mapping, given a list"],
    "wrong_type_actors.yaml": ["wrong_type_actors.yaml:6:5:", "events[0].actors", "expected a list, given the number 5",
                               "write a list: actors: [5]"],
    "wrong_type_request.yaml": ["4 problems", "wrong_type_request.yaml:9:19: events[0].requests[0].to",
                                "expected text, given the number 12", 'quote it: to: "12"',
                                "events[0].requests[0].form: 'shouted' is not one of: written, oral, public",
                                "events[0].requests[0].date: invalid date 'yesterday'", "YYYY-MM-DD",
                                "wrong_type_request.yaml:10:9: events[0].requests[1]: expected a mapping, "
                                "given 'a request in words'", "fields: by,"],
    "wrong_type_decision.yaml": ["2 problems", "wrong_type_decision.yaml:9:", "events[0].decisions[0].date",
                                 "expected a date (YYYY-MM-DD), given the number 20230810",
                                 "did you mean 2023-08-10?", "wrong_type_decision.yaml:10:",
                                 "events[0].decisions[1].organisation: expected text, given a list of 1 item"],
    "wrong_type_membership.yaml": ["2 problems", "wrong_type_membership.yaml:5:", "memberships[0].since",
                                   "invalid date 'soon'", "wrong_type_membership.yaml:6:",
                                   "memberships[1].member: expected text, given the number 5"],
    "wrong_type_treaty_clause.yaml": ["4 problems", "wrong_type_treaty_clause.yaml:13:9:",
                                      "treaties[0].clauses[0].article: expected text, given the number 1",
                                      'quote it: article: "1"', "wrong_type_treaty_clause.yaml:16:",
                                      "treaties[0].clauses[0].trigger.any_of: expected a list, given 'aggression'",
                                      "write a list: any_of: [aggression]",
                                      "treaties[0].clauses[0].conditions: expected a list, given a mapping",
                                      "treaties[0].clauses[0].strength: the number 3 is not one of: mandatory"],
    "modality_basis_not_in_text.yaml": ["modality_basis_not_in_text.yaml:12:9:", "treaties[0].clauses[0]",
                                        "modality_basis 'each party may assist' does not occur in the clause's text",
                                        "quote the words of the text"],
    "wrong_type_expect.yaml": ["2 problems", "wrong_type_expect.yaml:10:", "expect.obligated[0].article",
                               "expected text, given the number 6", 'quote it: article: "6"',
                               "wrong_type_expect.yaml:11:3: expect.not_obligated: expected a list, given a mapping"],
    "wrong_type_cascade.yaml": ["2 problems", "wrong_type_cascade.yaml:2:", "cascade.lag_days: expected a whole number, "
                                "given 'ten'", "cascade.non_compliant: expected a list, given 'MLI'",
                                "write a list: non_compliant: [MLI]"],
    "unquoted_norway.yaml": ["2 problems", "unquoted_norway.yaml:6:14: events[0].actors[0]",
                             "given NO (which YAML reads as false)", 'quote it: "NO"',
                             "unquoted_norway.yaml:7:5: events[0].target: expected text, given nothing"],
    "missing_events.yaml": ["missing_events.yaml:1:", "events", "missing required field 'events'"],
    "empty_events.yaml": ["empty_events.yaml:2:", "events", "needs at least 1 item, given an empty list"],
    "invalid_event_id.yaml": ["invalid_event_id.yaml:3:5:", "events[0].id", "'the attack' is not valid here",
                              "expected an event id"],
    # ------------------------------------------------------------ unknown fields and ids, with "did you mean"
    "unknown_top_level_field.yaml": ["unknown_top_level_field.yaml:1:", "scenaro", "unknown field 'scenaro'",
                                     "did you mean scenario?", "NOT:missing required field"],
    "unknown_event_field.yaml": ["unknown_event_field.yaml:7:", "events[0].actor", "unknown field 'actor'",
                                 "did you mean actors?"],
    "unknown_request_field.yaml": ["unknown_request_field.yaml:9:", "events[0].requests[0].fomr",
                                   "unknown field 'fomr'", "did you mean form?"],
    "unknown_actor_target.yaml": ["unknown_actor_target.yaml:7:", "events[0].target", "unknown actor 'NIG'",
                                  "NER (Niger)", "NGA (Nigeria)"],
    "unknown_actor_in_request.yaml": ["unknown_actor_in_request.yaml:9:", "events[0].requests[0].to",
                                      "unknown actor 'ECOWSA'", "did you mean ECOWAS", "NOT:ECOWAS (ECOWAS)"],
    "unknown_member_in_membership.yaml": ["unknown_member_in_membership.yaml:6:", "memberships[1].member",
                                          "unknown actor 'MLX'", "did you mean", "MLI (Mali)"],
    "unknown_non_compliant_actor.yaml": ["unknown_non_compliant_actor.yaml:2:", "cascade.non_compliant[0]",
                                         "unknown actor 'BFX'", "did you mean BFA (Burkina Faso)"],
    "unknown_territory.yaml": ["unknown_territory.yaml:8:", "events[0].location", "unknown territory 'Zzyzx-Qqq'",
                               "territory id"],
    "unknown_territory_near_miss.yaml": ["unknown_territory_near_miss.yaml:8:5:", "events[0].location",
                                         "unknown territory 'BFA-SAHLE'", "did you mean BFA-SAHEL"],
    "unknown_event_kind.yaml": ["unknown_event_kind.yaml:5:", "events[0].kind", "'military_intervetion'",
                                "is not one of: armed_attack", "did you mean military_intervention?"],
    "unknown_treaty_in_expect.yaml": ["unknown_treaty_in_expect.yaml:10:", "expect.obligated[0].treaty",
                                      "unknown treaty 'liptako-gourma-chater'",
                                      "did you mean liptako-gourma-charter?"],
    "unknown_article_in_expect.yaml": ["unknown_article_in_expect.yaml:10:", "expect.obligated[0].article",
                                       "Art. 66", "did you mean 6?", "4, 5, 6, 7, 8"],
    "unknown_article_no_near_miss.yaml": ["unknown_article_no_near_miss.yaml:10:", "expect.obligated[0].article",
                                          "Art. 12", "articles with clauses: 4, 5, 6, 7, 8"],
    "unknown_event_in_expect.yaml": ["unknown_event_in_expect.yaml:10:", "expect.not_obligated[0].event",
                                     "unknown event 'incursoin'", "did you mean incursion?"],
    "unknown_perspective.yaml": ["unknown_perspective.yaml:2:", "perspective", "unknown perspective 'literel'",
                                 "did you mean literal?"],
    "inline_treaty_unknown_test.yaml": ["inline_treaty_unknown_test.yaml:16:", "treaties[0].clauses[0].trigger",
                                        "unknown test 'categroy'", "did you mean category?", "NOT:treaties[0].str"],
    "treaty_french_text.yaml": ["2 problems", "treaty_french_text.yaml:18:11: treaties[0].clauses[0].text_fr.kind:",
                                "'verbatim' is not one of: quote, paraphrase",
                                "treaty_french_text.yaml:28:9: treaties[0].clauses[1].text_fr:",
                                "a 'quote' needs the 'source' it is quoted from", "write 'kind: paraphrase'"],
    "missing_treaty_file.yaml": ["missing_treaty_file.yaml:3:", "treaties[0]", "no-such-treaty.yaml",
                                 "no such file", "relative to the scenario file"],
    # ------------------------------------------------------------ dates
    "bad_date.yaml": ["bad_date.yaml:4:", "events[0].date", "2023-02-30", "YYYY-MM-DD"],
    "date_month_13.yaml": ["date_month_13.yaml:4:5:", "events[0].date", "invalid date '2025-13-01'", "month",
                           "YYYY-MM-DD"],
    "date_as_number.yaml": ["date_as_number.yaml:4:5:", "events[0].date",
                            "expected a date (YYYY-MM-DD), given the number 20250601", "did you mean 2025-06-01?"],
    "date_with_time.yaml": ["date_with_time.yaml:4:5:", "events[0].date",
                            "given the date and time 2025-06-01 10:30:00", "drop the time: 2025-06-01"],
    "date_year_0001.yaml": ["date_year_0001.yaml:4:5:", "events[0].date", "the date 0001-01-01 is out of range",
                            "1600-01-01 to 2199-12-31", "check the year"],
    "date_until_9999.yaml": ["date_until_9999.yaml:5:", "memberships[0].until", "the date 9999-12-31 is out of range",
                             "leave 'until' out for an open end"],
    "lag_out_of_range.yaml": ["lag_out_of_range.yaml:2:", "cascade.lag_days",
                              "must be less than or equal to 3650, given the number 99999"],
    # ------------------------------------------------------------ intervals, duplicates, impossible events
    "membership_until_before_since.yaml": ["membership_until_before_since.yaml:5:", "memberships[0]",
                                           "'until' (2023-01-01) must be after 'since' (2024-01-01)",
                                           "NOT:Value error"],
    "membership_overlap.yaml": ["membership_overlap.yaml:6:", "memberships[1]", "overlaps memberships[0]",
                                "MLI in ALLIANCE from 2020-01-01, until 2024-01-01", "may not share a day"],
    "membership_overlaps_library.yaml": ["membership_overlaps_library.yaml:3:", "memberships[0]",
                                         "overlaps the library's membership", "MLI in ECOWAS",
                                         "start this one on or after 2025-01-29"],
    "duplicate_event_ids.yaml": ["duplicate_event_ids.yaml:8:", "events[1].id", "duplicate event id 'attack'"],
    "duplicate_actor_id.yaml": ["duplicate_actor_id.yaml:3:", "actors[0].id", "duplicate actor id 'MLI'"],
    "self_attack.yaml": ["self_attack.yaml:3:", "events[0]", "self-attack", "MLI"],
    "response_to_unknown_event.yaml": ["response_to_unknown_event.yaml:13:", "events[1].response_to",
                                       "unknown event 'incursoin'", "did you mean incursion?"],
    "response_to_itself.yaml": ["response_to_itself.yaml:8:", "events[0].response_to", "cannot respond to itself"],
    # ------------------------------------------------------------ several problems at once
    "several_problems.yaml": ["2 problems", "several_problems.yaml:7:", "events[0].target", "unknown actor 'NIG'",
                              "several_problems.yaml:12:", "events[1].actors[0]", "unknown actor 'MRTT'",
                              "did you mean MRT (Mauritania)?"],
    "several_schema_problems.yaml": ["3 problems", "several_schema_problems.yaml:4:", "events[0].date",
                                     "several_schema_problems.yaml:10:", "events[1].kind",
                                     "did you mean military_intervention?",
                                     "several_schema_problems.yaml:18:", "events[2].locaton",
                                     "did you mean location?"],
    # ------------------------------------------------------------ crafted files
    "alias_bomb.yaml": ["alias_bomb.yaml:9:", "more than 50,000 YAML nodes", "aliases", "alias bomb",
                        "SAHEL_SIM_MAX_NODES"],
    "merge_key_bomb.yaml": ["merge_key_bomb.yaml:", "more than 50,000 YAML nodes", "aliases"],
    "merge_key_non_mapping.yaml": ["merge_key_non_mapping.yaml:4:5:", "events[0].<<",
                                   "'<<' can only merge a mapping or a list of mappings, not a list of values"],
    "deep_nesting.yaml": ["deep_nesting.yaml:3:", "nested more than 64 levels", "SAHEL_SIM_MAX_DEPTH"],
    "python_tag.yaml": ["python_tag.yaml:1:", "scenario", "!!python/object/apply:os.system", "is not allowed"],
    "python_name_tag.yaml": ["python_name_tag.yaml:2:", "description", "!!python/name:os.system", "is not allowed"],
    "python_object_new_tag.yaml": ["python_object_new_tag.yaml:2:", "description", "!!python/object/new:os.system",
                                   "is not allowed"],
    "python_object_tag_mapping.yaml": ["python_object_tag_mapping.yaml:3:", "events[0]",
                                       "!!python/object:sahel_sim.model.events.Event", "is not allowed"],
    "python_module_tag.yaml": ["python_module_tag.yaml:2:", "description", "!!python/module:os", "is not allowed"],
    "custom_tag.yaml": ["custom_tag.yaml:2:", "description", "tag !include is not allowed"],
    "binary_tag.yaml": ["binary_tag.yaml:1:", "scenario", "tag !!binary is not allowed"],
    # ------------------------------------------------------------ round two: each accepted or mangled before
    "date_with_midnight_utc.yaml": ["date_with_midnight_utc.yaml:4:5:", "events[0].date",
                                    "given the date and time 2025-06-01 00:00:00+00:00", "drop the time: 2025-06-01"],
    "lag_huge_digits.yaml": ["lag_huge_digits.yaml:2:21:", "cascade.lag_days", "a number of 99,001 digits is too long",
                             "NOT:00000000"],
    "lag_leading_zero.yaml": ["lag_leading_zero.yaml:2:21:", "cascade.lag_days", "'010' starts with 0",
                              "octal number (8)", "write 10"],
    "cyrillic_lookalike_id.yaml": ["cyrillic_lookalike_id.yaml:7:5:", "events[0].target",
                                   "'\u0415' is U+0415 CYRILLIC CAPITAL LETTER IE, not the ASCII letter 'E'"],
    "escape_code_in_key.yaml": ["escape_code_in_key.yaml:2:1:", "\\x1b[2J\\x1b[31mcolour: unknown field", "NOT:\x1b"],
    "category_empty.yaml": ["category_empty.yaml:17:44:", "treaties[0].clauses[0].trigger.any_of[0]",
                            "'' is not valid here", "e.g. armed_attack"],
    "latitude_true.yaml": ["latitude_true.yaml:18:48:", "treaties[0].clauses[0].conditions[0].north_of",
                           "expected a number, given true"],
    "too_many_treaties.yaml": ["too_many_treaties.yaml:2:1: treaties:", "51 treaties are more than the limit of 50",
                               "split it into several scenarios"],
    "treaty_path_nul.yaml": ["treaty_path_nul.yaml:3:5:", "treaties[0]", "'pact\\x00.yaml' contains a NUL character",
                             "NOT:\x00"],
    "treaty_path_outside.yaml": ["treaty_path_outside.yaml:3:5:", "treaties[0]",
                                 "is outside the scenario's folder and the library", "SAHEL_SIM_ALLOW_PATHS",
                                 "NOT:not found"],
    "deep_clause_tree.yaml": ["deep_clause_tree.yaml:14:", "is nested more than 64 levels deep", "flatten it"],
    "treaty_path_not_a_treaty.yaml": ["treaty_path_not_a_treaty.yaml:3:5:", "treaties[0]", "is not a treaty",
                                      "NOT:scenaro", "NOT:incursion"],
}

CRAFTED = ["alias_bomb.yaml", "merge_key_bomb.yaml", "deep_nesting.yaml"]


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run under libyaml's parser (when PyYAML has it) and under the pure-Python one."""
    if request.param == "libyaml" and not yaml_source.USE_LIBYAML:
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(yaml_source, "USE_LIBYAML", request.param == "libyaml")
    yield request.param


def _check_message(message: str, wanted: list[str]) -> None:
    for part in wanted:
        if part.startswith("NOT:"):
            assert part[4:] not in message, f"unexpected {part[4:]!r} in:\n{message}"
        else:
            assert part in message, f"missing {part!r} in:\n{message}"


def _load_error(path: Path) -> SahelSimError:
    with pytest.raises(SahelSimError) as info:
        load_scenario(path)
    return info.value


def test_every_bad_file_has_an_expectation() -> None:
    """A bad file added without an expected message would be tested by nothing."""
    assert {p.name for p in HERE.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_refused_with_a_located_message(name: str, parser: str, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a python-tag payload that ran would leave its marker here
    error = _load_error(HERE / name)
    message = str(error)
    _check_message(message, EXPECTED[name])
    assert error.problems, "the error should carry its problems"
    assert "Traceback" not in message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_messages_follow_the_recipe(name: str) -> None:
    """file:line:col: path: message (hint) — every part the input allows, every problem on its own line."""
    error = _load_error(HERE / name)
    for problem in error.problems:
        assert problem.file and problem.file.endswith(name)
        assert problem.message and "\n" not in problem.message
        assert not problem.message.startswith(("Input should", "Value error", "Field required"))
        if problem.path is not None:  # a field's problem is located on its line
            assert problem.line is not None and problem.column is not None, problem
    rendered = str(error).splitlines()
    assert len(rendered) == (1 if len(error.problems) == 1 else 1 + len(error.problems))


def test_tab_indentation_gets_the_spaces_hint() -> None:
    assert "indent with spaces, not tabs" in str(_load_error(HERE / "tab_indentation.yaml"))


def test_several_problems_are_all_reported_in_one_error() -> None:
    error = _load_error(HERE / "several_problems.yaml")
    assert len(error.problems) == 2
    assert sorted(p.line for p in error.problems) == [7, 12]
    assert {p.path for p in error.problems} == {"events[0].target", "events[1].actors[0]"}
    assert len(_load_error(HERE / "several_schema_problems.yaml").problems) == 3
    assert len(_load_error(HERE / "wrong_type_request.yaml").problems) == 4


def test_a_union_gives_one_problem_not_one_per_member() -> None:
    text = f"scenario: x\nevents:\n{EVENT}    attributes: {{a: [1], b: 2025-01-01}}\n"
    with pytest.raises(SahelSimError) as info:
        scenario_from_text(text, name="union.yaml")
    assert [p.path for p in info.value.problems] == ["events[0].attributes.a", "events[0].attributes.b"]
    assert "expected true or false, a whole number, a number or text, given a list of 1 item" in str(info.value)
    assert 'quote it: b: "2025-01-01"' in str(info.value)


@pytest.mark.parametrize("value", ["0", "86400", "1.5", "'86400'", "'20250601'"])
def test_a_number_is_never_read_as_a_date(value: str) -> None:
    """Pydantic would read 86400 as a Unix timestamp (1970-01-02); a scenario date must be written as a date."""
    text = "scenario: x\nevents:\n" + EVENT.replace("2025-06-01", value)
    with pytest.raises(SahelSimError, match=r"events\[0\]\.date: expected a date \(YYYY-MM-DD\), given "):
        scenario_from_text(text, name="n.yaml")


@pytest.mark.parametrize("value", ["'9999-12-31'", "'9999-12-31T00:00:00'", "9999-12-31 10:00:00", "1599-12-31"])
def test_dates_out_of_range_are_refused_however_written(value: str) -> None:
    text = "scenario: x\nevents:\n" + EVENT.replace("2025-06-01", value)
    with pytest.raises(SahelSimError, match=r"events\[0\]\.date: the date \d{4}-12-31 is out of range"):
        scenario_from_text(text, name="d.yaml")


def test_dates_at_the_ends_of_the_range_are_accepted() -> None:
    for day in ("1600-01-01", "2199-12-31"):
        scenario_from_text("scenario: x\nevents:\n" + EVENT.replace("2025-06-01", day))


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


def _pipe(tmp: Path) -> Path:
    path = tmp / "pipe.yaml"
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    os.mkfifo(path)
    return path


def _long_line(tmp: Path) -> Path:
    path = tmp / "long-line.yaml"
    path.write_text(f"scenario: A 200 kB line\ndescription: {'x' * 200_000}\nevents:\n{EVENT}", encoding="utf-8")
    return path


def _huge_list(tmp: Path) -> Path:
    path = tmp / "huge-list.yaml"
    path.write_text("scenario: A list of 100,000 sources\nsources: [" + ", ".join(["s"] * 100_000)
                    + f"]\nevents:\n{EVENT}", encoding="utf-8")
    return path


def _huge_event_list(tmp: Path) -> Path:
    path = tmp / "huge-events.yaml"
    path.write_text("scenario: 100,000 events\nevents:\n" + "".join(
        f"  - {{id: e{i}, date: 2025-06-01, kind: incursion, actors: [MRT], target: MLI}}\n" for i in range(100_000)),
        encoding="utf-8")
    return path


def _too_many_events(tmp: Path) -> Path:
    path = tmp / "many-events.yaml"
    path.write_text("scenario: 1,001 events\nevents:\n" + "".join(
        f"  - {{id: e{i}, date: 2025-06-01, kind: incursion, actors: [MRT], target: MLI}}\n" for i in range(1001)),
        encoding="utf-8")
    return path


GENERATED: dict[str, tuple[Callable[[Path], Path], list[str]]] = {
    "binary": (_binary, ["binary.yaml:", "binary file", "NUL"]),
    "non_utf8": (_non_utf8, ["latin1.yaml:1:", "not UTF-8", "0xf4", "save it as UTF-8"]),
    "directory": (_directory, ["a-directory.yaml:", "is a directory", "name a .yaml file inside it"]),
    "missing": (_missing, ["does-not-exist.yaml:", "no such file", "check the path"]),
    "pipe": (_pipe, ["pipe.yaml:", "not a regular file"]),
    "long_line": (_long_line, ["long-line.yaml:2:14:", "a value of 200,000 characters",
                               "limit of 100,000", "SAHEL_SIM_MAX_SCALAR_CHARS"]),
    "huge_list": (_huge_list, ["huge-list.yaml:2:", "more than 50,000 YAML nodes", "SAHEL_SIM_MAX_NODES"]),
    "huge_event_list": (_huge_event_list, ["huge-events.yaml:", "larger than the limit of 1,000,000 bytes",
                                           "SAHEL_SIM_MAX_BYTES"]),
    "too_many_events": (_too_many_events, ["many-events.yaml:2:1:", "events", "1,001 events are more than the "
                                           "limit of 1,000", "SAHEL_SIM_MAX_EVENTS"]),
}


@pytest.mark.parametrize("kind", sorted(GENERATED))
def test_unreadable_and_oversized_inputs_are_refused(kind: str, tmp_path: Path) -> None:
    make, wanted = GENERATED[kind]
    path = make(tmp_path)
    tracemalloc.start()
    try:
        error = _load_error(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    _check_message(str(error), wanted)
    assert peak < 50_000_000, f"{kind} needed {peak / 1e6:.0f} MB to refuse"  # refused before the work


def test_text_that_is_not_valid_unicode_is_refused() -> None:
    with pytest.raises(SahelSimError, match=r"surrogate.yaml:2: contains '\\ud800', which is not a valid Unicode"):
        scenario_from_text("scenario: x\ndescription: \ud800\nevents: []\n", name="surrogate.yaml")


PYTHON_TAGS = [
    "!!python/object/apply:os.system [{cmd!r}]",
    "!!python/object/apply:subprocess.check_call [[sh, -c, {cmd!r}]]",
    "!!python/object/new:os.system [{cmd!r}]",
]


@pytest.mark.parametrize("template", PYTHON_TAGS)
@pytest.mark.parametrize("where", ["scenario", "event_attribute"])
def test_python_tags_are_refused_and_nothing_is_executed(template: str, where: str, parser: str,
                                                        tmp_path: Path) -> None:
    marker = tmp_path / "payload-ran"
    tag = template.format(cmd=f"touch {marker}")
    if where == "scenario":
        text = f"scenario: {tag}\n"
        line = 1
    else:
        text = "scenario: payload\n"
        line = 8
    text += f"events:\n{EVENT}"
    if where == "event_attribute":
        text += f"    attributes: {{x: {tag}}}\n"
    path = tmp_path / "payload.yaml"
    path.write_text(text, encoding="utf-8")
    message = str(_load_error(path))
    _check_message(message, [f"payload.yaml:{line}:", "is not allowed"])
    assert not marker.exists(), "the YAML payload was executed"


# ---------------------------------------------------------------- quick refusal, bounded memory

@pytest.mark.parametrize("name", CRAFTED)
def test_crafted_files_are_refused_quickly_in_bounded_memory(name: str, parser: str) -> None:
    tracemalloc.start()
    try:
        message = str(_load_error(HERE / name))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "more than" in message
    assert peak < 50_000_000, f"{name} needed {peak / 1e6:.0f} MB to refuse"


@pytest.mark.parametrize("depth", [65, 200, 300])
@pytest.mark.parametrize("style", ["list", "mapping", "block"])
def test_nesting_just_past_the_limit_is_refused(depth: int, style: str, parser: str) -> None:
    if style == "list":
        body = "[" * depth + "]" * depth
    elif style == "mapping":
        body = "{a: " * depth + "1" + "}" * depth
    else:
        body = "\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(depth)) + "  " * (depth + 1) + "x"
    text = f"scenario: deep\ndescription: {body}\nevents: []\n"
    with pytest.raises(SahelSimError, match="nested more than 64 levels"):
        scenario_from_text(text, name="deep.yaml")


def test_nesting_at_the_limit_is_read() -> None:
    body = "[" * 63 + "]" * 63  # description is level 1, its innermost list level 64
    with pytest.raises(SahelSimError) as info:
        scenario_from_text(f"scenario: deep\ndescription: {body}\nevents: []\n", name="deep.yaml")
    assert "nested" not in str(info.value)  # refused by validation (not text), not by the depth limit


def test_aliases_cannot_smuggle_in_depth() -> None:
    inner = "[" * 40 + "]" * 40
    text = f"scenario: x\na: &a {inner}\nb: &b [{'[' * 30}*a{']' * 30}]\nevents: []\n"
    with pytest.raises(SahelSimError, match="nested more than 64 levels deep"):
        scenario_from_text(text, name="alias-depth.yaml")


@pytest.mark.parametrize("style", ["list", "mapping"])
def test_very_deep_flow_nesting_is_a_sahel_sim_error(style: str, parser: str) -> None:
    depth = 100_000
    body = "[" * depth + "]" * depth if style == "list" else "{a: " * depth + "1" + "}" * depth
    with pytest.raises(SahelSimError, match="nested more than 64 levels"):
        scenario_from_text(f"scenario: deep\ndescription: {body}\nevents: []\n", name="deep.yaml")


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x0c"])
def test_control_characters_are_a_sahel_sim_error(char: str, parser: str, tmp_path: Path) -> None:
    path = tmp_path / "control.yaml"
    path.write_text(f"scenario: Côte d'Ivoire\ndescription: bell{char}\nevents: []\n", encoding="utf-8")
    error = _load_error(path)
    assert "control.yaml:2:18:" in str(error)  # characters, not bytes, whichever parser
    assert "control characters" in str(error)


# ---------------------------------------------------------------- merge keys

def test_merge_keys_work_as_in_yaml() -> None:
    """Explicit keys win over merged ones, earlier merged mappings over later ones; no false duplicates."""
    text = ("scenario: Merges\n"
            "events:\n"
            "  - &first {id: first, date: 2025-06-01, kind: incursion, actors: [MRT], target: NER}\n"
            "  - <<: [*first, {kind: coup, description: from the second source}]\n"
            "    id: second\n"
            "    target: MLI\n")
    second = scenario_from_text(text, name="merge.yaml").events[1]
    assert (second.id, second.target, second.kind.value, second.description) == (
        "second", "MLI", "incursion", "from the second source")


def test_merged_duplicates_are_not_reported_twice() -> None:
    text = ("scenario: x\n"
            "events:\n"
            "  - &e {id: a, id: b, date: 2025-06-01, kind: incursion, actors: [MRT], target: MLI}\n"
            "  - {<<: *e, id: c}\n")
    with pytest.raises(SahelSimError) as info:
        scenario_from_text(text, name="dup.yaml")
    assert [(p.line, p.message) for p in info.value.problems] == [(3, "duplicate key 'id'")]


# ---------------------------------------------------------------- limits: documented and configurable

def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAHEL_SIM_MAX_EVENTS", "2")
    monkeypatch.setenv("SAHEL_SIM_MAX_DEPTH", "8")
    assert Limits.from_env() == Limits(max_events=2, max_depth=8)
    with pytest.raises(SahelSimError, match="3 events are more than the limit of 2.*SAHEL_SIM_MAX_EVENTS"):
        scenario_from_text("scenario: x\nevents:\n" + EVENT + EVENT.replace("attack", "b")
                           + EVENT.replace("attack", "c"))


def test_raising_a_limit_admits_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _too_many_events(tmp_path)
    monkeypatch.setenv("SAHEL_SIM_MAX_EVENTS", "2000")
    assert len(load_scenario(path).events) == 1001


@pytest.mark.parametrize(("var", "value", "wanted"), [
    ("SAHEL_SIM_MAX_NODES", "lots", "SAHEL_SIM_MAX_NODES='lots' is not a whole number (the default is 50000"),
    ("SAHEL_SIM_MAX_BYTES", "0", "SAHEL_SIM_MAX_BYTES='0' is out of range"),
    ("SAHEL_SIM_MAX_DEPTH", "5000", "SAHEL_SIM_MAX_DEPTH='5000' is out of range (the default is 64; unset it, or give "
                                    "a whole number of at least 1 and at most 200)"),
    ("SAHEL_SIM_MAX_SCALAR_CHARS", "1e6", "not a whole number"),
])
def test_invalid_limits_are_clear_errors(var: str, value: str, wanted: str, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from sahel_sim.cli import main

    monkeypatch.setenv(var, value)
    with pytest.raises(SahelSimError) as info:
        Limits.from_env()
    assert wanted in str(info.value)
    assert main(["validate", str(HERE / "empty.yaml")]) == 2
    err = capsys.readouterr().err
    assert wanted in err and "Traceback" not in err


def test_limits_checks_its_own_fields() -> None:
    with pytest.raises(SahelSimError, match="max_depth must be at most 200"):
        Limits(max_depth=500)
    with pytest.raises(SahelSimError, match="max_nodes must be a whole number of at least 1"):
        Limits(max_nodes=0)


def test_the_shipped_library_ignores_lowered_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lowering a limit guards user files; the library (trusted package data) still loads."""
    from sahel_sim.library import DATA_DIR, library_world
    from sahel_sim.scenario.yaml_source import read_yaml

    monkeypatch.setenv("SAHEL_SIM_MAX_NODES", "20")
    library_world.cache_clear()
    try:
        assert library_world().actors
        read_yaml(DATA_DIR / "world" / "memberships.yaml")
    finally:
        library_world.cache_clear()
    with pytest.raises(SahelSimError, match="more than 20 YAML nodes"):
        scenario_from_text("scenario: x\nevents:\n" + EVENT * 3, name="small.yaml")


# ---------------------------------------------------------------- the command line

def _cli_cases() -> list[object]:
    cases: list[object] = [pytest.param(HERE / name, id=name) for name in sorted(EXPECTED)]
    cases += [pytest.param(make, id=kind) for kind, (make, _) in sorted(GENERATED.items())
              if kind not in ("huge_event_list", "huge_list")]
    return cases


@pytest.mark.parametrize("command", ["validate", "run"])
@pytest.mark.parametrize("case", _cli_cases())
def test_cli_exits_2_without_traceback(case: Path | Callable[[Path], Path], command: str, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    from sahel_sim.cli import main

    path = case if isinstance(case, Path) else case(tmp_path)
    monkeypatch.chdir(tmp_path)
    code = main([command, str(path)])
    captured = capsys.readouterr()
    assert code == 2, captured.err
    assert "Traceback" not in captured.err
    assert captured.err.startswith("sahel-sim: error: ")
    assert path.name in captured.err
    assert captured.out == ""
    if isinstance(case, Path):
        _check_message(captured.err, EXPECTED[path.name])


@pytest.mark.parametrize("text", ["scenario: x\ndescription: " + "[" * 1000 + "]" * 1000 + "\nevents: []\n",
                                  "scenario: bell\x07\nevents: []\n"], ids=["deep-flow", "control-char"])
def test_cli_validate_survives_former_crashes(text: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from sahel_sim.cli import main

    path = tmp_path / "crash.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("argv", [
    ["run", "--as-of", "9999-12-31", "X.yaml"],
    ["run", "--as-of", "0001-01-01", "X.yaml"],
    ["timeline", "X.yaml", "--from", "2020-01-01", "--to", "9999-12-31"],
])
def test_cli_dates_out_of_range_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    from sahel_sim.cli import main

    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "is out of range; expected a date from 1600-01-01 to 2199-12-31" in err
    assert "Traceback" not in err


def test_cli_subprocess_prints_no_traceback(tmp_path: Path) -> None:
    """The real entry point, in a fresh interpreter: one line per problem, exit 2."""
    import subprocess

    done = subprocess.run([sys.executable, "-m", "sahel_sim", "validate", str(HERE / "several_problems.yaml"),
                           str(HERE / "alias_bomb.yaml")], capture_output=True, text=True, cwd=tmp_path,
                          env={k: v for k, v in os.environ.items() if not k.startswith("SAHEL_SIM_")}, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.count("sahel-sim: error: ") == 2


# ---------------------------------------------------------------- overlapping memberships

def test_the_shipped_library_has_no_overlapping_memberships() -> None:
    from sahel_sim.library import library_world
    from sahel_sim.scenario.references import membership_overlaps

    assert membership_overlaps(library_world().memberships) == []


def test_periods_that_touch_do_not_overlap() -> None:
    """``until`` is exclusive: leaving on 2025-01-29 and rejoining that day is two clean periods."""
    text = ("scenario: x\nactors:\n  - {id: ALLIANCE, kind: organisation, name: Test Alliance}\nmemberships:\n"
            "  - {member: MLI, of: ALLIANCE, since: 2020-01-01, until: 2025-01-29}\n"
            "  - {member: MLI, of: ALLIANCE, since: 2025-01-29}\n"
            "  - {member: NER, of: ALLIANCE, since: 2020-01-01}\n"
            f"events:\n{EVENT}")
    assert len(scenario_from_text(text).world.memberships) > 3
    with pytest.raises(SahelSimError) as info:
        scenario_from_text(text.replace("since: 2025-01-29}", "since: 2025-01-28}"), name="o.yaml")
    assert [p.path for p in info.value.problems] == ["memberships[1]"]
    assert "overlaps memberships[0]" in str(info.value)


def test_a_date_written_as_a_number_is_found_at_any_depth_in_every_file_read() -> None:
    """Where the dates are is worked out once per model and shared by every file read as it: a second
    file, and a condition nested inside others, are still checked."""
    from sahel_sim.clauses.treaty import Treaty
    from sahel_sim.library import DATA_DIR
    from sahel_sim.scenario.validation import validate
    from sahel_sim.scenario.yaml_source import parse_yaml

    good = (DATA_DIR / "treaties" / "brussels-treaty-1948.yaml").read_text(encoding="utf-8")
    validate(Treaty, parse_yaml(good, "first.yaml"))
    flat = good.replace("{test: event_date, before: 1955-05-06,", "{test: event_date, before: 19550506,", 1)
    nested = good.replace("{test: event_date, before: 1955-05-06,",
                          "{test: any_of, conditions: [{test: all_of, conditions: [{test: event_date, "
                          "before: 19550506}]}],", 1)
    assert flat != good and nested != good
    for name, text, path in (("flat.yaml", flat, ".conditions[0].before"),
                             ("nested.yaml", nested, ".conditions[0].conditions[0].conditions[0].before")):
        with pytest.raises(SahelSimError) as info:
            validate(Treaty, parse_yaml(text, name))
        found = [p for p in info.value.problems if p.message.startswith("expected a date (YYYY-MM-DD), given")]
        assert len(found) == 1 and found[0].path.endswith(path) and found[0].path.startswith("clauses[")
        assert found[0].hint == "did you mean 1955-05-06?"


def test_a_nested_date_is_found_whichever_models_were_used_first() -> None:
    """A treaty validated first builds Pydantic's validators without resolving a condition's own
    ``conditions`` (a forward reference): the date inside nested conditions is still found, with our message.

    In a fresh interpreter, so that no earlier test has built the models.
    """
    import subprocess
    import sys

    code = """if True:
        from sahel_sim.clauses.treaty import Treaty
        from sahel_sim.errors import SahelSimError
        from sahel_sim.library import DATA_DIR
        from sahel_sim.scenario.validation import validate
        from sahel_sim.scenario.yaml_source import parse_yaml

        Treaty.model_validate({"id": "t", "name": "T", "signed": "2000-01-01", "parties": {"organisation": "O"}})
        good = (DATA_DIR / "treaties" / "brussels-treaty-1948.yaml").read_text(encoding="utf-8")
        nested = good.replace("{test: event_date, before: 1955-05-06,", "{test: any_of, conditions: [{test: all_of, "
                              "conditions: [{test: event_date, before: 19550506}]}],", 1)
        assert nested != good
        try:
            validate(Treaty, parse_yaml(nested, "nested.yaml"))
        except SahelSimError as exc:
            for p in exc.problems:
                print(p.path, "|", p.message, "|", p.hint)
    """
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert ("clauses[0].conditions[0].conditions[0].conditions[0].before | expected a date (YYYY-MM-DD), given "
            "the number 19550506 | did you mean 1955-05-06?") in out, out
