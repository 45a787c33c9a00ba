"""Atom feeds whose titles are the titles as written, not HTML (core.compat.PlainTitleFeedWriter)."""

from __future__ import annotations

from core.compat import PlainTitleFeedWriter


def plain_title_writer(pelican_obj):
    return PlainTitleFeedWriter
