"""The site's identity (plugins/identity): logo, icons and accent colour from the settings, every
file checked at start with French messages located at the setting's line or in the file."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import OFFICE_SITE
from photos import bomb_png
from plugins.identity.checks import contrast, ratio_fr

IDENTITY_SETTINGS = ("SITE_LOGO", "SITE_ICON", "SITE_ICON_SVG", "ACCENT_COLOR")
# The line of each identity setting in the tests' site's settings file (where problems are located).
SETTINGS_LINES = {name: number for number, line in enumerate(
    (OFFICE_SITE / "pelicanconf.py").read_text(encoding="utf-8").splitlines(), 1)
    for name in IDENTITY_SETTINGS if line.startswith(f"{name} = ")}
SAFE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 32"><rect width="64" height="32"/></svg>\n'


def soup_of(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def set_setting(site, name: str, value: str) -> None:
    """Replace the line of `name` in the site's pelicanconf.py (it stays at its line)."""
    lines = site.settings.read_text(encoding="utf-8").split("\n")
    number = SETTINGS_LINES[name]
    assert lines[number - 1].startswith(f"{name} = ")
    lines[number - 1] = f"{name} = {value}"
    site.settings.write_text("\n".join(lines), encoding="utf-8")


def png_bytes(width: int, height: int, **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (13, 59, 102)).save(buffer, "PNG", **save)
    return buffer.getvalue()


# --- Contrast of the accent colour ----------------------------------------------------------------

def test_contrast_follows_wcag():
    assert contrast("#000000", "#ffffff") == 21
    assert round(contrast("#0d3b66", "#ffffff"), 4) == 11.4469  # the demo's accent, white on it
    assert round(contrast("#0d3b66", "#eef2f7"), 4) == 10.1819  # as a heading on the pale boxes
    assert ratio_fr(contrast("#767676", "#ffffff")) == "4,54:1"
    assert ratio_fr(4.499) == "4,49:1"  # rounded down: never « 4,50 » for a ratio under 4.5


@pytest.mark.parametrize("value, message", [
    ('"#6fa8dc"', "« #6fa8dc » : contraste de 2,52:1 avec le blanc (texte sur la couleur, titres sur fond "
                  "blanc) ; 4,5:1 au moins est exigé (WCAG AA) : choisissez une couleur plus foncée"),
    ('"#767676"', "« #767676 » : contraste de 4,04:1 avec le fond pâle des encadrés (#eef2f7) ; 4,5:1 au "
                  "moins est exigé (WCAG AA) : choisissez une couleur plus foncée"),
    ('"bleu"', "« bleu » invalide : une couleur « #rrggbb » est attendue (six chiffres hexadécimaux)"),
    ('"#0d3b6"', "« #0d3b6 » invalide : une couleur « #rrggbb » est attendue (six chiffres hexadécimaux)"),
])
def test_an_accent_that_breaks_aa_is_refused_at_its_line(site, value, message):
    set_setting(site, "ACCENT_COLOR", value)
    result = site.build()
    line = SETTINGS_LINES["ACCENT_COLOR"]
    assert [str(p) for p in result.problems] == [f"pelicanconf.py:{line}: réglage ACCENT_COLOR : {message}"]
    assert not site.output.exists()


def test_the_accent_reaches_the_css_of_every_page(site):
    set_setting(site, "ACCENT_COLOR", '"#1D5C3A"')
    assert site.build().problems == []
    assert (site.output / "identite" / "accent.css").read_text(encoding="ascii") == (
        "/* ACCENT_COLOR of pelicanconf.py (plugins/identity): the theme's --brand. */\n"
        ":root { --brand: #1d5c3a; }\n")
    for page in ("index.html", "feuille-de-route/index.html", "nouvelles/ouverture/index.html"):
        sheets = [link["href"] for link in soup_of(site.output / page).select('link[rel="stylesheet"]')]
        depth = "../" * page.count("/")
        assert sheets == [f"{depth or './'}theme/css/site.css".replace(".//", "./"),
                          f"{depth or './'}identite/accent.css".replace(".//", "./")], page


