"""The last gate: no resident's personal data in the published site, whatever path it took.

At the end of every clean build (core.signals.site_complete: `build`, `check`, `publish`, the
preview and its incremental rebuilds), every text file of the staging folder is read
(published_text.py: HTML text and attribute values, feeds, JSON, CSV, iCalendar, JavaScript,
SVG, text) and given to the one detector, personal_data.find_personal_data. Only what the office
declares public passes (public_contacts). A hit stops the build — the output folder is left as
it was — with a French message at the source that produced it: the Markdown source of the page
(recorded as Pelican writes it), else any Markdown source of the site, else a data file, else the
setting that holds it; only when none does, the published file. The value is masked in the
message (« 06 12 … 78 »): the logs of a public repository's CI are public too.

Each distinct part of a page is read once per build (published_text.markup_chunks: the header,
the menus and the footer are the same on every page; a feed repeats the articles), each distinct
block of text given once to the detector; the preview's rebuilds do not read again the pages
they keep from the site on screen, nor detect again a block the last build saw (`_Seen`).

The tracked excerpts of data/feedback/ (DATA["feedback"]) are read the same way at every build,
rendered or not: a hand edit of an excerpt is caught at its line.
"""

from __future__ import annotations

import gc
import os
import re
import time
import unicodedata
from collections.abc import Iterable

from core.problems import Problem, position, read_markdown, setting_problem
from plugins.search_index.indexer import BUNDLE_DIR

from .personal_data import Hit, PublicContacts, find_personal_data
from .published_text import UnreadableDocument, text_blocks

# Kinds the gate does not stop on: web addresses with a query string are everywhere in a site
# (forms, maps, videos) and are the office's own links; the import removes them from residents' text.
NOT_STOPPED = frozenset(("adresse web avec paramètres",))
# Pagefind's files in its folder: its fragments are compressed copies of the HTML pages already read.
# Anything else there (a page whose slug is « pagefind ») is read.
SKIPPED_FOLDER = BUNDLE_DIR
PAGEFIND_SUFFIXES = (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter", ".pagefind")
# The office's own contacts, public without being listed in PUBLIC_CONTACTS: (setting, key or None).
OFFICE_CONTACTS = (("CONTACT_EMAIL", None), ("PUBLISHER", "address"), ("PUBLISHER", "phone"),
                   ("HOST", "address"), ("HOST", "phone"), ("DATA_PROTECTION_OFFICER", None))
# Public contacts the engine's own templates write (texts the law requires): the free postal
# address of the Défenseur des droits on the accessibility page (theme/templates/accessibilite.html).
THEME_CONTACTS = ("Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07",)
EXAMPLES = {"téléphone": "04 92 00 00 00", "adresse électronique": "accueil@partenaire.example",
            "adresse postale": "1 place de la Mairie, 05100 Briançon"}
_SETTINGS_NOT_SEARCHED = frozenset(("DATA", "PUBLIC_CONTACTS", "OUTPUT_PATH", "PATH", "JINJA_ENVIRONMENT"))

last_duration = 0.0  # seconds the last scan of a site took (benchmarks/build.py reports it)


def office_values(settings: dict) -> list[str]:
    """The texts of the office's own contacts, as its settings give them."""
    values = []
    for name, key in OFFICE_CONTACTS:
        value = settings.get(name)
        if key is not None:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, str) and value.strip():
            values.append(value)
    return values


def public_contacts(settings: dict) -> PublicContacts:
    """What may be published: PUBLIC_CONTACTS, and the office's own contacts and the theme's — each
    e-mail, phone or address the detector finds in them (a setting may hold a name with them: « Claire Martin,
    dpo@example.org »)."""
    values = list(settings.get("PUBLIC_CONTACTS") or [])
    for value in [*office_values(settings), *THEME_CONTACTS]:
        values += [hit.text for hit in find_personal_data(value)]
    return PublicContacts.from_values(values)


# Domains reserved for examples and tests (RFC 2606, RFC 6761): nobody can own an address there, so it
# is never a resident's; a placeholder left in a page is refused by the publication's own check
# (publishing/placeholders.py), with the message that says to complete it.
_EXAMPLE_DOMAIN = re.compile(r"(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)\.?$", re.IGNORECASE)


def _example_address(hit: Hit) -> bool:
    return hit.kind == "adresse électronique" and bool(_EXAMPLE_DOMAIN.search(hit.text.rpartition("@")[2].strip()))


