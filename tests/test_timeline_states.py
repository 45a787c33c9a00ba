"""Where "today" stands among the phases (pure functions and SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from core.build_clock import today
from plugins.site_data.schema import PartialDate
from plugins.timeline.phases import CURRENT, FUTURE, PAST, PHASE_STATES, state_of, with_states

PHASE = {"start": PartialDate(2016, 3), "end": PartialDate(2016, 4)}
ONGOING = {"start": PartialDate(2016, 6), "end": None}


@pytest.mark.parametrize("phase, day, state", [
    (PHASE, datetime.date(2016, 2, 29), FUTURE),
    (PHASE, datetime.date(2016, 3, 1), CURRENT),
    (PHASE, datetime.date(2016, 4, 30), CURRENT),
    (PHASE, datetime.date(2016, 5, 1), PAST),
    (ONGOING, datetime.date(2016, 5, 31), FUTURE),
    (ONGOING, datetime.date(2030, 12, 31), CURRENT),
])
def test_state_of(phase, day, state):
    assert state_of(phase, day) == state


def test_one_table_of_states():
    """Ids, the data-when read by today.js, French and English labels: written there only."""
    assert [(state.id, state.when, state.fr, state.en) for state in PHASE_STATES] == [
        (FUTURE, "before", "À venir", "Upcoming"),
        (CURRENT, "during", "En cours", "Ongoing"),
        (PAST, "after", "Terminée", "Completed"),
    ]
    assert [state.label("en") for state in PHASE_STATES] == ["Upcoming", "Ongoing", "Completed"]
    assert [(p["state"], p["state_label"]) for p in with_states([PHASE], datetime.date(2016, 5, 1))] == [
        (PAST, "Terminée")]


@pytest.mark.parametrize("label", [label for state in PHASE_STATES for label in (state.fr, state.en)])
def test_no_template_or_plugin_writes_a_state_label_again(label):
    """Templates and the timeline read PHASE_STATES (« En cours » is also a project status of the
    strategy plugin, another vocabulary: only the timeline and the templates of phases are checked)."""
    root = Path(__file__).resolve().parent.parent
    files = [*(root / "plugins" / "timeline").glob("*.py"), *(root / "theme" / "templates").glob("*.html")]
    found = [path.name for path in files if label in path.read_text(encoding="utf-8")]
    expected = ["phases.py"]
    if label == "En cours":
        expected.append("feuille-de-route.html")  # the roadmap's legend: a project status
    assert sorted(found) == sorted(expected)


@pytest.mark.parametrize("epoch, day", [
    ("1456786800", datetime.date(2016, 3, 1)),  # 2016-02-29T23:00:00Z is already March 1st in Paris
    ("1456786799", datetime.date(2016, 2, 29)),
])
def test_today_comes_from_source_date_epoch_in_paris_time(monkeypatch, epoch, day):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert today() == day


# --- The timeline on « La démarche » and the home page ------------------------------------

from bs4 import BeautifulSoup  # noqa: E402


def phase_states(html_path) -> list[tuple[str, str, bool]]:
    """(phase id, visible state label, is aria-current) for each phase of the page."""
    page = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    return [(li["id"], " ".join(s.get_text() for s in li.find_all("strong", class_="badge")
                                if not s.has_attr("hidden")), li.get("aria-current") == "step")
            for li in page.find("ol", class_="phases").find_all("li", recursive=False)]


EXPECTED_2026 = [("phase-cadrage", "Terminée", False), ("phase-etat-des-lieux", "Terminée", False),
                 ("phase-orientations", "Terminée", False), ("phase-identite", "En cours", True)]


def test_timeline_at_build_time(built_site):
    assert phase_states(built_site / "la-demarche" / "index.html") == EXPECTED_2026
    assert phase_states(built_site / "index.html") == EXPECTED_2026
    page = BeautifulSoup((built_site / "la-demarche" / "index.html").read_text(encoding="utf-8"), "html.parser")
    first = page.find("li", id="phase-cadrage")
    assert (first["data-from"], first["data-until"]) == ("2016-01-01", "2016-02-29")
    assert [t["datetime"] for t in first.find_all("time")] == ["2016-01", "2016-02"]
    assert page.find("li", id="phase-identite")["data-until"] == "9999-12-31"


@pytest.mark.browser
@pytest.mark.parametrize("clock, javascript, expected", [
    ("2016-03-15T10:00:00+01:00", True, [("phase-cadrage", "Terminée", False), ("phase-etat-des-lieux", "En cours", True),
                                         ("phase-orientations", "À venir", False), ("phase-identite", "À venir", False)]),
    ("2016-03-15T10:00:00+01:00", False, EXPECTED_2026),
])
def test_timeline_rechecked_in_the_browser(site_server, browser, clock, javascript, expected):
    context = browser.new_context(java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.clock.set_fixed_time(clock)
        page.goto(site_server.url("/la-demarche/"))
        found = page.eval_on_selector_all("ol.phases > li", """items => items.map(li => [
            li.id,
            [...li.querySelectorAll('strong.badge')].filter(s => s.getClientRects().length > 0)
                .map(s => s.textContent).join(' '),
            li.getAttribute('aria-current') === 'step'])""")
    finally:
        context.close()
    assert [tuple(item) for item in found] == expected


def test_the_consultation_inside_a_phase_has_its_own_states():
    from plugins.timeline.phases import CONSULTATION_STATES, consultation_state_of

    assert [(state.id, state.when, state.fr, state.en) for state in CONSULTATION_STATES] == [
        ("avant", "before", "à venir", "upcoming"), ("ouverte", "during", "ouverte", "open"),
        ("close", "after", "close", "closed")]
    window = {"opens": datetime.date(2016, 3, 1), "closes": datetime.date(2016, 4, 30)}
    assert [consultation_state_of(window, datetime.date(2016, 2, 29)), consultation_state_of(window, window["opens"]),
            consultation_state_of(window, window["closes"]), consultation_state_of(window, datetime.date(2016, 5, 1)),
            consultation_state_of(None, window["opens"])] == ["avant", "ouverte", "ouverte", "close", None]
    [phase] = with_states([dict(PHASE, consultation=window)], datetime.date(2016, 4, 30))
    assert (phase["state"], phase["consultation_state"]) == (CURRENT, "ouverte")
