"""The partner kit /partenaires/: a live preview of the embeddable timeline, the code to paste for
each way of showing it (absolute addresses on PUBLIC_SITEURL), and « Copier » buttons that only
JavaScript adds."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest
from bs4 import BeautifulSoup

SITE = "https://www.example.org/la-vallee-au-sommet/"
NB, NN = "\u00a0", "\u202f"
TITLE = f"Les étapes de la démarche «{NN}La Vallée au Sommet{NN}»"
TITLE_EN = "The steps of the “La Vallée au Sommet” process"
SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
LABELS = {
    "wordpress": "Copier l’adresse pour WordPress",
    "iframe": "Copier le code iframe",
    "script": "Copier le code script",
    "webcal": "Copier l’adresse d’abonnement au calendrier",
    "ics": "Copier l’adresse https du calendrier",
    "wordpress-en": "Copier l’adresse pour WordPress (version anglaise)",
    "iframe-en": "Copier le code iframe (version anglaise)",
    "script-en": "Copier le code script (version anglaise)",
}


def parse(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# The frame's height on a 320 px phone without the script, estimated from the tests' site's phases
# (plugins/timeline/embed.py narrow_height; measured 1432 px in Chromium at 288 px wide), and how
# fast it falls to the oEmbed height at 632 px: (1433 - 792) / (632 - 320).
NARROW, SLOPE = 1433, "2.054"


def expected_snippets(output) -> dict[str, tuple[str, str]]:
    """What partners paste for the demo site, by block id: (button label, exact text). The frame's
    height is the one announced by the oEmbed answer; the hash is the published script's."""
    height = json.loads((output / "oembed" / "chronologie.json").read_bytes())["height"]
    digest = base64.b64encode(hashlib.sha384((output / "embed" / "chronologie.js").read_bytes()).digest()).decode()
    script = (f'<script async src="{SITE}embed/chronologie.js" integrity="sha384-{digest}" '
              'crossorigin="anonymous"></script>')

    def iframe(path: str, title: str) -> str:
        return (f'<iframe src="{SITE}{path}" title="{title}" style="display: block; width: 100%; height: {height}px; '
                f'height: max({height}px, calc({NARROW}px - (100vw - 320px) * {SLOPE})); '
                f'border: 0;" sandbox="{SANDBOX}" loading="lazy" referrerpolicy="no-referrer" data-lvas-chronologie>'
                "</iframe>")

    texts = {
        "wordpress": SITE + "la-demarche/",
        "iframe": iframe("embed/chronologie/", TITLE),
        "script": f'<a href="{SITE}la-demarche/" data-lvas-chronologie>{TITLE}</a>\n{script}',
        "webcal": "webcal://www.example.org/la-vallee-au-sommet/donnees/phases.ics",
        "ics": SITE + "donnees/phases.ics",
        "wordpress-en": SITE + "embed/chronologie/en/",
        "iframe-en": iframe("embed/chronologie/en/", TITLE_EN),
        "script-en": (f'<a href="{SITE}embed/chronologie/en/" hreflang="en" data-lvas-chronologie>{TITLE_EN}</a>\n'
                      f'{script}'),
    }
    return {id: (LABELS[id], texts[id]) for id in LABELS}


def test_snippets_exact_texts_in_pre_code(built_site):
    page = parse(built_site / "partenaires" / "index.html")
    assert page.h1.get_text() == "Intégrer la frise sur votre site"
    blocks = page.main.find_all("pre")
    found = {pre["id"].removeprefix("code-"): (pre["data-copy-label"], pre.code.get_text()) for pre in blocks}
    assert found == expected_snippets(built_site)
    assert all(list(pre.children) == [pre.code] for pre in blocks)  # nothing around the code to copy


def test_live_preview_and_links(built_site):
    page = parse(built_site / "partenaires" / "index.html")
    preview = page.main.find("iframe")
    assert preview["src"] == "../embed/chronologie/"
    assert preview["title"] == f"Aperçu{NB}: les étapes de la démarche «{NN}La Vallée au Sommet{NN}»"
    assert preview["sandbox"] == SANDBOX.split()  # as on partners' sites
    subscribe = page.main.find("a", string="S’abonner au calendrier des phases")
    assert subscribe["href"] == "webcal://www.example.org/la-vallee-au-sommet/donnees/phases.ics"
    download = page.main.find("a", string="phases.ics")
    assert (download["href"], download["type"]) == ("../donnees/phases.ics", "text/calendar")
    assert page.main.find("a", string="Données ouvertes")["href"] == "../donnees/#jeu-phases"
    sections = [h2["id"] for h2 in page.main.find_all("h2")]
    assert sections == ["facons-titre", "apercu", "wordpress", "iframe", "script", "calendrier", "anglais", "donnees"]
    assert [a["href"] for a in page.main.nav.find_all("a")] == ["#wordpress", "#iframe", "#script", "#calendrier",
                                                               "#anglais"]


