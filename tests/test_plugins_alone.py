"""Each plugin in a tiny site of its own, pelican-plugins style: only that plugin (and those it
declares it needs), Pelican's « simple » theme, a few files written by the test. A plugin that
relies on another without saying so, or on the office's settings, fails here.
"""

from __future__ import annotations

import re
import textwrap

import pytest
from bs4 import BeautifulSoup

from site_build import build

SETTINGS = """\
from core.engine_settings import *  # noqa: F403

SITENAME = "Site minimal"
THEME = "simple"
JINJA_ENVIRONMENT = {{"trim_blocks": True, "lstrip_blocks": True}}  # the simple theme does not mark HTML safe
PLUGINS = {plugins!r}
SECTIONS = {{"nouvelles": {{"title": "Nouvelles", "intro": None}}}}
{extra}
"""
POST = "Title: Ouverture\nDate: 2016-03-01\nSummary: Une ouverture.\n\n{body}\n"


class TinySite:
    def __init__(self, base, plugins: list[str], extra: str = ""):
        self.base = base
        self.settings = base / "pelicanconf.py"
        self.settings.write_text(SETTINGS.format(plugins=plugins, extra=textwrap.dedent(extra)), encoding="utf-8")
        (base / "content" / "articles" / "nouvelles").mkdir(parents=True)

    def write(self, relative: str, text: str):
        path = self.base / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def build(self):
        return build(str(self.settings), str(self.base / "output"))

    def page(self, relative: str) -> BeautifulSoup:
        return BeautifulSoup((self.base / "output" / relative).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1782864000")
    monkeypatch.chdir(tmp_path)
    return lambda plugins, extra="": TinySite(tmp_path, plugins, extra)


def messages(result) -> list[str]:
    return [str(problem) for problem in result.problems]


def test_no_plugin_at_all_builds_the_simple_site(tiny):
    site = tiny([])
    site.write("content/articles/nouvelles/ouverture.md", POST.format(body="Bonjour."))
    result = site.build()
    assert result.problems == []
    assert site.page("nouvelles/ouverture/index.html").find("h2").get_text(strip=True) == "Ouverture"


def test_site_data_alone_reads_no_file_it_does_not_know(tiny):
    site = tiny(["plugins.site_data"])
    site.write("content/articles/nouvelles/ouverture.md", POST.format(body="Bonjour."))
    assert site.build().problems == []
    site.write("data/phases.yml", "- id: a\n")  # no plugin of this site registers phases.yml
    [message] = messages(site.build())
    assert message.startswith("data/phases.yml: fichier de données inconnu")


def test_strict_content_alone_locates_bad_metadata_and_builds_its_menu(tiny):
    site = tiny(["plugins.strict_content"])
    site.write("content/articles/nouvelles/ouverture.md", "Title: Ouverture\nDate: 2016-02-30\n\nTexte.\n")
    assert messages(site.build()) == [
        "content/articles/nouvelles/ouverture.md:2:7: date « 2016-02-30 » impossible : ce jour n'existe pas"]
    site.write("content/articles/nouvelles/ouverture.md", POST.format(body="Texte."))
    site.write("content/articles/ailleurs/x.md", POST.format(body="Texte."))
    assert messages(site.build()) == [
        "content/articles/ailleurs/x.md: rubrique « ailleurs » inconnue : placez l'article dans l'un des dossiers "
        "content/articles/nouvelles/"]


def test_french_typography_alone_sets_french_spaces(tiny):
    site = tiny(["plugins.french_typography"])
    site.write("content/articles/nouvelles/ouverture.md", POST.format(body="Vraiment ? « Oui » : c’est ça !"))
    assert site.build().problems == []
    text = site.page("nouvelles/ouverture/index.html").find("article").get_text()
    assert "Vraiment\u202f? «\u202fOui\u202f»\u00a0: c’est ça\u202f!" in text


def test_content_urls_alone_keeps_pelicans_urls(tiny):
    site = tiny(["plugins.content_urls"])
    site.write("content/articles/nouvelles/ouverture.md", POST.format(body="[Accueil]({filename}/pages/a.md)"))
    site.write("content/pages/a.md", "Title: A\n\nPage A.\n")
    assert site.build().problems == []
    assert site.page("nouvelles/ouverture/index.html").find("a", string="Accueil")["href"] == "../../a/"


def test_images_with_strict_content_publish_a_picture(tiny):
    import io

    from PIL import Image

    site = tiny(["plugins.strict_content", "plugins.images"])
    photo = io.BytesIO()
    Image.linear_gradient("L").resize((600, 300)).convert("RGB").save(photo, "JPEG")
    (site.base / "content" / "images").mkdir(parents=True)
    (site.base / "content" / "images" / "a.jpg").write_bytes(photo.getvalue())
    site.write("content/articles/nouvelles/ouverture.md", POST.format(body="![Un dégradé]({static}/images/a.jpg)"))
    assert site.build().problems == []
    img = site.page("nouvelles/ouverture/index.html").select_one("picture img")
    assert (img["src"], img["srcset"], img["width"]) == (
        "../../images/a.jpg", "../../images/a-480w.jpg 480w, ../../images/a.jpg 600w", "600")
    assert sorted(path.name for path in (site.base / "output" / "images").iterdir()) == [
        "a-480w.avif", "a-480w.jpg", "a-480w.webp", "a-600w.avif", "a-600w.webp", "a.jpg"]


def test_office_settings_alone_checks_the_office_block(tiny):
    site = tiny(["plugins.office_settings"], extra="""\
        CONTACT_EMAIL = "consultation(a)exemple.fr"
        PUBLIC_SITEURL = "https://www.exemple.fr/site"
        PUBLISHER = {"name": "Office de test", "legal_form": None, "address": None, "phone": None,
                     "siret": None, "director": None}
        OFFICE_NAME_ARTICLE = "l’"
        HOST = {"name": None, "address": None, "phone": None}
        ACCESSIBILITY_STATUS = "non conforme"
        ACCESSIBILITY_DECLARATION_DATE = "2026-11-25"
        """)
    site.write("content/articles/nouvelles/ouverture.md", POST.format(body="Texte."))
    [message] = messages(site.build())
    assert re.fullmatch(r"pelicanconf\.py:\d+: réglage CONTACT_EMAIL : adresse électronique "
                        r"« consultation\(a\)exemple\.fr » invalide", message), message


def test_a_plugin_without_what_it_needs_says_so(tiny):
    site = tiny(["plugins.site_data", "plugins.findings"])
    assert messages(site.build()) == [
        "pelicanconf.py:6: réglage PLUGINS : l'extension « plugins.findings » a besoin de l'extension "
        "« plugins.strict_content » : ajoutez-la à PLUGINS"]
