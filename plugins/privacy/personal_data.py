"""The one detector of personal data in a text, and `scrub`, which removes what it finds.

`find_personal_data(text, public)` returns the `Hit`s of a text, sorted and non-overlapping, their
offsets in the text as given. It works in layers (docs/mainteneurs/donnees-personnelles.md):

1. normalisation (`normalise`): NFKC (full-width digits, ＠), invisible and format characters
   (Unicode category Cf: U+200B, U+00AD, U+2060, U+FEFF, bidi marks…) removed, every space and
   dash the same, a line break or a comma between digits a space; an index maps each normalised
   character back to the original one;
2. phone numbers, only in runs of 8 digits or more close together (everything else costs one
   regular expression), dates hidden: with a country code (« +33 », « 0033 », « wa.me/336… »),
   Google's libphonenumber (`phonenumbers.PhoneNumberMatcher`, region FR, leniency VALID); French
   numbers in their groups (« 06 123 456 78 », two numbers in a row), checked by the same library;
   then numbers spoken in words (« zéro six douze… »);
3. e-mail addresses, plain or hidden (` @ `, `(a)`, `[at]`, ` at `, `(chez)`, « arobase »,
   « point », `(dot)`…);
4. postal addresses: a number (« 12 », « 12 bis », « n°16 ») and a street type with the street's
   name (« 12 rue victor hugo », « 3 r. des Lilas », « 16 Grande Rue »), a place before a postcode
   (« Le Bourg, 05240 … », « lieu-dit Les Granges »), a post-office box (« BP 12 05100 BRIANCON »),
   a postcode with its town (in lower case right after an address);
5. IBAN (checked with their key, mod 97) and web addresses with a query string.

Whatever the office declares public (`PublicContacts`) is not a hit. Names of persons are not this
module's: `scrub` adds the known author's name and e-mail. Dates, times, prices, years, ids,
percentages, a SIRET, a postcode alone are left: tests/personal_data_corpus.py holds both kinds
and tests/test_personal_data.py asserts the recall and precision given in the docs.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

import phonenumbers

REMOVED = "[retiré]"

PHONE_KIND = "téléphone"
EMAIL_KIND = "adresse électronique"
ADDRESS_KIND = "adresse postale"
URL_KIND = "adresse web avec paramètres"
IBAN_KIND = "IBAN"


@dataclass(frozen=True)
class Hit:
    """A piece of personal data found in a text: offsets in the ORIGINAL text given."""
    start: int
    end: int
    kind: str
    text: str


# --- 1. normalisation -------------------------------------------------------------------------

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"


def _replacement(char: str) -> str:
    if unicodedata.category(char) == "Cf":
        return ""
    if unicodedata.category(char) in ("Zs", "Zl", "Zp"):
        return " "
    if char in _DASHES:
        return "-"
    return unicodedata.normalize("NFKC", char).translate(_LATE_DASHES)


_LATE_DASHES = str.maketrans({dash: "-" for dash in _DASHES})


@functools.cache
def _tables() -> tuple[dict[int, str], re.Pattern]:
    """What normalisation changes: the characters replaced by one character (a table for
    str.translate: spaces, dashes, full-width forms…), and those removed or replaced by several
    (a pattern: format characters, ligatures…). Built once, on first use (about 0.3 s)."""
    table, others = {}, []
    for code in (*range(0x80, 0x30000), *range(0xE0000, 0xE0080)):
        char = chr(code)
        if (unicodedata.category(char) in ("Cf", "Zs", "Zl", "Zp") or char in _DASHES
                or unicodedata.normalize("NFKC", char) != char):
            replacement = _replacement(char)
            if len(replacement) == 1:
                table[code] = replacement
            else:
                others.append(char)
    ranges, first = [], None
    for index, char in enumerate(others):
        if first is None:
            first = char
        if index + 1 == len(others) or ord(others[index + 1]) != ord(char) + 1:
            ranges.append(re.escape(first) if first == char else f"{re.escape(first)}-{re.escape(char)}")
            first = None
    return table, re.compile("[" + "".join(ranges) + "]")


# Between two digits: a line break (« 06 12 34\n56 78 », a CSV cell) or a comma is a separator.
_DIGIT_BREAK = re.compile(r"\d(?:[ \t]*(?:\r\n|[\r\n])[ \t]*|,)(?=[\d+(])")


class Normalised:
    """The normalised text, and the way back to the original offsets."""

    def __init__(self, text: str):
        pieces: list[str] = []
        # segments: normalised offset where each one starts, original offset it maps to, and
        # whether it is one original character expanded (all its characters map to it)
        self._starts, self._origins, self._expanded = [0], [0], [False]
        last, position = 0, 0
        table, others = _tables()
        text = text.translate(table)  # one character for one: the offsets do not move
        for match in others.finditer(text):
            start = match.start()
            position += start - last
            pieces.append(text[last:start])
            replacement = _replacement(match.group()).translate(table)
            pieces.append(replacement)
            if len(replacement) != 1:
                if replacement:
                    self._add(position, start, True)
                self._add(position + len(replacement), start + 1, False)
            position += len(replacement)
            last = start + 1
        pieces.append(text[last:])
        joined = "".join(pieces)
        self.text = _DIGIT_BREAK.sub(lambda m: m.group()[0] + " " * (len(m.group()) - 1), joined)

    def _add(self, position: int, origin: int, expanded: bool) -> None:
        if self._starts[-1] == position:
            self._starts.pop(), self._origins.pop(), self._expanded.pop()
        self._starts.append(position), self._origins.append(origin), self._expanded.append(expanded)

    def original(self, position: int) -> int:
        """The original offset of the normalised character at `position`."""
        segment = bisect.bisect_right(self._starts, position) - 1
        if self._expanded[segment]:
            return self._origins[segment]
        return self._origins[segment] + position - self._starts[segment]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the normalised span [start, end)."""
        return self.original(start), self.original(end - 1) + 1


