"""The layout in Chromium, on the tests' site: phones (360 px) and laptops (1280 px), without
JavaScript, and printed.

- at 360 px the header (name, logo, « Menu », subtitle, consultation banner) is at most 160 px
  tall, and the compact menu (<details>) opens without JavaScript, axe-clean, focus visible;
- at 1280 px the menu is one line, and the roadmap's tables fit their column;
- the logo is shown inside the home link, whose accessible name is the site's name; the accent
  colour reaches the page through /identite/accent.css (no inline style: the CSP stays strict);
- printed, menus, banner and footer links are gone, links to other sites show their address, and
  no finding or table row is cut by a page break.
"""

from __future__ import annotations

import contextlib

import pytest

from browser import check_axe, check_overflow

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
PAGES = ["/", "/feuille-de-route/", "/etat-des-lieux/un-seul-nom/", "/constats/", "/constats/atelier/"]


@contextlib.contextmanager
def opened(browser, server, path: str, viewport: dict, **options):
    context = browser.new_context(viewport=viewport, **options)
    context.set_default_timeout(10_000)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(server.url(path), wait_until="load")
        page.errors = errors
        yield page
    finally:
        context.close()


def box(page, selector: str) -> dict:
    return page.eval_on_selector(selector, "e => { const r = e.getBoundingClientRect(); "
                                           "return {top: r.top, bottom: r.bottom, height: r.height, width: r.width}; }")


@pytest.mark.parametrize("path", PAGES)
def test_header_at_most_160px_on_a_phone(browser, site_server, path):
    with opened(browser, site_server, path, PHONE) as page:
        header = box(page, "header.site-header")
        assert header["height"] <= 160, f"{path}: header {header['height']}px tall at 360px"
        # The consultation banner is part of it, shown, inside the first screen.
        banner = box(page, ".bandeau-consultation p:not([hidden])")
        assert banner["height"] > 0 and banner["bottom"] <= header["bottom"]
        assert page.is_visible("summary") and not page.is_visible(".menu-large")
        assert check_overflow(page, PHONE["width"]) == [] and page.errors == []


@pytest.mark.parametrize("path", PAGES)
def test_menu_on_one_line_at_1280px(browser, site_server, path):
    with opened(browser, site_server, path, LAPTOP) as page:
        tops = page.eval_on_selector_all(".menu-large a", "links => links.map(a => a.offsetTop)")
        labels = page.eval_on_selector_all(".menu-large a", "links => links.map(a => a.textContent)")
        assert labels == ["Accueil", "La démarche", "Participer", "État des lieux", "Axes stratégiques",
                          "Nouvelles", "Rechercher"]
        assert len(set(tops)) == 1, dict(zip(labels, tops))
        assert all(page.is_visible(f".menu-large >> text={label}") for label in labels)
        assert not page.is_visible("summary")
        assert check_overflow(page, LAPTOP["width"]) == [] and page.errors == []


def test_compact_menu_opens_without_javascript(browser, site_server):
    with opened(browser, site_server, "/feuille-de-route/", PHONE, java_script_enabled=False) as page:
        assert not page.is_visible(".menu-compact a >> text=Rechercher")
        page.keyboard.press("Tab")  # the skip link
        page.keyboard.press("Tab")  # the home link (name and logo)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        outline = page.eval_on_selector("summary", "s => [getComputedStyle(s).outlineStyle, "
                                                   "parseFloat(getComputedStyle(s).outlineWidth)]")
        assert outline == ["solid", 3], outline  # :focus-visible, 3px in the text colour
        page.keyboard.press("Enter")
        assert page.eval_on_selector("details.menu-compact", "d => d.open") is True
        assert page.is_visible(".menu-compact a >> text=Rechercher")
        current = page.eval_on_selector(".menu-compact a[aria-current]", "a => [a.textContent, a.getAttribute('aria-current')]")
        assert current == ["Axes stratégiques", "true"]
        # The menu opens over the page, below the header row; the banner stays in the header, next in Tab order.
        links = page.eval_on_selector_all(".menu-compact a", "links => links.length")
        for _ in range(links):
            page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.bandeau-consultation') !== null")
        assert check_overflow(page, PHONE["width"]) == []


