"""Photos (plugins/images): resized, re-encoded, stripped of their metadata, served in <picture>, cached.

One site with photos made by the test (tests/photos.py: photo-like noise and gradients, with EXIF,
GPS, XMP, orientation), built twice: every assertion on the output, then the cache. Failure paths
(corrupt file, decompression bomb, unknown format, figure syntax, home photo settings) build their
own copy. The browser test checks the candidate Chromium picks at 360 px.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import photos
import pytest
from bs4 import BeautifulSoup
from conftest import FIXED_EPOCH, SiteCopy
from PIL import Image

from plugins.images.process import STATS, target_widths

ARTICLE = "content/articles/nouvelles/photos.md"
PAGE = "nouvelles/photos/index.html"
SOURCE = """\
Title: Des photos de la vallée
Date: 2016-03-02
Summary: Le lac et le col en images. ![Le lac en vignette]({static}/images/petite.jpg)

Texte avant la première photo.

![Le lac de l’Oule entre les mélèzes]({static}/images/lac.jpg)

/// figure | Le col du Lautaret au printemps
    credit: Office de Tourisme
![La route du col, des névés sur les pentes]({static}/images/portrait.jpg)
///

![Un dessin de la vallée sur fond transparent]({static}/images/transparent.png)

![Une petite vignette]({static}/images/petite.jpg "Vignette")