def stopped(text: str, public: PublicContacts) -> list[Hit]:
    return [hit for hit in find_personal_data(text, public, NOT_STOPPED) if not _example_address(hit)]


def mask(hit: Hit) -> str:
    """Enough to find the value in its text, not enough to read it: « 06 12 … 78 », « pa…@example.org »."""
    text = " ".join(hit.text.split())
    if hit.kind == "adresse électronique" and "@" in text:
        local, _, domain = text.partition("@")
        return f"{local.strip()[:2]}…@{domain.strip()}"
    if hit.kind == "téléphone":
        digits = [index for index, char in enumerate(text) if char.isdigit()]
        # « 06 12 », « +33 6 12 », « 0033 6 12 »: the country code and the first pair
        shown = 7 if text.startswith("00") else 5 if text.startswith("+") else 4
        if len(digits) >= shown + 2:
            return f"{text[:digits[shown - 1] + 1]} … {text[digits[-2]:]}"
    if hit.kind == "adresse postale":
        words = text.split()
        return " ".join(words[:2]) + " …"
    return f"{text[:2]}…{text[-2:]}" if len(text) > 6 else "…"


def _advice(hit: Hit) -> str:
    example = EXAMPLES.get(hit.kind, EXAMPLES["téléphone"])
    return ("les données personnelles des habitants ne doivent jamais être en ligne, retirez-la ; si c'est "
            "le contact public de l'office ou d'un partenaire, déclarez-le dans pelicanconf.py, par exemple : "
            f"PUBLIC_CONTACTS = [\"{example}\"]")


def site_message(hit: Hit) -> str:
    return f"donnée personnelle dans le site publié ({hit.kind} « {mask(hit)} ») : {_advice(hit)}"


def repository_message(hit: Hit) -> str:
    """A hit in a source that no page shows (a comment, an unused link reference): the repository is public."""
    return f"donnée personnelle dans le dépôt public ({hit.kind} « {mask(hit)} ») : {_advice(hit)}"


def file_name_message(hit: Hit) -> str:
    return f"donnée personnelle dans le nom d'un fichier publié ({hit.kind} « {mask(hit)} ») : {_advice(hit)}"


def feedback_message(hit: Hit) -> str:
    return (f"donnée personnelle dans un extrait de réaction ({hit.kind} « {mask(hit)} ») : "
            f"{_advice(hit)} (dans un extrait, remplacez-la par « [retiré] »)")


# Where a hit comes from ------------------------------------------------------------------------

_PERCENT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


def _key(text: str, digits_only: bool) -> tuple[str, list[int]]:
    """The text reduced to what identifies a value — its digits (a phone), else its letters and
    digits folded (case, accents) — and for each kept character its offset in `text`. A
    percent-escape (« %20 » in a link's address) is a separator, as the published text reads it."""
    kept, offsets = [], []
    escapes = {offset for match in _PERCENT_ESCAPE.finditer(text) for offset in range(*match.span())}
    for offset, char in enumerate(text):
        if offset in escapes:
            continue
        if digits_only:
            char = unicodedata.normalize("NFKC", char)
            if char.isdigit():
                kept.append(char)
                offsets.append(offset)
            continue
        for part in unicodedata.normalize("NFKD", char).casefold():
            if part.isalnum() and not unicodedata.combining(part):
                kept.append(part)
                offsets.append(offset)
    return "".join(kept), offsets


def _wanted(hit: Hit) -> tuple[bool, str]:
    digits_only = hit.kind == "téléphone"
    return digits_only, _key(hit.text, digits_only)[0]


def find_in(text: str, hit: Hit) -> tuple[int, int] | None:
    """(line, column) of `hit`'s value in `text` (a source), compared normalised; None if absent."""
    return _Source("", text).find(hit)


class _Source:
    """A file that may hold a hit: its text, and its normalised forms once asked for."""

    def __init__(self, path: str, text: str | None):
        self.path, self.text, self.keys = path, text or "", {}

    def find(self, hit: Hit, exact_only: bool = False) -> tuple[int, int] | None:
        found = self.text.find(hit.text)
        if found >= 0 or exact_only:
            return position(self.text, found) if found >= 0 else None
        digits_only, wanted = _wanted(hit)
        if not wanted:
            return None
        if digits_only not in self.keys:
            self.keys[digits_only] = _key(self.text, digits_only)
        key, offsets = self.keys[digits_only]
        found = key.find(wanted)
        if found < 0 and digits_only and wanted.startswith("33"):
            found = key.find("0" + wanted[2:])  # « +33 6 12… » shown, « 06 12… » typed
        return position(self.text, offsets[found]) if found >= 0 else None


