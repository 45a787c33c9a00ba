"""Internal links, anchors and image alt texts of a built site, read from its HTML files.

Every `href`/`src` (and `srcset`, `poster`, `<object data>`) that points to the site itself
must lead to an existing file, and its `#anchor`, if any, to an element `id` of that page.
Links to other sites are counted, never fetched. An `<img>` without an `alt` attribute is
reported too (Pelican's reader already refuses an empty `alt=""`).

Output-level problems are mapped back to the file a communicator edits when possible: the
page's Markdown source (found through Pelican's `content_written` signal, see check.py), or a
data file holding the link (e.g. `link:` of data/phases.yml); otherwise the output page is named.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from core.problems import Problem
from plugins.discovery.urls import url_path

# Attributes holding one address; srcset holds several.
URL_ATTRIBUTES = {"href", "src", "poster", "xlink:href"}
SKIPPED_SCHEMES = {"mailto", "tel", "data", "javascript", "about", "blob", "sms"}
# Where an address of the site itself is written without SITEURL (local preview).
PLACEHOLDER_BASE = "http://site.invalid"


@dataclass(frozen=True)
class Link:
    line: int
    tag: str
    attribute: str
    value: str


@dataclass
class PageScan:
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    images_without_alt: list[Link] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        values = dict(attrs)
        if values.get("id"):
            self.scan.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.scan.ids.add(values["name"])
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRIBUTES or (tag == "object" and name == "data"):
                self.scan.links.append(Link(line, tag, name, value.strip()))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.scan.links.append(Link(line, tag, name, url))
        if tag == "img" and "alt" not in values:
            self.scan.images_without_alt.append(Link(line, tag, "src", values.get("src") or ""))

    handle_startendtag = handle_starttag


def scan_page(text: str) -> PageScan:
    parser = _Parser()
    parser.feed(text)
    parser.close()
    return parser.scan



@dataclass
class LinkReport:
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    internal_links: int = 0
    anchors: int = 0
    external_links: int = 0
    images: int = 0


class SiteLinks:
    """Checks a built site. `site_url` is where it is published (PUBLIC_SITEURL, or SITEURL);
    relative links resolve the same under it, and an absolute link is internal when it starts
    with it. `sources` maps output files (POSIX, relative) to the Markdown file they come from;
    `data_files` are searched for a link not found in the page's source. `site_root_pages`: pages
    of a local build written with links from the local server's root (`/recherche/`, the 404 page,
    served at any address): there, `/` is the site's root, which `site_url` stands for."""

    def __init__(self, output: str | Path, site_url: str = "", sources: dict[str, str] | None = None,
                 data_files: list[str] | None = None, output_label: str = "output",
                 site_root_pages: tuple[str, ...] | list[str] = ()):
        self.output = Path(output)
        self.site_root_pages = set(site_root_pages)
        base = (site_url or PLACEHOLDER_BASE).rstrip("/")
        parts = urlsplit(base)
        self.base = base + "/"
        self.host = parts.netloc.lower()
        self.base_path = (parts.path or "").rstrip("/") + "/"
        self.sources = sources or {}
        self.data_files = data_files or []
        self.output_label = output_label
        self._texts: dict[str, str | None] = {}
        self._ids: dict[str, set[str]] = {}

    # -- reading ------------------------------------------------------------------------------
    def html_files(self) -> list[str]:
        return sorted(path.relative_to(self.output).as_posix() for path in self.output.rglob("*.html"))

    def _page_ids(self, relative: str) -> set[str]:
        if relative not in self._ids:
            text = (self.output / relative).read_text(encoding="utf-8", errors="replace")
            self._ids[relative] = scan_page(text).ids
        return self._ids[relative]

    def _text(self, path: str) -> str | None:
        if path not in self._texts:
            try:
                self._texts[path] = Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self._texts[path] = None
        return self._texts[path]

    # -- resolving ----------------------------------------------------------------------------
    def resolve(self, page: str, value: str) -> tuple[str, str | None, str] | None:
        """(kind, site path, fragment) of a link found in `page`, or None when not to check.

        kind is "internal" (path relative to the output root), "outside" (this host, not under
        the site's path) or "external"."""
        if not value or value.startswith("#") and len(value) == 1:
            return None
        scheme = urlsplit(value).scheme.lower()
        if scheme in SKIPPED_SCHEMES:
            return None
        if scheme == "webcal":  # a calendar subscription to the site's own .ics
            value = "https" + value[len("webcal"):]
        if page in self.site_root_pages and value.startswith("/") and not value.startswith("//"):
            value = self.base + value[1:]
        absolute = urljoin(self.base + page, value)
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != self.host:
            return ("external", None, "")
        path = unquote(parts.path or "/")
        if not (path + "/").startswith(self.base_path):
            return ("outside", path, unquote(parts.fragment))
        return ("internal", path[len(self.base_path):], unquote(parts.fragment))

    def target_file(self, site_path: str) -> str | None:
        """The output file a site path serves, as a static host does (`a/` → `a/index.html`)."""
        site_path = posixpath.normpath(site_path) + ("/" if site_path.endswith("/") else "")
        if site_path in (".", "./"):
            site_path = ""
        if site_path.startswith("../"):
            return None
        candidates = [site_path + "index.html"] if site_path == "" or site_path.endswith("/") else \
            [site_path, site_path + "/index.html"]
        for candidate in candidates:
            if (self.output / candidate).is_file():
                return candidate
        return None

    # -- locating -----------------------------------------------------------------------------
    def locate(self, page: str, html_line: int, needles: list[str],
               data_needles: list[str] = (), anywhere: list[str] = ()) -> tuple[str, int | None, str, str]:
        """(file, line, where, needle): where a communicator wrote the link.

        `where` is "source" (the page's Markdown file, searched for `needles`, or any Markdown file
        of the site for `anywhere`), "data" (a data file holding one of `data_needles`) or "page"
        (only the output page and the line of its HTML are known)."""
        source = self.sources.get(page)
        searches = [([source] if source else [], needles, "source"),
                    (sorted(set(self.sources.values())), list(anywhere), "source"),
                    (self.data_files, list(data_needles), "data")]
        for files, words, where in searches:
            for path in files:
                text = self._text(path)
                for needle in words:
                    offset = _find(text, needle) if text and needle else -1
                    if offset >= 0:
                        return path, text.count("\n", 0, offset) + 1, where, needle
        return os.path.join(self.output_label, page), html_line, "page", ""

    def _add(self, report: LinkReport, page: str, located: tuple, message: str) -> None:
        path, line, where, _ = located
        report.problems.append(_Pending(path, line, message, where, page, self.sources.get(page)))

    # -- checking -----------------------------------------------------------------------------
    def check(self) -> LinkReport:
        report = LinkReport()
        pages = self.html_files()
        report.pages = len(pages)
        for page in pages:
            text = (self.output / page).read_text(encoding="utf-8", errors="replace")
            scan = scan_page(text)
            self._ids[page] = scan.ids
            for link in scan.links:
                self._check_link(page, link, report)
            for image in scan.images_without_alt:
                report.images += 1
                shown = image.value or "(sans src)"
                located = self.locate(page, image.line, [image.value] if image.value else [])
                self._add(report, page, located, (
                    f"image « {shown} » sans texte alternatif : ajoutez alt=\"…\" avec une courte description "
                    "de l'image"))
        report.problems = _merge(report.problems)
        return report

    def _check_link(self, page: str, link: Link, report: LinkReport) -> None:
        resolved = self.resolve(page, link.value)
        if resolved is None:
            return
        kind, site_path, fragment = resolved
        if kind == "external":
            report.external_links += 1
            return
        needles = [link.value, unquote(link.value)]
        if kind == "outside":
            located = self.locate(page, link.line, needles, [site_path], [link.value])
            shown = located[3] if located[2] == "data" else link.value
            self._add(report, page, located, (
                f"lien « {shown} » hors du site : le site est publié à l'adresse {self.base}, ce lien mène "
                f"à {site_path} ; écrivez un lien {{filename}} vers le fichier source, ou un lien relatif"))
            return
        report.internal_links += 1
        target = self.target_file(site_path)
        if target is None:
            wanted = "/" + site_path.lstrip("/")
            located = self.locate(page, link.line, needles, [wanted, link.value], [link.value])
            shown = located[3] if located[2] == "data" else link.value
            self._add(report, page, located, (
                f"lien interne cassé : « {shown} » ne mène à aucune page ni aucun fichier du site "
                f"(adresse cherchée : {wanted})"))
            return
        if not fragment or not target.endswith(".html") or fragment == "top":
            return
        report.anchors += 1
        ids = self._page_ids(target)
        if fragment in ids:
            return
        close = difflib.get_close_matches(fragment, sorted(ids), n=1, cutoff=0.6)
        hint = f" : vouliez-vous écrire « #{close[0]} » ?" if close else ""
        located = self.locate(page, link.line, [f"#{fragment}"] + needles, [link.value], [f"#{fragment}"])
        self._add(report, page, located, (
            f"ancre introuvable : « #{fragment} » n'existe pas dans la page {url_path(target)}{hint}"))


