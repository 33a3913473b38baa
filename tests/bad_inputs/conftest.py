"""Fixtures for the bad-input tests: default limits whatever the environment says."""

from __future__ import annotations

import pytest

from sahel_sim.scenario.yaml_source import ENVIRONMENT


@pytest.fixture(autouse=True)
def _default_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages quote the limits, so every test here starts from the defaults."""
    for var in ENVIRONMENT.values():
        monkeypatch.delenv(var, raising=False)
