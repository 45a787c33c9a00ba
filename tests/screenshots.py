"""Screenshots of a site for the maintainers' docs (docs/mainteneurs/apparence.md), not a test
(the suite never runs it, and it is the one script here meant for the office's own site):

    .venv/bin/python tests/screenshots.py pelicanconf.py   # builds the site of these settings, then shoots
    .venv/bin/python tests/screenshots.py output            # shoots an already built site
    .venv/bin/python tests/screenshots.py --photo           # an article with a photo (docs' site)

Each page at 360 px (a phone) and 1280 px (a laptop), the first screen only (740 and 800 px
tall), in headless Chromium (tests/browser.py), saved as 8-bit palette PNG in
docs/mainteneurs/captures/<name>-<width>.png. The build uses the date of SOURCE_DATE_EPOCH when set.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CAPTURES = ROOT / "docs" / "mainteneurs" / "captures"
PAGES = {"accueil": "/", "feuille-de-route": "/feuille-de-route/"}
# The demo has no photo of the valley: the article with a photo is the guide's example, built on
# the docs' site with its synthetic photo (tests/sites/docs/content/images/lac.jpg).
PHOTO_ARTICLE = ("content/articles/actualites/le-lac-en-ete.md", (
    "Title: Le lac en été\nDate: 2016-07-10\n\n"
    "/// figure | Le lac un matin de juillet\n    credit: Office de Tourisme\n"
    "![Le lac entre les mélèzes, ses eaux vertes au soleil]({static}/images/lac.jpg)\n///\n\n"
    "Les premiers randonneurs sont arrivés au lac.\n"))
PHOTO_PAGES = {"article-photo": "/actualites/le-lac-en-ete/"}
VIEWPORTS = {360: 740, 1280: 800}


def small_png(data: bytes) -> bytes:
    """A screenshot reduced to a 256-colour palette (flat colours, text): a few tens of KB."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        palette = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def shoot(output: Path, target: Path = CAPTURES, pages: dict[str, str] = PAGES) -> list[Path]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(HERE))
    from browser import StaticServer, launch_chromium

    target.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright, StaticServer(output) as server:
        browser, notes = launch_chromium(playwright)
        if browser is None:
            raise SystemExit("Chromium introuvable : " + "; ".join(notes))
        try:
            for name, path in pages.items():
                for width, height in VIEWPORTS.items():
                    context = browser.new_context(viewport={"width": width, "height": height})
                    page = context.new_page()
                    page.goto(server.url(path), wait_until="load")
                    page.wait_for_load_state("networkidle")
                    destination = target / f"{name}-{width}.png"
                    destination.write_bytes(small_png(page.screenshot()))
                    written.append(destination)
                    context.close()
        finally:
            browser.close()
    return written


def photo_site() -> Path:
    """The docs' site with the guide's article with a photo, built; its output folder."""
    sys.path.insert(0, str(HERE))
    from conftest import SITES, SiteCopy

    base = Path(tempfile.mkdtemp(prefix="lvas-captures-"))
    site = SiteCopy(base, SITES / "docs")
    site.write(*PHOTO_ARTICLE)
    result = site.build()
    if result.problems:
        raise SystemExit("\n".join(map(str, result.problems)))
    return site.output


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit("usage : tests/screenshots.py pelicanconf.py | dossier-du-site-construit | --photo")
    if argv[0] == "--photo":
        for path in shoot(photo_site(), pages=PHOTO_PAGES):
            print(f"{path.relative_to(ROOT)} : {path.stat().st_size // 1024} Ko")
        return
    given = Path(argv[0])
    if given.is_dir():
        output = given
    else:
        from site_build import build

        output = Path(tempfile.mkdtemp(prefix="lvas-captures-")) / "output"
        result = build(str(given.resolve()), str(output))
        if result.problems:
            raise SystemExit("\n".join(map(str, result.problems)))
    for path in shoot(output):
        print(f"{path.relative_to(ROOT)} : {path.stat().st_size // 1024} Ko")


if __name__ == "__main__":
    main(sys.argv[1:])
