"""The timeline for partners' sites, as built (plugins/timeline/embed.py): the embed pages
/embed/chronologie/ and /embed/chronologie/en/ and their script, the host script
/embed/chronologie.js, the oEmbed responses /oembed/chronologie.json and
/oembed/chronologie-en.json; the English dates and periods. Browser tests, across two origins,
are in test_embed_browser.py.
"""

from __future__ import annotations

import base64
import datetime
import gzip
import hashlib
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from plugins.site_data.schema import PartialDate
from plugins.timeline.embed import SANDBOX, page_script, sri
from plugins.timeline.english_dates import date_en, month_en, partial_date_en, period_en

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = "https://www.example.org/la-vallee-au-sommet"  # PUBLIC_SITEURL of tests/sites/office/pelicanconf.py
PAGES = {"fr": "embed/chronologie/index.html", "en": "embed/chronologie/en/index.html"}
OEMBED = {"fr": "oembed/chronologie.json", "en": "oembed/chronologie-en.json"}
HOST_SCRIPT = "embed/chronologie.js"
EMBED_SCRIPT = "theme/js/embed-chronologie.js"

# Budgets, gzip level 9 as a server would send them (no file name in the gzip header).
PAGE_BUDGET = 10 * 1024  # the embed page and its one script together
HOST_SCRIPT_BUDGET = 1024

# The host script's hash, as partners paste it (integrity="…"). Changing the script breaks every
# partner's embed that pins this hash: publish a changed script under a new address instead.
PUBLISHED_SRI = "sha384-XBTgoJcox6EHWQjxJPsfEBlcPbWyFUNokmHCRCgjEIdCrJwOYqDAdUZTHk8mooXM"


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def soup(built_site: Path, relative: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / relative).read_text(encoding="utf-8"), "html.parser")


def states(page: BeautifulSoup) -> list[tuple[str, str, bool]]:
    """(phase id, visible state label, aria-current="step") for each phase of an embed page."""
    return [(li["id"], " ".join(s.get_text() for s in li.find_all("strong", class_="badge")
                                if not s.has_attr("hidden")), li.get("aria-current") == "step")
            for li in page.find("ol").find_all("li", recursive=False)]


# --- Budgets -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["fr", "en"])
def test_embed_page_and_its_script_fit_in_10_kb_gzipped(built_site, lang):
    size = gzipped(built_site / PAGES[lang]) + gzipped(built_site / EMBED_SCRIPT)
    print(f"{PAGES[lang]} + {EMBED_SCRIPT}: {size} bytes gzipped")
    assert size <= PAGE_BUDGET, f"{size} bytes gzipped > {PAGE_BUDGET}"


def test_host_script_fits_in_1_kb_gzipped(built_site):
    size = gzipped(built_site / HOST_SCRIPT)
    print(f"{HOST_SCRIPT}: {size} bytes gzipped")
    assert size <= HOST_SCRIPT_BUDGET, f"{size} bytes gzipped > {HOST_SCRIPT_BUDGET}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_embed_page_loads_one_same_origin_script_and_nothing_else(built_site, lang):
    page = soup(built_site, PAGES[lang])
    assert [script["src"] for script in page.find_all("script")] == [
        "../../theme/js/embed-chronologie.js" if lang == "fr" else "../../../theme/js/embed-chronologie.js"]
    assert page.find_all(["img", "iframe", "object", "embed", "video", "audio", "source"]) == []
    loaded = [(link["rel"], link["href"]) for link in page.find_all("link")
              if not {"canonical", "alternate"} & set(link["rel"])]
    assert loaded == [(["icon"], "data:,")]  # no stylesheet: the CSS is inline
    assert "url(" not in page.find("style").get_text()  # no font, no image


# --- The embed pages -----------------------------------------------------------------------

