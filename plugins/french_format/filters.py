"""Pure formatting functions, registered as Jinja filters."""

from __future__ import annotations

import datetime
import functools
import re
from html import unescape

from babel.dates import format_date
from markupsafe import Markup

from plugins.french_typography.typography import NBSP, fix_html, fix_text


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


def time_element(machine: str, text: str) -> Markup:
    """`<time datetime="2016-03">mars 2016</time>`, both values escaped."""
    return Markup('<time datetime="{}">{}</time>').format(machine, text)


_VOWELS = "aeiouàâéèêëîïôûù"


def de_fr(word: str) -> str:
    """« de » before a word, elided before a vowel: « de juin », « d’avril », « d’août »
    (typographic apostrophe, no space after it)."""
    return "d’" if word and word[0].lower() in _VOWELS else "de "


def period_fr(start, end=None) -> Markup:
    """The period of a phase or a project (site_data PartialDate start, optional end) in French,
    each bound a <time> element:
    « de janvier à février 2016 », « de décembre 2015 à janvier 2016 », « d’avril à mai 2016 »,
    « à partir de juin 2016 », « à partir du 15 juin 2016 », « en mars 2016 », « le 1er mars 2016 »,
    « du 15 mars au 30 avril 2016 » (a bound known to the day: from the first day to the last).
    The year is written once when both bounds fall in the same year."""
    if end is None and start.day:
        return Markup("à partir du {}").format(time_element(start.iso, partial_date_fr(start)))
    if end is None:
        month = month_fr(start.first_day)
        return Markup("à partir {}{}").format(de_fr(month), time_element(start.iso, month))
    if start == end:
        return Markup("{} {}").format("le" if start.day else "en", time_element(start.iso, partial_date_fr(start)))
    if not start.day and not end.day:
        first = month_fr(start.first_day)
        first = first.split(" ")[0] if start.year == end.year else first
        return Markup("{}{} à {}").format(de_fr(first), time_element(start.iso, first),
                                          time_element(end.iso, month_fr(end.first_day)))
    first = date_fr(start.first_day)
    first = first.rsplit(" ", 1)[0] if start.year == end.year else first
    return Markup("du {} au {}").format(time_element(iso_date(start.first_day), first),
                                        time_element(iso_date(end.last_day), date_fr(end.last_day)))


def period_text_fr(start, end=None) -> str:
    """period_fr as plain text, for feeds and calendars: « à partir de juin 2016 »."""
    return period_fr(start, end).striptags()


def plural_fr(count: int, singular: str, plural: str | None = None, zero: str | None = None) -> str:
    """French plural: 1 takes the singular, 2 and more the plural (`plural`, or the singular
    with an s); the count and its noun joined by a no-break space: « 1 réaction reçue »,
    « 2 réactions reçues ». Zero reads `zero` when given (« aucune réaction »: no « 0 réaction
    reçue » on a page), else the singular (« 0 constat »)."""
    if count == 0 and zero is not None:
        return zero
    return f"{count}{NBSP}{singular if count < 2 else (plural or singular + 's')}"


# The name of an organisation with its article, as a French sentence needs it (OFFICE_NAME,
# plugins/office_settings: « l’Office de Tourisme… », « le Syndicat d’initiative… », « la Maison du
# tourisme… », « les Offices… », or a name without article, « Briançon Tourisme »).
_ARTICLE = re.compile(r"(?i)(l[’']|le |la |les )(?=\S)")


def split_article(name: str) -> tuple[str, str]:
    """(« l’ », « le », « la », « les » or "", the name without it); the article in lower case,
    its apostrophe typographic."""
    found = _ARTICLE.match(name)
    if not found:
        return "", name
    article = found.group(1).lower().replace("'", "’").strip()
    return article, name[found.end():]


def a_le(name: str) -> str:
    """« à » before a name and its article: « à l’Office », « au Syndicat », « à la Maison »,
    « aux Offices », « à Briançon Tourisme »."""
    article, rest = split_article(name)
    return {"le": "au ", "les": "aux ", "la": "à la ", "l’": "à l’"}.get(article, "à ") + rest


def de_le(name: str) -> str:
    """« de » before a name and its article: « de l’Office », « du Syndicat », « de la Maison »,
    « des Offices », « de Briançon Tourisme », « d’Annecy Tourisme »."""
    article, rest = split_article(name)
    return {"le": "du ", "les": "des ", "la": "de la ", "l’": "de l’"}.get(article, de_fr(rest)) + rest


def upper_first(text: str) -> str:
    """The first letter in capitals, the rest as it is (Jinja's capitalize lowers it): the start of
    a sentence, « L’Office de Tourisme… s’engage », « Au Syndicat d’initiative… »."""
    return text[:1].upper() + text[1:]


def typo(text) -> str:
    """French typography (plugins/french_typography) on a plain text a template shows: no-break
    spaces before : ; ! ? and inside « », ’ for ' between letters. Plain text in, plain text out:
    Jinja escapes it afterwards, so nothing in it ever becomes markup."""
    if isinstance(text, Markup):  # already HTML: its text nodes only
        return Markup(fix_html(str(text)))
    return fix_text(str(text)) if text else text


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
    "de_fr": de_fr,
    "a_le": a_le,
    "de_le": de_le,
    "upper_first": upper_first,
    "typo": typo,
    "period_fr": period_fr,
}
