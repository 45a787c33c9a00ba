"""What must not go live: placeholders left in the settings, the content and the data.

`find_placeholders()` lists, each as a `Problem` at the file and line to edit (French):

- example addresses (example.org, example.com, example.net and their subdomains): in a setting
  written in the settings files (CONTACT_EMAIL, PUBLIC_SITEURL, FEEDBACK_BACKEND…: the line of the
  text that holds it; a setting computed from another one, like publishconf.py's SITEURL, is the
  other one's line), in content/ and in data/;
- the text « À compléter » that `python3 manage.py new` writes (publishing/scaffold.py PLACEHOLDER),
  or that marks a paragraph to write (`*À compléter*{: .todo }`), in content/ and data/;
- a file still exactly as `new` wrote it, apart from its date: one problem at its line 1;
- the legal details still to complete: the settings left to None that the legal notice, the
  personal data page and the accessibility declaration show as « à compléter » (keys of
  PUBLISHER and HOST, DATA_PROTECTION_OFFICER, HOST_LOG_RETENTION…), at the line that sets them.

Drafts (`Status: draft`) are not published, so they may hold placeholders. The publication gate
(gate.py) refuses a site with any of these unless DEMO_SITE is True (the engine's demo, which
says so on every page); `check` prints them as warnings.
"""

from __future__ import annotations

import ast
import datetime
import os
import re
import unicodedata
from pathlib import Path

from core.problems import Problem, display_path
from site_build.setting_lines import setting_line

from .scaffold import KINDS, PLACEHOLDER, content_dirs, render

# An example host (RFC 2606), not inside a longer name: consultation@example.org,
# https://www.example.org/…, forms.example.com.
_EXAMPLE_HOST = re.compile(r"(?<![\w.-])(?:[a-z0-9-]+\.)*example\.(?:org|com|net)(?![\w-])", re.IGNORECASE)
# What an address is made of, around its host (for the message): stops at spaces, quotes, brackets.
_ADDRESS_CHAR = re.compile(r"[^\s\"'<>()\[\]{}«»,;|`*]")
_DATE_LINE = re.compile(r"^Date:.*$", re.MULTILINE)
_FINDING_ID = re.compile(r"^    id: (.+)$", re.MULTILINE)
_THEME_HINT = re.compile(r"^    # theme: (.+)$", re.MULTILINE)
_DRAFT = re.compile(r"^status:\s*draft\s*$", re.IGNORECASE | re.MULTILINE)
CONTENT_SUFFIXES = (".md", ".markdown", ".mdown", ".html", ".htm", ".txt")
DATA_SUFFIXES = (".yml", ".yaml")

