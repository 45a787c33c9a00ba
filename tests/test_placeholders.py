"""Placeholders never go live (publishing/placeholders.py): example addresses, « À compléter », a file
as `new` wrote it, legal details to complete. `check` lists them as warnings and succeeds; the
publication gate refuses them, each at its file and line; the demo (DEMO_SITE = True) lists them
as information, publishes, and says « Site de démonstration » on every page.

The tests' site (tests/sites/office) is not a demo: it keeps the demo's placeholders, so that the
refusal is tested on them; the gate's tests of a good publication complete it first
(test_publish_gate.complete_placeholders).
"""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from core.plugin_settings import read_site_settings
from publishing.check import check_site, format_report
from publishing.gate import NOTHING_CHANGED, publish, refusal
from publishing.placeholders import example_addresses, find_placeholders, untouched_scaffold
from publishing.scaffold import scaffold

from conftest import FIXED_EPOCH, OFFICE_SITE, ROOT, SiteCopy, copy_project
from test_docs import replace_settings
from test_publish_gate import Repos, git

TODAY = datetime.date(2026, 6, 30)
EXAMPLE_URL = "https://www.example.org/la-vallee-au-sommet"
PLACEHOLDER_TEXT = "texte « À compléter » : remplacez-le par le texte définitif"
UNTOUCHED = ("fichier tel que « python3 manage.py new » l'a créé : écrivez son texte à la place de chaque "
             "« À compléter », ou supprimez-le")
CONTACT = ("réglage CONTACT_EMAIL : adresse d'exemple « consultation@example.org » : indiquez l'adresse "
           "électronique qui recevra réellement les réactions")
SITE_ADDRESS = f"réglage PUBLIC_SITEURL : adresse d'exemple « {EXAMPLE_URL} » : indiquez l'adresse réelle du site"
NOTICE = ("Site de démonstration : les adresses, les coordonnées et les mentions légales de ce site sont "
          "provisoires ou fictives.")


def line_of(path: Path, needle: str, start: int = 1) -> int:
    """The number of the first line (from `start`) of `path` holding `needle`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if number >= start and needle in line)


def legal(name: str, key: str | None, label: str, pages: str) -> str:
    shown = f"réglage {name}" + (f", clé « {key} »" if key else "")
    return f"{shown} ({label}) : à compléter, {pages} « à compléter »"


def office_legal_lines(settings: Path, shown: str = "pelicanconf.py") -> list[str]:
    """The legal details the tests' site leaves to None, as the gate and `check` list them."""
    publisher = line_of(settings, "PUBLISHER = {")
    host = line_of(settings, "HOST = {")
    legal_notice = "la page Mentions légales affiche"
    personal_data = "la page Données personnelles affiche"
    rows = [
        (line_of(settings, '"legal_form"', publisher), "PUBLISHER", "legal_form", "forme juridique de l'éditeur",
         legal_notice),
        (line_of(settings, '"address"', publisher), "PUBLISHER", "address", "adresse du siège de l'éditeur",
         "les pages Mentions légales, Données personnelles et Accessibilité affichent"),
        (line_of(settings, '"phone"', publisher), "PUBLISHER", "phone", "téléphone de l'éditeur", legal_notice),
        (line_of(settings, '"siret"', publisher), "PUBLISHER", "siret", "numéro SIRET de l'éditeur", legal_notice),
        (line_of(settings, '"director"', publisher), "PUBLISHER", "director",
         "directeur ou directrice de la publication", legal_notice),
        (line_of(settings, '"name"', host), "HOST", "name", "nom de l'hébergeur",
         "les pages Mentions légales et Données personnelles affichent"),
        (line_of(settings, '"address"', host), "HOST", "address", "adresse de l'hébergeur", legal_notice),
        (line_of(settings, '"phone"', host), "HOST", "phone", "téléphone de l'hébergeur", legal_notice),
        (line_of(settings, "DATA_PROTECTION_OFFICER = "), "DATA_PROTECTION_OFFICER", None,
         "contact du délégué à la protection des données", personal_data),
        (line_of(settings, "HOST_LOG_RETENTION = "), "HOST_LOG_RETENTION", None,
         "durée de conservation des journaux de l'hébergeur", personal_data),
    ]
    return [f"{shown}:{line}: {legal(name, key, label, pages)}" for line, name, key, label, pages in rows]


