"""Where to read about a phase, as absolute addresses (open data, calendar, partners)."""

from __future__ import annotations

from core.open_data import absolute_url


def link_url(phase: dict, settings: dict) -> str | None:
    """The phase's `link` as an absolute address: a site path (/diagnostic/) on PUBLIC_SITEURL."""
    link = phase.get("link")
    if link is None:
        return None
    return absolute_url(settings, link) if link.startswith("/") else link


def page_url(phase: dict, settings: dict) -> str:
    """Where to read about a phase: its link, else its entry on the timeline page."""
    return link_url(phase, settings) or absolute_url(settings, f"{settings['TIMELINE_PAGE_URL']}#phase-{phase['id']}")
