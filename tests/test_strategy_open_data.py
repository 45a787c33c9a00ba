"""Open data of the strategy: /donnees/axes.json, /donnees/projets.json and /donnees/projets.csv,
and their two datasets on the page /donnees/."""

from __future__ import annotations

import csv
import io
import json

from bs4 import BeautifulSoup

SITE = "https://www.example.org/la-vallee-au-sommet/"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
AXIS_FIELDS = ["id", "titre", "ordre", "ambition", "url", "projets"]
PROJECT_FIELDS = ["id", "titre", "axe", "priorite", "debut", "fin", "statut", "pilote", "partenaires", "constats",
                  "resume", "dates_illustratives"]
PROJECT_ORDER = ["marque-territoriale", "promotion-partagee", "relais-du-discours",
                 "coconstruction", "fonctionner-autrement"]


def load_json(output, name: str) -> dict:
    return json.loads((output / "donnees" / name).read_bytes().decode("utf-8"))


def load_csv(output) -> list[list[str]]:
    text = (output / "donnees" / "projets.csv").read_bytes().decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


def parse(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_axes_json(built_site):
    data = load_json(built_site, "axes.json")
    assert list(data) == ["licence", "licence_url", "source", "axes"]
    assert (data["licence"], data["licence_url"], data["source"]) == ("Licence Ouverte 2.0", LICENCE_URL, SITE)
    assert [(a["id"], a["ordre"]) for a in data["axes"]] == [
        ("ambition-partagee", 1), ("unir-les-forces", 2), ("mobiliser", 3), ("se-renouveler", 4)]
    assert all(list(a) == AXIS_FIELDS for a in data["axes"])
    assert data["axes"][1] == {
        "id": "unir-les-forces",
        "titre": "Rassembler et mutualiser",
        "ordre": 2,
        "ambition": "Un projet collectif qui renforce la mutualisation des actions et des moyens, sous un même nom.",
        "url": SITE + "axes/unir-les-forces/",
        "projets": ["marque-territoriale", "promotion-partagee"],
    }
    assert data["axes"][0]["projets"] == []


def test_projects_json(built_site):
    data = load_json(built_site, "projets.json")
    assert list(data) == ["licence", "licence_url", "source", "projets"]
    assert [p["id"] for p in data["projets"]] == PROJECT_ORDER
    assert all(list(p) == PROJECT_FIELDS for p in data["projets"])
    assert data["projets"][0] == {
        "id": "marque-territoriale",
        "titre": "Une marque de destination cohérente",
        "axe": "unir-les-forces",
        "priorite": "prioritaire",
        "debut": "2016-06",
        "fin": None,
        "statut": "en-cours",
        "pilote": "Office de Tourisme de Serre Chevalier Vallée Briançon",
        "partenaires": [],
        "constats": ["marque-partagee", "offices-reunis"],
        "resume": ("«\u202fRéflexion autour de la marque de destination\u202f» à partir de juin 2016, pour «\u202fpartager un "
                   "discours commun autour d’une marque de destination cohérente\u202f»."),
        "dates_illustratives": True,
    }
    promotion = data["projets"][1]
    assert (promotion["fin"], promotion["statut"], promotion["pilote"]) == ("2017-06", "a-lancer", None)


def test_csv_and_json_agree(built_site):
    rows = load_csv(built_site)
    assert rows[0] == PROJECT_FIELDS

    def cell(value):
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list):
            return ";".join(value)
        return "" if value is None else str(value)
    assert rows[1:] == [[cell(v) for v in p.values()] for p in load_json(built_site, "projets.json")["projets"]]
    assert rows[1][9] == "marque-partagee;offices-reunis"


def test_file_encodings_and_line_ends(built_site):
    for name in ("axes.json", "projets.json"):
        raw = (built_site / "donnees" / name).read_bytes()
        assert raw.startswith(b'{\n  "licence": "Licence Ouverte 2.0",\n') and raw.endswith(b"}\n")
        assert b"\\u00" not in raw
    raw_csv = (built_site / "donnees" / "projets.csv").read_bytes()
    assert raw_csv.startswith(b"id,titre,axe,priorite,debut,fin,statut,pilote,partenaires,constats,resume,"
                              b"dates_illustratives\r\n")  # no BOM
    assert raw_csv.count(b"\r\n") == 1 + len(PROJECT_ORDER) == raw_csv.count(b"\n")