def office_placeholders(base: Path) -> list[str]:
    """Everything the tests' site (a copy in `base`) leaves to complete, sorted as reported."""
    settings = base / "pelicanconf.py"
    accessibility = base / "content/pages/accessibilite.md"
    lines = [
        f"content/pages/accessibilite.md:{line_of(accessibility, 'À compléter')}: {PLACEHOLDER_TEXT}",
        f"pelicanconf.py:{line_of(settings, 'PUBLIC_SITEURL = ')}: {SITE_ADDRESS}",
        f"pelicanconf.py:{line_of(settings, 'CONTACT_EMAIL = ')}: {CONTACT}",
        *office_legal_lines(settings),
    ]
    return sorted(lines, key=lambda text: (text.split(":")[0], int(text.split(":")[1])))


# -- finding them -------------------------------------------------------------------------------

def test_example_addresses_are_found_whole():
    text = ("Écrivez à consultation@example.org, ou voyez [le site](https://www.example.org/vallee/a?b=1). "
            "Formulaire : https://forms.example.com/f?constat={id} ; miroir « example.net ». "
            "Pas ceux-ci : counterexample.org, example.organic.fr, example.fr, exemple.org.")
    assert example_addresses(text) == ["consultation@example.org", "https://www.example.org/vallee/a?b=1",
                                       "https://forms.example.com/f?constat=", "example.net"]


def test_the_tests_site_keeps_the_demos_placeholders(site):
    result = check_site(str(site.settings))
    assert result.build_problems == [] and result.links.problems == []
    assert not result.demo
    assert [str(problem) for problem in result.placeholders] == office_placeholders(site.base)


def test_each_kind_is_found_at_its_line(site):
    """Besides the settings: a file as `new` wrote it (date changed), one half written, example
    addresses in content and data; a draft may hold placeholders (it is not published)."""
    settings = read_site_settings(str(site.settings))
    untouched = scaffold("diagnostic", "Les saisons", site.base / "content", site.base / "data", TODAY, settings)
    untouched.path.write_text(re.sub(r"Date: .*", "Date: 2026-05-02", untouched.path.read_text(encoding="utf-8")),
                              encoding="utf-8")
    half = scaffold("actualite", "Fête d'été", site.base / "content", site.base / "data", TODAY, settings).path
    half.write_text(re.sub(r"Summary: .*", "Summary: La fête de la vallée.", half.read_text(encoding="utf-8")),
                    encoding="utf-8")
    site.write("content/articles/nouvelles/brouillon.md",
               "Title: Brouillon\nDate: 2026-06-01\nStatus: draft\n\nÀ compléter : voir https://www.example.org/.\n")
    article = site.write("content/articles/nouvelles/ouverture.md", (
        site.base / "content/articles/nouvelles/ouverture.md").read_text(encoding="utf-8")
        + "\nLe programme : [en ligne](https://agenda.example.com/vallee).\n")
    projects = site.write("data/projects.yml", (site.base / "data/projects.yml").read_text(encoding="utf-8")
                          .replace("  title: ", "  title: À compléter ", 1))
    result = check_site(str(site.settings))
    assert result.build_problems == [] and result.links.problems == []
    found = [str(problem) for problem in result.placeholders]
    expected_files = [
        f"content/articles/etat-des-lieux/les-saisons.md:1: {UNTOUCHED}",
        *(f"content/articles/nouvelles/fete-d-ete.md:{number}: {PLACEHOLDER_TEXT}"
          for number, line in enumerate(half.read_text(encoding="utf-8").split("\n"), 1) if "À compléter" in line),
        f"content/articles/nouvelles/ouverture.md:{line_of(article, 'agenda.example.com')}: adresse d'exemple "
        "« https://agenda.example.com/vallee » : remplacez-la par une adresse réelle",
        f"data/projects.yml:{line_of(projects, 'À compléter')}: {PLACEHOLDER_TEXT}",
    ]
    assert found == sorted(expected_files + office_placeholders(site.base),
                           key=lambda text: (text.split(":")[0], int(text.split(":")[1])))
    assert len([line for line in found if "fete-d-ete" in line]) == 1  # the body, the summary being written


