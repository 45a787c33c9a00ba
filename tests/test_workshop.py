"""The workshop sheets /constats/atelier/: one A4 sheet per finding, with its text and a QR code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from markupsafe import Markup, escape
from test_open_data import READING_ORDER, SITE, load_json

from plugins.findings import qr_code
from plugins.findings.qr_code import qr_rows, qr_svg, svg_path

A4_POINTS = (595.28, 841.89)  # 210 × 297 mm


def parse(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def sheets(built_site):
    return parse(built_site / "constats" / "atelier" / "index.html").main.find_all("article", class_="fiche")


def test_page_explains_itself_on_screen(built_site):
    main = parse(built_site / "constats" / "atelier" / "index.html").main
    assert main.h1.get_text() == "Fiches d’atelier\u00a0: les constats du diagnostic"
    assert main.find("div", class_="ecran").p.get_text() == (
        "Imprimez cette page\u00a0: une feuille par constat, à distribuer en atelier.")
    back = main.find("a", string="Retour à la liste des constats")["href"]
    assert (built_site / "constats" / "atelier" / back / "index.html").resolve() == (
        built_site / "constats" / "index.html").resolve()


def test_one_sheet_per_finding_in_reading_order_with_title_and_address(built_site, sheets):
    records = load_json(built_site)["constats"]
    assert [sheet["id"] for sheet in sheets] == [f"fiche-{finding_id}" for finding_id in READING_ORDER]
    assert [sheet.h2.get_text() for sheet in sheets] == [r["titre"] for r in records]
    assert [sheet.find(class_="fiche-url").get_text() for sheet in sheets] == [r["url"] for r in records]
    assert [sheet.find(class_="fiche-demarche").get_text() for sheet in sheets] == [
        f"La Vallée au Sommet · Constat {n} sur 8" for n in range(1, 9)]


def test_sheet_content_of_one_finding(built_site, sheets):
    sheet = sheets[READING_ORDER.index("marque-partagee")]
    assert sheet["aria-labelledby"] == "fiche-marque-partagee-titre"
    assert sheet.h2["id"] == "fiche-marque-partagee-titre"
    assert [(dt.get_text(), dd.get_text()) for dt, dd in zip(sheet.dl.find_all("dt"), sheet.dl.find_all("dd"))] == [
        ("Thème", "Organisation et mutualisation"),
        ("Article", "«\u202fSe rassembler sous un même nom\u202f»")]
    article_link = sheet.dl.find("a")["href"]
    assert article_link == "../../etat-des-lieux/un-seul-nom/"
    assert (built_site / "constats" / "atelier" / article_link / "index.html").is_file()
    text = sheet.find("div", class_="fiche-texte")
    assert str(text).split() == ("<div class=\"fiche-texte\"> <p>« L’un des objectifs est de renforcer la collaboration "
                                 "et la mutualisation dans le domaine de la promotion, de partager un discours commun "
                                 "autour d’une marque de destination cohérente. »</p> </div>").split()
    url = SITE + "etat-des-lieux/un-seul-nom/#marque-partagee"
    assert sheet.figure.figcaption.get_text() == f"Pour relire ce constat en ligne et y réagir\u00a0: {url}"
    svg = sheet.figure.svg
    assert (svg["role"], svg["aria-label"]) == (
        "img", "Code QR de l’adresse du constat «\u00a0Il faut une marque de destination cohérente\u00a0»")


def test_sheets_leave_out_the_article_chrome(sheets):
    """Only the finding's own text is printed: no permalink, feedback button or slot."""
    for sheet in sheets:
        assert sheet.select(".permalien, .bouton, .constat-reagir, .constat-meta, [data-constat-slot]") == []
        assert [tag.name for tag in sheet.find("div", class_="fiche-texte").find_all(id=True)] == []


def qr_modules(path_data: str) -> set[tuple[int, int]]:
    """Dark modules (row, column) drawn by the SVG path: `M x y` / `m dx dy` move, `h n` draws n
    modules on the row whose middle is y."""
    token = r"([Mmh])(-?[0-9.]+)(?: (-?[0-9.]+))?"
    assert re.fullmatch(f"(?:{token})+", path_data), path_data[:80]
    x = y = 0.0
    dark = set()
    for command, first, second in re.findall(token, path_data):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        else:
            dark.update((int(y - 0.5), int(x) + i) for i in range(int(first)))
            x += int(first)
    return dark


