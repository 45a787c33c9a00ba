"""CSV import of the feedback received (plugins/consultation/feedback_import.py): French messages
located by physical line, all or nothing, and no personal data ever written to data/ or output/."""

from __future__ import annotations

import datetime
import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plugins.consultation import feedback_import, review
from plugins.consultation.feedback_data import yaml_string
from plugins.consultation.feedback_import import import_feedback, parse_day, run_import, sniff_delimiter
from plugins.privacy.personal_data import scrub
from plugins.french_typography.typography import fix_text
from plugins.site_data.registry import load_all

from conftest import accept_all_excerpts, copy_project

KNOWN = {"concurrence-01", "concurrence-02", "marque-partagee", "offices-reunis"}
HEADER = "constat;date;avis;message;email;nom;publication\n"
EXPECTED_COLUMNS = ("colonnes attendues : constat, date, avis, message, email, nom, publication ; "
                    "avis, email, nom sont facultatives")




def run(workdir: Path, text: str | bytes, known=KNOWN) -> list[str]:
    """Imports the CSV, then accepts every excerpt of the review queue."""
    path = workdir / "reactions.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    problems = [str(problem) for problem in import_feedback("reactions.csv", known, str(workdir / "data" / "feedback"))]
    if not problems:
        accept_all_excerpts(workdir / "data" / "feedback")
    return problems


def written(workdir: Path) -> dict[str, str]:
    folder = workdir / "data" / "feedback"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.is_file()}


def reviewed(finding: str, day: str, text: str) -> str:
    """The lines of a tracked excerpt, read and accepted."""
    key = review.excerpt_key(finding, datetime.date.fromisoformat(day), text)
    return f"  - date: {day}\n    text: {yaml_string(text)}\n    relu: oui\n    cle: \"{key}\"\n"


def everything_under(folder: Path) -> str:
    """Every file below folder, as text (bytes that are not UTF-8 are kept as escapes)."""
    return "\n".join(p.read_bytes().decode("utf-8", "backslashreplace") for p in sorted(folder.rglob("*")) if p.is_file())


# --- personal data ------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, email, expected, removed", [
    # Phone numbers, French formats
    pytest.param("Appelez le 06 12 34 56 78.", None, None, "Appelez le [retiré].", 1, id="phone-spaces"),
    pytest.param("Tél. 06.12.34.56.78", None, None, "Tél. [retiré]", 1, id="phone-dots"),
    pytest.param("tel:0612345678 merci", None, None, "tel:[retiré] merci", 1, id="phone-digits"),
    pytest.param("Bureau : 04-92-24-98-98", None, None, "Bureau : [retiré]", 1, id="phone-dashes"),
    pytest.param("au 04\u00a092\u00a024\u00a098\u00a098", None, None, "au [retiré]", 1, id="phone-no-break-spaces"),
    pytest.param("+33 6 12 34 56 78", None, None, "[retiré]", 1, id="phone-plus33"),
    pytest.param("+33 (0)6 12 34 56 78", None, None, "[retiré]", 1, id="phone-plus33-paren-zero"),
    pytest.param("+33(0)612345678", None, None, "[retiré]", 1, id="phone-plus33-compact"),
    pytest.param("0033 6 12 34 56 78", None, None, "[retiré]", 1, id="phone-0033"),
    pytest.param("+39 0122 123456 (Italie)", None, None, "[retiré] (Italie)", 1, id="phone-italian"),
    # E-mail addresses
    pytest.param("Écrivez à jean.dupont+lvas@gmail.com.", None, None, "Écrivez à [retiré].", 1, id="email-plus-dots"),
    pytest.param("<marie-claire.o_neil@sous.domaine.fr>", None, None, "<[retiré]>", 1, id="email-subdomain"),
    pytest.param("hélène@exemple.fr", None, None, "[retiré]", 1, id="email-accented"),
    pytest.param("jean(at)exemple.fr ou jean [at] exemple.fr", None, None, "[retiré] ou [retiré]", 2, id="email-at"),
    pytest.param("jean arobase exemple.fr", None, None, "[retiré]", 1, id="email-arobase"),
    # Names from the `nom` column: whole name and words of 3 letters or more, whole words only
    pytest.param("Hélène Dupré pense que HELENE a raison", "Hélène Dupré", None,
                 "[retiré] pense que [retiré] a raison", 2, id="name-accents-and-case"),
    pytest.param("helene dupre", "Hélène Dupré", None, "[retiré]", 1, id="name-without-accents"),
    pytest.param("Marc Roux trouve le marché de Rouxel trop cher, dit ROUX", "Marc Roux", None,
                 "[retiré] trouve le marché de Rouxel trop cher, dit [retiré]", 2, id="name-not-inside-words"),
    pytest.param("Le village, selon Anne, est beau", "Anne Le Gall", None,
                 "Le village, selon [retiré], est beau", 1, id="short-words-kept"),
    pytest.param("Anne Le Gall, Le Gall", "Anne Le Gall", None, "[retiré], Le [retiré]", 2, id="whole-name-first"),
    pytest.param("coeur et Cœur", "Cœur", None, "[retiré] et [retiré]", 2, id="name-oe-ligature"),
    pytest.param("N'Diaye et N’Diaye", "N’Diaye", None, "[retiré] et [retiré]", 2, id="name-apostrophes"),
    pytest.param("Jean-Marie, Jean et Marie", "Jean-Marie", None, "[retiré], [retiré] et [retiré]", 3,
                 id="hyphenated-name"),
    pytest.param("écrit par jdupont@exemple", None, "jdupont@exemple", "écrit par [retiré]", 1, id="email-column-literal"),
    # Not personal data: left as is
    pytest.param("En 2016, 1 200 000 nuitées ; le 15/03/2016 ; saison 2016-2017 ; 12 %",
                 None, None, "En 2016, 1 200 000 nuitées ; le 15/03/2016 ; saison 2016-2017 ; 12 %",
                 0, id="numbers-kept"),  # a postcode and a town are an address: tests/test_personal_data.py
    pytest.param("Mon avis : « oui » à 100 % !", "", None, "Mon avis : « oui » à 100 % !", 0, id="nothing"),
])
def test_scrub(text, name, email, expected, removed):
    assert scrub(text, name, email) == (expected, removed)


