"""Files about people are never published, on the site or in the repository (issue 21, item 5).

Spreadsheets, mailboxes and messages, address books and archives anywhere under content/ stop the
build unless PUBLIC_FILES lists them (plugins/privacy/people_files.py); anywhere else in the
repository, `check` and `publish` refuse those git holds or would take (publishing/repository_files.py);
.gitignore keeps them out wherever they are saved, the tests' own fixtures excepted.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from plugins.privacy.people_files import (
    ARCHIVE,
    CONTACTS,
    EXTENSIONS,
    MAILBOX,
    MESSAGE,
    SPREADSHEET,
    PeopleFile,
    people_file,
)
from publishing.check import check_site, format_report
from publishing.repository_files import people_files_in_repository

from conftest import ROOT, copy_project
from test_publish_gate import Repos

CSV = "nom;email;telephone\nPaul Martin;paul.martin@example.org;06 12 34 56 78\n"
MBOX = "From paul.martin@example.org Mon Jun 15 10:00:00 2026\nFrom: Paul <paul.martin@example.org>\n\nBonjour\n"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONTENT = ("un tel fichier contient le plus souvent les données personnelles des habitants (noms, adresses, "
           "téléphones), et tout ce qui est dans content/ est public, dans le dépôt comme sur le site ; déplacez-le "
           "hors du dossier du projet (gardez les exports dans un dossier à vous, hors du projet), ou, si c'est "
           "vraiment un document public, ajoutez « {relative} » au réglage PUBLIC_FILES de pelicanconf.py")
REPOSITORY = ("un tel fichier contient le plus souvent les données personnelles des habitants (noms, adresses, "
              "téléphones), et le dépôt est public (GitHub)")
HELD = (" ; retirez-le de git sans l'effacer de votre ordinateur (git rm --cached \"{name}\"), déplacez-le hors du "
        "dossier du projet, puis enregistrez (git commit) ; s'il a déjà été envoyé (git push), prévenez le "
        "mainteneur : il reste dans l'historique du dépôt")
WOULD_TAKE = (" ; git l'enregistrerait au prochain « git add » : déplacez-le hors du dossier du projet (gardez les "
              "exports dans un dossier à vous, hors du projet)")


def zip_bytes(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


XLSX = zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>",
                  "xl/worksheets/sheet1.xml": "<worksheet/>"})
DOCX = zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<document/>"})
ODS = zip_bytes({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<c/>"})
ODT = zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<c/>"})
EPUB = zip_bytes({"mimetype": "application/epub+zip", "OEBPS/chapitre.xhtml": "<html/>"})
KMZ = zip_bytes({"doc.kml": "<kml/>"})
ZIP = zip_bytes({"reponses.csv": CSV})


def ole(*streams: str) -> bytes:
    """An old Office file: its signature, and its directory naming its streams in UTF-16."""
    return OLE + bytes(504) + b"".join(stream.encode("utf-16-le").ljust(64, b"\x00") for stream in streams)


# --- what a file about people is ----------------------------------------------------------------------

@pytest.mark.parametrize("name, data, expected", [
    pytest.param("reponses.csv", CSV, PeopleFile(SPREADSHEET, "csv"), id="csv"),
    pytest.param("REPONSES.CSV", CSV, PeopleFile(SPREADSHEET, "csv"), id="upper-case"),
    pytest.param("reponses.tsv", CSV, PeopleFile(SPREADSHEET, "tsv"), id="tsv"),
    pytest.param("inscrits.xlsx", XLSX, PeopleFile(SPREADSHEET, "xlsx"), id="xlsx"),
    pytest.param("inscrits.xlsm", XLSX, PeopleFile(SPREADSHEET, "xlsm"), id="xlsm"),
    pytest.param("inscrits.numbers", ZIP, PeopleFile(SPREADSHEET, "numbers"), id="numbers"),
    pytest.param("Consultation.mbox", MBOX, PeopleFile(MAILBOX, "mbox"), id="mbox"),
    pytest.param("boite.pst", b"!BDN", PeopleFile(MAILBOX, "pst"), id="pst"),
    pytest.param("message.eml", "From: a@example.org\n\nx\n", PeopleFile(MESSAGE, "eml"), id="eml"),
    pytest.param("message.msg", ole("__substg1.0_0037001F"), PeopleFile(MESSAGE, "msg"), id="msg"),
    pytest.param("contacts.vcf", "BEGIN:VCARD\nFN:Paul Martin\nEND:VCARD\n", PeopleFile(CONTACTS, "vcf"), id="vcf"),
    pytest.param("export.zip", ZIP, PeopleFile(ARCHIVE, "zip"), id="zip"),
    pytest.param("export.tar.gz", b"\x1f\x8b\x08", PeopleFile(ARCHIVE, "gz"), id="tar-gz"),
    pytest.param("export.7z", b"7z\xbc\xaf\x27\x1c", PeopleFile(ARCHIVE, "7z"), id="7z"),
    pytest.param("vide.csv", "", PeopleFile(SPREADSHEET, "csv"), id="empty-csv"),
    # an extension before the last one, in a file that shows no other format
    pytest.param("reponses.csv.txt", CSV, PeopleFile(SPREADSHEET, "csv"), id="csv-renamed-txt"),
    pytest.param("Consultation.mbox.bak", "rien\n", PeopleFile(MAILBOX, "mbox"), id="mbox-renamed-bak"),
    # the content, whatever the name
    pytest.param("export.dat", ZIP, PeopleFile(ARCHIVE, format="ZIP"), id="zip-renamed-dat"),
    pytest.param("export.txt", ZIP, PeopleFile(ARCHIVE, format="ZIP"), id="zip-renamed-txt"),
    pytest.param("inscrits.pdf", XLSX, PeopleFile(SPREADSHEET, format="Excel"), id="xlsx-renamed-pdf"),
    pytest.param("inscrits.odt", ODS, PeopleFile(SPREADSHEET, format="OpenDocument"), id="ods-renamed-odt"),
    pytest.param("inscrits.doc", ole("Root Entry", "Workbook"), PeopleFile(SPREADSHEET, format="Excel"),
                 id="xls-renamed-doc"),
    pytest.param("message.txt", ole("Root Entry", "__substg1.0_1000001F"), PeopleFile(MESSAGE, format="Outlook"),
                 id="msg-renamed-txt"),
    pytest.param("boite", MBOX, PeopleFile(MAILBOX, format="mbox"), id="mbox-without-extension"),
    pytest.param("contacts.txt", "\ufeffBEGIN:VCARD\nFN:Paul\nEND:VCARD\n", PeopleFile(CONTACTS, format="vCard"),
                 id="vcard-renamed-txt"),
    pytest.param("archive.bin", b"Rar!\x1a\x07\x00", PeopleFile(ARCHIVE, format="RAR"), id="rar-renamed"),
    pytest.param("archive.bin", b"BZh91AY&SY", PeopleFile(ARCHIVE, format="bzip2"), id="bzip2-renamed"),
    pytest.param("archive.bin", b"\xfd7zXZ\x00", PeopleFile(ARCHIVE, format="xz"), id="xz-renamed"),
    pytest.param("archive.bin", bytes(257) + b"ustar\x0000", PeopleFile(ARCHIVE, format="tar"), id="tar-renamed"),
    pytest.param("dessin.jpg", b"\x1f\x8b\x08", PeopleFile(ARCHIVE, format="gzip"), id="gzip-renamed-jpg"),
])
def test_files_about_people_are_recognised(tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    assert people_file(str(path)) == expected


@pytest.mark.parametrize("name, data", [
    pytest.param("rapport.docx", DOCX, id="docx"),
    pytest.param("rapport.odt", ODT, id="odt"),
    pytest.param("livret.epub", EPUB, id="epub"),
    pytest.param("itineraire.kmz", KMZ, id="kmz"),
    pytest.param("rapport.doc", ole("Root Entry", "WordDocument"), id="doc"),
    pytest.param("Budget.xlsx.pdf", b"%PDF-1.7\n", id="spreadsheet-printed-to-pdf"),
    pytest.param("plan.svgz", b"\x1f\x8b\x08", id="svgz-left-to-strict-content"),
    pytest.param("photo.jpg", b"\xff\xd8\xff\xe0", id="jpeg"),
    pytest.param("horaires.txt", "Horaires : de 9 h à 18 h\n", id="text"),
    pytest.param("notes.md", "Title: Notes\nDate: 2026-06-15\n\nTexte.\n", id="markdown"),
    pytest.param("v1.2.pdf", b"%PDF-1.7\n", id="dotted-name"),
])
def test_documents_a_site_offers_are_not(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    assert people_file(str(path)) is None


# --- under content/: the build stops -----------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("relative, data, described", [
    pytest.param("images/reponses.csv", CSV, "un tableau (extension « .csv »)", id="csv-next-to-the-photos"),
    pytest.param("images/inscrits.xlsx", XLSX, "un tableau (extension « .xlsx »)", id="xlsx"),
    pytest.param("images/Consultation.mbox", MBOX, "une boîte de messages (extension « .mbox »)", id="mbox"),
    pytest.param("images/export.zip", ZIP, "une archive (extension « .zip »)", id="zip"),
    pytest.param("images/REPONSES.CSV", CSV, "un tableau (extension « .csv »)", id="upper-case"),
    pytest.param("images/reponses.csv.txt", CSV, "un tableau (extension « .csv »)", id="csv-renamed-txt"),
    pytest.param("images/export.txt", ZIP, "une archive (format ZIP reconnu à son contenu)", id="zip-renamed-txt"),
    pytest.param("pages/reponses.csv", CSV, "un tableau (extension « .csv »)", id="outside-the-static-folders"),
    pytest.param("articles/nouvelles/.reponses.csv", CSV, "un tableau (extension « .csv »)", id="hidden"),
])
def test_a_file_about_people_in_content_stops_the_build(site, relative, data, described):
    site.write("output/index.html", "le site publié")
    before = snapshot(site.output)
    site.write(f"content/{relative}", data)
    result = site.build()
    assert [str(problem) for problem in result.problems] == [
        f"content/{relative}: fichier refusé, {described} : {CONTENT.format(relative=relative)}"]
    assert snapshot(site.output) == before


def test_every_file_about_people_is_named(site):
    site.write("content/images/reponses.csv", CSV)
    site.write("content/images/archives/boite.mbx", MBOX)
    site.write("content/pages/photo.jpg", ZIP)
    assert [str(problem).split(" : ", 1)[0] for problem in site.build().problems] == [
        "content/images/reponses.csv: fichier refusé, un tableau (extension « .csv »)",
        "content/images/archives/boite.mbx: fichier refusé, une boîte de messages (extension « .mbx »)",
        "content/pages/photo.jpg: fichier refusé, une archive (format ZIP reconnu à son contenu)",
    ]


def test_a_file_listed_as_public_is_published(site):
    budget = "poste;montant\nsentiers;1200\n"
    site.write("content/images/budget-2026.csv", budget)
    site.write("content/images/plans.zip", ZIP)
    with open(site.settings, "a", encoding="utf-8") as settings:
        settings.write('\nPUBLIC_FILES = ["images/budget-2026.csv", "images/plans.zip"]\n')
    content = snapshot(site.base / "content")
    result = site.build()
    assert result.problems == []
    assert (site.output / "images/budget-2026.csv").read_text(encoding="utf-8") == budget
    assert (site.output / "images/plans.zip").read_bytes() == ZIP
    # Open data is written into output/ only: nothing of the build lands in content/.
    assert snapshot(site.base / "content") == content
    assert (site.output / "donnees/constats.csv").is_file()


@pytest.mark.parametrize("value, reason", [
    pytest.param('["images/absente.csv"]', (
        "« images/absente.csv » : ce fichier n'existe pas dans content/ ; écrivez son chemin depuis content/ "
        "(« images/budget.csv » pour content/images/budget.csv) ; s'il existe sur votre ordinateur mais pas dans la "
        "publication, ajoutez la ligne « !/content/images/absente.csv » au fichier .gitignore pour que git "
        "l'enregistre"), id="missing"),
    pytest.param('["content/images/reponses.csv"]', (
        "« content/images/reponses.csv » : le chemin s'écrit depuis content/, sans « content/ » au début : écrivez "
        "« images/reponses.csv »"), id="written-from-the-project"),
    pytest.param('["../reponses.csv"]', (
        "« ../reponses.csv » invalide : un chemin depuis content/, sans « / » au début ni « .. » "
        "(« images/budget.csv »)"), id="outside-content"),
    pytest.param('["./images//reponses.csv"]', "« ./images//reponses.csv » : écrivez « images/reponses.csv »",
                 id="not-normalised"),
    pytest.param('[3]', "« 3 » : un chemin entre guillemets est attendu, depuis content/ (« images/budget.csv »)",
                 id="not-a-path"),
    pytest.param('"images/reponses.csv"', "« 'images/reponses.csv' » invalide : une liste [ … ] est attendu",
                 id="not-a-list"),
])
def test_a_wrong_public_file_is_refused_at_its_settings_line(site, value, reason):
    site.write("content/images/reponses.csv", CSV)
    line = len(site.settings.read_text(encoding="utf-8").split("\n")) + 1
    with open(site.settings, "a", encoding="utf-8") as settings:
        settings.write(f"\nPUBLIC_FILES = {value}\n")
    assert [str(problem) for problem in site.build().problems] == [
        f"pelicanconf.py:{line}: réglage PUBLIC_FILES : {reason}"]


# --- elsewhere in the repository: check and publish refuse ---------------------------------------------

def git(cwd, *args) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, encoding="utf-8").stdout.strip()


def repository(base: Path) -> Path:
    """A project as an office has it, in its own git repository, everything committed."""
    copy_project(base)
    git(base, "init", "--quiet", "--initial-branch=main")
    git(base, "config", "user.name", "Communicante de test")
    git(base, "config", "user.email", "communication@example.org")
    git(base, "config", "commit.gpgsign", "false")
    git(base, "add", "--all")
    git(base, "commit", "--quiet", "-m", "Premier enregistrement")
    return base


def test_check_refuses_an_export_git_holds_or_would_take(tmp_path, monkeypatch):
    base = repository(tmp_path / "projet")
    monkeypatch.chdir(base)
    (base / "docs").mkdir()
    (base / "docs/x.eml").write_text("From: Paul <paul.martin@example.org>\nSubject: avis\n\nBonjour\n")
    git(base, "add", "--force", "docs/x.eml")  # ignored by .gitignore: added anyway, as with an older one
    git(base, "commit", "--quiet", "-m", "Message")
    (base / "exports").mkdir()
    (base / "exports/formulaire.dat").write_bytes(ZIP)  # not ignored by its name: recognised by its content
    result = check_site(str(base / "pelicanconf.py"))
    assert result.links is None and result.build_problems == []
    text, ok = format_report(result)
    assert not ok
    assert text.split("\n") == [
        "docs/x.eml: fichier refusé dans le dépôt, un message électronique (extension « .eml ») : "
        + REPOSITORY + HELD.format(name="docs/x.eml"),
        "exports/formulaire.dat: fichier refusé dans le dépôt, une archive (format ZIP reconnu à son contenu) : "
        + REPOSITORY + WOULD_TAKE,
        "",
        "Échec de la vérification : 2 fichiers de données personnelles à retirer du dépôt (le site sera construit "
        "et vérifié une fois ceux-ci retirés).",
    ]


def test_what_the_repository_check_leaves_alone(tmp_path):
    base = repository(tmp_path / "projet")
    for relative in ("tests/sites/office/data/fixture.csv", "tests/bad_inputs/boite.mbox", "content/images/budget.csv"):
        (base / relative).parent.mkdir(parents=True, exist_ok=True)
        (base / relative).write_text(CSV)
        git(base, "add", "--force", relative)
    (base / "reponses.csv").write_text(CSV)  # ignored: git would not take it
    git(base, "commit", "--quiet", "-m", "Fixtures")
    # tests/ holds the suite's own fixtures; content/ is the build's (with PUBLIC_FILES).
    assert people_files_in_repository(str(base), str(base / "content")) == []
    assert [Path(problem.path).relative_to(base).as_posix()
            for problem in people_files_in_repository(str(base))] == ["content/images/budget.csv"]
    # Outside a git repository (a copy of a project), nothing is said.
    copy = copy_project(tmp_path / "copie")
    (copy / "reponses.csv").write_text(CSV)
    assert people_files_in_repository(str(copy), str(copy / "content")) == []


def test_an_export_saved_in_tests_that_git_would_take_is_refused(tmp_path):
    """The suite's fixtures are the files git holds under tests/; an export saved there by mistake, which
    .gitignore lets git take (« !/tests/** »), is refused as anywhere else."""
    base = repository(tmp_path / "projet")
    (base / "tests").mkdir(exist_ok=True)
    (base / "tests/Consultation.mbox").write_text("From - Tue Mar 15 10:12:00 2016\nFrom: Paul <p@example.org>\n\nx\n")
    assert [Path(problem.path).relative_to(base).as_posix()
            for problem in people_files_in_repository(str(base), str(base / "content"))] == ["tests/Consultation.mbox"]


def test_publish_refuses_an_export_git_holds_and_leaves_gh_pages_alone(tmp_path, monkeypatch):
    repos = Repos(tmp_path)
    monkeypatch.chdir(repos.work)
    repos.write("docs/reponses.XLSX", "")
    git(repos.work, "add", "--force", "docs/reponses.XLSX")
    repos.commit("Export")
    code, out, err = repos.publish(push=True)
    assert code == 1
    assert out == ""
    assert err.split("\n") == [
        "docs/reponses.XLSX: fichier refusé dans le dépôt, un tableau (extension « .xlsx ») : "
        + REPOSITORY + HELD.format(name="docs/reponses.XLSX"),
        "",
        "Publication refusée : 1 fichier de données personnelles à retirer du dépôt.",
        "La branche gh-pages et le site en ligne n'ont pas été modifiés.",
        "",
    ]
    assert repos.remote_pages() is None


def test_publish_refuses_an_export_git_would_take_before_asking_to_commit_it(tmp_path, monkeypatch):
    repos = Repos(tmp_path)
    monkeypatch.chdir(repos.work)
    (repos.work / "Consultation").write_text(MBOX, encoding="utf-8")
    code, out, err = repos.publish()
    assert code == 1
    assert err.split("\n")[0] == ("Consultation: fichier refusé dans le dépôt, une boîte de messages (format mbox "
                                  "reconnu à son contenu) : " + REPOSITORY + WOULD_TAKE)


# --- .gitignore -------------------------------------------------------------------------------------

@pytest.mark.parametrize("relative, ignored", [
    ("content/images/reponses.csv", True),
    ("content/images/REPONSES.CSV", True),
    ("docs/x.eml", True),
    ("reponses.csv", True),
    ("exports/2026/Consultation.mbox", True),
    ("data/feedback/inscrits.xlsx", True),
    ("content/images/photos.zip", True),
    ("sauvegarde.tar.gz", True),
    ("contacts.vcf", True),
    ("content/images/plan.pdf", False),
    ("tests/sites/office/data/fixture.csv", False),
    ("tests/bad_inputs/boite.mbox", False),
    ("tests/__pycache__/conftest.cpython-311.pyc", True),
])
def test_gitignore_keeps_exports_out_wherever_they_are_saved(tmp_path, relative, ignored):
    shutil.copy(ROOT / ".gitignore", tmp_path / ".gitignore")
    git(tmp_path, "init", "--quiet")
    done = subprocess.run(["git", "check-ignore", "--no-index", "--quiet", relative], cwd=tmp_path, check=False)
    assert done.returncode == (0 if ignored else 1)


def test_gitignore_knows_every_extension_the_detector_knows(tmp_path):
    shutil.copy(ROOT / ".gitignore", tmp_path / ".gitignore")
    git(tmp_path, "init", "--quiet")
    paths = sorted(f"{folder}/export.{case(extension)}" for extension in EXTENSIONS for case in (str.lower, str.upper)
                   for folder in ("content/images", "docs"))
    done = subprocess.run(["git", "check-ignore", "--no-index", "--stdin"], cwd=tmp_path, input="\n".join(paths),
                          capture_output=True, encoding="utf-8", check=False)
    assert sorted(done.stdout.split()) == paths