def normalise(text: str) -> Normalised:
    return Normalised(text)


# --- 2. phone numbers -------------------------------------------------------------------------

# A run worth giving to libphonenumber: 8 digits or more, at most 4 separators between two.
_DIGIT_RUN = re.compile(r"\d(?:[ \t.\-/()+]{0,4}\d){7,}")
_WINDOW_MARGIN = 6  # « +33 ( » before the first digit, « tel:+ »
# A longer run (a table of figures, numbers one after the other) is only read by `_grouped_spans`:
# libphonenumber would try thousands of candidates in it.
_MAX_MATCHER_DIGITS = 40
# What only libphonenumber reads: a number with its country code (« +33 », « 0033 », « +39 »,
# « wa.me/336… »). Other runs of digits (most of them: dates, figures, drawings of icons) are
# left to `_grouped_spans`, which checks French numbers with the same library.
_INTERNATIONAL = re.compile(r"\+|(?<!\d)00[1-9]|(?<!\d)[1-9]\d{10,}")
# VALID: a number of a real numbering plan, however it is grouped. POSSIBLE also takes « 123 456
# 789 » (a SIREN); STRICT_GROUPING and EXACT_GROUPING miss « 06 123 456 78 » and « 06.12 34-56 78 »
# (figures of each in docs/mainteneurs/donnees-personnelles.md).
LENIENCY = phonenumbers.Leniency.VALID


# A date (« 06/12/2016 », « 15.03.16 », « 2016-06-15 ») is hidden from libphonenumber, then a slash
# between digits is a separator like the others (« 06/12/34/56/78 »).
_DATE = re.compile(r"(?<![\d/.\-])(?:[0-3]?\d([/.\-])[01]?\d\1(?:\d{4}|\d\d)|\d{4}([/.\-])[01]?\d\2[0-3]?\d)"
                   r"(?![/.\-]?\d)")
_SLASH = re.compile(r"(?<=\d)/(?=\d)")
# The letter O written for a zero at the start of a number: « O6 12 34 56 78 ».
_LETTER_O = re.compile(r"(?<![\w])[oO](?=\d)")


