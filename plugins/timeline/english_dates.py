"""English dates for the English embed page, through Babel (never the machine's locale),
registered as Jinja filters next to the French ones of plugins/french_format (`period_en` is
`period_fr`'s English counterpart).

British order (« 1 March 2016 »): the readers are European visitors, not a US audience.
"""

from __future__ import annotations

import datetime

from babel.dates import format_date
from markupsafe import Markup

from plugins.french_format.filters import iso_date, time_element

LOCALE = "en_GB"


def _as_date(value) -> datetime.date:
    if isinstance(value, str):
        return datetime.date.fromisoformat(value)
    return value.date() if isinstance(value, datetime.datetime) else value


def date_en(value) -> str:
    """« 1 March 2016 »."""
    return format_date(_as_date(value), "d MMMM y", locale=LOCALE)


def month_en(value) -> str:
    """« June 2016 »."""
    return format_date(_as_date(value), "MMMM y", locale=LOCALE)


def partial_date_en(value) -> str:
    """A site_data PartialDate: « June 2016 » or « 1 June 2016 »."""
    return date_en(value.first_day) if value.day else month_en(value.first_day)


def period_en(start, end=None) -> Markup:
    """The English period of a phase (PartialDate start, optional end), each bound a <time> element:
    « January to February 2016 », « December 2015 to January 2016 », « from June 2016 »,
    « from 15 June 2016 », « in March 2016 », « on 1 March 2016 », « 15 March to 30 April 2016 ».
    The year is written once when both bounds fall in the same year."""
    if end is None:
        return Markup("from {}").format(time_element(start.iso, partial_date_en(start)))
    if start == end:
        return Markup("{} {}").format("on" if start.day else "in", time_element(start.iso, partial_date_en(start)))
    if not start.day and not end.day:
        first = month_en(start.first_day)
        first = first.split(" ")[0] if start.year == end.year else first
        return Markup("{} to {}").format(time_element(start.iso, first), time_element(end.iso, month_en(end.first_day)))
    first = date_en(start.first_day)
    first = first.rsplit(" ", 1)[0] if start.year == end.year else first
    return Markup("{} to {}").format(time_element(iso_date(start.first_day), first),
                                     time_element(iso_date(end.last_day), date_en(end.last_day)))


FILTERS = {"date_en": date_en, "month_en": month_en, "partial_date_en": partial_date_en, "period_en": period_en}