# --- delimiter, encoding, dates ------------------------------------------------------------

@pytest.mark.parametrize("header, delimiter", [
    ("constat;date;avis;message;email;nom;publication", ";"),
    ("constat,date,avis,message,email,nom,publication", ","),
    ('"constat";"date";"message";"publication"', ";"),
    ("publication;message, ou remarque;date;constat", ";"),
    ("constat,date;heure,message,publication", ","),
    ("", ","),
])
def test_sniff_delimiter(header, delimiter):
    assert sniff_delimiter(header) == delimiter


CSV_ROWS = [
    ["constat", "date", "avis", "message", "email", "nom", "publication"],
    ["concurrence-01", "2016-03-15", "positif", "Bien vu, « merci » ; vraiment.", "", "", "oui"],
    ["marque-partagee", "2016-03-16", "", "Sur deux\nlignes, avec \"guillemets\"", "", "", "non"],
]


def to_csv(rows, delimiter: str, newline: str = "\r\n") -> str:
    def cell(value: str) -> str:
        if any(c in value for c in f'{delimiter}"\n'):
            return '"' + value.replace('"', '""') + '"'
        return value
    return "".join(delimiter.join(map(cell, row)) + newline for row in rows)


@pytest.mark.parametrize("delimiter, newline, bom", [
    (";", "\r\n", b"\xef\xbb\xbf"),  # French Excel, « CSV UTF-8 »
    (";", "\r\n", b""),
    (",", "\n", b""),  # form services, LibreOffice
    (",", "\r\n", b"\xef\xbb\xbf"),
])
def test_delimiters_and_bom_give_the_same_files(workdir, delimiter, newline, bom):
    assert run(workdir, bom + to_csv(CSV_ROWS, delimiter, newline).encode("utf-8")) == []
    assert written(workdir) == {
        "concurrence-01.yml": (
            "# Réactions reçues sur le constat « concurrence-01 » : fichier écrit par « python3 manage.py "
            "import-feedback »,\n"
            "# remplacé à chaque import. Ne le modifiez pas à la main : corrigez l'export (messages ou CSV) et "
            "relancez l'import.\n"
            "# Seuls les extraits relus (« python3 manage.py review-feedback ») y figurent.\n"
            'finding: "concurrence-01"\n'
            "count: 1\n"
            "sentiments:\n"
            "  positif: 1\n"
            "  neutre: 0\n"
            "  negatif: 0\n"
            "excerpts:\n"
            + reviewed("concurrence-01", "2016-03-15", "Bien vu, « merci » ; vraiment.")),
        "marque-partagee.yml": (
            "# Réactions reçues sur le constat « marque-partagee » : fichier écrit par « python3 manage.py "
            "import-feedback »,\n"
            "# remplacé à chaque import. Ne le modifiez pas à la main : corrigez l'export (messages ou CSV) et "
            "relancez l'import.\n"
            "# Seuls les extraits relus (« python3 manage.py review-feedback ») y figurent.\n"
            'finding: "marque-partagee"\n'
            "count: 1\n"),
    }


