"""The strict YAML data layer: parsing, schema checks, and the French messages."""

from __future__ import annotations

import datetime

import pytest

from core.problems import Problem
from plugins.site_data.registry import DataFile, load_all, load_file
from plugins.site_data.schema import (
    Boolean,
    Date,
    Field,
    Id,
    Integer,
    ListOf,
    Mapping,
    MonthOrDate,
    PartialDate,
    Text,
    Url,
)

SCHEMA = ListOf(Mapping({
    "id": Field(Id()),
    "title": Field(Text(max_length=40)),
    "published": Field(Boolean(), required=False),
    "rank": Field(Integer(minimum=1, maximum=9), required=False),
    "day": Field(Date(), required=False),
    "start": Field(MonthOrDate(), required=False),
    "version": Field(Text(), required=False),
    "link": Field(Url(), required=False),
    "tags": Field(ListOf(Text()), required=False),
}))
SAMPLE = DataFile("sample", SCHEMA)


def load(tmp_path, text: str | bytes, max_bytes: int = 10_000):
    path = tmp_path / "sample.yml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    value, problems = load_file(str(path), SAMPLE, max_bytes)
    return value, [(p.line, p.col, p.message) for p in problems]


def test_valid_file_gives_plain_values(tmp_path):
    value, problems = load(tmp_path, (
        "- id: concurrence-01\n"
        "  title: « L'âpreté de la concurrence »\n"
        "  published: true\n"
        "  rank: 3\n"
        "  day: 2016-03-01\n"
        "  start: 2016-06\n"
        "  version: 1.10\n"
        "  link: /etat-des-lieux/\n"
        "  tags: [NO, yes, 012]\n"
    ))
    assert problems == []
    assert value == [{
        # Texts in French typography, as the Markdown's (plugins/french_typography); ids, booleans as written.
        "id": "concurrence-01", "title": "«\u202fL’âpreté de la concurrence\u202f»", "published": True,
        "rank": 3, "day": datetime.date(2016, 3, 1), "start": PartialDate(2016, 6),
        "version": "1.10", "link": "/etat-des-lieux/", "tags": ["NO", "yes", "012"],
    }]
    assert value[0].lines["title"] == 2


