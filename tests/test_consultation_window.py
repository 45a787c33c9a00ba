"""Consultation windows: state at build time, in the HTML, and re-checked in the browser."""

from __future__ import annotations

import datetime
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from plugins.consultation.window import BEFORE, CLOSED, OPEN, Window

WINDOW = Window(datetime.date(2016, 3, 1), datetime.date(2016, 4, 30))
ARTICLE = "etat-des-lieux/un-seul-nom/index.html"

# Noon in Paris on the given day, as SOURCE_DATE_EPOCH.
def epoch(day: str) -> str:
    moment = datetime.datetime.fromisoformat(day + "T12:00:00+02:00")
    return str(int(moment.timestamp()))


@pytest.mark.parametrize("day, state", [
    (datetime.date(2016, 2, 29), BEFORE),
    (datetime.date(2016, 3, 1), OPEN),
    (datetime.date(2016, 4, 30), OPEN),
    (datetime.date(2016, 5, 1), CLOSED),
])
def test_window_state_at_the_boundaries(day, state):
    assert WINDOW.state(day) == state


def finding_foot(site, finding_id="marque-partagee"):
    page = BeautifulSoup((site.output / ARTICLE).read_text(encoding="utf-8"), "html.parser")
    return page.find("section", id=finding_id).find("div", class_="consultation")


def visible_parts(consultation) -> list[tuple[str, str]]:
    return [(part["data-when"], part.get_text(" ", strip=True)) for part in consultation.find_all(attrs={"data-when": True})
            if not part.has_attr("hidden")]


def own_window(site, opens="2016-06-01", closes="2016-06-30"):
    """The article of marque-partagee (published 2016-03-15) gets its own, later window."""
    path = site.base / "content" / "articles" / "etat-des-lieux" / "un-seul-nom.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Demo: true\n", f"Demo: true\nConsultation_opens: {opens}\nConsultation_closes: {closes}\n"),
                    encoding="utf-8")


def test_before_the_window(site, monkeypatch):
    # Built after the article was published (no future date) but before its consultation opens.
    own_window(site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2016-05-15"))
    assert site.build().ok
    consultation = finding_foot(site)
    assert (consultation["data-from"], consultation["data-until"]) == ("2016-06-01", "2016-06-30")
    assert visible_parts(consultation) == [("before", "La consultation ouvrira le 1er juin 2016.")]
    assert [part["data-when"] for part in consultation.find_all(attrs={"data-when": True})] == ["before", "during", "after"]


def test_during_the_window(site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2016-04-30"))
    assert site.build().ok
    consultation = finding_foot(site)
    [(when, text)] = visible_parts(consultation)
    assert when == "during"
    assert text.startswith("Réagir à ce constat «\u202fIl faut une marque de destination cohérente\u202f» "
                           "Consultation ouverte jusqu’au 30 avril 2016 inclus.")
    react = consultation.find("a", class_="bouton")
    assert react.find("span", class_="visually-hidden").get_text() == (
        " «\u202fIl faut une marque de destination cohérente\u202f»")
    address, query = react["href"].split("?")
    fields = dict(part.split("=") for part in query.split("&"))
    assert address == "mailto:consultation@example.org"
    assert unquote(fields["subject"]) == "Réaction au constat «\u00a0Il faut une marque de destination cohérente\u00a0» (marque-partagee)"
    assert unquote(fields["body"]) == (
        "Constat\u00a0: Il faut une marque de destination cohérente\r\n"
        "Identifiant\u00a0: marque-partagee\r\n"
        "Page\u00a0: https://www.example.org/la-vallee-au-sommet/etat-des-lieux/un-seul-nom/#marque-partagee\r\n"
        "\r\nVotre réaction\u00a0:\r\n\r\n\r\n\r\n"
        "J’accepte qu’un extrait anonyme de mon message soit publié\u00a0: oui / non (gardez « oui » ou « non »)\r\n")
    assert react["aria-describedby"] == "donnees-reactions"
    # The privacy notice is beside the first button of the page (offices-reunis); this one points to it.
    assert consultation.find("p", class_="mention-rgpd").find("a")["href"] == "#donnees-reactions"
    page = BeautifulSoup((site.output / ARTICLE).read_text(encoding="utf-8"), "html.parser")
    [notice] = page.find_all(id="donnees-reactions")
    assert notice.find_parent("section")["id"] == "offices-reunis"
    assert notice.find("a")["href"] == "../../donnees-personnelles/#reactions"
    assert "que si vous avez gardé «\u202foui\u202f» à la question de publication" in notice.get_text()
    # Without a mail client: the address and the id as text, the whole message to copy.
    assert consultation.find("p", class_="sans-messagerie").get_text(" ", strip=True) == (
        "Sans logiciel de messagerie\u202f? Écrivez à consultation@example.org en indiquant l’identifiant du "
        "constat\u00a0: marque-partagee .")
    copied = consultation.find("pre", attrs={"data-copy-label": "Copier le message"}).get_text()
    assert copied == ("Objet\u00a0: " + unquote(fields["subject"]) + "\n\n"
                      + unquote(fields["body"]).replace("\r\n", "\n"))
    assert [script["src"] for script in page.find_all("script")] == ["../../theme/js/today.js", "../../theme/js/copy.js"]
    assert [part["data-when"] for part in consultation.find_all(attrs={"data-when": True})] == ["during", "after"]


def test_after_the_window(site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2016-05-01"))
    assert site.build().ok
    consultation = finding_foot(site)
    assert visible_parts(consultation) == [
        ("after", "Consultation close le 30 avril 2016. Ce que vous avez dit, ce que nous en faisons")]
    assert consultation.find("a", class_="bouton") is None
    assert consultation.find("a")["href"] == "../../constats/reponses/#marque-partagee"


def test_article_can_set_its_own_window(site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2016-06-10"))
    path = site.base / "content" / "articles" / "etat-des-lieux" / "un-seul-nom.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Demo: true\n", "Demo: true\nConsultation_opens: 2016-06-01\nConsultation_closes: 2016-06-30\n"),
                    encoding="utf-8")
    assert site.build().ok
    consultation = finding_foot(site)
    assert (consultation["data-from"], consultation["data-until"]) == ("2016-06-01", "2016-06-30")
    assert [when for when, _ in visible_parts(consultation)] == ["during"]


@pytest.mark.parametrize("metadata, expected", [
    ("Consultation_opens: 2016-06-01\n",
     "content/articles/etat-des-lieux/un-seul-nom.md: métadonnée « Consultation_closes: » manquante : "
     "une consultation propre à l'article a une date d'ouverture et une date de clôture"),
    ("Consultation_opens: 2016-06-30\nConsultation_closes: 2016-06-01\n",
     "content/articles/etat-des-lieux/un-seul-nom.md: la consultation se termine avant d'ouvrir "
     "(ouverture 2016-06-30, clôture 2016-06-01)"),
    ("Consultation_opens: 1er juin 2016\nConsultation_closes: 2016-06-30\n",
     "content/articles/etat-des-lieux/un-seul-nom.md:4:21: date « 1er juin 2016 » invalide : "
     "écrivez-la au format AAAA-MM-JJ (ex. 2016-04-30)"),
])
def test_bad_article_window(site, metadata, expected):
    path = site.base / "content" / "articles" / "etat-des-lieux" / "un-seul-nom.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Demo: true\n", "Demo: true\n" + metadata), encoding="utf-8")
    assert [str(p) for p in site.build().problems] == [expected]


def test_phase_window_closing_before_opening_is_refused(site):
    path = site.base / "data" / "phases.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("closes: 2016-04-30", "closes: 2016-02-28"), encoding="utf-8")
    [problem] = site.build().problems
    assert str(problem) == ("data/phases.yml:24: la consultation de la phase « etat-des-lieux » se termine avant d'ouvrir "
                            "(ouverture 2016-03-01, clôture 2016-02-28)")


def visible_states(browser, url: str, clock: str | None, javascript: bool = True) -> list[str]:
    context = browser.new_context(java_script_enabled=javascript)
    try:
        page = context.new_page()
        if clock:
            page.clock.set_fixed_time(clock)
        page.goto(url)
        page.wait_for_load_state("load")
        parts = page.locator('#marque-partagee [data-when]')
        return [parts.nth(i).get_attribute("data-when") for i in range(parts.count()) if parts.nth(i).is_visible()]
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("built_on, clock, javascript, expected, later_window", [
    pytest.param("2016-04-15", "2016-05-02T10:00:00+02:00", True, ["after"], False, id="open-when-built-closed-now"),
    pytest.param("2016-04-15", "2016-05-02T10:00:00+02:00", False, ["during"], False, id="without-js-build-state-stands"),
    pytest.param("2016-05-15", "2016-06-10T10:00:00+02:00", True, ["during"], True, id="before-when-built-open-now"),
    pytest.param("2016-04-15", "2016-04-20T10:00:00+02:00", True, ["during"], False, id="still-open"),
])
def test_browser_rechecks_the_window(site, monkeypatch, browser, built_on, clock, javascript, expected, later_window):
    from browser import StaticServer

    if later_window:
        own_window(site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(built_on))
    assert site.build().ok
    with StaticServer(site.output) as server:
        assert visible_states(browser, server.url("/" + ARTICLE.removesuffix("index.html")), clock, javascript) == expected


@pytest.mark.browser
def test_feedback_link_is_a_44px_target_at_320px(site, monkeypatch, browser):
    from browser import StaticServer

    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2016-04-15"))
    assert site.build().ok
    with StaticServer(site.output) as server:
        context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
        try:
            page = context.new_page()
            page.goto(server.url("/" + ARTICLE.removesuffix("index.html")))
            links = page.locator("a.bouton")
            boxes = [links.nth(i).bounding_box() for i in range(links.count())]
        finally:
            context.close()
    assert len(boxes) == 2
    assert [(box["width"] >= 44, box["height"] >= 44) for box in boxes] == [(True, True)] * 2


def test_a_hostile_finding_title_stays_text_in_the_message_to_copy(site, monkeypatch):
    """A title pasted with markup: text in the button, the copy block and the link."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2016-04-15"))
    path = site.base / "content" / "articles" / "etat-des-lieux" / "un-seul-nom.md"
    hostile = "<script>alert(1)</script> & <b>gras</b> suite"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "/// constat | Il faut une marque de destination cohérente", f"/// constat | {hostile}"), encoding="utf-8")
    assert site.build().ok
    page = BeautifulSoup((site.output / ARTICLE).read_text(encoding="utf-8"), "html.parser")
    section = page.find("section", id="marque-partagee")
    assert section.find_all("script") == [] and section.find_all("b") == []
    copied = section.find("pre", attrs={"data-copy-label": "Copier le message"}).get_text()
    subject = copied.split("\n", 1)[0]
    assert "<script>alert(1)</script> &" in subject and "<b>gras</b>" in subject
    fields = dict(part.split("=") for part in section.find("a", class_="bouton")["href"].split("?")[1].split("&"))
    assert unquote(fields["subject"]) == subject.removeprefix("Objet\u00a0: ")
