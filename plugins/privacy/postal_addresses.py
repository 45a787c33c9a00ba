"""Postal addresses in a normalised text, for the personal-data detector
(plugins/privacy/personal_data.py)."""

from __future__ import annotations

import re
from typing import Iterable


# A number (« 12 », « 12 bis », « 12b », « n°16 ») and a street type, then the street's name: a
# word, and the words that follow while they start with a capital (« de », « l' »… between them)
# or, written in lower case (« 12 rue victor hugo »), up to three more words of three letters or
# more that are not words a sentence goes on with (« et », « depuis », « est »…: `_GOES_ON`).
_STREET_TYPES = (r"rue|r(?=\.)|avenue|av|bd|boulevard|blvd|chemin|ch|impasse|imp|all[ée]e|place|pl|route|rte|"
                 r"quai|cours|passage|square|lotissement|lot|hameau|r[ée]sidence|chauss[ée]e|mont[ée]e|sentier|"
                 r"voie|faubourg|fg|rond-point|traverse|ruelle|esplanade|promenade|cit[ée]|villa|domaine|clos|"
                 r"mail|parvis|lieu-dit|lieudit|quartier|cour|venelle|carrefour")
_PARTICLE = r"(?:(?:de|du|des|la|le|les|aux|sous|sur|en|et)\s+|[ldLD]['’]\s*)"  # not « à », « au »: the town follows
_CAPITAL_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’\-]*"
_NAME_PARTICLE = r"(?:(?:de|du|des|la|le|les)\s+|[ldLD]['’]\s*)"  # within a name in lower case
_GOES_ON = (r"est|sont|était|étaient|sera|avons|avez|ont|elle|elles|ils|nous|vous|qui|que|quoi|dont|mais|donc|"
            r"car|depuis|pendant|avant|après|pour|par|avec|sans|dans|chez|vers|entre|cette|ces|cet|mon|mes|ton|"
            r"tes|son|ses|notre|nos|votre|vos|leur|leurs|pas|plus|très|trop|aussi|bien|tout|tous|toute|toutes|"
            r"ici|quand|comme|alors|puis|encore|déjà|toujours|jamais|souvent|rien|même|merci|cordialement|"
            r"devant|derrière|près|contre|sauf|selon|malgré|durant|afin|lors|parce|ainsi|serait|seraient|doit|"
            r"doivent|peut|peuvent|faut|fait|font|reste|restent|semble|manque|manquent|"
            # what makes « 1 place », « 1 passage » a noun, not a street: « 1 place de parking gratuite »
            r"piétons?|parking|gratuite?s?|libres?|disponibles?|réservée?s?|supplémentaires?|handicapée?s?|"
            r"vélos?|voitures?|bus|enfants?|adultes?|semaines?|jours?|mois|ans|heures?|minutes?")
_NOT_GOES_ON = rf"(?!(?:{_GOES_ON})(?![\w'’\-]))"
_LOWER_WORD = rf"{_NOT_GOES_ON}[a-zà-öø-ÿœæ][\w'’\-]{{2,}}"
# A street named after a date (« rue du 8 mai 1945 », « place du 14 juillet »).
_MONTHS = (r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|"
           r"d[ée]cembre")
_DATE_NAME = rf"\d{{1,2}}(?:er)?\s+(?i:{_MONTHS})(?:\s+\d{{4}})?(?![\w'’\-])"
# The postcode and town that follow an address: the town may be in lower case there
# (« 7 allée des pins 05100 briançon »); alone, « 15000 euros » is not a town.
# (a span of its own: « 12 rue des Lilas, 05100 Briançon » keeps its comma).
_ADDRESS_TOWN = (rf"(?:(?P<before_town>\s*,?\s+)\d{{5}}(?![\w'’\-])"
                 rf"(?:\s+{_NAME_PARTICLE}{{0,2}}(?:{_LOWER_WORD}|{_CAPITAL_WORD})){{0,3}})?")
# « En 2030 place aux jeunes », « 2016 cours de ski »: a year before a street type that is also a
# common noun is not a house number (squares, passages… are never numbered in metres).
_YEAR_NOUNS = r"(?:place|cours|cour|passage|quartier|villa|domaine|lot|mail|clos|promenade|square|voie)\b"
# Patterns start with a digit, then look at what stands before it: Python's engine then only
# tries them where there is a digit. « n°16 », « nº16 » (« no16 » once normalised) are taken
# back by `_with_number_sign`.
_HOUSE_NUMBER = (r"\d(?:(?<![\w,.°]\d)|(?<=[nN][°o]\d)|(?<=[nN][°o]\.\d))"
                 rf"(?!(?<=1)9\d\d\s+{_YEAR_NOUNS}|(?<=2)0\d\d\s+{_YEAR_NOUNS})"
                 r"\d{0,3}(?:\s*(?:bis|ter|quater)\b|[a-dA-D](?![\w]))?\s*,?\s+")
