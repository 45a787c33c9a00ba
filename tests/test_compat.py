"""core/compat.py: the private Pelican and pymdownx behaviour the engine relies on, pinned.

If one of these fails after an upgrade, the private name it tests has moved or changed: adapt
core/compat.py, the only module that uses it.
"""

from __future__ import annotations

import datetime
import logging
import xml.etree.ElementTree as ET

import markdown
import pymdownx.blocks
from pelican import signals
from pelican.contents import Article, Content
from pelican.log import LimitFilter
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import memoized

from core import compat
from core.build_state import reset

ATOM = "{http://www.w3.org/2005/Atom}"


def test_limit_filter_drops_a_repeated_warning_until_reset():
    limit = LimitFilter()
    record = logging.LogRecord("pelican", logging.WARNING, __file__, 1, "compat %s", ("test",), None)
    compat.reset_log_limits()
    assert limit.filter(record) is True
    assert limit.filter(record) is False  # Pelican drops it for the life of the process…
    compat.reset_log_limits()
    assert limit.filter(record) is True  # …until the engine resets the filter between builds
    compat.reset_log_limits()


def _article(tmp_path, body: str, context: dict | None = None) -> Article:
    """An article as Pelican makes it, without the receivers earlier builds of this process connected."""
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    source = content / "un-article.md"
    source.write_text(f"Title: Un article\nDate: 2016-03-15\n\n{body}\n", encoding="utf-8")
    settings = dict(DEFAULT_CONFIG, SITEURL="", PATH=str(content), ARTICLE_URL="{slug}/", RELATIVE_URLS=True)
    context = {"generated_content": {}, "static_content": {}, "static_links": set(), **(context or {})}
    with signals.content_object_init.muted():
        return Article(body, {"title": "Un article", "slug": "un-article"}, settings=settings,
                       source_path=str(source), context=context)


def test_intrasite_link_regex_finds_every_kind_with_what_and_value(tmp_path):
    article = _article(tmp_path, "")
    html = '<a href="{filename}/pages/a.md#x">a</a> <img src="{static}/images/b.png"> <a href="{category}nouvelles">c</a>'
    found = [(m.group("what"), m.group("value")) for m in compat.intrasite_link_regex(article).finditer(html)]
    assert found == [("filename", "/pages/a.md#x"), ("static", "/images/b.png"), ("category", "nouvelles")]


def test_resolve_intrasite_links_uses_the_target_url_relative_to_the_given_siteurl(tmp_path):
    target = _article(tmp_path, "")
    target.override_url = "cible/"
    article = _article(tmp_path, "", {"generated_content": {"cible.md": target}})
    html = '<p><a href="{filename}/cible.md#haut">cible</a></p>'
    assert compat.resolve_intrasite_links(article, html, "../..") == '<p><a href="../../cible/#haut">cible</a></p>'