def _read(path: str) -> str | None:
    try:
        if path.endswith(".md"):
            return read_markdown(path)
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except Exception:  # noqa: BLE001 - a source that cannot be read (the build said why) holds nothing
        return None


def _setting_holding(settings: dict, hit: Hit) -> str | None:
    def strings(value) -> Iterable[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from strings(item)

    for name, value in settings.items():
        if name.isupper() and name not in _SETTINGS_NOT_SEARCHED and any(
                find_in(text, hit) for text in strings(value)):
            return name
    return None


class _Sources:
    """The sources of one scan, read once when a hit needs them: each Markdown file of the content
    folder, then each data file."""

    def __init__(self, settings: dict, pages: dict[str, str]):
        self.settings, self.pages, self.read = settings, pages, {}
        self._all: list[str] | None = None

    def source(self, path: str) -> _Source:
        if path not in self.read:
            self.read[path] = _Source(path, _read(path))
        return self.read[path]

    def all(self) -> list[_Source]:
        if self._all is None:
            from publishing.check import data_files  # only when there is a hit

            content = self.settings.get("PATH") or ""
            markdown = sorted(os.path.join(folder, name) for folder, _, names in os.walk(content)
                              for name in names if name.endswith(".md")) if os.path.isdir(content) else []
            self._all = markdown + data_files(self.settings)
        return [self.source(path) for path in self._all]

    def locate(self, hit: Hit, output_name: str) -> Problem:
        """The problem for a hit in the published file `output_name`, at the source that holds it:
        the page's own source (compared normalised), else the first source holding the very text,
        else the first holding it normalised, else a setting, else the page's own source without a
        line; else the published file."""
        own = self.pages.get(output_name)
        searches = [(self.source(own), False)] if own else []
        searches += [(source, True) for source in self.all()] + [(source, False) for source in self.all()]
        for source, exact_only in searches:
            where = source.find(hit, exact_only)
            if where:
                return Problem(os.path.relpath(source.path), where[0], where[1], site_message(hit))
        name = _setting_holding(self.settings, hit)
        if name:
            return setting_problem(name, site_message(hit))
        if own:  # a document of content/ copied as it is, whose text is not plain (a Word file…)
            return Problem(os.path.relpath(own), None, None, site_message(hit))
        return Problem(output_name, None, None, f"{site_message(hit)} (fichier publié, qu'aucune source ne contient)")


class _Seen:
    """What the last scan of this process read, for the next one (the preview's rebuilds), while
    the public contacts stay the same: the hits of each block of text, and the files of a clean
    site. The preview hard-links the pages an edit does not touch from the site on screen into
    the new one (site_build/incremental.py; a file is never rewritten in place): a file that is
    the very one a clean scan read (same inode, size and time) is not read again."""

    def __init__(self):
        self.public_key: tuple = ()
        self.previous: dict[str, list[Hit]] = {}
        self.current: dict[str, list[Hit]] = {}
        self.clean_files: set[tuple] = set()

    def start(self, public_key: tuple) -> None:
        if public_key != self.public_key:
            self.__init__()
        self.previous, self.public_key, self.current = self.current or self.previous, public_key, {}

    def hits(self, block: str, public: PublicContacts) -> list[Hit]:
        found = self.current.get(block)
        if found is None:
            found = self.previous.get(block)
            if found is None:
                found = stopped(block, public)
            self.current[block] = found
        return found


_SEEN = _Seen()


def _public_key(settings: dict) -> tuple:
    return tuple(settings.get("PUBLIC_CONTACTS") or ()) + tuple(office_values(settings))


def published_files(folder: str) -> list[tuple[str, str]]:
    """(site-relative name, path) of every file of the site, Pagefind's own files left out."""
    files = []
    for here, folders, names in os.walk(folder):
        folders.sort()
        for name in sorted(names):
            path = os.path.join(here, name)
            relative = os.path.relpath(path, folder).replace(os.sep, "/")
            if relative.startswith(f"{SKIPPED_FOLDER}/") and (name.startswith("pagefind")
                                                               or name.endswith(PAGEFIND_SUFFIXES)):
                continue
            files.append((relative, path))
    return files


def scan_site(folder: str, settings: dict, sources: dict[str, str]) -> list[Problem]:
    """The problems of the site written in `folder`: one per hit, at its source."""
    global last_duration
    started = time.perf_counter()
    collecting = gc.isenabled()
    gc.disable()  # the scan makes many small objects: no pass of the collector over the whole build's
    try:
        problems = _scan(folder, settings, sources)
    finally:
        if collecting:
            gc.enable()
    last_duration = time.perf_counter() - started
    return problems


def _scan(folder: str, settings: dict, sources: dict[str, str]) -> list[Problem]:
    public = public_contacts(settings)
    _SEEN.start(_public_key(settings))
    first_seen: dict[str, str] = {}  # each distinct block, and the first file it was read in
    chunks: set[str] = set()  # the parts of files already read
    files = set()
    unreadable: list[tuple[str, str]] = []  # (published name, why): documents that cannot be checked
    listed = published_files(folder)
    for name, path in listed:
        with open(path, "rb") as handle:
            stat = os.fstat(handle.fileno())
            files.add(identity := (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns))
            if identity in _SEEN.clean_files:
                continue
            try:
                blocks = text_blocks(name, handle.read(), chunks)
            except UnreadableDocument as exc:
                unreadable.append((name, str(exc)))
                continue
        for block in blocks or ():
            first_seen.setdefault(block, name)
    problems = _file_name_problems([name for name, _ in listed], settings, public)
    where = _Sources(settings, sources)
    for name, reason in unreadable:
        own = where.pages.get(name)
        problems.append(Problem(os.path.relpath(own) if own else name, None, None, (
            f"{reason} : la vérification des données personnelles ne peut pas le lire, il ne sera pas publié "
            "ainsi ; enregistrez-le de nouveau en PDF sans mot de passe depuis le logiciel qui l'a créé")))
    for block, name in first_seen.items():
        for hit in _SEEN.hits(block, public):
            problem = where.locate(hit, name)
            if problem not in problems:
                problems.append(problem)
    if not problems:  # after a refusal, the site on screen is still the last clean one
        _SEEN.clean_files = files
    return sorted(problems, key=lambda problem: (problem.path, problem.line or 0, problem.col or 0))


def _file_name_problems(names: list[str], settings: dict, public: PublicContacts) -> list[Problem]:
    """The names of the files copied as they are from the content folder (a document next to the
    photos, linked from no page, is listed all the same), each at its source."""
    content = settings.get("PATH") or ""
    problems = []
    for name in names:
        source = os.path.join(content, *name.split("/"))
        if content and os.path.isfile(source):
            problems += [Problem(os.path.relpath(source), None, None, file_name_message(hit))
                         for hit in _SEEN.hits(name, public)]
    return problems


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def scan_sources(settings: dict) -> list[Problem]:
    """The Markdown files of the content folder and the data files (the excerpts of data/feedback/
    apart: scan_feedback), read as they are, paragraph by paragraph: the repository is public, and
    what no page shows (a comment, an unused link reference) is in it all the same."""
    public = public_contacts(settings)
    sources = _Sources(settings, {})
    problems = []
    for source in sources.all():
        if "feedback" in os.path.normpath(source.path).split(os.sep):
            continue
        start = 0
        for end in [match.start() for match in _PARAGRAPH_BREAK.finditer(source.text)] + [len(source.text)]:
            for hit in _SEEN.hits(source.text[start:end], public):
                line, col = position(source.text, start + hit.start)
                problems.append(Problem(os.path.relpath(source.path), line, col, repository_message(hit)))
            start = end
    return problems


def scan_feedback(settings: dict) -> list[Problem]:
    """The problems of the tracked excerpts of data/feedback/, each at its line."""
    feedback = (settings.get("DATA") or {}).get("feedback") or {}
    public = public_contacts(settings)
    problems = []
    for record in feedback.values():
        for excerpt in record.get("excerpts") or []:
            line, col = excerpt.marks.get("text", (excerpt.line, None))
            for hit in stopped(excerpt["text"], public):
                problems.append(Problem(excerpt.path or record.path, line, col, feedback_message(hit)))
    return problems
