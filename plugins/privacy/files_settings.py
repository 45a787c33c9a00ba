"""The setting of the files about people (people_files.py): declared, checked at start."""

from __future__ import annotations

import os

from core.plugin_settings import Setting


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
    # Files of content/ that are truly public documents although they are spreadsheets, messages or
    # archives (people_files.py): paths from content/, e.g. ["images/budget-2026.csv"].
    Setting("PUBLIC_FILES", [], list, _public_files),
)