@pytest.mark.parametrize("text, expected", [
    ("2016-03-15", datetime.date(2016, 3, 15)),
    ("2016-03-15 14:32", datetime.date(2016, 3, 15)),
    ("2016-03-15T14:32:10", datetime.date(2016, 3, 15)),
    ("15/03/2016", "date « 15/03/2016 » invalide : écrivez-la au format AAAA-MM-JJ (ex. 2016-03-15)"),
    ("2016-3-15", "date « 2016-3-15 » invalide : écrivez-la au format AAAA-MM-JJ (ex. 2016-03-15)"),
    ("2016-02-30", "date « 2016-02-30 » impossible : février 2016 n'a que 29 jours"),
    ("2015-12-32", "date « 2015-12-32 » impossible : décembre 2015 n'a que 31 jours"),
    ("2016-13-01", "date « 2016-13-01 » impossible : le mois 13 n'existe pas"),
])
def test_parse_day(text, expected):
    assert parse_day(text) == expected


# --- every mistake, located and in French --------------------------------------------------

def row(constat="concurrence-01", date="2016-03-15", avis="", message="Un avis.", email="", nom="",
        publication="oui") -> str:
    return ";".join([constat, date, avis, message, email, nom, publication]) + "\n"


@pytest.mark.parametrize("text, expected", [
    pytest.param("constat;date;avis;message;email;nom\n" + "concurrence-01;2016-03-15;;x;;\n",
                 [f"reactions.csv:1: colonne manquante : publication ({EXPECTED_COLUMNS})"], id="missing-column"),
    pytest.param("constat;avis;email;nom\n",
                 [f"reactions.csv:1: colonnes manquantes : date, message, publication ({EXPECTED_COLUMNS})"],
                 id="missing-columns"),
    pytest.param("Horodatage;" + HEADER,
                 [f"reactions.csv:1: colonne « Horodatage » inconnue : supprimez-la ou renommez-la ({EXPECTED_COLUMNS})"],
                 id="unknown-column"),
    pytest.param("constat;date;message;publication;date\n",
                 ["reactions.csv:1: colonne « date » en double"], id="duplicate-column"),
    pytest.param(HEADER.replace(";", "\t"),
                 ["reactions.csv:1: première ligne non reconnue : elle doit donner les noms des colonnes, séparés par "
                  f"« ; » ou « , » ({EXPECTED_COLUMNS})"], id="tab-separated"),
    pytest.param("", [f"reactions.csv:1: fichier vide : la première ligne doit donner les noms des colonnes "
                      f"({EXPECTED_COLUMNS})"], id="empty-file"),
    pytest.param(HEADER + row(constat="concurrence-1"),
                 ["reactions.csv:2: constat « concurrence-1 » inconnu : vouliez-vous dire « concurrence-01 » ?"],
                 id="unknown-finding-suggestion"),
    pytest.param(HEADER + row(constat="hebergement"),
                 ["reactions.csv:2: constat « hebergement » inconnu : aucun constat du site n'a cet identifiant"],
                 id="unknown-finding"),
    pytest.param(HEADER + row(constat=""),
                 ["reactions.csv:2: constat manquant : indiquez l'identifiant du constat (ex. concurrence-01)"],
                 id="missing-finding"),
    pytest.param(HEADER + row(date="15/03/2016"),
                 ["reactions.csv:2: date « 15/03/2016 » invalide : écrivez-la au format AAAA-MM-JJ (ex. 2016-03-15)"],
                 id="french-date"),
    pytest.param(HEADER + row(date="2016-02-30"),
                 ["reactions.csv:2: date « 2016-02-30 » impossible : février 2016 n'a que 29 jours"], id="impossible-date"),
    pytest.param(HEADER + row(date=" "),
                 ["reactions.csv:2: date manquante : indiquez la date de la réaction au format AAAA-MM-JJ "
                  "(ex. 2016-03-15)"], id="missing-date"),
    pytest.param(HEADER + row(avis="bof"),
                 ["reactions.csv:2: avis « bof » inconnu : valeurs possibles : positif, neutre, négatif "
                  "(ou laissez la case vide)"], id="bad-sentiment"),
    pytest.param(HEADER + row(publication="peut-être"),
                 ["reactions.csv:2: publication « peut-être » invalide : écrivez oui (accord pour publier un extrait) "
                  "ou non"], id="bad-consent"),
    pytest.param(HEADER + row(publication=""),
                 ["reactions.csv:2: publication manquante : écrivez oui (accord pour publier un extrait) ou non"],
                 id="missing-consent"),
    pytest.param(HEADER + row(message='"  \n "'),
                 ["reactions.csv:2: message vide : une réaction sans texte ne peut pas être importée ; "
                  "supprimez la ligne"], id="empty-message"),
    pytest.param(HEADER + row(message="x" * 3001),
                 ["reactions.csv:2: message trop long pour être publié (3001 caractères ; maximum 3000) : écrivez non "
                  "dans publication, ou raccourcissez-le avec l'accord de son auteur"], id="too-long-to-publish"),
    pytest.param(HEADER + row(message="Oui; mais non"),
                 ["reactions.csv:2: 8 valeurs pour 7 colonnes : un message qui contient « ; » ou « , » doit être "
                  "entre guillemets (\"…\")"], id="unquoted-delimiter"),
    pytest.param(HEADER + row(message="Sur deux\nlignes"),
                 ["reactions.csv:2: 4 valeurs pour 7 colonnes : un message sur plusieurs lignes doit être entre "
                  "guillemets (\"…\")",
                  "reactions.csv:3: 4 valeurs pour 7 colonnes : un message sur plusieurs lignes doit être entre "
                  "guillemets (\"…\")"], id="unquoted-line-break"),
    pytest.param(HEADER.replace("\n", ";\n") + row().replace("\n", ";Bonjour\n"),
                 ["reactions.csv:2: valeur dans une colonne sans nom (colonne 8) : donnez un nom à la colonne ou "
                  "videz-la"], id="value-in-unnamed-column"),
    pytest.param(HEADER + row(message='"Il a dit "oui" puis"') + row(date="x"),
                 ["reactions.csv:2: guillemet mal placé : dans une valeur entre guillemets, doublez les guillemets "
                  "(\"\")"], id="bad-quote-stops-reading"),
    pytest.param(HEADER + row(date="x") + row(message='"Jamais fermé'),
                 ["reactions.csv:2: date « x » invalide : écrivez-la au format AAAA-MM-JJ (ex. 2016-03-15)",
                  "reactions.csv:3: guillemet ouvert jamais fermé : ajoutez le guillemet fermant à la fin du message"],
                 id="unclosed-quote"),
    pytest.param((HEADER + row() + "concurrence-01;2016-03-15;;Caf").encode("utf-8") + b"\xe9;;;oui\n",
                 ["reactions.csv:3:31: caractère illisible (octet 0xE9) : le fichier n'est pas en UTF-8 ; "
                  "dans le tableur, enregistrez-le au format « CSV UTF-8 »"], id="latin-1"),
    pytest.param(b"\xef\xbb\xbf" + (HEADER + "marque-partagee;2016-03-15;;\"Déjà\nsur\r\ntrois lignes, ").encode("utf-8")
                 + b"\x92\";;;oui\n",
                 ["reactions.csv:4:15: caractère illisible (octet 0x92) : le fichier n'est pas en UTF-8 ; "
                  "dans le tableur, enregistrez-le au format « CSV UTF-8 »"], id="windows-1252-after-bom"),
    pytest.param(b"PK\x03\x04\x14\x00\x06\x00",
                 ["reactions.csv: c'est un classeur (.xlsx, .xls, .ods), pas un fichier CSV : dans le tableur, "
                  "enregistrez-le au format « CSV UTF-8 »"], id="spreadsheet-file"),
    pytest.param(HEADER.encode("utf-16"),
                 ["reactions.csv:1:1: le fichier est en UTF-16 (« texte Unicode ») : dans le tableur, enregistrez-le "
                  "au format « CSV UTF-8 »"], id="utf-16"),
])
def test_problems_are_located_and_french(workdir, text, expected):
    assert run(workdir, text) == expected
    assert not (workdir / "data").exists()