def test_a_setting_copied_from_another_is_reported_once_where_it_is_written(site):
    """publishconf.py copies PUBLIC_SITEURL into SITEURL and FEED_DOMAIN: one line, in pelicanconf.py.
    A form address on an example host is reported too."""
    site.write("pelicanconf.py", replace_settings(
        site.settings.read_text(encoding="utf-8"),
        'FEEDBACK_BACKEND = "https://forms.example.net/f?constat={id}&page={url}"\n'))
    result = check_site(str(site.base / "publishconf.py"))
    found = [str(problem) for problem in result.placeholders]
    assert [line for line in found if "example" in line] == [
        f"pelicanconf.py:{line_of(site.settings, 'PUBLIC_SITEURL = ')}: {SITE_ADDRESS}",
        f"pelicanconf.py:{line_of(site.settings, 'CONTACT_EMAIL = ')}: {CONTACT}",
        f"pelicanconf.py:{line_of(site.settings, 'FEEDBACK_BACKEND = ')}: réglage FEEDBACK_BACKEND : adresse "
        "d'exemple « https://forms.example.net/f?constat= » : remplacez-la par une adresse réelle",
    ]


def test_a_setting_given_as_an_option_has_no_line(tmp_path):
    (tmp_path / "content").mkdir()
    settings = {"PATH": str(tmp_path / "content"), "CONTACT_EMAIL": "x@example.com", "FEEDBACK_RETENTION": "1 an",
                "PUBLISHER": {"name": "Office", "legal_form": "EPIC", "address": "a", "phone": "b", "siret": "c",
                              "director": "d"},
                "HOST": {"name": "e", "address": "f", "phone": "g"}, "DATA_PROTECTION_OFFICER": "h",
                "HOST_LOG_RETENTION": "i", "ACCESSIBILITY_AUDIT": {"date": "2026-01-01", "auditor": "j", "rate": None}}
    overrides = {name: settings[name] for name in ("CONTACT_EMAIL", "ACCESSIBILITY_AUDIT")}
    found = find_placeholders(str(tmp_path / "pelicanconf.py"), settings, overrides)
    assert [(Path(problem.path).name, problem.line, problem.message) for problem in found] == [
        ("pelicanconf.py", None, "réglage ACCESSIBILITY_AUDIT, clé « rate » (taux de critères respectés selon "
                                 "l'audit) : à compléter, la page Accessibilité affiche « à compléter »"),
        ("pelicanconf.py", None, "réglage CONTACT_EMAIL (donné en option) : adresse d'exemple « x@example.com » : "
                                 "indiquez l'adresse électronique qui recevra réellement les réactions"),
    ]


@pytest.mark.parametrize("kind, title", [("actualite", "Fête d'été"), ("diagnostic", "Les saisons de la vallée"),
                                         ("axe", "Accueillir toute l'année")])
def test_an_untouched_scaffold_is_recognised_whatever_its_date(site, kind, title):
    settings = read_site_settings(str(site.settings))
    path = scaffold(kind, title, site.base / "content", site.base / "data", TODAY, settings).path
    text = path.read_text(encoding="utf-8")
    assert untouched_scaffold(str(path), text)
    assert untouched_scaffold(str(path), text.replace("Date: 2026-06-30", "Date: 2016-01-02 10:00"))
    assert not untouched_scaffold(str(path), text.replace("À compléter : ", "À compléter : Ceci ", 1))
    assert not untouched_scaffold(str(path), text + "\nUn paragraphe de plus.\n")
    assert not untouched_scaffold(str(path), text.replace("À compléter", "Texte"))


# -- check: warnings ----------------------------------------------------------------------------