@dataclass(frozen=True)
class _Pending:
    path: str
    line: int | None
    message: str
    where: str
    page: str
    page_source: str | None


def _merge(pending: list[_Pending]) -> list[Problem]:
    """One problem per place to fix, naming the pages it shows on when that helps."""
    grouped: dict[tuple, list[_Pending]] = {}
    for item in pending:
        grouped.setdefault((item.path, item.line, item.message), []).append(item)
    problems = []
    for (path, line, message), items in grouped.items():
        pages = sorted({url_path(item.page) for item in items})
        first = items[0]
        if first.where == "page":
            origin = (f"produite à partir de {_relative(first.page_source)} et des gabarits du thème"
                      if first.page_source else "produite par les gabarits du thème ou les extensions")
            note = f" (page {pages[0]}, {origin})"
        elif first.where == "data" or len(pages) > 1 or first.page_source != first.path:
            note = f" (page{'s' if len(pages) > 1 else ''} : {', '.join(pages)})"
        else:
            note = ""
        problems.append(Problem(path, line, None, message + note))
    return problems


def _find(text: str, needle: str) -> int:
    """Offset of `needle` written as a whole address (not inside a longer one), or -1."""
    before = "" if needle.startswith("#") else r"(?<![\w/.#-])"
    match = re.search(before + re.escape(needle) + r"(?![\w/.-])", text)
    return match.start() if match else -1


def _relative(path: str) -> str:
    from core.problems import display_path

    return display_path(path)
