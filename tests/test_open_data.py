"""Open data: /donnees/constats.json and /donnees/constats.csv, and the page /donnees/ that lists them."""

from __future__ import annotations

import csv
import io
import json
from types import SimpleNamespace

from bs4 import BeautifulSoup

from plugins.findings.open_data import record
from plugins.findings.registry import Finding, collect_finding_ids

from conftest import OFFICE_SITE

FIELDS = ["id", "titre", "theme", "theme_titre", "article_url", "url", "phase", "reactions",
          "vous_avez_dit", "nous_avons_fait"]
SITE = "https://www.example.org/la-vallee-au-sommet/"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
READING_ORDER = ["pros-premiers-relais", "acteurs-engages", "offices-reunis", "marque-partagee",
                 "economie-difficile", "fonds-publics-rares", "consommation-changeante", "destinations-rivales"]


def load_json(output) -> dict:
    return json.loads((output / "donnees" / "constats.json").read_bytes().decode("utf-8"))


def load_csv(output) -> list[list[str]]:
    text = (output / "donnees" / "constats.csv").read_bytes().decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


def parse(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_json_has_licence_source_and_one_record_per_finding_in_reading_order(built_site):
    data = load_json(built_site)
    assert list(data) == ["licence", "licence_url", "source", "constats"]
    assert (data["licence"], data["licence_url"], data["source"]) == ("Licence Ouverte 2.0", LICENCE_URL, SITE)
    assert [c["id"] for c in data["constats"]] == READING_ORDER
    assert len(data["constats"]) == len(collect_finding_ids(str(OFFICE_SITE / "pelicanconf.py")))
    assert all(list(c) == FIELDS for c in data["constats"])


def test_json_values_of_one_finding(built_site):
    marque = next(c for c in load_json(built_site)["constats"] if c["id"] == "marque-partagee")
    assert marque == {
        "id": "marque-partagee",
        "titre": "Il faut une marque de destination cohérente",
        "theme": "gouvernance",
        "theme_titre": "Organisation et mutualisation",
        "article_url": SITE + "etat-des-lieux/un-seul-nom/",
        "url": SITE + "etat-des-lieux/un-seul-nom/#marque-partagee",
        "phase": "etat-des-lieux",
        "reactions": 0,
        "vous_avez_dit": None,
        "nous_avons_fait": None,
    }


def test_csv_and_json_agree(built_site):
    rows = load_csv(built_site)
    assert rows[0] == FIELDS
    expected = [["" if value is None else str(value) for value in c.values()] for c in load_json(built_site)["constats"]]
    assert rows[1:] == expected


def test_file_encodings_and_line_ends(built_site):
    raw_json = (built_site / "donnees" / "constats.json").read_bytes()
    assert raw_json.startswith(b'{\n  "licence": "Licence Ouverte 2.0",\n')
    assert raw_json.endswith(b"}\n")
    assert "cohérente".encode("utf-8") in raw_json and b"\\u00" not in raw_json  # ensure_ascii=False
    raw_csv = (built_site / "donnees" / "constats.csv").read_bytes()
    assert raw_csv.startswith(b"id,titre,theme,theme_titre,article_url,url,phase,reactions,vous_avez_dit,"
                              b"nous_avons_fait\r\n")  # no BOM: see docs/mainteneurs/plugins.md
    assert raw_csv.count(b"\r\n") == 1 + len(READING_ORDER)
    assert raw_csv.count(b"\n") == raw_csv.count(b"\r\n")


def test_record_reads_what_the_consultation_adds():
    article = SimpleNamespace(url="etat-des-lieux/a/")
    settings = {"PUBLIC_SITEURL": "https://exemple.fr/site"}
    bare = Finding("x-1", "Titre", None, "a.md", 3, article)
    assert record(bare, settings) == {
        "id": "x-1", "titre": "Titre", "theme": None, "theme_titre": None,
        "article_url": "https://exemple.fr/site/etat-des-lieux/a/", "url": "https://exemple.fr/site/etat-des-lieux/a/#x-1",
        "phase": None, "reactions": 0, "vous_avez_dit": None, "nous_avons_fait": None}
    enriched = Finding("x-1", "Titre", "conjoncture", "a.md", 3, article, extra={
        "theme_title": "Contexte", "phase": "etat-des-lieux", "feedback_count": 12,
        "outcome": {"you_said": "Vous avez\n  demandé plus.\n\nEt mieux.\n", "we_did": "Nous l’avons fait.",
                    "you_said_paragraphs": ["ignoré"], "we_did_paragraphs": ["ignoré"]}})
    assert record(enriched, settings) == {
        "id": "x-1", "titre": "Titre", "theme": "conjoncture", "theme_titre": "Contexte",
        "article_url": "https://exemple.fr/site/etat-des-lieux/a/", "url": "https://exemple.fr/site/etat-des-lieux/a/#x-1",
        "phase": "etat-des-lieux", "reactions": 12,
        "vous_avez_dit": "Vous avez demandé plus.\n\nEt mieux.", "nous_avons_fait": "Nous l’avons fait."}


def test_reactions_and_outcome_from_the_consultation_data(site):
    site.write("data/feedback/marque-partagee.yml", 'finding: "marque-partagee"\ncount: 3\n')
    site.write("data/outcomes.yml", (
        "- finding: marque-partagee\n"
        "  you_said: |\n    Une marque, oui,\n    mais pas « une de plus ».\n\n    Et pensez aux villages.\n"
        "  we_did: La marque sera choisie avec vous, en atelier.\n"))
    result = site.build()
    assert result.ok, result.problems
    marque = next(c for c in load_json(site.output)["constats"] if c["id"] == "marque-partagee")
    you_said = "Une marque, oui, mais pas « une de plus ».\n\nEt pensez aux villages."
    we_did = "La marque sera choisie avec vous, en atelier."
    assert (marque["reactions"], marque["vous_avez_dit"], marque["nous_avons_fait"]) == (3, you_said, we_did)
    row = next(row for row in load_csv(site.output) if row[0] == "marque-partagee")
    assert row[7:] == ["3", you_said, we_did]
    raw = (site.output / "donnees" / "constats.csv").read_bytes()
    # Quoted (line break, comma); the blank line inside the field stays "\n\n", rows end with CRLF.
    assert f',3,"{you_said}","{we_did}"\r\n'.encode("utf-8") in raw


# Already typeset the French way (plugins/french_typography leaves it as is), with one straight
# double quote (unpaired, so not turned into guillemets) for the CSV quoting.
TRICKY = 'Un écran 27", avec\u202f; <script>alert(1)</script> et «\u202fguillemets\u202f»'


def test_special_characters_come_out_exactly_in_both_files(site):
    site.write("content/articles/etat-des-lieux/piege.md", (
        "Title: Piège\nDate: 2016-03-02\n\nIntro.\n\n"
        f"/// constat | {TRICKY}\n    id: piege\n    theme: conjoncture\n\nCorps.\n///\n"))
    result = site.build()
    assert result.ok, result.problems
    data = load_json(site.output)
    piege = next(c for c in data["constats"] if c["id"] == "piege")
    assert piege["titre"] == TRICKY
    rows = load_csv(site.output)
    assert [row[1] for row in rows if row[0] == "piege"] == [TRICKY]
    raw = (site.output / "donnees" / "constats.csv").read_bytes().decode("utf-8")
    assert ('piege,"Un écran 27"", avec\u202f; <script>alert(1)</script> et «\u202fguillemets\u202f»",conjoncture,'
            in raw)
    assert len(data["constats"]) == len(rows) - 1 == len(READING_ORDER) + 1
    article = (site.output / "etat-des-lieux" / "piege" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in article


def test_page_lists_the_files_with_links_that_resolve(built_site):
    page = parse(built_site / "donnees" / "index.html")
    assert page.h1.get_text() == "Données ouvertes"
    licence = page.main.find("a", string="Licence Ouverte 2.0")
    assert licence["href"] == LICENCE_URL
    section = page.find("section", id="jeu-constats")
    assert section.h2.get_text() == "Les constats du diagnostic"
    files = [(a["href"], a["type"], a.get_text(), a.find_next_sibling("span").get_text())
             for a in section.select("ul.fichiers a")]
    sizes = {name: (built_site / "donnees" / name).stat().st_size for name in ("constats.json", "constats.csv")}
    assert [f[:3] for f in files] == [("../donnees/constats.json", "application/json", "constats.json"),
                                     ("../donnees/constats.csv", "text/csv", "constats.csv")]
    for href, _, name, label in files:
        assert (built_site / "donnees" / href).resolve() == (built_site / "donnees" / name).resolve()
        size = f"{sizes[name] / 1000:.1f}".replace(".", ",")
        assert label == f"({name.split('.')[1].upper()}, {size}\u00a0ko)"
    fields = [(dt.code.get_text(), dt.span.get_text()) for dt in section.select("dl.champs dt")]
    assert fields == [("id", "(identifiant)"), ("titre", "(texte)"), ("theme", "(identifiant)"),
                      ("theme_titre", "(texte)"), ("article_url", "(adresse web)"), ("url", "(adresse web)"),
                      ("phase", "(identifiant)"), ("reactions", "(nombre entier)"), ("vous_avez_dit", "(texte)"),
                      ("nous_avons_fait", "(texte)")]
    assert all(dd.get_text().strip() for dd in section.select("dl.champs dd"))


def test_footer_links_to_the_open_data_page(built_site):
    for relative in ("index.html", "donnees/index.html", "constats/atelier/index.html"):
        link = parse(built_site / relative).find("footer").find("a", string="Données ouvertes")
        target = (built_site / relative).parent / link["href"] / "index.html"
        assert target.resolve() == (built_site / "donnees" / "index.html").resolve(), relative
    current = parse(built_site / "donnees" / "index.html").find("footer").find("a", string="Données ouvertes")
    assert current["aria-current"] == "page"
