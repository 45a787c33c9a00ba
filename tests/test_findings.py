"""Findings (« constats »): the block syntax, its French errors, the rendering and /constats/."""

from __future__ import annotations

import importlib

import pytest
from bs4 import BeautifulSoup
from conftest import OFFICE_SITE

from plugins.findings.registry import collect_finding_ids
from plugins.findings.scan import FindingSource, scan

THEMES = {"conjoncture", "reseau"}
OK = "/// constat | La concurrence s’intensifie\n    id: concurrence-01\n    theme: conjoncture\n\nCorps.\n///\n"


def problems_of(text: str) -> list[str]:
    return [str(p) for p in scan("a.md", text, THEMES)[1]]


def test_valid_block():
    assert scan("a.md", "Intro.\n\n" + OK, THEMES) == (
        [FindingSource("concurrence-01", "La concurrence s’intensifie", "conjoncture", 3)], [])


@pytest.mark.parametrize("text, expected", [
    pytest.param("/// constat | Titre\n\nCorps.\n///\n",
                 ["a.md:1: identifiant du constat manquant : ajoutez sous la première ligne, indentée de quatre espaces, "
                  "une ligne « id: mon-constat-01 »"], id="missing-id"),
    pytest.param("/// constat | Titre\n    id: Concurrence_01\n\nx\n///\n",
                 ["a.md:2: identifiant « Concurrence_01 » invalide : uniquement des minuscules sans accent, des chiffres "
                  "et des tirets, en commençant par une lettre ou un chiffre (ex. concurrence-01)"], id="bad-id"),
    pytest.param("/// constat | Titre\n    id: " + "a" * 81 + "\n\nx\n///\n",
                 ["a.md:2: identifiant « aaaaaaaaaaaaaaaaaaaa… » trop long (81 caractères ; 80 au plus) : il figure dans "
                  "l'adresse du constat, son code QR et le nom de son fichier de réactions"], id="id-too-long"),
    pytest.param("/// constat | Titre\n    id: " + "a" * 80 + "\n\nx\n///\n", [], id="id-of-80-characters"),
    pytest.param("/// constat | Titre\n    id: 2016\n\nx\n///\n",
                 ["a.md:2: « 2016 » serait lu comme un nombre ou un booléen : mettez-le entre guillemets"], id="numeric-id"),
    pytest.param("/// constat | Titre\n    id: a\n    theme: economie\n\nx\n///\n",
                 ["a.md:3: thème « economie » inconnu : thèmes déclarés dans data/themes.yml : conjoncture, reseau"],
                 id="unknown-theme"),
    pytest.param("/// constat | Titre\n    id: a\n    couleur: rouge\n\nx\n///\n",
                 ["a.md:3: option « couleur » inconnue : options possibles : id, theme"], id="unknown-option"),
    pytest.param("/// constat | Titre\n    id: a\n    id: b\n\nx\n///\n",
                 ["a.md:3: option « id » en double"], id="duplicate-option"),
    pytest.param("/// constat | Titre\n    id: [a, b]\n\nx\n///\n",
                 ["a.md:2: option « id » : une valeur simple est attendue"], id="list-id"),
    pytest.param("/// constat | Titre\n    id: &x a\n\nx\n///\n",
                 ["a.md:2: options du constat : ancre YAML « &x » refusée : les ancres (&) et alias (*) ne sont pas "
                  "acceptés, recopiez la valeur"], id="anchor"),
    pytest.param("/// constat\n    id: a\n\nx\n///\n",
                 ["a.md:1: titre du constat manquant : écrivez « /// constat | Le titre du constat »"], id="missing-title"),
    pytest.param("Intro.\n\n/// constat | Titre\n    id: a\n\nCorps sans fin.\n",
                 ["a.md:3: constat ouvert ligne 3 mais jamais fermé : ajoutez une ligne « /// » après son texte"],
                 id="unclosed"),
    pytest.param("/// constat | Un\n    id: a\n\n/// constat | Deux\n    id: b\n\nx\n///\n///\n",
                 ["a.md:4: constat placé dans un autre constat (ouvert ligne 1) : fermez le premier par « /// » avant "
                  "d'ouvrir le suivant"], id="nested"),
    pytest.param("```\n/// constat | Exemple\n```\n\n~~~~\n/// constat\n~~~~\n", [], id="inside-code-fences"),
    # Found by fuzzing: Markdown shows an unclosed fence as text and renders the constats after it.
    pytest.param("Intro.\n\n```\n/// constat | Titre\n    id: a\n\nx\n///\n",
                 ["a.md:3: bloc de code ouvert ligne 3 par « ``` » mais jamais fermé : ajoutez une ligne « ``` » après "
                  "le code"], id="unclosed-code-fence"),
    pytest.param("/// details | Détails\n\n" + OK + "\n///\n", [], id="inside-another-block"),
])
def test_block_problems(text, expected):
    assert problems_of(text) == expected