@pytest.mark.parametrize("text, expected", [
    pytest.param("- id: a\n\ttitle: x\n", [(2, 1, "tabulation interdite : en YAML, indentez avec des espaces")], id="tab"),
    pytest.param("- id: a\n  title: x\n  title: y\n", [(3, 3, "clé « title » en double (déjà présente ligne 2)")], id="duplicate-key"),
    pytest.param("- id: a\n  title: [x, y]\n", [(2, 10, "un texte est attendu(e) ici, pas une liste")], id="wrong-type-list"),
    pytest.param("- id: a\n  title: x\n  published: NO\n", [(3, 14, "« NO » est ambigu en YAML : écrivez true ou false")], id="yaml11-no"),
    pytest.param("- id: a\n  title: x\n  published: oui\n", [(3, 14, "« oui » n'est pas un booléen : écrivez true ou false")], id="not-boolean"),
    pytest.param("- id: a\n  title: x\n  day: 2016-13-01\n", [(3, 8, "date « 2016-13-01 » impossible : le mois 13 n'existe pas")], id="month-13"),
    pytest.param("- id: a\n  title: x\n  day: 2016-02-30\n", [(3, 8, "date « 2016-02-30 » impossible : février 2016 n'a que 29 jours")], id="february-30"),
    pytest.param("- id: a\n  title: x\n  day: 01/03/2016\n", [(3, 8, "date « 01/03/2016 » invalide : écrivez-la au format AAAA-MM-JJ (ex. 2016-03-01)")], id="french-date"),
    pytest.param("- id: a\n  title: x\n  start: juin 2016\n", [(3, 10, "date « juin 2016 » invalide : écrivez-la au format AAAA-MM-JJ ou AAAA-MM (ex. 2016-03-01 ou 2016-06)")], id="month-in-words"),
    pytest.param("- id: a\n  title: x\n  rank: 1.10\n", [(3, 9, "« 1.10 » n'est pas un nombre entier")], id="not-integer"),
    pytest.param("- id: a\n  title: x\n  rank: 12\n", [(3, 9, "12 est trop grand (maximum 9)")], id="integer-too-big"),
    pytest.param("- id: Concurrence_01\n  title: x\n", [(1, 7, "identifiant « Concurrence_01 » invalide : uniquement des minuscules sans accent, des chiffres et des tirets, en commençant par une lettre ou un chiffre (ex. concurrence-01)")], id="bad-id"),
    pytest.param("- id: a\n  titre: x\n", [(2, 3, "clé « titre » inconnue : clés possibles : id, title, published, rank, day, start, version, link, tags"), (1, 3, "clé obligatoire « title » manquante")], id="unknown-and-missing-key"),
    pytest.param("- id: a\n  title:\n", [(2, 9, "valeur manquante : un texte est attendu(e)")], id="empty-value"),
    pytest.param("- id: a\n  title: x\n  link: www.exemple.fr\n", [(3, 9, "adresse « www.exemple.fr » invalide : elle doit commencer par https:// ou par / pour une page du site")], id="bad-url"),
    pytest.param("- id: a\n  title: Bilan : la suite\n", [(2, 16, "deux-points inattendu : si la valeur contient « : », mettez-la entre guillemets")], id="french-spaced-colon"),
    pytest.param("- id: a\n  title: \"Bilan : la suite\"\n", [], id="quoted-colon-is-fine"),
    pytest.param("- id: a\n  title: Bilan: la suite\n", [(2, 15, "deux-points inattendu : si la valeur contient « : », mettez-la entre guillemets")], id="unquoted-colon"),
    pytest.param("- id: a\n  title: \"x\n", [(2, 10, "guillemet ouvert ici et jamais fermé : fermez-le à la fin du texte")], id="unclosed-quote"),
    pytest.param("- id: a\n  title: [x, y\n", [(3, 1, "crochet [ ] ou accolade { } mal fermé : vérifiez les virgules et le signe fermant ; un texte qui commence par [ ou { doit être entre guillemets")], id="unclosed-bracket"),
    pytest.param("- id: a\n  title: [x, y\n- id: b\n", [(3, 5, "crochet [ ] ou accolade { } mal fermé : vérifiez les virgules et le signe fermant ; un texte qui commence par [ ou { doit être entre guillemets")], id="unclosed-bracket-before-next"),
    pytest.param("- id: a\n  title: |x\n    y\n", [(2, 11, "bloc de texte mal écrit : après « | » ou « > » (ou « |- », « >- »), rien d'autre sur la ligne ; le texte suit sur les lignes suivantes, indenté")], id="block-scalar-indicator"),
    pytest.param("- id: a\n  title: x\n - id: b\n", [(3, 2, "indentation incohérente : alignez les clés de même niveau avec le même nombre d'espaces")], id="bad-indent"),
    pytest.param("- &a id: a\n  title: x\n", [(1, 3, "ancre YAML « &a » refusée : les ancres (&) et alias (*) ne sont pas acceptés, recopiez la valeur")], id="anchor"),
    pytest.param("- id: a\n  title: !!python/object:os.system x\n", [(2, 10, "étiquette YAML « tag:yaml.org,2002:python/object:os.system » refusée : écrivez la valeur sans étiquette (!…)")], id="python-tag"),
    pytest.param("- id: a\n  title: !secret x\n", [(2, 10, "étiquette YAML « !secret » refusée : écrivez la valeur sans étiquette (!…)")], id="custom-tag"),
    pytest.param("- id: a\n  title: x\n---\n- id: b\n", [(3, 1, "un seul document YAML par fichier : retirez les séparateurs « --- » ou « ... » supplémentaires")], id="two-documents"),
    pytest.param("", [(1, 1, "fichier vide : il doit contenir des données")], id="empty-file"),
    pytest.param("# rien\n", [(1, 1, "fichier vide : il doit contenir des données")], id="only-comment"),
    pytest.param("id: a\n", [(1, 1, "une liste (lignes commençant par « - ») est attendue ici, pas un ensemble de clés")], id="mapping-instead-of-list"),
    pytest.param("- id: a\n  title: x\u0007\n", [(2, 11, "caractère de contrôle interdit (U+0007) : supprimez-le")], id="control-character"),
])
def test_problems_are_located_and_french(tmp_path, text, expected):
    _, problems = load(tmp_path, text)
    assert problems == expected


def test_alias_bomb_is_refused_at_first_anchor(tmp_path):
    bomb = 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    _, problems = load(tmp_path, bomb)
    assert problems == [(1, 4, "ancre YAML « &a » refusée : les ancres (&) et alias (*) ne sont pas acceptés, recopiez la valeur")]


def test_deep_nesting_is_refused(tmp_path):
    _, problems = load(tmp_path, "[" * 5000 + "]" * 5000, max_bytes=20_000)
    assert problems == [(1, 33, "imbrication trop profonde (plus de 32 niveaux) : simplifiez la structure")]


def test_size_cap_counts_with_thousands_separator(tmp_path):
    _, problems = load(tmp_path, "- id: a\n  title: " + "x" * 2000 + "\n", max_bytes=1000)
    assert problems == [(None, None, "fichier trop volumineux (2\u202f018 octets ; maximum 1\u202f000 octets)")]


def test_size_cap(tmp_path):
    _, problems = load(tmp_path, "- id: a\n  title: " + "x" * 200 + "\n", max_bytes=100)
    assert problems == [(None, None, "fichier trop volumineux (218 octets ; maximum 100 octets)")]


def test_invalid_utf8_is_located(tmp_path):
    _, problems = load(tmp_path, "- id: a\n  title: caf".encode() + b"\xe9\n")
    assert problems == [(2, 13, "caractère illisible (octet 0xE9) : le fichier n'est pas en UTF-8 ; enregistrez-le avec l'encodage « UTF-8 »")]


