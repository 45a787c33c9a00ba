"""The timeline for partners' sites (stable URLs, see docs/partenaires.md):

- /embed/chronologie/ and /embed/chronologie/en/: standalone pages (template embed.html, inline
  CSS, one same-origin script theme/js/embed-chronologie.js) meant for an iframe; that script is
  written here at each build: the theme's static/js/today.js (the date-state rule every page
  shares), then embed-page.js next to this module (options, height messages);
- /embed/chronologie.js: the host script partners paste (chronologie.js next to this module,
  copied byte for byte: partners pin its SRI hash);
- /oembed/chronologie.json and /oembed/chronologie-en.json: oEmbed 1.0 « rich » responses, found
  by WordPress through the discovery <link> of /la-demarche/ and of the embed pages.

Settings (pelicanconf.py, block « Embeds »): EMBED_URLS, OEMBED_WIDTH, TIMELINE_PAGE_URL,
PUBLIC_SITEURL, SITENAME. Context added when the generators are created, so every template
sees it: EMBED_SCRIPT_SRI (« sha384-… ») and EMBED (addresses, iframe titles, ready-to-paste
snippets: see embed_context).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
from pathlib import Path

from pelican.generators import Generator

from core.open_data import absolute_url
from plugins.french_format.filters import de_le

from .english_dates import FILTERS as ENGLISH_FILTERS

HOST_SCRIPT = Path(__file__).with_name("chronologie.js")
TODAY_SCRIPT = ("static", "js", "today.js")  # in the theme: re-checks date-driven states in the browser
PAGE_SCRIPT_PART = Path(__file__).with_name("embed-page.js")  # what only the embed pages run
PAGE_SCRIPT = "js/embed-chronologie.js"  # under THEME_STATIC_DIR, next to the copied today.js

# No allow-same-origin: the page runs in an opaque origin (no cookie, no storage, no access to the
# host page), which also makes allow-scripts safe. Links leave the frame on a click only
# (allow-top-navigation-by-user-activation: target="_top"); ctrl-click or « open in a new tab »
# need allow-popups, and allow-popups-to-escape-sandbox so that the new tab is an ordinary page.
SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
REFERRER_POLICY = "no-referrer"  # the partner page's address is never sent

TEXTS = {
    "fr": {
        "title": "Les étapes de la démarche «\u202f{site}\u202f»",
        "description": "Les étapes de la démarche «\u202f{site}\u202f» et leurs dates\u00a0: terminées, "
                       "en cours, à venir. Frise à intégrer sur le site d’un partenaire.",
        "more": "Toute la démarche «\u202f{site}\u202f» sur le site {de_office}",
    },
    "en": {
        "title": "The steps of the “{site}” process",
        "description": "The steps of the “{site}” process and their dates: completed, ongoing, upcoming. "
                       "A timeline to embed on a partner’s website.",
        "more": "The whole “{site}” process on the tourist office’s website (in French)",  # {de_office}: French only
    },
}
LANGS = ("fr", "en")


def sri(data: bytes) -> str:
    """Subresource Integrity value: sha384, base64."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def page_script(theme: str) -> bytes:
    """The embed pages' one script: today.js then embed-page.js, byte for byte (same sources, same
    bytes), each ending with a line break."""
    parts = [Path(theme, *TODAY_SCRIPT).read_bytes(), PAGE_SCRIPT_PART.read_bytes()]
    return b"".join(part if part.endswith(b"\n") else part + b"\n" for part in parts)


def texts(lang: str, settings: dict) -> dict:
    """The page's texts in `lang`, with the site's name and, in French, the office's (OFFICE_NAME,
    plugins/office_settings: « sur le site de l’Office de Tourisme… », « du Syndicat d’initiative… »).
    The state labels are PHASE_STATES, phases.py."""
    office = settings.get("OFFICE_NAME")
    de_office = de_le(office) if office else "de l’éditeur"
    return {key: value.format(site=settings["SITENAME"], de_office=de_office) for key, value in TEXTS[lang].items()}


