"""The built site's files, known at collection time so tests can be parametrized per page.

Collection needs the page list before any fixture runs, so it reads the output of
conftest.office_build(), the same cached build that the `built_site` fixture returns.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from plugins.discovery.urls import url_path  # noqa: F401  (re-exported for the browser tests)

from conftest import office_build


@dataclass(frozen=True)
class SiteFiles:
    html: tuple[str, ...]  # POSIX paths relative to the output root
    css: tuple[str, ...]
    error: str | None = None  # why the collection build failed


@functools.cache
def site_files() -> SiteFiles:
    result = office_build()
    output = Path(result.output)
    if not result.ok:
        return SiteFiles((), (), "\n".join(map(str, result.problems)))

    def listing(pattern: str) -> tuple[str, ...]:
        return tuple(sorted(p.relative_to(output).as_posix() for p in output.rglob(pattern)))

    return SiteFiles(listing("*.html"), listing("*.css"))



def params(kind: str) -> list:
    """pytest params for the site's `html` or `css` files, ids being their URL paths.

    If the collection build fails, a single `build-failed` param carries the reason,
    so the failure shows instead of an empty (skipped) parameter set.
    """
    import pytest

    files = site_files()
    if files.error is not None:
        return [pytest.param(None, id="build-failed")]
    return [pytest.param(relative, id=url_path(relative)) for relative in getattr(files, kind)]


def require_file(relative: str | None) -> str:
    """The param itself, or a failure naming why the collection build gave none."""
    import pytest

    if relative is None:
        pytest.fail(f"the demo site does not build:\n{site_files().error}", pytrace=False)
    return relative
