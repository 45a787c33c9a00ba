"""Bad-input corpus (tests/bad_inputs/): every broken file a communicator could commit fails the
build (or the CSV import) with exact French `file:line:col` messages, no traceback, no English,
and nothing half-written.

Each case copies one or more files of tests/bad_inputs/ into a fresh `site` copy (or, for a CSV,
runs the import). `CASES` is the manifest: case id, the files (corpus file → place in the site
copy; « generated » files are made by the test), the exact expected problem lines. A case that
exposes a bug (accepted bad input, English message, internal error) is marked
xfail(strict=True) with the current behaviour; it asserts the behaviour we want.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from plugins.consultation.feedback_import import run_import

from conftest import OFFICE_SITE

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
DIAGNOSTIC = "content/articles/etat-des-lieux/mauvais.md"
NEWS = "content/articles/nouvelles/mauvais.md"
NOT_UTF8 = "le fichier n'est pas en UTF-8 ; enregistrez-le avec l'encodage « UTF-8 »"
CONTROL = "caractère de contrôle interdit"
WHERE = ("un article va dans content/articles/<rubrique>/, une page dans content/pages/, une image ou un document "
         "dans content/images/")
TEN_MB = 10 * 1024 * 1024


def REMOTE(url: str) -> str:  # noqa: N802 - reads as the message it builds
    return (f"ressource d'un autre site refusée : « {url} » : le navigateur de chaque visiteur la demanderait à ce "
            "site ; enregistrez le fichier dans content/images/ et liez-le avec {static}, par exemple "
            "![Texte]({static}/images/photo.jpg)")


def SCHEME(url: str) -> str:  # noqa: N802
    return (f"adresse refusée : « {url} » : seules les adresses https:, http:, mailto:, tel: ou un fichier du site "
            "sont permises")


def settings_line(name: str) -> str:
    """`pelicanconf.py:<line>` of the line that sets `name` in the site copy's pelicanconf.py (a copy of the
    fixture's, in the working directory of the build: named relative to it)."""
    lines = (OFFICE_SITE / "pelicanconf.py").read_text(encoding="utf-8").splitlines()
    [number] = [n for n, line in enumerate(lines, 1) if line.startswith(name + " = ")]
    return f"pelicanconf.py:{number}"


