"""French formatting filters: Babel, whatever the machine's locale."""

from __future__ import annotations

import datetime

import pytest

from plugins.french_format.filters import date_fr, month_fr, partial_date_fr, plural_fr
from plugins.site_data.schema import PartialDate


@pytest.mark.parametrize("value, text", [
    (datetime.date(2016, 3, 1), "1er mars 2016"),
    (datetime.date(2016, 4, 30), "30 avril 2016"),
    (datetime.datetime(2016, 8, 15, 10, 30), "15 août 2016"),
    (datetime.date(2016, 2, 11), "11 février 2016"),
    (datetime.date(2016, 12, 21), "21 décembre 2016"),
])
def test_date_fr(value, text):
    assert date_fr(value) == text


@pytest.mark.parametrize("value, text", [
    (PartialDate(2016, 6), "juin 2016"),
    (PartialDate(2016, 6, 1), "1er juin 2016"),
    (PartialDate(2016, 2, 11), "11 février 2016"),
])
def test_partial_date_fr(value, text):
    assert partial_date_fr(value) == text


def test_month_fr():
    assert month_fr(datetime.date(2016, 8, 1)) == "août 2016"


@pytest.mark.parametrize("count, text", [(0, "0 constat"), (1, "1 constat"), (2, "2 constats")])
def test_plural_fr(count, text):
    assert plural_fr(count, "constat") == text
