"""Shared fixtures: strict in-process builds of the demo site or of a modified copy."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))

from site_build import BuildResult, build  # noqa: E402

# Tests expect the demo site as of a fixed day, so date-driven states are stable.
FIXED_EPOCH = "1782864000"  # 2026-07-01T00:00:00Z


class SiteCopy:
    """A copy of content/ and data/ in a temp dir, to break on purpose and build."""

    def __init__(self, base: Path):
        self.base = base
        shutil.copytree(ROOT / "content", base / "content")
        shutil.copytree(ROOT / "data", base / "data")
        self.output = base / "output"

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.base / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def build(self, settings: str = "pelicanconf.py", **overrides) -> BuildResult:
        overrides = {"PATH": str(self.base / "content"), "DATA_PATH": str(self.base / "data"), **overrides}
        return build(str(ROOT / settings), str(self.output), overrides)


@pytest.fixture
def site(tmp_path, monkeypatch) -> SiteCopy:
    """A fresh copy of the demo site; problems are reported relative to its root."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    copy = SiteCopy(tmp_path)
    monkeypatch.chdir(tmp_path)
    return copy


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The demo site, built once for the session with the local settings."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    output = tmp_path_factory.mktemp("site") / "output"
    result = build(str(ROOT / "pelicanconf.py"), str(output))
    assert result.problems == [], "\n".join(map(str, result.problems))
    return output


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))