def test_bom_and_any_line_ending_are_read_alike(tmp_path):
    """A BOM (Notepad) and CRLF or CR-only line endings (Windows, old Macs) give the same data."""
    text = "- id: a\n  title: x\n- id: b\n  title: y\n"
    expected = load(tmp_path, text)
    assert expected[1] == []
    assert load(tmp_path, b"\xef\xbb\xbf" + text.encode()) == expected
    assert load(tmp_path, text.replace("\n", "\r\n")) == expected
    assert load(tmp_path, text.replace("\n", "\r")) == expected


@pytest.mark.parametrize("char, col, hint", [
    ("\x07", 11, " : supprimez-le"),
    ("\x85", 11, " : supprimez-le"),
    ("\x0b", 11, " (saut de ligne de Word) : remplacez-le par un vrai retour à la ligne"),
])
def test_control_characters_are_located(tmp_path, char, col, hint):
    _, problems = load(tmp_path, f"- id: a\r\n  title: x{char}y\n")
    assert problems == [(2, col, f"caractère de contrôle interdit (U+{ord(char):04X}){hint}")]


def test_all_problems_of_a_file_are_reported_at_once(tmp_path):
    _, problems = load(tmp_path, "- id: A\n  title: x\n- id: b\n  title: y\n  rank: zéro\n")
    assert [line for line, _, _ in problems] == [1, 5]


def test_unknown_misnamed_and_missing_files(tmp_path, monkeypatch):
    monkeypatch.setattr("plugins.site_data.registry.DATA_FILES", {"sample": SAMPLE})
    (tmp_path / "autre.yml").write_text("- x\n")
    (tmp_path / "notes.yaml").write_text("- x\n")
    (tmp_path / "lisez-moi.txt").write_text("x\n")
    data, problems = load_all(str(tmp_path), 10_000)
    assert data == {}
    assert [str(p) for p in problems] == [
        f"{tmp_path}/lisez-moi.txt: seuls des fichiers .yml sont attendus dans data/",
        f"{tmp_path}/notes.yaml: renommez ce fichier en « notes.yml » (extension .yml)",
        f"{tmp_path}/autre.yml: fichier de données inconnu : attendus : sample.yml",
        f"{tmp_path}/sample.yml: données obligatoires manquantes",
    ]


def test_data_folders_hold_files_of_one_schema(tmp_path, monkeypatch):
    folder = DataFile("items", SCHEMA, directory=True, required=False)
    monkeypatch.setattr("plugins.site_data.registry.DATA_FILES", {"items": folder, "sample": SAMPLE})
    (tmp_path / "sample.yml").write_text("- id: a\n  title: x\n")
    (tmp_path / "items").mkdir()
    (tmp_path / "items" / "b.yml").write_text("- id: b\n  title: y\n")
    (tmp_path / "items" / "a.yml").write_text("- id: a\n  titre: y\n")
    (tmp_path / "divers").mkdir()
    data, problems = load_all(str(tmp_path), 10_000)
    assert list(data["items"]) == ["a", "b"]
    assert data["items"]["b"] == [{"id": "b", "title": "y", "published": None, "rank": None, "day": None,
                                   "start": None, "version": None, "link": None, "tags": None}]
    assert [str(p) for p in problems] == [
        f"{tmp_path}/divers: dossier de données inconnu : attendus : items/, sample.yml",
        f"{tmp_path}/items/a.yml:2:3: clé « titre » inconnue : clés possibles : id, title, published, rank, day, "
        "start, version, link, tags",
        f"{tmp_path}/items/a.yml:1:3: clé obligatoire « title » manquante",
    ]


def test_optional_data_may_be_absent(tmp_path, monkeypatch):
    monkeypatch.setattr("plugins.site_data.registry.DATA_FILES", {
        "items": DataFile("items", SCHEMA, directory=True, required=False),
        "sample": DataFile("sample", SCHEMA, required=False)})
    assert load_all(str(tmp_path), 10_000) == ({"items": {}, "sample": None}, [])


@pytest.mark.parametrize("problem, text", [
    (Problem("data/a.yml", 3, 5, "m"), "data/a.yml:3:5: m"),
    (Problem("data/a.yml", 3, None, "m"), "data/a.yml:3: m"),
    (Problem("data/a.yml", None, None, "m"), "data/a.yml: m"),
])
def test_problem_format(problem, text):
    assert str(problem) == text


@pytest.mark.parametrize("value, first, last, iso", [
    (PartialDate(2016, 2), datetime.date(2016, 2, 1), datetime.date(2016, 2, 29), "2016-02"),
    (PartialDate(2016, 6, 15), datetime.date(2016, 6, 15), datetime.date(2016, 6, 15), "2016-06-15"),
])
def test_partial_dates(value, first, last, iso):
    assert (value.first_day, value.last_day, value.iso) == (first, last, iso)
