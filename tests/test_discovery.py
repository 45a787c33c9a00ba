"""Being found and shared: Atom feeds, sitemap.xml, robots.txt, canonical and Open Graph."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
import pytest
from bs4 import BeautifulSoup

from plugins.discovery.sitemap import canonical_url

PUBLIC = "https://www.example.org/la-vallee-au-sommet"


def parse(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pages(output):
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))


def is_noindex(page) -> bool:
    robots = page.find("meta", attrs={"name": "robots"})
    return robots is not None and "noindex" in robots["content"]


@pytest.mark.parametrize("output_file, url", [
    ("index.html", PUBLIC + "/"),
    ("etat-des-lieux/x/index.html", PUBLIC + "/etat-des-lieux/x/"),
    ("donnees/a.html", PUBLIC + "/donnees/a.html"),
])
def test_canonical_url(output_file, url):
    assert canonical_url(PUBLIC, output_file) == url


def test_sitemap_lists_every_indexable_page(built_site):
    tree = ET.parse(built_site / "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [loc.text for loc in tree.getroot().findall("s:url/s:loc", namespace)]
    expected = [canonical_url(PUBLIC, p) for p in pages(built_site) if not is_noindex(parse(built_site / p))]
    assert listed == sorted(expected)
    assert len(listed) >= 20
    assert PUBLIC + "/constats/" in listed and PUBLIC + "/feuille-de-route/" in listed


def test_robots_txt(built_site):
    assert (built_site / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nAllow: /\n\nSitemap: {PUBLIC}/sitemap.xml\n")


def test_every_page_has_canonical_and_open_graph(built_site):
    for relative in pages(built_site):
        page = parse(built_site / relative)
        if is_noindex(page):
            continue
        canonical = page.find("link", rel="canonical")["href"]
        assert canonical == canonical_url(PUBLIC, relative), relative
        og = {m["property"]: m["content"] for m in page.find_all("meta", attrs={"property": True})}
        assert og["og:url"] == canonical, relative
        assert og["og:locale"] == "fr_FR"
        assert og["og:site_name"] == "La Vallée au Sommet"
        assert og["og:image"] == PUBLIC + "/theme/images/partage.png"
        assert og["og:title"] == page.title.get_text(), relative
        assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"


def test_article_open_graph_type_and_description(built_site):
    page = parse(built_site / "etat-des-lieux" / "un-seul-nom" / "index.html")
    og = {m["property"]: m["content"] for m in page.find_all("meta", attrs={"property": True})}
    assert og["og:type"] == "article"
    assert og["og:description"] == page.find("meta", attrs={"name": "description"})["content"]
    assert og["article:published_time"] == "2016-03-15"


def test_share_image_is_a_1200x630_png(built_site):
    data = (built_site / "theme" / "images" / "partage.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 630)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The tests' site built with publishconf.py (absolute URLs, feeds on)."""
    import os

    from site_build import build

    from conftest import FIXED_EPOCH, OFFICE_SITE

    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_EPOCH
    try:
        result = build(str(OFFICE_SITE / "publishconf.py"), str(tmp_path_factory.mktemp("pub") / "output"))
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    assert result.ok, result.problems
    from pathlib import Path
    return Path(result.output)


@pytest.mark.parametrize("feed, titles", [
    ("all.atom.xml", ["Les constats du diagnostic partagés sur ce blog",
                      "Les professionnels, premiers relais de la destination", "Se rassembler sous un même nom",
                      "Un contexte qui appelle une nouvelle feuille de route", "Lancement de «\u202fLa Vallée au Sommet\u202f»"]),
    ("etat-des-lieux.atom.xml", ["Les professionnels, premiers relais de la destination",
                                 "Se rassembler sous un même nom",
                                 "Un contexte qui appelle une nouvelle feuille de route"]),
    ("nouvelles.atom.xml", ["Les constats du diagnostic partagés sur ce blog",
                            "Lancement de «\u202fLa Vallée au Sommet\u202f»"]),
])
def test_atom_feeds_parse_with_absolute_links(published, feed, titles):
    # Pelican's feed writer runs titles through striptags, which turns no-break spaces into spaces.
    parsed = feedparser.parse((published / "feeds" / feed).read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [entry.title for entry in parsed.entries] == titles
    assert all(entry.link.startswith(PUBLIC + "/") for entry in parsed.entries)


def test_feeds_are_announced_in_the_head(published):
    home = parse(published / "index.html")
    alternates = [(l["href"], l["title"]) for l in home.find_all("link", rel="alternate", type="application/atom+xml")]
    assert alternates[0] == (PUBLIC + "/feeds/all.atom.xml", "La Vallée au Sommet\u00a0: toutes les publications")
    section = parse(published / "etat-des-lieux" / "index.html")
    hrefs = [l["href"] for l in section.find_all("link", rel="alternate", type="application/atom+xml")]
    assert PUBLIC + "/feeds/etat-des-lieux.atom.xml" in hrefs
