"""Atom feeds whose titles are the titles as written, not HTML.

Pelican's Writer reads an article title as HTML: `Markup(title).striptags()` removes
anything between < and > (a title « Le <script> du site » loses a word), decodes
entities and collapses every Unicode space (the narrow no-break spaces of French
typography become plain ones). Our titles are plain text (templates autoescape them), so
the feed gets them verbatim; feedgenerator escapes them for XML.
"""

from __future__ import annotations

from pelican.writers import Writer


class PlainTitleFeedWriter(Writer):
    def _create_new_feed(self, feed_type, feed_title, context):
        feed = super()._create_new_feed(feed_type, feed_title, context)
        feed.feed["title"] = f"{context['SITENAME']} - {feed_title}" if feed_title else context["SITENAME"]
        return feed

    def _add_item_to_the_feed(self, feed, item):
        super()._add_item_to_the_feed(feed, item)
        feed.items[-1]["title"] = str(item.title)


def plain_title_writer(pelican_obj):
    return PlainTitleFeedWriter