def iframe_html(src: str, title: str, height: int, *, width: int | None = None, extra: str = "",
                narrow: int | None = None, wide_screen: int = 632) -> str:
    """A sandboxed iframe of an embed page: what partners paste and what oEmbed returns. Marked
    data-lvas-chronologie: where the host script runs too, it sizes the frame to its content
    (the iframes it makes from links have the same attributes, their title being the link's text).

    Without `width` (the partners' iframe code), the frame is as wide as its column and its height
    follows the screen's width without any script: `height` on wide screens, `narrow` on a 320 px
    phone, and in between the straight line from one to the other (see fluid_height); `wide_screen`:
    the screen from which `height` is enough (OEMBED_WIDTH and margins)."""
    size = f' width="{width}" height="{height}"' if width else ""
    if width:
        style = "max-width: 100%; border: 0;"
    else:
        fluid = f" height: {fluid_height(height, narrow, wide_screen)};" if narrow and narrow > height else ""
        style = f"display: block; width: 100%; height: {height}px;{fluid} border: 0;"
    return (f'<iframe src="{html.escape(src)}" title="{html.escape(title)}"{size}{extra} style="{style}" '
            f'sandbox="{SANDBOX}" loading="lazy" referrerpolicy="{REFERRER_POLICY}" data-lvas-chronologie></iframe>')


def script_tag(settings: dict, integrity: str) -> str:
    src = absolute_url(settings, settings["EMBED_URLS"]["script"])
    return f'<script async src="{html.escape(src)}" integrity="{integrity}" crossorigin="anonymous"></script>'


def estimated_height(phases: list) -> int:
    """Height in px of the embed page at the oEmbed width (OEMBED_WIDTH), with some room to spare:
    what an iframe of fixed height needs to show every phase without scrolling. Per phase: its
    title and dates (90 px) and its summary (24 px lines of about 55 characters). The browser
    tests check it against the real height."""
    return 120 + sum(90 + 24 * math.ceil(len(phase["summary"]) / 55) for phase in phases)


NARROW_SCREEN = 320  # px: the narrowest phone the site is made for
NARROW_FRAME = 288  # px: the frame's width there, in a page with 16 px margins


def _lines(characters: int, per_line: float) -> int:
    return max(1, math.ceil(characters / per_line))


def narrow_height(phases: list, width: int = NARROW_FRAME) -> int:
    """Height in px of the embed page in a frame `width` px wide (a phone): the same count as
    estimated_height with lines of the frame's width (9.5 px a character, as estimated_height's
    55 characters at 600 px): the title, the state and dates, the summary, the consultation's dates;
    the page's heading and closing link. Measured in Chromium on the tests' site at 288 px:
    1432 px for 1433 estimated; the browser tests check it against the real height."""
    per_line = (width - 75) / 9.5  # body padding, list indent, the phase's border and padding
    total = 36 + 26 * _lines(50, (width - 24) / 10.5) + 24 * _lines(80, (width - 24) / 9.5)
    for phase in phases:
        total += (20 + 23 * _lines(len(phase["title"]), per_line * 0.85) + 24 * _lines(36, per_line)
                  + 24 * _lines(len(phase["summary"]), per_line))
        if phase.get("consultation"):
            total += 24 * _lines(110, per_line)
    return round(total)


def fluid_height(wide: int, narrow: int, wide_screen: int = 632) -> str:
    """The CSS height of a frame as wide as the screen, without script: `narrow` px on a 320 px
    screen, `wide` px from `wide_screen` px on (a 600 px frame and its margins), and the straight
    line between them. The content's height falls with the width like a + b/width (text wraps
    less), a convex curve: a chord between two points above it stays above it in between."""
    slope = (narrow - wide) / (wide_screen - NARROW_SCREEN)
    return f"max({wide}px, calc({narrow}px - (100vw - {NARROW_SCREEN}px) * {slope:.3f}))"


