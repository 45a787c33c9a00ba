"""Photos done right: every JPEG or PNG of content/ published resized, re-encoded and without metadata.

- process.py: one photo → its published copies (widths, AVIF/WebP/original format, no metadata,
  upright), cached by content hash in IMAGES_CACHE_PATH;
- markup.py: each <img> of a photo in a content's HTML → <picture> (srcset, sizes, width/height,
  lazy loading except the first image of the page);
- figure.py: the `/// figure | Légende` block (caption, `credit:`).

No raster file of content/ is ever copied as it is (a camera JPEG carries the GPS position where it
was taken): Pelican's static generator still knows it (its `{static}` address resolves), but copies
only the other files (PDF, SVG…); this plugin writes the photo's copies, the widest in the original
format at the original's address. Settings: IMAGES_WIDTHS, IMAGES_FORMATS, IMAGES_QUALITY,
IMAGES_MAX_PIXELS, IMAGES_SIZES, IMAGES_CACHE_PATH, HOME_HERO (the home page's photo, hero.html).
"""

from __future__ import annotations

import os
import re
import shutil
from urllib.parse import quote

from markupsafe import Markup
from pelican import signals
from pelican.contents import Article, Page
from pelican.generators import Generator

from core.build_state import per_build
from core.compat import add_link_pass, resolve_summaries_per_page
from core.output_paths import Writer, claim
from core.plugin_order import require_plugins
from core.plugin_settings import declare_settings
from core.problems import (
    Problem,
    ProblemError,
    abort_on,
    display_path,
    position,
    read_markdown,
    setting_problem,
)
from plugins.strict_content.links import target_path
from plugins.strict_content.reader import add_source_hook
from site_build.incremental import page_only_metadata

from .figure import FigureExtension, scan_figures
from .markup import picture, resolve_srcset, rewrite
from .process import (
    PHOTOS,
    RASTER_EXTENSIONS,
    REFUSED_EXTENSIONS,
    ImageProblem,
    cached_file,
    process,
)
from .settings import SETTINGS

_STATIC = re.compile(r"\A[{|]static[|}](.+)\Z")


def add_block_extension(readers):
    extensions = readers.settings["MARKDOWN"].setdefault("extensions", [])
    if not any(isinstance(extension, FigureExtension) for extension in extensions):
        extensions.append(FigureExtension())


def _srcset_pass(content, html: str, siteurl: str) -> str:
    return resolve_srcset(html, siteurl, content.settings["RELATIVE_URLS"])


def start(pelican_obj):
    """The srcset addresses are resolved with the links; the home page's photo is checked and made."""
    add_link_pass(_srcset_pass)
    resolve_summaries_per_page()  # a photo in a Summary: shown in lists, at another depth than its article
    settings = pelican_obj.settings
    hero = settings.get("HOME_HERO")
    if not hero:
        return
    relative = hero["image"]
    path = os.path.join(settings["PATH"], relative)
    if not os.path.isfile(path):
        abort_on([setting_problem("HOME_HERO", (
            f"« image » : le fichier « {relative} » n'existe pas dans {display_path(settings['PATH'])}/ "
            "(chemin relatif à content/, par exemple \"images/vallee.jpg\")"))], "réglages invalides")
    try:
        PHOTOS[relative] = process(path, relative, settings)
    except ImageProblem as exc:
        abort_on([setting_problem("HOME_HERO", f"« image » : « {relative} » : {exc}")], "réglages invalides")


def _location(content, text: str, written: str) -> tuple[int | None, int | None]:
    offset = text.find(written)
    return position(text, offset) if offset >= 0 else (None, None)


# The strict reader's scan of a source's `/// figure` blocks (its problems), in the metadata and
# so in Pelican's reader cache: a content read from the cache is not read again for it.
FIGURES_KEY = "figures_scan"


def scan_source(source_path: str, text: str, settings: dict) -> dict:
    """The strict reader's hook: the figure blocks of the text it has just read, before Markdown."""
    return {FIGURES_KEY: scan_figures(source_path, text)}