_NUMBER_SIGN = re.compile(r"(?<![\w])[nN]\s*[°o]\.?\s*$")


def _with_number_sign(text: str, start: int) -> int:
    """The start of an address, « n° » included."""
    sign = _NUMBER_SIGN.search(text, max(0, start - 6), start)
    return sign.start() if sign else start


ADDRESS = re.compile(
    _HOUSE_NUMBER
    + rf"(?:(?i:grand(?:e|['’])?[\s-]*rue)(?![\w'’\-])"  # « 16 Grande Rue », « 3 Grand'Rue »
    rf"|(?i:{_STREET_TYPES})\.?\s+"
    rf"{_PARTICLE}*(?:{_DATE_NAME}|{_NOT_GOES_ON}(?!{_PARTICLE})[^\W\d_][\w'’\-]*)"
    rf"(?:(?:\s+{_NAME_PARTICLE}{{0,2}}{_LOWER_WORD}){{1,3}}(?![\w'’\-])"
    rf"|(?:\s+{_PARTICLE}*{_CAPITAL_WORD}){{0,8}}))"
    + _ADDRESS_TOWN
)
_TOWN_LINK = r"(?:[\s\-]+(?:sur|sous|en|de|du|des|la|le|les|lès|lez|aux|et|l['’]|d['’])(?=[\s\-A-ZÀ-ÖØ-Þ]))*"
_TOWN_NAME = (rf"{_CAPITAL_WORD}(?:{_TOWN_LINK}[\s\-]+(?!(?i:cedex)\b){_CAPITAL_WORD}){{0,8}}"
              r"(?:\s+(?i:cedex)(?:\s+\d{1,2})?)?")
TOWN = re.compile(
    # (the first digit, then what stands before it: a pattern that starts with a digit is fast)
    r"\d(?<![\w,.]\d)(?<!\d[ \u00a0\u202f]\d)"  # not the end of a longer number (« 1 200 000 »)
    r"\d{4}\s+" + _TOWN_NAME
)
# A place that is the address, before a postcode: « Le Bourg, 05240 », « lieu-dit Les Granges »,
# « Hameau des Combes, 05100 », « Grande Rue, 05100 »; and a post-office box, « BP 12 05100 ».
_POSTCODE_TOWN = rf"\s*,?\s+\d{{5}}(?!\d)(?:\s+{_TOWN_NAME})?"
PLACE = re.compile(
    r"(?<![\w'’\-])(?:"
    rf"(?:(?i:le\s+bourg|le\s+village|grand(?:e|['’])?[\s-]*rue)"
    rf"|(?i:hameau|quartier|r[ée]sidence|chalet)\s+{_PARTICLE}*{_CAPITAL_WORD}(?:\s+{_PARTICLE}*{_CAPITAL_WORD}){{0,3}})"
    rf"{_POSTCODE_TOWN}"
    rf"|(?:BP|B\.P\.|CS|TSA)\s*\d{{1,6}}{_POSTCODE_TOWN}"
    r")"
)
LIEU_DIT = re.compile(
    rf"[lL](?<![\w'’\-][lL])(?i:ieu[\s-]?dit)\s+{_PARTICLE}*{_CAPITAL_WORD}(?:\s+{_PARTICLE}*{_CAPITAL_WORD}){{0,3}}"
    rf"(?:{_POSTCODE_TOWN})?"
)
_POSTCODE = re.compile(r"\d{5}")
_PLACE_REACH = 120  # characters before a postcode where its place may start


def _place_spans(text: str) -> Iterable[tuple[int, int]]:
    """PLACE is only tried before postcodes (most of a page has none)."""
    searched = 0
    for postcode in _POSTCODE.finditer(text):
        if postcode.end() <= searched:
            continue
        start = max(searched, postcode.start() - _PLACE_REACH)
        searched = min(len(text), postcode.end() + _PLACE_REACH)
        for match in PLACE.finditer(text, start, searched):
            yield match.span()
    for match in LIEU_DIT.finditer(text):
        yield match.span()


def address_spans(text: str) -> Iterable[tuple[int, int]]:
    """Spans of postal addresses: a street and its town are two spans (the comma between stays)."""
    for match in TOWN.finditer(text):
        yield match.span()
    yield from _place_spans(text)
    for match in ADDRESS.finditer(text):
        start = _with_number_sign(text, match.start())
        if match.group("before_town") is None:
            yield start, match.end()
        else:
            yield start, match.start("before_town")
            yield match.end("before_town"), match.end()