def ten_megabytes() -> bytes:
    """A valid phases.yml padded with comments to 10 MiB (generated, not committed)."""
    head = (CORPUS / "yaml-tab.yml").read_bytes().replace(b"\ttitle", b"  title")
    line = b"# " + b"x" * 98 + b"\n"
    body = head + line * ((TEN_MB - len(head)) // len(line))
    return body + b"#" * (TEN_MB - len(body) - 1) + b"\n"


def _nfc(path: str) -> str:
    return unicodedata.normalize("NFC", path)


def _nfd(path: str) -> str:
    return unicodedata.normalize("NFD", path)


def case(case_id, files, expected, xfail=None):
    """files: {corpus file name or bytes: place in the site copy}."""
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(files, expected, id=case_id, marks=marks)


BUILD_CASES = [
    # --- data/*.yml: encoding and YAML syntax
    case("yaml-invalid-utf8", {"yaml-invalid-utf8.yml": "data/phases.yml"},
         [f"data/phases.yml:5:14: caractère illisible (octet 0xE9) : {NOT_UTF8}"]),
    # Word's line break (Maj+Entrée) is a line break in Markdown, but YAML has no safe place for it.
    case("yaml-vertical-tab", {"yaml-vertical-tab.yml": "data/phases.yml"},
         [f"data/phases.yml:8:19: {CONTROL} (U+000B) (saut de ligne de Word) : remplacez-le par un vrai retour "
          "à la ligne"]),
    case("yaml-tab-indent", {"yaml-tab.yml": "data/phases.yml"},
         ["data/phases.yml:2:1: tabulation interdite : en YAML, indentez avec des espaces"]),
    case("yaml-duplicate-key", {"yaml-duplicate-key.yml": "data/phases.yml"},
         ["data/phases.yml:6:3: clé « start » en double (déjà présente ligne 3)"]),
    case("yaml-unquoted-colon", {"yaml-unquoted-colon.yml": "data/phases.yml"},
         ["data/phases.yml:2:15: deux-points inattendu : si la valeur contient « : », mettez-la entre guillemets"]),
    # --- YAML type surprises
    case("yaml-no-in-date", {"yaml-no-date.yml": "data/phases.yml"},
         ["data/phases.yml:3:10: date « NO » invalide : écrivez-la au format AAAA-MM-JJ ou AAAA-MM "
          "(ex. 2016-03-01 ou 2016-06)"]),
    case("yaml-month-13", {"yaml-month-13.yml": "data/phases.yml"},
         ["data/phases.yml:3:10: date « 2016-13-01 » impossible : le mois 13 n'existe pas"]),
    case("yaml-1.10-in-integer", {"yaml-float-integer.yml": "data/feedback/marque-partagee.yml"},
         ["data/feedback/marque-partagee.yml:2:8: « 1.10 » n'est pas un nombre entier"]),
    # --- resource exhaustion
    case("yaml-alias-bomb", {"yaml-alias-bomb.yml": "data/themes.yml"},
         ["data/themes.yml:1:6: ancre YAML « &a » refusée : les ancres (&) et alias (*) ne sont pas "
          "acceptés, recopiez la valeur"]),
    case("yaml-nesting-5000", {"yaml-deep-nesting.yml": "data/themes.yml"},
         ["data/themes.yml:1:33: imbrication trop profonde (plus de 32 niveaux) : simplifiez la structure"]),
    case("yaml-10-mb", {"generated": "data/phases.yml"},
         ["data/phases.yml: fichier trop volumineux (10\u202f485\u202f760 octets ; maximum 1\u202f000\u202f000 octets)"]),
    # --- references between files
    case("projects-unknown-axis", {"projects-unknown-axis.yml": "data/projects.yml"},
         ["data/projects.yml:6:9: axe « unir » inconnu : axes déclarés dans content/axes/ : "
          "ambition-partagee, mobiliser, se-renouveler, unir-les-forces"]),
    case("outcomes-unknown-finding", {"outcomes-unknown-finding.yml": "data/outcomes.yml"},
         ["data/outcomes.yml:1: constat « marque-partage » inconnu : aucun constat n'a cet identifiant"]),
    case("phases-without-findings-phase", {"phases-findings-phase-missing.yml": "data/phases.yml"},
         [f"{settings_line('FINDINGS_PHASE')}: réglage FINDINGS_PHASE : phase « etat-des-lieux » absente de data/phases.yml "
          "(phases : cadrage, etats-des-lieux, orientations, identite)"]),
    case("constat-unknown-theme", {"md-unknown-theme.md": DIAGNOSTIC},
         [f"{DIAGNOSTIC}:6: thème « tourisme » inconnu : thèmes déclarés dans data/themes.yml : "
          "conjoncture, gouvernance, reseau"]),
    # Beyond the capacity of a QR code: was an internal error (« Input too long for ECC level M »).
    case("constat-id-too-long", {"md-constat-id-too-long.md": DIAGNOSTIC},
         [f"{DIAGNOSTIC}:5: identifiant « constat-constat-cons… » trop long (3201 caractères ; 80 au plus) : il "
          "figure dans l'adresse du constat, son code QR et le nom de son fichier de réactions"]),
    case("constat-duplicate-id-across-files", {"md-duplicate-constat-id.md": DIAGNOSTIC},
         [f"{DIAGNOSTIC}:4: identifiant de constat « marque-partagee » déjà utilisé par le constat « Il faut une "
          "marque de destination cohérente » (content/articles/etat-des-lieux/un-seul-nom.md:15) : "
          "chaque constat a son propre identifiant"]),
    # --- Markdown articles
    case("md-invalid-utf8", {"md-invalid-utf8.md": DIAGNOSTIC},
         [f"{DIAGNOSTIC}:1:11: caractère illisible (octet 0xE9) : {NOT_UTF8}"]),
    case("md-control-char", {"md-control-char.md": NEWS}, [f"{NEWS}:4:9: {CONTROL} (U+0007) : supprimez-le"]),
    case("md-c1-char", {"md-c1-char.md": NEWS}, [f"{NEWS}:4:2: {CONTROL} (U+0092) : supprimez-le"]),
    # Links and files that would publish what is outside content/, or nothing at all.
    case("md-static-outside-content", {"md-static-outside.md": NEWS},
         [f"{NEWS}:4:17: lien interne cassé : « {{static}}../../../docs/guide.md » sort du dossier content/ "
          "(chemin cherché : ../docs/guide.md) : seuls les fichiers de content/ sont publiés ; copiez le fichier "
          "dans content/images/"]),
    case("md-attach", {"md-attach.md": NEWS},
         [f"{NEWS}:4:16: lien « {{attach}}/images/programme.pdf » : {{attach}} n'est pas pris en charge : écrivez "
          "« {static}/images/programme.pdf » (le fichier garde son adresse, à côté des autres images et documents "
          "de content/images/)"]),
    # In the Summary: line (Pelican resolves its links too), the same link twice each at its line,
    # never at what a code span or block shows of it (Pelican leaves code as written).
    case("md-attach-summary-and-code", {"md-attach-summary-and-code.md": NEWS},
         [f"{NEWS}:{line}:{col}: lien « {{attach}}/images/{name} » : {{attach}} n'est pas pris en charge : "
          f"écrivez « {{static}}/images/{name} » (le fichier garde son adresse, à côté des autres images et "
          "documents de content/images/)"
          for line, col, name in [(3, 25, "icone.png"), (13, 16, "icone.png"), (13, 58, "logo.svg"),
                                  (15, 23, "icone.png")]]
         + [f"{NEWS}:3:65: lien interne cassé : « {{filename}}/pages/absente.md » ne correspond à aucun fichier "
            "de content/ (chemin cherché : pages/absente.md)"]),
    case("post-at-the-root-of-content", {"md-unread.md": "content/fete.md"},
         [f"content/fete.md: fichier hors des dossiers lus, il ne serait pas publié : {WHERE}"]),
    case("post-in-an-unknown-folder", {"md-unread.md": "content/brouillons/fete.md"},
         [f"content/brouillons/fete.md: fichier hors des dossiers lus, il ne serait pas publié : {WHERE}"]),
    case("md-txt-extension", {"md-unread.md": "content/pages/fête.md.txt"},
         ["content/pages/fête.md.txt: extension « .txt » inconnue, le fichier ne serait pas lu : renommez le "
          "fichier « fête.md »"]),
    case("md-uppercase-extension", {"md-unread.md": "content/pages/fête.MD"},
         ["content/pages/fête.MD: extension « .MD » inconnue, le fichier ne serait pas lu : écrivez-la en "
          "minuscules : renommez le fichier « fête.md »"]),
    case("md-hidden-name", {"md-unread.md": "content/articles/nouvelles/..md"},
         ["content/articles/nouvelles/..md: fichier caché (nom commençant par un point) : il n'est jamais lu ni "
          "publié ; renommez-le, par exemple « mon-texte.md »"]),
    case("docx-in-pages", {"md-unread.md": "content/pages/compte-rendu.docx"},
         ["content/pages/compte-rendu.docx: extension « .docx » inconnue, le fichier ne serait pas lu : un texte "
          f"s'enregistre en « .md » ; {WHERE}"]),
    case("md-date-no", {"md-date-no.md": NEWS},
         [f"{NEWS}:2:7: date « NO » invalide : écrivez-la au format AAAA-MM-JJ (ex. 2016-03-15) ou AAAA-MM-JJ HH:MM"]),
    case("constat-unclosed", {"md-unclosed-constat.md": DIAGNOSTIC},
         [f"{DIAGNOSTIC}:4: constat ouvert ligne 4 mais jamais fermé : ajoutez une ligne « /// » après son texte"]),
    # Was « identifiant du constat manquant »: Python-Markdown reads tabs, the options' YAML does not.
    case("constat-tab-indented-options", {"md-constat-tab-options.md": DIAGNOSTIC},
         [f"{DIAGNOSTIC}:5:1: options du constat indentées par une tabulation : indentez-les avec quatre espaces "
          "(ex. « ····id: mon-constat-01 », un · par espace)"]),
    case("constat-inside-constat", {"md-nested-constat.md": DIAGNOSTIC},
         [f"{DIAGNOSTIC}:10: constat placé dans un autre constat (ouvert ligne 4) : fermez le premier par « /// » "
          "avant d'ouvrir le suivant"]),
    case("md-zero-bytes", {"md-zero-bytes.md": NEWS},
         [f"{NEWS}:1:1: métadonnée « Title: » manquante en tête du fichier"]),
    case("md-metadata-only", {"md-metadata-only.md": NEWS},
         [f"{NEWS}:3: article vide : écrivez son texte après la ligne vide qui suit les métadonnées"]),
    case("md-future-date", {"md-future-date.md": NEWS},
         [f"{NEWS}:2:7: date « 2030-01-01 » dans le futur : l'article serait publié en avance ; "
          "corrigez la date ou attendez ce jour pour l'ajouter"]),
    case("md-slug-traversal", {"md-slug-traversal.md": NEWS},
         [f"{NEWS}:3: « Slug: ../../etc » ferait écrire la page hors du dossier du site : "
          "un slug ne contient ni « / » ni « .. »"]),
    case("md-save-as-traversal", {"md-save-as-traversal.md": NEWS},
         [f"{NEWS}:3: « Save_as: ../x.html » ferait écrire la page hors du dossier du site"]),
    case("md-nfc-nfd-names", {"md-nfc-name.md": _nfc("content/articles/nouvelles/été.md"),
                              "md-nfd-name.md": _nfd("content/articles/nouvelles/été.md")},
         # The NFD name (as macOS writes it) is refused; the NFC twin then builds alone.
         [_nfd("content/articles/nouvelles/été.md") + ": nom de fichier aux accents décomposés (Unicode NFD, "
          "fréquent sur Mac) : renommez le fichier en retapant ses lettres accentuées, ou sans accents"]),
    # --- HTML from Markdown: refused URL schemes and third-party resources (plugins/strict_content/sanitizer.py)
    case("md-remote-image", {"md-remote-image.md": NEWS}, [f"{NEWS}:6:15: {REMOTE('https://ailleurs.example/pixel.png')}"]),
    case("md-remote-css", {"md-remote-css.md": NEWS},
         [f"{NEWS}:5:26: {REMOTE('https://ailleurs.example/fond.png')}"]),
    case("md-script-link", {"md-script-link.md": NEWS},
         [f"{NEWS}:3:20: {SCHEME('javascript:alert(1)')}", f"{NEWS}:5:16: {SCHEME('data:,')}"]),
]

ENGLISH = re.compile(r"\b(the|would|Skipping|There are|Failed|Error|Cannot|could not|with slug|written)\b")


def check_messages(messages: list[str], expected: list[str] | None) -> None:
    text = "\n".join(messages)
    assert messages, "no problem reported"
    assert "Traceback" not in text
    assert "erreur interne" not in text, text
    for message in messages:
        assert not ENGLISH.search(message), f"English message: {message}"
    if expected is not None:
        assert messages == expected


@pytest.mark.parametrize("files, expected", BUILD_CASES)
def test_bad_input_fails_the_build_in_french(site, files, expected):
    for source, place in files.items():
        site.write(place, ten_megabytes() if source == "generated" else (CORPUS / source).read_bytes())
    result = site.build()
    assert not result.ok
    check_messages([str(problem) for problem in result.problems], expected)
    assert not site.output.exists()
    assert [p.name for p in site.base.iterdir() if p.name.startswith(".output")] == []


# Careless but harmless input: read as meant, the same in build, check and publish (core/problems.py
# decode_utf8). (case id, files, a text the built site must contain, or None.)
ACCEPTED_CASES = [
    case("md-bom", {"md-bom.md": NEWS}, "Un texte enregistré avec BOM."),
    case("md-cr-only", {"md-cr-only.md": NEWS}, "Un texte écrit sur un vieux Mac."),
    case("md-crlf", {"md-crlf.md": NEWS}, "Un texte écrit sous Windows."),
    case("md-vertical-tab", {"md-vertical-tab.md": NEWS}, "Première ligne\nseconde ligne."),
    # In a finding's title (or a heading) a line break would cut it in two: a space there.
    case("md-vertical-tab-finding", {"md-vertical-tab-finding.md": DIAGNOSTIC}, "Une marque pour la vallée</h2>"),
    case("md-vertical-tab-heading", {"md-vertical-tab-finding.md": DIAGNOSTIC}, ">Partie une</h2>"),
    case("yaml-bom", {"yaml-bom.yml": "data/phases.yml"}, "Accompagnement par les cabinets"),
    case("yaml-cr-only", {"yaml-cr-only.yml": "data/phases.yml"}, "Accompagnement par les cabinets"),
]


@pytest.mark.parametrize("files, expected", ACCEPTED_CASES)
def test_careless_but_harmless_input_builds(site, files, expected):
    for source, place in files.items():
        site.write(place, (CORPUS / source).read_bytes())
    result = site.build()
    assert result.ok, [str(problem) for problem in result.problems]
    pages = [path.read_text(encoding="utf-8") for path in site.output.rglob("*.html")]
    assert any(expected in page for page in pages)
    assert not any(char in page for page in pages for char in "\ufeff\r\x0b")


KNOWN = {"marque-partagee", "offices-reunis", "concurrence-01"}
PREVIOUS = "finding: marque-partagee\ncount: 2\n"

IMPORT_CASES = [
    case("csv-latin1", {"csv-latin1.csv": "reactions.csv"},
         ["reactions.csv:2:30: caractère illisible (octet 0xE8) : le fichier n'est pas en UTF-8 ; dans le tableur, "
          "enregistrez-le au format « CSV UTF-8 »"]),
    case("csv-utf16", {"csv-utf16.csv": "reactions.csv"},
         ["reactions.csv:1:1: le fichier est en UTF-16 (« texte Unicode ») : dans le tableur, enregistrez-le au "
          "format « CSV UTF-8 »"]),
    case("csv-unknown-finding", {"csv-unknown-finding.csv": "reactions.csv"},
         ["reactions.csv:2: constat « marque-partage » inconnu : vouliez-vous dire « marque-partagee » ?"]),
]


@pytest.mark.parametrize("files, expected", IMPORT_CASES)
def test_bad_csv_import_fails_in_french_and_keeps_the_previous_import(site, files, expected):
    site.write("data/feedback/marque-partagee.yml", PREVIOUS)
    folder = site.base / "data" / "feedback"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    for source, place in files.items():
        site.write(place, (CORPUS / source).read_bytes())
    _, problems = run_import("reactions.csv", KNOWN, str(folder))
    check_messages([str(problem) for problem in problems], expected)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in (site.base / "data").iterdir()) == ["feedback", "phases.yml", "projects.yml",
                                                                       "themes.yml"]


def test_every_corpus_file_is_used():
    used = {source for param in BUILD_CASES + IMPORT_CASES + ACCEPTED_CASES
            for source in param.values[0]} - {"generated"}
    assert used == {p.name for p in CORPUS.iterdir()}
    assert len(BUILD_CASES) + len(IMPORT_CASES) >= 25