def transform_content(content):
    """A content's figures checked at their lines, then each photo of its HTML made a <picture>."""
    if not isinstance(content, (Article, Page)) or not content.source_path:
        return
    settings = content.settings
    source: list[str] = []

    def text() -> str:  # the source as the strict reader read it (same lines), read only if needed
        if not source:
            source.append(read_markdown(content.source_path))
        return source[0]

    problems = content.metadata.get(FIGURES_KEY)
    if problems is None:  # not read by the strict reader (another format): scanned here
        problems = scan_figures(content.source_path, text())
    if problems:
        raise ProblemError(*problems)

    def find(src: str, alt: str | None):
        match = _STATIC.match(src)
        if not match:
            return None
        target = target_path(content, match.group(1))
        extension = os.path.splitext(target)[1].lower()

        def problem(message: str) -> ProblemError:
            return ProblemError(Problem(content.source_path, *_location(content, text(), src), message))

        if extension in REFUSED_EXTENSIONS:
            raise problem(
                f"image « {target} » : format {extension[1:].upper()} non pris en charge : enregistrez-la en "
                "JPEG (photo) ou en PNG (dessin, transparence)")
        if alt and not alt.strip():  # `![ ](…)`: Pelican only catches an empty alt="" (site_build)
            raise problem(
                f"image « {target} » sans texte alternatif (des espaces seulement) : décrivez-la entre les "
                "crochets, ![description de l'image](…), pour les personnes qui ne la voient pas")
        full = os.path.join(settings["PATH"], target)
        if extension not in RASTER_EXTENSIONS or not os.path.isfile(full):
            return None  # not a photo (SVG…), or a broken link reported by strict_content
        try:
            PHOTOS[target] = PHOTOS.get(target) or process(full, target, settings)
        except ImageProblem as exc:
            raise problem(f"image « {target} » : {exc}") from None
        return PHOTOS[target]

    options = {"formats": settings["IMAGES_FORMATS"], "sizes": settings["IMAGES_SIZES"]}
    home_hero = bool(settings.get("HOME_HERO")) and getattr(content, "template", None) == "home"
    content._content, _ = rewrite(content._content or "", find, first_eager=not home_hero, **options)
    summary = getattr(content, "_summary", None)
    if isinstance(summary, str) and "<img" in summary:  # shown in lists, after other things: always lazy
        content._summary, _ = rewrite(summary, find, first_eager=False, **options)
        content.metadata["summary"] = content._summary


def _writer(relative: str, settings: dict) -> Writer:
    return Writer(f"la photo {relative}", os.path.join(settings["PATH"], relative), fix=(
        "renommez l'une des deux (un nom qui ne finit pas par « -480w », « -960w »… et que ne porte aucune "
        "autre photo, à l'extension près)"))


def take_photos(generators):
    """Every raster file of content/ is published through this plugin, never copied as it is: those no
    page shows are processed here (errors at the file), then the copies' addresses are claimed."""
    settings = generators[0].settings if generators else {}
    problems: list[Problem] = []
    for generator in generators:
        statics = getattr(generator, "staticfiles", None)
        if statics is None or type(generator).__name__ != "StaticGenerator":
            continue
        kept = []
        for static in statics:
            relative = static.relative_source_path.replace(os.sep, "/")
            extension = os.path.splitext(relative)[1].lower()
            if extension in REFUSED_EXTENSIONS:
                problems.append(Problem(static.source_path, None, None, (
                    f"format {extension[1:].upper()} non pris en charge : enregistrez l'image en JPEG (photo) "
                    "ou en PNG (dessin, transparence), le site n'en publie pas d'autre")))
                continue
            if extension not in RASTER_EXTENSIONS:
                kept.append(static)
                continue
            if relative not in PHOTOS:
                try:
                    PHOTOS[relative] = process(static.source_path, relative, settings)
                except ImageProblem as exc:
                    problems.append(Problem(static.source_path, None, None, str(exc)))
        statics[:] = kept  # the same list as context["staticfiles"]: Pelican copies only these
    abort_on(problems, "images refusées")
    output = settings.get("OUTPUT_PATH", "")
    for relative, processed in sorted(PHOTOS.items()):
        for path in processed.output_paths():
            if path != relative:  # the original's address is claimed by Pelican's static file
                try:
                    claim(os.path.join(output, path), _writer(relative, settings))
                except ProblemError as exc:  # two photos whose copies share a name: each one reported
                    problems.extend(exc.problems)
                    break
    abort_on(problems, "adresses de photos en double")


class PhotosGenerator(Generator):
    """Writes every photo's copies, from the cache."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        for relative, processed in sorted(PHOTOS.items()):
            folder = os.path.dirname(relative)
            for variant in processed.variants:
                target = os.path.join(self.output_path, folder, variant.name)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(cached_file(processed, variant), target)


def get_generators(pelican_obj):
    return PhotosGenerator


def hero_picture(siteurl: str) -> Markup:
    """The home page's photo (HOME_HERO), first image of the page: not lazy, fetched first."""
    settings = _SETTINGS.get("settings") or {}
    hero = settings.get("HOME_HERO")
    if not hero:
        return Markup("")
    processed = PHOTOS[hero["image"]]
    prefix = f"{siteurl}/" if siteurl else ""
    return Markup(picture(processed, alt=hero["alt"], src=prefix + quote(hero["image"], safe="/"), prefix=prefix,
                          formats=settings["IMAGES_FORMATS"], sizes=settings["IMAGES_SIZES"], first=True,
                          extra={"class": "hero-image"}, high_priority=True))


_SETTINGS: dict = per_build({})


def add_template_globals(generator):
    _SETTINGS["settings"] = generator.settings
    generator.env.globals["hero_picture"] = hero_picture


def register():
    declare_settings(*SETTINGS)
    require_plugins(__name__, needs=("plugins.strict_content",))
    signals.initialized.connect(start)
    signals.readers_init.connect(add_block_extension)
    signals.generator_init.connect(add_template_globals)
    add_source_hook(scan_source)
    page_only_metadata(FIGURES_KEY)  # from the source's text: the page's own (preview)
    signals.content_object_init.connect(transform_content)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(take_photos)
