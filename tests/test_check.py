"""`invoke check`: the strict build, then internal links, anchors and alt texts, in French with lines."""

from __future__ import annotations

import pytest

from publishing.check import check_site, format_report
from publishing.links import SiteLinks

from conftest import OFFICE_SITE, copy_project

LOCAL = str(OFFICE_SITE / "pelicanconf.py")
ARTICLE = "Title: Un article\nDate: 2016-03-01\nSummary: Résumé.\n\nPremier paragraphe.\n\n{body}\n"


def check(site, **overrides):
    overrides = {"PATH": str(site.base / "content"), "DATA_PATH": str(site.base / "data"), **overrides}
    return check_site(LOCAL, overrides)


def messages(result) -> list[str]:
    return sorted(str(problem) for problem in result.problems)


def test_tests_site_passes(site):
    result = check(site)
    assert result.problems == []
    text, ok = format_report(result)
    assert ok
    # The tests' site keeps the demo's placeholders (a non-demo site): warnings, listed before the verdict.
    assert text.splitlines()[-1].startswith("Vérification réussie : aucun problème (")
    assert result.placeholders and not result.demo
    assert result.links.pages >= 15 and result.links.internal_links > 100 and result.links.anchors > 10
    assert not site.output.exists()  # check never writes output/


def test_build_problems_stop_before_the_links(site):
    site.write("data/phases.yml", "- id: x\n\ttitle: y\n")
    site.write("content/articles/nouvelles/a.md", ARTICLE.format(body="[x](../absente/)"))
    result = check(site)
    assert messages(result) == ["data/phases.yml:2:1: tabulation interdite : en YAML, indentez avec des espaces"]
    assert result.links is None
    text, ok = format_report(result)
    assert not ok
    assert text.splitlines() == [
        "data/phases.yml:2:1: tabulation interdite : en YAML, indentez avec des espaces",
        "",
        "Échec de la vérification : 1 problème à corriger dans les données ou les contenus (les liens seront "
        "vérifiés une fois ceux-ci corrigés).",
    ]


@pytest.mark.parametrize("body, expected", [
    pytest.param(
        "Voir [le constat]({filename}../etat-des-lieux/un-seul-nom.md#marque-partage).",
        "content/articles/nouvelles/a.md:7: ancre introuvable : « #marque-partage » n'existe pas dans la page "
        "/etat-des-lieux/un-seul-nom/ : vouliez-vous écrire « #marque-partagee » ?",
        id="broken-anchor-in-filename-link"),
    pytest.param(
        "Voir [plus bas](#conclusion).",
        "content/articles/nouvelles/a.md:7: ancre introuvable : « #conclusion » n'existe pas dans la page "
        "/nouvelles/a/",
        id="broken-anchor-same-page"),
    pytest.param(
        "Voir [la page](../absente/).",
        "content/articles/nouvelles/a.md:7: lien interne cassé : « ../absente/ » ne mène à aucune page ni aucun "
        "fichier du site (adresse cherchée : /nouvelles/absente/)",
        id="broken-relative-link"),
    pytest.param(
        "Voir [le diagnostic](/etat-des-lieux/).",
        "content/articles/nouvelles/a.md:7: lien « /etat-des-lieux/ » hors du site : le site est publié à l'adresse "
        "https://www.example.org/la-vallee-au-sommet/, ce lien mène à /etat-des-lieux/ ; écrivez un lien {filename} "
        "vers le fichier source, ou un lien relatif",
        id="root-link-leaves-the-published-folder"),
])
def test_output_problems_point_at_the_markdown_line(site, body, expected):
    site.write("content/images/plan.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")  # STATIC_PATHS
    site.write("content/articles/nouvelles/a.md", ARTICLE.format(body=body))
    result = check(site)
    assert result.build_problems == []
    assert messages(result) == [expected]
    text, ok = format_report(result)
    assert not ok
    assert text.splitlines()[-1].startswith("Échec de la vérification : 1 problème à corriger (")


def test_image_with_alt_text_is_fine(site):
    site.write("content/images/plan.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    site.write("content/articles/nouvelles/a.md", ARTICLE.format(
        body="![Plan de la vallée](../../images/plan.svg)"))
    result = check(site)
    assert result.problems == []
    assert result.links.images == 0  # images counted are the ones without alt


