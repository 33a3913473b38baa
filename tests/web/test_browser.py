"""The page in a real browser: Debian's headless Chromium driven by Playwright, against `sahel-sim serve`.

No browser is downloaded: Playwright drives /usr/bin/chromium.  Outside CI
the tests skip, saying why, when Chromium or Playwright is absent; under
``CI=true`` they must run (``.ci/run`` installs Chromium), so a missing
browser fails instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.web.conftest import NIGER, SCENARIOS

pytestmark = pytest.mark.browser

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CHARTER = "liptako-gourma-charter"


def _chromium() -> str:
    """The path of Debian's Chromium, or skip (fail under CI) with the reason."""
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    reason = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "Playwright is not installed (pip install '.[test]')"
    if found is None:
        reason = "Chromium is not installed (apt-get install chromium)"
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run under CI: {reason}")
        pytest.skip(reason)
    assert found is not None
    return found


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``sahel-sim serve`` on a free loopback port; its printed address."""
    _chromium()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "sahel_sim", "serve", "--port", "0", "--scenarios", str(SCENARIOS)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, f"the server did not print its address: {line!r}"
        yield found.group(0)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a hung server
            proc.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    path = _chromium()
    with tempfile.TemporaryDirectory(prefix="sahel-sim-chromium-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(profile, executable_path=path, args=FLAGS, headless=True,
                                                       viewport={"width": 1200, "height": 900}, locale="en-GB")
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "") else errors.append(
        f"request failed: {r.url} ({r.failure})"))
    tab.on("request", lambda r: None if r.url.startswith((server, "data:", "blob:")) else errors.append(r.url))
    yield tab
    tab.close()
    assert errors == [], "the page failed, or asked for something outside the server"


def _open(page: Any, server: str, fragment: str = "") -> None:
    page.goto(server + fragment)
    page.wait_for_selector("body[data-ready=true]", timeout=60_000)
    page.wait_for_selector("#answer:not([hidden])", timeout=60_000)


def _cards(page: Any, status: str, treaty: str) -> list[str]:
    """The parties shown under ``status`` for ``treaty``."""
    cards = page.locator(f"section.group[data-status={status}] details.finding[data-treaty={treaty}]")
    return sorted(p for i in range(cards.count()) for p in cards.nth(i).get_attribute("data-party").split())


def _wait_for_answer(page: Any, date: str) -> None:
    """Wait until the last question asked is answered, for events on ``date``."""
    page.wait_for_function("d => document.body.dataset.busy === 'false' && "
                           "document.getElementById('event-line').textContent.includes(d)", arg=date, timeout=60_000)


def _edit(page: Any, server: str, old: str, new: str) -> str:
    """Open the page, replace ``old`` by ``new`` in the editor, and leave it (as a person tabbing away would)."""
    _open(page, server)
    page.click("#editor-box summary")
    text = page.locator("#source").input_value().replace(old, new)
    page.fill("#source", text)
    page.dispatch_event("#source", "change")
    return text


def test_the_niger_scenario_shows_mali_and_burkina_bound_with_reasons(page: Any, server: str) -> None:
    _open(page, server)
    assert page.locator("#scenario").input_value() == NIGER
    assert page.locator("h1").text_content() == "Who is bound to respond?"
    bound = _cards(page, "bound", CHARTER)
    assert "MLI" in bound and "BFA" in bound
    mali = page.locator(f"section.group[data-status=bound] details.finding[data-treaty={CHARTER}][data-party=MLI]")
    assert mali.get_attribute("data-article") == "6"
    assert not mali.locator(".reasons").is_visible(), "reasons unfold on demand"
    mali.locator("summary").click()
    assert mali.locator(".reasons li.holds").first.is_visible()
    assert "Art. 6" in mali.locator("summary").text_content()
    assert "Toute atteinte à la souveraineté" in mali.locator(".clause blockquote").first.text_content()
    assert mali.locator(".clause blockquote").first.get_attribute("lang") == "fr"
    doc = page.evaluate(f"fetch('/api/scenarios/{NIGER}/run').then(r => r.json())")
    [finding] = [o for o in doc["obligations"] if o["obligor"] == "MLI" and o["treaty"] == CHARTER]
    assert mali.locator(".badge.contested").count() == int(finding["contested"])
    assert mali.locator(".reading").count() == len(finding["readings"])
    for shown, reading in zip(mali.locator(".reading").all_text_contents(), finding["readings"]):
        assert reading["label"] in shown and reading["disputes"] in shown
    assert "NGA" in _cards(page, "in_breach", "ecowas-non-aggression-1978"), "breaches come from the run's own list"
    assert page.locator("section.group").first.get_attribute("data-status") == "in_breach", "breaches first"


def test_moving_the_date_before_the_charter_frees_them(page: Any, server: str) -> None:
    _open(page, server)
    page.fill("#as-of", "2023-08-20")
    page.dispatch_event("#as-of", "change")
    _wait_for_answer(page, "2023-08-20")
    assert _cards(page, "bound", CHARTER) == []
    not_bound = _cards(page, "not_bound", CHARTER)
    assert "MLI" in not_bound and "BFA" in not_bound
    reason = page.locator(f"section.group[data-status=not_bound] details.finding[data-treaty={CHARTER}] .why").first
    assert "in force" in reason.text_content()
    assert "as_of=2023-08-20" in page.url


def test_the_link_reopens_the_same_question(page: Any, server: str) -> None:
    _open(page, server)
    page.fill("#as-of", "2023-08-20")
    page.dispatch_event("#as-of", "change")
    page.select_option("#party", "TCD")
    page.wait_for_function("() => location.hash.includes('party=TCD')")
    _wait_for_answer(page, "2023-08-20")
    link = page.locator("#permalink").get_attribute("href")
    page.goto("about:blank")
    _open(page, server, link.removeprefix("/"))
    assert page.locator("#as-of").input_value() == "2023-08-20"
    assert page.locator("#party").input_value() == "TCD"
    assert "MLI" in _cards(page, "not_bound", CHARTER)


def test_an_invalid_scenario_shows_its_error_at_its_line(page: Any, server: str) -> None:
    broken = _edit(page, server, "target: NER", "target: NIG")
    line = broken.splitlines().index("    target: NIG") + 1
    page.wait_for_selector("#problems li", timeout=30_000)
    problem = page.locator("#problems li").first
    assert problem.get_attribute("data-line") == str(line)
    assert f"line {line}" in problem.text_content() and "events[0].target" in problem.text_content()
    assert "did you mean NER" in problem.text_content()
    assert page.locator(f"#gutter span[data-line='{line}']").get_attribute("class") == "error"
    assert page.locator("#gutter span.error").count() == 1
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if "/api/validate" in request.url else None)
    problem.click()
    caret = page.evaluate("document.getElementById('source').selectionStart")
    assert broken[:caret].count("\n") == line - 1, "clicking the problem goes to its line"
    page.wait_for_timeout(300)
    assert asked == [], "leaving the box for a problem does not check the same text again (it would rebuild the list)"


def test_a_scenario_naming_a_file_is_refused_at_its_line(page: Any, server: str) -> None:
    _edit(page, server, "hypothetical: true", "hypothetical: true\ntreaties: [../../etc/passwd.yaml]")
    page.wait_for_selector("#problems li", timeout=30_000)
    assert "treaties[0]" in page.locator("#problems li").first.text_content()
    assert page.locator("#gutter span.error").get_attribute("data-line") == "8"


def test_an_edited_scenario_is_answered(page: Any, server: str) -> None:
    _edit(page, server, "date: 2023-10-01", "date: 2025-03-01")
    _wait_for_answer(page, "2025-03-01")
    assert page.locator("#edited").is_visible()
    assert "MLI" in _cards(page, "bound", CHARTER)
    assert "text=" in page.url, "the link carries the edited text"


def test_the_french_page(page: Any, server: str) -> None:
    _open(page, server)
    page.click("#lang-fr")
    page.wait_for_function("() => document.querySelector('section.group[data-status=bound] h3')"
                           ".textContent.startsWith(\"Tenus d'agir\")", timeout=30_000)
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").text_content() == "Qui est tenu d'intervenir ?"
    assert page.locator("section.group[data-status=bound] h3").text_content().startswith("Tenus d'agir")
    assert "lang=fr" in page.url
    mali = page.locator(f"section.group[data-status=bound] details.finding[data-treaty={CHARTER}][data-party=MLI]")
    mali.locator("summary").click()
    page.wait_for_function("() => document.querySelector('.finding .facts li') !== null")
    facts = mali.locator(".facts").first.text_content()
    assert "MLI est partie au traité « Charte du Liptako-Gourma »" in facts, "the reasons are in French too"
    page.click("#lang-en")
    page.wait_for_function("() => document.querySelector('section.group[data-status=bound] h3')"
                           ".textContent.startsWith('Bound')", timeout=30_000)
    mali = page.locator(f"section.group[data-status=bound] details.finding[data-treaty={CHARTER}][data-party=MLI]")
    mali.locator("summary").click()
    assert "MLI is a party to the Liptako-Gourma Charter" in mali.locator(".facts").first.text_content()
    page.goto("about:blank")
    _open(page, server, f"#scenario={NIGER}&lang=fr")
    assert page.locator("#run").text_content() == "Voir qui est tenu"


def test_readings_compared_and_pictures_drawn(page: Any, server: str) -> None:
    _open(page, server)
    page.click("#compare-box summary")
    page.wait_for_selector("#compare tbody tr", timeout=60_000)
    header = page.locator("#compare thead").text_content()
    assert "aes" in header and "ecowas" in header and "literal" in header
    page.click("#picture-box summary")
    page.wait_for_function("() => document.getElementById('picture').naturalWidth > 0", timeout=60_000)
    page.click("#timeline-box summary")
    page.wait_for_selector("#timeline-steps li", timeout=60_000)
    assert "2023-09-16" in page.locator("#timeline-steps").text_content(), "the Charter's signature is a step"
    steps = page.locator("#timeline-steps").text_content()
    assert "BFA, MLI → NER liptako-gourma-charter Art. 6" in steps and "Art. Art." not in steps
    clauses = page.locator("#compare tbody").text_content()
    assert "liptako-gourma-charter Art. 6" in clauses and "Art. Art." not in clauses
    assert "BFA, MLI → NER" in clauses  # alike but for the obligor: one row


def test_picking_another_scenario_answers_it(page: Any, server: str) -> None:
    _open(page, server)
    page.select_option("#scenario", "nato-armed-attack-on-estonia-2025")
    page.wait_for_function("() => location.hash.includes('nato-armed-attack-on-estonia-2025')")
    page.wait_for_function("() => document.body.dataset.busy === 'false' && "
                           "document.getElementById('answer-title').textContent.includes('Estonia')", timeout=60_000)
    assert page.locator("section.group[data-status=must_consult] details.finding").count() > 0
    assert "Art. 4" in page.locator("section.group[data-status=must_consult]").text_content()
    assert page.locator("#as-of").input_value() == "", "a new scenario starts from its own dates"