def embed_context(settings: dict, phases: list, integrity: str) -> dict:
    """Addresses (absolute, on PUBLIC_SITEURL: they are for other sites) and snippets, per language.

    EMBED[lang] = {page, oembed, title, height, narrow_height, snippets: {wordpress, iframe, script}} for "fr" and
    "en"; EMBED["script"]: the host script's address; EMBED["sri"]: its hash; EMBED["sandbox"]. The
    link of the script snippet is the fallback: its text becomes the iframe's title."""
    urls = settings["EMBED_URLS"]
    found = {"script": absolute_url(settings, urls["script"]), "sri": integrity, "sandbox": SANDBOX}
    for lang in LANGS:
        text = texts(lang, settings)
        page = absolute_url(settings, urls[f"page_{lang}"])
        height, narrow = estimated_height(phases), narrow_height(phases)
        link_href = absolute_url(settings, settings["TIMELINE_PAGE_URL"]) if lang == "fr" else page
        hreflang = ' hreflang="en"' if lang == "en" else ""
        found[lang] = {
            "page": page,
            "oembed": absolute_url(settings, urls[f"oembed_{lang}"]),
            "title": text["title"],
            "height": height,
            "narrow_height": narrow,
            "snippets": {
                # Paste an address in WordPress: the French timeline page, or the English embed page.
                "wordpress": link_href,
                "iframe": iframe_html(page, text["title"], height, narrow=narrow,
                                      wide_screen=settings["OEMBED_WIDTH"] + 32),
                "script": (f'<a href="{html.escape(link_href)}"{hreflang} data-lvas-chronologie>'
                           f'{html.escape(text["title"], quote=False)}</a>\n{script_tag(settings, integrity)}'),
            },
        }
    return found


def oembed_payload(settings: dict, lang: str, embed: dict) -> dict:
    """oEmbed 1.0 « rich »: WordPress keeps the <blockquote> (shown until the frame answers) and
    the <iframe> (it adds its own sandbox="allow-scripts" and a #?secret=); other consumers that
    run scripts get ours, which sizes the frame and hides the blockquote."""
    width, height = settings["OEMBED_WIDTH"], embed[lang]["height"]
    text = texts(lang, settings)
    link = embed[lang]["snippets"]["wordpress"]
    markup = (f'<blockquote class="wp-embedded-content"><a href="{html.escape(link)}">'
              f'{html.escape(text["title"], quote=False)}</a></blockquote>'
              + iframe_html(embed[lang]["page"], text["title"], height, width=width,
                            extra=' class="wp-embedded-content" frameborder="0"')
              + script_tag(settings, embed["sri"]))
    return {
        "version": "1.0",
        "type": "rich",
        "provider_name": settings["SITENAME"],
        "provider_url": absolute_url(settings, ""),
        "title": text["title"],
        "width": width,
        "height": height,
        "html": markup,
    }


class EmbedGenerator(Generator):
    """Writes the embed pages, their script, the host script and the oEmbed responses."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.env.filters.update(ENGLISH_FILTERS)
        self.script = HOST_SCRIPT.read_bytes()
        # Set now, not in generate_context: the partner page may be rendered by any generator.
        self.context["EMBED_SCRIPT_SRI"] = sri(self.script)

    def generate_context(self):
        self.context["EMBED"] = embed_context(self.settings, self.context.get("PHASES", []),
                                              self.context["EMBED_SCRIPT_SRI"])

    def generate_output(self, writer):
        urls, embed = self.settings["EMBED_URLS"], self.context["EMBED"]
        script = f"{self.settings['THEME_STATIC_DIR']}/{PAGE_SCRIPT}"
        template = self.get_template("embed")
        for lang in LANGS:
            save_as = urls[f"page_{lang}"] + "index.html"
            writer.write_file(save_as, template, self.context, relative_urls=self.settings["RELATIVE_URLS"],
                              url=urls[f"page_{lang}"], lang=lang, text=texts(lang, self.settings),
                              canonical=absolute_url(self.settings, self.settings["TIMELINE_PAGE_URL"]),
                              oembed_url=embed[lang]["oembed"], page_script=script)
            self._write(urls[f"oembed_{lang}"], json_bytes(oembed_payload(self.settings, lang, embed)))
        self._write(script, page_script(self.settings["THEME"]))
        self._write(urls["script"], self.script)

    def _write(self, url: str, data: bytes) -> None:
        path = os.path.join(self.output_path, *url.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)


def json_bytes(payload: dict) -> bytes:
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def get_generators(pelican_obj):
    return EmbedGenerator
