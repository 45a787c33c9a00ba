"""The roadmap /feuille-de-route/: semesters (pure functions), then the page of the tests' site."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup

from plugins.site_data.schema import PartialDate
from plugins.strategy.roadmap import (
    bar,
    chart_order,
    grid_column,
    next_semester,
    roadmap,
    semester_label,
    semester_of,
    semester_range,
)

ILLUSTRATIVE = "(dates et état illustratifs)"


def month(text: str) -> PartialDate:
    return PartialDate(*map(int, text.split("-")))


def project(start: str, end: str | None = None, **extra) -> dict:
    return {"start": month(start), "end": month(end) if end else None, **extra}


# --- Semesters ------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    pytest.param(datetime.date(2016, 1, 1), (2016, 1), id="first-day-of-year"),
    pytest.param(datetime.date(2016, 6, 30), (2016, 1), id="last-day-of-june"),
    pytest.param(datetime.date(2016, 7, 1), (2016, 2), id="first-day-of-july"),
    pytest.param(datetime.date(2016, 12, 31), (2016, 2), id="last-day-of-year"),
    pytest.param(month("2017-06"), (2017, 1), id="month-june"),
    pytest.param(month("2017-07"), (2017, 2), id="month-july"),
    pytest.param(month("2016-06-30"), (2016, 1), id="day-precision-june"),
    pytest.param(month("2016-07-01"), (2016, 2), id="day-precision-july"),
])
def test_semester_of(value, expected):
    assert semester_of(value) == expected


@pytest.mark.parametrize("semester, label, following", [
    ((2016, 1), "1er semestre 2016", (2016, 2)),
    ((2016, 2), "2e semestre 2016", (2017, 1)),
])
def test_semester_label_and_next(semester, label, following):
    assert (semester_label(semester), next_semester(semester)) == (label, following)


@pytest.mark.parametrize("projects, expected", [
    pytest.param([], [], id="no-project"),
    pytest.param([project("2016-04", "2016-05")], [(2016, 1)], id="single-semester"),
    pytest.param([project("2016-06", "2016-07")], [(2016, 1), (2016, 2)], id="june-to-july"),
    pytest.param([project("2016-06-15", "2017-06")], [(2016, 1), (2016, 2), (2017, 1)], id="month-precision-end"),
    pytest.param([project("2016-09"), project("2016-04", "2016-05")], [(2016, 1), (2016, 2)],
                 id="open-ended-counts-by-its-start"),
    pytest.param([project("2016-01", "2016-02"), project("2018-08")],
                 [(2016, 1), (2016, 2), (2017, 1), (2017, 2), (2018, 1), (2018, 2)], id="gap-years-filled"),
])
def test_semester_range(projects, expected):
    assert semester_range(projects) == expected


RANGE = [(2016, 1), (2016, 2), (2017, 1), (2017, 2)]


@pytest.mark.parametrize("item, expected", [
    pytest.param(project("2016-04", "2016-05"), (1, 1, False), id="single-semester"),
    pytest.param(project("2016-06", "2017-06"), (1, 3, False), id="month-precision-end-in-s1"),
    pytest.param(project("2016-06", "2017-07"), (1, 4, False), id="july-end-in-s2"),
    pytest.param(project("2016-06-30", "2016-07-01"), (1, 2, False), id="day-precision-across-june-july"),
    pytest.param(project("2016-07-01", "2016-12-31"), (2, 2, False), id="day-precision-within-s2"),
    pytest.param(project("2016-06"), (1, 4, True), id="open-ended-to-last-column"),
    pytest.param(project("2017-12"), (4, 4, True), id="open-ended-in-last-column"),
])
def test_bar(item, expected):
    assert bar(item, RANGE) == expected


@pytest.mark.parametrize("first, last, expected", [(1, 1, "1 / 2"), (2, 4, "2 / 5")])
def test_grid_column_ends_after_the_last_column(first, last, expected):
    assert grid_column(first, last) == expected


def test_chart_order_by_start_then_end_open_ended_last_then_as_written():
    items = [project("2016-06", id="ouvert"), project("2016-09", "2016-10", id="tard"),
             project("2016-06", "2017-06", id="long"), project("2016-04", "2016-05", id="tot"),
             project("2016-06", "2017-06", id="long-bis")]
    assert [p["id"] for p in chart_order(items)] == ["tot", "long", "long-bis", "ouvert", "tard"]


def test_roadmap_shares_one_range_between_priorities():
    early = project("2016-01", "2016-03", id="a", illustrative=None)
    late = project("2017-02", id="b", illustrative=True)
    drawn = roadmap([early, late], [{"id": "prioritaire", "label": "Projets prioritaires", "projects": [early]},
                                    {"id": "long-terme", "label": "À plus long terme", "projects": [late]},
                                    {"id": "vide", "label": "Vide", "projects": []}])
    assert drawn["semesters"] == [{"year": 2016, "half": 1, "label": "1er semestre 2016"},
                                  {"year": 2016, "half": 2, "label": "2e semestre 2016"},
                                  {"year": 2017, "half": 1, "label": "1er semestre 2017"}]
    assert drawn["illustrative"] is True
    assert [(g["id"], [(r["project"]["id"], r["first"], r["last"], r["open_ended"], r["grid_column"]) for r in g["rows"]])
            for g in drawn["groups"]] == [("prioritaire", [("a", 1, 1, False, "1 / 2")]),
                                          ("long-terme", [("b", 3, 3, True, "3 / 4")]),
                                          ("vide", [])]


# --- The page of the tests' site --------------------------------------------------

def parse(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def resolves(output, page_path, href) -> bool:
    """An href relative to page_path points at an existing page of the output and, if any, anchor."""
    path, _, anchor = href.partition("#")
    target = (page_path.parent / path / "index.html").resolve()
    if not target.is_file() or output.resolve() not in target.parents:
        return False
    return not anchor or parse(target).find(id=anchor) is not None


@pytest.fixture(scope="module")
def roadmap_page(built_site):
    path = built_site / "feuille-de-route" / "index.html"
    return path, parse(path)


ROWS = {
    "prioritaire": [("coconstruction", "1 / 2", False),
                    ("promotion-partagee", "1 / 4", False),
                    ("marque-territoriale", "1 / 4", True),
                    ("relais-du-discours", "2 / 4", True)],
    "long-terme": [("fonctionner-autrement", "3 / 4", True)],
}


def test_one_section_per_priority_with_a_chart_then_a_table(roadmap_page):
    _, page = roadmap_page
    assert page.h1.get_text() == "Feuille de route"
    sections = page.main.find_all("section")
    assert [(s["aria-labelledby"], s.h2.get_text(" ", strip=True)) for s in sections] == [
        ("prioritaire", "Projets prioritaires (4\u00a0projets)"), ("long-terme", "À plus long terme (1\u00a0projet)")]
    for section in sections:
        regions = section.find_all("div", class_="defilement")
        assert [child.name for child in regions[0].find_all(recursive=False)] == ["div"]
        assert regions[0].div["class"] == ["frise"] and regions[0].div["aria-hidden"] == "true"
        assert regions[1].table["class"] == ["calendrier"]
        for region in regions:  # scrollable inside itself, reachable and named
            assert (region["role"], region["tabindex"]) == ("region", "0")
            assert region.get("aria-label") or section.find(id=region["aria-labelledby"])


def test_chart_rows_and_bars(roadmap_page):
    _, page = roadmap_page
    for priority, expected in ROWS.items():
        chart = page.find("section", attrs={"aria-labelledby": priority}).find("div", class_="frise")
        assert chart["style"] == "--semestres: 3"
        header = chart.find("div", class_="frise-entete")
        assert [s.get_text() for s in header.find_all("span", class_="frise-semestre")] == [
            "1er semestre 2016", "2e semestre 2016", "1er semestre 2017"]
        rows = chart.find_all("div", attrs={"data-projet": True})
        bars = [row.find("span", class_="frise-barre") for row in rows]
        assert [(row["data-projet"], b["style"], "frise-ouverte" in b["class"]) for row, b in zip(rows, bars)] == [
            (id_, f"grid-column: {column}", open_ended) for id_, column, open_ended in expected]
        assert [b.get_text() for b in bars] == ["→" if open_ended else "" for _, _, open_ended in expected]
        for row in rows:  # the chart's links leave the tab order to the table's
            assert row.a["tabindex"] == "-1"


def test_chart_row_says_status_and_period_in_words(roadmap_page):
    _, page = roadmap_page
    row = page.find("div", attrs={"data-projet": "marque-territoriale"})
    assert row.find("p", class_="frise-libelle").get_text(" ", strip=True) == (
        "Une marque de destination cohérente En cours · à partir de juin 2016 (dates et état illustratifs)")
    bar_ = row.find("span", class_="frise-barre")
    assert bar_["class"] == ["frise-barre", "frise-en-cours", "frise-ouverte"]


def test_table_has_headers_and_the_cells_of_one_project(roadmap_page):
    _, page = roadmap_page
    table = page.find("section", attrs={"aria-labelledby": "prioritaire"}).find("table")
    assert table.caption.get_text() == "Projets prioritaires\u00a0: calendrier et état"
    assert [(th.get_text(), th["scope"]) for th in table.thead.find_all("th")] == [
        ("Projet", "col"), ("Axe", "col"), ("Période", "col"), ("État", "col"), ("Constats", "col")]
    rows = table.tbody.find_all("tr")
    assert [tr["id"] for tr in rows] == [f"calendrier-{id_}" for id_, _, _ in ROWS["prioritaire"]]
    assert all(tr.th["scope"] == "row" and len(tr.find_all("td")) == 4 for tr in rows)
    marque = table.find("tr", id="calendrier-marque-territoriale")
    assert marque.th.get_text(" ", strip=True) == "Une marque de destination cohérente (dates et état illustratifs)"
    assert marque.th.a["href"] == "../axes/unir-les-forces/#projet-marque-territoriale"
    axis, when, state, findings = marque.find_all("td")
    assert (axis.get_text(), axis.a["href"]) == ("Rassembler et mutualiser", "../axes/unir-les-forces/")
    assert when.get_text() == "à partir de juin 2016"
    assert when.time["datetime"] == "2016-06"
    assert state.get_text() == "En cours"
    assert [(a.get_text(), a["href"]) for a in findings.find_all("a")] == [
        ("Il faut une marque de destination cohérente", "../etat-des-lieux/un-seul-nom/#marque-partagee"),
        ("Les offices de tourisme ont fusionné", "../etat-des-lieux/un-seul-nom/#offices-reunis")]
    promotion = table.find("tr", id="calendrier-promotion-partagee")
    assert [td.get_text(" ", strip=True) for td in promotion.find_all("td")[1:3]] == ["de juin 2016 à juin 2017", "À lancer"]


def test_illustrative_projects_are_marked_in_both_views_and_explained(roadmap_page):
    _, page = roadmap_page
    assert ILLUSTRATIVE in page.find("p", class_="notice").get_text()
    for priority, expected in ROWS.items():
        section = page.find("section", attrs={"aria-labelledby": priority})
        for id_, _, _ in expected:
            assert section.find("div", attrs={"data-projet": id_}).em.get_text() == ILLUSTRATIVE
            assert section.find("tr", id=f"calendrier-{id_}").th.em.get_text() == ILLUSTRATIVE


def test_legend_names_each_pattern(roadmap_page):
    _, page = roadmap_page
    legend = page.find("div", class_="frise-legende")
    assert [li.get_text(" ", strip=True) for li in legend.find_all("li")] == [
        "Réalisé (barre pleine)", "En cours (barre rayée)", "À lancer (barre en pointillés)",
        "→ Sans date de fin annoncée\u00a0: le projet se poursuit"]


def test_every_link_of_the_page_resolves(built_site, roadmap_page):
    path, page = roadmap_page
    hrefs = [a["href"] for a in page.main.find_all("a")]
    assert len(hrefs) == 5 * 2 + 5 + 8 + 1 + 2  # chart and table titles, axes, findings, intro, closing links
    assert [href for href in hrefs if not resolves(built_site, path, href)] == []


@pytest.mark.parametrize("relative", ["axes/index.html", "axes/mobiliser/index.html", "axes/se-renouveler/index.html"])
def test_axes_pages_link_to_the_roadmap(built_site, relative):
    path = built_site / relative
    roadmap_page = (built_site / "feuille-de-route" / "index.html").resolve()
    links = [a for a in parse(path).main.find_all("a") if (path.parent / a["href"] / "index.html").resolve() == roadmap_page]
    assert len(links) == 1
    assert "feuille de route" in links[0].get_text()


def test_real_dates_show_no_illustrative_notice_and_an_empty_priority_says_so(site):
    site.write("data/projects.yml", (
        "- id: identite\n  title: Une marque\n  axis: unir-les-forces\n  priority: prioritaire\n"
        "  start: 2016-06-15\n  end: 2016-07-01\n  status: realise\n  summary: Résumé.\n"))
    result = site.build()
    assert result.ok, result.problems
    page = parse(site.output / "feuille-de-route" / "index.html")
    assert page.find("p", class_="notice") is None
    assert ILLUSTRATIVE not in page.main.get_text()
    assert [s.get_text() for s in page.find_all("span", class_="frise-semestre")] == ["1er semestre 2016",
                                                                                      "2e semestre 2016"]
    assert page.find("div", class_="frise").find("span", class_="frise-barre")["style"] == "grid-column: 1 / 3"
    row = page.find("tr", id="calendrier-identite")
    assert [td.get_text(" ", strip=True) for td in row.find_all("td")] == [
        "Rassembler et mutualiser", "du 15 juin au 1er juillet 2016", "Réalisé", "aucun"]
    later = page.find("section", attrs={"aria-labelledby": "long-terme"})
    assert later.find("table") is None and later.p.get_text() == "Aucun projet pour l’instant."
