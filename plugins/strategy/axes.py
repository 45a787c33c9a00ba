"""Axes: one Markdown page each in content/axes/, with `Id:`, `Order:` and `Ambition:`.

Axis pages are Pelican pages; this module gives them their URL (/axes/<id>/) and
template, and checks their metadata with the line where it is written.
"""

from __future__ import annotations

import os
import re

from core.markdown_header import metadata_lines
from core.problems import Problem, read_markdown

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
AXIS_KEYS = ("id", "order", "ambition")


def check_axis_id(value: str) -> str | None:
    if ID_PATTERN.match(value):
        return None
    return (f"identifiant « {value} » invalide : uniquement des minuscules sans accent, des chiffres et des "
            "tirets, en commençant par une lettre ou un chiffre (ex. axe-1 ou mieux-accueillir)")


def check_order(value: str) -> str | None:
    return None if re.fullmatch(r"[0-9]{1,3}", value) else f"ordre « {value} » invalide : écrivez un nombre entier (1, 2, 3…)"


def is_axis_page(content, settings) -> bool:
    relative = content.relative_source_path.replace(os.sep, "/")
    return relative.startswith(settings["AXES_PATH"].rstrip("/") + "/")


def _line_of(content, key: str) -> int | None:
    lines = metadata_lines(read_markdown(content.source_path))  # as the strict reader read it: same lines
    return next((line for line, name, _, _ in lines if name.lower() == key), None)


def setup_axis_page(page, settings) -> list[Problem]:
    """URL, template and checks of an axis page; metadata of axes elsewhere is a mistake."""
    metadata = page.metadata
    if not is_axis_page(page, settings):
        misplaced = [key for key in AXIS_KEYS if key in metadata]
        return [Problem(page.source_path, _line_of(page, key), None, (
            f"métadonnée « {key.capitalize()} » réservée aux pages d'axes (dossier content/{settings['AXES_PATH']}/)"))
            for key in misplaced]
    missing = [key for key in AXIS_KEYS if not metadata.get(key)]
    if missing:
        names = ", ".join(f"« {key.capitalize()}: »" for key in missing)
        return [Problem(page.source_path, 1, None, f"page d'axe : métadonnée(s) {names} manquante(s)")]
    axis_id = metadata["id"]
    page.override_url = settings["AXIS_URL"].format(id=axis_id)
    page.override_save_as = settings["AXIS_SAVE_AS"].format(id=axis_id)
    page.template = "axe"
    page.axis_id, page.axis_order = axis_id, int(metadata["order"])
    return []


def axes_of(pages) -> tuple[list, list[Problem]]:
    """Axis pages in their order; duplicate ids or orders are problems."""
    axes = sorted((p for p in pages if hasattr(p, "axis_id")), key=lambda p: (p.axis_order, p.axis_id))
    problems, seen_ids, seen_orders = [], {}, {}
    for page in axes:
        for seen, key, value, what in ((seen_ids, "id", page.axis_id, "identifiant d'axe"),
                                       (seen_orders, "order", page.axis_order, "ordre")):
            if value in seen:
                problems.append(Problem(page.source_path, _line_of(page, key), None, (
                    f"{what} « {value} » déjà utilisé par {seen[value].relative_source_path}")))
            seen.setdefault(value, page)
    return axes, problems