ARTICLE = "Title: {title}\nDate: 2016-03-01\n\n{body}"


def parse(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_duplicate_id_names_both_files(site):
    site.write("content/articles/etat-des-lieux/a.md", ARTICLE.format(title="A", body="Intro.\n\n" + OK))
    site.write("content/articles/etat-des-lieux/b.md", ARTICLE.format(
        title="B", body=OK.replace("La concurrence s’intensifie", "Un autre")))
    assert [str(p) for p in site.build().problems] == [
        "content/articles/etat-des-lieux/b.md:4: identifiant de constat « concurrence-01 » déjà utilisé par le constat "
        "« La concurrence s’intensifie » (content/articles/etat-des-lieux/a.md:6) : chaque constat a son propre identifiant"]


@pytest.mark.parametrize("relative, body, expected", [
    ("content/articles/nouvelles/x.md", OK,
     "content/articles/nouvelles/x.md:4: les constats s'écrivent dans un article du diagnostic (content/articles/etat-des-lieux/)"),
    ("content/articles/etat-des-lieux/x.md", OK.replace("///\n", "", 1).replace("Corps.\n///", "Corps."),
     "content/articles/etat-des-lieux/x.md:4: constat ouvert ligne 4 mais jamais fermé : ajoutez une ligne « /// » après son texte"),
    ("content/articles/etat-des-lieux/x.md", "- point\n\n    " + OK.replace("\n", "\n    "),
     "content/articles/etat-des-lieux/x.md:6: ce constat n'a pas pu être mis en forme : placez « /// constat » en début de "
     "ligne, hors d'une liste ou d'une citation, avec une ligne vide avant"),
])
def test_misplaced_or_broken_block_fails_the_build(site, relative, body, expected):
    site.write(relative, ARTICLE.format(title="X", body=body))
    assert [str(p) for p in site.build().problems] == [expected]


def test_finding_is_rendered_with_anchor_heading_and_permalink(built_site):
    page = parse(built_site / "etat-des-lieux" / "un-seul-nom" / "index.html")
    section = page.find("section", id="marque-partagee")
    assert section["class"] == ["constat"]
    assert section["aria-labelledby"] == "marque-partagee-titre"
    assert section.h2.get_text() == "Il faut une marque de destination cohérente"
    assert section.h2["id"] == "marque-partagee-titre"
    theme = section.find("a", href="../../constats/#theme-gouvernance")
    assert theme.get_text() == "Organisation et mutualisation"
    permalink = section.find("a", class_="permalien")
    assert permalink["href"] == "../../etat-des-lieux/un-seul-nom/#marque-partagee"
    # The tests' site is built in 2026: the diagnostic consultation (March–April 2016) is closed.
    assert section.find("a", class_="bouton") is None
    assert section.find(attrs={"data-when": "after"}).get_text(" ", strip=True) == (
        "Consultation close le 30 avril 2016. Ce que vous avez dit, ce que nous en faisons")


def test_findings_index_groups_by_theme_with_counts_and_resolvable_links(built_site):
    page = parse(built_site / "constats" / "index.html")
    sections = page.main.select("section[id^=theme-]")
    assert [(s["id"], s.h2.get_text(" ", strip=True)) for s in sections] == [
        ("theme-conjoncture", "Contexte économique et concurrence (4\u00a0constats)"),
        ("theme-gouvernance", "Organisation et mutualisation (2\u00a0constats)"),
        ("theme-reseau", "Professionnels et acteurs du territoire (2\u00a0constats)"),
    ]
    links = [a["href"] for s in sections for a in s.find_all("a")]
    assert len(links) == 8
    for href in links:
        path, anchor = href.split("#")
        target = (built_site / "constats" / path / "index.html").resolve()
        assert parse(target).find(id=anchor) is not None, href


def test_collect_finding_ids_reads_sources_without_building():
    found = collect_finding_ids(str(OFFICE_SITE / "pelicanconf.py"))
    assert sorted(found) == ["acteurs-engages", "consommation-changeante", "destinations-rivales", "economie-difficile",
                             "fonds-publics-rares", "marque-partagee", "offices-reunis", "pros-premiers-relais"]
    path, line = found["marque-partagee"]
    assert path == str(OFFICE_SITE / "content/articles/etat-des-lieux/un-seul-nom.md") and line == 15


def test_an_article_without_summary_lists_its_findings_as_text_only(site):
    """The automatic summary of listings carries no finding heading, anchor, slot or « Réagir » link."""
    source = site.base / "content/articles/etat-des-lieux/pros-en-premiere-ligne.md"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    source.write_text("".join(line for line in lines if not line.startswith("Summary:")), encoding="utf-8")
    assert site.build().problems == []
    for page, link in (("archives/index.html", "../etat-des-lieux/pros-en-premiere-ligne/"),
                       ("etat-des-lieux/index.html", "../etat-des-lieux/pros-en-premiere-ligne/")):
        soup = BeautifulSoup((site.output / page).read_text(encoding="utf-8"), "html.parser")
        item = soup.find("a", href=link).find_parent("li")
        summary = item.find(class_="summary")
        assert [tag.name for tag in summary.find_all(True)] == ["p", "p"]
        assert [p.get_text() for p in summary.find_all("p")] == [
            "« Les professionnels connaissent notre clientèle et doivent être un relais principal dans une "
            "communication homogène et cohérente. »",
            "« Tous les acteurs motivés et impliqués sur notre territoire peuvent participer à la dynamique de "
            "développement, en apportant des idées, en initiant des …"]
        assert soup.find(id="pros-premiers-relais") is None and soup.find(attrs={"data-constat-slot": True}) is None
    article = BeautifulSoup((site.output / "etat-des-lieux/pros-en-premiere-ligne/index.html")
                            .read_text(encoding="utf-8"), "html.parser")
    assert article.find("section", id="pros-premiers-relais").find("h2").get_text() == (
        "Les professionnels sont les premiers relais de la destination")


def test_findings_come_from_the_readers_own_read_of_each_source(site, monkeypatch):
    """The strict reader reads each file once: the blocks are scanned from its text, not re-read."""
    import plugins.findings as findings

    opened = []
    monkeypatch.setattr(findings, "read_markdown", lambda path: opened.append(path))
    site.write("content/articles/etat-des-lieux/a.md", ARTICLE.format(title="A", body="Intro.\n\n" + OK))
    result = site.build()
    assert result.ok, result.problems
    assert opened == []
    html = (site.output / "etat-des-lieux" / "a" / "index.html").read_text(encoding="utf-8")
    assert BeautifulSoup(html, "html.parser").find("section", id="concurrence-01") is not None


def test_a_line_in_a_code_block_or_a_paragraph_is_not_a_block():
    text = "Un paragraphe /// constat | x\n\n```\n/// constat | Dans le code\n```\n\n  ~~~\n~~~\n\n" + OK
    assert scan("a.md", text, THEMES) == (
        [FindingSource("concurrence-01", "La concurrence s’intensifie", "conjoncture", 10)], [])


def test_the_block_renders_with_the_options_the_scan_read_without_reading_them_again(monkeypatch):
    import markdown

    from plugins.findings import block
    from plugins.findings.block import FindingExtension, expect_options

    text = OK + "\n" + OK.replace("concurrence-01", "autre-02").replace("    theme: conjoncture\n", "")
    sources, problems = scan("a.md", text, THEMES)
    assert problems == [] and [source.options_text for source in sources] == [
        "id: concurrence-01\ntheme: conjoncture", "id: autre-02"]
    assert [dict(source.options) for source in sources] == [
        {"id": "concurrence-01", "theme": "conjoncture"}, {"id": "autre-02"}]
    expected = markdown.markdown(text, extensions=[FindingExtension()])  # options read by libyaml
    expect_options({source.options_text: dict(source.options) for source in sources})
    monkeypatch.setattr(block.yaml, "load", lambda *args, **kwargs: pytest.fail("options lues une seconde fois"))
    try:
        assert markdown.markdown(text, extensions=[FindingExtension()]) == expected
    finally:
        expect_options({})
    assert 'id="concurrence-01"' in expected and 'id="autre-02"' in expected


def test_a_block_with_a_problem_leaves_its_options_to_the_block_extension():
    sources, problems = scan("a.md", OK.replace("conjoncture", "inconnu"), THEMES)
    assert len(problems) == 1 and sources[0].options_text == "" and sources[0].options == ()


@pytest.mark.parametrize("lines", [
    ["    id: marque-partagee", "    theme: gouvernance"],
    ["    theme: gouvernance", "    id: a"],
    ["    id: marque-partagee", "    theme: inconnu"],
    ["    id: " + "a" * 81],
    ["    id: yes"],
    ["    theme: off", "    id: b"],
    ["    id: Majuscule"],
    ["    id: 2016"],
    ["    id: a", "    id: b"],
    ["    id: a  ", "    theme: reseau # commentaire"],
    ["    id: a", "", "    theme: reseau"],
    ["      id: a"],
    ["    autre: a"],
])
def test_simple_options_read_as_yaml_would(lines, monkeypatch):
    """Option lines read without the YAML parser give its options and its problems, at the same lines."""
    scan = importlib.import_module("plugins.findings.scan")  # the module (the package exports its function)

    def read(fast: bool):
        problems = []
        if not fast:
            monkeypatch.setattr(scan, "_simple_options", lambda lines: None)
        options = scan._options("c.md", 7, lines, {"gouvernance", "reseau"}, problems)
        monkeypatch.undo()
        return options, [str(problem) for problem in problems]

    assert read(fast=True) == read(fast=False)
