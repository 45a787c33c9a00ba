"""Every use of Pelican's and pymdown-extensions' private API, in one place.

Pelican and pymdownx offer no public hook for these needs; each function says which private name
it relies on and why. tests/test_compat.py pins the behaviour each one relies on, so that an
upgrade that changes it fails there, with the name of what moved, not somewhere in a build.
"""

from __future__ import annotations

import weakref

import blinker
from pelican.log import LimitFilter
from pelican.writers import Writer


def reset_log_limits() -> None:
    """Forget the messages Pelican's LimitFilter has seen: it drops a repeated message for the
    life of the process, so a second in-process build (tests, livereload) would not report a
    problem the first one reported. Private: LimitFilter._raised_messages, _group_count."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


def disconnect_all_receivers() -> None:
    """Disconnect every receiver of the process's named blinker signals: Pelican's (they live in
    blinker's default namespace) and ours. blinker has no public « disconnect all »: this reads
    Signal.receivers (receiver id → the receiver or a weak reference to it)."""
    for signal in list(blinker.default_namespace.values()):
        for receiver in list(signal.receivers.values()):
            target = receiver() if isinstance(receiver, weakref.ref) else receiver
            if target is not None:
                signal.disconnect(target)


def intrasite_link_regex(content):
    """The regex Pelican uses to find {filename}, {static}, {category}… links in a content's HTML,
    with groups `what` and `value`. Private: Content._get_intrasite_link_regex."""
    return content._get_intrasite_link_regex()


def resolve_intrasite_links(content, html: str, siteurl: str) -> str:
    """`html` (a part of `content`'s body) with its {filename}… links resolved as Pelican does for
    the content itself, but relative to another page's `siteurl`. Private: Content._update_content."""
    return content._update_content(html, siteurl)


class PlainTitleFeedWriter(Writer):
    """Atom feeds whose titles are the titles as written. Pelican's Writer reads a title as HTML
    (`Markup(title).striptags()`: « Le <script> du site » loses a word, entities are decoded and
    narrow no-break spaces become plain spaces); our titles are plain text, feedgenerator escapes
    them for XML. Private: Writer._create_new_feed, Writer._add_item_to_the_feed."""

    def _create_new_feed(self, feed_type, feed_title, context):
        feed = super()._create_new_feed(feed_type, feed_title, context)
        feed.feed["title"] = f"{context['SITENAME']} - {feed_title}" if feed_title else context["SITENAME"]
        return feed

    def _add_item_to_the_feed(self, feed, item):
        super()._add_item_to_the_feed(feed, item)
        feed.items[-1]["title"] = str(item.title)


def use_block_frontmatter_loader(loader) -> None:
    """Make pymdownx.blocks read every block's options with `loader(text) -> dict | None`.
    pymdownx has no setting for it: `split_header` calls the module function `get_frontmatter`,
    replaced here for the whole process (our loader only differs in speed). Private:
    pymdownx.blocks.get_frontmatter."""
    import pymdownx.blocks

    pymdownx.blocks.get_frontmatter = loader


def read_markdown_text(reader, source_path: str, text: str):
    """(HTML, metadata) of `text` read by Pelican's MarkdownReader `reader` as if it were the file's
    content: Pelican's read() opens the file itself, but the strict reader gives it the text after
    hygiene (BOM dropped, line endings and Word's U+000B made LF). Mirrors MarkdownReader.read, but
    with one Markdown object per reader, reset between files: Pelican builds a new one for every
    file (its extensions loaded and registered again, about 0.5 ms a file). Markdown.reset() clears
    what extensions keep between documents (footnotes, abbreviations, toc, pymdownx blocks, Meta);
    Pelican's _parse_metadata deregisters the `meta` preprocessor, put back here at its priority.
    Private: MarkdownReader._source_path, _md, _parse_metadata; Registry._priority."""
    from markdown import Markdown

    reader._source_path = source_path
    md = reader.__dict__.get("_shared_markdown")
    if md is None:
        md = reader._shared_markdown = Markdown(**reader.settings["MARKDOWN"])
        reader._shared_meta = next(((md.preprocessors["meta"], item.priority) for item in md.preprocessors._priority
                                    if item.name == "meta"), None)
    else:
        md.reset()
        if reader._shared_meta is not None and "meta" not in md.preprocessors:
            md.preprocessors.register(reader._shared_meta[0], "meta", reader._shared_meta[1])
    reader._md = md
    content = md.convert(text)
    metadata = reader._parse_metadata(md.Meta) if hasattr(md, "Meta") else {}
    return content, metadata


def add_link_pass(function) -> None:
    """Run `function(content, html, siteurl) -> html` after Pelican resolves the {filename}, {static}…
    links of a content's HTML (its body, its summary, and the parts other pages show through
    resolve_intrasite_links), with the same `siteurl`. Pelican resolves one address per tag, in a
    fixed list of attributes that has no `srcset`: the images plugin resolves its own there.
    Private: Content._update_content (wrapped once for the process; the pass is looked up at each
    call, so a build without the plugin runs none)."""
    from pelican.contents import Content

    _LINK_PASSES.clear()
    _LINK_PASSES.append(function)
    original = Content._update_content
    if getattr(original, "_lvas_wrapped", False):
        return

    def _update_content(self, content, siteurl):
        html = original(self, content, siteurl)
        for extra_pass in _LINK_PASSES:
            html = extra_pass(self, html, siteurl)
        return html

    _update_content._lvas_wrapped = True
    Content._update_content = _update_content


_PELICAN_MEMOS: list = []  # Pelican's memoized get_summary, once resolve_summaries_per_page replaced it


def forget_memoized_contents() -> None:
    """Pelican memoizes `get_content` and `get_summary` for each (content, siteurl) in a dict of the
    class that nothing ever empties: a process that builds again (the preview, the tests) kept every
    build's contents alive, 95 MiB more at each rebuild of a 1,000-article site. Emptied around each
    build. Private: pelican.utils.memoized's `cache`."""
    from pelican.contents import Content
    from pelican.utils import memoized

    for memo in [*vars(Content).values(), *_PELICAN_MEMOS]:
        if isinstance(memo, memoized):
            memo.cache.clear()


def resolve_summaries_per_page() -> None:
    """A `Summary:` resolves its {static}/{filename} links for the page that shows it, as the body
    does. Pelican resolves it once (refresh_metadata_intersite_links, with the siteurl of no page)
    and get_summary returns that text: in a list of articles one folder down (/nouvelles/), a photo of
    the summary pointed at /nouvelles/images/…. Here the text as read is kept aside and resolved at
    each get_summary(siteurl). Private: Content.refresh_metadata_intersite_links, get_summary,
    _summary, _update_content. Wrapped once for the process."""
    from pelican.contents import Content

    refresh = Content.refresh_metadata_intersite_links
    get_summary = Content.__dict__["get_summary"]  # Pelican's memoized descriptor, bound at each call
    if getattr(refresh, "_lvas_wrapped", False):
        return

    def refresh_metadata_intersite_links(self):
        if "_lvas_raw_summary" not in self.__dict__:
            raw = getattr(self, "_summary", None)
            self._lvas_raw_summary = raw if isinstance(raw, str) else self.metadata.get("summary")
        refresh(self)

    def get_summary_for_page(self, siteurl):
        raw = self.__dict__.get("_lvas_raw_summary")
        if isinstance(raw, str) and "summary" in self.metadata:
            return self._update_content(raw, siteurl)
        return get_summary.__get__(self, type(self))(siteurl)

    refresh_metadata_intersite_links._lvas_wrapped = True
    Content.refresh_metadata_intersite_links = refresh_metadata_intersite_links
    Content.get_summary = get_summary_for_page
    _PELICAN_MEMOS.append(get_summary)


def remove_link_passes() -> None:
    _LINK_PASSES.clear()


_LINK_PASSES: list = []