def _phone_spans(text: str) -> Iterable[tuple[int, int]]:
    for run in _DIGIT_RUN.finditer(text):
        start = max(0, run.start() - _WINDOW_MARGIN)
        window = text[start:min(len(text), run.end() + 1)]
        window = _DATE.sub(lambda m: "x" * len(m.group()), window)
        window = _SLASH.sub(" ", window)
        window = _LETTER_O.sub("0", window)
        for part in _DIGIT_RUN.finditer(window):  # a date hidden cuts the run
            found = sorted(_matcher_spans(window, part))
            found_here = list(found)
            found_here += _grouped_spans(window, part, found)
            for span_start, span_end in found_here:
                yield start + span_start, start + span_end


def _written_as_a_phone(text: str) -> bool:
    """A national number in several groups starts with 2 digits or more and has no group of 5
    to 7 digits: « 05100, 05240 » are postcodes and « 0.2126, 0.7152 » decimals, even if their
    10 digits make a valid number."""
    groups = re.findall(r"\d+", text)
    return (text.lstrip("(").startswith(("+", "00")) or len(groups) == 1
            or (len(groups[0]) >= 2 and not any(5 <= len(group) <= 7 for group in groups)))


def _matcher_spans(text: str, run: re.Match) -> Iterable[tuple[int, int]]:
    """libphonenumber's matches in a run of digits (and the few characters before it)."""
    if sum(char.isdigit() for char in run.group()) > _MAX_MATCHER_DIGITS:
        return
    start = max(0, run.start() - _WINDOW_MARGIN)
    window = text[start:min(len(text), run.end() + 1)]
    if not _INTERNATIONAL.search(window):  # national numbers: `_grouped_spans` reads them, faster
        return
    for match in phonenumbers.PhoneNumberMatcher(window, "FR", leniency=LENIENCY):
        if _written_as_a_phone(match.raw_string):
            yield start + match.start, start + match.end