def test_check_lists_them_before_its_verdict_and_succeeds(site):
    text, ok = format_report(check_site(str(site.settings)))
    assert ok
    lines = text.split("\n")
    expected = office_placeholders(site.base)
    assert lines[0] == (f"À compléter avant publication ({len(expected)} points) : python3 manage.py publish "
                        "refusera de publier le site tant qu'il en reste :")
    assert lines[1:-2] == expected
    assert lines[-2] == ""
    assert re.fullmatch(r"Vérification réussie : aucun problème \(\d+ pages, .* non visités\) ; "
                        f"{len(expected)} points à compléter avant publication, listés ci-dessus\\.", lines[-1])


def test_check_lists_them_after_the_problems_when_it_fails(site):
    article = site.base / "content/articles/nouvelles/ouverture.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nVoir [la page](../absente/).\n", encoding="utf-8")
    text, ok = format_report(check_site(str(site.settings)))
    assert not ok
    problem, blank, heading, *rest = text.split("\n")
    assert problem.startswith("content/articles/nouvelles/ouverture.md:") and blank == ""
    assert heading.startswith("À compléter avant publication (")
    assert rest[-2] == "" and rest[-1].startswith("Échec de la vérification : 1 problème à corriger (")
    assert rest[-1].endswith("points à compléter avant publication, listés ci-dessus.")


def test_invoke_check_warns_with_exit_code_0(tmp_path):
    from test_tasks_new import invoke

    project = copy_project(tmp_path)
    done = invoke(project, "check")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.rstrip("\n").split("\n")
    assert lines[0].startswith("À compléter avant publication (")
    assert lines[1:-2] == office_placeholders(project)
    assert lines[-1].startswith("Vérification réussie : aucun problème (")


def test_check_of_a_demo_site_says_it_publishes_them(site):
    site.write("pelicanconf.py", replace_settings(site.settings.read_text(encoding="utf-8"), "DEMO_SITE = True\n"))
    result = check_site(str(site.settings))
    assert result.demo
    text, ok = format_report(result)
    assert ok
    assert text.split("\n")[0] == (
        f"À compléter avant publication ({len(office_placeholders(site.base))} points) : site de démonstration "
        "(DEMO_SITE = True), publié quand même, avec le bandeau « Site de démonstration » sur chaque page :")


# -- the gate: refused, each at its line ------------------------------------------------------------

@pytest.fixture
def repos(tmp_path, monkeypatch) -> Repos:
    """A completed copy of the tests' site in a git repository, with a bare remote (test_publish_gate)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    repos = Repos(tmp_path)
    monkeypatch.chdir(repos.work)
    return repos


def refused(repos, expected: list[str]) -> None:
    before = repos.seed_pages()
    repos.commit("Texte provisoire")
    out, err = io.StringIO(), io.StringIO()
    code = publish(repos.work, push=True, out=out, err=err)
    assert code == 1, out.getvalue()
    assert err.getvalue().splitlines() == [
        f"À compléter avant publication ({len(expected)} point{'s' if len(expected) > 1 else ''}) :",
        *expected,
        "",
        f"Publication refusée : {len(expected)} point{'s' if len(expected) > 1 else ''} à compléter avant "
        "publication.",
        NOTHING_CHANGED,
    ]
    assert repos.remote_pages() == before


def test_gate_refuses_example_addresses(repos):
    settings = repos.work / "pelicanconf.py"
    settings.write_text(replace_settings(settings.read_text(encoding="utf-8"),
                                         f'PUBLIC_SITEURL = "{EXAMPLE_URL}"\n'
                                         'CONTACT_EMAIL = "consultation@example.org"\n'), encoding="utf-8")
    page = repos.work / "content/pages/la-demarche.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nÉcrivez-nous : <mailto:contact@example.com>.\n",
                    encoding="utf-8")
    refused(repos, [
        f"content/pages/la-demarche.md:{line_of(page, 'contact@example.com')}: adresse d'exemple "
        "« mailto:contact@example.com » : remplacez-la par une adresse réelle",
        f"pelicanconf.py:{line_of(settings, 'PUBLIC_SITEURL = ')}: {SITE_ADDRESS}",
        f"pelicanconf.py:{line_of(settings, 'CONTACT_EMAIL = ')}: {CONTACT}",
    ])


def test_gate_refuses_text_left_to_complete(repos):
    settings = read_site_settings(str(repos.work / "pelicanconf.py"))
    path = scaffold("actualite", "Fête d'été", repos.work / "content", repos.work / "data", TODAY, settings).path
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"Summary: .*", "Summary: La fête de la vallée.", text)
    path.write_text(text.replace("## Un intertitre (facultatif)", "## Le programme"), encoding="utf-8")
    refused(repos, [f"content/articles/nouvelles/fete-d-ete.md:{line_of(path, 'À compléter')}: {PLACEHOLDER_TEXT}"])


def test_gate_refuses_an_untouched_scaffold(repos):
    settings = read_site_settings(str(repos.work / "pelicanconf.py"))
    scaffold("axe", "Accueillir toute l'année", repos.work / "content", repos.work / "data", TODAY, settings)
    refused(repos, [f"content/axes/accueillir-toute-l-annee.md:1: {UNTOUCHED}"])


def test_gate_refuses_legal_pages_still_to_complete(repos):
    """The tests' site's own office block: its legal details left to None, each at its key's line."""
    settings = repos.work / "pelicanconf.py"
    original = (OFFICE_SITE / "pelicanconf.py").read_text(encoding="utf-8")
    block = re.search(r"^PUBLISHER = \{.*?^\}\n\n.*?^HOST = \{.*?^\}\n", original, re.MULTILINE | re.DOTALL)[0]
    for name in ("DATA_PROTECTION_OFFICER", "HOST_LOG_RETENTION"):
        block += re.search(rf"^{name} = .*\n", original, re.MULTILINE)[0]
    settings.write_text(replace_settings(settings.read_text(encoding="utf-8"), block), encoding="utf-8")
    refused(repos, office_legal_lines(settings))