def test_french_embed_page(built_site):
    page = soup(built_site, PAGES["fr"])
    assert page.html["lang"] == "fr"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.find("link", rel="canonical")["href"] == f"{PUBLIC}/la-demarche/"
    assert page.title.get_text() == "Les étapes de la démarche «\u202fLa Vallée au Sommet\u202f»"
    assert page.find("meta", attrs={"name": "description"})["content"] == (
        "Les étapes de la démarche «\u202fLa Vallée au Sommet\u202f» et leurs dates\u00a0: terminées, en cours, "
        "à venir. Frise à intégrer sur le site d’un partenaire.")
    assert states(page) == [("phase-cadrage", "Terminée", False), ("phase-etat-des-lieux", "Terminée", False),
                            ("phase-orientations", "Terminée", False), ("phase-identite", "En cours", True)]
    diagnostic = page.find("li", id="phase-etat-des-lieux")
    assert (diagnostic["data-from"], diagnostic["data-until"]) == ("2016-03-01", "2016-04-30")
    assert [label.get_text() for label in diagnostic.find_all("strong", class_="badge")] == ["À venir", "En cours", "Terminée"]
    assert [label.get_text() for label in diagnostic.find("p", class_="consultation").find_all("strong")] == [
        "à venir", "ouverte", "close"]
    assert diagnostic.find("p", class_="meta").find("span").get_text() == "de mars à avril 2016"
    assert [t["datetime"] for t in diagnostic.find("p", class_="meta").find_all("time")] == ["2016-03", "2016-04"]
    assert page.find("li", id="phase-identite").find("span").get_text() == "à partir de juin 2016"


def test_english_embed_page(built_site):
    page = soup(built_site, PAGES["en"])
    assert page.html["lang"] == "en"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.find("link", rel="canonical")["href"] == f"{PUBLIC}/la-demarche/"
    assert page.title.get_text() == "The steps of the “La Vallée au Sommet” process"
    assert page.find("meta", attrs={"name": "description"})["content"] == (
        "The steps of the “La Vallée au Sommet” process and their dates: completed, ongoing, upcoming. "
        "A timeline to embed on a partner’s website.")
    assert states(page) == [("phase-cadrage", "Completed", False), ("phase-etat-des-lieux", "Completed", False),
                            ("phase-orientations", "Completed", False), ("phase-identite", "Ongoing", True)]
    diagnostic = page.find("li", id="phase-etat-des-lieux")
    assert [label.get_text() for label in diagnostic.find_all("strong", class_="badge")] == ["Upcoming", "Ongoing", "Completed"]
    assert diagnostic.find("p", class_="meta").find("span").get_text() == "March to April 2016"
    assert page.find("li", id="phase-identite").find("span").get_text() == "from June 2016"
    # The phases are written in French only: their text says so to screen readers.
    assert diagnostic.find("a")["lang"] == "fr"
    assert diagnostic.find("p", class_="summary")["lang"] == "fr"
    assert page.find("p", class_="more").find("a").get("lang") is None


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_link_of_the_embed_page_opens_in_the_top_window(built_site, lang):
    page = soup(built_site, PAGES[lang])
    links = page.find_all("a")
    assert len(links) == 5  # four phases, and the whole process
    assert {link.get("target") for link in links} == {"_top"}
    prefix = "../../" if lang == "fr" else "../../../"
    assert [link["href"] for link in links] == [prefix + href for href in (
        "la-demarche/#phase-cadrage", "etat-des-lieux/", "axes/", "la-demarche/#phase-identite", "la-demarche/")]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_embed_page_announces_its_oembed_response(built_site, lang):
    [link] = soup(built_site, PAGES[lang]).find_all("link", type="application/json+oembed")
    assert link["rel"] == ["alternate"]
    assert link["href"] == f"{PUBLIC}/{OEMBED[lang]}"


def test_timeline_page_announces_the_oembed_response(built_site):
    """WordPress reads this <link> when an author pastes the address of /la-demarche/."""
    page = soup(built_site, "la-demarche/index.html")
    [link] = page.head.find_all("link", type="application/json+oembed")
    assert link["rel"] == ["alternate"]
    assert link["href"] == f"{PUBLIC}/oembed/chronologie.json"
    assert link["title"] == "Les étapes de la démarche «\u202fLa Vallée au Sommet\u202f»"


