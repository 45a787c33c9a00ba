"""The workshop sheets /constats/atelier/: one printed A4 sheet per finding, for the working
groups. Each sheet has the finding's full text and a QR code of its public address.

One page holds them all while it stays light; beyond FINDINGS_WORKSHOP_PART_SIZE sheets or
FINDINGS_WORKSHOP_PART_BYTES bytes, that page lists parts, theme by theme, each printable on its
own (split_sheets): no page grows with the site."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from core.compat import resolve_intrasite_links
from core.open_data import absolute_url

from .block import FOOT, HEAD, slot
from .qr_code import QrBatch, cache_file, qr_svg

_ID_ATTRIBUTE = re.compile(r'(<[a-zA-Z][^<>]*?)\s+id="[^"]*"')


def body_between_slots(html: str, finding_id: str) -> str:
    """The finding's own rendered Markdown: what lies between its head and foot slots."""
    start = html.index(slot(finding_id, HEAD)) + len(slot(finding_id, HEAD))
    return html[start:html.index(slot(finding_id, FOOT), start)].strip()


@dataclass(frozen=True)
class Sheet:
    finding: object
    body: Markup  # the finding's text, links resolved for the sheets' page, without id attributes
    url: str  # the finding's public address, printed under its QR code
    qr: Markup


_building: QrBatch | None = None  # the codes of the build in progress, fed as articles are read


def start_codes(settings: dict | None = None) -> QrBatch:
    """The QR codes of this build (FindingsGenerator, created before the articles are read); those
    an earlier build drew are read from the cache folder (CACHE_PATH)."""
    global _building
    if _building is not None:
        _building.close()  # a build that stopped before its sheets: its second process is not needed
    cache = cache_file(settings["CACHE_PATH"]) if settings and settings.get("CACHE_PATH") else None
    _building = QrBatch(cache=cache)
    return _building


def add_codes(findings, settings: dict) -> None:
    """The public addresses of findings just read: drawn in the background from now on."""
    if _building is not None:
        # finding.url, but the article's URL asked once per article, not once per finding: Pelican
        # formats it anew at each access until plugins.content_urls freezes it, after this receiver.
        pages: dict[int, str] = {}
        urls = []
        for finding in findings:
            page = pages.get(id(finding.article))
            if page is None:
                page = pages[id(finding.article)] = finding.article.url
            urls.append(absolute_url(settings, f"{page}#{finding.id}"))
        _building.add(urls)


def sheets(findings, settings: dict, siteurl: str, codes: QrBatch | None = None) -> list[Sheet]:
    """The sheets in reading order; `siteurl` is the one of the page that shows them."""
    urls = [absolute_url(settings, finding.url) for finding in findings]
    drawings = (codes or QrBatch()).drawings(urls)
    result = []
    for finding, url, drawing in zip(findings, urls, drawings, strict=True):
        # {filename} links are resolved as Pelican does for the article, but for this page;
        # ids are dropped: two findings' bodies may use the same (footnotes, headings).
        body = _ID_ATTRIBUTE.sub(r"\1", resolve_intrasite_links(finding.article, finding.body, siteurl))
        label = f"Code QR de l’adresse du constat «\u00a0{finding.title}\u00a0»"
        result.append(Sheet(finding, Markup(body), url, qr_svg(url, label, drawing)))
    return result


# Bytes the template adds around a sheet's own texts (about 600, and the site's name): a margin.
SHEET_MARKUP = 1_500


def sheet_bytes(sheet: Sheet) -> int:
    """An upper estimate of the HTML of one sheet on its page: its texts as written (escaped), its
    id (4 times) and SHEET_MARKUP."""
    finding = sheet.finding
    html = (sheet.body, sheet.qr)
    plain = (sheet.url, finding.title, finding.article.title, finding.article.url,
             finding.extra.get("theme_title") or "")
    return (SHEET_MARKUP + 4 * len(finding.id) + sum(len(str(text).encode("utf-8")) for text in html)
            + sum(len(str(escape(text)).encode("utf-8")) for text in plain))


def split_sheets(sheets: list[Sheet], max_sheets: int, max_bytes: int) -> list[list[Sheet]]:
    """Consecutive runs of sheets, each of at most `max_sheets` sheets and `max_bytes` bytes
    (sheet_bytes); a sheet heavier than `max_bytes` on its own makes a part of one sheet."""
    parts: list[list[Sheet]] = []
    current: list[Sheet] = []
    size = 0
    for sheet in sheets:
        weight = sheet_bytes(sheet)
        if current and (len(current) == max_sheets or size + weight > max_bytes):
            parts.append(current)
            current, size = [], 0
        current.append(sheet)
        size += weight
    if current:
        parts.append(current)
    return parts


def fits_one_part(sheets: list[Sheet], max_sheets: int, max_bytes: int) -> bool:
    """split_sheets would make one part at most (counting stops as soon as it would not)."""
    if len(sheets) > max_sheets:
        return False
    size = 0
    for sheet in sheets:
        size += sheet_bytes(sheet)
        if size > max_bytes and sheet is not sheets[0]:
            return False
    return True


@dataclass(frozen=True)
class Part:
    """A page of sheets of one theme, when the sheets do not fit on one page."""
    theme: dict  # a group of FINDING_THEMES: id, title…
    number: int  # from 1, within its theme
    count: int  # parts of its theme
    first: int  # the number of its first sheet within its theme, from 1
    total: int  # sheets of its theme
    url: str
    save_as: str
    sheets: list[Sheet] = field(default_factory=list)

    @property
    def label(self) -> str:
        """« Thème », partie 2 sur 3 (the theme alone if it has one part)."""
        name = f"«\u202f{self.theme['title']}\u202f»"
        return name if self.count == 1 else f"{name}, partie {self.number} sur {self.count}"


def by_theme(parts: list[Part]) -> list[dict]:
    """The parts grouped by theme, for the page that lists them: [{theme, parts}]."""
    groups: list[dict] = []
    for part in parts:
        if not groups or groups[-1]["theme"] is not part.theme:
            groups.append({"theme": part.theme, "parts": []})
        groups[-1]["parts"].append(part)
    return groups


def part_address(pattern: str, theme_id: str, number: int) -> str:
    return pattern.format(theme=theme_id, number=number)


def theme_parts(themes: list[dict], settings: dict, sheets_of) -> list[Part]:
    """The parts, theme by theme (FINDING_THEMES order), sheets in reading order within a theme;
    `sheets_of(findings)` gives the sheets of a theme's findings for the parts' pages."""
    result = []
    for theme in themes:
        if not theme["findings"]:
            continue
        theme_sheets = sheets_of(theme["findings"])
        runs = split_sheets(theme_sheets, settings["FINDINGS_WORKSHOP_PART_SIZE"],
                            settings["FINDINGS_WORKSHOP_PART_BYTES"])
        first = 1
        for number, run in enumerate(runs, 1):
            result.append(Part(theme, number, len(runs), first, len(theme_sheets),
                               part_address(settings["FINDINGS_WORKSHOP_PART_URL"], theme["id"], number),
                               part_address(settings["FINDINGS_WORKSHOP_PART_SAVE_AS"], theme["id"], number), run))
            first += len(run)
    return result