def _grouped_spans(text: str, run: re.Match, found: list[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    """French numbers: 10 digits from a group starting with 0, in 5 groups at most, none of 5 to 7
    digits nor a first one of 1, where libphonenumber found nothing; also among
    other digits, as in
    « 06 12 34 56 78 04 92 24 98 98 » (two numbers with only a space between them) or
    « 06 12 34 56 78 90 »."""
    groups = [(m.start() + run.start(), m.end() + run.start(), m.group()) for m in re.finditer(r"\d+", run.group())]
    for first, (start, _, digits) in enumerate(groups):
        if not digits.startswith("0") or digits.startswith("00") or len(digits) in (1, 5, 6, 7):
            continue  # « 0.2126, 0.7152 »: decimals; « 05100 »: a postcode
        if start and text[start - 1] == "(":  # « (04) 92 24 98 98 »
            start -= 1
        for last in range(first, min(first + 5, len(groups))):
            if last > first and 5 <= len(groups[last][2]) <= 7:  # « 05100, 05240 »: postcodes
                break
            digits = "".join(group[2] for group in groups[first:last + 1])
            if len(digits) >= 10:
                end = groups[last][1]
                if (len(digits) == 10 and not _counting(groups[first:last + 1])
                        and not _overlaps(found, start, end) and _is_french_phone(digits)):
                    bisect.insort(found, (start, end))
                    yield start, end
                break


def _counting(groups: list[tuple[int, int, str]]) -> bool:
    """« 01 02 03 04 05 », « 08 09 10 11 12 »: numbers counted one by one, not a phone number."""
    values = [int(group[2]) for group in groups]
    return len(values) == 5 and all(b - a == 1 for a, b in zip(values, values[1:]))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted `spans` (each shorter than a window)."""
    index = bisect.bisect_left(spans, (end,))
    return any(e > start for _, e in spans[max(0, index - 4):index])


# Numbers spoken in words: « zéro six douze trente-quatre cinquante-six soixante-dix-huit », also
# mixed with digits: « zéro six 12 34 56 78 ».
_UNITS = {"zéro": 0, "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
          "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
          "quinze": 15, "seize": 16}
_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}
_NUMBER_WORD = r"(?:z[ée]ro|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|" \
               r"quinze|seize|vingts?|trente|quarante|cinquante|soixante|et)"
# A French number starts with 0: the words start with « zéro ».
_SPOKEN = re.compile(rf"[zZ](?<![\w-][zZ])(?i:[ée]ro(?:[\s,.\-]+(?:{_NUMBER_WORD}|\d{{1,4}})){{4,}})(?![\w-])")


def _spoken_groups(words: list[str]) -> list[tuple[int, int]]:
    """Numbers (value, digits written) from French number words, or [] when they do not parse."""
    groups, index = [], 0
    while index < len(words):
        word = words[index]
        if word == "quatre" and index + 1 < len(words) and words[index + 1] == "vingt":
            tens, index = 80, index + 2
        elif word in _TENS:
            tens, index = _TENS[word], index + 1
        elif word.isdigit():  # « zéro six 12 34 56 78 »: words and digits mixed
            groups.append((int(word), len(word)))
            index += 1
            continue
        elif word in _UNITS:
            value = _UNITS[word]
            if value == 10 and index + 1 < len(words) and words[index + 1] in ("sept", "huit", "neuf"):
                value, index = 10 + _UNITS[words[index + 1]], index + 1
            groups.append((value, 1 if value < 10 else 2))
            index += 1
            continue
        else:
            return []
        if index < len(words) and words[index] == "et":
            index += 1
        if index < len(words) and words[index] in _UNITS and _UNITS[words[index]] < 20:
            unit = _UNITS[words[index]]
            if unit == 10 and index + 1 < len(words) and words[index + 1] in ("sept", "huit", "neuf"):
                unit, index = 10 + _UNITS[words[index + 1]], index + 1
            if unit and (unit < 10 or tens in (60, 80)):  # else « vingt, douze »: two numbers
                tens, index = tens + unit, index + 1
        groups.append((tens, 2))
    return groups


def spoken_digits(text: str) -> str | None:
    """The digits of a number spoken in words (« zéro six douze » → « 0612 »), or None."""
    words = [word for word in re.split(r"[\s,.\-]+", text.lower()) if word]
    words = ["vingt" if word == "vingts" else word for word in words]
    groups = _spoken_groups(words)
    if not groups:
        return None
    return "".join(str(value).zfill(width) for value, width in groups)


def _spoken_spans(text: str) -> Iterable[tuple[int, int]]:
    for match in _SPOKEN.finditer(text):
        digits = spoken_digits(match.group())
        if digits and _is_french_phone(digits):
            yield match.span()


@functools.lru_cache(maxsize=4096)
def _is_french_phone(digits: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(digits, "FR"))
    except phonenumbers.NumberParseException:
        return False


def phone_e164(text: str) -> str | None:
    """A phone number written any way (digits, words) as E.164 (« +33612345678 »), or None."""
    normalised = normalise(text).text
    candidates = [normalised]
    digits = spoken_digits(normalised)
    if digits:
        candidates.append(digits)
    for candidate in candidates:
        try:
            number = phonenumbers.parse(candidate, "FR")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


# --- 3. e-mail addresses ----------------------------------------------------------------------

_AT = (r"(?:\s*@\s*"  # « paul.martin @ example.org »
       r"|\s*[(\[{]\s*(?:at|a|arobase|chez|@)\s*[)\]}]\s*"  # « (a) », « [at] », « {at} », « (chez) »
       r"|\s+(?:arobase|at)\s+)")  # « paul arobase example point org », « paul at example dot org »
_DOT = r"(?:\.|\s*[(\[{]\s*(?:dot|point|\.)\s*[)\]}]\s*|\s+(?:point|dot)\s+)"
EMAIL = re.compile(
    r"(?<![\w.+-])[\w%+-]+(?:" + _DOT + r"[\w%+-]+){0,6}"  # bounded: no quadratic time on long texts
    + _AT
    + r"[\w-]+(?:" + _DOT + r"[\w-]+){1,6}",
    re.IGNORECASE,
)
_AT_WORDS = re.compile(_AT, re.IGNORECASE)
# Where an e-mail address can be: EMAIL is only tried around these (most of a page has none).
_EMAIL_ANCHOR = re.compile(r"@|[(\[{]\s*(?:at|a|arobase|chez)\s*[)\]}]|\s(?:arobase|at)\s", re.IGNORECASE)
_EMAIL_REACH = 300  # characters before and after an anchor


def _email_spans(text: str) -> Iterable[tuple[int, int]]:
    searched = 0  # where the last window ended: each part of the text is searched once
    for anchor in _EMAIL_ANCHOR.finditer(text):
        if anchor.start() < searched:
            continue
        start = max(searched, anchor.start() - _EMAIL_REACH)
        searched = min(len(text), anchor.end() + _EMAIL_REACH)
        for match in EMAIL.finditer(text, start, searched):
            yield match.span()
_DOT_WORDS = re.compile(_DOT, re.IGNORECASE)


def email_canonical(text: str) -> str:
    """An e-mail address however hidden, as written plainly, in lower case."""
    plain = _AT_WORDS.sub("@", normalise(text).text.strip())
    return _DOT_WORDS.sub(".", plain).casefold()


# --- 4. postal addresses ----------------------------------------------------------------------

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


# --- 5. IBAN and web addresses with a query string --------------------------------------------

# (found from its first digit, the two letters before it looked at backwards: faster)
_IBAN = re.compile(r"\d(?<=(?<![\w])[A-Za-z]{2}\d)\d(?:[ ]?[A-Za-z0-9]{1,4}){3,8}(?![\w])")


def _iban_spans(text: str) -> Iterable[tuple[int, int]]:
    """IBANs (2 letters, 2 check digits, up to 30 more), kept only when their key is right."""
    for match in _IBAN.finditer(text):
        start = match.start() - 2
        groups = list(re.finditer(r"[A-Za-z0-9]+", text[start:match.end()]))
        for count in range(len(groups), 0, -1):  # the longest prefix whose key is right
            value = "".join(group.group() for group in groups[:count]).upper()
            if 15 <= len(value) <= 34 and _iban_key_is_right(value):
                yield start, start + groups[count - 1].end()
                break


def _iban_key_is_right(value: str) -> bool:
    rearranged = value[4:] + value[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


# Addresses of web pages with a query string (« ?email=…&nom=… » carries what a form was given).
URL_QUERY = re.compile(r"(?:https?://|www\.)[^\s<>\"«»?]*\?[^\s<>\"«»]*[^\s<>\"«».,;:!?)\]]", re.IGNORECASE)


# --- what the office declares public ----------------------------------------------------------

def _fold_address(text: str) -> str:
    """Lower case, no accents, only letters and digits separated by one space."""
    base = "".join(c for c in unicodedata.normalize("NFKD", normalise(text).text) if not unicodedata.combining(c))
    return " ".join(re.findall(r"[^\W_]+", base.casefold().replace("œ", "oe").replace("æ", "ae")))


class PublicContacts:
    """What the office declares public (its e-mails, phones, postal addresses): never a hit."""

    def __init__(self, emails: frozenset[str], phones: frozenset[str], addresses: tuple[str, ...]):
        self.emails, self.phones, self.addresses = emails, phones, addresses

    @classmethod
    def from_values(cls, values: Iterable[str]) -> "PublicContacts":
        emails, phones, addresses = set(), set(), []
        for value in values:
            if "@" in normalise(value).text:
                emails.add(email_canonical(value))
                continue
            phone = phone_e164(value) if len(re.findall(r"\d", normalise(value).text)) >= 8 else None
            if phone and not re.search(r"[^\W\d_]{3,}", value):
                phones.add(phone)
            else:
                addresses.append(_fold_address(value))
        return cls(frozenset(emails), frozenset(phones), tuple(addresses))

    def allows(self, hit: Hit) -> bool:
        if hit.kind == EMAIL_KIND:
            return email_canonical(hit.text) in self.emails
        if hit.kind == PHONE_KIND:
            return phone_e164(hit.text) in self.phones
        folded = _fold_address(hit.text)
        if hit.kind == ADDRESS_KIND:
            return bool(folded) and any(f" {folded} " in f" {address} " for address in self.addresses)
        return folded in self.addresses


# --- the detector -----------------------------------------------------------------------------

def _spans(text: str) -> Iterable[tuple[int, int, str]]:
    """Spans of personal data in the NORMALISED text, with their kind."""
    for start, end in _phone_spans(text):
        yield start, end, PHONE_KIND
    for start, end in _spoken_spans(text):
        yield start, end, PHONE_KIND
    for start, end in _email_spans(text):
        yield start, end, EMAIL_KIND
    for start, end in _iban_spans(text):
        yield start, end, IBAN_KIND
    for match in URL_QUERY.finditer(text):
        yield *match.span(), URL_KIND
    for match in TOWN.finditer(text):
        yield *match.span(), ADDRESS_KIND
    for start, end in _place_spans(text):
        yield start, end, ADDRESS_KIND
    for match in ADDRESS.finditer(text):
        start = _with_number_sign(text, match.start())
        if match.group("before_town") is None:
            yield start, match.end(), ADDRESS_KIND
        else:  # the street and the town: two hits, the comma between them stays
            yield start, match.start("before_town"), ADDRESS_KIND
            yield match.end("before_town"), match.end(), ADDRESS_KIND


def find_personal_data(text: str, public: PublicContacts | None = None) -> list[Hit]:
    """Personal data in `text`: sorted, non-overlapping hits, offsets in `text` itself."""
    normalised = normalise(text)
    merged: list[list] = []  # [start, end, kind, length of the longest part]
    for start, end, kind in sorted(_spans(normalised.text)):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            if end - start > last[3]:
                last[2], last[3] = kind, end - start
            last[1] = max(last[1], end)
        else:
            merged.append([start, end, kind, end - start])
    hits = []
    for start, end, kind, _ in merged:
        start, end = normalised.span(start, end)
        hit = Hit(start, end, kind, text[start:end])
        if public is None or not public.allows(hit):
            hits.append(hit)
    return hits


# --- scrub: what the feedback import keeps of an excerpt --------------------------------------

_LETTERS = re.compile(r"[^\W\d_]+")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})


def _fold_char(char: str) -> str:
    """Lower case, no accents, œ → oe: how names are compared."""
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base.casefold().replace("œ", "oe").replace("æ", "ae").translate(_APOSTROPHES)


def _fold(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index of the original one."""
    folded, index = [], []
    for position, char in enumerate(text):
        part = _fold_char(char)
        folded.append(part)
        index.extend([position] * len(part))
    return "".join(folded), index


def name_pattern(name: str) -> re.Pattern | None:
    """Whole name (2 letters or more) and each word of 3 letters or more, folded, as whole words."""
    words = _LETTERS.findall(_fold(unicodedata.normalize("NFC", name))[0])
    alternatives = []
    if sum(map(len, words)) >= 2:
        alternatives.append(r"[\W_]+".join(map(re.escape, words)))
    alternatives += sorted({re.escape(word) for word in words if len(word) >= 3}, key=len, reverse=True)
    if not alternatives:
        return None
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(alternatives) + r")(?![^\W\d_])")


def _author_spans(text: str, name: str | None, email: str | None) -> list[tuple[int, int]]:
    """Where the known author's e-mail and name stand (whole words, case and accents ignored)."""
    spans: list[tuple[int, int]] = []
    if not (name or (email and email.strip())):
        return spans
    folded, index = _fold(text)
    if email and email.strip():
        literal = re.escape(_fold(email.strip())[0])
        spans += [(index[m.start()], index[m.end() - 1] + 1) for m in re.finditer(literal, folded)]
    pattern = name_pattern(name) if name else None
    if pattern is not None:
        spans += [(index[m.start()], index[m.end() - 1] + 1) for m in pattern.finditer(folded)]
    return spans


def scrub(text: str, name: str | None = None, email: str | None = None) -> tuple[str, int]:
    """The text without its personal data and the author's name; and how many pieces were removed."""
    text = unicodedata.normalize("NFC", text)
    spans = [(hit.start, hit.end) for hit in find_personal_data(text)] + _author_spans(text, name, email)
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts, last = [], 0
    for start, end in merged:
        parts += [text[last:start], REMOVED]
        last = end
    parts.append(text[last:])
    return "".join(parts), len(merged)
