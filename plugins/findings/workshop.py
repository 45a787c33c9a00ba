"""The workshop sheets /constats/atelier/: one printed A4 sheet per finding, for the working
groups. Each sheet has the finding's full text and a QR code of its public address."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

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
        _building.add([absolute_url(settings, finding.url) for finding in findings])


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
