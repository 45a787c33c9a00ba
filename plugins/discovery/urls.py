"""Where an output file is served: the one mapping used by the sitemap, the search index,
the publishing checks and the tests."""

from __future__ import annotations

import os


def url_path(relative: str) -> str:
    """The site-relative address of an output file: `a/index.html` → `/a/`, `index.html` → `/`."""
    relative = relative.replace(os.sep, "/")
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative
