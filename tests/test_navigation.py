"""The main menu comes from SECTIONS: the office's sections, in its order, none that is empty."""

from __future__ import annotations

from bs4 import BeautifulSoup


def menu(page) -> list[tuple[str, str]]:
    """The menu's entries; written twice in its <nav> (the compact menu of small screens, the line
    of large ones: base.html), the same both times."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    nav = soup.select_one('nav[aria-label="Navigation principale"]')
    compact, large = ([(a["href"], a.get_text()) for a in nav.select(f"{where} a")]
                      for where in ("details.menu-compact > ul", "ul.menu-large"))
    assert compact == large and len(nav.find_all("a")) == 2 * len(large)
    return large


def test_the_menu_lists_the_sites_own_sections(built_site):
    assert menu(built_site / "index.html") == [
        ("./", "Accueil"), ("./la-demarche/", "La démarche"), ("./constats/", "Participer"),
        ("./etat-des-lieux/", "État des lieux"),
        ("./axes/", "Axes stratégiques"), ("./nouvelles/", "Nouvelles"), ("./recherche/", "Rechercher")]
    assert menu(built_site / "nouvelles" / "ouverture" / "index.html")[5] == ("../../nouvelles/", "Nouvelles")


def test_a_section_without_articles_is_not_in_the_menu(site):
    settings = site.settings.read_text(encoding="utf-8")
    site.settings.write_text(settings.replace(
        '"nouvelles": {', '"agenda": {"title": "Agenda", "intro": None},\n    "nouvelles": {', 1), encoding="utf-8")
    result = site.build()
    assert result.problems == []
    assert [label for _, label in menu(site.output / "index.html")] == [
        "Accueil", "La démarche", "Participer", "État des lieux", "Axes stratégiques", "Nouvelles", "Rechercher"]
    site.write("content/articles/agenda/fete.md", "Title: Fête\nDate: 2016-03-01\nSummary: Une fête.\n\nTexte.\n")
    assert site.build().problems == []
    assert [label for _, label in menu(site.output / "index.html")] == [
        "Accueil", "La démarche", "Participer", "État des lieux", "Axes stratégiques", "Agenda", "Nouvelles",
        "Rechercher"]


def test_entries_of_absent_plugins_are_left_out():
    from plugins.strict_content.sections import main_navigation

    settings = {"SECTIONS": {"nouvelles": {"title": "Nouvelles"}}, "FINDINGS_SECTIONS": [], "CATEGORY_URL": "{slug}/",
                "TIMELINE_PAGE_URL": "la-demarche/", "PLUGINS": ["plugins.strict_content"]}
    assert main_navigation(settings) == [("accueil", "/", "Accueil"), ("nouvelles", "/nouvelles/", "Nouvelles")]
    settings["PLUGINS"] += ["plugins.timeline", "plugins.findings", "plugins.strategy", "plugins.search_index"]
    settings["FINDINGS_INDEX_URL"] = "constats/"
    assert [entry[0] for entry in main_navigation(settings)] == ["accueil", "la-demarche", "participer", "axes",
                                                                  "nouvelles", "recherche"]