def test_every_problem_is_reported_in_one_run_at_the_line_where_its_record_starts(workdir):
    text = (HEADER
            + row(message='"Un message\nsur trois\nlignes"')       # lines 2-4
            + row(constat="concurence-01", date="2016-04-31")     # line 5
            + "\n"                                                # line 6, blank
            + ";;;;;;\n"                                          # line 7, empty cells (spreadsheet)
            + row(message='"Encore\r\ndeux lignes"', avis="bof")  # lines 8-9
            + row(publication="Oui", avis="Négatif")              # line 10: fine (case and accents)
            + row(publication="yes"))                             # line 11
    assert run(workdir, text) == [
        "reactions.csv:5: constat « concurence-01 » inconnu : vouliez-vous dire « concurrence-01 » ?",
        "reactions.csv:5: date « 2016-04-31 » impossible : avril 2016 n'a que 30 jours",
        "reactions.csv:8: avis « bof » inconnu : valeurs possibles : positif, neutre, négatif (ou laissez la case vide)",
        "reactions.csv:11: publication « yes » invalide : écrivez oui (accord pour publier un extrait) ou non",
    ]


@pytest.mark.parametrize("name, expected", [
    ("absent.csv", "absent.csv: fichier introuvable : donnez son chemin depuis le dossier du projet, ou son chemin "
                   "complet"),
    ("data", "data: aucun message dans ce dossier (ni fichier .eml, ni boîte .mbox) : donnez le dossier où la "
             "messagerie a enregistré les messages, ou le fichier lui-même"),
])
def test_file_that_cannot_be_read(workdir, name, expected):
    (workdir / "data").mkdir()
    assert [str(p) for p in import_feedback(name, KNOWN, str(workdir / "data" / "feedback"))] == [expected]
    assert list((workdir / "data").iterdir()) == []


