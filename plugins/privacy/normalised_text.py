"""Text normalised for the personal-data detector, with the way back to the original offsets.

NFKC (full-width digits, ＠, ligatures), the digits of other scripts (« ٠٦ », « ०६ ») ASCII digits,
invisible and format characters removed (Unicode category Cf: U+200B, U+00AD, U+2060, U+FEFF, bidi
marks…), every space « » and every dash « - »;
between two digits, a line break or a comma is a space. `Normalised.span` maps a span of the
normalised text back to the original text (docs/mainteneurs/donnees-personnelles.md).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"


def _replacement(char: str) -> str:
    if unicodedata.category(char) == "Cf":
        return ""
    if unicodedata.category(char) in ("Zs", "Zl", "Zp"):
        return " "
    if char in _DASHES:
        return "-"
    if unicodedata.category(char) == "Nd" and not char.isascii():  # « ٠٦ », « ०६ »: digits of other scripts
        return str(unicodedata.decimal(char))
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
        if (unicodedata.category(char) in ("Cf", "Zs", "Zl", "Zp", "Nd") or char in _DASHES
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
