"""The workshop sheets /constats/atelier/: one printed A4 sheet per finding, for the working
groups. Each sheet has the finding's full text and a QR code of its public address."""

from __future__ import annotations

import re
from dataclasses import dataclass

import segno
from markupsafe import Markup, escape

from open_data import absolute_url

from .block import FOOT, HEAD, slot

QR_ERROR = "m"  # error correction level M: still readable with 15 % of the code smudged or folded
_ID_ATTRIBUTE = re.compile(r'(<[a-zA-Z][^<>]*?)\s+id="[^"]*"')


def body_between_slots(html: str, finding_id: str) -> str:
    """The finding's own rendered Markdown: what lies between its head and foot slots."""
    start = html.index(slot(finding_id, HEAD)) + len(slot(finding_id, HEAD))
    return html[start:html.index(slot(finding_id, FOOT), start)].strip()


def qr_svg(url: str, label: str) -> Markup:
    """An inline SVG QR code of `url` (no file, no request), an image named by `label`."""
    svg = segno.make_qr(url, error=QR_ERROR).svg_inline(omitsize=True, svgclass="qr")
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


@dataclass(frozen=True)
class Sheet:
    finding: object
    body: Markup  # the finding's text, links resolved for the sheets' page, without id attributes
    url: str  # the finding's public address, printed under its QR code
    qr: Markup


def sheets(findings, settings: dict, siteurl: str) -> list[Sheet]:
    """The sheets in reading order; `siteurl` is the one of the page that shows them."""
    result = []
    for finding in findings:
        # {filename} links are resolved as Pelican does for the article, but for this page;
        # ids are dropped: two findings' bodies may use the same (footnotes, headings).
        body = _ID_ATTRIBUTE.sub(r"\1", finding.article._update_content(finding.body, siteurl))
        url = absolute_url(settings, finding.url)
        label = f"Code QR de l’adresse du constat «\u00a0{finding.title}\u00a0»"
        result.append(Sheet(finding, Markup(body), url, qr_svg(url, label)))
    return result
