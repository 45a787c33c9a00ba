"""Articles live in a section folder declared in SECTIONS; the main menu lists the sections."""

from __future__ import annotations

import os

from core.problems import Problem


def unknown_section(article, settings) -> list[Problem]:
    sections = settings.get("SECTIONS", {})
    if article.category.slug in sections:
        return []
    folders = ", ".join(f"content/articles/{slug}/" for slug in sections)
    folder = os.path.dirname(article.relative_source_path)
    what = ("article hors rubrique" if folder in settings["ARTICLE_PATHS"]
            else f"rubrique « {article.category.name} » inconnue")
    return [Problem(article.source_path, None, None, f"{what} : placez l'article dans l'un des dossiers {folders}")]


def main_navigation(settings, used: set[str] | None = None) -> list[tuple[str, str, str]]:
    """The main menu as (id, site path, label): home, the approach (with the timeline plugin), the
    findings' index where residents take part (with the findings plugin), the sections that hold the findings, the axes (with the strategy plugin), the other sections (in
    SECTIONS order), search (with the search plugin). The id is what a template
    sets as `section` to mark its entry as current. With `used`, a section without any article
    (an office that has not written its first news post yet) has no page, hence no entry."""
    sections = {slug: section for slug, section in settings.get("SECTIONS", {}).items()
                if used is None or slug in used}
    findings = [slug for slug in settings.get("FINDINGS_SECTIONS", []) if slug in sections]

    def entry(slug: str) -> tuple[str, str, str]:
        return slug, "/" + settings["CATEGORY_URL"].format(slug=slug), sections[slug]["title"]

    plugins = settings.get("PLUGINS") or []
    return [
        ("accueil", "/", "Accueil"),
        *([("la-demarche", "/" + settings["TIMELINE_PAGE_URL"], "La démarche")]
          if "plugins.timeline" in plugins else []),
        *([("participer", "/" + settings["FINDINGS_INDEX_URL"], "Participer")] if "plugins.findings" in plugins else []),
        *map(entry, findings),
        *([("axes", "/axes/", "Axes stratégiques")] if "plugins.strategy" in plugins else []),
        *(entry(slug) for slug in sections if slug not in findings),
        *([("recherche", "/recherche/", "Rechercher")] if "plugins.search_index" in plugins else []),
    ]