def test_gate_refuses_them_all_after_the_other_problems(repos):
    """The tests' site as it is (every placeholder of the demo) and a broken anchor: both listed."""
    for name in ("pelicanconf.py", "content/pages/accessibilite.md"):
        (repos.work / name).write_text((OFFICE_SITE / name).read_text(encoding="utf-8"), encoding="utf-8")
    repos.write("content/articles/nouvelles/mauvais.md", "Title: Un titre\nDate: 2016-03-01\nSummary: x\n\n"
                "Voir [le constat]({filename}../etat-des-lieux/un-seul-nom.md#marque-partage).\n")
    before = repos.seed_pages()
    repos.commit("Ancre cassée")
    code, out, err = repos.publish(push=True)
    assert code == 1
    placeholders = office_placeholders(repos.work)
    assert err.splitlines() == [
        "content/articles/nouvelles/mauvais.md:5: ancre introuvable : « #marque-partage » n'existe pas dans la "
        "page /etat-des-lieux/un-seul-nom/ : vouliez-vous écrire « #marque-partagee » ?",
        f"À compléter avant publication ({len(placeholders)} points) :",
        *placeholders,
        "",
        f"Publication refusée : 1 problème à corriger et {len(placeholders)} points à compléter avant "
        "publication.",
        NOTHING_CHANGED,
    ]
    assert repos.remote_pages() == before


def test_demo_site_publishes_them_listed_with_its_notice(repos):
    """DEMO_SITE = True: the same placeholders are information; the site goes live, saying so."""
    for name in ("pelicanconf.py", "content/pages/accessibilite.md"):
        (repos.work / name).write_text((OFFICE_SITE / name).read_text(encoding="utf-8"), encoding="utf-8")
    settings = repos.work / "pelicanconf.py"
    settings.write_text(replace_settings(settings.read_text(encoding="utf-8"), "DEMO_SITE = True\n"),
                        encoding="utf-8")
    repos.commit("Site de démonstration")
    code, out, err = repos.publish(push=True)
    assert code == 0, err
    lines = out.splitlines()
    placeholders = office_placeholders(repos.work)
    start = lines.index(f"Site de démonstration (DEMO_SITE = True) : {len(placeholders)} points à compléter avant "
                        "une vraie publication, publiés tels quels :")
    assert lines[start + 1:start + 1 + len(placeholders)] == placeholders
    assert lines[start + 1 + len(placeholders)].startswith("Vérifications réussies : ")
    assert lines[-1] == "Envoyé sur origin/gh-pages : le site en ligne sera à jour dans quelques minutes."
    for page in ("index.html", "404.html", "mentions-legales/index.html"):
        html = BeautifulSoup(git(repos.remote, "show", f"gh-pages:{page}"), "html.parser")
        assert " ".join(html.find(class_="demo-notice").get_text().split()) == NOTICE, page