def test_image_without_alt_from_the_templates(tmp_path):
    """Markdown always writes alt (and raw HTML is text): only a template can forget it."""
    (tmp_path / "index.html").write_text('<!doctype html>\n<title>a</title>\n<p><img src="logo.svg">\n',
                                         encoding="utf-8")
    (tmp_path / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    report = SiteLinks(tmp_path, "https://www.example.org/site").check()
    assert list(map(str, report.problems)) == [
        "output/index.html:3: image « logo.svg » sans texte alternatif : ajoutez alt=\"…\" avec une courte "
        "description de l'image (page /, produite par les gabarits du thème ou les extensions)"]


def test_relative_link_in_a_summary_is_reported_where_it_breaks(site):
    """A hand-written relative link shown on listings too resolves differently there."""
    site.write("content/articles/nouvelles/a.md", "Title: Un article\nDate: 2016-03-01\n\n[x](../absente/)\n")
    result = check(site)
    assert messages(result) == [
        "content/articles/nouvelles/a.md:4: lien interne cassé : « ../absente/ » ne mène à aucune page ni aucun "
        "fichier du site (adresse cherchée : /absente/) (pages : /archives/, /nouvelles/)",
        "content/articles/nouvelles/a.md:4: lien interne cassé : « ../absente/ » ne mène à aucune page ni aucun "
        "fichier du site (adresse cherchée : /nouvelles/absente/)",
    ]


def test_broken_link_in_data_points_at_the_data_file(site):
    phases = (site.base / "data/phases.yml").read_text(encoding="utf-8")
    line = phases.splitlines().index("  link: /etat-des-lieux/") + 1
    site.write("data/phases.yml", phases.replace("link: /etat-des-lieux/", "link: /etat-des-lieu/"))
    result = check(site)
    assert result.build_problems == []
    [problem] = result.problems
    assert str(problem).startswith(
        f"data/phases.yml:{line}: lien interne cassé : « /etat-des-lieu/ » ne mène à aucune page ni aucun fichier du "
        "site (adresse cherchée : /etat-des-lieu/) (pages : /, ")
    assert "/la-demarche/" in str(problem)


def test_problem_from_the_templates_names_the_output_page(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a/index.html").write_text(
        '<!doctype html>\n<title>a</title>\n<p><a href="../b/">b</a> <a href="../c/">c</a>\n'
        '<a href="../b/#ici">ici</a> <a href="../b/#la">là</a> <a href="#top">haut</a>\n'
        '<a href="mailto:x@example.org">courriel</a> <a href="https://ailleurs.example.org/">ailleurs</a>\n'
        '<a href="webcal://www.example.org/site/b/agenda.ics">agenda</a>\n', encoding="utf-8")
    (tmp_path / "b/index.html").write_text('<p id="ici">ici</p>', encoding="utf-8")
    report = SiteLinks(tmp_path, "https://www.example.org/site").check()
    assert sorted(map(str, report.problems)) == [
        "output/a/index.html:3: lien interne cassé : « ../c/ » ne mène à aucune page ni aucun fichier du site "
        "(adresse cherchée : /c/) (page /a/, produite par les gabarits du thème ou les extensions)",
        "output/a/index.html:4: ancre introuvable : « #la » n'existe pas dans la page /b/ (page /a/, produite par "
        "les gabarits du thème ou les extensions)",
        "output/a/index.html:6: lien interne cassé : « webcal://www.example.org/site/b/agenda.ics » ne mène à "
        "aucune page ni aucun fichier du site (adresse cherchée : /b/agenda.ics) (page /a/, produite par les "
        "gabarits du thème ou les extensions)",
    ]
    assert (report.pages, report.internal_links, report.anchors, report.external_links) == (2, 6, 2, 1)


def test_invoke_check_exit_codes(tmp_path):
    """The task itself, on a copy of the project (completed: no placeholder to list, see
    tests/test_placeholders.py): exit 0 with a summary, then exit 1 with the lines."""
    from test_publish_gate import complete_placeholders
    from test_tasks_new import invoke

    project = copy_project(tmp_path)
    complete_placeholders(project)
    good = invoke(project, "check")
    assert good.returncode == 0, good.stderr
    assert good.stdout.startswith("Vérification réussie : aucun problème (")
    article = project / "content/articles/nouvelles/ouverture.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nVoir [la page](../absente/).\n", encoding="utf-8")
    line = article.read_text(encoding="utf-8").count("\n")
    bad = invoke(project, "check")
    assert bad.returncode == 1
    assert bad.stderr.splitlines() == [
        f"content/articles/nouvelles/ouverture.md:{line}: lien interne cassé : « ../absente/ » ne mène à aucune "
        "page ni aucun fichier du site (adresse cherchée : /nouvelles/absente/)",
        "",
        bad.stderr.splitlines()[-1],
    ]
    assert bad.stderr.splitlines()[-1].startswith("Échec de la vérification : 1 problème à corriger (")


def test_problems_of_one_line_are_listed_column_by_column():
    """Two personal data on one line of an article: the first one in the line comes first."""
    from core.problems import Problem
    from publishing.check import sorted_problems

    problems = [Problem("content/a.md", 6, 78, "donnée personnelle dans le site publié (adresse électronique)"),
                Problem("content/a.md", 6, 48, "donnée personnelle dans le site publié (téléphone)")]
    assert [problem.col for problem in sorted_problems(problems)] == [48, 78]
