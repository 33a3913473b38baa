"""Shared by the picture tests: matplotlib, headless, when the plot extra is installed."""

from __future__ import annotations

import importlib
import os

import pytest


def require(module: str):
    """Import an optional extra: missing is a failure on CI, a skip elsewhere."""
    if os.environ.get("CI"):
        return importlib.import_module(module)
    return pytest.importorskip(module)


@pytest.fixture(scope="module")
def plt():
    """``matplotlib.pyplot`` on the Agg backend; every figure a module opened is closed after it."""
    require("matplotlib")
    from sahel_sim.report.plots import pyplot

    plt = pyplot()
    yield plt
    plt.close("all")