def test_unknown_finding_when_the_site_has_none(workdir):
    assert run(workdir, HEADER + row(), known=set()) == [
        "reactions.csv:2: constat « concurrence-01 » inconnu : le site ne contient encore aucun constat"]


def test_columns_in_any_order_with_optional_ones_left_out(workdir):
    text = "Publication ; Message ; Date ; Constat\nnon;Bof.;2016-03-01;offices-reunis\n"
    assert run(workdir, text) == []
    assert written(workdir)["offices-reunis.yml"].endswith('finding: "offices-reunis"\ncount: 1\n')


# --- all or nothing ----------------------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
            for p in sorted(folder.rglob("*"))}


def test_a_bad_row_leaves_the_previous_import_untouched_byte_for_byte(workdir):
    assert run(workdir, HEADER + row() + row(constat="marque-partagee", avis="neutre")) == []
    data = workdir / "data"
    before = snapshot(data)
    assert sorted(before) == ["feedback", "feedback/a-relire", "feedback/a-relire/messages.txt",
                              "feedback/concurrence-01.yml", "feedback/marque-partagee.yml"]
    assert run(workdir, HEADER + row(constat="offices-reunis") + row(date="demain")) == [
        "reactions.csv:3: date « demain » invalide : écrivez-la au format AAAA-MM-JJ (ex. 2016-03-15)"]
    assert snapshot(data) == before  # nothing written, not even offices-reunis.yml; no temp folder left


@pytest.mark.parametrize("fail_at", ["writing-second-file", "swapping-in"])
def test_a_failed_write_leaves_the_previous_import_untouched(workdir, monkeypatch, fail_at):
    assert run(workdir, HEADER + row()) == []
    data = workdir / "data"
    before = snapshot(data)
    real_open, real_rename, calls = open, os.rename, []

    def failing_open(path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, *args, **kwargs)

    def failing_rename(source, target):
        if ".feedback-" in os.path.basename(source) and "-old-" not in source:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real_rename(source, target)

    if fail_at == "writing-second-file":
        monkeypatch.setattr(feedback_import, "open", failing_open, raising=False)
    else:
        monkeypatch.setattr(feedback_import.os, "rename", failing_rename)
    code = "ENOSPC" if fail_at == "writing-second-file" else "EXDEV"
    assert run(workdir, HEADER + row(constat="marque-partagee") + row(constat="offices-reunis")) == [
        f"data/feedback: écriture impossible (erreur système {code}) : vérifiez l'espace disque et les droits "
        "du dossier ; l'import précédent n'a pas été modifié"]
    assert snapshot(data) == before


def test_an_import_replaces_the_previous_one(workdir):
    assert run(workdir, HEADER + row() + row(constat="marque-partagee")) == []
    assert run(workdir, HEADER + row(constat="offices-reunis", publication="non")) == []
    assert sorted(p.name for p in (workdir / "data").iterdir()) == ["feedback"]
    assert list(written(workdir)) == ["offices-reunis.yml"]
    assert run(workdir, HEADER) == []  # nothing received: an empty folder
    assert written(workdir) == {}


# --- the written files --------------------------------------------------------------------

TRICKY_TEXTS = ["NO", "2016-03-01", "123", "true", "null", "~", "- pas une liste", "# pas un commentaire",
                "clé: valeur", "'apostrophes' et \"guillemets\" \\ barre", "Neige ❄️ 🏔️", "&ancre *alias !tag",
                "Ligne 1\nLigne 2\n\nParagraphe", "tab\tulation", "{accolades} [crochets]", "%40 @"]


def test_texts_stay_strings_through_the_strict_loader(workdir, registered_feedback):
    rows = "".join(row(message='"' + text.replace('"', '""') + '"', date=f"2016-03-{i + 1:02d}")
                   for i, text in enumerate(TRICKY_TEXTS))
    assert run(workdir, HEADER + rows) == []
    data, problems = load_all(str(workdir / "data"), 1_000_000)
    assert problems == []
    record = data["feedback"]["concurrence-01"]
    assert record["count"] == len(TRICKY_TEXTS)
    # Strings as written (tabs aside), in French typography as every text of data/*.yml.
    assert [excerpt["text"] for excerpt in record["excerpts"]] == [fix_text(t.replace("\t", " ")) for t in TRICKY_TEXTS]
    assert record["excerpts"][0]["date"] == datetime.date(2016, 3, 1)


