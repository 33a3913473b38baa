"""Fuzzing the input boundary: arbitrary text and YAML-shaped data never crash.

Whatever a file holds, loading it has two outcomes only: a
:class:`~sahel_sim.scenario.load.Scenario`, or a
:class:`~sahel_sim.errors.SahelSimError` with a message.  Through the command
line the same files give exit code 0 or 2 and never a traceback.  A file that
loads also runs: :func:`~sahel_sim.api.simulate` returns.

Two strategies feed the loader:

* ``text()``: arbitrary Unicode, including control characters and lone
  surrogates' neighbours, which mostly exercises the YAML reader;
* YAML-shaped data: nested mappings and lists whose keys are drawn from the
  real field names of the scenario format and whose scalars include real ids,
  enum values and dates, dumped with ``yaml.safe_dump``, which gets deep into
  validation and reference checking;
* valid scenarios built from the library's real ids, with every event kind
  and dates at both ends of the accepted calendar, which reach the engine
  (plain runs and cascades of response events).

The budget is fixed (``derandomize``, bounded examples, no deadline) so that CI
time is predictable: about 10-20 s for the whole module.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from sahel_sim.api import library_readings, reading_worlds, simulate
from sahel_sim.engine.readings import LibraryReadings
from sahel_sim.errors import SahelSimError
from sahel_sim.model.events import EventKind
from sahel_sim.scenario.load import Scenario, load_scenario, scenario_from_text
from sahel_sim.scenario.schema import ScenarioFile
from sahel_sim.scenario.validation import EARLIEST, LATEST

FUZZ = settings(derandomize=True, deadline=None, database=None, max_examples=200,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


# ---------------------------------------------------------------- vocabulary from the real format

def _walk_models(model: type[BaseModel], seen: set[type], names: set[str], values: set[str]) -> None:
    if model in seen:
        return
    seen.add(model)
    for name, field in model.model_fields.items():
        names.add(field.alias or name)
        _walk_type(field.annotation, seen, names, values)


def _walk_type(tp: Any, seen: set[type], names: set[str], values: set[str]) -> None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        _walk_models(tp, seen, names, values)
    elif isinstance(tp, type) and issubclass(tp, enum.Enum):
        values.update(str(m.value) for m in tp)
    elif typing.get_origin(tp) is typing.Literal:
        values.update(str(a) for a in typing.get_args(tp))
    for arg in typing.get_args(tp):
        if not isinstance(arg, (str, int, float)) or isinstance(arg, type):
            _walk_type(arg, seen, names, values)


def _vocabulary() -> tuple[list[str], list[str]]:
    names: set[str] = set()
    values: set[str] = set()
    _walk_models(ScenarioFile, set(), names, values)
    return sorted(names), sorted(values)


FIELD_NAMES, ENUM_VALUES = _vocabulary()
IDS = ["MLI", "NER", "BFA", "NGA", "MRT", "TCD", "ECOWAS", "AES", "NIG", "BFA-SAHEL", "liptako-gourma-charter",
       "literal", "aes", "ecowas", "attack", "6", "art-6"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**9), st.floats(allow_nan=True, allow_infinity=True),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
    st.sampled_from(IDS), st.sampled_from(ENUM_VALUES), st.text(max_size=12),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(min_size=1, max_size=8))
yaml_data = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=25,
)

EVENT: dict[str, Any] = {"id": "attack", "date": dt.date(2025, 6, 1), "kind": "armed_attack",
                         "actors": ["MRT"], "target": "MLI"}


@st.composite
def scenario_like(draw: st.DrawFn) -> dict[str, Any]:
    """A mapping with ``scenario`` and ``events`` and random fields, often almost valid."""
    doc: dict[str, Any] = {"scenario": draw(st.one_of(st.just("fuzz"), scalars))}
    events = draw(st.lists(st.one_of(
        st.just(dict(EVENT)),
        st.builds(lambda extra: {**EVENT, **extra}, st.dictionaries(st.sampled_from(FIELD_NAMES), yaml_data,
                                                                     max_size=3)),
        st.dictionaries(keys, yaml_data, max_size=6)), min_size=0, max_size=3))
    doc["events"] = events
    doc.update(draw(st.dictionaries(st.sampled_from(FIELD_NAMES), yaml_data, max_size=3)))
    return doc


def _library_ids() -> tuple[list[str], list[str], list[str]]:
    from sahel_sim.library import library_world

    world = library_world()
    states = sorted(a.id for a in world.actors if a.kind.value == "state")
    others = sorted(a.id for a in world.actors if a.kind.value != "state")
    return states, others, sorted(t.id for t in world.territories)


STATES, OTHER_ACTORS, TERRITORIES = _library_ids()
KINDS = sorted(k.value for k in EventKind)
calendar = st.one_of(st.dates(EARLIEST, LATEST), st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31)),
                     st.sampled_from([EARLIEST, LATEST, dt.date(2025, 1, 29), dt.date(2023, 9, 16)]))


@st.composite
def valid_scenarios(draw: st.DrawFn) -> dict[str, Any]:
    """Scenarios that pass loading (most of the time): real ids, any kind, any date of the calendar."""
    n = draw(st.integers(1, 3))
    events = []
    for i in range(n):
        actors = draw(st.lists(st.sampled_from(STATES + OTHER_ACTORS), min_size=1, max_size=3, unique=True))
        target = draw(st.sampled_from([s for s in STATES if s not in actors]))
        event: dict[str, Any] = {"id": f"e{i}", "date": draw(calendar), "kind": draw(st.sampled_from(KINDS)),
                                 "actors": actors, "target": target}
        if draw(st.booleans()):
            event["location"] = draw(st.sampled_from(TERRITORIES))
        if draw(st.booleans()):
            event["requests"] = [{"by": target, "to": draw(st.sampled_from(STATES + OTHER_ACTORS)),
                                  "form": draw(st.sampled_from(["written", "oral", "public"])),
                                  "date": draw(calendar)}]
        if draw(st.booleans()):
            event["decisions"] = [{"organisation": draw(st.sampled_from(OTHER_ACTORS)), "date": draw(calendar)}]
        event["consent"] = draw(st.booleans())
        if i and draw(st.booleans()):
            event["response_to"] = "e0"
        events.append(event)
    doc: dict[str, Any] = {"scenario": "fuzz", "events": events}
    if draw(st.booleans()):
        doc["perspective"] = draw(st.sampled_from(["literal", "aes", "ecowas"]))
    if draw(st.booleans()):
        doc["cascade"] = {"lag_days": draw(st.integers(0, 3650)),
                          "non_compliant": draw(st.lists(st.sampled_from(STATES), max_size=2, unique=True))}
    return doc


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _outcome(load: Any) -> Scenario | None:
    """Call ``load``: a Scenario, or None after a SahelSimError with a message; anything else fails."""
    try:
        scenario = load()
    except SahelSimError as exc:
        assert str(exc).strip(), "a SahelSimError must carry a message"
        assert "Traceback" not in str(exc)
        for problem in exc.problems:  # the recipe, not Pydantic's raw words
            assert problem.message and not problem.message.startswith(("Input should", "Value error", "Field required"))
        return None
    assert isinstance(scenario, Scenario)
    return scenario


@pytest.fixture(scope="module")
def library() -> LibraryReadings:
    """The library's readings, worked out once for every drawn scenario (as ``check`` shares them)."""
    return library_readings()


