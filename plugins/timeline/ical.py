"""The phases as an iCalendar feed (RFC 5545), written with the `icalendar` library.

One VEVENT per phase, all day (DATE values, no time zone):
- DTSTART is the phase's first day; DTEND the day AFTER its last day (RFC 5545: the end of an
  all-day event is exclusive), so « 2016-01 → 2016-02 » is DTSTART 20160101, DTEND 20160301;
- a phase with no announced end is a one-day event on its first day, its SUMMARY saying
  « (à partir de juin 2016) »: the feed never invents an end date, and the event does not move
  from one build to the next;
- UID « phase-<id>@<host of PUBLIC_SITEURL> »: stable as long as the phase id, so a calendar
  that subscribed updates the event instead of duplicating it;
- DTSTAMP is the build's "now" (core/build_clock.py: SOURCE_DATE_EPOCH when set), in UTC: same
  commit and same SOURCE_DATE_EPOCH, same bytes.
The library escapes TEXT values (`,` `;` `\\` and line breaks), folds lines at 75 octets without
splitting a UTF-8 character, and ends every line with CRLF.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from core.open_data import absolute_url
from plugins.french_format.filters import date_fr, period_text_fr

from .links import page_url


def webcal_url(https_url: str) -> str:
    """The subscription address of a feed: the same address with the webcal: scheme."""
    parts = urlsplit(https_url)
    return "webcal://" + https_url[len(parts.scheme) + len("://"):]


def uid(phase: dict, settings: dict) -> str:
    return f"phase-{phase['id']}@{urlsplit(settings['PUBLIC_SITEURL']).hostname}"


def event_dates(phase: dict) -> tuple[datetime.date, datetime.date]:
    """DTSTART and the exclusive DTEND of a phase (one day when it has no end)."""
    first = phase["start"].first_day
    if phase["end"] is None:
        return first, first + datetime.timedelta(days=1)
    return first, phase["end"].last_day + datetime.timedelta(days=1)


def summary(phase: dict, settings: dict) -> str:
    text = f"{settings['SITENAME']}\u00a0: {phase['title']}"
    if phase["end"] is None:
        text += f" ({period_text_fr(phase['start'])})"
    return text


def description(phase: dict, settings: dict, url: str) -> str:
    lines = [phase["summary"], "", f"Période\u00a0: {period_text_fr(phase['start'], phase['end'])}."]
    window = phase.get("consultation")
    if window is not None:
        lines.append(f"Consultation des habitants\u00a0: du {date_fr(window['opens'])} "
                     f"au {date_fr(window['closes'])} inclus.")
    lines.append(f"En savoir plus\u00a0: {url}")
    return "\n".join(lines)


def calendar_bytes(phases: list[dict], settings: dict, stamp: datetime.datetime) -> bytes:
    name = f"{settings['SITENAME']}\u00a0: les phases de la démarche"
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings['SITENAME']}//Phases de la démarche//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)  # RFC 7986
    calendar.add("x-wr-calname", name)  # the name most calendar apps read
    calendar.add("x-wr-caldesc", f"Les étapes de la démarche «\u00a0{settings['SITENAME']}\u00a0», "
                                 f"publiées sur {absolute_url(settings, '')}")
    calendar.add("refresh-interval", datetime.timedelta(days=1), parameters={"VALUE": "DURATION"})  # RFC 7986
    calendar.add("x-published-ttl", "P1D")  # the same, for Outlook and Apple Calendar
    dtstamp = stamp.astimezone(datetime.timezone.utc).replace(microsecond=0)
    for phase in phases:
        url = page_url(phase, settings)
        start, end = event_dates(phase)
        event = Event()
        event.add("uid", uid(phase, settings))
        event.add("dtstamp", dtstamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", summary(phase, settings))
        event.add("description", description(phase, settings, url))
        event.add("url", url)
        event.add("transp", "TRANSPARENT")  # information, not a meeting: never shown as busy
        calendar.add_component(event)
    return calendar.to_ical()
