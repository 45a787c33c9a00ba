"""English dates for the English embed page, through Babel (never the machine's locale),
registered as Jinja filters next to the French ones of plugins/french_format.

British order (« 1 March 2016 »): the readers are European visitors, not a US audience.
"""

from __future__ import annotations

import datetime

from babel.dates import format_date

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


FILTERS = {"date_en": date_en, "month_en": month_en, "partial_date_en": partial_date_en}