# --- oEmbed ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, title, page", [
    ("fr", "Les étapes de la démarche «\u202fLa Vallée au Sommet\u202f»", "embed/chronologie/"),
    ("en", "The steps of the “La Vallée au Sommet” process", "embed/chronologie/en/"),
])
def test_oembed_response(built_site, lang, title, page):
    payload = json.loads((built_site / OEMBED[lang]).read_text(encoding="utf-8"))
    assert list(payload) == ["version", "type", "provider_name", "provider_url", "title", "width", "height", "html"]
    assert payload["version"] == "1.0" and payload["type"] == "rich"
    assert (payload["provider_name"], payload["provider_url"]) == ("La Vallée au Sommet", f"{PUBLIC}/")
    assert (payload["title"], payload["width"]) == (title, 600)
    markup = BeautifulSoup(payload["html"], "html.parser")
    assert [element.name for element in markup.children] == ["blockquote", "iframe", "script"]
    quote = markup.find("blockquote")
    assert quote["class"] == ["wp-embedded-content"]
    assert quote.find("a")["href"] == (f"{PUBLIC}/la-demarche/" if lang == "fr" else f"{PUBLIC}/{page}")
    iframe = markup.find("iframe")
    assert iframe["src"] == f"{PUBLIC}/{page}"  # no fragment: WordPress appends #?secret=
    assert iframe["title"] == title
    assert (iframe["width"], iframe["height"]) == ("600", str(payload["height"]))
    assert iframe["class"] == ["wp-embedded-content"]
    assert iframe["loading"] == "lazy" and iframe["referrerpolicy"] == "no-referrer"
    assert iframe["sandbox"] == SANDBOX.split()  # a token list for BeautifulSoup
    script = markup.find("script")
    assert script["src"] == f"{PUBLIC}/embed/chronologie.js"
    assert script["integrity"] == PUBLISHED_SRI and script["crossorigin"] == "anonymous"


def test_sandbox_never_lets_the_frame_be_same_origin_with_scripts():
    tokens = SANDBOX.split()
    assert "allow-scripts" in tokens and "allow-same-origin" not in tokens
    assert sorted(tokens) == ["allow-popups", "allow-popups-to-escape-sandbox", "allow-scripts",
                              "allow-top-navigation-by-user-activation"]


# --- The host script ---------------------------------------------------------------------------

def test_host_script_is_published_byte_for_byte_with_its_hash(built_site):
    published = (built_site / HOST_SCRIPT).read_bytes()
    assert published == (ROOT / "plugins" / "timeline" / "chronologie.js").read_bytes()
    digest = "sha384-" + base64.b64encode(hashlib.sha384(published).digest()).decode()
    assert sri(published) == digest
    assert digest == PUBLISHED_SRI, (
        "the host script changed: partners' integrity attributes pin the published hash "
        f"{PUBLISHED_SRI}; publish the new script under a new address (new hash {digest})")


@pytest.mark.parametrize("relative", [HOST_SCRIPT, EMBED_SCRIPT])
def test_scripts_never_write_markup(built_site, relative):
    source = (built_site / relative).read_text(encoding="utf-8")
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                      "Function(", "setTimeout(\"", "localStorage", "sessionStorage", "cookie"):
        assert forbidden not in source
    assert source.isascii()  # read right whatever the charset of the partner's page


def test_context_exposes_the_hash_and_the_snippets(built_site):
    """The partner page (/partenaires/) shows the snippets with the hash: both come from the context."""
    partners = built_site / "partenaires" / "index.html"
    if partners.exists():
        assert PUBLISHED_SRI in partners.read_text(encoding="utf-8")


def test_snippets():
    from plugins.timeline.embed import embed_context

    settings = {"PUBLIC_SITEURL": PUBLIC, "SITENAME": "La Vallée au Sommet", "TIMELINE_PAGE_URL": "la-demarche/",
                "EMBED_URLS": {"page_fr": "embed/chronologie/", "page_en": "embed/chronologie/en/",
                               "script": "embed/chronologie.js", "oembed_fr": "oembed/chronologie.json",
                               "oembed_en": "oembed/chronologie-en.json"}, "OEMBED_WIDTH": 600}
    embed = embed_context(settings, [{"title": "Diagnostic", "summary": "x" * 110}], "sha384-abc")
    assert embed["fr"]["height"] == 120 + 90 + 48
    # At 288 px: 22.4 characters a line (9.5 px each, less 75 px of margins), 19 in the bold title;
    # the heading's 50 characters on 2 lines, the closing link's 80 on 3.
    assert embed["fr"]["narrow_height"] == 36 + 26 * 2 + 24 * 3 + (20 + 23 * 1 + 24 * 2 + 24 * 5)
    assert embed["fr"]["snippets"]["script"] == (
        f'<a href="{PUBLIC}/la-demarche/" data-lvas-chronologie>Les étapes de la démarche «\u202fLa Vallée au '
        f'Sommet\u202f»</a>\n<script async src="{PUBLIC}/embed/chronologie.js" integrity="sha384-abc" '
        'crossorigin="anonymous"></script>')
    assert embed["en"]["snippets"]["script"].startswith(
        f'<a href="{PUBLIC}/embed/chronologie/en/" hreflang="en" data-lvas-chronologie>The steps of the '
        '“La Vallée au Sommet” process</a>\n')
    assert embed["fr"]["snippets"]["iframe"] == (
        f'<iframe src="{PUBLIC}/embed/chronologie/" title="Les étapes de la démarche «\u202fLa Vallée au '
        'Sommet\u202f»" style="display: block; width: 100%; height: 258px; '
        'height: max(258px, calc(371px - (100vw - 320px) * 0.362)); border: 0;" '
        f'sandbox="{SANDBOX}" loading="lazy" referrerpolicy="no-referrer" data-lvas-chronologie></iframe>')
    assert embed["fr"]["snippets"]["wordpress"] == f"{PUBLIC}/la-demarche/"
    assert embed["en"]["snippets"]["wordpress"] == f"{PUBLIC}/embed/chronologie/en/"


