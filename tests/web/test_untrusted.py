"""Requests are untrusted: no file named, bodies and time bounded, runs bounded, no traceback, nothing written."""

from __future__ import annotations

import asyncio
import builtins
import os
import re
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from sahel_sim.scenario.yaml_source import Limits, files_read
from sahel_sim.web import documents
from sahel_sim.web.app import STATIC, Settings, create_app
from sahel_sim.web.guards import Busy, RunSlots, TooSlow
from tests.web.conftest import NIGER, SCENARIOS

TEXT = (SCENARIOS / f"{NIGER}.yaml").read_text(encoding="utf-8")
SHIPPED_TREATY = Path(__file__).resolve().parents[2] / "sahel_sim" / "data" / "treaties"


@pytest.mark.parametrize("entry", ["../../etc/passwd.yaml", "/etc/passwd", str(next(SHIPPED_TREATY.glob("*.yaml")))])
def test_a_posted_scenario_may_not_name_files(client: Any, monkeypatch: pytest.MonkeyPatch, entry: str) -> None:
    import sahel_sim.library as library

    def no_read(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a treaty file was read")

    monkeypatch.setattr(library, "load_treaty_file", no_read)
    before = files_read()
    body = TEXT.replace("hypothetical: true", f"hypothetical: true\ntreaties: [{entry}]")
    line = body.splitlines().index(f"treaties: [{entry}]") + 1
    for path in ("/api/run", "/api/validate", "/api/compare", "/api/picture"):
        got = client.post(path, content=body)
        assert got.status_code == 422, path
        [problem] = got.json()["problems"]
        assert problem["field"] == "treaties[0]" and problem["line"] == line
        assert "may not name files" in problem["message"] and problem["hint"]
    assert files_read() == before, "nothing was read"


def test_an_inline_treaty_is_allowed(client: Any) -> None:
    treaty = (SHIPPED_TREATY / "liptako-gourma-charter.yaml").read_text(encoding="utf-8")
    inline = treaty.replace("id: liptako-gourma-charter", "id: my-charter", 1)
    indented = "\n".join("    " + line if line else line for line in inline.splitlines())
    body = TEXT.replace("hypothetical: true", "hypothetical: true\ntreaties:\n  -\n" + indented)
    got = client.post("/api/run", content=body)
    assert got.status_code == 200, got.text
    assert {o["obligor"] for o in got.json()["obligations"] if o["treaty"] == "my-charter"} >= {"MLI", "BFA"}


def test_posted_scenarios_have_the_file_limits() -> None:
    small = Limits(max_bytes=10_000, max_nodes=50)
    with TestClient(create_app(Settings(scenarios=SCENARIOS, limits=small))) as c:
        too_big = c.post("/api/run", content=b"x" * 10_001)
        assert too_big.status_code == 413
        assert "10,000 bytes" in too_big.json()["error"]
        declared = c.post("/api/run", content=b"{}", headers={"content-length": "99999999"})
        assert declared.status_code == 413
        many = c.post("/api/run", content=TEXT)
        assert many.status_code == 422
        assert "more than 50 YAML nodes" in many.json()["error"]


@pytest.mark.parametrize(("body", "needle"), [
    (b"", "empty"), (b"\xff\xfe\x00", "not UTF-8"), (b"scenario: [unclosed", "scenario:2:1: invalid YAML"),
    (b"!!python/object/apply:os.system [echo]", "scenario:1"),
])
def test_bad_bodies_are_clear_422s(client: Any, body: bytes, needle: str) -> None:
    got = client.post("/api/run", content=body)
    assert got.status_code == 422
    assert needle in got.json()["error"]
    assert "Traceback" not in got.text


@pytest.mark.parametrize(("url", "status", "needle"), [
    (f"/api/scenarios/{NIGER}/run?as_of=2023-02-30", 422, "not a valid date"),
    (f"/api/scenarios/{NIGER}/run?as_of=1066-10-14", 422, "out of range"),
    (f"/api/scenarios/{NIGER}/run?as_of=20230820", 422, "as_of"),
    (f"/api/scenarios/{NIGER}/run?cascade=51", 422, "cascade"),
    (f"/api/scenarios/{NIGER}/run?perspective=nope", 422, "unknown perspective 'nope'"),
    (f"/api/scenarios/{NIGER}/run?party=NIG", 422, "did you mean"),
    (f"/api/scenarios/{NIGER}/run?surprise=1", 422, "surprise"),
    (f"/api/scenarios/{NIGER}/explain", 422, "party"),
    (f"/api/scenarios/{NIGER}/timeline?from=2024-01-01&to=2023-01-01", 422, "before"),
    ("/api/scenarios/niger/run", 404, "unknown scenario 'niger'"),
    ("/api/scenarios/..%2F..%2Fetc%2Fpasswd/run", 404, "no such page"),
    ("/api/scenarios/..%2Fscenarios%2Fniger-coup-2023/run", 404, "no such page"),
    ("/api/scenarios/.hidden/run", 404, "unknown scenario"),
    ("/api/treaties/liptako", 404, "unknown treaty 'liptako'"),
])
def test_bad_questions_are_answered_clearly(client: Any, url: str, status: int, needle: str) -> None:
    got = client.get(url)
    assert got.status_code == status, got.text
    assert needle in got.json()["error"]


def test_an_unexpected_failure_is_a_bare_500(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> str:
        raise RuntimeError("secret detail in /srv/internal")

    monkeypatch.setattr(documents, "run_document", broken)
    with TestClient(create_app(Settings(scenarios=SCENARIOS)), raise_server_exceptions=False) as c:
        got = c.get(f"/api/scenarios/{NIGER}/run")
    assert got.status_code == 500
    assert got.json() == {"error": "internal error: the server failed on this request"}


def _blocking(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    release = threading.Event()

    def slow(*args: Any, **kwargs: Any) -> str:
        release.wait(5)
        return "{}\n"

    monkeypatch.setattr(documents, "run_document", slow)
    return release


def test_runs_are_bounded_busy_is_503_and_slow_is_504(monkeypatch: pytest.MonkeyPatch) -> None:
    release = _blocking(monkeypatch)
    app = create_app(Settings(scenarios=SCENARIOS, runs=1, timeout=0.3, wait=0.05))

    async def scenario() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            first = asyncio.create_task(c.get(f"/api/scenarios/{NIGER}/run"))
            await asyncio.sleep(0.1)
            second = await c.get(f"/api/scenarios/{NIGER}/run")
            slow = await first
            still_busy = await c.get(f"/api/scenarios/{NIGER}/run")  # the slow run still holds its slot
            release.set()
            await asyncio.sleep(0.2)
            again = await c.get(f"/api/scenarios/{NIGER}/run")
            return [second, slow, still_busy, again]

    second, slow, still_busy, again = asyncio.run(scenario())
    assert second.status_code == 503 and second.headers["retry-after"] == "2"
    assert "busy" in second.json()["error"]
    assert slow.status_code == 504 and "0.3 s" in slow.json()["error"]
    assert still_busy.status_code == 503
    assert again.status_code == 200


def test_run_slots_refuse_bad_settings() -> None:
    with pytest.raises(ValueError):
        RunSlots(0, timeout=1, wait=1)


def test_run_slots_raise_busy_and_too_slow() -> None:
    gate = threading.Event()
    slots = RunSlots(1, timeout=0.2, wait=0.01)

    async def go() -> tuple[Any, Any, Any]:
        first = asyncio.ensure_future(slots.call(lambda: gate.wait(2)))
        await asyncio.sleep(0.05)
        busy = await asyncio.gather(slots.call(lambda: 1), return_exceptions=True)
        slow = await asyncio.gather(first, return_exceptions=True)
        gate.set()
        await asyncio.sleep(0.05)
        return busy[0], slow[0], await slots.call(lambda: 7)

    busy, slow, done = asyncio.run(go())
    slots.close()
    assert isinstance(busy, Busy) and isinstance(slow, TooSlow) and done == 7


def test_cors_is_off_unless_asked() -> None:
    origin = {"origin": "http://elsewhere.example"}
    with TestClient(create_app(Settings(scenarios=SCENARIOS))) as c:
        assert "access-control-allow-origin" not in c.get("/api/scenarios", headers=origin).headers
    with TestClient(create_app(Settings(scenarios=SCENARIOS, cors=("http://elsewhere.example",)))) as c:
        assert c.get("/api/scenarios", headers=origin).headers["access-control-allow-origin"] == origin["origin"]


def test_no_endpoint_writes_to_disk(client: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    client.get(f"/api/scenarios/{NIGER}/picture")  # matplotlib's own caches are built before watching
    writes: list[str] = []
    real_open = builtins.open

    def watched_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(c in mode for c in "wax+"):
            writes.append(f"{file} ({mode})")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watched_open)
    monkeypatch.setattr(os, "replace", lambda *a: writes.append(f"replace {a}"))
    monkeypatch.chdir(tmp_path)
    base = f"/api/scenarios/{NIGER}"
    for url in ("/", "/docs", "/openapi.json", "/api/treaties", "/api/treaties/liptako-gourma-charter", "/api/schema",
                "/api/scenarios", base, f"{base}/run", f"{base}/compare", f"{base}/picture",
                f"{base}/explain?party=MLI&limit=1&treaty=liptako-gourma-charter", f"{base}/timeline?from=2023-01-01&to=2023-12-31&format=svg"):
        assert client.get(url).status_code == 200, url
    for url in ("/api/validate", "/api/run", "/api/compare", "/api/picture", "/api/explain?party=BFA&limit=1&treaty=liptako-gourma-charter",
                "/api/timeline?from=2023-01-01&to=2023-12-31"):
        assert client.post(url, content=TEXT).status_code == 200, url
    assert writes == []
    assert list(tmp_path.iterdir()) == []


def test_the_page_loads_nothing_from_elsewhere(client: Any) -> None:
    page = client.get("/")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    for path in sorted(STATIC.iterdir()):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.I), path.name
        assert client.get(f"/static/{path.name}").status_code == 200
    docs = client.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in docs and "cdn" not in docs
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200


def test_the_page_speaks_the_report_status_vocabulary() -> None:
    from sahel_sim.report.status import ORDER

    js = (STATIC / "findings.js").read_text(encoding="utf-8")
    order = re.search(r"const STATUS_ORDER = \[([^\]]*)\]", js)
    assert order is not None
    assert tuple(re.findall(r'"([a-z_]+)"', order.group(1))) == ORDER
    words = (STATIC / "i18n.js").read_text(encoding="utf-8")
    for status in ORDER:
        assert len(re.findall(rf"[\s,{{]{status}:", words)) == 2, f"{status} has an English and a French label"


def test_sentences_are_translated_as_the_command_line_does(client: Any) -> None:
    from sahel_sim.report.i18n import tr, use

    sentences = ["NER is a party to the Liptako-Gourma Charter on 2023-10-01 (member of AES since 2023-09-16)",
                 "Bound", "a sentence no catalog knows"]
    got = client.post("/api/translate?lang=fr", json=sentences)
    assert got.status_code == 200
    use("fr")
    try:
        assert got.json() == [tr(s) for s in sentences]
    finally:
        use(None)
    assert got.json()[0].startswith("NER est partie") and got.json()[2] == sentences[2]
    assert client.post("/api/translate?lang=en", json=sentences).json() == sentences


@pytest.mark.parametrize(("url", "body", "needle"), [
    ("/api/translate?lang=de", ["Bound"], "lang"),
    ("/api/translate", ["x"] * 5001, "at most 5000"),
    ("/api/translate", ["x" * 2001], "at most 2000"),
    ("/api/translate", {"not": "a list"}, "body"),
])
def test_translation_requests_are_bounded(client: Any, url: str, body: Any, needle: str) -> None:
    got = client.post(url, json=body)
    assert got.status_code == 422
    assert needle in got.json()["error"]
