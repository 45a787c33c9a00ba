"""The text a visitor or a program can read in a published file, as blocks of text (gate.py).

A block is what a sentence cannot cross: an HTML block element (a paragraph, a cell, a list
item…), an attribute value, a JSON string, a CSV cell, an iCalendar value, a string or comment of
JavaScript or CSS. Inline elements (a link, an emphasis…) do not split a block, so
« 06 12 <b>34</b> 56 78 » is read as one number; nor does a line break (<br>), read as one.
Entities are decoded (`&#064;`, `&commat;`): what a browser shows is what is read. HTML held in
a feed, a JSON string or an XML file is read as HTML again: its blocks are those of the page it
comes from, which the gate has then already read (it reads each distinct block once).
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import zipfile
from collections.abc import Iterator
from urllib.parse import unquote

# Files that hold no text (images, fonts, media, archives): not read.
BINARY_SUFFIXES = frozenset((".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp", ".tif", ".tiff",
                             ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".mp4", ".webm", ".ogg", ".wav",
                             ".zip", ".gz", ".br", ".zst", ".wasm"))
MARKUP_SUFFIXES = frozenset((".html", ".htm", ".xml", ".atom", ".rss", ".svg", ".xhtml"))
# Inline elements: they do not end a block of text.
INLINE = frozenset(("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
                    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
                    "font", "tspan", "textpath"))
# Attributes that hold no text meant for people (names, layout, geometry, hashes): not read.
NOT_TEXT_ATTRIBUTES = frozenset(("class", "id", "style", "integrity", "nonce", "rel", "type", "lang", "xml:lang",
                                 "dir", "role", "width", "height", "loading", "decoding", "crossorigin",
                                 "referrerpolicy", "sizes", "media", "charset", "viewbox", "d", "transform", "points",
                                 "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "fill", "stroke",
                                 "stroke-width", "xmlns", "version", "datetime", "tabindex", "colspan", "rowspan"))
# Linear on any text: a comment or CDATA never closed runs to the end (as in a browser), and an
# attribute outside quotes or a declaration never holds « < »: « <a <a <a… » never closed is given up
# at the next « < », not searched for its « > » to the end of the text from each « < » (quadratic).
_TOKEN = re.compile(r"<!--(?P<comment>.*?)(?:-->|\Z)|<!\[CDATA\[(?P<cdata>.*?)(?:\]\]>|\Z)|<[!?][^<>]*>"
                    r"|<(?P<end>/)?(?P<tag>[A-Za-z][\w:.-]*)(?P<attributes>(?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_ATTRIBUTE = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")
_RAW_TEXT = ("script", "style")
# Code (JavaScript, CSS): what it says is in its strings and comments; its arithmetic
# (« (c + 0.055) / 1.055, 2.4 ») is not text and would read as a phone number.
CODE_SUFFIXES = frozenset((".js", ".mjs", ".css"))
_CODE_TEXT = re.compile(r"\"((?:[^\"\\\n]|\\.)*)\"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`"
                        r"|//([^\n]*)|/\*(.*?)\*/", re.S)
_CODE_ESCAPE = re.compile(r"\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})"  # JavaScript
                          r"|([0-9a-fA-F]{1,6}) ?|(.))", re.S)  # CSS, and any other character
# Calendar properties that hold identifiers, not text (« UID:phase-1@www.example.org »).
NOT_TEXT_PROPERTIES = frozenset(("UID", "PRODID", "VERSION", "CALSCALE", "METHOD", "DTSTAMP", "DTSTART", "DTEND"))


def text_blocks(name: str, data: bytes, seen: set[str] | None = None) -> Iterator[str] | None:
    """The blocks of text of the published file `name` (its path, for its suffix); None for a
    file that holds no text (a binary suffix, or bytes that are not UTF-8 text). With `seen`, the
    parts of a page already in it are skipped (they were read with an earlier file), and the
    others added."""
    suffix = os.path.splitext(name)[1].lower()
    if data.startswith(_PDF):
        return pdf_blocks(data)
    if suffix in BINARY_SUFFIXES:
        return None
    if data.startswith(_ZIP):
        return document_blocks(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:
        return legacy_text(data)
    if suffix in MARKUP_SUFFIXES:
        return _new_chunks_blocks(markup_chunks(text), seen)
    if seen is not None:
        if text in seen:
            return iter(())
        seen.add(text)
    if suffix in (".json", ".webmanifest", ".geojson"):
        return json_blocks(text)
    if suffix == ".csv":
        return csv_blocks(text)
    if suffix == ".ics":
        return calendar_blocks(text)
    if suffix in CODE_SUFFIXES:
        return code_blocks(text)
    return iter([text])  # plain text…: read whole


# A PDF (a programme, minutes…) is published as it is: the text of each page, as pypdf extracts it,
# and the addresses of its links. A PDF no one can read (damaged, or locked by a password) cannot be
# checked: UnreadableDocument, which the gate refuses rather than publish it unread.
_PDF = b"%PDF-"


class UnreadableDocument(Exception):
    """A published document whose text cannot be read; the message says why (French)."""


def pdf_blocks(data: bytes) -> Iterator[str]:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    log = logging.getLogger("pypdf")  # its modules' loggers take their level from it
    level = log.level
    log.setLevel(logging.CRITICAL)  # its English warnings on a sloppy PDF are not the build's problems
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):  # a PDF only « protected » opens with no password
            raise UnreadableDocument("document protégé par un mot de passe")
        blocks = []
        for page in reader.pages:
            blocks.append(page.extract_text() or "")
            for annotation in page.get("/Annots") or []:
                action = annotation.get_object().get("/A") or {}
                if action.get("/URI"):
                    blocks.append(unquote(str(action["/URI"])))
    except UnreadableDocument:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise UnreadableDocument(f"document PDF illisible ({type(exc).__name__})") from None
    finally:
        log.setLevel(level)
    return iter([block for block in blocks if block.strip()])


# Text that is not UTF-8 (a document of an old Windows editor): UTF-16 when the file says so (a
# byte order mark), else Windows-1252 or UTF-16LE when the file then reads as text, with no control
# character; a binary file (a video, an old Word file) is not text: not read, never random letters
# taken for an e-mail address.
_BOMS = (b"\xff\xfe", b"\xfe\xff")
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def legacy_text(data: bytes) -> Iterator[str]:
    if data.startswith(_BOMS):
        yield data.decode("utf-16", errors="replace")
        return
    for encoding in ("cp1252", "utf-16-le"):
        text = data.decode(encoding, errors="replace")
        if not _NOT_TEXT.search(text):
            yield text
            return


# A document that is a ZIP of XML (Word, OpenDocument, EPUB, a spreadsheet PUBLIC_FILES lists): the
# text of each paragraph, cell or shared string (the words of a paragraph are cut in runs, tags that
# do not end it), and the addresses of its links.
_ZIP = b"PK\x03\x04"
_MAX_ENTRY_BYTES = 64 * 1024 ** 2  # an entry is read up to there: a ZIP bomb does not fill the memory
_DOCUMENT_BLOCK_END = re.compile(r"</(?:[\w.-]+:)?(?:p|h|h[1-6]|li|tc|td|th|si|table-cell|div)>"
                                 r"|<(?:[\w.-]+:)?(?:br|line-break|cr)\b[^>]*>")
_DOCUMENT_TAG = re.compile(r"<[^>]*>")
_DOCUMENT_LINK = re.compile(r"(?<![\w:.-])(?:[\w.-]+:)?(?:href|Target)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


def document_blocks(data: bytes) -> Iterator[str]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        yield from legacy_text(data)
        return
    for entry in entries:
        try:
            with archive.open(entry) as handle:
                content = handle.read(_MAX_ENTRY_BYTES)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError, EOFError):
            continue  # an entry that cannot be read (encrypted, damaged): no one reads it online either
        if content.startswith(_ZIP) or os.path.splitext(entry.filename)[1].lower() in BINARY_SUFFIXES:
            continue
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            yield from legacy_text(content)
            continue
        for link in _DOCUMENT_LINK.finditer(text):
            yield from _attribute_values(f'href="{link.group(1) or link.group(2) or ""}"')
        for piece in _DOCUMENT_BLOCK_END.split(text):
            block = html.unescape(_DOCUMENT_TAG.sub("", piece)).strip()
            if block:
                yield block


# Where a block of text always ends: the start or end tag of a block element, and a whole
# <script> or <style> element (read apart). `markup_chunks` cuts a page there.
_CHUNK_BOUNDARY = re.compile(  # « < » first in both branches: the engine then skips to each « < »
    r"<(?:(?P<raw>script|style)\b.*?(?:</(?P=raw)\s*>|\Z)"
    r"|/?(?:p|div|li|ul|ol|dl|dt|dd|h[1-6]|section|article|aside|header|footer|nav|main|table|thead|tbody|tr|td|th"
    r"|figure|figcaption|blockquote|pre|form|fieldset|details|summary|body|head|html|meta|link|title|entry|item"
    r"|content|description)\b)", re.S | re.I)


def markup_chunks(text: str) -> list[str]:
    """The page cut where no block of text goes on: the header, the menus and the footer of every
    page are then the same strings, read once by the gate however many pages repeat them."""
    chunks, start = [], 0
    for match in _CHUNK_BOUNDARY.finditer(text):
        if match.start() > start:
            chunks.append(text[start:match.start()])
        start = match.start()
        if match.group("raw"):
            chunks.append(match.group())
            start = match.end()
    chunks.append(text[start:])
    return chunks


def _new_chunks_blocks(chunks: list[str], seen: set[str] | None) -> Iterator[str]:
    for chunk in chunks:
        if seen is not None:
            if chunk in seen:
                continue
            seen.add(chunk)
        yield from markup_blocks(chunk)


def markup_blocks(text: str, escaped: int = 0) -> Iterator[str]:
    """HTML, XML (feeds, sitemaps) and SVG: text by block, then the text attribute values.
    `escaped`: how many times this text was already unescaped to be read again as HTML (_flush)."""
    parts: list[str] = []
    position = 0
    raw_until = None
    for match in _TOKEN.finditer(text):
        if raw_until is not None:  # inside <script> or <style>: read whole, up to its end tag
            if match.group("end") and match.group("tag").lower() == raw_until:
                yield text[position:match.start()]
                raw_until, position = None, match.end()
            continue
        parts.append(text[position:match.start()])
        position = match.end()
        if match.group("cdata") is not None:
            parts.append(match.group("cdata"))
            continue
        if match.group("comment") is not None:  # not shown, but published: anyone reads the source
            if match.group("comment").strip():
                yield match.group("comment").strip()
            continue
        tag = match.group("tag")
        if tag is None:
            continue  # a comment, a doctype, an XML declaration
        tag = tag.lower()
        if tag == "br":  # a line break within the block: « 06 12<br>34 56 78 » is read as one number
            parts.append("\n")
        elif tag not in INLINE:
            yield from _flush(parts, escaped)
        if not match.group("end"):
            yield from _attribute_values(match.group("attributes"))
            if tag in _RAW_TEXT and not match.group("attributes").rstrip().endswith("/"):
                raw_until = tag
    parts.append(text[position:])
    yield from _flush(parts, escaped)


# HTML escaped in a feed is read again as HTML; escaped twice (« &amp;lt; »), once more. Never
# further: text that only looks like markup (« <!---->]]> ») would be unescaped and read forever.
_MAX_UNESCAPING = 2


# What markup does not read (a tag name, an attribute without value, a declaration): a block holding
# one is read as shown too. Not a feed's escaped HTML: its tags are the engine's, read once.
_NOT_MARKUP = re.compile(r"<(?![a-zA-Z][\w:.-]*(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'<>=`]+))*\s*/?>"
                         r"|/[a-zA-Z][\w:.-]*\s*>|!--)")


def _flush(parts: list[str], escaped: int = 0) -> Iterator[str]:
    block = html.unescape("".join(parts)).strip()
    parts.clear()
    if not block:
        return
    if "<" in block and ">" in block and escaped < _MAX_UNESCAPING:  # HTML escaped in a feed or an XML file
        yield from _as_markup(block, escaped + 1)
    else:
        yield block


def _as_markup(text: str, escaped: int = 0) -> Iterator[str]:
    """Text that holds markup read as markup; and as it is too if something in it is not markup:
    text shown as it is, « Paul <Martin 06 12 34 56 78> »."""
    yield from markup_blocks(text, escaped)
    if _NOT_MARKUP.search(text):
        yield text


def _attribute_values(attributes: str) -> Iterator[str]:
    for match in _ATTRIBUTE.finditer(attributes):
        if match.group(1).lower() in NOT_TEXT_ATTRIBUTES:
            continue
        value = next((group for group in match.groups()[1:] if group is not None), None)
        if not value:
            continue
        value = html.unescape(value).strip()
        if "%" in value:
            value = unquote(value)  # « mailto:paul%40example.org », « tel:%2B336… »
        if value:
            yield value


def json_blocks(text: str) -> Iterator[str]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # (nested deeper than Python reads)
        yield text
        return
    yield from _json_strings(data)


def _json_strings(value) -> Iterator[str]:
    if isinstance(value, str):
        if "<" in value and ">" in value:
            yield from _as_markup(value)
        elif value.strip():
            yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _json_strings(key)
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def csv_blocks(text: str) -> Iterator[str]:
    """Each cell (a cell may hold several lines: a number split across two is read whole)."""
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            yield from (cell for cell in row if cell.strip())
    except csv.Error:
        yield text


def calendar_blocks(text: str) -> Iterator[str]:
    """iCalendar: long lines unfolded, each value with its escapes decoded."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    for line in unfolded.splitlines():
        name, _, value = line.partition(":")
        if name.split(";")[0].upper() in NOT_TEXT_PROPERTIES:
            continue
        value = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)
        if value.strip():
            yield value


def code_blocks(text: str) -> Iterator[str]:
    """JavaScript and CSS: each string literal and comment, its escapes decoded."""
    for match in _CODE_TEXT.finditer(text):
        literal = next(group for group in match.groups() if group is not None)
        if "\\" in literal:
            literal = _CODE_ESCAPE.sub(_unescape_code, literal)
        if literal.strip():
            yield literal


def _unescape_code(match: re.Match) -> str:
    braced, four, two, css, other = match.groups()
    number = braced or four or two or css
    if number is not None:
        try:
            return chr(int(number, 16))
        except (ValueError, OverflowError):
            return ""
    return {"n": "\n", "t": "\t", "r": ""}.get(other, other)
