"""Shared fixtures for the web server: an application on the shipped scenarios, and the command line to compare."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import warnings

import pytest

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
pytest.importorskip("fastapi", reason="the web extra is not installed: pip install '.[web]'")

from fastapi.testclient import TestClient  # noqa: E402

from sahel_sim.cli import Exit, main  # noqa: E402
from sahel_sim.web.app import Settings, create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
NIGER = "ecowas-intervention-niger-2023-10"


@pytest.fixture(scope="module")
def client() -> Any:
    with TestClient(create_app(Settings(scenarios=SCENARIOS))) as c:
        yield c


def cli_out(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """What ``sahel-sim ARGV`` prints, run in-process; it must succeed."""
    capsys.readouterr()
    assert main(list(argv)) == Exit.OK
    return capsys.readouterr().out
