"""The public surface: a sorted ``__all__`` of names that resolve, and a lightweight import."""

from __future__ import annotations

import subprocess
import sys

import pytest

import sahel_sim


def test_all_is_sorted_and_unique() -> None:
    """``__all__`` is sorted so diffs stay small and nothing is listed twice."""
    assert list(sahel_sim.__all__) == sorted(sahel_sim.__all__)
    assert len(set(sahel_sim.__all__)) == len(sahel_sim.__all__)


@pytest.mark.parametrize("name", sahel_sim.__all__)
def test_every_public_name_resolves(name: str) -> None:
    """Each advertised name is importable from the top-level package."""
    assert getattr(sahel_sim, name) is not None


def test_public_names_are_the_real_objects() -> None:
    """Lazy names are the very objects of their home modules."""
    from sahel_sim.api import simulate
    from sahel_sim.errors import SahelSimError, ScenarioError, UnknownEntityError
    from sahel_sim.scenario.load import load_scenario

    assert sahel_sim.simulate is simulate
    assert sahel_sim.load_scenario is load_scenario
    assert issubclass(sahel_sim.ScenarioError, sahel_sim.SahelSimError)
    assert (sahel_sim.SahelSimError, sahel_sim.ScenarioError, sahel_sim.UnknownEntityError) == \
        (SahelSimError, ScenarioError, UnknownEntityError)
    assert isinstance(sahel_sim.__version__, str) and sahel_sim.__version__
    assert sorted(dir(sahel_sim)) == sorted(sahel_sim.__all__)


def test_unknown_attribute_raises_attribute_error() -> None:
    """A typo in an attribute name is an AttributeError, as for any module."""
    with pytest.raises(AttributeError, match="simulat"):
        sahel_sim.simulat  # noqa: B018


def test_import_is_lightweight() -> None:
    """``import sahel_sim`` alone does not pull in Pydantic or NetworkX (fast --help)."""
    code = "import sahel_sim, sys; print('pydantic' in sys.modules, 'networkx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.split() == ["False", "False"]


def test_simulate_imports_heavy_modules_on_use() -> None:
    """Touching a lazy name does import its dependencies (the check above is not vacuous)."""
    code = "import sahel_sim, sys; sahel_sim.Scenario; print('pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.split() == ["True"]