Le plan : [plan de la vallée]({static}/images/plan.svg).
"""
FINDINGS_ARTICLE = "content/articles/etat-des-lieux/un-seul-nom.md"
FINDING_IMAGE = "![Les deux anciens offices, réunis sous un même nom]({static}/images/petite.jpg)"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'

# Each photo: (the source's pixel size as stored, its EXIF orientation, the expected published sizes).
EXPECTED = {
    "lac": [(480, 320), (960, 640), (1600, 1067)],  # 6000×4000: the three widths
    "portrait": [(480, 720), (800, 1200)],  # 1200×800 turned upright (orientation 6): its own 800 too
    "transparent": [(480, 240), (700, 350)],  # PNG 700×350 with alpha
    "petite": [(300, 200)],  # narrower than 480: its own width only
    "non-liee": [(480, 360), (640, 480)],  # in content/images/ but on no page: published stripped all the same
}
FALLBACK = {"lac": "jpg", "portrait": "jpg", "transparent": "png", "petite": "jpg", "non-liee": "jpg"}
PILLOW_FORMAT = {"avif": "AVIF", "webp": "WEBP", "jpg": "JPEG", "png": "PNG"}
COUNT = len(EXPECTED)
SITE_HERO = {"image": "images/lac.jpg", "alt": "Le lac de l’Oule entre les mélèzes, vu de la rive", "credit": "Office"}


def _write_photos(site: SiteCopy) -> dict[str, bytes]:
    sources = {
        "lac.jpg": photos.camera_jpeg(6000, 4000),
        "portrait.jpg": photos.camera_jpeg(1200, 800, orientation=6),
        "transparent.png": photos.png_with_alpha(700, 350),
        "petite.jpg": photos.small_jpeg(300, 200),
        "non-liee.jpg": photos.camera_jpeg(640, 480),
    }
    for name, data in sources.items():
        site.write(f"content/images/{name}", data)
    site.write("content/images/plan.svg", SVG)
    site.write(ARTICLE, SOURCE)
    findings = site.base / FINDINGS_ARTICLE
    findings.write_text(findings.read_text(encoding="utf-8").replace(
        "Le texte fondateur y voit", f"{FINDING_IMAGE}\n\nLe texte fondateur y voit"), encoding="utf-8")
    return sources


def _snapshot(output: Path) -> dict[str, str]:
    return {str(path.relative_to(output)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(output.rglob("*")) if path.is_file() and "pagefind" not in path.parts}


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("photos")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        patch.chdir(base)
        site = SiteCopy(base)
        sources = _write_photos(site)
        first = site.build(HOME_HERO=SITE_HERO)
        assert first.problems == [], "\n".join(map(str, first.problems))
        first_stats = dict(STATS)
        snapshot = _snapshot(site.output)
        mtimes = {path.name: path.stat().st_mtime_ns for path in (base / ".cache" / "images").rglob("*.avif")}
        second = site.build(HOME_HERO=SITE_HERO)
        assert second.problems == [], "\n".join(map(str, second.problems))
        yield {"site": site, "sources": sources, "first_stats": first_stats, "second_stats": dict(STATS),
               "first": snapshot, "second": _snapshot(site.output), "cache_mtimes": mtimes,
               "cache_mtimes_after": {path.name: path.stat().st_mtime_ns
                                      for path in (base / ".cache" / "images").rglob("*.avif")}}


@pytest.fixture(scope="module")
def output(photo_site) -> Path:
    return photo_site["site"].output


@pytest.fixture(scope="module")
def page(output) -> BeautifulSoup:
    return BeautifulSoup((output / PAGE).read_text(encoding="utf-8"), "html.parser")


def _expected_files() -> set[str]:
    files = set()
    for stem, sizes in EXPECTED.items():
        widest = max(width for width, _ in sizes)
        for width, _ in sizes:
            files |= {f"{stem}-{width}w.avif", f"{stem}-{width}w.webp"}
            files.add(f"{stem}.{FALLBACK[stem]}" if width == widest else f"{stem}-{width}w.{FALLBACK[stem]}")
    return files | {"plan.svg"}


def test_target_widths_never_exceed_the_original():
    assert target_widths(6000, [480, 960, 1600]) == [480, 960, 1600]
    assert target_widths(1600, [480, 960, 1600]) == [480, 960, 1600]
    assert target_widths(1000, [480, 960, 1600]) == [480, 960, 1000]
    assert target_widths(960, [480, 960, 1600]) == [480, 960]
    assert target_widths(300, [480, 960, 1600]) == [300]


def test_exactly_the_expected_files_are_published(output):
    assert {path.name for path in (output / "images").iterdir()} == _expected_files()


def test_each_file_has_its_format_and_size(output):
    for stem, sizes in EXPECTED.items():
        widest = max(width for width, _ in sizes)
        for width, height in sizes:
            for extension in ("avif", "webp", FALLBACK[stem]):
                name = f"{stem}.{extension}" if extension == FALLBACK[stem] and width == widest \
                    else f"{stem}-{width}w.{extension}"
                with Image.open(output / "images" / name) as image:
                    assert (image.format, image.size) == (PILLOW_FORMAT[extension], (width, height)), name


def test_no_copy_keeps_any_metadata(output, photo_site):
    for path in sorted((output / "images").iterdir()):
        if path.suffix == ".svg":
            continue
        data = path.read_bytes()
        with Image.open(path) as image:
            assert dict(image.getexif()) == {}, path.name
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "Author"} & set(image.info), \
                (path.name, sorted(image.info))
        for marker in (b"Appareil de test", b"ns.adobe.com", b"Photo prise au lac", b"Lac de l'Oule"):
            assert marker not in data, (path.name, marker)


def test_the_raw_originals_are_never_published(output, photo_site):
    published = {hashlib.sha256(path.read_bytes()).hexdigest() for path in output.rglob("*") if path.is_file()}
    for name, data in photo_site["sources"].items():
        assert hashlib.sha256(data).hexdigest() not in published, name
    with Image.open(output / "images" / "lac.jpg") as image:  # the original's address: the widest copy
        assert image.size == (1600, 1067)


def test_orientation_is_applied(output):
    with Image.open(output / "images" / "portrait.jpg") as image:
        assert image.size == (800, 1200)  # stored 1200×800 with « rotate 90° »: upright, tag gone


def test_alpha_is_kept(output):
    for name in ("transparent.png", "transparent-480w.webp", "transparent-700w.avif"):
        with Image.open(output / "images" / name) as image:
            assert image.mode in ("RGBA", "LA"), name
            assert image.getchannel("A").getextrema()[0] < 50, name


def test_svg_and_pdf_are_copied_as_they_are(output):
    assert (output / "images" / "plan.svg").read_bytes() == SVG


def _candidates(srcset: str) -> list[tuple[str, int]]:
    pairs = []
    for item in srcset.split(","):
        url, descriptor = item.split()
        assert re.fullmatch(r"\d+w", descriptor), item
        pairs.append((url, int(descriptor[:-1])))
    return pairs


def test_pictures_point_to_files_of_their_size(page, output):
    pictures = page.select("main picture")
    assert len(pictures) == 4
    for picture in pictures:
        sources = picture.find_all("source")
        assert [source["type"] for source in sources] == ["image/avif", "image/webp"]
        img = picture.find("img")
        for element in [*sources, img]:
            assert element["sizes"] == "(min-width: 48rem) 46rem, calc(100vw - 2rem)"
            for url, width in _candidates(element["srcset"]):
                assert url.startswith("../../images/"), url
                with Image.open(output / "nouvelles" / "photos" / url) as image:
                    assert image.width == width, url
        widest = _candidates(img["srcset"])[-1][0]
        assert img["src"] == widest
        with Image.open(output / "nouvelles" / "photos" / widest) as image:
            assert (img["width"], img["height"]) == (str(image.width), str(image.height))


def test_first_image_is_eager_the_others_lazy(page):
    images = page.select("main picture img")
    assert [img.get("loading") for img in images] == [None, "lazy", "lazy", "lazy"]
    assert [img.get("decoding") for img in images] == [None, "async", "async", "async"]
    assert [img["alt"] for img in images] == [
        "Le lac de l’Oule entre les mélèzes", "La route du col, des névés sur les pentes",
        "Un dessin de la vallée sur fond transparent", "Une petite vignette"]
    assert images[3]["title"] == "Vignette"


def test_lac_srcsets(page):
    picture = page.select("main picture")[0]
    assert [source["srcset"] for source in picture.find_all("source")] == [
        "../../images/lac-480w.avif 480w, ../../images/lac-960w.avif 960w, ../../images/lac-1600w.avif 1600w",
        "../../images/lac-480w.webp 480w, ../../images/lac-960w.webp 960w, ../../images/lac-1600w.webp 1600w"]
    assert picture.img["srcset"] == (
        "../../images/lac-480w.jpg 480w, ../../images/lac-960w.jpg 960w, ../../images/lac.jpg 1600w")
    assert (picture.img["width"], picture.img["height"]) == ("1600", "1067")


def test_figure_with_caption_and_credit(page):
    figure = page.select_one("main figure.photo")
    assert [child.name for child in figure.find_all(recursive=False)] == ["picture", "figcaption"]
    assert figure.picture.img["src"] == "../../images/portrait.jpg"
    assert figure.figcaption.get_text() == "Le col du Lautaret au printemps Photo\u00a0: Office de Tourisme"
    assert figure.figcaption.select_one("small.credit").get_text() == "Photo\u00a0: Office de Tourisme"


def test_budget_of_a_6000_by_4000_photo_on_a_360_px_phone(output):
    """At 360 CSS px, `sizes` gives 328 px: DPR 1 picks the 480 candidates, DPR 2 (656 px) the 960 ones."""
    sizes = {path.name: path.stat().st_size for path in (output / "images").glob("lac*")}
    for name in ("lac-480w.avif", "lac-480w.webp", "lac-480w.jpg", "lac-960w.avif", "lac-960w.webp"):
        assert sizes[name] <= 120 * 1024, (name, sizes[name])
    assert sizes["lac-960w.avif"] <= 60 * 1024  # what Chromium, Firefox and Safari 16+ take at DPR 2
    assert sizes["lac-960w.avif"] < sizes["lac-960w.webp"] < sizes["lac-960w.jpg"]


def test_second_build_copies_from_the_cache_byte_for_byte(photo_site):
    assert photo_site["first_stats"] == {"encoded": COUNT}
    assert photo_site["second_stats"] == {"cached": COUNT}
    assert photo_site["first"] == photo_site["second"]
    assert photo_site["cache_mtimes"] == photo_site["cache_mtimes_after"] != {}


def test_no_marker_is_left_anywhere(output):
    for path in output.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "{image}" not in text and "{static}" not in text, path


def test_cache_is_ignored_by_git():
    root = Path(__file__).resolve().parent.parent
    assert ".cache/" in (root / ".gitignore").read_text(encoding="utf-8").split()  # anywhere: fixture sites build in place


# --- Failures: located, in French ---------------------------------------------------------------

def _one_image(site: SiteCopy, name: str, data: bytes, line: str | None = None) -> list[str]:
    site.write(f"content/images/{name}", data)
    site.write(ARTICLE, "Title: Photo\nDate: 2016-03-02\n\nTexte.\n\n"
               + (line or f"![Une photo]({{static}}/images/{name})") + "\n")
    return [str(problem) for problem in site.build().problems]


def test_a_photo_is_published_in_the_format_its_name_says(site):
    """A transparent PNG saved as « .jpg » (a screenshot renamed): served at its address as a JPEG,
    flattened on white; a JPEG saved as « .png » as a PNG. The other formats keep the transparency."""
    site.write("content/images/capture.jpg", photos.png_with_alpha(600, 400))
    site.write("content/images/vue.png", photos.small_jpeg(600, 400))
    site.write(ARTICLE, "Title: Photo\nDate: 2016-03-02\n\nTexte.\n\n![Une capture]({static}/images/capture.jpg)\n\n"
                        "![Une vue]({static}/images/vue.png)\n")
    assert site.build().problems == []
    images = site.output / "images"
    formats = {path.name: Image.open(path).format for path in sorted(images.glob("capture*"))}
    assert formats == {"capture-480w.avif": "AVIF", "capture-480w.jpg": "JPEG", "capture-480w.webp": "WEBP",
                       "capture-600w.avif": "AVIF", "capture.jpg": "JPEG", "capture-600w.webp": "WEBP"}
    with Image.open(images / "capture.jpg") as flat:  # photo() is transparent at the top, not white
        source = photos.photo(600, 400).getpixel((0, 0))
        assert flat.mode == "RGB" and min(flat.getpixel((0, 0))) >= 250 and min(source) < 200
    with Image.open(images / "capture-600w.webp") as kept:
        assert kept.mode == "RGBA"
    assert {path.name: Image.open(path).format for path in images.glob("vue*.png")} == {
        "vue-480w.png": "PNG", "vue.png": "PNG"}


def test_corrupt_photo(site):
    truncated = photos.small_jpeg(600, 400)[:2000]  # a copy cut short: the header reads, the pixels do not
    assert _one_image(site, "abimee.jpg", truncated) == [
        f"{ARTICLE}:6:14: image « images/abimee.jpg » : fichier illisible : l'image est incomplète ou abîmée "
        "(copie interrompue ?) ; ouvrez-la dans un logiciel de retouche et enregistrez-la de nouveau en JPEG ou "
        "en PNG"]


def test_not_an_image(site):
    assert _one_image(site, "texte.jpg", b"Ceci n'est pas une photo.\n") == [
        f"{ARTICLE}:6:14: image « images/texte.jpg » : fichier illisible : ce n'est pas une image JPEG ou PNG "
        "(fichier abîmé, incomplet ou d'un autre format ?) ; ouvrez-la dans un logiciel de retouche et "
        "enregistrez-la de nouveau en JPEG ou en PNG"]


def test_decompression_bomb(site):
    assert _one_image(site, "bombe.png", photos.bomb_png()) == [
        f"{ARTICLE}:6:14: image « images/bombe.png » : image trop grande : 100000 × 100000 pixels, soit 10000 "
        "mégapixels, pour au plus 100 (réglage IMAGES_MAX_PIXELS) ; réduisez-la avant de l'ajouter : le site "
        "n'en publie pas plus de 1600 pixels de large"]


def test_an_image_too_tall_for_webp_is_refused_in_french(site):
    tall = io.BytesIO()
    Image.new("RGB", (800, 17000), "white").save(tall, "PNG")
    assert _one_image(site, "infographie.png", tall.getvalue()) == [
        f"{ARTICLE}:6:14: image « images/infographie.png » : image trop haute : 800 × 17000 pixels ; publiée à 800 "
        "pixels de large, elle en ferait 17000 de haut, pour au plus 16383 (limite du format WebP) : coupez-la en "
        "plusieurs images"]
    assert not site.output.exists()


def test_a_16_bit_grey_png_is_scaled_to_8_bits_not_clipped(site):
    import numpy

    grey = io.BytesIO()
    Image.fromarray(numpy.tile(numpy.array([0, 257 * 100, 65535], dtype=numpy.uint16), (10, 1))).save(grey, "PNG")
    assert Image.open(io.BytesIO(grey.getvalue())).mode.startswith("I")
    assert _one_image(site, "gris.png", grey.getvalue()) == []
    with Image.open(site.output / "images" / "gris.png") as published:
        assert [published.convert("L").getpixel((x, 0)) for x in range(3)] == [0, 100, 255]


def test_unknown_format_by_content(site):
    gif = io.BytesIO()
    photos.photo(40, 30).save(gif, "GIF")
    assert _one_image(site, "deguisee.png", gif.getvalue()) == [
        f"{ARTICLE}:6:14: image « images/deguisee.png » : format d'image non pris en charge (GIF) : "
        "enregistrez-la en JPEG (photo) ou en PNG (dessin, transparence)"]


def test_unknown_format_by_name(site):
    assert _one_image(site, "anime.gif", b"GIF89a") == [
        f"{ARTICLE}:6:14: image « images/anime.gif » : format GIF non pris en charge : enregistrez-la en JPEG "
        "(photo) ou en PNG (dessin, transparence)"]


def test_an_unlinked_broken_photo_is_named_at_its_file(site):
    site.write("content/images/oubliee.jpg", b"\xff\xd8\xff pas une photo")
    assert [str(problem) for problem in site.build().problems] == [
        "content/images/oubliee.jpg: fichier illisible : ce n'est pas une image JPEG ou PNG (fichier abîmé, "
        "incomplet ou d'un autre format ?) ; ouvrez-la dans un logiciel de retouche et enregistrez-la de "
        "nouveau en JPEG ou en PNG"]


def test_image_without_alt_is_located(site):
    assert _one_image(site, "petite.jpg", photos.small_jpeg(60, 40), "![]({static}/images/petite.jpg)") == [
        f"{ARTICLE}:6:1: image « petite.jpg » sans texte alternatif : décrivez-la entre les crochets, "
        "![description de l'image](petite.jpg), pour les personnes qui ne la voient pas"]


def test_a_remote_srcset_is_still_refused(site):
    line = '![Une photo]({static}/images/petite.jpg){: srcset="https://ailleurs.example/p.jpg 2x" }'
    problems = _one_image(site, "petite.jpg", photos.small_jpeg(60, 40), line)
    assert len(problems) == 1
    assert problems[0].startswith(f"{ARTICLE}:6:52: ressource d'un autre site refusée : « https://ailleurs.example/p.jpg »")


@pytest.mark.parametrize(("block", "expected"), [
    ("/// figure\n![Une photo]({static}/images/petite.jpg)\n///",
     "6:1: figure sans légende : écrivez-la après une barre verticale, « /// figure | Le lac de l’Oule au printemps »"),
    ("/// figure | Légende\n    auteur: Moi\n![Une photo]({static}/images/petite.jpg)\n///",
     "7:5: option « auteur » inconnue dans la figure : seule « credit: Nom de l'auteur » est possible, sous la "
     "ligne /// figure, en retrait de quatre espaces"),
    ("/// figure | Légende\nDu texte.\n///",
     "6:1: figure sans image : écrivez l'image sur la ligne qui suit, "
     "![description de la photo]({static}/images/photo.jpg)"),
    ("/// figure | Légende\n![Une photo]({static}/images/petite.jpg)\n![Une autre]({static}/images/petite.jpg)\n///",
     "8:1: une figure ne montre qu'une image : faites une figure par photo"),
    ("/// figure | Légende\n![Une photo]({static}/images/petite.jpg)\n",
     "6:1: figure non fermée : ajoutez une ligne « /// » après son image"),
])
def test_figure_mistakes_are_located(site, block, expected):
    assert _one_image(site, "petite.jpg", photos.small_jpeg(60, 40), block) == [f"{ARTICLE}:{expected}"]


def test_a_source_is_read_once_for_its_figures_and_photos(site, monkeypatch):
    """The figure blocks are checked on the text the strict reader read (its hook, kept in its cache);
    the source is read again only to locate a problem."""
    import plugins.images

    reads, read = [], plugins.images.read_markdown
    monkeypatch.setattr(plugins.images, "read_markdown", lambda path: reads.append(path) or read(path))
    block = "/// figure | Le lac\n![Une photo]({static}/images/petite.jpg)\n///"
    assert _one_image(site, "petite.jpg", photos.small_jpeg(60, 40), block) == []
    assert reads == []
    assert _one_image(site, "petite.jpg", photos.small_jpeg(60, 40), "![ ]({static}/images/petite.jpg)") == [
        f"{ARTICLE}:6:6: image « images/petite.jpg » sans texte alternatif (des espaces seulement) : décrivez-la "
        "entre les crochets, ![description de l'image](…), pour les personnes qui ne la voient pas"]
    assert [Path(path).name for path in reads] == [Path(ARTICLE).name]


# --- The home page's photo ----------------------------------------------------------------------

HERO = {"image": "images/vallee.jpg", "alt": "La vallée sous la neige, vue du col", "credit": "Office de Tourisme"}


def test_home_hero(site):
    site.write("content/images/vallee.jpg", photos.camera_jpeg(2000, 1000))
    home_source = site.base / "content" / "pages" / "accueil.md"
    home_source.write_text(home_source.read_text(encoding="utf-8")
                           + "\n![La vallée en vignette]({static}/images/vallee.jpg)\n", encoding="utf-8")
    result = site.build(HOME_HERO=HERO)
    assert result.problems == []
    home = BeautifulSoup((site.output / "index.html").read_text(encoding="utf-8"), "html.parser")
    hero = home.select_one("main figure.hero")
    img = hero.picture.img
    assert home.select("main img")[0] is img
    assert (img["alt"], img["src"], img["width"], img["height"], img["fetchpriority"]) == (
        HERO["alt"], "./images/vallee.jpg", "1600", "800", "high")
    assert "loading" not in img.attrs and "decoding" not in img.attrs
    in_text = home.find("img", alt="La vallée en vignette")  # the hero is the first: the page's own are lazy
    assert (in_text.parent.name, in_text["loading"], "fetchpriority" in in_text.attrs) == ("picture", "lazy", False)
    assert hero.picture.source["srcset"] == (
        "./images/vallee-480w.avif 480w, ./images/vallee-960w.avif 960w, ./images/vallee-1600w.avif 1600w")
    assert hero.figcaption.get_text(strip=True) == "Photo\u00a0: Office de Tourisme"
    with Image.open(site.output / "images" / "vallee-960w.webp") as image:
        assert image.size == (960, 480) and dict(image.getexif()) == {}


def test_no_hero_by_default(site):
    assert site.build().problems == []
    home = BeautifulSoup((site.output / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select("figure.hero") == []


@pytest.mark.parametrize(("value", "message"), [
    ({"image": "images/absente.jpg", "alt": "x"},
     "« image » : le fichier « images/absente.jpg » n'existe pas dans content/ (chemin relatif à content/, "
     "par exemple \"images/vallee.jpg\")"),
    ({"image": "images/vallee.jpg"},
     "« alt » manquant : décrivez la photo en une phrase pour les personnes qui ne la voient pas (le texte "
     "alternatif est obligatoire)"),
    ({"image": "images/vallee.jpg", "alt": "x", "legende": "y"},
     "clé « legende » inconnue : les clés sont image, alt et credit (facultatif)"),
    ({"image": "images/plan.svg", "alt": "x"}, "« image » : « images/plan.svg » n'est pas une photo JPEG ou PNG "
     "(.jpg, .jpeg, .png)"),
    ({"image": "images/vallee.jpg", "alt": "x", "credit": ""},
     "« credit » : un texte entre guillemets (l'auteur de la photo), ou retirez la clé"),
])
def test_home_hero_settings_are_checked(site, value, message):
    site.write("content/images/vallee.jpg", photos.small_jpeg(60, 40))
    assert [str(problem) for problem in site.build(HOME_HERO=value).problems] == [
        f"pelicanconf.py: réglage HOME_HERO : {message}"]


def test_home_hero_broken_file(site):
    site.write("content/images/vallee.jpg", b"rien")
    assert [str(problem) for problem in site.build(HOME_HERO={"image": "images/vallee.jpg", "alt": "x"}).problems] == [
        "pelicanconf.py: réglage HOME_HERO : « image » : « images/vallee.jpg » : fichier illisible : ce n'est pas "
        "une image JPEG ou PNG (fichier abîmé, incomplet ou d'un autre format ?) ; ouvrez-la dans un logiciel de "
        "retouche et enregistrez-la de nouveau en JPEG ou en PNG"]


@pytest.mark.parametrize(("name", "value", "message"), [
    ("IMAGES_WIDTHS", [960, 480], "« [960, 480] » invalide : des largeurs différentes, de la plus petite à la plus grande"),
    ("IMAGES_FORMATS", ["jxl"], "format « jxl » inconnu : formats possibles : avif, webp"),
    ("IMAGES_QUALITY", {"avif": 50, "webp": 0, "jpeg": 80},
     "« webp » : une qualité de 1 à 100 est attendue (réglage complet : avif, webp, jpeg)"),
])
def test_image_settings_are_checked(site, name, value, message):
    assert [str(problem) for problem in site.build(**{name: value}).problems] == [
        f"pelicanconf.py: réglage {name} : {message}"]


def test_pages_with_photos_are_valid_html(output):
    from nu_checker import format_message, is_failure, require_vnu, run_vnu

    require_vnu()
    pages = [PAGE, "index.html", "nouvelles/index.html", "constats/atelier/index.html", "theme/css/site.css"]
    run = run_vnu(output, pages)
    assert run.checked == set(pages)
    problems = {page: [format_message(m) for m in messages if is_failure(m)] for page, messages in run.by_file.items()}
    problems = {page: found for page, found in problems.items() if found}
    assert problems == {} and run.stray == []


# --- In the browser -----------------------------------------------------------------------------

@pytest.mark.parametrize(("scale", "expected"), [(1, "lac-480w.avif"), (2, "lac-960w.avif")])
def test_browser_picks_the_expected_candidate_at_360_px(photo_site, browser, scale, expected):
    from browser import StaticServer, check_axe

    with StaticServer(photo_site["site"].output) as server:
        context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=scale)
        try:
            page = context.new_page()
            page.goto(server.url("/" + PAGE), wait_until="load")
            current = page.eval_on_selector("main picture img", "img => img.currentSrc")
            assert current.endswith("/images/" + expected), current
            # Loaded, at the density that fills 328 CSS px (naturalWidth is in CSS px for a w descriptor)
            assert page.eval_on_selector("main picture img", "img => img.complete && img.naturalWidth") == 328
            assert check_axe(page) == []
            page.goto(server.url("/"), wait_until="load")  # the home page and its photo
            hero = "main figure.hero img"
            assert page.eval_on_selector(hero, "img => img.currentSrc").endswith("/images/" + expected)
            assert page.eval_on_selector(hero, "img => img.getBoundingClientRect().width") == 328
            assert check_axe(page) == []
        finally:
            context.close()


@pytest.mark.parametrize(("svg", "expected"), [
    ('<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script></svg>',
     "2:1: élément <script> interdit dans un SVG publié (du code s’exécuterait) : retirez-le"),
    ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
     "1:1: attribut « onload » interdit dans un SVG publié (du code s’exécuterait) : retirez-le"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>',
     '1:41: référence externe « href="javascript:alert(1)" » interdite dans un SVG publié (seules les '
     'références internes « #… » sont permises)'),
    ('<svg xmlns="http://www.w3.org/2000/svg"><image href="https://ailleurs.example/p.png"/></svg>',
     '1:41: référence externe « href="https://ailleurs.example/p.png" » interdite dans un SVG publié (seules '
     'les références internes « #… » sont permises)'),
])
def test_an_svg_that_runs_or_loads_something_is_refused(site, svg, expected):
    """Checked by strict_content (plugins/strict_content/svg.py) for every SVG of content/."""
    site.write("content/images/dessin.svg", svg.encode())
    assert [str(problem) for problem in site.build().problems] == [f"content/images/dessin.svg:{expected}"]
    assert not site.output.exists()


def test_images_in_findings_and_summaries_are_pictures_too(output):
    """A finding's body is shown on its article and on the workshop sheets, each with its own relative
    addresses; a `Summary:` is shown in lists, after other things: always lazy."""
    for page_path, prefix in (("etat-des-lieux/un-seul-nom/index.html", "../../"),
                              ("constats/atelier/index.html", "../../")):
        soup = BeautifulSoup((output / page_path).read_text(encoding="utf-8"), "html.parser")
        img = soup.find("img", alt="Les deux anciens offices, réunis sous un même nom")
        assert img.parent.name == "picture", page_path
        assert img.parent.source["srcset"] == f"{prefix}images/petite-300w.avif 300w"
        assert (img["src"], img["srcset"]) == (f"{prefix}images/petite.jpg", f"{prefix}images/petite.jpg 300w")
    listing = BeautifulSoup((output / "nouvelles" / "index.html").read_text(encoding="utf-8"), "html.parser")
    img = listing.find("img", alt="Le lac en vignette")
    assert img.parent.name == "picture"
    # Resolved for the list's own depth (Pelican would give images/…, which is /nouvelles/images/… there)
    assert (img["src"], img.parent.source["srcset"]) == ("../images/petite.jpg", "../images/petite-300w.avif 300w")
    assert (img["loading"], img["decoding"], img["width"], img["height"]) == ("lazy", "async", "300", "200")


def test_the_same_photo_gives_the_same_bytes_without_cache(tmp_path):
    """Deterministic encoders (AVIF on one thread): two fresh caches hold the same bytes."""
    import importlib

    pipeline = importlib.import_module("plugins.images.process")
    source = tmp_path / "photo.jpg"
    source.write_bytes(photos.camera_jpeg(1200, 800, orientation=6))
    results = []
    for name in ("a", "b"):
        settings = {"PATH": str(tmp_path / name / "content"), "IMAGES_CACHE_PATH": "cache",
                    "IMAGES_WIDTHS": [480, 960, 1600], "IMAGES_FORMATS": ["avif", "webp"],
                    "IMAGES_QUALITY": {"avif": 50, "webp": 72, "jpeg": 78}, "IMAGES_MAX_PIXELS": 100_000_000}
        pipeline._MEMO.clear()
        processed = pipeline.process(str(source), "images/photo.jpg", settings)
        results.append({v.name: Path(pipeline.cached_file(processed, v)).read_bytes() for v in processed.variants})
    assert sorted(results[0]) == ["photo-480w.avif", "photo-480w.jpg", "photo-480w.webp", "photo-800w.avif",
                                  "photo-800w.webp", "photo.jpg"]
    assert results[0] == results[1]


def test_image_with_a_blank_alt_is_refused(site):
    assert _one_image(site, "petite.jpg", photos.small_jpeg(60, 40), "![   ]({static}/images/petite.jpg)") == [
        f"{ARTICLE}:6:8: image « images/petite.jpg » sans texte alternatif (des espaces seulement) : décrivez-la "
        "entre les crochets, ![description de l'image](…), pour les personnes qui ne la voient pas"]


@pytest.mark.parametrize("second, located, shared, first", [
    ("lac-480w.jpg", "lac.jpg", "images/lac-480w.jpg", "le fichier content/images/lac-480w.jpg"),
    ("lac.png", "lac.png", "images/lac-480w.avif", "la photo images/lac.jpg"),
])
def test_two_photos_whose_copies_share_a_name_say_which_to_rename(site, second, located, shared, first):
    site.write("content/images/lac.jpg", photos.small_jpeg(600, 400))
    picture = photos.small_png if second.endswith(".png") else photos.small_jpeg
    site.write(f"content/images/{second}", picture(600, 400))
    assert [str(problem) for problem in site.build().problems] == [
        f"content/images/{located}: adresse « {shared} » déjà prise par {first} : deux fichiers du site ne "
        "peuvent pas avoir la même adresse ; renommez l'une des deux (un nom qui ne finit pas par « -480w », « -960w »… et que ne "
        "porte aucune autre photo, à l'extension près)"]
    assert not site.output.exists()


def test_every_photo_whose_copies_share_a_name_is_reported_in_one_build(site):
    for name in ("lac.jpg", "lac.jpeg", "lac.png"):
        picture = photos.small_png if name.endswith(".png") else photos.small_jpeg
        site.write(f"content/images/{name}", picture(600, 400))
    assert [problem.path for problem in site.build().problems] == [
        str(site.base / "content/images/lac.jpg"), str(site.base / "content/images/lac.png")]
    assert not site.output.exists()
