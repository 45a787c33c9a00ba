"""Phone numbers in a normalised text (plugins/privacy/normalised_text.py), for the personal-data
detector (plugins/privacy/personal_data.py): runs of digits read by Google's libphonenumber,
French numbers checked in their groups, numbers spoken in words."""

from __future__ import annotations

import bisect
import functools
import re
from typing import Iterable

import phonenumbers

from plugins.privacy.normalised_text import normalise


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
    """French numbers where libphonenumber found nothing: 10 digits from a group starting with 0,
    in 5 groups at most, none of 5 to 7 digits nor a first one of 1; also among other digits, as
    in « 06 12 34 56 78 04 92 24 98 98 » (two numbers, a space between them) or
    « 06 12 34 56 78 90 »."""
    groups = [(m.start() + run.start(), m.end() + run.start(), m.group())
              for m in re.finditer(r"\d+", run.group())]
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


def phone_spans(text: str) -> Iterable[tuple[int, int]]:
    """Spans of phone numbers in a normalised text, written in digits or spoken."""
    yield from _phone_spans(text)
    yield from _spoken_spans(text)
