"""Synthetic sites for benchmarks/build.py: the tests' site plus N diagnostic articles.

The base is the tests' own site (tests/sites/office), not the office's content: measures must not
move when the office edits its site.

The generated articles are clearly synthetic (« Article de diagnostic n° 12 », « Constat 3 de
l’article 12 ») and varied, so that no single shape is measured: from 1 to 9 findings
(`/// constat`) per article, 5 on average (findings_count), paragraphs of 1 to 5 sentences,
headings, lists, emphasis and `{filename}` links, every sentence taken from the founding text
(benchmark input only, never published). Drawn by a random generator seeded with the article's
number: the same N gives the same files. On top of the base site's axes and projects, the corpus
has one axis per 100 articles and one project per 2 articles, each answering two generated
findings, so that axis pages, the roadmap and « Projets qui y répondent » grow with the site.
Phases are the base site's.
"""

from __future__ import annotations

import datetime
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "tests" / "sites" / "office"
SETTINGS = SITE / "pelicanconf.py"  # builds override PATH and DATA_PATH with the corpus's folders
FINDINGS_SECTION = "etat-des-lieux"  # FINDINGS_SECTIONS[0] of that site
FINDINGS_PER_ARTICLE = 5  # on average (findings_count)
THEMES = ("conjoncture", "gouvernance", "reseau")
PRIORITIES = ("prioritaire", "long-terme")
STATUSES = ("a-lancer", "en-cours", "realise")

# Sentences of the founding text (shared/seed/la-vallee-au-sommet.txt), as written.
SENTENCES = (
    "Le renforcement de l’attractivité de la destination Serre Chevalier Vallée Briançon est un enjeu "
    "majeur pour le développement économique, pour l’emploi et la qualité de vie des habitants.",
    "Il est nécessaire d’opérer un changement profond pour adopter de nouvelles manières de fonctionner : "
    "au niveau des relations et du dialogue entre les acteurs ainsi qu’au niveau des méthodes de travail.",
    "Les professionnels connaissent notre clientèle et doivent être un relais principal dans une "
    "communication homogène et cohérente.",
    "Fédérer les énergies, mobiliser l’intelligence collective, la créativité et la capacité d’innovation "
    "de chacun, décloisonner les secteurs et favoriser les synergies pour innover.",
    "Ceci passe par la clarification de nos ambitions et l’émergence d’une vision partagée, qui portera la "
    "vallée au sommet.",
    "La crise économique, la raréfaction de l’argent public, les bouleversements liés aux modes de "
    "consommation et l’âpreté de la concurrence dans le domaine du tourisme et des loisirs invitent à tracer "
    "une nouvelle feuille de route : savoir qui on est, où on veut aller et comment ?",
    "La fierté d’appartenir à Serre Chevalier Vallée Briançon doit devenir une évidence.",
    "L’élaboration de la stratégie d’attractivité est une opportunité à saisir pour conduire un projet "
    "collectif qui rassemble et qui renforce la mutualisation des actions et des moyens.",
    "L’un des objectifs est de renforcer la collaboration et la mutualisation dans le domaine de la "
    "promotion, de partager un discours commun autour d’une marque de destination cohérente.",
    "Tous les acteurs motivés et impliqués sur notre territoire peuvent participer à la dynamique de "
    "développement, en apportant des idées, en initiant des projets cohérents et en contribuant à "
    "promouvoir la destination.",
    "Innover et gagner en professionnalisme dans les pratiques, dans la gouvernance, dans l’offre proposée "
    "aux visiteurs.",
    "C’est la mise en place d’actions concrètes, s’inscrivant dans une ambition partagée.",
)
HEADINGS = ("Les constats", "Les questions posées", "Créer de l’ambition, partager une vision",
            "Rassembler et mutualiser", "Innover et se professionnaliser")


def findings_count(index: int) -> int:
    """Findings of the generated article `index`: 1 to 9, 5 on average over any 9 articles in a row."""
    return 1 + (index * 4) % 9


def _paragraph(draw: random.Random, longest: int = 5) -> str:
    sentences = draw.sample(SENTENCES, draw.randint(1, longest))
    if draw.random() < 0.3:
        sentences[0] = f"**{sentences[0]}**"
    return " ".join(sentences)


def article(index: int) -> str:
    draw = random.Random(index)
    day = datetime.date(2016, 3, 1) + datetime.timedelta(days=index % 60)
    stamp = f"{day.isoformat()} {index // 60 % 24:02d}:{index % 60:02d}"
    blocks = []
    for number in range(findings_count(index)):
        body = [f"« {_paragraph(draw, 3)} »"]
        if draw.random() < 0.6:
            body.append("\n".join(f"- {sentence}" for sentence in draw.sample(SENTENCES, draw.randint(1, 4))))
        if draw.random() < 0.5:
            body.append("Voir [la démarche]({filename}/pages/la-demarche.md).")
        if draw.random() < 0.3:
            body.append(_paragraph(draw))
        blocks.append(
            f"/// constat | Constat {number + 1} de l’article {index}\n"
            f"    id: c{index:04d}-{number + 1}\n"
            f"    theme: {THEMES[(index + number) % len(THEMES)]}\n\n"
            + "\n\n".join(body) + "\n///\n")
    intro = "\n\n".join(_paragraph(draw) for _ in range(draw.randint(1, 4)))
    ending = "\n\n".join(_paragraph(draw) for _ in range(draw.randint(1, 3)))
    return (
        f"Title: Article de diagnostic n° {index}\n"
        f"Date: {stamp}\n"
        f"Summary: {SENTENCES[index % len(SENTENCES)]}\n\n"
        f"{intro}\n\n"
        + "\n".join(blocks)
        + f"\n## {draw.choice(HEADINGS)}\n\n{ending}\n")


def axis(index: int) -> str:
    return (f"Title: Axe de test n° {index}\nId: axe-{index:03d}\nOrder: {10 + index}\n"
            f"Ambition: {SENTENCES[index % len(SENTENCES)]}\nSummary: Axe n° {index} du corpus de mesure.\n\n"
            f"« {SENTENCES[(index + 1) % len(SENTENCES)]} »\n")


def project(index: int, axes: int, articles: int) -> str:
    first, second = (2 * index) % articles, (2 * index + 1) % articles
    first_finding = index % findings_count(first) + 1
    second_finding = (index + 2) % findings_count(second) + 1
    start = 2017 + index % 6
    return (f"- id: projet-{index:04d}\n"
            f"  title: Projet de test n° {index}\n"
            f"  axis: axe-{index % axes:03d}\n"
            f"  priority: {PRIORITIES[index % 2]}\n"
            f"  start: {start}-{index % 12 + 1:02d}\n"
            f"  end: {start + 1}-{index % 12 + 1:02d}\n"
            f"  status: {STATUSES[index % 3]}\n"
            "  illustrative: true\n"
            f"  findings: [c{first:04d}-{first_finding}, c{second:04d}-{second_finding}]\n"
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
