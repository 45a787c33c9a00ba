"""The phases for reusers: /donnees/phases.json, /donnees/phases-timelinejs.json (TimelineJS3) and the
iCalendar feed /donnees/phases.ics, listed on the page /donnees/."""

from __future__ import annotations

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from plugins.french_typography.typography import fix_text
from plugins.site_data.schema import PartialDate
from plugins.timeline.ical import event_dates, webcal_url

SITE = "https://www.example.org/la-vallee-au-sommet/"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
FIELDS = ["id", "titre", "debut", "fin", "debut_jour", "fin_jour", "resume", "lien", "consultation", "etat"]
PHASE_IDS = ["cadrage", "etat-des-lieux", "orientations", "identite"]
NB = "\u00a0"


def load(output, name: str) -> dict:
    return json.loads((output / "donnees" / name).read_bytes().decode("utf-8"))


def load_ics(output) -> Calendar:
    return Calendar.from_ical((output / "donnees" / "phases.ics").read_bytes())


def events(calendar: Calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def add_phase(site, yaml: str) -> None:
    """Appends a phase to data/phases.yml of the copy of the tests' site (the findings need the phase
    « etat-des-lieux »)."""
    path = site.base / "data" / "phases.yml"
    site.write("data/phases.yml", path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + yaml)


def phase_yaml(id: str, title: str, start: str, end: str | None = None) -> str:
    text = f"- id: {id}\n  title: {json.dumps(title, ensure_ascii=False)}\n  start: {start}\n"
    if end:
        text += f"  end: {end}\n"
    return text + "  summary: Une phase.\n"


# --- /donnees/phases.json ----------------------------------------------------------------

def test_json_has_licence_source_and_the_phases_in_order(built_site):
    data = load(built_site, "phases.json")
    assert list(data) == ["licence", "licence_url", "source", "phases"]
    assert (data["licence"], data["licence_url"], data["source"]) == ("Licence Ouverte 2.0", LICENCE_URL, SITE)
    assert [phase["id"] for phase in data["phases"]] == PHASE_IDS
    assert all(list(phase) == FIELDS for phase in data["phases"])


def test_json_values_as_written_with_first_and_last_days(built_site):
    phases = {phase["id"]: phase for phase in load(built_site, "phases.json")["phases"]}
    assert phases["etat-des-lieux"] == {
        "id": "etat-des-lieux",
        "titre": "Diagnostic",
        "debut": "2016-03",
        "fin": "2016-04",
        "debut_jour": "2016-03-01",
        "fin_jour": "2016-04-30",
        "resume": ("Élaboration d’un diagnostic pour dresser les grands constats et dégager les problématiques "
                   "du territoire. Partage de ces constats avec les différents groupes de travail mais également "
                   "via ce blog."),
        "lien": SITE + "etat-des-lieux/",
        "consultation": {"ouverture": "2016-03-01", "cloture": "2016-04-30"},
        "etat": "passee",  # the tests build as of 2026-07-01
    }
    assert (phases["cadrage"]["fin_jour"], phases["cadrage"]["lien"],
            phases["cadrage"]["consultation"]) == ("2016-02-29", None, None)  # 2016: leap year
    assert {key: phases["identite"][key] for key in ("debut", "fin", "debut_jour", "fin_jour", "etat")} == {
        "debut": "2016-06", "fin": None, "debut_jour": "2016-06-01", "fin_jour": None, "etat": "en-cours"}


def test_json_bytes(built_site):
    raw = (built_site / "donnees" / "phases.json").read_bytes()
    assert raw.startswith(b'{\n  "licence": "Licence Ouverte 2.0",\n') and raw.endswith(b"}\n")
    assert "Préparation".encode("utf-8") in raw and b"\\u00" not in raw  # ensure_ascii=False


def test_state_is_the_one_of_the_build_day(site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1459504800")  # 2016-04-01T10:00 in Paris
    assert site.build().ok
    states = {phase["id"]: phase["etat"] for phase in load(site.output, "phases.json")["phases"]}
    assert states == {"cadrage": "passee", "etat-des-lieux": "en-cours", "orientations": "en-cours",
                      "identite": "a-venir"}


def test_day_precision_and_an_absolute_link(site):
    add_phase(site, phase_yaml("atelier", "Atelier", "2016-09-15", "2016-09-30")
              + "  link: https://exemple.fr/atelier?a=1&b=2\n")
    assert site.build().ok
    phase = load(site.output, "phases.json")["phases"][-1]
    assert {key: phase[key] for key in ("debut", "fin", "debut_jour", "fin_jour", "lien")} == {
        "debut": "2016-09-15", "fin": "2016-09-30", "debut_jour": "2016-09-15", "fin_jour": "2016-09-30",
        "lien": "https://exemple.fr/atelier?a=1&b=2"}
    event = load(site.output, "phases-timelinejs.json")["events"][-1]
    assert (event["start_date"], event["end_date"]) == ({"year": 2016, "month": 9, "day": 15},
                                                        {"year": 2016, "month": 9, "day": 30})
    assert event["display_date"] == "du 15 septembre au 30 septembre 2016"  # period_fr, as on the site
    assert '<a href="https://exemple.fr/atelier?a=1&amp;b=2">En savoir plus</a>' in event["text"]["text"]
    ics_event = list(events(load_ics(site.output)).values())[-1]
    assert (ics_event["DTSTART"].dt, ics_event["DTEND"].dt) == (datetime.date(2016, 9, 15), datetime.date(2016, 10, 1))
    assert str(ics_event["URL"]) == "https://exemple.fr/atelier?a=1&b=2"


# --- /donnees/phases-timelinejs.json -------------------------------------------------------

def test_timelinejs_format(built_site):
    data = load(built_site, "phases-timelinejs.json")
    assert list(data) == ["title", "events"]
    assert data["title"]["text"]["headline"] == "La Vallée au Sommet"
    assert [event["unique_id"] for event in data["events"]] == PHASE_IDS
    first, diagnostic, _, marque = data["events"]
    assert first == {
        "start_date": {"year": 2016, "month": 1},
        "end_date": {"year": 2016, "month": 2},
        "display_date": "de janvier à février 2016",
        "text": {"headline": "Préparation de la démarche",
                 "text": ("<p>Accompagnement par les cabinets Inkipit et Ertenz Conseil sur la préparation de la "
                          "conduite de la démarche\u00a0: définition des contours, mise en place de la gouvernance "
                          "et dimensionnement des étapes à venir.</p>")},
        "unique_id": "cadrage",
    }
    assert diagnostic["text"]["text"].endswith(f'<p><a href="{SITE}etat-des-lieux/">En savoir plus</a></p>')
    assert "end_date" not in marque and marque["display_date"] == "à partir de juin 2016"


def test_timelinejs_texts_are_escaped_html(site):
    add_phase(site, phase_yaml("piege", "<b>Gras</b> & « guillemets »", "2016-06"))
    assert site.build().ok
    event = load(site.output, "phases-timelinejs.json")["events"][-1]
    # The YAML text in French typography (site_data's Text), then escaped as HTML.
    assert event["text"]["headline"] == "&lt;b&gt;Gras&lt;/b&gt; &amp; «\u202fguillemets\u202f»"


# --- /donnees/phases.ics ------------------------------------------------------------------------

def test_calendar_properties(built_site):
    calendar = load_ics(built_site)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["PRODID"]) == "-//La Vallée au Sommet//Phases de la démarche//FR"
    assert str(calendar["X-WR-CALNAME"]) == f"La Vallée au Sommet{NB}: les phases de la démarche"
    assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"])


# The four phases of the tests' site: all-day events, DTEND the day after the last day (exclusive,
# RFC 5545); the open-ended « identite » (Marque de destination) is one day, its first.
EXPECTED_DATES = {
    "phase-cadrage@www.example.org": (datetime.date(2016, 1, 1), datetime.date(2016, 3, 1)),
    "phase-etat-des-lieux@www.example.org": (datetime.date(2016, 3, 1), datetime.date(2016, 5, 1)),
    "phase-orientations@www.example.org": (datetime.date(2016, 4, 1), datetime.date(2016, 6, 1)),
    "phase-identite@www.example.org": (datetime.date(2016, 6, 1), datetime.date(2016, 6, 2)),
}


def test_one_all_day_event_per_phase_with_exact_dates_and_uids(built_site):
    found = events(load_ics(built_site))
    assert list(found) == list(EXPECTED_DATES)
    for uid, (start, end) in EXPECTED_DATES.items():
        event = found[uid]
        assert (type(event["DTSTART"].dt), type(event["DTEND"].dt)) == (datetime.date, datetime.date), uid
        assert (event["DTSTART"].dt, event["DTEND"].dt) == (start, end), uid
        assert event["DTSTAMP"].dt == datetime.datetime(2026, 7, 1, tzinfo=datetime.timezone.utc)  # FIXED_EPOCH
    raw = (built_site / "donnees" / "phases.ics").read_bytes()
    assert b"DTSTART;VALUE=DATE:20160101\r\nDTEND;VALUE=DATE:20160301\r\n" in raw
    assert b"DTSTAMP:20260701T000000Z\r\n" in raw


def test_summaries_descriptions_and_urls(built_site):
    found = events(load_ics(built_site))
    diagnostic = found["phase-etat-des-lieux@www.example.org"]
    assert str(diagnostic["SUMMARY"]) == f"La Vallée au Sommet{NB}: Diagnostic"
    assert str(diagnostic["URL"]) == SITE + "etat-des-lieux/"
    assert str(diagnostic["DESCRIPTION"]).split("\n")[1:] == [
        "", f"Période{NB}: de mars à avril 2016.",
        f"Consultation des habitants{NB}: du 1er mars 2016 au 30 avril 2016 inclus.",
        f"En savoir plus{NB}: {SITE}etat-des-lieux/"]
    marque = found["phase-identite@www.example.org"]
    assert str(marque["SUMMARY"]) == f"La Vallée au Sommet{NB}: Marque de destination (à partir de juin 2016)"
    # No page of its own: its entry on the timeline page.
    assert str(marque["URL"]) == SITE + "la-demarche/#phase-identite"
    assert str(found["phase-cadrage@www.example.org"]["TRANSP"]) == "TRANSPARENT"


def test_phase_anchor_of_the_calendar_exists_on_the_timeline_page(built_site):
    page = BeautifulSoup((built_site / "la-demarche" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find(id="phase-identite") is not None


def assert_rfc5545_lines(raw: bytes) -> None:
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n")  # no bare LF
    assert raw.count(b"\r") == raw.count(b"\r\n")  # no bare CR
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # folding never splits a character


def test_crlf_and_lines_of_at_most_75_octets(built_site):
    assert_rfc5545_lines((built_site / "donnees" / "phases.ics").read_bytes())


LONG = ("Élaboration concertée de la marque de destination « Serre Chevalier Vallée Briançon » "
        "avec les socio-professionnels")


def test_long_accented_summary_is_folded_and_reads_back_whole(site):
    add_phase(site, phase_yaml("longue", LONG, "2016-06", "2016-07"))
    assert site.build().ok
    raw = (site.output / "donnees" / "phases.ics").read_bytes()
    assert_rfc5545_lines(raw)
    assert b"\r\n " in raw.split(b"SUMMARY:")[-1].split(b"\r\nDTSTART")[0]  # folded
    event = list(events(load_ics(site.output)).values())[-1]
    assert str(event["SUMMARY"]) == f"La Vallée au Sommet{NB}: {fix_text(LONG)}"


TRICKY = 'Bilan, suite ; fin \\ et\nretour à la ligne'


def test_text_values_are_escaped(site):
    add_phase(site, phase_yaml("bilan", TRICKY, "2016-06", "2016-07"))
    assert site.build().ok
    raw = (site.output / "donnees" / "phases.ics").read_bytes()
    unfolded = raw.replace(b"\r\n ", b"")
    summary = "SUMMARY:La Vallée au Sommet\u00a0: Bilan\\, suite\u202f\\; fin \\\\ et\\nretour à la ligne\r\n"
    assert summary.encode() in unfolded
    event = list(events(load_ics(site.output)).values())[-1]
    assert str(event["SUMMARY"]) == f"La Vallée au Sommet{NB}: {fix_text(TRICKY)}"
    assert load(site.output, "phases.json")["phases"][-1]["titre"] == fix_text(TRICKY)


def test_uids_are_stable_across_builds_and_dtstamp_follows_the_build_date(site, monkeypatch, tmp_path):
    assert site.build().ok
    first = (site.output / "donnees" / "phases.ics").read_bytes()
    site.output = tmp_path / "second"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1785542400")  # 2026-08-01T00:00:00Z
    assert site.build().ok
    second = (site.output / "donnees" / "phases.ics").read_bytes()
    assert list(events(Calendar.from_ical(first))) == list(events(Calendar.from_ical(second))) == list(EXPECTED_DATES)
    assert first.replace(b"DTSTAMP:20260701T000000Z", b"DTSTAMP:20260801T000000Z") == second


@pytest.mark.parametrize(("start", "end", "expected"), [
    (PartialDate(2016, 1), PartialDate(2016, 2), ("2016-01-01", "2016-03-01")),
    (PartialDate(2016, 12), PartialDate(2016, 12), ("2016-12-01", "2017-01-01")),
    (PartialDate(2016, 3, 15), PartialDate(2016, 4, 30), ("2016-03-15", "2016-05-01")),
    (PartialDate(2016, 6), None, ("2016-06-01", "2016-06-02")),
    (PartialDate(2016, 12, 31), None, ("2016-12-31", "2017-01-01")),
])
def test_event_dates(start, end, expected):
    assert tuple(day.isoformat() for day in event_dates({"start": start, "end": end})) == expected


def test_webcal_url():
    assert (webcal_url("https://www.example.org/site/donnees/phases.ics")
            == "webcal://www.example.org/site/donnees/phases.ics")


# --- The page /donnees/ -------------------------------------------------------------------------

def test_open_data_page_lists_the_three_files_and_the_subscription(built_site):
    page = BeautifulSoup((built_site / "donnees" / "index.html").read_text(encoding="utf-8"), "html.parser")
    section = page.find("section", id="jeu-phases")
    assert section.h2.get_text() == "Les phases de la démarche"
    files = [(a["href"], a["type"], a.find_next_sibling("span").get_text().rsplit(", ", 1)[0])
             for a in section.select("ul.fichiers a[type]")]
    assert files == [("../donnees/phases.json", "application/json", "(JSON"),
                     ("../donnees/phases-timelinejs.json", "application/json", "(JSON, format TimelineJS"),
                     ("../donnees/phases.ics", "text/calendar", "(iCalendar")]
    subscribe = section.find("a", string="s’abonner au calendrier")
    assert subscribe["href"] == "webcal://www.example.org/la-vallee-au-sommet/donnees/phases.ics"
    fields = [dt.code.get_text() for dt in section.select("dl.champs dt")]
    assert fields == FIELDS
    etat = section.select("dl.champs dd")[FIELDS.index("etat")].get_text()
    assert "le jour où le site a été mis à jour" in etat
