"""The site's identity from the office's settings (settings.py): the logo of the header, the
icons (SVG and PNG 32, 180, 192, 512 px), the accent colour.

At start (`initialized`): each file checked (present, PNG square of 512 px or more, SVG with
nothing that runs or loads: checks.py), and every SVG of the content's static folders too, since
Pelican publishes them as they are; the accent colour is checked by its setting. Then
settings["IDENTITY"] tells the templates what to link (base.html). The generator writes, under
IDENTITY_DIR: the logo and SVG icon (copies of the checked files), the PNG icons (icons.py) and
accent.css, the one rule that gives the accent to the theme's CSS (`--brand`) without any inline
style (the pages' Content-Security-Policy refuses them). The source files are not published as
they are: they are taken out of the static files.
"""

from __future__ import annotations

import os

from pelican import signals
from pelican.generators import Generator

from core.output_paths import Writer, claim
from core.plugin_settings import declare_settings
from core.problems import ProblemError, abort_on, report

from .checks import ICON_SIZES, file_problems, source_path, svg_viewbox
from .icons import APPLE_TOUCH, icon_pngs
from .settings import SETTINGS

IDENTITY_DIR = "identite"
LOGO_HEIGHT = 40  # px: the logo's height in the header (site.css .logo)
SOURCES = ("SITE_LOGO", "SITE_ICON", "SITE_ICON_SVG")


def identity(settings: dict) -> dict:
    """What base.html links: {"logo": {url, width, height, with_name} or None, "icons": [{rel, url,
    type, sizes}], "accent_css": url, "accent": "#rrggbb"} (URLs relative to the site's root)."""
    logo = None
    if settings["SITE_LOGO"]:
        width, height = svg_viewbox(source_path(settings, "SITE_LOGO"))
        logo = {"url": f"{IDENTITY_DIR}/logo.svg", "height": LOGO_HEIGHT,
                "width": round(LOGO_HEIGHT * width / height), "with_name": settings["SITE_LOGO_WITH_NAME"]}
    icons = []
    if settings["SITE_ICON_SVG"]:
        icons.append({"rel": "icon", "url": f"{IDENTITY_DIR}/icone.svg", "type": "image/svg+xml", "sizes": "any"})
    if settings["SITE_ICON"]:
        for size in ICON_SIZES:
            rel = "apple-touch-icon" if size == APPLE_TOUCH else "icon"
            icons.append({"rel": rel, "url": f"{IDENTITY_DIR}/icone-{size}.png", "type": "image/png",
                          "sizes": f"{size}x{size}"})
    return {"logo": logo, "icons": icons, "accent_css": f"{IDENTITY_DIR}/accent.css",
            "accent": settings["ACCENT_COLOR"]}


def accent_css(colour: str) -> bytes:
    return (f"/* ACCENT_COLOR of pelicanconf.py (plugins/identity): the theme's --brand. */\n"
            f":root {{ --brand: {colour.lower()}; }}\n").encode("ascii")


def validate(pelican_obj) -> None:
    settings = pelican_obj.settings
    # Other SVG files of content/ are checked by strict_content (plugins/strict_content/svg.py).
    abort_on(list(dict.fromkeys(file_problems(settings))), "identité du site invalide")
    settings["IDENTITY"] = identity(settings)


def drop_sources(generator) -> None:
    """The office's files are published through their checked, processed copies only (the PNG
    source may carry metadata)."""
    sources = {os.path.normcase(os.path.abspath(path)) for name in SOURCES
               if (path := source_path(generator.settings, name))}
    # In place: the generator's context holds the same list, which it copies from.
    generator.staticfiles[:] = [static for static in generator.staticfiles
                                if os.path.normcase(os.path.abspath(static.source_path)) not in sources]


class IdentityGenerator(Generator):
    def generate_context(self):
        pass

    def generate_output(self, writer):
        files = {"accent.css": accent_css(self.settings["ACCENT_COLOR"])}
        if self.settings["SITE_LOGO"]:
            with open(source_path(self.settings, "SITE_LOGO"), "rb") as handle:
                files["logo.svg"] = handle.read()
        if self.settings["SITE_ICON_SVG"]:
            with open(source_path(self.settings, "SITE_ICON_SVG"), "rb") as handle:
                files["icone.svg"] = handle.read()
        if self.settings["SITE_ICON"]:
            files.update((f"icone-{size}.png", data)
                         for size, data in icon_pngs(source_path(self.settings, "SITE_ICON")).items())
        for name, data in files.items():
            path = os.path.join(self.output_path, IDENTITY_DIR, name)
            try:
                claim(path, Writer("l’identité du site (logo, icônes, couleur : plugins/identity)"))
            except ProblemError as exc:
                for problem in exc.problems:
                    report(problem)
                continue
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(data)


def get_generators(pelican_obj):
    return IdentityGenerator


def register():
    declare_settings(*SETTINGS)
    signals.initialized.connect(validate)
    signals.get_generators.connect(get_generators)
    signals.static_generator_finalized.connect(drop_sources)
