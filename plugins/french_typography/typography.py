"""French typography on rendered HTML: spaces before double punctuation, guillemets, apostrophes.

Only text between tags changes: never tags and their attributes, never the inside of
code, pre, kbd, samp, script, style or textarea, never a URL or an e-mail address
written in the text. In HTML, the rules see the text a reader sees (entities decoded, so
`&amp;` is « & », not a word followed by « ; »), then `&`, `<` and `>` are escaped again.
Idempotent. Rules (Lexique des règles typographiques de
l'Imprimerie nationale, as usually applied on screen):
- narrow no-break space U+202F before ; ! ? and inside « »;
- no-break space U+00A0 before : (only before a colon followed by a space or the end,
  so times like 14:30 stay as they are);
- straight double quotes in pairs → « »; straight apostrophe between letters → ’;
- a time or a number of hours, « 18 h », « 18 h 30 »: no-break spaces U+00A0 around the « h »,
  where a normal space was (as between a number and its unit: « 8 constats », « 4,2 ko »).
"""

from __future__ import annotations

import functools
import re
from html import escape, unescape

NNBSP, NBSP = "\u202f", "\u00a0"
SKIP_TAGS = {"code", "pre", "kbd", "samp", "script", "style", "textarea"}
_TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
_PROTECTED = re.compile(r"https?://[^\s<>\"«»]+|www\.[^\s<>\"«»]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SPACES = f"[ {NBSP}{NNBSP}]"
# A mark counts as punctuation when it follows a word, a closing guillemet or bracket.
_BEFORE = r"(?<=[\w»)\]…'’\"%€\x00])"
_DOUBLE = re.compile(_BEFORE + _SPACES + r"?([;!?]+)")
_COLON = re.compile(_BEFORE + _SPACES + r"?:(?=\s|$)")
_OPEN = re.compile("«" + _SPACES + "*")
_CLOSE = re.compile(_SPACES + "*»")
_QUOTES = re.compile(r'"([^"«»\n]+)"')  # never around guillemets: stays idempotent
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
_PLACEHOLDER = "\x00{}\x00"
_WORD_END = re.compile(r"[\w»)\]…'’\"%€]\Z")
_LEADING_DOUBLE = re.compile("^" + _SPACES + r"?([;!?]+)")
_LEADING_COLON = re.compile("^" + _SPACES + r"?:(?=\s|$)")
# « 18 h », « 18 h 30 », « 2 h »: the spaces of a time become no-break (never added where there was none).
_HOURS = re.compile(r"(?<![\w.,])([0-9]+) h(?![^\W\d_])")
_MINUTES = re.compile(r"(?<=[0-9][ \u00a0\u202f]h) (?=[0-9]{2}(?![^\W\d_]|[0-9]))")
# Every rule needs one of these: without them, a text is left as it is.
_TRIGGERS = re.compile(r"[;!?:«»\"']|[0-9][ \u00a0\u202f]h")  # « 18 h », and « 18 h 30 » typed with a no-break space
# A text node without them comes out of fix_html as it went in (no rule applies, no entity to decode,
# nothing that escape() would change).
_REWRITTEN = re.compile(r"[;!?:«»\"'&<>]|[0-9][ \u00a0\u202f]h")


def fix_text(text: str, before: str = "") -> str:
    """Typography of plain text; `before` is the text just before it (across inline tags)."""
    if not _TRIGGERS.search(text):  # most text nodes of a page (a speed-up: same result)
        return text
    return _apply_rules(text, before)


def _apply_rules(text: str, before: str) -> str:
    """Each rule only where its character is: most text nodes have an apostrophe and nothing else."""
    protected: list[str] = []

    def protect(match: re.Match) -> str:
        protected.append(match.group(0))
        return _PLACEHOLDER.format(len(protected) - 1)

    if "://" in text or "www." in text or "@" in text:
        text = _PROTECTED.sub(protect, text)
    if '"' in text:
        text = _QUOTES.sub(lambda m: f"«{NNBSP}{m.group(1).strip()}{NNBSP}»", text)
    if "'" in text:
        text = _APOSTROPHE.sub("’", text)
    if "«" in text:
        text = _OPEN.sub("«" + NNBSP, text)
    if "»" in text:
        text = _CLOSE.sub(NNBSP + "»", text)
    if ";" in text or "!" in text or "?" in text:
        text = _DOUBLE.sub(lambda m: NNBSP + m.group(1), text)
    if ":" in text:
        text = _COLON.sub(NBSP + ":", text)
    if " h" in text:
        text = _HOURS.sub(lambda m: m.group(1) + NBSP + "h", text)
    if "h " in text:
        text = _MINUTES.sub(NBSP, text)
    if _WORD_END.search(before):  # punctuation right after an inline tag: « <em>x</em> ! »
        text = _LEADING_DOUBLE.sub(lambda m: NNBSP + m.group(1), text)
        text = _LEADING_COLON.sub(NBSP + ":", text)
    if not protected:
        return text
    return re.sub("\x00([0-9]+)\x00", lambda m: protected[int(m.group(1))], text)


@functools.lru_cache(maxsize=8192)  # the same bodies again in each build of livereload
def fix_html(html: str) -> str:
    """Typography of an HTML fragment, text nodes only."""
    out: list[str] = []
    skipping: list[str] = []
    previous = ""  # the last text seen, for punctuation right after an inline tag
    for part in _TOKEN.split(html):
        if not part:
            continue
        if part.startswith("<"):
            tag = _TAG_NAME.match(part)
            if tag and tag.group(2).lower() in SKIP_TAGS and not part.endswith("/>"):
                name = tag.group(2).lower()
                if tag.group(1):
                    if skipping and skipping[-1] == name:
                        skipping.pop()
                else:
                    skipping.append(name)
            out.append(part)
            continue
        if skipping or not _REWRITTEN.search(part):  # nothing to typeset, nothing to escape again
            out.append(part)
            previous = part
            continue
        fixed = fix_text(unescape(part), previous)
        out.append(escape(fixed, quote=False))
        previous = fixed
    return "".join(out)


# Settings whose text the pages show: a text, a dictionary of texts, SECTIONS' titles and intros.
TEXT_SETTINGS = ("SITENAME", "SITESUBTITLE", "FEEDBACK_RETENTION", "HOST_LOG_RETENTION",
                 "DATA_PROTECTION_OFFICER", "OFFICE_NAME")
DICT_SETTINGS = ("PUBLISHER", "HOST", "ACCESSIBILITY_AUDIT")


def _typeset_texts(value: dict) -> dict:
    return {key: fix_text(text) if isinstance(text, str) else text for key, text in value.items()}


def typeset_settings(settings: dict) -> None:
    """The texts of the office's settings in French typography, in place (new dictionaries for
    the dictionaries): what the office writes in pelicanconf.py reads as what it writes in Markdown."""
    for name in TEXT_SETTINGS:
        if isinstance(settings.get(name), str):
            settings[name] = fix_text(settings[name])
    for name in DICT_SETTINGS:
        if isinstance(settings.get(name), dict):
            settings[name] = _typeset_texts(settings[name])
    if isinstance(settings.get("SECTIONS"), dict):
        settings["SECTIONS"] = {slug: _typeset_texts(section) if isinstance(section, dict) else section
                                for slug, section in settings["SECTIONS"].items()}
