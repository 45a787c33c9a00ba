"""The open consultation is visible everywhere (issue 11, item 1): the home page's call, the banner
of every page, the « Participer » menu entry, the timelines with the consultation inside their phase,
and /constats/ as the participation hub — in its three states, as built and as re-checked in the
browser, at 320 px, with and without JavaScript."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup

from browser import StaticServer, check_axe, check_overflow
from nu_checker import require_vnu, run_vnu

# The consultation moved to June 2016, after every article of the tests' site (a build may not
# come before an article's date): state: (a build date in it, the browser clock in it).
WINDOW = ("2016-06-01", "2016-06-30")
STATES = {
    "before": ("2016-05-15", "2016-05-20T10:00:00+02:00"),
    "during": ("2016-06-10", "2016-06-12T10:00:00+02:00"),
    "after": ("2016-07-01", "2016-07-02T10:00:00+02:00"),
}
BANNER = {
    "before": "La consultation des habitants ouvre le 1er juin 2016. Découvrir les constats",
    "during": "Consultation ouverte jusqu’au 30 juin 2016 inclus. Réagir aux constats",
    "after": "Consultation close le 30 juin 2016. Ce que vous avez dit, ce que nous en faisons",
}
CALL = {
    "before": "Du 1er juin 2016 au 30 juin 2016 inclus, vous pourrez réagir aux 8\u00a0constats du diagnostic. "
              "Découvrir les constats",
    "during": "Jusqu’au 30 juin 2016 inclus, réagissez aux 8\u00a0constats du diagnostic\u00a0: chacun a son bouton "
              "«\u202fRéagir à ce constat\u202f». Voir les constats et réagir",
    "after": "La consultation est close depuis le 30 juin 2016. Ce que vous avez dit, ce que nous en faisons",
}
PHASE = {"before": "à venir", "during": "ouverte", "after": "close"}


def epoch(day: str) -> str:
    return str(int(datetime.datetime.fromisoformat(day + "T12:00:00+02:00").timestamp()))


def june_consultation(site) -> None:
    path = site.base / "data" / "phases.yml"
    text = path.read_text(encoding="utf-8").replace("opens: 2016-03-01", f"opens: {WINDOW[0]}")
    path.write_text(text.replace("closes: 2016-04-30", f"closes: {WINDOW[1]}"), encoding="utf-8")


def visible_text(element) -> str:
    copy = BeautifulSoup(str(element), "html.parser")
    for hidden in copy.select("[hidden]"):
        hidden.decompose()
    return copy.get_text(" ", strip=True)


def parse(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def shown(element, selector: str = "[data-when]") -> list[str]:
    """The text of the parts of a dated element that are not hidden, its own parts only."""
    return [part.get_text(" ", strip=True) for part in element.select(selector)
            if not part.has_attr("hidden") and part.find_parent(attrs={"data-from": True}) is element]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The tests' site built on a day in each state of its consultation (1 March – 30 April 2016)."""
    from conftest import SiteCopy

    built = {}
    mp = pytest.MonkeyPatch()
    try:
        for state, (day, _) in STATES.items():
            site = SiteCopy(tmp_path_factory.mktemp(state))
            june_consultation(site)
            mp.setenv("SOURCE_DATE_EPOCH", epoch(day))
            mp.chdir(site.base)
            result = site.build()
            assert result.problems == [], result.problems
            built[state] = site.output
    finally:
        mp.undo()
    return built


@pytest.mark.parametrize("state", STATES)
def test_every_page_has_the_banner_in_the_state_of_the_build(builds, state):
    output = builds[state]
    pages = [path for path in sorted(output.rglob("*.html")) if "embed" not in path.parts]
    assert len(pages) > 20
    for path in pages:
        banner = parse(path).find("div", class_="bandeau-consultation")
        assert banner is not None and banner.find_parent("header") is not None, path
        assert (banner["data-from"], banner["data-until"]) == WINDOW
        assert shown(banner) == [BANNER[state]], path
        assert [part["data-when"] for part in banner.select("[data-when]")] == ["before", "during", "after"]


@pytest.mark.parametrize("state", STATES)
def test_the_home_page_leads_with_the_call(builds, state):
    page = parse(builds[state] / "index.html")
    call = page.main.find("section", class_="appel")
    assert call is page.main.find("section"), "the call comes first"
    assert call.h2.get_text() == "La consultation des habitants"
    assert shown(call) == [CALL[state]]
    button = next(part for part in call.select("[data-when]") if not part.has_attr("hidden")).find("a", class_="bouton")
    assert button["href"] == ("./constats/reponses/" if state == "after" else "./constats/")


@pytest.mark.parametrize("state", STATES)
def test_timelines_show_the_consultation_inside_its_phase(builds, state):
    for path, selector in (("index.html", ".phase-consultation"), ("la-demarche/index.html", ".phase-consultation")):
        phase = parse(builds[state] / path).find("li", id="phase-etat-des-lieux")
        [consultation] = phase.select(selector)
        assert shown(consultation) == [PHASE[state]]
        assert consultation.get_text(" ", strip=True).startswith(
            "Consultation des habitants du 1er juin 2016 au 30 juin 2016 inclus\u00a0:")
    for path, label in (("embed/chronologie/index.html", {"before": "à venir", "during": "ouverte", "after": "close"}),
                        ("embed/chronologie/en/index.html", {"before": "upcoming", "during": "open", "after": "closed"})):
        consultation = parse(builds[state] / path).find("li", id="phase-etat-des-lieux").find("p", class_="consultation")
        assert shown(consultation) == [label[state]]
    english = parse(builds[state] / "embed/chronologie/en/index.html").find("p", class_="consultation")
    assert english.get_text(" ", strip=True).startswith(
        "Residents’ consultation from 1 June 2016 to 30 June 2016 inclusive:")


def test_the_menu_leads_to_the_participation_hub(builds):
    page = parse(builds["during"] / "constats" / "index.html")
    current = page.find("nav", attrs={"aria-label": "Navigation principale"}).find("a", attrs={"aria-current": True})
    assert (current.get_text(), current["href"], current["aria-current"]) == ("Participer", "../constats/", "page")


def test_the_hub_says_how_to_react_with_the_dates_and_the_notice_once(builds):
    page = parse(builds["during"] / "constats" / "index.html")
    hub = page.main.find("section", class_="participer")
    assert hub.h2.get_text() == "Réagir aux constats"
    assert visible_text(hub.p) == (
        "La consultation des habitants se tient du 1er juin 2016 au 30 juin 2016 inclus. Elle est ouverte.")
    steps = [item.get_text(" ", strip=True) for item in hub.find("ol", class_="etapes").find_all("li")]
    assert steps == [
        "Choisissez un constat ci-dessous et lisez-le dans son article.",
        "Sous le constat, le bouton «\u202fRéagir à ce constat\u202f» ouvre un message prêt dans votre messagerie. "
        "Sans logiciel de messagerie, écrivez à consultation@example.org en indiquant l’identifiant du constat, "
        "donné sous le bouton.",
        "Écrivez votre réaction, gardez «\u202foui\u202f» ou «\u202fnon\u202f» à la question de publication d’un extrait "
        "anonyme, puis envoyez.",
    ]
    assert len(page.find_all(id="donnees-reactions")) == 1


def test_the_hub_gives_the_reaction_counts(site, monkeypatch):
    june_consultation(site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(STATES["during"][0]))
    site.write("data/feedback/marque-partagee.yml", "finding: marque-partagee\ncount: 3\n")
    site.write("data/feedback/offices-reunis.yml", "finding: offices-reunis\ncount: 1\n")
    assert site.build().problems == []
    page = parse(site.output / "constats" / "index.html")
    counts = {item.a.get_text(): item.find("span", class_="meta").get_text(" ", strip=True)
              for item in page.select("ul.constats li")}
    assert counts["Il faut une marque de destination cohérente"] == (
        "— dans «\u202fSe rassembler sous un même nom\u202f» · 3\u00a0réactions reçues")
    assert counts["Les offices de tourisme ont fusionné"] == (
        "— dans «\u202fSe rassembler sous un même nom\u202f» · 1\u00a0réaction reçue")
    assert counts["La concurrence entre destinations est âpre"] == (
        "— dans «\u202fUn contexte qui appelle une nouvelle feuille de route\u202f»")


def test_without_a_consultation_window_nothing_invites_to_react(site, monkeypatch):
    path = site.base / "data" / "phases.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  consultation:")
    end = text.index("closes: 2016-04-30\n", start) + len("closes: 2016-04-30\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert site.build().problems == []
    home = parse(site.output / "index.html")
    assert home.find(class_="bandeau-consultation") is None and home.find(class_="appel") is None
    assert parse(site.output / "constats" / "index.html").find("section", class_="participer") is None


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("state", STATES)
def test_at_320px_the_call_and_the_banner_are_right_and_accessible(builds, browser, state, javascript):
    # Built in another state than the visitor's: with JavaScript the visitor's day wins, without it the build's.
    built_in = {"before": "after", "during": "before", "after": "during"}[state] if javascript else state
    with StaticServer(builds[built_in]) as server:
        context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=javascript)
        try:
            page = context.new_page()
            page.clock.set_fixed_time(STATES[state][1])
            page.goto(server.url("/"))
            page.wait_for_load_state("load")

            def visible(selector: str) -> list[str]:
                parts = page.locator(selector)
                return [" ".join(parts.nth(i).inner_text().split()) for i in range(parts.count())
                        if parts.nth(i).is_visible()]

            assert visible(".bandeau-consultation [data-when]") == [" ".join(BANNER[state].split())]
            assert visible(".appel [data-when]") == [" ".join(CALL[state].split())]
            assert visible("#phase-etat-des-lieux .phase-consultation [data-when]") == [PHASE[state]]
            assert check_overflow(page, 320) == []
            if javascript:  # axe runs in the page; without JavaScript the same state is checked by the js case
                assert check_axe(page) == []
        finally:
            context.close()


@pytest.mark.nu
def test_the_pages_of_each_state_are_valid_html(builds):
    require_vnu()
    for state, output in builds.items():
        pages = ["index.html", "constats/index.html", "la-demarche/index.html",
                 "etat-des-lieux/un-seul-nom/index.html", "embed/chronologie/index.html"]
        run = run_vnu(output, pages)
        assert {page: run.problems(page) for page in pages} == {page: [] for page in pages}, state
