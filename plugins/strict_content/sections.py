"""Articles live in a section folder declared in SECTIONS (diagnostic, actualites)."""

from __future__ import annotations

import os

from site_data.errors import Problem


def unknown_section(article, settings) -> list[Problem]:
    sections = settings.get("SECTIONS", {})
    if article.category.slug in sections:
        return []
    folders = ", ".join(f"content/articles/{slug}/" for slug in sections)
    folder = os.path.dirname(article.relative_source_path)
    what = ("article hors rubrique" if folder in settings["ARTICLE_PATHS"]
            else f"rubrique « {article.category.name} » inconnue")
    return [Problem(article.source_path, None, None, f"{what} : placez l'article dans l'un des dossiers {folders}")]