def test_plain_title_feed_writer_keeps_titles_as_written(tmp_path):
    reset()  # a writer used outside a build: no receiver left by an earlier build of this process
    title = "Le <script> du site\u202f: « A & B »"
    article = _article(tmp_path, "<p>Texte.</p>")
    article.title = title
    article.date = datetime.datetime(2016, 3, 15, tzinfo=datetime.timezone.utc)
    settings = dict(DEFAULT_CONFIG, SITEURL="https://example.org", FEED_DOMAIN="https://example.org",
                    OUTPUT_PATH=str(tmp_path))
    writer = compat.PlainTitleFeedWriter(str(tmp_path), settings=settings)
    context = {"SITENAME": "Site d’essai", "SITEURL": "https://example.org", "FEED_DOMAIN": "https://example.org"}
    writer.write_feed([article], context, "flux.xml", feed_title="Nouvelles")
    feed = ET.parse(tmp_path / "flux.xml").getroot()
    assert feed.find(f"{ATOM}title").text == "Site d’essai - Nouvelles"
    assert [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")] == [title]


def test_block_options_are_read_by_the_loader_given_to_pymdownx(monkeypatch):
    monkeypatch.setattr(pymdownx.blocks, "get_frontmatter", pymdownx.blocks.get_frontmatter)
    seen = []

    def loader(text):
        seen.append(text)
        return {"type": "note"}

    compat.use_block_frontmatter_loader(loader)
    html = markdown.markdown("/// admonition | Titre\n    type: warning\n\nCorps.\n///\n",
                             extensions=["pymdownx.blocks.admonition"])
    assert seen == ["type: warning"]
    assert 'class="admonition note"' in html


def test_markdown_reader_reads_given_text_like_its_file(tmp_path):
    from pelican.readers import MarkdownReader

    source = tmp_path / "page.md"
    text = "Title: Essai\nDate: 2016-03-15\n\nUn *texte*.\n"
    source.write_text(text, encoding="utf-8")
    settings = dict(DEFAULT_CONFIG, MARKDOWN={"extensions": ["markdown.extensions.meta"]})
    expected = MarkdownReader(settings).read(str(source))
    given = compat.read_markdown_text(MarkdownReader(settings), str(source), text)
    assert given == expected
    assert given[0] == "<p>Un <em>texte</em>.</p>" and given[1]["title"] == "Essai"


def test_a_link_pass_runs_after_pelicans_links_with_the_same_siteurl(tmp_path):
    """Pelican resolves one address per tag, and never in srcset: the images plugin's pass does."""
    static = type("Static", (), {"url": "images/b.png"})()
    article = _article(tmp_path, "", {"static_content": {"images/b.png": static}})
    seen = []

    def extra_pass(content, html, siteurl):
        seen.append((content, siteurl))
        return html.replace("{image}", siteurl + "/")

    html = '<img src="{static}/images/b.png" srcset="{image}images/b-480w.png 480w">'
    try:
        compat.add_link_pass(extra_pass)
        assert compat.resolve_intrasite_links(article, html, "../..") == (
            '<img src="../../images/b.png" srcset="../../images/b-480w.png 480w">')
        assert seen == [(article, "../..")]
        compat.remove_link_passes()  # a build without the plugin runs none
        assert compat.resolve_intrasite_links(article, html, "..") == (
            '<img src="../images/b.png" srcset="{image}images/b-480w.png 480w">')
    finally:
        compat.remove_link_passes()


def test_a_summary_resolves_its_links_for_the_page_that_shows_it(tmp_path):
    """Pelican resolves a Summary once, for no page in particular: a list one folder down got
    images/b.png, that is /nouvelles/images/b.png. Resolved at each get_summary(siteurl) instead."""
    static = type("Static", (), {"url": "images/b.png"})()
    article = _article(tmp_path, "", {"static_content": {"images/b.png": static}, "localsiteurl": ""})
    article.metadata["summary"] = article._summary = '<p><img alt="b" src="{static}/images/b.png"></p>'
    compat.resolve_summaries_per_page()
    article.refresh_metadata_intersite_links()
    assert article.get_summary("..") == '<p><img alt="b" src="../images/b.png"></p>'
    assert article.get_summary(".") == '<p><img alt="b" src="./images/b.png"></p>'
    article.refresh_metadata_intersite_links()  # again (livereload): still the text as read
    assert article.get_summary("../..") == '<p><img alt="b" src="../../images/b.png"></p>'


def test_a_content_without_summary_keeps_pelicans_summary(tmp_path):
    compat.resolve_summaries_per_page()
    article = _article(tmp_path, "")
    article._content = "<p>Un texte de trois mots.</p>"
    article.refresh_metadata_intersite_links()
    assert article.get_summary("..") == "<p>Un texte de trois mots.</p>"


def test_pelicans_memoized_bodies_and_summaries_are_forgotten(tmp_path):
    """Pelican keeps each content's body and summary for the process, in a dict of its class: what
    forget_memoized_contents empties (a build's contents are no longer kept alive by it)."""
    compat.resolve_summaries_per_page()
    article = _article(tmp_path, "", {"localsiteurl": ""})
    article._content = "<p>Un texte.</p>"
    article.refresh_metadata_intersite_links()
    memos = [memo for memo in [*vars(Content).values(), *compat._PELICAN_MEMOS] if isinstance(memo, memoized)]
    assert {memo.func.__name__ for memo in memos} == {"get_content", "get_summary"}
    assert (article.content, article.get_summary("..")) == ("<p>Un texte.</p>", "<p>Un texte.</p>")
    assert all(any(article in key for key in memo.cache) for memo in memos)
    compat.forget_memoized_contents()
    assert [memo.cache for memo in memos] == [{}, {}]


def _engine_markdown_reader():
    import copy

    from pelican.readers import MarkdownReader

    from core import engine_settings
    from plugins.findings.block import FindingExtension
    from plugins.strict_content.raw_html import NoRawHtmlExtension

    markdown_settings = copy.deepcopy(engine_settings.MARKDOWN)
    markdown_settings["extensions"] = [FindingExtension(), NoRawHtmlExtension()]
    return MarkdownReader(dict(DEFAULT_CONFIG, MARKDOWN=markdown_settings))


# Each keeps state between documents in its extension: footnotes, abbreviations, toc (ids made
# unique within a document), pymdownx blocks (stack of open blocks), meta, attr_list.
STATEFUL_SOURCES = (
    "Title: Premier\nSummary: Un résumé[^r].\n\n[^r]: Note du résumé.\n\n## Enjeux\n\nTexte[^1] de l’ OT.\n\n"
    "*[OT]: Office de tourisme\n\n[^1]: Une note.\n\n/// constat | Titre\n    id: c-01\n\nCorps {: .x }\n\n"
    "/// admonition | Ouvert\n",
    "Title: Second\n\n## Enjeux\n\nTexte[^1] de l’ OT.\n\n[^1]: Autre note.\n\n/// constat | Titre\n    id: c-02\n\n"
    "Corps.\n///\n",
    "Pas de métadonnées ici.\n\n## Enjeux\n\nOT\n",
)


def test_one_markdown_object_per_reader_reads_each_file_as_a_new_one_would(tmp_path):
    shared = _engine_markdown_reader()
    given = []
    for number, text in enumerate(STATEFUL_SOURCES):
        path = str(tmp_path / f"{number}.md")
        given.append(compat.read_markdown_text(shared, path, text))
        assert given[-1] == compat.read_markdown_text(_engine_markdown_reader(), path, text)
    assert shared._md is shared._shared_markdown  # one object, reused
    second_html, second_meta = given[1]
    assert second_meta == {"title": "Second"}  # the meta preprocessor Pelican deregistered is back
    assert second_html.count('id="enjeux"') == 1 and "enjeux_1" not in second_html  # toc ids start over
    assert second_html.count('class="footnote-ref"') == 1 and "Une note" not in second_html
    assert "<abbr" not in second_html  # the first file's abbreviation is forgotten
    assert '<section aria-labelledby="c-02-titre" class="constat" id="c-02">' in second_html
    assert "admonition" not in second_html  # the first file's unclosed block does not swallow the second
    assert given[2] == ("<p>Pas de métadonnées ici.</p>\n<h2 id=\"enjeux\">Enjeux</h2>\n<p>OT</p>", {})