def test_compact_menu_is_axe_clean_closed_open_and_at_1280(browser, site_server):
    """(axe-core needs JavaScript to run: the menu is the same <details> with or without it.)"""
    for viewport in (PHONE, LAPTOP):
        with opened(browser, site_server, "/", viewport) as page:
            assert check_axe(page) == [], viewport
    with opened(browser, site_server, "/", PHONE) as page:
        page.click("summary")
        assert page.is_visible(".menu-compact a >> text=Rechercher")
        assert check_axe(page) == []


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
def test_roadmap_tables_fit_or_scroll_inside_their_own_box(browser, site_server, viewport):
    with opened(browser, site_server, "/feuille-de-route/", viewport) as page:
        assert check_overflow(page, viewport["width"]) == []
        tables = page.eval_on_selector_all("table.calendrier", """tables => tables.map(t => {
            const box = t.closest('.defilement');
            return {inside: box !== null, scrolls: box && getComputedStyle(box).overflowX,
                    table: t.getBoundingClientRect().width, box: box && box.clientWidth,
                    focusable: box && box.tabIndex === 0};
        })""")
        assert tables and all(t["inside"] and t["scrolls"] == "auto" for t in tables), tables
        if viewport is LAPTOP:  # wide enough: nothing to scroll, the table fits its column
            assert all(t["table"] <= t["box"] for t in tables), tables
            main = box(page, "main")
            assert main["width"] > 48 * 17, main  # the wide container, beyond the text's 48rem
            text = box(page, "main > p.intro")
            assert text["width"] <= 48 * 16, text  # the text keeps its measure
        else:
            assert all(t["table"] > t["box"] for t in tables)  # it scrolls inside its box


def test_logo_in_the_home_link_and_accent_from_its_stylesheet(browser, site_server):
    with opened(browser, site_server, "/", LAPTOP) as page:
        link = page.get_by_role("link", name="La Vallée au Sommet", exact=True)
        assert link.count() == 1
        logo = link.locator("img.logo")
        assert logo.evaluate("img => [img.complete, img.naturalWidth > 0, img.alt, img.getBoundingClientRect().height]") == [
            True, True, "", 40]
        background = page.eval_on_selector("header.site-header", "h => getComputedStyle(h).backgroundColor")
        assert background == "rgb(13, 59, 102)"  # ACCENT_COLOR "#0d3b66" of the tests' site
        assert page.errors == []  # no CSP violation either


def test_print_hides_menus_banner_and_footer_links(browser, site_server):
    with opened(browser, site_server, "/feuille-de-route/", LAPTOP) as page:
        page.emulate_media(media="print")
        hidden = page.evaluate("""() => ['.site-nav', '.bandeau-consultation', '.site-footer nav', '.skip-link']
            .map(s => [s, getComputedStyle(document.querySelector(s)).display])""")
        assert hidden == [[".site-nav", "none"], [".bandeau-consultation", "none"], [".site-footer nav", "none"],
                          [".skip-link", "none"]]
        rows = page.eval_on_selector_all("table.calendrier tr", "rows => rows.map(r => getComputedStyle(r).breakInside)")
        assert rows and set(rows) == {"avoid"}
        width = page.eval_on_selector("main", "m => getComputedStyle(m).maxWidth")
        assert width == "none"
    with opened(browser, site_server, "/etat-des-lieux/un-seul-nom/", LAPTOP) as page:
        page.emulate_media(media="print")
        findings = page.eval_on_selector_all(".constat", "fs => fs.map(f => getComputedStyle(f).breakInside)")
        assert findings and set(findings) == {"avoid"}
        internal = page.eval_on_selector_all("main a[href^='.']", "links => links.map(a => getComputedStyle(a, '::after').content)")
        assert internal and set(internal) == {"none"}  # the site's own links: no address to print
    with opened(browser, site_server, "/accessibilite/", LAPTOP) as page:
        page.emulate_media(media="print")
        external = page.eval_on_selector_all('main a[href^="http"]', "links => links.map(a => "
                                             "[a.getAttribute('href'), getComputedStyle(a, '::after').content])")
        assert [href for href, _ in external] == ["https://formulaire.defenseurdesdroits.fr/",
                                                  "https://www.defenseurdesdroits.fr/saisir/delegues"]
        assert all(after == f'" ({href})"' for href, after in external), external  # the address after the link
    with opened(browser, site_server, "/constats/atelier/", LAPTOP) as page:
        page.emulate_media(media="print")
        assert page.eval_on_selector("header.site-header", "h => getComputedStyle(h).display") == "none"
        breaks = page.eval_on_selector_all(".fiche", "fs => fs.map(f => getComputedStyle(f).breakBefore)")
        assert breaks[0] != "page" and set(breaks[1:]) == {"page"}
