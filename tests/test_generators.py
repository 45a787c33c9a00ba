"""Generator level: plugins fill Pelican's shared context (generate_context() only, nothing written)."""

from __future__ import annotations

from pelican import Pelican
from pelican.generators import ArticlesGenerator, PagesGenerator

from core.plugin_settings import read_site_settings
from site_build import reset_pelican_logging

from conftest import OFFICE_SITE


def generate(site, tmp_path):
    reset_pelican_logging()
    settings = read_site_settings(str(OFFICE_SITE / "pelicanconf.py"), override={
        "PATH": str(site.base / "content"), "DATA_PATH": str(site.base / "data"),
        "OUTPUT_PATH": str(tmp_path / "unused"),
    })
    pelican = Pelican(settings)  # sends `initialized`: settings checked, data loaded
    context = settings.copy()
    context.update(generated_content={}, static_links=set(), static_content={}, localsiteurl="")
    generators = [cls(context=context, settings=settings, path=settings["PATH"], theme=settings["THEME"],
                      output_path=settings["OUTPUT_PATH"]) for cls in (ArticlesGenerator, PagesGenerator)]
    for generator in generators:
        generator.generate_context()
    return pelican, context


def test_phases_reach_the_context_with_their_state(site, tmp_path):
    site.write("data/phases.yml", (
        "- id: avant\n  title: Avant\n  start: 2016-01\n  end: 2016-02\n  summary: A.\n"
        "- id: maintenant\n  title: Maintenant\n  start: 2026-06\n  summary: B.\n"
        "- id: apres\n  title: Après\n  start: 2027-01\n  summary: C.\n"
    ))
    _, context = generate(site, tmp_path)  # SOURCE_DATE_EPOCH = 2026-07-01
    assert [(p["id"], p["state"], p["state_label"]) for p in context["PHASES"]] == [
        ("avant", "passee", "Terminée"), ("maintenant", "en-cours", "En cours"), ("apres", "a-venir", "À venir"),
    ]


def test_articles_are_filed_by_folder_with_stable_urls(site, tmp_path):
    site.write("content/articles/etat-des-lieux/l-etat-des-lieux.md", "Title: L'État des lieux\nDate: 2016-03-02\n\nx\n")
    _, context = generate(site, tmp_path)
    article = next(a for a in context["articles"] if a.slug == "l-etat-des-lieux")
    assert (article.category.name, article.url, article.save_as) == (
        "etat-des-lieux", "etat-des-lieux/l-etat-des-lieux/", "etat-des-lieux/l-etat-des-lieux/index.html")