# --- Files named by the settings -------------------------------------------------------------------

@pytest.mark.parametrize("name, value, content, message", [
    ("SITE_LOGO", '"images/absent.svg"', None, "fichier « content/images/absent.svg » introuvable"),
    ("SITE_LOGO", '"images/icone.png"', None, "« images/icone.png » : un fichier .svg est attendu"),
    ("SITE_LOGO", '"../logo.svg"', None,
     "« ../logo.svg » invalide : un chemin dans le dossier du contenu, sans « / » au début ni « .. »"),
    ("SITE_ICON", '"images/large.png"', png_bytes(600, 400),
     "image « content/images/large.png » de 600 × 400 px : une image carrée est attendue"),
    ("SITE_ICON", '"images/petite.png"', png_bytes(256, 256),
     "image « content/images/petite.png » de 256 × 256 px, trop petite : 512 × 512 px au moins"),
    ("SITE_ICON", '"images/bombe.png"', bomb_png(15_000, 15_000),
     "image « content/images/bombe.png » de 15000 × 15000 px, bien trop grande pour une icône : 4096 × 4096 px au "
     "plus"),
    ("SITE_ICON", '"images/faux.png"', b"GIF89a pas une image",
     "image « content/images/faux.png » illisible : un fichier PNG est attendu"),
    ("SITE_ICON_SVG", '"images/large.svg"', SAFE_SVG.encode(),
     "« content/images/large.svg » de 64 × 32 (viewBox) : une icône carrée est attendue"),
    ("SITE_LOGO", '"images/sans-boite.svg"', b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>',
     "« content/images/sans-boite.svg » : le SVG doit avoir un attribut viewBox"),
])
def test_a_bad_identity_file_is_refused_at_its_setting(site, name, value, content, message):
    if content is not None:
        site.write("content/" + value.strip('"'), content)
    set_setting(site, name, value)
    result = site.build()
    assert [str(p) for p in result.problems] == [f"pelicanconf.py:{SETTINGS_LINES[name]}: réglage {name} : {message}"]


@pytest.mark.parametrize("svg, where, message", [
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8">\n  <script>alert(1)</script>\n</svg>', "2:3",
     "élément <script> interdit dans un SVG publié (du code s’exécuterait) : retirez-le"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8" onload="alert(1)"/>', "1:1",
     "attribut « onload » interdit dans un SVG publié (du code s’exécuterait) : retirez-le"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8">\n<foreignObject><p>x</p></foreignObject></svg>', "2:1",
     "élément <foreignobject> interdit dans un SVG publié (du HTML y serait inclus) : retirez-le"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 8 8">\n'
     ' <image xlink:href="https://example.org/pixel.png"/></svg>', "2:2",
     "référence externe « xlink:href=\"https://example.org/pixel.png\" » interdite dans un SVG publié "
     "(seules les références internes « #… » sont permises)"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><a href="javascript:alert(1)"><rect/></a></svg>', "1:59",
     "référence externe « href=\"javascript:alert(1)\" » interdite dans un SVG publié "
     "(seules les références internes « #… » sont permises)"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8">\n<style>@import url(https://example.org/x.css);</style></svg>',
     "2:1", "style chargeant une ressource externe interdit dans un SVG publié : retirez url(…) et @import"),
    ('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8">&x;</svg>',
     "1:15", "déclaration <!DOCTYPE> interdite dans un SVG publié (ses entités peuvent charger des fichiers)"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect></svg>', "1:67",
     "fichier SVG mal formé (XML invalide) : vérifiez les balises à cet endroit"),
])
def test_an_svg_that_would_run_or_load_anything_is_never_published(site, svg, where, message):
    site.write("content/images/logo.svg", svg)
    result = site.build()
    problems = [str(p) for p in result.problems]
    assert problems[0] == f"content/images/logo.svg:{where}: {message}", problems
    assert not site.output.exists()


