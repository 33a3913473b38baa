"""`sahel-sim serve`: its options, its address, and the hint when the web extra is missing."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request

import pytest

from sahel_sim.cli import Exit, main
from tests.web.conftest import SCENARIOS


@pytest.mark.parametrize(("argv", "needle"), [
    (["serve", "--port", "70000"], "not a port"),
    (["serve", "--runs", "0"], "from 1 to 64"),
    (["serve", "--timeout", "soon"], "number of seconds"),
    (["serve", "--scenarios", "/nonexistent-folder"], "not a folder"),
])
def test_bad_options_are_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str], needle: str) -> None:
    assert main(argv) == Exit.INPUT_ERROR
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_without_the_web_extra_it_says_what_to_install(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    assert main(["serve"]) == Exit.INPUT_ERROR
    assert "pip install 'sahel-sim[web]'" in capsys.readouterr().err


def test_it_listens_on_loopback_and_prints_its_address() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "sahel_sim", "serve", "--port", "0", "--scenarios", str(SCENARIOS)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        found = re.match(r"sahel-sim: serving on (http://127\.0\.0\.1:\d+/) \(API docs at /docs", line)
        assert found, line
        with urllib.request.urlopen(found.group(1) + "api/scenarios", timeout=30) as answer:
            ids = [s["id"] for s in json.load(answer)]
        assert "ecowas-intervention-niger-2023-10" in ids
    finally:
        proc.terminate()
        proc.wait(10)
    assert proc.returncode is not None