@pytest.mark.parametrize("raw, expected", [
    pytest.param("Ligne un\x0bligne deux", "Ligne un\nligne deux", id="word-line-break"),
    pytest.param("Fin\x0cpage\x85NEL\u2028ligne\u2029paragraphe", "Fin\npage\nNEL\nligne\nparagraphe",
                 id="other-line-ends"),
    pytest.param("son\x07nerie\x00 et \x1bfin\x7f\x9b", "sonnerie et fin", id="c0-c1-dropped"),
    pytest.param("payer \u202e0001\u202c €", "payer 0001 €", id="bidi-override-dropped"),
    pytest.param("e\u0301te\u0301 \t à l\u2019Office", "été   à l\u2019Office", id="nfc-and-tab"),
])
def test_control_characters_in_a_message_are_cleaned_not_refused(raw, expected):
    assert feedback_import.clean_message(raw) == expected


def test_control_characters_never_reach_data_from_a_csv(workdir, registered_feedback):
    message = '"Trop cher\x0bpour nous\x07\u202e !"'
    assert run(workdir, HEADER + row(message=message)) == []
    data, problems = load_all(str(workdir / "data"), 1_000_000)
    assert problems == []
    assert [e["text"] for e in data["feedback"]["concurrence-01"]["excerpts"]] == ["Trop cher\npour nous\u202f!"]


@pytest.mark.parametrize("name, text, expected", [
    pytest.param("marque-partagee.yml", 'finding: "concurrence-01"\ncount: 1\n',
                 ["data/feedback/marque-partagee.yml:1: ce fichier concerne le constat « concurrence-01 » mais "
                  "s'appelle « marque-partagee.yml » : renommez-le « concurrence-01.yml » (ou relancez l'import des "
                  "réactions)"], id="file-named-after-another-finding"),
    pytest.param("concurrence-01.yml",
                 'finding: "concurrence-01"\ncount: 1\nsentiments:\n  positif: 2\n  neutre: 0\n  negatif: 0\n',
                 ["data/feedback/concurrence-01.yml:3: plus d'avis (2) que de réactions (1)"], id="too-many-sentiments"),
    pytest.param("concurrence-01.yml",
                 'finding: "concurrence-01"\ncount: 1\nemail: "jean@exemple.fr"\n',
                 ["data/feedback/concurrence-01.yml:3:1: clé « email » inconnue : clés possibles : finding, count, "
                  "sentiments, excerpts, refuses"], id="no-personal-data-key"),
    pytest.param("concurrence-01.yml",
                 'finding: "concurrence-01"\ncount: 1\nsentiments:\n  positif: 1\n',
                 ["data/feedback/concurrence-01.yml:4:3: clé obligatoire « neutre » manquante",
                  "data/feedback/concurrence-01.yml:4:3: clé obligatoire « negatif » manquante"],
                 id="all-sentiments-written"),
])
def test_hand_edited_feedback_files_are_checked(workdir, registered_feedback, name, text, expected):
    (workdir / "data" / "feedback").mkdir(parents=True)
    (workdir / "data" / "feedback" / name).write_text(text, encoding="utf-8")
    _, problems = load_all("data", 1_000_000)
    assert [str(p) for p in problems if "feedback" in p.path] == expected


# --- personal data never reaches data/ nor output/ -----------------------------------------

# Checked case-insensitively in data/; in output/, only the values no page of the tests' site could hold
# (the site may well say « Marie » or « Hélène » some day).
PERSONAL = ["Hélène Dupré", "Dupré", "helene.dupre@gmail.com", "jean.dupont+lvas@laposte.net", "06 12 34 56 78",
            "0612345678", "06.98.76.54.32", "+33 6 11 22 33 44", "+33 (0)4 92 24 98 98", "04-92-24-98-98",
            "Jean-Marie Lefèvre", "Lefèvre", "contact[at]gite-alpin.fr", "gite-alpin", "Secret non publié"]
PERSONAL_WORDS = ["Hélène", "HELENE", "Lefevre", "Marie", "Jean"]
PII_CSV = "constat,date,avis,message,email,nom,publication\n" + "".join([
    'destinations-rivales,2016-03-15,positif,"Bravo ! Hélène Dupré, 06 12 34 56 78, helene.dupre@gmail.com.\n'
    'HELENE (helene) aussi : 0612345678",helene.dupre@gmail.com,Hélène Dupré,oui\n',
    'destinations-rivales,2016-03-16,négatif,"Je suis Jean-Marie Lefèvre (lefevre), joignable au +33 6 11 22 33 44 '
    'ou jean.dupont+lvas@laposte.net ; Marie dit pareil.",,Jean-Marie Lefèvre,oui\n',
    'marque-partagee,2016-03-17,neutre,"Secret non publié : 06.98.76.54.32, Hélène Dupré",helene.dupre@gmail.com,'
    'Hélène Dupré,non\n',
    'marque-partagee,2016-03-18,,"Bureau +33 (0)4 92 24 98 98 / 04-92-24-98-98, contact[at]gite-alpin.fr",'
    'contact@gite-alpin.fr,,oui\n',
])


