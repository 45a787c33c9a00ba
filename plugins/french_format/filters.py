"""Pure formatting functions, registered as Jinja filters."""

from __future__ import annotations

import datetime
import functools
import re
from html import unescape

from babel.dates import format_date


def _as_date(value) -> datetime.date:
    """A date from a date, a datetime or an ISO string (settings hold « 2026-11-25 »)."""
    if isinstance(value, str):
        return datetime.date.fromisoformat(value)
    return value.date() if isinstance(value, datetime.datetime) else value


def date_fr(value) -> str:
    """« 1er mars 2016 », « 30 avril 2016 » (French ordinal for the first day)."""
    return _date_fr(_as_date(value))


@functools.lru_cache(maxsize=4096)  # Babel takes about 0.1 ms a date; pages repeat a few dates
def _date_fr(day: datetime.date) -> str:
    text = format_date(day, "d MMMM y", locale="fr_FR")
    return "1er" + text[1:] if day.day == 1 else text


def month_fr(value) -> str:
    """« juin 2016 »."""
    return _month_fr(_as_date(value))


@functools.lru_cache(maxsize=4096)
def _month_fr(day: datetime.date) -> str:
    return format_date(day, "MMMM y", locale="fr_FR")


def partial_date_fr(value) -> str:
    """A site_data PartialDate: « juin 2016 » or « 1er juin 2016 »."""
    return date_fr(value.first_day) if value.day else month_fr(value.first_day)


def iso_date(value) -> str:
    return _as_date(value).isoformat()


def plural_fr(count: int, singular: str, plural: str | None = None) -> str:
    """French plural: 0 and 1 take the singular."""
    return f"{count} {singular if count < 2 else (plural or singular + 's')}"


def plain_text(html: str) -> str:
    """HTML to text for attributes (meta description): tags removed, entities decoded,
    ASCII whitespace collapsed — unlike Jinja's striptags, no-break spaces survive."""
    text = unescape(re.sub(r"<[^>]*>", "", html or ""))
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


FILTERS = {
    "plain_text": plain_text,
    "date_fr": date_fr,
    "month_fr": month_fr,
    "partial_date_fr": partial_date_fr,
    "iso_date": iso_date,
    "plural_fr": plural_fr,
}
