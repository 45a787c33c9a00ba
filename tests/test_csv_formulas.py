"""CSV injection (OWASP): a text cell a spreadsheet would run as a formula gets a leading `'`
in every CSV the site writes (core.open_data.csv_bytes, the one writer); the JSON keeps the text."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.open_data import FORMULA_STARTS, Field, csv_bytes, neutralise_formula

FIELDS = [Field("id", "identifiant", "L'identifiant."), Field("titre", "texte", "Le titre."),
          Field("nombre", "nombre entier", "Un nombre.")]


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"https://x.example\",\"clic\")", "'=HYPERLINK(\"https://x.example\",\"clic\")"),
    ("+33 4 92 00 00 00", "'+33 4 92 00 00 00"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("Un titre = une idée", "Un titre = une idée"),
    ("'déjà cité", "'déjà cité"),
    ("", ""),
    (" =1", " =1"),
    (-3, -3),
    (None, None),
])
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


def test_csv_bytes_neutralise_formula_cells_exactly():
    records = [
        {"id": "a", "titre": "=HYPERLINK(\"https://x.example\",\"clic\")", "nombre": 1},
        {"id": "b", "titre": "@SUM(1+1)", "nombre": -2},
        {"id": "c", "titre": "+33 et -", "nombre": None},
        {"id": "d", "titre": "-moins", "nombre": 0},
        {"id": "e", "titre": "\tonglet", "nombre": 0},
        {"id": "f", "titre": "\rretour", "nombre": 0},
        {"id": "g", "titre": "Rien = rien", "nombre": 0},
    ]
    assert csv_bytes(FIELDS, records) == (
        b"id,titre,nombre\r\n"
        b"a,\"'=HYPERLINK(\"\"https://x.example\"\",\"\"clic\"\")\",1\r\n"
        b"b,'@SUM(1+1),-2\r\n"
        b"c,'+33 et -,\r\n"
        b"d,'-moins,0\r\n"
        b"e,'\tonglet,0\r\n"
        b"f,\"'\rretour\",0\r\n"
        b"g,Rien = rien,0\r\n")


def test_site_csv_files_are_neutralised_and_json_keeps_the_text(site):
    title = "=HYPERLINK(A1,B1)"  # no quote marks: the French typography would make them guillemets
    site.write("content/articles/etat-des-lieux/formule.md", (
        "Title: Formule\nDate: 2016-03-02\n\nIntro.\n\n"
        f"/// constat | {title}\n    id: formule\n    theme: conjoncture\n\nCorps.\n///\n"))
    projects = site.base / "data" / "projects.yml"
    text = projects.read_text(encoding="utf-8")
    projects.write_text(text.replace("  title: Une marque de destination cohérente", "  title: \"@SUM(1+1)\"", 1),
                        encoding="utf-8")
    result = site.build()
    assert result.ok, result.problems
    donnees = site.output / "donnees"
    findings = json.loads((donnees / "constats.json").read_bytes())["constats"]
    assert [c["titre"] for c in findings if c["id"] == "formule"] == [title]
    projets = json.loads((donnees / "projets.json").read_bytes())["projets"]
    assert [p["titre"] for p in projets if p["id"] == "marque-territoriale"] == ["@SUM(1+1)"]
    assert b"\r\nformule,\"'=HYPERLINK(A1,B1)\",conjoncture," in (
        donnees / "constats.csv").read_bytes()
    assert b"\r\nmarque-territoriale,'@SUM(1+1)," in (donnees / "projets.csv").read_bytes()
    for name in ("constats.csv", "projets.csv"):
        raw = (donnees / name).read_bytes()
        for line in raw.split(b"\r\n")[1:]:
            for start in (b",=", b",+", b",@", b",\"=", b",\"@", b",\"+"):
                assert start not in line, (name, line)


@settings(max_examples=300)
@given(st.lists(st.tuples(st.text(alphabet=st.sampled_from("=+-@\t\r\n\"',;aé« »0"), max_size=8),
                          st.text(max_size=12), st.one_of(st.none(), st.integers(-10**6, 10**6))), max_size=6))
def test_any_cell_reads_back_exactly_or_quoted_never_as_a_formula(rows):
    """Read back as a spreadsheet would split it: every text cell is its value, or `'` + its value
    when that value starts like a formula; no cell starts like a formula; numbers stay numbers."""
    records = [{"id": ident, "titre": title, "nombre": number} for ident, title, number in rows]
    read = list(csv.reader(io.StringIO(csv_bytes(FIELDS, records).decode("utf-8"), newline="")))
    assert read[0] == ["id", "titre", "nombre"] and len(read) == len(records) + 1
    for record, cells in zip(records, read[1:]):
        for field, cell in zip(("id", "titre"), cells):
            value = record[field]
            assert cell == ("'" + value if value.startswith(FORMULA_STARTS) else value)
            assert not cell.startswith(FORMULA_STARTS)
        assert cells[2] == ("" if record["nombre"] is None else str(record["nombre"]))