def test_personal_data_reaches_neither_data_nor_output(site):
    out_dir = site.base / "data" / "feedback"
    csv_path = site.base / "export.csv"
    csv_path.write_text(PII_CSV, encoding="utf-8")
    known = {"destinations-rivales", "marque-partagee", "offices-reunis"}
    imported, problems = run_import(str(csv_path), known, str(out_dir))
    assert problems == []
    accept_all_excerpts(out_dir)
    assert (imported.rows, len(imported.findings), imported.excerpts, imported.removed) == (4, 2, 3, 14)
    files = everything_under(site.base / "data" / "feedback")
    for value in PERSONAL + PERSONAL_WORDS:
        assert value.casefold() not in files.casefold(), value
    assert "Bravo ! [retiré], [retiré], [retiré].\\n[retiré] ([retiré]) aussi : [retiré]" in files
    result = site.build()
    assert [str(p) for p in result.problems] == []
    output = everything_under(site.output)
    for value in PERSONAL:
        assert value not in output, value
    # The published excerpts do reach the site, scrubbed: the check above is not vacuous.
    page = BeautifulSoup((site.output / "constats" / "reponses" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    quotes = [q.get_text(strip=True) for q in page.find("section", id="destinations-rivales").find_all("blockquote")]
    # The data file keeps the text as received; the page shows it in French typography.
    assert quotes == ["Bravo\u202f! [retiré], [retiré], [retiré].\n[retiré] ([retiré]) aussi\u00a0: [retiré]",
                      "Je suis [retiré] ([retiré]), joignable au [retiré] ou [retiré]\u202f; [retiré] dit pareil."]


def test_summary_in_french(workdir):
    (workdir / "reactions.csv").write_text(
        HEADER + row(message="Appelez le 0612345678") + row(publication="non") + row(constat="marque-partagee"),
        encoding="utf-8")
    imported, problems = run_import("reactions.csv", KNOWN, "data/feedback")
    assert problems == []
    assert imported.summary("data/feedback").splitlines() == [
        "Import réussi : 3 réactions sur 2 constats, écrites dans data/feedback/ (l'import précédent est remplacé).",
        "Extraits publiables conservés : 2 ; 1 réaction sans accord de publication, seulement comptée.",
        "Données personnelles retirées des extraits : 1 (adresses électroniques et postales, téléphones, noms) ; "
        "les colonnes email et nom ne sont jamais recopiées.",
        "Relecture : 0 déjà relu et publié, 0 refusé, 2 à relire avant publication.",
        "Relisez-les avec « python3 manage.py review-feedback » (extraits dans data/feedback/a-relire/extraits.yml, "
        "jamais publié).",
    ]


def test_a_form_sent_twice_by_the_same_person_counts_once(workdir):
    """The same text from the same e-mail or name on the same finding (a form sent twice) is set aside and
    counted in the report, as a message sent twice; the same words from unknown people are two reactions."""
    twice = row(message="Une marque,  pourquoi pas.", email="Marc.Petit@example.org", nom="Marc Petit")
    (workdir / "reactions.csv").write_text(
        HEADER + twice + row(date="2016-03-16", message="une marque, pourquoi pas.", email="marc.petit@example.org")
        + row(message="Bravo.", nom="Marc Petit") + row(message="Bravo.", nom="marc petit") + row(message="Oui.")
        + row(message="Oui.") + row(constat="marque-partagee", message="Bravo.", nom="Marc Petit"), encoding="utf-8")
    imported, problems = run_import("reactions.csv", KNOWN, "data/feedback")
    assert problems == []
    assert (imported.rows, imported.duplicate_rows) == (5, 2)
    assert ("2 lignes du tableau en double (même texte du même auteur sur le même constat), mises de côté."
            in imported.summary("data/feedback").splitlines())


def test_the_report_says_when_reviewed_excerpts_are_not_found_again(workdir):
    """A reviewed excerpt whose cleaned text changed (its message withdrawn or corrected, or names removed
    otherwise, after PRIVACY_KEPT_NAMES changed) is no longer published: the report says it, rather than
    letting the office find it back in the queue or missing from the site."""
    assert run(workdir, HEADER + row(message="Un avis.") + row(constat="marque-partagee", message="Bravo.")) == []
    (workdir / "reactions.csv").write_text(
        HEADER + row(message="Un avis, corrigé.") + row(constat="marque-partagee", message="Bravo."), encoding="utf-8")
    imported, problems = run_import("reactions.csv", KNOWN, "data/feedback")
    assert problems == []
    lines = imported.summary("data/feedback").splitlines()
    assert "Relecture : 1 déjà relu et publié, 0 refusé, 1 à relire avant publication." in lines
    assert ("1 extrait relu à un import précédent n'est plus retrouvé à l'identique : son message n'est plus "
            "dans l'export, ou son texte nettoyé a changé (par exemple après une modification de "
            "PRIVACY_KEPT_NAMES) ; s'il est encore dans l'export, il est de nouveau à relire, et n'est pas publié "
            "d'ici là.") in lines


# --- the command -------------------------------------------------------------------------------

@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path)


def invoke(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "invoke", "import-feedback", *args], cwd=project, env=env,
                          capture_output=True, encoding="utf-8", timeout=120)


