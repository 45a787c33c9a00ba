"""Settings of the content structure (declared, checked at start)."""

import os
import posixpath

from core.plugin_settings import REQUIRED, Setting


def _sections(value, settings) -> str | None:
    for slug, section in value.items():
        if not isinstance(section, dict) or not isinstance(section.get("title"), str) or not section["title"].strip():
            return f"rubrique « {slug} » : écrivez {{\"title\": \"Titre\", \"intro\": None}}"
        unknown = sorted(set(section) - {"title", "intro"})
        if unknown:
            return f"rubrique « {slug} » : clé « {unknown[0]} » inconnue : clés possibles : title, intro"
        if section.get("intro") is not None and not isinstance(section["intro"], str):
            return f"rubrique « {slug} » : « intro » doit être un texte ou None"
    return None if value else "aucune rubrique : déclarez au moins un dossier de content/articles/"


def _news_section(value, settings) -> str | None:
    sections = settings.get("SECTIONS") or {}
    if value is None or value in sections:
        return None
    return f"rubrique « {value} » absente de SECTIONS (rubriques : {', '.join(sections)})"


def _at_least_one(value, settings) -> str | None:
    return None if value >= 1 else f"« {value} » : un nombre de fichiers d'au moins 1 est attendu"


def _public_files(value, settings) -> str | None:
    """Each entry a file of content/, written from content/ (« images/budget.csv »)."""
    content = settings.get("PATH") or "content"
    folder = os.path.basename(os.path.normpath(content))
    for entry in value:
        if not isinstance(entry, str):
            return f"« {entry!r} » : un chemin entre guillemets est attendu, depuis {folder}/ (« images/budget.csv »)"
        if entry.startswith("/") or "\\" in entry or ".." in entry.split("/") or not entry.strip():
            return (f"« {entry} » invalide : un chemin depuis {folder}/, sans « / » au début ni « .. » "
                    "(« images/budget.csv »)")
        if posixpath.normpath(entry) != entry:
            return f"« {entry} » : écrivez « {posixpath.normpath(entry)} »"
        if entry.startswith(f"{folder}/"):
            return (f"« {entry} » : le chemin s'écrit depuis {folder}/, sans « {folder}/ » au début : écrivez "
                    f"« {entry.removeprefix(folder + '/')} »")
        if not os.path.isfile(os.path.join(content, *entry.split("/"))):
            return (f"« {entry} » : ce fichier n'existe pas dans {folder}/ ; écrivez son chemin depuis {folder}/ "
                    f"(« images/budget.csv » pour {folder}/images/budget.csv) ; s'il existe sur votre ordinateur "
                    f"mais pas dans la publication, ajoutez la ligne « !/{folder}/{entry} » au fichier .gitignore "
                    "pour que git l'enregistre")
    return None


SETTINGS = (
    # Each folder of content/articles/ is a section: {"slug": {"title": …, "intro": … or None}}.
    Setting("SECTIONS", REQUIRED, dict, _sections),
    # Where `new --type actualite` writes; None: the first section without findings.
    Setting("NEWS_SECTION", None, (str, type(None)), _news_section),
    # A second process reads the Markdown files ahead of the build (read_ahead.py), from this many
    # files on; False to read them in the build's process only.
    Setting("PARALLEL_READING", True, bool),
    Setting("PARALLEL_READING_MIN_FILES", 64, int, _at_least_one),
    # Files of content/ that are truly public documents although they are spreadsheets, messages or
    # archives (plugins/privacy/people_files.py refuses the others): paths from content/,
    # e.g. ["images/budget-2026.csv"].
    Setting("PUBLIC_FILES", [], list, _public_files),
)
