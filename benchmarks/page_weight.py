"""What each kind of page weighs on first view (not a test; tests/test_page_weight.py holds the budgets).

    .venv/bin/python benchmarks/page_weight.py [--output DIR]

Builds the tests' site, tests/sites/office (fixed day, temp dir; the project is not touched), unless --output names a
built site. For one page per type (home, article, axis page, roadmap, findings index, embed),
prints raw and gzipped (level 9) bytes of its HTML, of the stylesheets and fonts a browser loads
without JavaScript (<link rel=stylesheet>, their @import and url() of fonts; never images), and of
its same-origin <script src>. For the article type, the heaviest article is shown.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
FONT_EXTENSIONS = (".woff2", ".woff", ".ttf", ".otf", ".eot")
PAGE_TYPES = {
    "accueil": ["index.html"],
    "article": ["etat-des-lieux/*/index.html", "nouvelles/*/index.html"],
    "page d'axe": ["axes/*/index.html"],
    "feuille de route": ["feuille-de-route/index.html"],
    "index des constats": ["constats/index.html"],
    "frise à intégrer": ["embed/chronologie/index.html"],
}
_CSS_URL = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)|url\(\s*['"]?([^'")]+)['"]?\s*\)""")


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stylesheets: list[str] = []
        self.fonts: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").lower().split()
        if tag == "link" and attrs.get("href"):
            if "stylesheet" in rel:
                self.stylesheets.append(attrs["href"])
            elif "preload" in rel and attrs.get("as") == "font":
                self.fonts.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])


def _local(output: Path, base_url: str, href: str) -> Path | None:
    """The built file behind a same-origin address (None for another site or a data: URL)."""
    url = urlsplit(urljoin(base_url, href))
    if url.scheme != "http" or url.netloc != "site":
        return None
    path = output / PurePosixPath(url.path).relative_to("/")
    return path / "index.html" if url.path.endswith("/") else path


def _url_of(output: Path, file: Path) -> str:
    return "http://site/" + file.relative_to(output).as_posix()


def first_view(output: Path, page: Path) -> dict[str, list[Path]]:
    """The files a browser loads for a page, by kind: html, css (stylesheets and fonts), js."""
    links = _Links()
    links.feed(page.read_text(encoding="utf-8"))
    page_url = _url_of(output, page)
    css: list[Path] = []
    pending = [(page_url, href) for href in links.stylesheets + links.fonts]
    while pending:
        base, href = pending.pop(0)
        file = _local(output, base, href)
        if file is None or file in css:
            continue
        css.append(file)
        if file.suffix == ".css":
            for imported, url in _CSS_URL.findall(file.read_text(encoding="utf-8")):
                target = imported or url
                if imported or target.lower().split("?")[0].endswith(FONT_EXTENSIONS):
                    pending.append((_url_of(output, file), target))
    js = [file for file in (_local(output, page_url, src) for src in links.scripts) if file is not None]
    return {"html": [page], "css": css, "js": js}


def weights(files: dict[str, list[Path]]) -> dict[str, tuple[int, int]]:
    """Kind → (raw bytes, gzipped bytes), each file compressed on its own as a server sends it."""
    return {kind: (sum(p.stat().st_size for p in paths), sum(gzipped(p.read_bytes()) for p in paths))
            for kind, paths in files.items()}


def report(output: Path) -> str:
    rows = ["| type de page | page | HTML (brut / gzip) | CSS (brut / gzip) | JS (brut / gzip) | total gzip |",
            "|---|---|---:|---:|---:|---:|"]
    for label, patterns in PAGE_TYPES.items():
        pages = sorted(p for pattern in patterns for p in output.glob(pattern))
        measured = [(page, weights(first_view(output, page))) for page in pages]
        page, weight = max(measured, key=lambda item: sum(gz for _, gz in item[1].values()))
        cells = [f"{weight[kind][0]:,} / {weight[kind][1]:,}".replace(",", "\u202f") for kind in ("html", "css", "js")]
        total = f"{sum(gz for _, gz in weight.values()):,}".replace(",", "\u202f")
        url = "/" + page.relative_to(output).as_posix().removesuffix("index.html")
        rows.append(f"| {label} | `{url}` | {' | '.join(cells)} | {total} |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, help="a built site (default: build the tests' site)")
    args = parser.parse_args()
    if args.output:
        print(report(args.output.resolve()))
        return 0
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1782864000")  # the tests' fixed day
    from site_build import build, print_result

    with tempfile.TemporaryDirectory(prefix="lvas-weight-") as tmp:
        result = build(str(ROOT / "tests" / "sites" / "office" / "pelicanconf.py"), os.path.join(tmp, "output"))
        if not result.ok:
            print_result(result)
            return 1
        print(report(Path(result.output)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
