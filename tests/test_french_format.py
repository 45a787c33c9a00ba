"""French formatting filters: Babel, whatever the machine's locale."""

from __future__ import annotations

import datetime

import pytest
from jinja2 import Environment
from markupsafe import Markup

from plugins.french_format.filters import (FILTERS, date_fr, de_fr, month_fr, partial_date_fr, period_fr,
                                           period_text_fr, plural_fr, time_element)
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


@pytest.mark.parametrize("count, text", [(0, "0\u00a0constat"), (1, "1\u00a0constat"), (2, "2\u00a0constats")])
def test_plural_fr(count, text):
    assert plural_fr(count, "constat") == text


@pytest.mark.parametrize("count, text", [(0, "aucun projet"), (1, "1\u00a0projet"), (3, "3\u00a0projets")])
def test_plural_fr_says_zero_in_words(count, text):
    assert plural_fr(count, "projet", zero="aucun projet") == text


# --- Periods and elision (filters period_fr and de_fr; the English period_en is in test_embed.py) --

@pytest.mark.parametrize("word, text", [
    ("juin", "de "), ("février", "de "), ("avril", "d’"), ("août", "d’"), ("octobre", "d’"),
    ("été", "d’"), ("Avril", "d’"), ("", "de "),
])
def test_de_fr(word, text):
    assert de_fr(word) == text


@pytest.mark.parametrize("start, end, html", [
    # No end, known to the day: « à partir du ».
    (PartialDate(2016, 6, 15), None, 'à partir du <time datetime="2016-06-15">15 juin 2016</time>'),
    (PartialDate(2016, 6, 1), None, 'à partir du <time datetime="2016-06-01">1er juin 2016</time>'),
    # No end, a month: « à partir de », elided before a vowel.
    (PartialDate(2016, 6), None, 'à partir de <time datetime="2016-06">juin 2016</time>'),
    (PartialDate(2016, 4), None, 'à partir d’<time datetime="2016-04">avril 2016</time>'),
    (PartialDate(2016, 8), None, 'à partir d’<time datetime="2016-08">août 2016</time>'),
    # One month, one day.
    (PartialDate(2016, 3), PartialDate(2016, 3), 'en <time datetime="2016-03">mars 2016</time>'),
    (PartialDate(2016, 3, 1), PartialDate(2016, 3, 1), 'le <time datetime="2016-03-01">1er mars 2016</time>'),
    # Two months: the year once when it is the same.
    (PartialDate(2016, 1), PartialDate(2016, 2),
     'de <time datetime="2016-01">janvier</time> à <time datetime="2016-02">février 2016</time>'),
    (PartialDate(2016, 4), PartialDate(2016, 5),
     'd’<time datetime="2016-04">avril</time> à <time datetime="2016-05">mai 2016</time>'),
    (PartialDate(2015, 12), PartialDate(2016, 1),
     'de <time datetime="2015-12">décembre 2015</time> à <time datetime="2016-01">janvier 2016</time>'),
    (PartialDate(2015, 10), PartialDate(2016, 1),
     'd’<time datetime="2015-10">octobre 2015</time> à <time datetime="2016-01">janvier 2016</time>'),
    # A bound known to the day: from the first day to the last, both as full dates.
    (PartialDate(2016, 3, 15), PartialDate(2016, 4),
     'du <time datetime="2016-03-15">15 mars</time> au <time datetime="2016-04-30">30 avril 2016</time>'),
    (PartialDate(2016, 3), PartialDate(2016, 4, 15),
     'du <time datetime="2016-03-01">1er mars</time> au <time datetime="2016-04-15">15 avril 2016</time>'),
    (PartialDate(2016, 9, 15), PartialDate(2016, 9),
     'du <time datetime="2016-09-15">15 septembre</time> au <time datetime="2016-09-30">30 septembre 2016</time>'),
    (PartialDate(2015, 12, 15), PartialDate(2016, 1, 10),
     'du <time datetime="2015-12-15">15 décembre 2015</time> au <time datetime="2016-01-10">10 janvier 2016</time>'),
])
def test_period_fr(start, end, html):
    found = period_fr(start, end)
    assert isinstance(found, Markup)  # not escaped again by the templates
    assert found == html


@pytest.mark.parametrize("start, end, text", [
    (PartialDate(2016, 4), None, "à partir d’avril 2016"),
    (PartialDate(2016, 6, 15), None, "à partir du 15 juin 2016"),
    (PartialDate(2016, 3, 15), PartialDate(2016, 4), "du 15 mars au 30 avril 2016"),
])
def test_period_text_fr(start, end, text):
    """For feeds and calendars (phases-timelinejs.json, phases.ics): the same words, no markup."""
    found = period_text_fr(start, end)
    assert type(found) is str and found == text


def test_time_element_escapes_both_values():
    assert time_element('2016"><b', "<i>&") == '<time datetime="2016&#34;&gt;&lt;b">&lt;i&gt;&amp;</time>'


def test_period_in_a_template():
    env = Environment(autoescape=True)
    env.filters.update(FILTERS)
    template = env.from_string("{{ start|period_fr(end) }} · {{ start|period_fr }} · {{ word|de_fr }}")
    assert template.render(start=PartialDate(2016, 4), end=PartialDate(2016, 5), word="août") == (
        'd’<time datetime="2016-04">avril</time> à <time datetime="2016-05">mai 2016</time> · '
        'à partir d’<time datetime="2016-04">avril 2016</time> · d’')
