"""A Markdown reader that checks the file before Pelican parses it."""

from __future__ import annotations

import calendar
import difflib
import os
import re
import unicodedata

from pelican.readers import MarkdownReader

from core.build_clock import today
from core.build_state import per_build
from core.compat import read_markdown_text
from core.markdown_header import metadata_lines
from core.problems import Problem, ProblemError, read_markdown

from . import read_ahead
from .raw_html import NoRawHtmlExtension
from .sanitizer import sanitize_read

# Metadata a communicator may write (lower case); plugins add theirs.
ALLOWED_METADATA = {
    "title", "date", "modified", "summary", "slug", "status", "template", "save_as",
    "url", "category", "tags", "demo", "lang",
}
STATUSES = {"published", "draft", "hidden"}
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2}))?\Z")


# Checks of plugin metadata: key → function(value) returning the French reason it is wrong, or None.
METADATA_CHECKS: dict = {}


def allow_metadata(*keys: str, check=None) -> None:
    ALLOWED_METADATA.update(key.lower() for key in keys)
    if check is not None:
        METADATA_CHECKS.update((key.lower(), check) for key in keys)


# Functions (source_path, text, settings) -> dict, run on each Markdown source between the checks
# and Markdown: a plugin that needs the source's lines (which Markdown loses) gets them from this
# one read of the file; the dict it returns joins the metadata (and so Pelican's reader cache).
SOURCE_HOOKS: list = per_build([])


def add_source_hook(hook) -> None:
    if hook not in SOURCE_HOOKS:
        SOURCE_HOOKS.append(hook)


def check_date(value: str) -> str | None:
    """The French reason a metadata date is wrong, or None."""
    match = _DATE.match(value)
    if not match:
        return f"date « {value} » invalide : écrivez-la au format AAAA-MM-JJ (ex. 2016-03-15) ou AAAA-MM-JJ HH:MM"
    year, month, day = (int(part) for part in match.groups()[:3])
    if not 1 <= month <= 12:
        return f"date « {value} » impossible : le mois {month} n'existe pas"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"date « {value} » impossible : ce jour n'existe pas"
    if match[4] is not None and (int(match[4]) > 23 or int(match[5]) > 59):
        return f"heure « {match[4]}:{match[5]} » impossible"
    return None


_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


def check_path_metadata(lower: str, key: str, value: str) -> str | None:
    """Slug, Save_as and URL must keep the page inside the site's folder."""
    if lower == "slug" and not _SLUG.match(value):
        if "/" in value or ".." in value:
            return f"« {key}: {value} » ferait écrire la page hors du dossier du site : un slug ne contient ni « / » ni « .. »"
        return f"slug « {value} » invalide : uniquement des minuscules sans accent, des chiffres et des tirets"
    if lower in ("save_as", "url") and (".." in value.split("/") or value.startswith("/")):
        return f"« {key}: {value} » ferait écrire la page hors du dossier du site"
    return None


def check_source(path: str, text: str, is_article: bool) -> None:
    name = os.path.basename(path)
    if not unicodedata.is_normalized("NFC", name):
        raise ProblemError(Problem(path, None, None, (
            "nom de fichier aux accents décomposés (Unicode NFD, fréquent sur Mac) : renommez le fichier "
            "en retapant ses lettres accentuées, ou sans accents")))
    header = metadata_lines(text)
    keys = {}
    for line, key, value, col in header:
        lower = key.lower()
        if lower not in ALLOWED_METADATA:
            close = difflib.get_close_matches(lower, ALLOWED_METADATA, n=1, cutoff=0.7)
            hint = (f"vouliez-vous écrire « {close[0].capitalize()}: » ?" if close
                    else f"métadonnées possibles : {', '.join(sorted(ALLOWED_METADATA))}")
            raise ProblemError(Problem(path, line, 1, f"métadonnée « {key} » inconnue : {hint}"))
        if lower in keys:
            raise ProblemError(Problem(path, line, 1, f"métadonnée « {key} » en double (déjà ligne {keys[lower]})"))
        keys[lower] = line
        if lower in ("date", "modified") or lower in METADATA_CHECKS:
            reason = METADATA_CHECKS.get(lower, check_date)(value)
            if reason:
                raise ProblemError(Problem(path, line, col, reason))
        if lower == "status" and value not in STATUSES:
            raise ProblemError(Problem(path, line, col, (
                f"statut « {value} » inconnu : valeurs possibles : {', '.join(sorted(STATUSES))}")))
        if lower == "demo" and value not in ("true", "false"):
            raise ProblemError(Problem(path, line, col, f"« {value} » : écrivez Demo: true ou Demo: false"))
        reason = check_path_metadata(lower, key, value)
        if reason:
            raise ProblemError(Problem(path, line, None, reason))
        if lower == "title" and not value:
            raise ProblemError(Problem(path, line, col, "titre vide"))
    if "title" not in keys:
        raise ProblemError(Problem(path, 1, 1, "métadonnée « Title: » manquante en tête du fichier"))
    if is_article and "date" not in keys:
        raise ProblemError(Problem(path, 1, 1, "métadonnée « Date: » manquante (ex. Date: 2016-03-15)"))
    if is_article:
        check_article_body(path, text, header)


def check_article_body(path: str, text: str, header) -> None:
    """A published article has a text, and a date that has come."""
    values = {key.lower(): (line, value, col) for line, key, value, col in header}
    body = text.split("\n")[header[-1][0]:] if header else []
    if not "".join(body).strip():
        raise ProblemError(Problem(path, header[-1][0] + 1, None,
                                   "article vide : écrivez son texte après la ligne vide qui suit les métadonnées"))
    line, value, col = values["date"]
    if values.get("status", (0, ""))[1] != "draft" and value[:10] > today().isoformat():
        raise ProblemError(Problem(path, line, col, (
            f"date « {value} » dans le futur : l'article serait publié en avance ; corrigez la date ou attendez "
            "ce jour pour l'ajouter")))


class StrictMarkdownReader(MarkdownReader):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Last, after `extra` (whose md_in_html re-registers the raw HTML preprocessor).
        extensions = self.settings["MARKDOWN"]["extensions"]
        if not any(isinstance(extension, NoRawHtmlExtension) for extension in extensions):
            extensions.append(NoRawHtmlExtension())

    def read(self, source_path):
        ahead = read_ahead.result(source_path)  # read by the build's copy (read_ahead.py)
        if ahead is not None:
            return ahead
        text = read_markdown(source_path)
        content_root = self.settings["PATH"]
        relative = os.path.relpath(source_path, content_root)
        is_article = any(relative.startswith(p.rstrip("/") + os.sep) for p in self.settings["ARTICLE_PATHS"])
        check_source(source_path, text, is_article)
        found = {}
        for hook in SOURCE_HOOKS:
            found.update(hook(source_path, text, self.settings))
        content, metadata = read_markdown_text(self, source_path, text)
        metadata.update(found)
        return sanitize_read(source_path, text, content, metadata)  # after Markdown, before typography