def test_no_button_in_the_html_and_copy_script_only_where_there_is_text_to_copy(built_site):
    with_copy = []
    for path in sorted(built_site.rglob("*.html")):
        page = parse(path)
        scripts = [script["src"] for script in page.find_all("script", src=True)]
        assert page.find("button", class_="bouton-copie") is None, path  # added by copy.js only
        copied = page.find("pre", attrs={"data-copy-label": True}) is not None
        assert any(src.endswith("/copy.js") for src in scripts) == copied, path
        if copied:
            with_copy.append(path.relative_to(built_site).as_posix())
    page = parse(built_site / "partenaires" / "index.html")
    assert page.find("script", src="../theme/js/copy.js").has_attr("defer")
    # The tests' site is built once its consultation is closed: no prepared message to copy under the findings
    # (tests/test_consultation_window.py builds it while the consultation is open).
    assert with_copy == ["partenaires/index.html"]


def test_published_build_uses_absolute_addresses_too(site):
    result = site.build("publishconf.py")
    assert result.ok, result.problems
    page = parse(site.output / "partenaires" / "index.html")
    assert page.main.find("iframe")["src"] == SITE + "embed/chronologie/"
    found = {pre["id"].removeprefix("code-"): pre.code.get_text() for pre in page.main.find_all("pre")}
    assert found == {id: text for id, (_, text) in expected_snippets(site.output).items()}


def test_footer_links_to_the_partner_page(built_site):
    for relative in ("index.html", "donnees/index.html", "etat-des-lieux/index.html"):
        link = parse(built_site / relative).find("footer").find("a", string="Partenaires")
        target = (built_site / relative).parent / link["href"] / "index.html"
        assert target.resolve() == (built_site / "partenaires" / "index.html").resolve(), relative
    current = parse(built_site / "partenaires" / "index.html").find("footer").find("a", string="Partenaires")
    assert current["aria-current"] == "page"


# --- In the browser -------------------------------------------------------------------------------

@pytest.fixture
def partner_page(browser, site_server):
    """The page with JavaScript, allowed to write and read the clipboard."""
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.origin)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_server.origin)
                  else route.abort("blockedbyclient"))
    page = context.new_page()
    page.goto(site_server.url("/partenaires/"), wait_until="load")
    yield page
    context.close()


@pytest.mark.browser
def test_copy_buttons_put_exactly_the_snippet_on_the_clipboard(partner_page, built_site):
    page = partner_page
    expected = expected_snippets(built_site)
    buttons = page.locator("main button")
    assert buttons.all_text_contents() == [label for label, _ in expected.values()]
    for id, (label, text) in expected.items():
        page.get_by_role("button", name=label, exact=True).click()
        status = page.locator(f"#code-{id} + .copie [aria-live='polite']")
        status.filter(has_text="Copié").wait_for()
        assert status.text_content() == "Copié"
        assert page.evaluate("navigator.clipboard.readText()") == text, id
        # Only the last copy is announced.
        assert page.locator("main [aria-live='polite']").all_text_contents().count("Copié") == 1


@pytest.mark.browser
def test_without_clipboard_api_the_snippet_is_selected(partner_page, built_site):
    page = partner_page
    page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.evaluate("document.execCommand = () => false")  # a browser that refuses to copy
    page.get_by_role("button", name="Copier le code iframe", exact=True).click()
    status = page.locator("#code-iframe + .copie [aria-live='polite']")
    status.filter(has_text="Texte sélectionné").wait_for()
    assert status.text_content() == f"Texte sélectionné{NB}: appuyez sur Ctrl+C (Cmd+C sur Mac) pour le copier"
    assert page.evaluate("window.getSelection().toString()") == expected_snippets(built_site)["iframe"][1]


@pytest.mark.browser
def test_without_javascript_no_button_and_the_code_is_there(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_server.url("/partenaires/"), wait_until="load")
        assert page.locator("button").count() == 0
        assert page.locator("main pre code").count() == len(LABELS)
        assert page.locator("#code-wordpress code").inner_text() == SITE + "la-demarche/"
    finally:
        context.close()
