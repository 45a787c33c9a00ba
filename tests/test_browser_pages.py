"""Every page of the built site in headless Chromium: accessibility, privacy, robustness.

Per page: axe-core (WCAG 2.1 A/AA) with no violation, requests to the local server
only, no console or page error, no failed load, no cookie or web storage, lang="fr" (or "en"
for ENGLISH_PAGES),
no horizontal scrolling at 320 px, and a <main> with text without JavaScript.
The harness's own tests at the end prove each check fails on a page that breaks it.
"""

from __future__ import annotations

import re

import pytest

from browser import PageReport, StaticServer, inspect_page
from site_files import params, require_file, url_path

pytestmark = pytest.mark.browser

# The `browser` and `site_server` fixtures are in conftest.py: one Chromium for every test file
# (Playwright's sync API cannot run twice at once in a process).


# The site is in French; these pages are in English (and must say so on <html>).
ENGLISH_PAGES = {"embed/chronologie/en/index.html"}


@pytest.fixture(scope="session")
def reports(browser, site_server):
    """Each page is loaded and checked once; every test reads its part of the report."""
    cache: dict[str, PageReport | Exception] = {}

    def get(relative: str) -> PageReport:
        if relative not in cache:
            try:
                cache[relative] = inspect_page(browser, site_server.url(url_path(relative)),
                                               site_server.origin,
                                               lang="en" if relative in ENGLISH_PAGES else "fr")
            except Exception as exc:  # noqa: BLE001 - every test of the page reports it
                cache[relative] = exc
        if isinstance(cache[relative], Exception):
            raise cache[relative]
        return cache[relative]

    return get


@pytest.fixture
def report(request, reports) -> PageReport:
    return reports(require_file(request.param))


def pytest_generate_tests(metafunc):
    if "report" in metafunc.fixturenames:
        metafunc.parametrize("report", params("html"), indirect=True)


def listing(problems: list[str]) -> str:
    return "\n".join(f"  - {problem}" for problem in problems)


def test_axe_wcag21aa(report):
    assert report.axe == [], f"axe-core violations on {report.url}:\n{listing(report.axe)}"


def test_requests_stay_on_local_origin(report):
    assert report.foreign == [], f"requests leaving the site from {report.url}:\n{listing(report.foreign)}"


def test_no_console_page_or_load_errors(report):
    assert report.errors == [], f"errors on {report.url}:\n{listing(report.errors)}"


def test_no_cookies_or_storage(report):
    assert report.storage == [], f"stored on the visitor's device by {report.url}:\n{listing(report.storage)}"


def test_lang_is_french(report):
    assert report.lang == [], f"{report.url}: {report.lang}"


def test_no_horizontal_overflow_at_320px(report):
    assert report.overflow == [], f"{report.url}:\n{listing(report.overflow)}"


def test_main_has_text_without_javascript(report):
    assert report.no_js == [], f"{report.url} without JavaScript:\n{listing(report.no_js)}"


# --- The harness's own tests: each check must be able to fail ------------------------

BAD_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Bad page</title>
<script src="https://example.org/x.js"></script>
<link rel="stylesheet" href="https://fonts.example.net/font.css">
</head>
<body>
<main></main>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<img src="missing.png" alt="absent">
<div style="width: 1000px">wide</div>
<script>
document.cookie = "tracker=1; path=/";
localStorage.setItem("seen", "1");
sessionStorage.setItem("visit", "1");
indexedDB.open("stats");
caches.open("offline");
document.querySelector("main").textContent = "Filled by JavaScript";
console.error("boom");
throw new Error("kaboom");
</script>
</body>
</html>
"""

GOOD_PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bonne page</title>
<link rel="stylesheet" href="style.css">
<link rel="icon" href="data:,">
</head>
<body>
<main><h1>Bonjour</h1><p>Un texte lisible sans JavaScript.</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Point"></main>
</body>
</html>
"""


@pytest.fixture(scope="module")
def synthetic(browser, tmp_path_factory):
    """Inspect the synthetic bad and good pages, served from a temp dir (not the site)."""
    root = tmp_path_factory.mktemp("synthetic")
    (root / "bad.html").write_text(BAD_PAGE, encoding="utf-8")
    (root / "good.html").write_text(GOOD_PAGE, encoding="utf-8")
    (root / "style.css").write_text("body { margin: 0 1rem; }\n", encoding="utf-8")
    with StaticServer(root) as server:
        yield {name: inspect_page(browser, server.url(f"/{name}.html"), server.origin)
               for name in ("bad", "good")} | {"origin": server.origin}


def test_harness_detects_axe_violation(synthetic):
    ids = [problem.split(" ")[0] for problem in synthetic["bad"].axe]
    assert "image-alt" in ids, synthetic["bad"].axe


def test_harness_detects_foreign_requests(synthetic):
    assert sorted(synthetic["bad"].foreign) == ["https://example.org/x.js", "https://fonts.example.net/font.css"]


def test_harness_detects_errors(synthetic):
    errors = "\n".join(synthetic["bad"].errors)
    assert "console error: boom" in errors
    assert "kaboom" in errors
    assert f"HTTP 404 {synthetic['origin']}/missing.png" in errors


def test_harness_detects_cookie_and_storage(synthetic):
    storage = synthetic["bad"].storage
    assert any(problem.startswith("cookie tracker=") for problem in storage), storage
    assert any(problem.startswith("localStorage.length == 1") for problem in storage), storage
    assert any(problem.startswith("sessionStorage.length == 1") for problem in storage), storage
    assert any(problem.startswith("IndexedDB databases: ['stats']") for problem in storage), storage
    assert any(problem.startswith("Cache Storage: ['offline']") for problem in storage), storage


def test_harness_detects_wrong_lang(synthetic):
    assert synthetic["bad"].lang == ["document.documentElement.lang == 'en', expected 'fr'"]


def test_harness_detects_overflow(synthetic):
    overflow = synthetic["bad"].overflow
    assert len(overflow) == 1 and re.search(r"scrollWidth == 10\d\d > 320 ", overflow[0]), overflow
    assert "div (right edge" in overflow[0], overflow


def test_harness_detects_main_empty_without_javascript(synthetic):
    assert synthetic["bad"].no_js == ["<main> has no visible text"]


def test_harness_passes_clean_page(synthetic):
    good = synthetic["good"]
    problems = good.axe + good.foreign + good.errors + good.storage + good.lang + good.overflow + good.no_js
    assert problems == []
    assert f"{synthetic['origin']}/style.css" in good.requests