_LEGAL_NOTICE = "Mentions légales"
_PERSONAL_DATA = "Données personnelles"
_ACCESSIBILITY = "Accessibilité"
# (setting, key or None, what it is, the pages that show it « à compléter »); see
# theme/templates/mentions-legales.html, donnees-personnelles.html and accessibilite.html.
LEGAL_DETAILS = (
    ("PUBLISHER", "legal_form", "forme juridique de l'éditeur", (_LEGAL_NOTICE,)),
    ("PUBLISHER", "address", "adresse du siège de l'éditeur", (_LEGAL_NOTICE, _PERSONAL_DATA, _ACCESSIBILITY)),
    ("PUBLISHER", "phone", "téléphone de l'éditeur", (_LEGAL_NOTICE,)),
    ("PUBLISHER", "siret", "numéro SIRET de l'éditeur", (_LEGAL_NOTICE,)),
    ("PUBLISHER", "director", "directeur ou directrice de la publication", (_LEGAL_NOTICE,)),
    ("HOST", "name", "nom de l'hébergeur", (_LEGAL_NOTICE, _PERSONAL_DATA)),
    ("HOST", "address", "adresse de l'hébergeur", (_LEGAL_NOTICE,)),
    ("HOST", "phone", "téléphone de l'hébergeur", (_LEGAL_NOTICE,)),
    ("DATA_PROTECTION_OFFICER", None, "contact du délégué à la protection des données", (_PERSONAL_DATA,)),
    ("HOST_LOG_RETENTION", None, "durée de conservation des journaux de l'hébergeur", (_PERSONAL_DATA,)),
    ("FEEDBACK_RETENTION", None, "durée de conservation des réactions", (_PERSONAL_DATA,)),
    ("ACCESSIBILITY_AUDIT", "auditor", "auteur de l'audit d'accessibilité", (_ACCESSIBILITY,)),
    ("ACCESSIBILITY_AUDIT", "rate", "taux de critères respectés selon l'audit", (_ACCESSIBILITY,)),
)
# What to write instead of an example address, for the settings that hold one in the demo.
_ADDRESS_HINTS = {
    "PUBLIC_SITEURL": "indiquez l'adresse réelle du site",
    "CONTACT_EMAIL": "indiquez l'adresse électronique qui recevra réellement les réactions",
}
PLACEHOLDER_HINT = f"texte « {PLACEHOLDER} » : remplacez-le par le texte définitif"
UNTOUCHED_HINT = (f"fichier tel que « python3 manage.py new » l'a créé : écrivez son texte à la place de chaque "
                  f"« {PLACEHOLDER} », ou supprimez-le")


def find_placeholders(settings_file: str, settings: dict, overrides: dict | None = None) -> list[Problem]:
    """Every placeholder of the site built with `settings_file` (its final `settings`), sorted by
    file and line; `overrides` are the settings given outside any file (tests, command line)."""
    overrides = overrides or {}
    problems = _setting_addresses(settings_file, settings, overrides)
    problems += _legal_details(settings_file, settings, overrides)
    content_dir, data_dir = content_dirs(settings)
    for path in _files(content_dir, CONTENT_SUFFIXES) + _files(data_dir, DATA_SUFFIXES):
        problems += _file_placeholders(path)
    unique = {(display_path(p.path), p.line or 0, p.message): p for p in problems}
    return [unique[key] for key in sorted(unique)]


def example_addresses(text: str) -> list[str]:
    """The example addresses written in `text`, whole (`https://www.example.org/a`), in order."""
    found = []
    for match in _EXAMPLE_HOST.finditer(text):
        start, end = match.start(), match.end()
        while start > 0 and _ADDRESS_CHAR.match(text[start - 1]):
            start -= 1
        while end < len(text) and _ADDRESS_CHAR.match(text[end]):
            end += 1
        address = text[start:end].rstrip(".:!?")
        if address not in found:
            found.append(address)
    return found


# -- settings ---------------------------------------------------------------------------------------

def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.items() for part in item for text in _strings(part)]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [text for item in value for text in _strings(item)]
    return []


def _assignment(path: str, line: int) -> ast.stmt | None:
    """The top-level statement of `path` that starts at `line` (as setting_line found it)."""
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"), path)
    except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
        return None
    return next((node for node in tree.body if node.lineno == line), None)


def _setting_addresses(settings_file: str, settings: dict, overrides: dict) -> list[Problem]:
    problems = []
    for name, value in settings.items():
        if not name.isupper():
            continue
        addresses = [address for text in _strings(value) for address in example_addresses(text)]
        if not addresses:
            continue
        hint = _ADDRESS_HINTS.get(name, "remplacez-la par une adresse réelle")
        if name in overrides:
            problems += [Problem(settings_file, None, None, (
                f"réglage {name} (donné en option) : adresse d'exemple « {address} » : {hint}"))
                for address in dict.fromkeys(addresses)]
            continue
        where = setting_line(settings_file, name)
        node = where and _assignment(*where)
        if node is None or getattr(node, "value", None) is None:
            continue  # not written in a settings file: computed by the engine
        # The texts written in the assignment itself; none when it copies another setting
        # (SITEURL = PUBLIC_SITEURL), which is reported where it is written.
        for constant in ast.walk(node.value):
            if isinstance(constant, ast.Constant) and isinstance(constant.value, str):
                problems += [Problem(where[0], constant.lineno, None, (
                    f"réglage {name} : adresse d'exemple « {address} » : {hint}"))
                    for address in example_addresses(constant.value)]
    return problems


