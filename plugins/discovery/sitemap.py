"""sitemap.xml and robots.txt from the written output (absolute URLs, deterministic order)."""

from __future__ import annotations

import os
import re
from xml.sax.saxutils import escape

from .urls import url_path

_NOINDEX = re.compile(r"<meta\s+name=\"robots\"\s+content=\"[^\"]*noindex", re.IGNORECASE)


def canonical_url(public_siteurl: str, output_file: str) -> str:
    """`diagnostic/x/index.html` → `https://…/diagnostic/x/`."""
    return public_siteurl + url_path(output_file)


def indexable_pages(output_path: str) -> list[str]:
    """Output-relative paths of the HTML pages meant for search engines, sorted."""
    pages = []
    for root, _, names in os.walk(output_path):
        for name in names:
            if not name.endswith(".html"):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as handle:
                head = handle.read(4096)
            if not _NOINDEX.search(head):
                pages.append(os.path.relpath(path, output_path).replace(os.sep, "/"))
    return sorted(pages)


def write_sitemap(output_path: str, public_siteurl: str) -> None:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url in sorted(canonical_url(public_siteurl, page) for page in indexable_pages(output_path)):
        lines.append(f"  <url><loc>{escape(url)}</loc></url>")
    lines.append("</urlset>")
    with open(os.path.join(output_path, "sitemap.xml"), "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\n".join(lines) + "\n")


def write_robots(output_path: str, public_siteurl: str) -> None:
    with open(os.path.join(output_path, "robots.txt"), "w", encoding="utf-8", newline="\n") as handle:
        handle.write(f"User-agent: *\nAllow: /\n\nSitemap: {public_siteurl}/sitemap.xml\n")
