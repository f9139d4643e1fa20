"""The HTML annex in real headless Chromium (Debian's package), driven by Playwright.

Skipped when /usr/bin/chromium is missing, except in CI (CI=true), where .ci/run installs it.
"""

import os
import shutil
from urllib.parse import urlparse

import pytest

from pipeline.build import build_report

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