def decode(svg) -> list[tuple[str, str]]:
    """What a phone would read: the drawn modules rasterised (4 px a module, white around) and
    decoded by ZXing, an implementation independent of the encoder."""
    size = int(svg["viewbox"].split()[2])
    image = numpy.full((size, size), 255, dtype=numpy.uint8)
    for row, column in qr_modules(svg.path["d"]):
        image[row, column] = 0
    image = numpy.kron(image, numpy.ones((4, 4), dtype=numpy.uint8))
    return [(found.text, found.ec_level) for found in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def test_qr_codes_encode_the_printed_addresses(sheets):
    for sheet in sheets:
        url = sheet.find(class_="fiche-url").get_text()
        svg = sheet.figure.svg
        assert decode(svg) == [(url, "M")], url
        modules = qr_modules(svg.path["d"])
        # Drawn exactly as encoded (ZXing would forgive a few wrong modules: error correction).
        assert modules == {(4 + r, 4 + c) for r, row in enumerate(qr_rows(url)) for c, m in enumerate(row) if m == "1"}
        # The quiet zone (4 modules) is white and the code is square: its version's size, 21 + 4 n.
        size = int(svg["viewbox"].split()[2])
        assert svg["viewbox"] == f"0 0 {size} {size}"  # html.parser lowercases attribute names
        assert {min(r for r, _ in modules), min(c for _, c in modules)} == {4}
        assert {max(r for r, _ in modules), max(c for _, c in modules)} == {size - 5}
        assert (size - 8 - 21) % 4 == 0


@pytest.mark.parametrize("rows, path", [
    (["1"], "M4 4.5h1"),
    (["0110", "0000", "1001"], "M5 4.5h2m-3 2h1m2 0h1"),
    (["111", "111"], "M4 4.5h3m-3 1h3"),
])
def test_svg_path_draws_each_run_of_dark_modules(rows, path):
    assert svg_path(rows) == path
    assert qr_modules(path) == {(4 + r, 4 + c) for r, row in enumerate(rows) for c, m in enumerate(row) if m == "1"}


def test_svg_path_of_an_all_white_matrix_is_empty():
    assert svg_path(["000", "000"]) == ""


@pytest.mark.parametrize("data, version", [
    ("https://a.b/", 1),  # 21 × 21
    ("https://www.example.org/la-vallee-au-sommet/etat-des-lieux/un-contexte-exigeant/#fonds-publics-rares", 6),
])
def test_smallest_version_at_level_m(data, version):
    rows = qr_rows(data)
    assert [len(rows), {len(row) for row in rows}] == [17 + 4 * version, {17 + 4 * version}]
    soup = BeautifulSoup(qr_svg(data, "Code « QR » & co"), "html.parser")
    assert soup.svg["aria-label"] == "Code « QR » & co"
    assert decode(soup.svg) == [(data, "M")]


def test_findings_index_links_to_the_sheets(built_site):
    page = parse(built_site / "constats" / "index.html")
    link = page.main.find("a", string="les fiches à imprimer, une par constat")
    assert link["href"] == "../constats/atelier/"
    assert (built_site / "constats" / link["href"] / "index.html").is_file()


def test_sheet_text_links_are_resolved_for_the_sheets_page(site):
    site.write("content/articles/etat-des-lieux/liens.md", (
        "Title: Liens\nDate: 2016-03-02\n\n"
        "/// constat | Un constat avec des liens\n    id: liens\n    theme: conjoncture\n\n"
        "### Le détail\n\nVoir [la démarche]({filename}/pages/la-demarche.md)[^1].\n\n[^1]: Une note.\n///\n"))
    result = site.build()
    assert result.ok, result.problems
    page = parse(site.output / "constats" / "atelier" / "index.html")
    text = page.find("article", id="fiche-liens").find("div", class_="fiche-texte")
    assert text.find("a", string="la démarche")["href"] == "../../la-demarche/"
    assert text.h3.get_text() == "Le détail"
    assert text.find_all(id=True) == []  # ids stay unique on the page: the article keeps them
    assert parse(site.output / "etat-des-lieux" / "liens" / "index.html").find("h3", id="le-detail") is not None


# --- In Chromium: the printed page ------------------------------------------------------

def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height, in points, of each page of a PDF written by Chromium. Skia writes every
    object as `N 0 obj … endobj`, page objects uncompressed: `/Type /Page` (not `/Pages`, the
    page tree) and `/MediaBox [0 0 w h]`. Stream data is left out before looking."""
    objects = [body.split(b"stream", 1)[0] for body in re.findall(rb"\d+ 0 obj(.*?)endobj", pdf, re.DOTALL)]
    pages = [body for body in objects if re.search(rb"/Type\s*/Page(?![A-Za-z])", body)]
    boxes = [re.search(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", page) for page in pages]
    assert all(boxes), pages
    return [(float(box.group(1)), float(box.group(2))) for box in boxes]


@pytest.mark.browser
def test_printed_sheets_are_one_a4_page_per_finding(browser, site_server):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_server.url("/constats/atelier/"), wait_until="load")
        pdf = page.pdf(format="A4")
        page.emulate_media(media="print")
        hidden = page.evaluate("""selectors => selectors.map(
            s => [s, Array.from(document.querySelectorAll(s)).map(e => getComputedStyle(e).display)])""",
                               [".skip-link", ".site-header", ".site-footer", "main > h1", ".ecran", ".fiche"])
    finally:
        context.close()
    assert pdf.startswith(b"%PDF-")
    sizes = pdf_pages(pdf)
    assert len(sizes) == len(READING_ORDER)
    assert re.findall(rb"/Type\s*/Pages\s*/Count (\d+)", pdf) == [str(len(READING_ORDER)).encode()]
    assert all(abs(w - A4_POINTS[0]) < 1.5 and abs(h - A4_POINTS[1]) < 1.5 for w, h in sizes), sizes
    assert hidden == [[".skip-link", ["none"]], [".site-header", ["none"]], [".site-footer", ["none"]],
                      ["main > h1", ["none"]], [".ecran", ["none"]], [".fiche", ["block"] * len(READING_ORDER)]]


def test_pdf_pages_counts_page_objects_not_the_page_tree():
    pdf = (b"%PDF-1.4\n1 0 obj\n<</Type /Pages /Count 2 /Kids [2 0 R 3 0 R]>>\nendobj\n"
           b"2 0 obj\n<</Type /Page\n/Resources <</Font <</F1 5 0 R>>>>\n/MediaBox [0 0 595.92 842.88]>>\nendobj\n"
           b"3 0 obj\n<</Type/Page/MediaBox [0 0 842.88 595.92]/Parent 1 0 R>>\nendobj\n"
           b"4 0 obj\n<</Length 20>>\nstream\n/Type /Page 12 0 obj\nendstream\nendobj\n")
    assert pdf_pages(pdf) == [(595.92, 842.88), (842.88, 595.92)]


ADDRESSES = [f"https://www.example.org/la-vallee-au-sommet/etat-des-lieux/article-{n}/#constat-{n}" for n in range(5)]


@pytest.fixture
def second_process(monkeypatch):
    """Every batch drawn in a second process, none taken from the drawings of earlier builds."""
    monkeypatch.setattr(qr_code, "_DRAWN", {})
    monkeypatch.setattr(qr_code, "PARALLEL_FROM", 1)


def test_codes_drawn_in_a_second_process_are_the_ones_drawn_here(monkeypatch):
    monkeypatch.setattr(qr_code, "_DRAWN", {})
    here = qr_code.QrBatch(ADDRESSES)
    assert here._process is None  # few codes: no second process
    monkeypatch.setattr(qr_code, "PARALLEL_FROM", 1)
    batch = qr_code.QrBatch(ADDRESSES)
    assert batch._process is not None
    assert batch.drawings() == here.drawings() == [qr_code.qr_drawing(address) for address in ADDRESSES]
    assert batch._process is None  # waited for, its temporary folder removed


def test_codes_already_drawn_in_this_process_are_not_drawn_again(second_process):
    first = qr_code.QrBatch(ADDRESSES[:3]).drawings()
    again = qr_code.QrBatch(ADDRESSES)
    assert again._sent == ADDRESSES[3:]  # to the second process, as they were added
    assert again.drawings()[:3] == first
    assert qr_code.QrBatch(ADDRESSES)._process is None  # all known: nothing to start


def test_codes_added_as_they_come_are_drawn_in_the_order_asked(monkeypatch):
    monkeypatch.setattr(qr_code, "_DRAWN", {})
    monkeypatch.setattr(qr_code, "PARALLEL_FROM", 3)
    batch = qr_code.QrBatch(ADDRESSES[:2])
    assert batch._process is None and batch._pending == ADDRESSES[:2]  # fewer than 3: kept here for now
    batch.add(ADDRESSES[2:4] + ADDRESSES[:1])
    assert batch._process is not None and batch._sent == ADDRESSES[:4] and batch._pending == []
    batch.add(ADDRESSES[4:])
    assert batch._sent == ADDRESSES
    asked = ADDRESSES[::-1]
    assert batch.drawings(asked) == [qr_code.qr_drawing(address) for address in asked]


def test_a_failing_second_process_is_an_error_not_missing_codes(second_process):
    too_long = "https://www.example.org/" + "x" * 8000  # beyond the largest QR code (version 40)
    with pytest.raises(RuntimeError, match=r"^codes QR : le processus de calcul a échoué \(.+\)$"):
        qr_code.QrBatch([too_long]).drawings()


def test_a_build_that_stops_early_stops_the_second_process(second_process):
    batch = qr_code.QrBatch(ADDRESSES * 200)
    process = batch._process
    batch.close()
    assert process.returncode is not None and batch._process is None


def test_the_fixture_sheets_are_the_same_with_a_second_process(site, second_process, built_site, monkeypatch):
    started = []
    popen = qr_code.subprocess.Popen
    monkeypatch.setattr(qr_code.subprocess, "Popen", lambda *a, **k: started.append(a) or popen(*a, **k))
    result = site.build()
    assert [command[0][1] for command in started if command[0][1].endswith("qr_code.py")] == [qr_code.__file__]
    assert result.ok, result.problems
    page = "constats/atelier/index.html"
    assert (site.output / page).read_bytes() == (built_site / page).read_bytes()


def test_a_new_build_stops_the_codes_of_a_build_that_failed(second_process):
    from plugins.findings import workshop

    failed = workshop.start_codes()
    failed.add(ADDRESSES)
    process = failed._process
    assert process is not None and process.poll() is None
    workshop.start_codes()
    assert process.returncode is not None and failed._process is None


def test_codes_drawn_by_an_earlier_process_are_read_from_the_cache_file(tmp_path, monkeypatch):
    monkeypatch.setattr(qr_code, "_DRAWN", {})
    cache = qr_code.cache_file(str(tmp_path / "cache"))
    first = qr_code.QrBatch(ADDRESSES[:3], cache=cache)
    expected = first.drawings()
    first.save()
    saved = json.loads(Path(cache).read_text(encoding="utf-8"))
    assert list(saved) == sorted(ADDRESSES[:3]) and saved[ADDRESSES[0]] == list(expected[0])
    monkeypatch.setattr(qr_code, "_DRAWN", {})  # a new process
    monkeypatch.setattr(qr_code, "qr_drawing", lambda data: pytest.fail(f"dessiné à nouveau : {data}"))
    again = qr_code.QrBatch(ADDRESSES[:3], cache=cache)
    assert again.drawings() == expected
    again.save()  # nothing new: the file is not rewritten
    assert json.loads(Path(cache).read_text(encoding="utf-8")) == saved


def test_the_cache_file_holds_the_codes_of_the_last_build_only(tmp_path, monkeypatch):
    monkeypatch.setattr(qr_code, "_DRAWN", {})
    cache = qr_code.cache_file(str(tmp_path))
    qr_code.QrBatch(ADDRESSES[:2], cache=cache).save()
    batch = qr_code.QrBatch(ADDRESSES[3:1:-1], cache=cache)
    batch.drawings()
    batch.save()
    assert list(json.loads(Path(cache).read_text(encoding="utf-8"))) == sorted(ADDRESSES[2:4])


def test_an_altered_cache_entry_is_drawn_again(tmp_path, monkeypatch):
    monkeypatch.setattr(qr_code, "_DRAWN", {})
    cache = qr_code.cache_file(str(tmp_path))
    Path(cache).write_text(json.dumps({
        ADDRESSES[0]: [29, 'M4 4.5h1"/><script>alert(1)</script><path d="'],
        ADDRESSES[1]: ["29", "M4 4.5h1"],
        ADDRESSES[2]: [29, "M4 4.5h7m-7 1h1"],  # well formed: trusted (the file is ours)
    }), encoding="utf-8")
    drawings = qr_code.QrBatch(ADDRESSES[:3], cache=cache).drawings()
    assert drawings[:2] == [qr_code.qr_drawing(address) for address in ADDRESSES[:2]]
    assert drawings[2] == (29, "M4 4.5h7m-7 1h1")
    Path(cache).write_text("{pas du json", encoding="utf-8")
    monkeypatch.setattr(qr_code, "_DRAWN", {})
    assert qr_code.QrBatch(ADDRESSES[:1], cache=cache).drawings() == [qr_code.qr_drawing(ADDRESSES[0])]


def test_the_cache_file_changes_with_the_drawing_settings(tmp_path, monkeypatch):
    name = qr_code.cache_file(str(tmp_path))
    monkeypatch.setattr(qr_code, "DRAWING_VERSION", qr_code.DRAWING_VERSION + 1)
    assert qr_code.cache_file(str(tmp_path)) != name
    monkeypatch.setattr(qr_code, "QUIET_ZONE", 2)
    assert len({name, qr_code.cache_file(str(tmp_path))}) == 2


def test_runs_of_a_matrix_are_those_of_its_rows():
    matrix = qr_code.qr_matrix(ADDRESSES[0])
    rows = qr_rows(ADDRESSES[0])
    assert [len(rows), len(rows[0])] == list(matrix.shape) == [37, 37]  # version 5
    assert svg_path(matrix) == svg_path(rows)


# --- A large site: the sheets split into parts, theme by theme ---------------------------

THEME_ORDER = {"conjoncture": "Contexte économique et concurrence", "gouvernance": "Organisation et mutualisation",
               "reseau": "Professionnels et acteurs du territoire"}


@pytest.fixture(scope="module")
def split_site(tmp_path_factory):
    """The tests' site with parts of at most 3 sheets (8 findings: 4 + 2 + 2 by theme)."""
    from conftest import OFFICE_SITE

    from site_build import build

    output = tmp_path_factory.mktemp("parts") / "output"
    result = build(str(OFFICE_SITE / "pelicanconf.py"), str(output), {"FINDINGS_WORKSHOP_PART_SIZE": 3})
    assert result.ok, result.problems
    return output


def test_the_sheets_page_lists_the_parts_by_theme(split_site, built_site):
    main = parse(split_site / "constats" / "atelier" / "index.html").main
    assert main.find_all("article", class_="fiche") == []
    assert main.find(class_="intro").get_text() == (
        "8\u00a0fiches à imprimer pour les ateliers, une par constat, réparties thème par thème en pages d’au plus "
        "3\u00a0fiches\u00a0: ouvrez la page de votre atelier et imprimez-la.")
    assert [h2.get_text() for h2 in main.find_all("h2")] == [
        "Contexte économique et concurrence (4\u00a0fiches)", "Organisation et mutualisation (2\u00a0fiches)",
        "Professionnels et acteurs du territoire (2\u00a0fiches)"]
    links = [(a.get_text(), a["href"]) for a in main.find_all("ul", class_="fiches-parties")[0].find_all("a")]
    assert links == [("Partie 1 sur 2\u00a0: fiches 1 à 3", "../../constats/atelier/conjoncture/1/"),
                     ("Partie 2 sur 2\u00a0: fiches 4 à 4", "../../constats/atelier/conjoncture/2/")]
    for _, href in links:
        assert (split_site / "constats" / "atelier" / href / "index.html").is_file()
    # The link of /constats/ to the sheets still leads to them.
    link = parse(split_site / "constats" / "index.html").main.find("a", string="les fiches à imprimer, une par constat")
    assert (split_site / "constats" / link["href"] / "index.html").resolve() == (
        split_site / "constats" / "atelier" / "index.html").resolve()


def test_each_finding_is_on_one_part_in_reading_order_within_its_theme(split_site, built_site):
    records = load_json(built_site)["constats"]
    found = []
    for theme in THEME_ORDER:
        in_theme = [r["id"] for r in records if r["theme"] == theme]
        number, seen = 1, []
        while (split_site / "constats" / "atelier" / theme / str(number) / "index.html").is_file():
            page = parse(split_site / "constats" / "atelier" / theme / str(number) / "index.html")
            assert "fiches" in page.body["class"]  # printed as one A4 sheet per finding
            sheets_here = page.main.find_all("article", class_="fiche")
            assert 1 <= len(sheets_here) <= 3
            assert [s.find(class_="fiche-demarche").get_text() for s in sheets_here] == [
                f"La Vallée au Sommet · Constat {len(seen) + n} sur {len(in_theme)}" for n in range(1, len(sheets_here) + 1)]
            seen += [s["id"].removeprefix("fiche-") for s in sheets_here]
            number += 1
        assert seen == in_theme
        found += seen
    assert sorted(found) == sorted(READING_ORDER)
    second = parse(split_site / "constats" / "atelier" / "conjoncture" / "2" / "index.html")
    assert second.main.h1.get_text() == "Fiches d’atelier\u00a0: «\u202fContexte économique et concurrence\u202f», partie 2 sur 2"
    assert second.title.get_text().startswith(
        "Fiches d’atelier\u00a0: «\u202fContexte économique et concurrence\u202f», partie 2 sur 2 – ")
    back = second.main.find("a", string="Retour à la liste des fiches par thème")["href"]
    assert (split_site / "constats" / "atelier" / "conjoncture" / "2" / back).resolve() == (
        split_site / "constats" / "atelier").resolve()
    article_link = second.main.find("dl").find("a")["href"]  # links resolved for the part's own depth
    assert (split_site / "constats" / "atelier" / "conjoncture" / "2" / article_link / "index.html").is_file()


def test_the_parts_are_not_in_the_search_index(split_site):
    from conftest import OFFICE_SITE

    from core.plugin_settings import read_site_settings
    from plugins.search_index.indexer import pages_to_index

    urls = [url for _, url in pages_to_index(str(split_site), read_site_settings(str(OFFICE_SITE / "pelicanconf.py")))]
    assert urls and not [url for url in urls if url.startswith("/constats/atelier/")]


def test_the_sheets_are_split_by_estimated_bytes_too():
    from plugins.findings import workshop

    class Finding:
        def __init__(self, n):
            self.id, self.title, self.extra = f"c{n}", f"Constat {n} & co", {"theme_title": "Thème"}
            self.article = type("Article", (), {"title": "Article", "url": "a/"})()

    made = [workshop.Sheet(Finding(n), Markup("x" * size), f"https://ex.fr/a/#c{n}", Markup("q"))
            for n, size in enumerate((1_000, 1_000, 9_000, 1_000, 500))]
    weights = [workshop.sheet_bytes(sheet) for sheet in made]
    assert weights[0] == (workshop.SHEET_MARKUP + 4 * len("c0") + 1_000 + 1 + len("https://ex.fr/a/#c0")
                          + len("Constat 0 &amp; co") + len("Article") + len("a/") + len("Thème".encode()))
    parts = workshop.split_sheets(made, max_sheets=10, max_bytes=2 * weights[0])
    # Two light sheets fit; the heavy one is alone, beyond the budget; the last two together.
    assert [[made.index(sheet) for sheet in part] for part in parts] == [[0, 1], [2], [3, 4]]
    assert [[made.index(s) for s in part] for part in workshop.split_sheets(made, 2, 10**6)] == [[0, 1], [2, 3], [4]]
    assert workshop.split_sheets([], 2, 10) == []
    # fits_one_part says whether split_sheets would make one part at most.
    for max_sheets, max_bytes in ((10, 2 * weights[0]), (5, 10**6), (4, 10**6), (1, 10**6), (1, 1), (5, sum(weights)),
                                  (5, sum(weights) - 1)):
        for count in range(len(made) + 1):
            assert workshop.fits_one_part(made[:count], max_sheets, max_bytes) == (
                len(workshop.split_sheets(made[:count], max_sheets, max_bytes)) <= 1), (max_sheets, max_bytes, count)


def test_the_estimate_of_a_sheet_bounds_its_html(built_site, sheets):
    """The HTML of each sheet on the page, less its own texts, is well under SHEET_MARKUP: what
    split_sheets counts bounds the part's page."""
    from plugins.findings import workshop

    html = (built_site / "constats" / "atelier" / "index.html").read_text(encoding="utf-8")
    for sheet in sheets:
        start = html.index(f'<article class="fiche" id="{sheet["id"]}"')
        written = html[start:html.index("</article>", start) + len("</article>")]
        body = re.search(r'<div class="fiche-texte">\n(.*)\n  </div>', written, re.S).group(1)
        qr = re.search(r"<svg .*</svg>", written, re.S).group(0)
        own = [body, qr, sheet.find(class_="fiche-url").get_text(), str(escape(sheet.h2.get_text())),
               str(escape(sheet.dl.find("a").get_text())), sheet.dl.find("a")["href"],
               sheet.dl.find_all("dd")[0].get_text(), sheet["id"].removeprefix("fiche-") * 4]
        markup = len(written.encode()) - sum(len(text.encode()) for text in own)
        assert 0 < markup < workshop.SHEET_MARKUP - 700, (sheet["id"], markup)  # 484 bytes here


def test_no_page_of_sheets_can_exceed_the_page_budget(built_site, sheets):
    """512 KiB gzipped at any size: a page of sheets holds at most FINDINGS_WORKSHOP_PART_BYTES of
    sheets (split_sheets; a single heavier finding aside) and the page's chrome; gzip adds at most
    5 bytes a 16 KiB block and 18 bytes of header to incompressible data."""
    from plugins.findings.settings import SETTINGS

    default = {setting.name: setting.default for setting in SETTINGS}["FINDINGS_WORKSHOP_PART_BYTES"]
    html = (built_site / "constats" / "atelier" / "index.html").read_text(encoding="utf-8")
    first, last = html.index('<article class="fiche"'), html.rindex("</article>") + len("</article>")
    chrome = len(html[:first].encode()) + len(html[last:].encode())
    assert 2_000 < chrome < 20_000  # 4,446 bytes here
    page = chrome + default
    assert page + 5 * (page // 16_384 + 1) + 18 <= 512 * 1024


SPLIT_PAGES = ("constats/atelier/index.html", "constats/atelier/conjoncture/1/index.html",
               "constats/atelier/conjoncture/2/index.html")


@pytest.mark.nu
def test_the_pages_of_parts_are_valid_html(split_site):
    from nu_checker import require_vnu, run_vnu

    require_vnu()
    run = run_vnu(split_site, list(SPLIT_PAGES))
    assert {page: run.problems(page) for page in SPLIT_PAGES} == {page: [] for page in SPLIT_PAGES}


@pytest.mark.browser
def test_the_pages_of_parts_pass_the_browser_checks(browser, split_site):
    from browser import StaticServer, inspect_page

    with StaticServer(split_site) as server:
        for page in SPLIT_PAGES:
            report = inspect_page(browser, server.url("/" + page.removesuffix("index.html")), server.origin)
            found = {name: getattr(report, name) for name in
                     ("foreign", "errors", "axe", "storage", "lang", "overflow", "no_js")}
            assert found == {name: [] for name in found}, page