def _legal_details(settings_file: str, settings: dict, overrides: dict) -> list[Problem]:
    problems = []
    for name, key, label, pages in LEGAL_DETAILS:
        value = settings.get(name)
        if key is not None:
            if not isinstance(value, dict) or (key in value and value[key] not in (None, "")):
                continue
        elif value not in (None, ""):
            continue
        shown = f"réglage {name}" + (f", clé « {key} »" if key else "")
        if len(pages) == 1:
            shows = f"la page {pages[0]} affiche"
        else:
            shows = f"les pages {', '.join(pages[:-1])} et {pages[-1]} affichent"
        path, line = _setting_place(settings_file, name, key, overrides)
        problems.append(Problem(path, line, None, f"{shown} ({label}) : à compléter, {shows} « à compléter »"))
    return problems


def _setting_place(settings_file: str, name: str, key: str | None, overrides: dict) -> tuple[str, int | None]:
    """(file, line) of the setting `name`, or of its `key` when it is written as a dict literal."""
    where = None if name in overrides else setting_line(settings_file, name)
    if not where:
        return settings_file, None
    node = _assignment(*where)
    value = getattr(node, "value", None)
    if key is not None and isinstance(value, ast.Dict):
        for written, item in zip(value.keys, value.values):
            if isinstance(written, ast.Constant) and written.value == key:
                return where[0], item.lineno
    return where


# -- content and data -------------------------------------------------------------------------------

def _files(folder: str, suffixes: tuple[str, ...]) -> list[str]:
    if not os.path.isdir(folder):
        return []
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        found += [os.path.join(root, name) for name in sorted(names)
                  if name.endswith(suffixes) and not name.startswith(".")]
    return found


def _file_placeholders(path: str) -> list[Problem]:
    try:
        text = Path(path).read_text(encoding="utf-8").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return []  # the build reports an unreadable file
    if path.endswith(CONTENT_SUFFIXES[:3]):
        header = text.split("\n\n", 1)[0]
        if _DRAFT.search(header):
            return []  # a draft is not published
        if untouched_scaffold(path, text):
            return [Problem(path, 1, None, UNTOUCHED_HINT)]
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        if PLACEHOLDER in unicodedata.normalize("NFC", line):
            problems.append(Problem(path, number, None, PLACEHOLDER_HINT))
        problems += [Problem(path, number, None, f"adresse d'exemple « {address} » : remplacez-la par une "
                             "adresse réelle") for address in example_addresses(line)]
    return problems


def untouched_scaffold(path: str, text: str) -> bool:
    """Whether `text` is exactly what `python3 manage.py new` wrote at `path`, apart from the date:
    rendered again from its own title, finding id, theme hint and order, for each kind of file."""
    if PLACEHOLDER not in text:
        return False
    from core.markdown_header import metadata_lines

    metadata = {key.lower(): value for _, key, value, _ in metadata_lines(text)}
    title = metadata.get("title")
    if not title:
        return False
    slug = Path(path).stem
    finding = _FINDING_ID.search(text)
    theme = _THEME_HINT.search(text)
    order = metadata.get("order", "1")
    written = _DATE_LINE.sub("Date:", text)
    for kind in KINDS:
        try:
            expected = render(kind, title, datetime.date(2000, 1, 1), slug,
                              finding_id=finding[1] if finding else "",
                              order=int(order) if order.isdigit() else 1,
                              themes=(theme[1],) if theme else ())
        except Exception:  # noqa: BLE001 - a file this unusual was not written by `new`
            continue
        if _DATE_LINE.sub("Date:", expected) == written:
            return True
    return False
