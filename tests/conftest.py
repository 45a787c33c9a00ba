"""Shared fixtures: strict in-process builds of the tests' own site (tests/sites/office) or of a
modified copy of it. No test reads the office's content/, data/ or settings: they change with it."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from site_build import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"
OFFICE_SITE = SITES / "office"  # a whole site: content, data and its settings files
SETTINGS_FILES = ("pelicanconf.py", "publishconf.py")

# Property tests are derandomized in the test command, so a run is reproducible and CI never
# fails by luck; HYPOTHESIS_PROFILE=explore searches new random examples, many more of them.
hypothesis_settings.register_profile("default", derandomize=True, database=None, deadline=None,
                                     suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.register_profile("explore", max_examples=2000, deadline=None,
                                     suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Tests expect their site as of a fixed day, so date-driven states are stable.
FIXED_EPOCH = "1782864000"  # 2026-07-01T00:00:00Z


class SiteCopy:
    """A copy of a fixture site (content/, data/ and its settings files) in a temp dir, to break
    on purpose and build."""

    def __init__(self, base: Path, source: Path = OFFICE_SITE):
        self.base = base
        shutil.copytree(source / "content", base / "content")
        shutil.copytree(source / "data", base / "data")
        for name in SETTINGS_FILES:
            if (source / name).exists():
                shutil.copy(source / name, base / name)
        self.output = base / "output"

    @property
    def settings(self) -> Path:
        return self.base / "pelicanconf.py"

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.base / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def build(self, settings: str = "pelicanconf.py", **overrides) -> BuildResult:
        return build(str(self.base / settings), str(self.output), overrides)


def accept_all_excerpts(out_dir: Path | str) -> None:
    """Every excerpt waiting in the review queue of the feedback, read and accepted, as a person does with
    `python3 manage.py review-feedback` (plugins/consultation/review.py, tested in test_feedback_review.py)."""
    from plugins.consultation import review

    entries, problems = review.read_queue(str(out_dir))
    assert problems == []
    for entry in entries:
        entry.status = review.ACCEPTED
    assert review.apply_reviews(str(out_dir), 1_000_000, entries)[1] == []


def copy_project(target: Path, source: Path = OFFICE_SITE) -> Path:
    """A project folder as an office has it: a fixture site's content, data and settings files, with
    the repository's tasks.py and .gitignore. The engine (core, plugins, site_build, publishing,
    theme) is the installed one, as for any office."""
    SiteCopy(target, source)
    for name in ("tasks.py", ".gitignore"):
        shutil.copy(ROOT / name, target / name)
    return target


@pytest.fixture
def site(tmp_path, monkeypatch) -> SiteCopy:
    """A fresh copy of the tests' site, the working directory: problems are reported relative to it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    copy = SiteCopy(tmp_path)
    monkeypatch.chdir(tmp_path)
    return copy


@functools.cache
def office_build() -> BuildResult:
    """The tests' site, built once per test process with its local settings and the fixed date.

    Cached at module level (not a fixture) because collection already needs the page
    list to parametrize the per-page tests (see site_files.py).
    """
    tmp = tempfile.mkdtemp(prefix="lvas-office-")
    atexit.register(shutil.rmtree, tmp, True)
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_EPOCH
    try:
        return build(str(OFFICE_SITE / "pelicanconf.py"), os.path.join(tmp, "output"))
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The tests' site's output directory."""
    result = office_build()
    assert result.problems == [], "\n".join(map(str, result.problems))
    return Path(result.output)


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


@pytest.fixture(scope="session")
def site_server(built_site):
    """The built site over HTTP on 127.0.0.1, on a free port."""
    from browser import StaticServer

    with StaticServer(built_site) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium, shared by all browser tests; skipped without one, unless
    REQUIRE_BROWSER=1 (CI). Shared because Playwright's sync API runs once per process."""
    from playwright.sync_api import sync_playwright

    from browser import launch_chromium

    with sync_playwright() as playwright:
        launched, notes = launch_chromium(playwright)
        if launched is None:
            reason = "no headless Chromium could be launched: " + "; ".join(notes)
            if os.environ.get("REQUIRE_BROWSER") == "1":
                pytest.fail(reason + " (REQUIRE_BROWSER=1)", pytrace=False)
            pytest.skip(reason + " (set CHROMIUM_PATH, or install Debian's chromium)")
        yield launched
        launched.close()


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """A fresh working directory: problems and reports name files relative to it, as the tasks print them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def registered_feedback(monkeypatch):
    """The data layer knows only data/feedback/ (as if only the consultation plugin were loaded)."""
    from plugins.consultation.feedback_data import FEEDBACK_SCHEMA, check_feedback
    from plugins.site_data.registry import DataFile

    monkeypatch.setattr("plugins.site_data.registry.DATA_FILES", {"feedback": DataFile(
        "feedback", FEEDBACK_SCHEMA, check=check_feedback, directory=True, required=False)})
