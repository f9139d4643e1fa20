"""The HTML annex in real headless Chromium (Debian's package), driven by Playwright, and checked by two
independent validators: axe-core (WCAG 2.1 AA and best practice, at desktop and phone width) and the Nu HTML
Checker (vnu-jar). Both come from npm (package.json; `npm ci` installs them into node_modules/).

Skipped when /usr/bin/chromium is missing, except in CI (CI=true), where .ci/run installs it, Java and the
validators.
"""

import json
import os
import shutil
import subprocess
from urllib.parse import urlparse

import pytest

from pipeline.build import build_report
from pipeline.config import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]

if not os.path.exists(CHROMIUM) and os.environ.get("CI") != "true":
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return build_report(2024, out=tmp_path_factory.mktemp("browser") / "2024")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page_session(browser, report):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors, requests = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto((report / "report.html").as_uri())
    page.wait_for_load_state("load")
    yield page, errors, requests
    page.close()


def test_no_console_errors_and_no_request_leaves_the_file(page_session, report):
    page, errors, requests = page_session
    assert errors == []
    outside = [url for url in requests if urlparse(url).scheme not in ("file", "data")]
    assert outside == [], outside


def test_every_toc_anchor_resolves(page_session):
    page, _, _ = page_session
    anchors = page.eval_on_selector_all("nav.toc a", "links => links.map(a => a.getAttribute('href'))")
    assert len(anchors) >= 10
    for anchor in anchors:
        assert page.locator(anchor).count() == 1, anchor


def test_the_action_list_filter_shows_the_matching_rows(page_session, report):
    page, _, _ = page_session
    rows = page.locator("#actielijst tbody tr")
    total = rows.count()
    expected = page.eval_on_selector_all("#actielijst tbody tr",
                                         "rows => rows.filter(r => r.dataset.thema === 'open_data').length")
    assert 0 < expected < total
    page.select_option("select[name=thema]", "open_data")
    assert page.locator("#actielijst tbody tr:not([hidden])").count() == expected
    assert page.inner_text("#actielijst-teller").startswith(f"{expected} van {total}")
    page.fill("input[name=zoek]", "INSPIRE")
    assert page.locator("#actielijst tbody tr:not([hidden])").count() == 0
    page.fill("input[name=zoek]", "")
    page.select_option("select[name=thema]", "")
    assert page.locator("#actielijst tbody tr:not([hidden])").count() == total


def test_screenshot(page_session, tmp_path):
    page, _, _ = page_session
    target = tmp_path / "report.png"
    page.screenshot(path=str(target), full_page=False)
    assert target.stat().st_size > 10_000


def test_readable_without_javascript(browser, report):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((report / "report.html").as_uri())
    assert page.locator("#actielijst tbody tr:not([hidden])").count() > 200
    assert not page.locator("#actielijst-filters").is_visible()
    assert page.locator("h2.chapter").count() >= 12
    context.close()


def validators_present(*paths) -> None:
    missing = [p.name for p in paths if not p.exists()]
    if missing and os.environ.get("CI") != "true":
        pytest.skip(f"{', '.join(missing)} not installed: run `npm ci` in the project folder")
    assert not missing, f"{missing} missing in CI: .ci/run runs `npm ci`"


@pytest.mark.parametrize("width", [1366, 390])
def test_axe_finds_no_wcag_violation_at_desktop_and_phone_width(browser, report, width):
    validators_present(AXE)
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto((report / "report.html").as_uri())
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: tags})", WCAG)
    page.close()
    found = {v["id"]: [n["target"] for n in v["nodes"]][:3] for v in result["violations"]}
    assert found == {}
    assert len(result["passes"]) > 20  # the rules did run


def test_the_nu_html_checker_finds_no_error_and_no_warning(report):
    validators_present(VNU)
    if not shutil.which("java"):
        if os.environ.get("CI") != "true":
            pytest.skip("the Nu HTML Checker needs Java (apt-get install default-jre-headless)")
        pytest.fail("the Nu HTML Checker needs Java in CI: .ci/run installs default-jre-headless")
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", str(report / "report.html")],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    problems = [m["message"] for m in messages if m["type"] == "error" or m.get("subType") == "warning"]
    assert problems == []
