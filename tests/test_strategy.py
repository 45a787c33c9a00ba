"""Strategy: axes, projects and the two-way link between projects and findings."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from plugins.site_data.registry import DataFile, load_file
from plugins.strategy.projects import PROJECTS_SCHEMA, check_projects

PROJECT = """\
- id: identite
  title: Une marque
  axis: unir-les-forces
  priority: prioritaire
  start: 2016-06
  status: en-cours
  findings: [marque-partagee]
  summary: Résumé.
"""


def load(tmp_path, text):
    path = tmp_path / "projects.yml"
    path.write_text(text, encoding="utf-8")
    _, problems = load_file(str(path), DataFile("projects", PROJECTS_SCHEMA, check=check_projects), 100_000)
    return [(p.line, p.col, p.message) for p in problems]


@pytest.mark.parametrize("change, expected", [
    (("priority: prioritaire", "priority: urgent"),
     [(4, 13, "valeur « urgent » inconnue : valeurs possibles : prioritaire, long-terme")]),
    (("status: en-cours", "status: termine"),
     [(6, 11, "valeur « termine » inconnue : valeurs possibles : a-lancer, en-cours, realise")]),
    (("start: 2016-06", "start: 2016-06\n  end: 2016-05"),
     [(6, None, "le projet « identite » se termine avant de commencer (fin 2016-05, début 2016-06)")]),
    (("findings: [marque-partagee]", "findings: [marque-partagee, marque-partagee]"),
     [(7, 31, "le constat « marque-partagee » est cité deux fois dans le projet « identite »")]),
    (("axis: unir-les-forces", "axis: Rassembler"),
     [(3, 9, "identifiant « Rassembler » invalide : uniquement des minuscules sans accent, des chiffres et des tirets, "
             "en commençant par une lettre ou un chiffre (ex. concurrence-01)")]),
    (("start: 2016-06", "start: juin 2016"),
     [(5, 10, "date « juin 2016 » invalide : écrivez-la au format AAAA-MM-JJ ou AAAA-MM (ex. 2016-03-01 ou 2016-06)")]),
])
def test_project_schema_problems(tmp_path, change, expected):
    assert load(tmp_path, PROJECT.replace(*change)) == expected


def test_duplicate_project_ids(tmp_path):
    assert load(tmp_path, PROJECT + PROJECT) == [(9, None, "identifiant de projet « identite » en double (déjà utilisé ligne 1)")]


@pytest.mark.parametrize("change, expected", [
    (("axis: unir-les-forces", "axis: rassembler"),
     "data/projects.yml:3:9: axe « rassembler » inconnu : axes déclarés dans content/axes/ : ambition-partagee, "
     "mobiliser, se-renouveler, unir-les-forces"),
    (("findings: [marque-partagee]", "findings: [marque-partage]"),
     "data/projects.yml:7:14: constat « marque-partage » inconnu (projet « identite ») : aucun constat n'a cet identifiant ; "
     "vouliez-vous écrire « marque-partagee » ?"),
])
def test_unknown_axis_or_finding_fails_the_build(site, change, expected):
    site.write("data/projects.yml", PROJECT.replace(*change))
    assert [str(p) for p in site.build().problems] == [expected]


AXIS = "Title: Un axe\nId: {id}\nOrder: {order}\nAmbition: Une ambition.\n\nTexte.\n"


@pytest.mark.parametrize("relative, text, expected", [
    ("content/axes/nouvel-axe.md", AXIS.format(id="Nouvel_Axe", order=5),
     "content/axes/nouvel-axe.md:2:5: identifiant « Nouvel_Axe » invalide : uniquement des minuscules sans accent, "
     "des chiffres et des tirets, en commençant par une lettre ou un chiffre (ex. axe-1 ou mieux-accueillir)"),
    ("content/axes/nouvel-axe.md", AXIS.format(id="nouvel-axe", order="cinq"),
     "content/axes/nouvel-axe.md:3:8: ordre « cinq » invalide : écrivez un nombre entier (1, 2, 3…)"),
    ("content/axes/nouvel-axe.md", "Title: Un axe\nId: nouvel-axe\nOrder: 5\n\nTexte.\n",
     "content/axes/nouvel-axe.md:1: page d'axe : métadonnée(s) « Ambition: » manquante(s)"),
    ("content/axes/nouvel-axe.md", AXIS.format(id="mobiliser", order=5),
     "content/axes/nouvel-axe.md:2: identifiant d'axe « mobiliser » déjà utilisé par axes/mobiliser.md"),
    ("content/pages/autre.md", "Title: Autre\nAmbition: x\n\nTexte.\n",
     "content/pages/autre.md:2: métadonnée « Ambition » réservée aux pages d'axes (dossier content/axes/)"),
])
def test_axis_page_problems(site, relative, text, expected):
    site.write(relative, text)
    assert [str(p) for p in site.build().problems] == [expected]


def parse(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def resolves(built_site, page_path, href) -> bool:
    """An href relative to page_path points at an existing file and, if any, anchor."""
    path, _, anchor = href.partition("#")
    target = (page_path.parent / path / "index.html").resolve() if not path.endswith(".html") else (page_path.parent / path).resolve()
    if not target.is_file() or built_site.resolve() not in target.parents:
        return False
    return not anchor or parse(target).find(id=anchor) is not None


def test_axes_index_lists_axes_in_order_with_counts(built_site):
    page = parse(built_site / "axes" / "index.html")
    items = page.find("ol", class_="axes").find_all("li", recursive=False)
    assert [(li.h2.get_text(), li.find("p", class_="meta").get_text()) for li in items] == [
        ("Créer de l’ambition, partager une vision", "Projets prioritaires\u00a0: 0 · À plus long terme\u00a0: 0"),
        ("Rassembler et mutualiser", "Projets prioritaires\u00a0: 2 · À plus long terme\u00a0: 0"),
        ("Fédérer, faire de chacun un ambassadeur de la vallée", "Projets prioritaires\u00a0: 2 · À plus long terme\u00a0: 0"),
        ("Innover et se professionnaliser", "Projets prioritaires\u00a0: 0 · À plus long terme\u00a0: 1"),
    ]
    assert [li.h2.a["href"] for li in items] == ["../axes/ambition-partagee/", "../axes/unir-les-forces/",
                                                  "../axes/mobiliser/", "../axes/se-renouveler/"]


def test_axis_page_groups_projects_with_period_status_and_finding_links(built_site):
    path = built_site / "axes" / "unir-les-forces" / "index.html"
    page = parse(path)
    assert page.find("p", class_="intro").get_text() == (
        "Ambition\u00a0: Un projet collectif qui renforce la mutualisation des actions et des moyens, sous un même nom.")
    groups = page.main.find_all("section")
    assert [g.h2.get_text(" ", strip=True) for g in groups] == ["Projets prioritaires (2\u00a0projets)", "À plus long terme (aucun projet)"]
    assert groups[1].find("p").get_text() == "Aucun projet pour l’instant."
    cards = groups[0].find_all("li", class_="projet")
    assert [card["id"] for card in cards] == ["projet-marque-territoriale", "projet-promotion-partagee"]
    assert [card.find("p", class_="meta").get_text(" ", strip=True) for card in cards] == [
        "En cours · à partir de juin 2016 (dates et état illustratifs)",
        "À lancer · de juin 2016 à juin 2017 (dates et état illustratifs)",
    ]
    links = [a["href"] for card in cards for a in card.find("ul", class_="constats-lies").find_all("a")]
    assert links == ["../../etat-des-lieux/un-seul-nom/#marque-partagee",
                     "../../etat-des-lieux/un-seul-nom/#offices-reunis",
                     "../../etat-des-lieux/un-seul-nom/#offices-reunis",
                     "../../etat-des-lieux/un-contexte-exigeant/#destinations-rivales"]
    assert all(resolves(built_site, path, href) for href in links)


@pytest.mark.parametrize("article, finding_id, expected", [
    ("un-seul-nom", "offices-reunis",
     [("Une marque de destination cohérente (En cours)", "../../axes/unir-les-forces/#projet-marque-territoriale"),
      ("Communiquer, vendre, entreprendre sous un même nom (À lancer)",
       "../../axes/unir-les-forces/#projet-promotion-partagee")]),
    ("un-contexte-exigeant", "consommation-changeante", []),
])
def test_finding_lists_the_projects_that_answer_it(built_site, article, finding_id, expected):
    path = built_site / "etat-des-lieux" / article / "index.html"
    block = parse(path).find("section", id=finding_id).find("div", class_="projets-lies")
    assert block.h3.get_text() == "Projets qui y répondent"
    found = [(li.get_text(" ", strip=True), li.a["href"]) for li in block.find_all("li")]
    assert found == expected
    assert all(resolves(built_site, path, href) for _, href in found)
    if not expected:
        assert block.p.get_text() == "Aucun projet pour l’instant."


def test_unanswered_findings_page(built_site):
    path = built_site / "constats" / "sans-reponse" / "index.html"
    page = parse(path)
    items = page.find("ul", class_="constats").find_all("li")
    assert [(li.a.get_text(), li.a["href"]) for li in items] == [
        ("Les modes de consommation sont bouleversés",
         "../../etat-des-lieux/un-contexte-exigeant/#consommation-changeante")]
    assert page.find("p", class_="intro").get_text(" ", strip=True).startswith("1\u00a0constat sur 8 n’a encore aucun projet")
    assert resolves(built_site, path, items[0].a["href"])
