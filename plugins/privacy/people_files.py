"""Files about people (spreadsheets, mailboxes and messages, address books, archives) are never
published: not on the site, not in the repository, which is public for GitHub Pages.

The form's export saved by mistake next to the photos (`content/images/reponses.csv`) would be
copied to the site as it is, with every resident's name, e-mail and phone, and sit in the public
repository even where Pelican does not publish it. So:

- `people_file(path)` says whether a file is one of them: by its extension, case-insensitive
  (`.csv`, `.XLSX`, `.mbox`, `.zip`…), by an extension before the last one when the file does not
  show another format (`reponses.csv.txt`), and by its content for the obvious cases, whatever its
  name: a ZIP archive (an Excel or OpenDocument spreadsheet is a ZIP: its entries say which), an
  Excel or Outlook file of the old binary format (OLE), an mbox mailbox (a « From » first line), a
  vCard, a 7z, RAR, gzip, bzip2, xz, tar or Outlook .pst file. A Word, PowerPoint, OpenDocument
  text or EPUB document (a ZIP or OLE file too) is not one.
- `content_problems(settings)`: each such file ANYWHERE under content/ (PATH, not only
  STATIC_PATHS; hidden and ignored files too), unless the setting PUBLIC_FILES lists it, is a French
  problem naming it; strict_content's check of content/'s files stops the build on them at
  `initialized`, before its own checks (whatever the place of this package in PLUGINS).
- publishing/repository_files.py refuses them in the rest of the repository, for `check` and
  `publish`, with the same `people_file`.
"""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass

from core.problems import Problem

SPREADSHEET = "un tableau"
MAILBOX = "une boîte de messages"
MESSAGE = "un message électronique"
CONTACTS = "un carnet d'adresses"
ARCHIVE = "une archive"

EXTENSIONS = {
    **dict.fromkeys(("csv", "tsv", "xlsx", "xls", "xlsm", "xlsb", "ods", "numbers"), SPREADSHEET),
    **dict.fromkeys(("mbox", "mbx", "pst", "ost"), MAILBOX),
    **dict.fromkeys(("eml", "msg"), MESSAGE),
    **dict.fromkeys(("vcf", "vcard"), CONTACTS),
    **dict.fromkeys(("zip", "7z", "rar", "tar", "gz", "tgz", "bz2", "tbz2", "xz", "txz"), ARCHIVE),
}

# Why such a file may not be published (shared by the build's and the repository's messages).
WHY = "un tel fichier contient le plus souvent les données personnelles des habitants (noms, adresses, téléphones)"

_HEAD_BYTES = 512
_OLE_BYTES = 16 * 1024 ** 2  # the directory of an old Office file is read from its first 16 MiB
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
# (offset, signature, kind, format) of the files recognised by their first bytes.
_SIGNATURES = (
    (0, b"7z\xbc\xaf\x27\x1c", ARCHIVE, "7z"),
    (0, b"Rar!\x1a\x07", ARCHIVE, "RAR"),
    (0, b"\x1f\x8b", ARCHIVE, "gzip"),
    (0, b"\xfd7zXZ\x00", ARCHIVE, "xz"),
    (257, b"ustar", ARCHIVE, "tar"),
    (0, b"!BDN", MAILBOX, "Outlook .pst"),
)
# A format a name may rightly end with whose content is one of the above: left to its own checks.
_OWN_SIGNATURE = {"svgz": b"\x1f\x8b"}  # a compressed drawing: strict_content says what to do with it
# Formats that show themselves by their first bytes: a file that starts so is what it says, whatever
# an extension before the last one (« Budget.xlsx.pdf », a spreadsheet printed to PDF).
_OTHER_FORMATS = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"OggS", b"ID3", b"fLaC",
                  b"\x1aE\xdf\xa3", b"II*\x00", b"MM\x00*")


@dataclass(frozen=True)
class PeopleFile:
    kind: str  # SPREADSHEET, MAILBOX…: « un tableau »
    extension: str | None = None  # the extension that says so, lower case; None: its content says so
    format: str | None = None  # the format its content shows (« ZIP », « Excel »…)

    def describe(self) -> str:
        """« un tableau (extension « .csv ») », « une archive (format ZIP reconnu à son contenu) »."""
        if self.extension is not None:
            return f"{self.kind} (extension « .{self.extension} »)"
        return f"{self.kind} (format {self.format} reconnu à son contenu)"


def looks_like_mbox(head: bytes) -> bool:
    """An mbox mailbox starts with a « From » line (the first bytes of a file, read as they are)."""
    return head.lstrip(b"\r\n").startswith(b"From ") and b"\x00" not in head