def test_any_svg_of_the_static_folders_is_checked_too(site):
    """Pelican copies every file of content/images/ as it is: an SVG there is checked like the logo."""
    site.write("content/images/carte.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8">\n'
               '<rect onclick="alert(1)" width="8" height="8"/></svg>')
    result = site.build()
    assert [str(p) for p in result.problems] == [
        "content/images/carte.svg:2:1: attribut « onclick » interdit dans un SVG publié (du code s’exécuterait) : retirez-le"]
    site.write("content/images/carte.svg", SAFE_SVG)
    assert site.build().problems == []
    assert (site.output / "images" / "carte.svg").read_text(encoding="utf-8") == SAFE_SVG


def test_without_identity_settings_the_site_has_no_logo_and_no_icon(site):
    assert site.build(SITE_LOGO=None, SITE_ICON=None, SITE_ICON_SVG=None).problems == []
    page = soup_of(site.output / "index.html")
    assert page.select(".logo") == []
    assert [(link["rel"], link["href"]) for link in page.select('link[rel~="icon"], link[rel="apple-touch-icon"]')] == [
        (["icon"], "data:,")]  # no request for /favicon.ico
    assert sorted(path.name for path in (site.output / "identite").iterdir()) == ["accent.css"]


# --- What the build publishes ---------------------------------------------------------------------

def test_head_links_every_icon_with_its_size(built_site):
    page = soup_of(built_site / "index.html")
    links = [(link["rel"][0], link["href"], link.get("type"), link.get("sizes"))
             for link in page.select('link[rel~="icon"], link[rel="apple-touch-icon"]')]
    assert links == [
        ("icon", "./identite/icone.svg", "image/svg+xml", "any"),
        ("icon", "./identite/icone-32.png", "image/png", "32x32"),
        ("apple-touch-icon", "./identite/icone-180.png", "image/png", "180x180"),
        ("icon", "./identite/icone-192.png", "image/png", "192x192"),
        ("icon", "./identite/icone-512.png", "image/png", "512x512"),
    ]
    for _, href, kind, sizes in links:
        path = built_site / href.removeprefix("./")
        if kind == "image/png":
            with Image.open(path) as image:
                side = int(sizes.split("x")[0])
                assert (image.format, image.size) == ("PNG", (side, side)), href
                # Nothing but the pixels: no text, date, profile or EXIF chunk.
                assert set(image.info) <= {"dpi"} and not image.getexif(), (href, image.info)
        else:  # the checked SVG, as the office wrote it
            assert path.read_bytes() == (OFFICE_SITE / "content" / "images" / "logo.svg").read_bytes()


