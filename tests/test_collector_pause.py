"""The cyclic collector is paused while a whole value is built, and given back as it was found."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any, Iterator

import pytest

from sahel_sim.collector import paused

NIGER = Path(__file__).resolve().parents[1] / "scenarios" / "ecowas-intervention-niger-2023-10.yaml"


@pytest.fixture
def collecting() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_turns_it_off_for_the_block_and_back_on_after(collecting: None) -> None:
    with paused():
        assert not gc.isenabled()
        with paused():  # a pause inside a pause
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause found it off and left it off
    assert gc.isenabled()


def test_paused_turns_it_back_on_after_an_error(collecting: None) -> None:
    with pytest.raises(ValueError), paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_paused_leaves_it_off_when_the_caller_turned_it_off(collecting: None) -> None:
    gc.disable()
    with paused():
        pass
    assert not gc.isenabled()


def test_a_decorated_function_is_paused_on_each_call(collecting: None) -> None:
    seen = []

    @paused()
    def build() -> None:
        seen.append(gc.isenabled())

    build()
    build()
    assert seen == [False, False] and gc.isenabled()


def test_loading_compiling_and_judging_run_paused_and_give_it_back(collecting: None,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import sahel_sim.engine.run as run
    import sahel_sim.graph.compiled as compiled
    from sahel_sim import load_scenario, simulate

    seen: dict[str, list[bool]] = {"graph": [], "event": []}

    def spy(name: str, real: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            seen[name].append(gc.isenabled())
            return real(*args, **kwargs)
        return call

    monkeypatch.setattr(compiled, "build_graph", spy("graph", compiled.build_graph))
    monkeypatch.setattr(run, "evaluate_event", spy("event", run.evaluate_event))
    scenario = load_scenario(NIGER)
    assert gc.isenabled()
    compiled.compile_world(scenario.world)
    assert seen["graph"] == [False] and gc.isenabled()
    result = run.run_events(scenario.compiled, scenario.events)
    assert seen["event"] == [False] * len(scenario.events) and gc.isenabled()
    judged = simulate(scenario)  # the readings marked besides: the same parties bound
    assert [o.key() for o in judged.events[0].obligations] == [o.key() for o in result.events[0].obligations]
    assert gc.isenabled()
