"""The embeddable timeline in Chromium, as partners' sites show it: the built site on one local
origin, a partner's page on a second one (another port is another origin), nothing else reachable.

- the embed page alone: display options (whitelisted query parameters), states re-checked for
  the visitor's day, accessibility of every theme;
- a partner's page embedding it (a) by the iframe snippet, (b) by the script snippet, twice,
  (c) by the oEmbed `html`: it renders, fits its content (no inner scrollbar), its links are
  reached with Tab, nothing is logged as an error, nothing is requested from a third origin, and a
  height message that does not come from the frame itself changes nothing;
- WordPress's side of the protocol (#?secret=, messages `height` and `link`), with a host page
  that does what WordPress's wp-embed.js does.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from browser import StaticServer, check_axe, is_local
from conftest import OFFICE_SITE
from test_embed import PUBLIC

pytestmark = pytest.mark.browser

WIDE = {"width": 1000, "height": 900}


# --- Two origins ----------------------------------------------------------------------------

def Origin(directory: Path) -> StaticServer:  # noqa: N802 - reads as the thing it makes
    """A directory served as one more origin, readable cross-origin like GitHub Pages."""
    return StaticServer(directory, cors=True)


@pytest.fixture(scope="module")
def site(built_site):
    with Origin(built_site) as server:
        yield server


@pytest.fixture(scope="module")
def partner(tmp_path_factory):
    root = tmp_path_factory.mktemp("partner")
    with Origin(root) as server:
        server.root = root
        yield server


@pytest.fixture(scope="module")
def embed(site, built_site):
    """The addresses and snippets of plugins/timeline/embed.py, for a site published at `site`."""
    from core.plugin_settings import read_site_settings
    from plugins.timeline.embed import embed_context, oembed_payload, sri

    settings = read_site_settings(str(OFFICE_SITE / "pelicanconf.py"), override={"PUBLIC_SITEURL": site.origin})
    phases = yaml.safe_load((OFFICE_SITE / "data" / "phases.yml").read_text(encoding="utf-8"))
    found = embed_context(settings, phases, sri((built_site / "embed" / "chronologie.js").read_bytes()))
    for lang in ("fr", "en"):
        found[lang]["oembed_html"] = oembed_payload(settings, lang, found)["html"]
    return found


def host_page(partner, name: str, body: str, head: str = "") -> str:
    """A partner's page, on the partner's origin; returns its URL."""
    (partner.root / name).write_text(
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<title>Commune partenaire</title>\n'
        f'<link rel="icon" href="data:,">\n{head}</head>\n<body>\n<h1>Commune partenaire</h1>\n{body}\n</body>\n</html>\n',
        encoding="utf-8")
    return partner.url("/" + name)


@dataclass
class Visit:
    page: object
    origins: tuple[str, ...]
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def elsewhere(self) -> list[str]:
        """Requests to neither of the two origins (they are blocked, and recorded here)."""
        return [url for url in dict.fromkeys(self.requests) if not any(is_local(url, o) for o in self.origins)]


@contextlib.contextmanager
def visit(browser, url: str, *origins: str, clock: str | None = None, **options):
    """Open url in a fresh context where only `origins` answer; console errors, page errors,
    failed loads (HTTP >= 400 included) and every request are recorded, in every frame."""
    context = browser.new_context(**{"viewport": WIDE, **options})
    found = Visit(None, origins)

    def route(request_route):
        if any(is_local(request_route.request.url, origin) for origin in origins):
            request_route.continue_()
        else:
            request_route.abort("blockedbyclient")

    context.route("**/*", route)
    context.on("request", lambda request: found.requests.append(request.url))
    context.on("requestfailed", lambda request: found.errors.append(f"failed {request.url}: {request.failure}"))
    context.on("response", lambda response: response.status >= 400 and found.errors.append(
        f"HTTP {response.status} {response.url}"))
    try:
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and found.errors.append(
            f"console error: {message.text} ({message.location.get('url')})"))
        page.on("pageerror", lambda error: found.errors.append(f"page error: {error}"))
        if clock:
            page.clock.set_fixed_time(clock)
        page.goto(url, wait_until="load")
        found.page = page
        yield found
    finally:
        context.close()


# --- Helpers on a partner's page -------------------------------------------------------------

def frame_of(page, selector: str):
    return page.query_selector(selector).content_frame()


def wait_sized(page, selector: str, attribute: str = "style") -> None:
    """Until the host has sized the iframe from a message: our host script sets style.height
    (40em until the first message), WordPress sets the height attribute and removes the style."""
    test = ("s => { const f = document.querySelector(s); return f && /^[0-9]+px$/.test(f.style.height); }"
            if attribute == "style" else
            "s => { const f = document.querySelector(s); return f && !f.hasAttribute('style') "
            "&& f.getAttribute('height') !== f.dataset.initialHeight; }")
    page.wait_for_function(test, arg=selector, timeout=10_000)


def sizes(page, selector: str) -> tuple[int, int]:
    """(the iframe's inner height in the host page, the embed document's scrollHeight)."""
    frame = frame_of(page, selector)
    frame.wait_for_load_state("load")
    return (page.eval_on_selector(selector, "f => f.clientHeight"),
            frame.evaluate("document.documentElement.scrollHeight"))


def assert_fits(page, selector: str) -> None:
    """No inner scrollbar, no empty band: the frame is as tall as its document, within a pixel
    of rounding (the host follows the frame's messages; they may take a few frames to settle)."""
    for _ in range(50):
        height, content = sizes(page, selector)
        if content <= height <= content + 1:
            return
        page.wait_for_timeout(100)
    assert height >= content, f"{selector}: iframe {height}px < document {content}px (inner scrollbar)"
    assert height <= content + 1, f"{selector}: iframe {height}px for a {content}px document"


def tab_into_frame(page, selector: str, limit: int = 6) -> str:
    """Press Tab until the focus is in the frame; the focused link's text."""
    frame = frame_of(page, selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = frame.evaluate("document.hasFocus() && document.activeElement.tagName === 'A' "
                                 "? document.activeElement.textContent : null")
        if focused:
            return focused
    raise AssertionError(f"Tab never reached a link of {selector}")


FORGE = """async ([selector, value]) => {
  const frame = document.querySelector(selector);
  const before = frame.clientHeight;
  const secret = frame.getAttribute('data-lvas-id');
  // From the host page itself, with the frame's own id.
  window.postMessage({message: 'height', value: value, secret: secret}, '*');
  // From another frame of the host page (same origin as the host), with the frame's own id.
  const other = document.createElement('iframe');
  other.title = 'autre cadre';
  other.srcdoc = '<script>parent.postMessage({message: "height", value: ' + value + ', secret: "' + secret + '"}, "*")<\\/script>';
  document.body.append(other);
  await new Promise(resolve => setTimeout(resolve, 400));
  other.remove();
  return [before, frame.clientHeight];
}"""


def assert_forged_message_ignored(page, selector: str) -> None:
    before, after = page.evaluate(FORGE, [selector, 3000])
    assert before == after, f"{selector}: a forged height message changed the frame from {before}px to {after}px"


def assert_clean(found: Visit) -> None:
    assert found.errors == []
    assert found.elsewhere() == []


# --- The embed page alone: display options -------------------------------------------------------

def options_applied(page) -> dict:
    return page.evaluate("""() => ({
        classes: [...document.documentElement.classList],
        style: document.documentElement.getAttribute('style'),
        scripts: document.scripts.length,
        body: document.body.innerHTML,
    })""")


def test_whitelisted_options_are_applied_and_nothing_else(browser, site):
    with visit(browser, site.url("/embed/chronologie/"), site.origin) as plain:
        reference = options_applied(plain.page)
        # The document and its one script: no stylesheet, font, image or icon request.
        assert plain.requests == [site.url("/embed/chronologie/"), site.url("/theme/js/embed-chronologie.js")]
    url = site.url("/embed/chronologie/?theme=dark&compact=1&accent=%23aa3300&evil=%3Cscript%3Ealert(1)%3C/script%3E"
                   "&theme2=light&style=color:red")
    with visit(browser, url, site.origin) as found:
        applied = options_applied(found.page)
        badge = found.page.eval_on_selector(
            "li[aria-current] strong:not([hidden])", "b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]")
        summary = found.page.eval_on_selector("li .summary", "p => getComputedStyle(p).display")
        background = found.page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert_clean(found)
    assert reference["classes"] == [] and reference["style"] is None
    assert applied["classes"] == ["theme-dark", "compact"]
    assert applied["style"] == "--accent: #aa3300; --on-accent: #fff;"
    assert applied["scripts"] == reference["scripts"] == 1
    assert applied["body"] == reference["body"]  # no markup written, whatever the query
    assert badge == ["rgb(170, 51, 0)", "rgb(255, 255, 255)"]
    assert summary == "none"
    assert background == "rgb(21, 25, 30)"


INVALID = ["accent=javascript:alert(1)", "accent=red", "accent=%23abc", "accent=aa33001", "accent=%23aa3300;color:red",
           "accent=url(x)", "accent=%23aa3300%0A", "theme=evil", "theme=DARK", "compact=true", "compact=yes",
           "Theme=dark", "theme=dark%20compact"]


def test_invalid_options_are_ignored(browser, site):
    applied = {}
    with visit(browser, site.url("/embed/chronologie/"), site.origin) as found:
        for query in INVALID:
            found.page.goto(site.url(f"/embed/chronologie/?{query}"))
            result = options_applied(found.page)
            applied[query] = (result["classes"], result["style"])
        assert_clean(found)
    assert applied == {query: ([], None) for query in INVALID}


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two computed colours « rgb(r, g, b) »."""
    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"[0-9]+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


ACCENTS = [
    ("accent=aa3300", "#fff"),  # without "#"
    ("accent=%23FFCC00", "#000"),  # a light accent: black text
    ("accent=%230a6b2d", "#fff"),
    ("accent=%23777777", "#000"),  # mid grey: black 4.7:1, white 4.5:1
    ("accent=%23ff0000", "#000"),
    ("accent=%230000ff", "#fff"),
    ("accent=%23000000&theme=dark", "#fff"),
]


def test_text_on_the_accent_keeps_aa_contrast(browser, site):
    found_colours = {}
    with visit(browser, site.url("/embed/chronologie/"), site.origin) as found:
        for query, _ in ACCENTS:
            found.page.goto(site.url(f"/embed/chronologie/?{query}"))
            style = found.page.evaluate("document.documentElement.getAttribute('style')")
            background, colour = found.page.eval_on_selector(
                "li[aria-current] strong:not([hidden])",
                "b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]")
            found_colours[query] = (style.rsplit(" ", 1)[-1].rstrip(";"), contrast(background, colour) >= 4.5)
        assert_clean(found)
    assert found_colours == {query: (on_accent, True) for query, on_accent in ACCENTS}


@pytest.mark.parametrize("path, options", [
    ("/embed/chronologie/?theme=dark", {}),
    ("/embed/chronologie/en/?theme=dark&accent=%23ffcc00&compact=1", {}),
    ("/embed/chronologie/?theme=auto", {"color_scheme": "dark"}),
])
def test_every_theme_passes_axe(browser, site, path, options):
    with visit(browser, site.url(path), site.origin, **options) as found:
        assert check_axe(found.page) == []
        assert_clean(found)


@pytest.mark.parametrize("path, expected", [
    ("/embed/chronologie/", [("phase-cadrage", "Terminée", False), ("phase-etat-des-lieux", "En cours", True),
                             ("phase-orientations", "À venir", False), ("phase-identite", "À venir", False)]),
    ("/embed/chronologie/en/", [("phase-cadrage", "Completed", False), ("phase-etat-des-lieux", "Ongoing", True),
                                ("phase-orientations", "Upcoming", False), ("phase-identite", "Upcoming", False)]),
])
def test_states_are_rechecked_for_the_visitors_day(browser, site, path, expected):
    """Built on 2026-07-01 (« Marque de destination » en cours), seen on 2016-03-15: « Diagnostic » is
    the current step."""
    with visit(browser, site.url(path), site.origin, clock="2016-03-15T10:00:00+01:00") as found:
        shown = found.page.eval_on_selector_all("ol > li", """items => items.map(li => [li.id,
            [...li.querySelectorAll('strong.badge')].filter(s => getComputedStyle(s).display !== 'none')
              .map(s => s.textContent).join(' '),
            li.getAttribute('aria-current') === 'step'])""")
    assert [tuple(item) for item in shown] == expected


def test_english_page_at_320px(browser, site):
    with visit(browser, site.url("/embed/chronologie/en/?compact=1"), site.origin,
               viewport={"width": 320, "height": 640}) as found:
        assert found.page.evaluate("document.documentElement.scrollWidth") <= 320
        assert check_axe(found.page) == []


# --- (a) The iframe snippet ---------------------------------------------------------------------

def test_iframe_snippet(browser, site, partner, embed):
    body = (f'<p>Le code iframe, suivi de la ligne de script qui ajuste sa hauteur :</p>\n'
            f'{embed["fr"]["snippets"]["iframe"]}\n{embed["fr"]["snippets"]["script"].splitlines()[1]}')
    with visit(browser, host_page(partner, "iframe.html", body), site.origin, partner.origin) as found:
        page = found.page
        wait_sized(page, "iframe")
        assert page.eval_on_selector("iframe", "f => f.getAttribute('src')").startswith(
            site.url("/embed/chronologie/#lvas="))
        assert_fits(page, "iframe")
        page.set_viewport_size({"width": 360, "height": 700})  # the content gets taller: so does the frame
        page.wait_for_function("() => document.querySelector('iframe').clientHeight > 1000")
        assert_fits(page, "iframe")
        assert tab_into_frame(page, "iframe") == "Préparation de la démarche"
        assert_forged_message_ignored(page, "iframe")
        assert_clean(found)
    # The id reached the frame once it was loaded (a fragment navigation): it was not loaded twice.
    assert found.requests.count(site.url("/embed/chronologie/")) == 1


def test_iframe_snippet_alone(browser, site, partner, embed):
    """Without the script the frame keeps the snippet's height: it renders, its links work."""
    with visit(browser, host_page(partner, "iframe-seul.html", embed["fr"]["snippets"]["iframe"]),
               site.origin, partner.origin) as found:
        page = found.page
        frame = frame_of(page, "iframe")
        frame.wait_for_selector("li[aria-current] >> text=En cours")
        assert page.eval_on_selector("iframe", "f => f.clientHeight") == embed["fr"]["height"]
        assert tab_into_frame(page, "iframe") == "Préparation de la démarche"
        frame.click("text=Diagnostic")  # target="_top", allowed on a click by the sandbox
        page.wait_for_url(site.url("/etat-des-lieux/"))
        assert_clean(found)


@pytest.mark.parametrize("width", [320, 768, 1280])
def test_iframe_snippet_alone_fits_every_screen(browser, site, partner, embed, width):
    """Without the script the snippet's CSS height follows the screen: the whole timeline shows in
    the frame (no inner scroll) on a 320 px phone as on a laptop, with at most a band of white
    below it (the height is an estimate from the phases, never a measure)."""
    with visit(browser, host_page(partner, f"iframe-seul-{width}.html", embed["fr"]["snippets"]["iframe"]),
               site.origin, partner.origin, viewport={"width": width, "height": 700},
               java_script_enabled=False) as found:
        frame = frame_of(found.page, "iframe")
        frame.wait_for_load_state("load")
        height = found.page.eval_on_selector("iframe", "f => f.clientHeight")
        content = frame.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
        inner_scroll = frame.evaluate("document.documentElement.scrollHeight > document.documentElement.clientHeight")
        assert not inner_scroll and content <= height, (width, height, content)
        assert height - content <= 250, f"{width}px: a {height}px frame for {content}px of timeline"
        narrow, wide = embed["fr"]["narrow_height"], embed["fr"]["height"]
        expected = max(wide, narrow - (width - 320) * (narrow - wide) / 312)  # 312: 632 - 320 px
        assert abs(height - expected) <= 1, (width, height, expected)
        assert found.errors == [] and found.elsewhere() == []


# --- (b) The script snippet, twice -----------------------------------------------------------

def test_script_snippet_twice(browser, site, partner, embed):
    french = embed["fr"]["snippets"]["script"]
    english = embed["en"]["snippets"]["script"].replace(
        "data-lvas-chronologie>", 'data-lvas-chronologie data-theme="dark" data-compact="1" data-accent="#aa3300" '
        'data-evil="1">', 1)
    body = f'<div id="un">{french}</div>\n<p>Entre les deux frises.</p>\n<div id="deux">{english}</div>'
    with visit(browser, host_page(partner, "script.html", body), site.origin, partner.origin) as found:
        page = found.page
        wait_sized(page, "#un iframe")
        wait_sized(page, "#deux iframe")
        assert page.query_selector_all("a[data-lvas-chronologie]") == []
        frames = page.eval_on_selector_all("iframe", """frames => frames.map(f => ({
            title: f.title, sandbox: f.getAttribute('sandbox'), loading: f.getAttribute('loading'),
            referrer: f.getAttribute('referrerpolicy'), src: f.getAttribute('src'), id: f.dataset.lvasId}))""")
        assert len(frames) == 2  # the script ran twice, each link became one frame
        assert [frame["title"] for frame in frames] == ["Les étapes de la démarche «\u202fLa Vallée au Sommet\u202f»",
                                                        "The steps of the “La Vallée au Sommet” process"]
        assert {(f["sandbox"], f["loading"], f["referrer"]) for f in frames} == {(embed["sandbox"], "lazy", "no-referrer")}
        assert frames[0]["src"] == site.url(f"/embed/chronologie/#lvas={frames[0]['id']}")
        assert frames[1]["src"] == site.url(
            f"/embed/chronologie/en/?theme=dark&compact=1&accent=%23aa3300#lvas={frames[1]['id']}")
        assert frames[0]["id"] != frames[1]["id"] and re.fullmatch("[a-z0-9]{2,14}", frames[0]["id"])
        english_frame = frame_of(page, "#deux iframe")
        english_frame.wait_for_load_state("load")
        assert english_frame.evaluate("[...document.documentElement.classList]") == ["theme-dark", "compact"]
        assert english_frame.evaluate("document.documentElement.lang") == "en"
        assert_fits(page, "#un iframe")
        assert_fits(page, "#deux iframe")
        assert page.eval_on_selector("#un iframe", "f => f.clientHeight") > page.eval_on_selector(
            "#deux iframe", "f => f.clientHeight")  # compact
        assert tab_into_frame(page, "#un iframe") == "Préparation de la démarche"
        assert_forged_message_ignored(page, "#un iframe")
        assert_forged_message_ignored(page, "#deux iframe")
        assert_clean(found)
        frame_of(page, "#un iframe").click("text=Diagnostic")
        page.wait_for_url(site.url("/etat-des-lieux/"))


def test_host_script_runs_when_loaded_before_the_links(browser, site, partner, embed):
    """In <head>, async, it may run before the links are parsed: it waits for them."""
    script = embed["fr"]["snippets"]["script"].splitlines()[1].replace(" async", " defer")
    link = embed["fr"]["snippets"]["script"].splitlines()[0]
    with visit(browser, host_page(partner, "tete.html", link, head=script + "\n"), site.origin, partner.origin) as found:
        wait_sized(found.page, "iframe")
        assert_fits(found.page, "iframe")
        assert_clean(found)


def test_host_script_with_a_wrong_hash_leaves_the_link(browser, site, partner, embed):
    """The partner's page pins the script: a different file is refused, visitors keep the link."""
    snippet = re.sub(r'integrity="sha384-[^"]+"', 'integrity="sha384-' + "A" * 64 + '"', embed["fr"]["snippets"]["script"])
    with visit(browser, host_page(partner, "sri.html", snippet), site.origin, partner.origin) as found:
        found.page.wait_for_timeout(500)
        assert found.page.query_selector_all("iframe") == []
        assert found.page.inner_text("a[data-lvas-chronologie]") == "Les étapes de la démarche «\u202fLa Vallée au Sommet\u202f»"
        assert any("integrity" in error for error in found.errors)  # Chromium says why


# --- (c) The oEmbed html ---------------------------------------------------------------------

def test_oembed_html(browser, site, partner, embed, built_site):
    markup = embed["fr"]["oembed_html"]
    published = json.loads((built_site / "oembed" / "chronologie.json").read_text(encoding="utf-8"))["html"]
    assert markup == published.replace(PUBLIC, site.origin)  # what the site publishes, on this origin
    with visit(browser, host_page(partner, "oembed.html", markup), site.origin, partner.origin) as found:
        page = found.page
        wait_sized(page, "iframe")
        page.wait_for_function("() => document.querySelector('blockquote').hidden")
        assert_fits(page, "iframe")
        assert tab_into_frame(page, "iframe") == "Préparation de la démarche"
        assert_forged_message_ignored(page, "iframe")
        assert_clean(found)
    assert found.requests.count(site.url("/embed/chronologie/")) == 1


def test_oembed_height_shows_every_phase_without_the_script(browser, site, embed):
    """Consumers that drop scripts keep the announced height: enough at the announced width."""
    for lang, path in (("fr", "/embed/chronologie/"), ("en", "/embed/chronologie/en/")):
        with visit(browser, site.url(path), site.origin, viewport={"width": 600, "height": 400}) as found:
            content = found.page.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
        assert content <= embed[lang]["height"] <= content + 150, (lang, content, embed[lang]["height"])


# --- WordPress -----------------------------------------------------------------------------------

# What WordPress's wp-embed.js does on the page that shows an embed (re-written, not copied).
WP_HOST = """<script>
window.received = [];
window.addEventListener('message', function (event) {
  var data = event.data;
  if (!data || !(data.secret || data.message || data.value) || /[^a-zA-Z0-9]/.test(data.secret)) { return; }
  received.push(data);
  document.querySelectorAll('blockquote[data-secret="' + data.secret + '"]').forEach(function (quote) {
    quote.style.display = 'none';
  });
  document.querySelectorAll('iframe[data-secret="' + data.secret + '"]').forEach(function (frame) {
    if (event.source !== frame.contentWindow) { return; }
    frame.removeAttribute('style');
    if (data.message === 'height') {
      var height = parseInt(data.value, 10);
      frame.height = height > 1000 ? 1000 : (~~height < 200 ? 200 : height);
    }
    if (data.message === 'link') {
      var source = document.createElement('a'), target = document.createElement('a');
      source.href = frame.getAttribute('src');
      target.href = data.value;
      if (target.host === source.host && document.activeElement === frame) { window.top.location.href = data.value; }
    }
  });
});
</script>
"""


def wordpress_filtered(markup: str, secret: str, width: int) -> str:
    """The oEmbed html as WordPress puts it in a post from a site it does not trust
    (wp_filter_oembed_result): only the <blockquote> with its link and the <iframe> with a few
    attributes are kept; the iframe is hidden until it answers, sandboxed with allow-scripts alone,
    and its src gets #?secret=."""
    found = BeautifulSoup(markup, "html.parser")
    link = found.blockquote.a
    frame = found.iframe
    kept = {name: frame[name] for name in ("src", "height", "title") if frame.has_attr(name)}
    return (f'<blockquote class="wp-embedded-content" data-secret="{secret}"><a href="{html.escape(link["href"])}">'
            f'{html.escape(link.get_text())}</a></blockquote>'
            f'<iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted" '
            f'style="position: absolute; clip: rect(1px, 1px, 1px, 1px);" '
            f'src="{html.escape(kept["src"])}#?secret={secret}" data-secret="{secret}" width="{width}" '
            f'height="{kept["height"]}" data-initial-height="{kept["height"]}" title="{html.escape(kept["title"])}" '
            f'frameborder="0" marginwidth="0" marginheight="0" scrolling="no"></iframe>')


def test_wordpress_protocol(browser, site, partner, embed):
    body = (f'<div id="fr">{wordpress_filtered(embed["fr"]["oembed_html"], "Fr3nch0001", 600)}</div>\n'
            f'<div id="en">{wordpress_filtered(embed["en"]["oembed_html"], "Engl1sh002", 450)}</div>')
    with visit(browser, host_page(partner, "wordpress.html", body, head=WP_HOST), site.origin, partner.origin) as found:
        page = found.page
        wait_sized(page, "#fr iframe", "wordpress")
        wait_sized(page, "#en iframe", "wordpress")
        heights = {}
        for lang in ("fr", "en"):
            frame = frame_of(page, f"#{lang} iframe")
            content = frame.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
            height = int(page.eval_on_selector(f"#{lang} iframe", "f => f.getAttribute('height')"))
            assert height == content, (lang, height, content)  # each frame got its own height
            assert page.eval_on_selector(f"#{lang} blockquote", "q => q.style.display") == "none"
            heights[lang] = height
        assert heights["fr"] != heights["en"]
        received = page.evaluate("received")
        assert {(m["message"], m["secret"]) for m in received} == {("height", "Fr3nch0001"), ("height", "Engl1sh002")}
        assert all(isinstance(m["value"], int) for m in received)
        # Links: the sandbox (allow-scripts only) keeps them in the frame; the page sends them to the host.
        frame_of(page, "#fr iframe").click("text=Diagnostic")
        page.wait_for_url(site.url("/etat-des-lieux/"))
        assert found.elsewhere() == []
    assert found.errors == []


def test_wordpress_secret_may_come_after_loading(browser, site, partner, embed):
    """wp-embed.js adds #?secret= to frames that have none, once they are in the page."""
    frame = BeautifulSoup(embed["fr"]["oembed_html"], "html.parser").iframe
    body = (f'<iframe class="wp-embedded-content" sandbox="allow-scripts" src="{html.escape(frame["src"])}" '
            f'width="600" height="300" data-initial-height="300" title="{html.escape(frame["title"])}"></iframe>\n'
            """<script>
window.addEventListener('load', function () {
  var frame = document.querySelector('iframe');
  frame.setAttribute('data-secret', 'Late5ecret');
  frame.src += '#?secret=Late5ecret';
});
</script>""")
    with visit(browser, host_page(partner, "wordpress-tard.html", body, head=WP_HOST), site.origin, partner.origin) as found:
        page = found.page
        page.wait_for_function("() => received.length > 0")
        wait_sized(page, "iframe", "wordpress")
        assert page.evaluate("received[0].secret") == "Late5ecret"
        assert_clean(found)