def test_icons_are_made_from_the_pixels_only(site):
    """A source with a text chunk, an ICC profile and EXIF (a GPS position): none of it is copied."""
    exif = Image.Exif()
    exif[0x013B] = "Photographe"  # Artist
    exif[0x010E] = "Col du Lautaret"  # ImageDescription
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Photographe")
    buffer = io.BytesIO()
    Image.new("RGB", (600, 600), (200, 30, 30)).save(buffer, "PNG", pnginfo=info, exif=exif,
                                                     icc_profile=b"\0" * 128)
    site.write("content/images/icone.png", buffer.getvalue())
    assert site.build().problems == []
    for size in (32, 180, 192, 512):
        data = (site.output / "identite" / f"icone-{size}.png").read_bytes()
        for chunk in (b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"iCCP", b"tIME"):
            assert chunk not in data, (size, chunk)
        with Image.open(io.BytesIO(data)) as image:
            assert image.size == (size, size) and image.getpixel((size // 2, size // 2))[:3] == (200, 30, 30)
    # The source itself is not published as it is: only its copies.
    assert not (site.output / "images" / "icone.png").exists()


def test_the_logo_is_the_checked_file_shown_beside_the_name(built_site):
    page = soup_of(built_site / "index.html")
    link = page.select_one(".site-name a")
    logo = link.img
    assert (logo["src"], logo["alt"], logo["width"], logo["height"]) == ("./identite/logo.svg", "", "40", "40")
    assert link.get_text(strip=True) == "La Vallée au Sommet"  # the link's name: the logo is beside it
    source = built_site / "identite" / "logo.svg"
    assert source.read_bytes().startswith(b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"')


def test_a_wordmark_logo_carries_the_name_as_its_text_alternative(site):
    site.write("content/images/marque.svg", SAFE_SVG)
    assert site.build(SITE_LOGO="images/marque.svg", SITE_LOGO_WITH_NAME=True).problems == []
    link = soup_of(site.output / "index.html").select_one(".site-name a")
    assert [(img["alt"], img["width"], img["height"]) for img in link.find_all("img")] == [
        ("La Vallée au Sommet", "80", "40")]
    assert link.get_text(strip=True) == ""


SVG_START = '<svg xmlns="http://www.w3.org/2000/svg">'
STYLE_AT_41 = "1:41: style chargeant une ressource externe interdit dans un SVG publié : retirez url(…) et @import"


@pytest.mark.parametrize("svg, expected", [
    ('<?xml version="1.0"?>\n<?xml-stylesheet href="https://example.org/x.css"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
     ["2:1: instruction <?xml-stylesheet …?> interdite dans un SVG publié (elle peut charger une feuille de style)"]),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url(https://example.org/p.svg#x)"/></svg>',
     ["1:41: style chargeant une ressource externe interdit dans un SVG publié : retirez url(…) et @import"]),
    ('<svg xmlns="http://www.w3.org/2000/svg"><a href="#haut"><set attributeName="href" to="javascript:x"/></a></svg>',
     ["1:57: animation de « href » interdite dans un SVG publié (elle changerait un lien)"]),
    ('<html><body/></html>', ["1:1: élément racine <html> : un fichier SVG commence par <svg>"]),
    ('<svg xmlns="http://www.w3.org/2000/svg"><use href="#forme"/><rect style="fill: url(#degrade)"/></svg>', []),
    # What the browser reads, not what the file spells: references, CSS escapes, CDATA, a child
    # element inside <style>, and the presentation attributes that take url(…).
    (SVG_START + "<style>@imp&#111;rt 'https://evil.example/b.css';</style></svg>", [STYLE_AT_41]),
    (SVG_START + "<style>@\\69mport 'https://evil.example/c.css';</style></svg>", [STYLE_AT_41]),
    (SVG_START + "<style><![CDATA[rect{fill:u\\72l(https://evil.example/d.svg#p)}]]></style></svg>", [STYLE_AT_41]),
    (SVG_START + "<style><x/>@import 'https://evil.example/e.css';</style></svg>", [STYLE_AT_41]),
    (SVG_START + "<style>rect{fill:u/**/rl(#a)} i{background:image-set('https://e.example/i.png' 1x)}</style></svg>",
     [STYLE_AT_41]),
    (SVG_START + '<rect fill="url(https://evil.example/f.svg#p)" mask="url(#m)" clip-path="u\\72l(//e.example/c)"/></svg>',
     ["1:41: attribut « fill » chargeant une ressource externe interdit dans un SVG publié : seules les références "
      "internes « url(#…) » sont permises",
      "1:41: attribut « clip-path » chargeant une ressource externe interdit dans un SVG publié : seules les "
      "références internes « url(#…) » sont permises"]),
    (SVG_START + '<rect fill="url(#g)" filter="url(#f)"/><style>rect{fill:url(#a)}</style></svg>', []),
])
def test_svg_checks_without_a_build(tmp_path, svg, expected):
    from plugins.strict_content.svg import svg_problems

    path = tmp_path / "dessin.svg"
    path.write_text(svg, encoding="utf-8")
    assert [f"{p.line}:{p.col}: {p.message}" for p in svg_problems(str(path))] == expected