def people_file(path: str) -> PeopleFile | None:
    """What makes the file at `path` a file about people, or None. Only a regular file is read: a
    link, a device or a file missing from the disk is judged by its name."""
    parts = os.path.basename(path).lower().split(".")[1:]
    extension = parts[-1] if parts else ""
    if extension in EXTENSIONS:
        return PeopleFile(EXTENSIONS[extension], extension)
    head = _head(path)
    found = _by_content(path, head, extension) if head else None
    if found or head.startswith((*_OTHER_FORMATS, *_ZIP, _OLE)):  # its content says what it is
        return found
    inner = next((part for part in reversed(parts[:-1]) if part in EXTENSIONS), None)
    return PeopleFile(EXTENSIONS[inner], inner) if inner else None


def _head(path: str) -> bytes:
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return b""
        with open(path, "rb") as handle:
            return handle.read(_HEAD_BYTES)
    except OSError:
        return b""  # unreadable here: the reader or the copy of the file says so


def _by_content(path: str, head: bytes, extension: str) -> PeopleFile | None:
    own = _OWN_SIGNATURE.get(extension)
    if own and head.startswith(own):
        return None
    if head.startswith(_ZIP):
        return _zip_kind(path, extension)
    if head.startswith(_OLE):
        return _ole_kind(path)
    for offset, signature, kind, shown in _SIGNATURES:
        if head[offset:offset + len(signature)] == signature:
            return PeopleFile(kind, format=shown)
    if head[:3] == b"BZh" and head[3:4].isdigit() and head[4:10] == b"1AY&SY":
        return PeopleFile(ARCHIVE, format="bzip2")
    if looks_like_mbox(head):
        return PeopleFile(MAILBOX, format="mbox")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:11].upper() == b"BEGIN:VCARD":
        return PeopleFile(CONTACTS, format="vCard")
    return None


# What a ZIP file is, by its entries: the documents a site may offer, or a spreadsheet.
_ODF = "application/vnd.oasis.opendocument."
_ZIP_DOCUMENTS = ("word/", "ppt/")  # Office Open XML: Word, PowerPoint


def _zip_kind(path: str, extension: str) -> PeopleFile | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            mimetype = ""
            if "mimetype" in names:
                with archive.open("mimetype") as entry:  # its first bytes only: never a whole entry inflated
                    mimetype = entry.read(100).decode("ascii", "replace")
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError, ValueError):
        return PeopleFile(ARCHIVE, format="ZIP")
    if mimetype.startswith(_ODF):
        return PeopleFile(SPREADSHEET, format="OpenDocument") if "spreadsheet" in mimetype else None
    if mimetype == "application/epub+zip":
        return None
    if "[Content_Types].xml" in names:
        if any(entry.startswith("xl/") for entry in names):
            return PeopleFile(SPREADSHEET, format="Excel")
        if any(entry.startswith(_ZIP_DOCUMENTS) for entry in names):
            return None
    if extension == "kmz" and any(entry.lower().endswith(".kml") for entry in names):
        return None  # a map (Google Earth)
    return PeopleFile(ARCHIVE, format="ZIP")


# An old Office file (OLE): its directory names its streams, in UTF-16.
_OLE_STREAMS = ((SPREADSHEET, "Excel", ("Workbook", "Book\x00")), (MESSAGE, "Outlook", ("__substg1.0_",)))


def _ole_kind(path: str) -> PeopleFile | None:
    try:
        with open(path, "rb") as handle:
            data = handle.read(_OLE_BYTES)
    except OSError:
        return None
    for kind, shown, streams in _OLE_STREAMS:
        if any(stream.encode("utf-16-le") in data for stream in streams):
            return PeopleFile(kind, format=shown)
    return None


# --- under content/ ---------------------------------------------------------------------------------

def content_problems(settings: dict) -> list[Problem]:
    """Every file about people under content/ (PATH) that PUBLIC_FILES does not list, one problem each."""
    content = settings["PATH"]
    if not os.path.isdir(content):
        return []
    folder = os.path.basename(os.path.normpath(content))
    public = set(settings.get("PUBLIC_FILES") or [])
    problems = []
    for root, dirs, files in os.walk(content):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            relative = os.path.relpath(path, content).replace(os.sep, "/")
            if relative in public:
                continue
            found = people_file(path)
            if found:
                problems.append(Problem(path, None, None, (
                    f"fichier refusé, {found.describe()} : {WHY}, et tout ce qui est dans {folder}/ est public, "
                    "dans le dépôt comme sur le site ; déplacez-le hors du dossier du projet (gardez les exports "
                    "dans un dossier à vous, hors du projet), ou, si c'est vraiment un document public, ajoutez "
                    f"« {relative} » au réglage PUBLIC_FILES de pelicanconf.py")))
    return problems