# --- English dates ------------------------------------------------------------------------------

@pytest.mark.parametrize("function, value, expected", [
    (date_en, datetime.date(2016, 3, 1), "1 March 2016"),
    (date_en, "2016-04-30", "30 April 2016"),
    (month_en, datetime.date(2016, 6, 1), "June 2016"),
    (partial_date_en, PartialDate(2016, 6), "June 2016"),
    (partial_date_en, PartialDate(2016, 6, 15), "15 June 2016"),
])
def test_english_dates(function, value, expected):
    assert function(value) == expected


@pytest.mark.parametrize("start, end, html", [
    # No end: « from », to the month or the day.
    (PartialDate(2016, 6), None, 'from <time datetime="2016-06">June 2016</time>'),
    (PartialDate(2016, 6, 15), None, 'from <time datetime="2016-06-15">15 June 2016</time>'),
    # One month, one day.
    (PartialDate(2016, 3), PartialDate(2016, 3), 'in <time datetime="2016-03">March 2016</time>'),
    (PartialDate(2016, 3, 1), PartialDate(2016, 3, 1), 'on <time datetime="2016-03-01">1 March 2016</time>'),
    # Two months: the year once when it is the same.
    (PartialDate(2016, 1), PartialDate(2016, 2),
     '<time datetime="2016-01">January</time> to <time datetime="2016-02">February 2016</time>'),
    (PartialDate(2015, 12), PartialDate(2016, 1),
     '<time datetime="2015-12">December 2015</time> to <time datetime="2016-01">January 2016</time>'),
    # A bound known to the day: from the first day to the last.
    (PartialDate(2016, 3, 15), PartialDate(2016, 4),
     '<time datetime="2016-03-15">15 March</time> to <time datetime="2016-04-30">30 April 2016</time>'),
    (PartialDate(2016, 3), PartialDate(2016, 4, 15),
     '<time datetime="2016-03-01">1 March</time> to <time datetime="2016-04-15">15 April 2016</time>'),
    (PartialDate(2015, 12, 15), PartialDate(2016, 1, 10),
     '<time datetime="2015-12-15">15 December 2015</time> to <time datetime="2016-01-10">10 January 2016</time>'),
])
def test_english_period(start, end, html):
    found = period_en(start, end)
    assert isinstance(found, Markup)  # not escaped again by the template
    assert found == html


# --- The embed pages' script: today.js, then the embed's own part ------------------------------

def test_embed_script_is_today_js_then_the_embed_part(built_site):
    """The date-state rule is written once (theme/static/js/today.js); the embed page still loads a
    single script, built from it and plugins/timeline/embed-page.js."""
    today = (ROOT / "theme" / "static" / "js" / "today.js").read_bytes()
    part = (ROOT / "plugins" / "timeline" / "embed-page.js").read_bytes()
    assert (built_site / EMBED_SCRIPT).read_bytes() == today + part
    assert page_script(str(ROOT / "theme")) == today + part
    assert "data-from" not in part.decode("utf-8")  # the rule is not copied into the embed's part
    assert not (ROOT / "theme" / "static" / EMBED_SCRIPT.removeprefix("theme/")).exists()


def test_the_partners_guide_gives_the_published_hash():
    assert PUBLISHED_SRI in (ROOT / "docs" / "partenaires.md").read_text(encoding="utf-8")
