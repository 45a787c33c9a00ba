"""Personal data removed from the text of a feedback excerpt before it reaches data/.

`scrub(text, name, email)` replaces by « [retiré] »:
- e-mail addresses (dots, +), also written the ways residents hide them: `jean @ exemple.fr`,
  `jean(at)exemple.fr`, `jean(a)exemple.fr`, `jean [at] exemple.fr`, `jean arobase exemple.fr`,
  « jean point dupont arobase exemple point fr », `exemple(dot)fr`;
- phone numbers: French national (`06 12 34 56 78`, `06.12.34.56.78`, `06/12/34/56/78`,
  `0612345678`, `04-92-24-98-98`, `04–92–24–98–98`, `(04) 92 24 98 98`, several spaces) and
  international (`+33 6 12 34 56 78`, `+33 (0)6 12…`, `0033 6…`, `+39 0122 123456`…);
- postal addresses: a number and a street type with the street's name (`12 bis rue des Lilas`,
  `12 rue victor hugo`, `rue du 8 mai 1945`),
  and a postcode with its town (`05100 Briançon`, `05100 Briançon Cedex 9`; in lower case right
  after an address: `7 allée des pins 05100 briançon`);
- web addresses with a query string (`https://…/form?email=…`), which carry what a form got;
- the author's name (the `nom` column): the whole value, and each of its words of 3 letters
  or more, ignoring case and accents (`Hélène` matches `helene`, `Cœur` matches `coeur`).

Dates (`06/12/2016`, `2016-06-15`), times (`18 h 30`), prices, years (`2030`), ids and a lone
« 06 » are left as they are: tests/test_personal_data.py holds the corpus of both kinds.
Names are matched as WHOLE WORDS only: « Roux » does not touch « Rouxel », « Marc » does not
touch « marché ». A name that is also a common word (« Blanc », « Vallée ») is removed
wherever it stands as a word: removing too much is preferred to publishing a name. A name
written in the message without being in the `nom` column cannot be recognised.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

REMOVED = "[retiré]"

# Between the digits of a phone number: spaces (several, no-break, narrow, thin), or one of
# « . - / – — » with spaces around it or not. Never a line break.
_SPACE = r"[ \t\u00a0\u202f\u2009\u2007]"
_SEP = rf"(?:{_SPACE}*[.\-/\u2010\u2011\u2013\u2014]{_SPACE}*|{_SPACE}+)"
_AT = (r"(?:\s*[@\uff20]\s*"  # « paul.martin @ example.org »
       r"|\s*[(\[{]\s*(?:at|a|arobase|@)\s*[)\]}]\s*"  # « (a) », « [at] », « {at} », « (arobase) »
       r"|\s+arobase\s+)")
_DOT = r"(?:\.|\s*[(\[{]\s*(?:dot|point|\.)\s*[)\]}]\s*|\s+(?:point|dot)\s+)"
EMAIL = re.compile(
    r"(?<![\w.+-])[\w%+-]+(?:" + _DOT + r"[\w%+-]+){0,6}"  # bounded: no quadratic time on long texts
    + _AT
    + r"[\w-]+(?:" + _DOT + r"[\w-]+){1,6}",
    re.IGNORECASE,
)
# French numbers: 0 and 9 digits written in one block, or in five pairs with separators (the
# first pair in parentheses or not); international ones: + or 00, the country code, an optional
# « (0) », then 7 to 14 more digits with separators or parentheses.
PHONE = re.compile(
    r"(?<![\w+/.\-])(?:"
    rf"(?:\+|00){_SEP}?33{_SEP}?(?:\(0\){_SEP}?)?[1-9](?:{_SEP}?\d\d){{4}}"  # French, +33 or 0033
    rf"|(?:\+|00){_SEP}?\d(?:(?:{_SEP}|{_SEP}?\(0\){_SEP}?|{_SEP}?[()]{_SEP}?)?\d){{7,14}}"  # international
    rf"|0\d{{9}}"  # French national, one block
    rf"|(?:0\d|\(0\d\)){_SEP}?\d\d(?:{_SEP}\d\d){{3}}"  # French national, in pairs
    rf"|\(0\d\){_SEP}?\d{{8}}"  # « (04)92249898 »
    r")(?![\d/])"
)
# Postal addresses: a number (« 12 », « 12 bis », « 12b ») and a street type, then the street's
# name: a word, and the words that follow while they start with a capital (« de », « l' »… between
# them) or, written in lower case (« 12 rue victor hugo »), up to three more words of three letters
# or more that are not words a sentence goes on with (« et », « depuis », « est »…: `_GOES_ON`);
# and a postcode followed by a town (capitalised words, « sur », « lès », « Cedex 9 »…).
_STREET_TYPES = (r"rue|avenue|av|bd|boulevard|blvd|chemin|ch|impasse|imp|all[ée]e|place|pl|route|rte|quai|cours|"
                 r"passage|square|lotissement|lot|hameau|r[ée]sidence|chauss[ée]e|mont[ée]e|sentier|voie|"
                 r"faubourg|fg|rond-point|traverse|ruelle|esplanade|promenade|cit[ée]|villa|domaine|clos|"
                 r"mail|parvis|lieu-dit|lieudit|quartier|cour|chemin|venelle|carrefour")
_PARTICLE = r"(?:(?:de|du|des|la|le|les|aux|sous|sur|en|et)\s+|[ldLD]['’]\s*)"  # not « à », « au »: the town follows
_CAPITAL_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’\-]*"
_NAME_PARTICLE = r"(?:(?:de|du|des|la|le|les)\s+|[ldLD]['’]\s*)"  # within a name in lower case
_GOES_ON = (r"est|sont|était|étaient|sera|avons|avez|ont|elle|elles|ils|nous|vous|qui|que|quoi|dont|mais|donc|"
            r"car|depuis|pendant|avant|après|pour|par|avec|sans|dans|chez|vers|entre|cette|ces|cet|mon|mes|ton|"
            r"tes|son|ses|notre|nos|votre|vos|leur|leurs|pas|plus|très|trop|aussi|bien|tout|tous|toute|toutes|"
            r"ici|quand|comme|alors|puis|encore|déjà|toujours|jamais|souvent|rien|même|merci|cordialement|"
            r"devant|derrière|près|contre|sauf|selon|malgré|durant|afin|lors|parce|ainsi|serait|seraient|doit|"
            r"doivent|peut|peuvent|faut|fait|font|reste|restent|semble|manque|manquent")
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
_YEAR_THEN_NOUN = (r"(?!(?:19|20)\d\d\s+"
                   r"(?:place|cours|cour|passage|quartier|villa|domaine|lot|mail|clos|promenade|square|voie)\b)")
ADDRESS = re.compile(
    r"(?<![\w,.])" + _YEAR_THEN_NOUN + r"\d{1,4}(?:\s*(?:bis|ter|quater)\b|[a-dA-D](?![\w]))?\s*,?\s+"
    rf"(?i:{_STREET_TYPES})\.?\s+"
    rf"{_PARTICLE}*(?:{_DATE_NAME}|{_NOT_GOES_ON}[^\W\d_][\w'’\-]*)"
    rf"(?:(?:\s+{_NAME_PARTICLE}{{0,2}}{_LOWER_WORD}){{1,3}}(?![\w'’\-])"
    rf"|(?:\s+{_PARTICLE}*{_CAPITAL_WORD}){{0,8}})"
    + _ADDRESS_TOWN
)
_TOWN_LINK = r"(?:[\s\-]+(?:sur|sous|en|de|du|des|la|le|les|lès|lez|aux|et|l['’]|d['’])(?=[\s\-A-ZÀ-ÖØ-Þ]))*"
TOWN = re.compile(
    r"(?<![\w,.])(?<!\d[ \u00a0\u202f])"  # not the end of a longer number (« 1 200 000 »)
    r"\d{5}\s+"
    rf"{_CAPITAL_WORD}(?:{_TOWN_LINK}[\s\-]+(?!(?i:cedex)\b){_CAPITAL_WORD}){{0,8}}"
    r"(?:\s+(?i:cedex)(?:\s+\d{1,2})?)?"
)
# Addresses of web pages with a query string (« ?email=…&nom=… » carries what a form was given).
URL_QUERY = re.compile(r"(?:https?://|www\.)[^\s<>\"«»?]*\?[^\s<>\"«»]*[^\s<>\"«».,;:!?)\]]", re.IGNORECASE)
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
    spans = [m.span() for pattern in (EMAIL, PHONE, TOWN, URL_QUERY) for m in pattern.finditer(text)]
    for m in ADDRESS.finditer(text):
        if m.group("before_town") is None:
            spans.append(m.span())
        else:
            spans += [(m.start(), m.start("before_town")), (m.end("before_town"), m.end())]
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


# ---------------------------------------------------------------------------------------------
# The shared API of issue 21 (SPEC: Hit, find_personal_data, PublicContacts), here a minimal
# version on top of the regular expressions above, for the gate on the published site
# (gate.py); the detector built on libphonenumber replaces this block with the same API.
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Hit:
    """A piece of personal data found in a text: offsets in the text given, a French label."""

    start: int
    end: int
    # « téléphone », « adresse électronique », « adresse postale », « adresse web avec paramètres »
    kind: str
    text: str


PHONE_KIND, EMAIL_KIND, ADDRESS_KIND, URL_KIND = (
    "téléphone", "adresse électronique", "adresse postale", "adresse web avec paramètres")


def _raw_hits(text: str) -> list[tuple[int, int, str]]:
    found = [(*m.span(), kind) for pattern, kind in ((URL_QUERY, URL_KIND), (EMAIL, EMAIL_KIND), (PHONE, PHONE_KIND))
             for m in pattern.finditer(text)]
    for m in ADDRESS.finditer(text):  # a postcode and town alone is not an address (« 05100 Briançon »)
        found.append((m.start(), m.start("before_town") if m.group("before_town") is not None else m.end(),
                      ADDRESS_KIND))
    return found


def find_personal_data(text: str, public: PublicContacts | None = None) -> list[Hit]:
    """Phones, e-mails, postal addresses and web addresses with a query in `text`, sorted and not
    overlapping (the first and longest wins); what `public` declares is left out."""
    hits: list[Hit] = []
    for start, end, kind in sorted(_raw_hits(text), key=lambda found: (found[0], -found[1])):
        if hits and start < hits[-1].end:
            continue
        hits.append(Hit(start, end, kind, text[start:end]))
    return [hit for hit in hits if public is None or not public.allows(hit)]


def _phone_key(text: str) -> str:
    """A phone number as digits with its country code: « 04 92… », « +33 (0)4 92… » → 33492…"""
    digits = re.sub(r"\(0\)", "", unicodedata.normalize("NFKC", text))
    digits = re.sub(r"\D", "", digits)
    if digits.startswith("00"):
        return digits[2:]
    if digits.startswith("0"):
        return "33" + digits[1:]
    return digits


def _folded_key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", _fold(unicodedata.normalize("NFKC", text))[0]).strip()


class PublicContacts:
    """What the office declares public (e-mails, phones, postal addresses), compared normalised."""

    def __init__(self, emails: set[str], phones: set[str], addresses: list[str]):
        self.emails, self.phones, self.addresses = emails, phones, addresses

    @classmethod
    def from_values(cls, values) -> PublicContacts:
        emails, phones, addresses = set(), set(), []
        for value in values:
            for hit in find_personal_data(value) or [Hit(0, len(value), ADDRESS_KIND, value)]:
                if hit.kind == EMAIL_KIND:
                    emails.add(_folded_key(hit.text))
                elif hit.kind == PHONE_KIND:
                    phones.add(_phone_key(hit.text))
            addresses.append(_folded_key(value))
        return cls(emails, phones, [address for address in addresses if address])

    def allows(self, hit: Hit) -> bool:
        if hit.kind == EMAIL_KIND:
            return _folded_key(hit.text) in self.emails
        if hit.kind == PHONE_KIND:
            return _phone_key(hit.text) in self.phones
        key = _folded_key(hit.text)
        return bool(key) and any(key in address for address in self.addresses)
