"""The automatic summary of an article that holds findings.

Pelican cuts an article's first words for the listings (home page, section, archives) when it has
no `Summary:`. Cut from the finished page, that excerpt would carry the findings' headings, their
anchors (ids repeated on the listing) and their « Réagir » links, which only make sense on the
article itself. So the summary is cut here, from the article as read, with each finding reduced
to its own text, and kept as the article's summary as if the communicator had written it.
"""

from __future__ import annotations

import re

from pelican.utils import truncate_html_paragraphs, truncate_html_words

from .block import FOOT, HEAD, slot


def _opening(finding_id: str) -> re.Pattern:
    """The start tag of a finding's <section> (block.py), whatever the order of its attributes."""
    return re.compile(rf'<section\b[^>]*\sid="{re.escape(finding_id)}"[^>]*>')


def without_finding_frames(html: str, finding_ids: list[str]) -> str:
    """`html` where each finding's <section>, heading slot and footer slot give way to its text."""
    for finding_id in finding_ids:
        head, foot = slot(finding_id, HEAD), slot(finding_id, FOOT)
        opening = _opening(finding_id).search(html)
        if opening is None:
            continue
        start = opening.start()
        end = html.index("</section>", html.index(foot, start)) + len("</section>")
        body = html[opening.end():end - len("</section>")].replace(head, "").replace(foot, "")
        html = html[:start] + body.strip() + html[end:]
    return html


def add_summary(content) -> None:
    """Sets the summary of an article with findings that has none of its own."""
    if not content.findings or "summary" in content.metadata:
        return
    settings = content.settings
    html = without_finding_frames(content._content, [finding.id for finding in content.findings])
    if settings.get("SUMMARY_MAX_PARAGRAPHS") is not None:
        html = truncate_html_paragraphs(html, settings["SUMMARY_MAX_PARAGRAPHS"])
    if settings.get("SUMMARY_MAX_LENGTH") is not None:
        html = truncate_html_words(html, settings["SUMMARY_MAX_LENGTH"], settings["SUMMARY_END_SUFFIX"])
    content.metadata["summary"] = html
