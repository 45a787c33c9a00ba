"""Synthetic sites for benchmarks/build.py: the tests' site plus N diagnostic articles.

The base is the tests' own site (tests/sites/office), not the office's content: measures must not
move when the office edits its site.


Every generated article has 5 findings (`/// constat`), a heading, a list and a link, in the
words of the founding text (benchmark input only, never published). On top of the base site's axes
and projects, the corpus has one axis per 100 articles and one project per 2 articles, each
answering two generated findings, so that axis pages, the roadmap and « Projets qui y
répondent » grow with the site. Phases are the base site's.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "tests" / "sites" / "office"
SETTINGS = SITE / "pelicanconf.py"  # builds override PATH and DATA_PATH with the corpus's folders
FINDINGS_SECTION = "etat-des-lieux"  # FINDINGS_SECTIONS[0] of that site
FINDINGS_PER_ARTICLE = 5
THEMES = ("conjoncture", "gouvernance", "reseau")
PRIORITIES = ("prioritaire", "long-terme")
STATUSES = ("a-lancer", "en-cours", "realise")

SENTENCES = (
    "Le renforcement de l’attractivité de la destination Serre Chevalier Vallée Briançon est un enjeu "
    "majeur pour le développement économique, pour l’emploi et la qualité de vie des habitants.",
    "Il est nécessaire d’opérer un changement profond pour adopter de nouvelles manières de fonctionner : "
    "au niveau des relations et du dialogue entre les acteurs ainsi qu’au niveau des méthodes de travail.",
    "Les professionnels connaissent notre clientèle et doivent être un relais principal dans une "
    "communication homogène et cohérente.",
    "Fédérer les énergies, mobiliser l’intelligence collective, la créativité et la capacité d’innovation "
    "de chacun, décloisonner les secteurs et favoriser les synergies pour innover.",
)


def article(index: int) -> str:
    day = datetime.date(2016, 3, 1) + datetime.timedelta(days=index % 60)
    stamp = f"{day.isoformat()} {index // 60 % 24:02d}:{index % 60:02d}"
    blocks = []
    for number in range(FINDINGS_PER_ARTICLE):
        text = SENTENCES[(index + number) % len(SENTENCES)]
        blocks.append(
            f"/// constat | Constat {number + 1} de l’article {index}\n"
            f"    id: c{index:04d}-{number + 1}\n"
            f"    theme: {THEMES[(index + number) % len(THEMES)]}\n\n"
            f"« {text} »\n\n"
            f"- {SENTENCES[(index + number + 1) % len(SENTENCES)]}\n"
            f"- Voir [la démarche]({{filename}}/pages/la-demarche.md).\n"
            "///\n")
    return (
        f"Title: Article de diagnostic n° {index}\n"
        f"Date: {stamp}\n"
        f"Summary: {SENTENCES[index % len(SENTENCES)]}\n\n"
        f"{SENTENCES[(index + 1) % len(SENTENCES)]}\n\n"
        + "\n".join(blocks)
        + f"\n## Les questions posées\n\n{SENTENCES[(index + 2) % len(SENTENCES)]}\n")


def axis(index: int) -> str:
    return (f"Title: Axe de test n° {index}\nId: axe-{index:03d}\nOrder: {10 + index}\n"
            f"Ambition: {SENTENCES[index % len(SENTENCES)]}\nSummary: Axe n° {index} du corpus de mesure.\n\n"
            f"« {SENTENCES[(index + 1) % len(SENTENCES)]} »\n")


def project(index: int, axes: int, articles: int) -> str:
    first, second = (2 * index) % articles, (2 * index + 1) % articles
    start = 2017 + index % 6
    return (f"- id: projet-{index:04d}\n"
            f"  title: Projet de test n° {index}\n"
            f"  axis: axe-{index % axes:03d}\n"
            f"  priority: {PRIORITIES[index % 2]}\n"
            f"  start: {start}-{index % 12 + 1:02d}\n"
            f"  end: {start + 1}-{index % 12 + 1:02d}\n"
            f"  status: {STATUSES[index % 3]}\n"
            "  illustrative: true\n"
            f"  findings: [c{first:04d}-{index % 5 + 1}, c{second:04d}-{(index + 2) % 5 + 1}]\n"
            f"  summary: >-\n    {SENTENCES[index % len(SENTENCES)]}\n")


def make_corpus(base: Path, articles: int) -> Path:
    """base/content and base/data: the base site and `articles` generated diagnostic articles."""
    shutil.copytree(SITE / "content", base / "content")
    shutil.copytree(SITE / "data", base / "data")
    folder = base / "content" / "articles" / FINDINGS_SECTION
    for index in range(articles):
        (folder / f"article-{index:04d}.md").write_text(article(index), encoding="utf-8")
    axes = max(1, articles // 100)
    for index in range(axes):
        (base / "content" / "axes" / f"axe-{index:03d}.md").write_text(axis(index), encoding="utf-8")
    projects = base / "data" / "projects.yml"  # the base site's projects, then ours
    with projects.open("a", encoding="utf-8") as handle:
        handle.write("\n" + "".join(project(index, axes, articles) for index in range(articles // 2)))
    return base


def edit_article(base: Path, run: int) -> Path:
    """The one-article change of a cached rebuild: a paragraph appended to the first article."""
    path = base / "content" / "articles" / FINDINGS_SECTION / "article-0000.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\nParagraphe ajouté n° {run}.\n", encoding="utf-8")
    return path