# A lone " (the CSV doubles it; in pairs, French typography would make them « »), markup, « ; ».
TRICKY = 'Un écran de 12" avec ; <script>alert(1)</script> et « guillemets »'
# As every text of data/*.yml, in French typography (plugins/site_data/schema.py, Text).
TRICKY_TYPESET = 'Un écran de 12" avec\u202f; <script>alert(1)</script> et «\u202fguillemets\u202f»'
TRICKY_PROJECT = f"""\
- id: piege
  title: '{TRICKY}'
  axis: se-renouveler
  priority: long-terme
  start: 2016-06-15
  end: 2016-12
  status: realise
  lead: 'Pilote ; « le seul »'
  partners: ['Commune A', 'Commune "B, la grande']
  findings: [fonds-publics-rares, economie-difficile]
  summary: Résumé.
"""


def test_special_characters_come_out_the_same_in_both_files_and_the_page(site):
    site.write("data/projects.yml", TRICKY_PROJECT)
    result = site.build()
    assert result.ok, result.problems
    [piege] = load_json(site.output, "projets.json")["projets"]
    assert piege == {
        "id": "piege", "titre": TRICKY_TYPESET, "axe": "se-renouveler", "priorite": "long-terme", "debut": "2016-06-15",
        "fin": "2016-12", "statut": "realise", "pilote": "Pilote\u202f; «\u202fle seul\u202f»",
        "partenaires": ["Commune A", 'Commune "B, la grande'], "constats": ["fonds-publics-rares", "economie-difficile"],
        "resume": "Résumé.", "dates_illustratives": False}
    rows = load_csv(site.output)
    assert rows[1] == ["piege", TRICKY_TYPESET, "se-renouveler", "long-terme", "2016-06-15", "2016-12", "realise",
                       "Pilote\u202f; «\u202fle seul\u202f»", 'Commune A;Commune "B, la grande', "fonds-publics-rares;economie-difficile",
                       "Résumé.", "false"]
    raw = (site.output / "donnees" / "projets.csv").read_bytes().decode("utf-8")
    assert raw.endswith('piege,"Un écran de 12"" avec\u202f; <script>alert(1)</script> et «\u202fguillemets\u202f»",se-renouveler,'
                        'long-terme,2016-06-15,2016-12,realise,Pilote\u202f; «\u202fle seul\u202f»,"Commune A;Commune ""B, la grande",'
                        'fonds-publics-rares;economie-difficile,Résumé.,false\r\n')
    assert load_json(site.output, "axes.json")["axes"][3]["projets"] == ["piege"]
    roadmap = site.output / "feuille-de-route" / "index.html"
    html = roadmap.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    page = parse(roadmap)
    assert page.find("div", attrs={"data-projet": "piege"}).a.get_text() == TRICKY_TYPESET
    assert page.find("tr", id="calendrier-piege").th.a.get_text() == TRICKY_TYPESET


def test_open_data_page_lists_both_datasets_with_links_that_resolve(built_site):
    page = parse(built_site / "donnees" / "index.html")
    ids = [section["id"] for section in page.find_all("section", class_="jeu")]
    assert ids.index("jeu-constats") < ids.index("jeu-axes") == ids.index("jeu-projets") - 1
    expected = {
        "jeu-axes": ("Les axes stratégiques", [("axes.json", "application/json")], AXIS_FIELDS),
        "jeu-projets": ("Les projets de la feuille de route",
                        [("projets.json", "application/json"), ("projets.csv", "text/csv")], PROJECT_FIELDS),
    }
    for section_id, (title, files, fields) in expected.items():
        section = page.find("section", id=section_id)
        assert section.h2.get_text() == title
        links = section.select("ul.fichiers a")
        assert [(a["href"], a["type"], a.get_text()) for a in links] == [
            (f"../donnees/{name}", media_type, name) for name, media_type in files]
        for a in links:
            size = (built_site / "donnees" / a.get_text()).stat().st_size
            label = f"{size / 1000:.1f}".replace(".", ",") + "\u00a0ko" if size >= 1000 else f"{size}\u00a0octets"
            assert a.find_next_sibling("span").get_text() == f"({a.get_text().split('.')[1].upper()}, {label})"
        assert [dt.code.get_text() for dt in section.select("dl.champs dt")] == fields
        assert all(dd.get_text().strip() for dd in section.select("dl.champs dd"))
    roadmap_link = parse(built_site / "feuille-de-route" / "index.html").main.find("a", href="../donnees/#jeu-projets")
    assert roadmap_link.get_text() == "Les projets en données ouvertes"