def test_command_imports_with_the_site_findings(project):
    (project / "reactions.csv").write_text(
        HEADER + row(constat="marque-partagee", message="Oui, à 06 12 34 56 78") + row(constat="destination-rivales"),
        encoding="utf-8")
    run_ = invoke(project, "reactions.csv")
    assert run_.returncode == 1
    assert run_.stderr.splitlines() == [
        "reactions.csv:3: constat « destination-rivales » inconnu : vouliez-vous dire « destinations-rivales » ?",
        "",
        "Échec de l'import : 1 problème à corriger (data/feedback/ n'a pas été modifié).",
    ]
    assert not (project / "data" / "feedback").exists()
    (project / "reactions.csv").write_text(HEADER + row(constat="marque-partagee", message="Oui, à 06 12 34 56 78"),
                                           encoding="utf-8")
    run_ = invoke(project, "reactions.csv")
    assert (run_.returncode, run_.stderr) == (0, "")
    assert run_.stdout.splitlines()[0] == (
        "Import réussi : 1 réaction sur 1 constat, écrites dans data/feedback/ "
        "(l'import précédent est remplacé).")
    assert (project / "data" / "feedback" / "marque-partagee.yml").read_text(encoding="utf-8").endswith(
        'finding: "marque-partagee"\ncount: 1\n')
    assert (project / "data" / "feedback" / "a-relire" / "extraits.yml").read_text(encoding="utf-8").endswith(
        'texte: "Oui, à [retiré]"\n')


def test_the_import_drops_every_control_character_content_refuses():
    """One rule (core.problems.CONTROL_CHARACTERS): what content refuses never reaches data/ from an import."""
    from core.problems import CONTROL_CHARACTERS

    refused = [chr(code) for code in range(0x100) if CONTROL_CHARACTERS.match(chr(code))]
    assert len(refused) == 61  # C0 but tab, LF, VT and CR; DEL; C1
    for char in refused:
        expected = "a\nb" if char in "\x0c\x85" else "ab"  # form feed and NEL end a line
        assert feedback_import.clean_message(f"a{char}b") == expected, hex(ord(char))


def test_command_removes_the_names_of_persons_it_never_saw(project):
    """The task gives the import the names finder (plugins/privacy/names.py): a neighbour named in the
    text, who is neither the author nor in a column, never reaches data/."""
    (project / "reactions.csv").write_text(
        HEADER + row(constat="marque-partagee", message="Mon voisin Pierre Gaillard tient le gîte à Briançon.",
                     nom="Hélène Dupré"), encoding="utf-8")
    run_ = invoke(project, "reactions.csv")
    assert (run_.returncode, run_.stderr) == (0, "")
    assert (project / "data" / "feedback" / "a-relire" / "extraits.yml").read_text(encoding="utf-8").endswith(
        'texte: "Mon voisin [retiré] tient le gîte à Briançon."\n')


def test_a_message_without_sender_loses_the_names_it_holds(workdir):
    from plugins.privacy.names import find_names

    (workdir / "reaction.eml").write_text(
        "Subject: Réaction (marque-partagee)\nDate: Tue, 15 Mar 2016 10:00:00 +0100\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        "Mme Dupuis et Jean-Marc R. sont d'accord. Tél. 06 12 34 56 78.\n\n"
        "J’accepte qu’un extrait anonyme de mon message soit publié : oui\n", encoding="utf-8")
    imported, problems = run_import("reaction.eml", KNOWN, "data/feedback", names=find_names)
    assert problems == []
    entries, problems = review.read_queue("data/feedback")
    assert problems == []
    assert [entry.text for entry in entries] == ["Mme [retiré] et [retiré] sont d'accord. Tél. [retiré]."]


def test_without_the_names_model_nothing_is_imported(project, monkeypatch, capsys):
    """No network the first time: the model cannot be installed, the import stops in French before
    reading anything (an excerpt would keep a neighbour's name)."""
    import tasks
    from invoke.exceptions import Exit
    from plugins.privacy import names

    def unavailable():
        raise names.NamesUnavailable("installation de spaCy et de son modèle impossible (pas de réseau ?)")

    monkeypatch.setattr(names, "ensure_names_model", unavailable)
    with pytest.raises(Exit) as stopped:
        tasks._names_finder({})
    assert stopped.value.code == 1
    assert capsys.readouterr().err == "Échec : installation de spaCy et de son modèle impossible (pas de réseau ?)\n"