def test_the_refusal_shown_to_maintainers_is_the_real_one(site):
    """docs/mainteneurs/publication.md shows a refusal: the tests' site with two placeholders left."""
    from test_publish_gate import COMPLETED_SETTINGS

    completed = replace_settings(site.settings.read_text(encoding="utf-8"), COMPLETED_SETTINGS)
    site.write("pelicanconf.py", replace_settings(completed, 'CONTACT_EMAIL = "consultation@example.org"\n'))
    doc = (ROOT / "docs/mainteneurs/publication.md").read_text(encoding="utf-8")
    shown = doc.split("## Ce qui ne doit pas être publié", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    result = check_site(str(site.settings))
    text = refusal([], [str(problem) for problem in result.placeholders]) + "\n" + NOTHING_CHANGED
    # The doc shows the tests' site's line numbers (the settings replaced in place keep them).
    assert text == shown.rstrip("\n")


# -- DEMO_SITE: the setting and the notice ------------------------------------------------------------

def test_demo_site_is_true_or_false(site):
    site.write("pelicanconf.py", replace_settings(site.settings.read_text(encoding="utf-8"), 'DEMO_SITE = "oui"\n'))
    result = site.build()
    assert [str(problem) for problem in result.problems] == [
        f"pelicanconf.py:{line_of(site.settings, 'DEMO_SITE = ')}: réglage DEMO_SITE : « 'oui' » invalide : "
        "True ou False est attendu"]


def pages_built_on_base(output: Path) -> dict[str, BeautifulSoup]:
    pages = {path.relative_to(output).as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
             for path in sorted(output.rglob("*.html"))}
    return {name: page for name, page in pages.items() if page.find("header", class_="site-header")}


def test_a_demo_site_says_so_at_the_top_of_every_page(site):
    site.write("pelicanconf.py", replace_settings(site.settings.read_text(encoding="utf-8"), "DEMO_SITE = True\n"))
    result = site.build()
    assert result.ok, result.problems
    every = sorted(path.relative_to(site.output).as_posix() for path in site.output.rglob("*.html"))
    pages = pages_built_on_base(site.output)
    # Only the partners' embeds (their own layout, inside other sites) are not built on base.html.
    assert [name for name in every if name not in pages] == [name for name in every if name.startswith("embed/")]
    assert len(pages) > 20 and "404.html" in pages
    for name, page in pages.items():
        notices = page.find_all(class_="demo-notice")
        assert len(notices) == 1, name
        header = page.find("header", class_="site-header")
        assert header.find(True) is notices[0], name  # first in the header, before the site's name
        assert " ".join(notices[0].get_text().split()) == NOTICE, name
        assert notices[0].find("strong").get_text() == "Site de démonstration"


def test_a_real_site_has_no_notice(built_site):
    pages = pages_built_on_base(built_site)
    assert pages and not [name for name, page in pages.items() if page.find(class_="demo-notice")]
    assert not [path for path in built_site.rglob("*.html") if "Site de démonstration" in path.read_text("utf-8")]


@pytest.mark.browser
def test_the_notice_passes_the_browser_checks(browser, tmp_path, monkeypatch):
    """axe (WCAG 2.1 AA), 320 px and no JavaScript on a demo site's home page and 404 page."""
    from browser import StaticServer, inspect_page

    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    copy = SiteCopy(tmp_path)
    result = copy.build(DEMO_SITE=True)
    assert result.ok, result.problems
    with StaticServer(copy.output) as server:
        for path in ("/", "/404.html"):
            report = inspect_page(browser, server.url(path), server.origin)
            problems = report.axe + report.foreign + report.errors + report.overflow + report.no_js + report.lang
            assert problems == [], (path, problems)
