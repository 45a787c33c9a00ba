"""Personal data removed from the text of a feedback excerpt before it reaches data/.

`scrub(text, name, email)` replaces by « [retiré] »:
- e-mail addresses (dots, +, also written `jean(at)exemple.fr`, `jean [at] exemple.fr`,
  `jean arobase exemple.fr`);
- phone numbers: French national (`06 12 34 56 78`, `06.12.34.56.78`, `0612345678`,
  `04-92-24-98-98`) and international (`+33 6 12 34 56 78`, `+33 (0)6 12…`, `0033 6…`,
  `+39 0122 123456`…): 0 then 9 digits, or + (or 00) then 8 to 15 digits, with single
  spaces, dots, dashes or parentheses between them;
- the author's name (the `nom` column): the whole value, and each of its words of 3 letters
  or more, ignoring case and accents (`Hélène` matches `helene`, `Cœur` matches `coeur`).

Names are matched as WHOLE WORDS only: « Roux » does not touch « Rouxel », « Marc » does not
touch « marché ». A name that is also a common word (« Blanc », « Vallée ») is removed
wherever it stands as a word: removing too much is preferred to publishing a name. A name
written in the message without being in the `nom` column cannot be recognised.
"""

from __future__ import annotations

import re
import unicodedata

REMOVED = "[retiré]"

_SEP = r"[ .\-\u00a0\u202f]"
EMAIL = re.compile(
    r"(?<![\w.+-])[\w.%+-]+"
    r"(?:@|\s*[(\[]\s*(?:at|arobase)\s*[)\]]\s*|\s+arobase\s+)"
    r"[\w-]+(?:\.[\w-]+)+",
    re.IGNORECASE,
)
PHONE = re.compile(
    r"(?<![\w+])(?:"
    rf"(?:\+|00){_SEP}?\d(?:(?:{_SEP}|{_SEP}?\(0\){_SEP}?|{_SEP}?[()]{_SEP}?)?\d){{7,14}}"  # international
    rf"|0(?:{_SEP}?\d){{9}}"  # French national: 0 and 9 digits
    r")(?!\d)"
)
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


def _spans(text: str, name: str | None, email: str | None) -> list[tuple[int, int]]:
    spans = [m.span() for m in EMAIL.finditer(text)] + [m.span() for m in PHONE.finditer(text)]
    folded, index = _fold(text)
    if email and email.strip():
        literal = re.escape(_fold(email.strip())[0])
        spans += [(index[m.start()], index[m.end() - 1] + 1) for m in re.finditer(literal, folded)]
    pattern = name_pattern(name) if name else None
    if pattern is not None:
        spans += [(index[m.start()], index[m.end() - 1] + 1) for m in pattern.finditer(folded)]
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def scrub(text: str, name: str | None = None, email: str | None = None) -> tuple[str, int]:
    """The text without e-mails, phone numbers and the author's name; and how many were removed."""
    text = unicodedata.normalize("NFC", text)
    spans = _spans(text, name, email)
    parts, last = [], 0
    for start, end in spans:
        parts += [text[last:start], REMOVED]
        last = end
    parts.append(text[last:])
    return "".join(parts), len(spans)
