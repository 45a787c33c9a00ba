"""The one detector of personal data in a text, and `scrub`, which removes what it finds.

`find_personal_data(text, public)` returns the `Hit`s of a text, sorted and non-overlapping, their
offsets in the text as given. It works in layers (docs/mainteneurs/donnees-personnelles.md):

1. normalisation (normalised_text.py): NFKC (full-width digits, ＠), invisible and format
   characters (Unicode category Cf: U+200B, U+00AD, U+2060, U+FEFF, bidi marks…) removed, every
   space and dash the same, a line break or a comma between digits a space; an index maps each
   normalised character back to the original one;
2. phone numbers (phone_numbers.py), only in runs of 8 digits or more close together
   (everything else costs one regular expression), dates hidden: with a country code (« +33 »,
   « 0033 », « wa.me/336… »), Google's libphonenumber (`phonenumbers.PhoneNumberMatcher`, region
   FR, leniency VALID); French numbers in their groups (« 06 123 456 78 », two numbers in a row),
   checked by the same library; then numbers spoken in words (« zéro six douze… »);
3. e-mail addresses, plain or hidden (` @ `, `(a)`, `[at]`, ` at `, `(chez)`, « arobase »,
   « point », `(dot)`…);
4. postal addresses (postal_addresses.py): a number (« 12 », « 12 bis », « n°16 ») and a street
   type with the street's name (« 12 rue victor hugo », « 3 r. des Lilas », « 16 Grande Rue »),
   a place before a postcode (« Le Bourg, 05240 … », « lieu-dit Les Granges »), a post-office box
   (« BP 12 05100 BRIANCON »), a postcode with its town (in lower case right after an address);
5. IBAN (checked with their key, mod 97) and web addresses with a query string.

Whatever the office declares public (`PublicContacts`) is not a hit. Names of persons are not this
module's: `scrub` adds the known author's name and e-mail. Dates, times, prices, years, ids,
percentages, a SIRET, a postcode alone are left: tests/personal_data_corpus.py holds both kinds
and tests/test_personal_data.py asserts the recall and precision given in the docs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Iterable

from plugins.privacy.normalised_text import normalise
from plugins.privacy.phone_numbers import phone_e164, phone_spans
from plugins.privacy.postal_addresses import address_spans

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


# --- e-mail addresses ----------------------------------------------------------------------

_AT = (r"(?:\s*@\s*"  # « paul.martin @ example.org »
       r"|\s*[(\[{]\s*(?:at|a|arobase|chez|@)\s*[)\]}]\s*"  # « (a) », « [at] », « {at} », « (chez) »
       r"|\s+(?:arobase|at)\s+)")  # « paul arobase example point org », « paul at example dot org »
_DOT = r"(?:\.|\s*[(\[{]\s*(?:dot|point|\.)\s*[)\]}]\s*|\s+(?:point|dot|\.)\s+)"  # « gmail . com »
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


# --- IBAN and web addresses with a query string --------------------------------------------

# (found from its first digit, the two letters before it looked at backwards: faster)
_IBAN = re.compile(r"\d(?<=(?<![\w])[A-Za-z]{2}\d)\d(?:[ .\-]?[A-Za-z0-9]{1,4}){3,8}(?![\w])")


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
    for start, end in phone_spans(text):
        yield start, end, PHONE_KIND
    for start, end in _email_spans(text):
        yield start, end, EMAIL_KIND
    for start, end in _iban_spans(text):
        yield start, end, IBAN_KIND
    for match in URL_QUERY.finditer(text):
        yield *match.span(), URL_KIND
    for start, end in address_spans(text):
        yield start, end, ADDRESS_KIND


def find_personal_data(text: str, public: PublicContacts | None = None,
                       ignored: frozenset[str] = frozenset()) -> list[Hit]:
    """Personal data in `text`: sorted, non-overlapping hits, offsets in `text` itself. The kinds
    `ignored` are left out before overlapping hits are merged: a web address with a query string
    ignored does not hide the phone or e-mail it carries."""
    normalised = normalise(text)
    merged: list[list] = []  # [start, end, kind, length of the longest part]
    for start, end, kind in sorted(span for span in _spans(normalised.text) if span[2] not in ignored):
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


def scrub(text: str, name: str | None = None, email: str | None = None,
          names: Callable[[str], list[tuple[int, int]]] | None = None) -> tuple[str, int]:
    """The text without its personal data and the author's name; and how many pieces were removed.
    `names`: the finder of the names of persons the import does not know (plugins/privacy/names.py
    find_names, which needs spaCy: the feedback import passes it, the build never loads it)."""
    text = unicodedata.normalize("NFC", text)
    spans = [(hit.start, hit.end) for hit in find_personal_data(text)] + _author_spans(text, name, email)
    if names is not None:
        spans += names(text)
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