def _simulates(scenario: Scenario | None, library: LibraryReadings) -> None:
    """Run ``scenario`` with and without a cascade: it returns, or fails with a message.

    Both runs share the scenario's readings, and every scenario shares the library's
    (:func:`~sahel_sim.api.reading_worlds`): the same findings as runs that build their own
    (``tests/engine/test_library_readings.py``), without compiling the library's readings' worlds
    again for each run.
    """
    if scenario is None:
        return
    readings = reading_worlds(scenario, library)
    for cascade in (0, 2):  # response events move dates: the calendar's ends must not overflow
        try:
            simulate(scenario, cascade=cascade, readings=readings)
        except SahelSimError as exc:  # e.g. an unknown perspective named by the scenario
            assert str(exc).strip()


# ---------------------------------------------------------------- the loader

@FUZZ
@given(st.text(max_size=300))
def test_arbitrary_text_loads_or_fails_cleanly(library: LibraryReadings, text: str) -> None:
    _simulates(_outcome(lambda: scenario_from_text(text, name="fuzz.yaml")), library)


@FUZZ
@given(yaml_data)
def test_arbitrary_yaml_data_loads_or_fails_cleanly(library: LibraryReadings, data: Any) -> None:
    _simulates(_outcome(lambda: scenario_from_text(_dump(data), name="fuzz.yaml")), library)


@settings(FUZZ, max_examples=300)
@given(scenario_like())
def test_scenario_shaped_data_loads_or_fails_cleanly_and_runs(library: LibraryReadings, data: dict[str, Any]) -> None:
    _simulates(_outcome(lambda: scenario_from_text(_dump(data), name="fuzz.yaml")), library)


@settings(FUZZ, max_examples=60)
@given(valid_scenarios())
def test_valid_scenarios_load_and_run(library: LibraryReadings, data: dict[str, Any]) -> None:
    """Real ids, every kind, dates at both ends of the calendar, cascades with long lags: the engine returns."""
    scenario = _outcome(lambda: scenario_from_text(_dump(data), name="fuzz.yaml"))
    _simulates(scenario, library)


@FUZZ
@given(st.binary(max_size=200))
def test_arbitrary_bytes_in_a_file_load_or_fail_cleanly(tmp_path_factory: pytest.TempPathFactory,
                                                       raw: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.yaml"
    path.write_bytes(raw)
    _outcome(lambda: load_scenario(path))


# ---------------------------------------------------------------- the command line

@settings(FUZZ, max_examples=60)
@given(st.one_of(st.text(max_size=200), scenario_like().map(_dump)))
def test_cli_validate_exits_0_or_2_without_traceback(tmp_path_factory: pytest.TempPathFactory,
                                                     capsys: pytest.CaptureFixture[str], text: str) -> None:
    from sahel_sim.cli import main

    path = tmp_path_factory.mktemp("cli") / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    code = main(["validate", str(path)])
    captured = capsys.readouterr()
    assert code in (0, 2), captured.err
    assert "Traceback" not in captured.err
    if code == 2:
        assert captured.err.startswith("sahel-sim: error: ")
