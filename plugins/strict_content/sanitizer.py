"""The one allowlist every piece of HTML made from communicator text goes through (nh3, Rust's ammonia).

Raw HTML is already shown as text (raw_html.py), but Markdown itself still lets a communicator
write attributes (`{: onerror="…" }` of attr_list, `attrs:` of pymdownx blocks) and any URL
(`[x](javascript:…)`, `![x](https://elsewhere/pixel.png)`). The HTML that Markdown makes of a
body or a `Summary:` is cleaned here, right after Markdown and before typography and the
finding slots: what the engine emits in content is kept (the lists below, each with its
reason), anything else is dropped.

Two kinds of input are refused with a located French problem rather than silently cleaned: a
URL whose scheme is not https, http, mailto, tel (or relative), and a resource loaded from
another site (img src/srcset, CSS url(), iframe, audio, video, object, source, embed): the
site promises no third-party request. Event handlers and `style` are dropped silently.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape as html_unescape
from html.parser import HTMLParser

import nh3
from markupsafe import Markup

from core.problems import Problem, ProblemError, position

# Tags, each with why content may hold it.
ALLOWED_TAGS = {
    "p": "paragraphs",
    "br": "line breaks (two spaces at the end of a line)",
    "hr": "`---` separators",
    "h1": "headings (`#`)", "h2": "headings (`##`)", "h3": "headings", "h4": "headings",
    "h5": "headings", "h6": "headings",
    "em": "`*emphasis*`", "strong": "`**strong**`", "code": "`code`", "pre": "code blocks",
    "blockquote": "`>` quotations",
    "ul": "lists", "ol": "numbered lists", "li": "list items",
    "dl": "definition lists (extra)", "dt": "definition lists", "dd": "definition lists",
    "a": "links", "img": "images from content/images/ (`![…]({static}…)`)",
    "table": "tables (extra)", "thead": "tables", "tbody": "tables", "tr": "tables", "th": "tables",
    "td": "tables",
    "abbr": "abbreviations (extra)",
    "sup": "footnote references (extra)",
    "div": "admonitions, footnotes and the finding slots (`data-constat`)",
    "section": "the `/// constat` block: one <section id=…> per finding",
    "details": "collapsible blocks", "summary": "their title",
    "span": "attr_list on inline text",
    "time": "dates the engine marks up",
    "del": "struck text", "ins": "inserted text", "mark": "highlighted text",
    "small": "small print, and the credit of a `/// figure` (plugins/images/figure.py)",
    "sub": "subscripts", "s": "struck text",
    "figure": "the `/// figure` block: a photo with its caption (plugins/images/figure.py)",
    "figcaption": "the caption and credit of a `/// figure`",
    "picture": "a photo's formats (written by plugins/images after this cleaning; kept if cleaned again)",
    "source": "one format of a photo inside <picture> (never audio/video: those tags are refused)",
}

# Attributes any allowed tag may carry, each with why.
GENERIC_ATTRIBUTES = {
    "id": "heading anchors (toc), finding ids, footnotes",
    "class": "admonitions, footnotes, the `.todo` class the reference promises, `{: .class }`",
    "title": "link and image titles, abbreviations",
    "lang": "a passage in another language",
}

# Attributes of one tag, each with why.
TAG_ATTRIBUTES = {
    "a": {"href": "the link (scheme checked)"},
    "img": {"src": "the image (a file of the site)", "alt": "its text alternative",
            "width": "its size", "height": "its size",
            "srcset": "its widths (plugins/images; each address checked like src)",
            "sizes": "the width it takes in the page (plugins/images)",
            "loading": "lazy loading below the first image (plugins/images)",
            "decoding": "decoding off the main thread (plugins/images)"},
    "source": {"srcset": "a photo's widths in one format (each address checked like src)",
               "sizes": "the width it takes in the page", "type": "the format (image/avif, image/webp)"},
    "div": {"data-constat": "the finding block's slots (plugins/findings/block.py)",
            "data-constat-slot": "the finding block's slots"},
    "th": {"align": "table column alignment (extra)", "colspan": "merged cells", "rowspan": "merged cells"},
    "td": {"align": "table column alignment (extra)", "colspan": "merged cells", "rowspan": "merged cells"},
    "section": {"aria-labelledby": "the finding block names its section by its heading"},
    "ol": {"start": "a list that starts elsewhere than 1"},
    "time": {"datetime": "the machine-readable date"},
    "details": {"open": "a block shown open"},
}

# URL schemes a link may use; relative URLs (the site's own files, `{filename}`…) are always allowed.
URL_SCHEMES = {"https", "http", "mailto", "tel"}

# Attributes that hold a URL, and those that make the browser fetch it.
URL_ATTRIBUTES = {"href", "src", "srcset", "poster", "data", "action", "formaction", "cite", "background",
                  "xlink:href"}
FETCHED_ATTRIBUTES = {"src", "srcset", "poster", "data", "background"}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]*)""", re.IGNORECASE)
_SCHEME = re.compile(r"\A([A-Za-z][A-Za-z0-9+.-]*):")


def _compact(url: str) -> str:
    """The URL as a browser reads its scheme: control characters and spaces dropped."""
    return re.sub(r"[\x00-\x20]", "", url)


def _scheme(url: str) -> str | None:
    match = _SCHEME.match(_compact(url))
    return match.group(1).lower() if match else None


def _is_remote(url: str) -> bool:
    cleaned = _compact(url).replace("\\", "/")
    return cleaned.startswith("//") or _scheme(cleaned) is not None


def _refusals(attrs) -> list[tuple[str, str]]:
    """The URLs of one tag's attributes ((lower-case name, unescaped value) pairs) to refuse:
    (kind, value) pairs, kind "remote" or "scheme"."""
    refused = []
    for name, value in attrs:
        value = value or ""
        if name == "style":
            refused.extend(("remote", url) for url in _CSS_URL.findall(value) if _is_remote(url))
        elif name in FETCHED_ATTRIBUTES:
            urls = [part.split()[0] for part in value.split(",") if part.split()] if name == "srcset" else [value]
            for url in urls:
                scheme = _scheme(url)
                if scheme in {"http", "https"} or (scheme is None and _is_remote(url)):
                    refused.append(("remote", url))
                elif scheme is not None:
                    refused.append(("scheme", url))
        elif name in URL_ATTRIBUTES:
            scheme = _scheme(value)
            if scheme is not None and scheme not in URL_SCHEMES:
                refused.append(("scheme", value))
    return refused


class _Finder(HTMLParser):
    """Any HTML: the URLs to refuse, tag by tag, as a browser's parser sees the attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refused: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.refused.extend(_refusals(attrs))

    handle_startendtag = handle_starttag


# What Python-Markdown's serializer writes (raw HTML is text here: raw_html.py): tags whose
# attributes are all `name="value"` (or a bare name: `open`), with `"`, `<` and `>` escaped in
# values; no comment, no script or style element. Such HTML is read with regular expressions, about
# ten times faster than HTMLParser; anything else goes to HTMLParser (tests/test_sanitizer.py checks
# that both give the same answer). Between a tag's name and its attributes, only HTML's own spaces:
# Python's \s also takes U+00A0, U+000B… which a browser and HTMLParser read as part of the name
# (`<a\u00a0href="…">` has no href); such a tag goes to HTMLParser.
_TAG = re.compile(r"<[A-Za-z][^>]*>")
_SERIALIZED_TAG = re.compile(r'<[A-Za-z][A-Za-z0-9]*(?:[ \t\n\r\f][^\s"\'<>/=]+(?:="[^"<>]*")?)*[ \t\n\r\f]?/?>')
_SERIALIZED_ATTRIBUTE = re.compile(r'[ \t\n\r\f]([^\s"\'<>/=]+)="([^"<>]*)"')
_NOT_SERIALIZED = re.compile(r"<(?:[^A-Za-z/]|/[^A-Za-z]|/?(?:script|style|textarea|title|xmp|iframe|noembed|"
                             r"noframes|plaintext|noscript)\b)", re.IGNORECASE)


def refused_urls(html: str) -> list[tuple[str, str]]:
    """The URLs of `html` to refuse, in document order: (kind, value), kind "remote" or "scheme"."""
    tags = _TAG.findall(html) if not _NOT_SERIALIZED.search(html) else None
    if tags is not None and all(_SERIALIZED_TAG.fullmatch(tag) for tag in tags):
        refused = []
        for tag in tags:
            if "=" in tag:
                refused.extend(_refusals((name.lower(), html_unescape(value))
                                         for name, value in _SERIALIZED_ATTRIBUTE.findall(tag)))
        return refused
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.refused


# Python-Markdown aligns table columns with a style attribute, which the CSP would block: a class instead
# (theme/static/css/site.css).
_CELL_ALIGN = re.compile(r'<(t[hd]) style="text-align: (left|right|center);">')


def clean(html: str) -> str:
    """`html` with only the allowlist left: no event handler, no style, no other URL scheme."""
    html = _CELL_ALIGN.sub(r'<\1 class="aligne-\2">', html)
    attributes = {tag: set(names) for tag, names in TAG_ATTRIBUTES.items()}
    attributes["*"] = set(GENERIC_ATTRIBUTES)
    return nh3.clean(html, tags=set(ALLOWED_TAGS), attributes=attributes, url_schemes=URL_SCHEMES,
                     link_rel=None, strip_comments=True, attribute_filter=_keep_attribute)


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if name in FETCHED_ATTRIBUTES and _is_remote(value):
        return None  # a resource from another site: never fetched
    return value


# Where a URL starts in Markdown: a link or image target, or an attribute of `{: … }` or `attrs:`.
_URL_START = re.compile(r"""\]\(\s*<?|\b(?:href|src|srcset|poster|data|background|cite|action|formaction|"""
                        r"""xlink:href)\s*[=:]\s*["']?""", re.IGNORECASE)
_URL_RAW = re.compile(r"""[^)"'>}\n]*""")


def _locate(source: str, url: str) -> int:
    """The offset of `url` in the Markdown source, also when it is written with character references
    or spaces a browser drops (`&#106;avascript:`, `java<TAB>script:`); -1 if not found."""
    offset = source.find(url)
    if offset < 0:
        offset = source.find(url.strip())
    if offset >= 0 or not _compact(url):
        return offset
    wanted = _compact(url)
    for start in _URL_START.finditer(source):
        found = _compact(html_unescape(_URL_RAW.match(source, start.end()).group(0)))
        # A target is cut at its first `)` or quote, and may go on with a title: a common start.
        if found and found[:len(wanted)] == wanted[:len(found)] and len(found) >= min(len(wanted), 4):
            return start.end()
    return -1


def _problem(path: str, source: str, kind: str, url: str) -> Problem:
    offset = _locate(source, url)
    line, col = position(source, offset) if offset >= 0 else (None, None)
    shown = url if len(url) <= 80 else url[:77] + "…"
    if kind == "remote":
        message = (f"ressource d'un autre site refusée : « {shown} » : le navigateur de chaque visiteur la "
                   "demanderait à ce site ; enregistrez le fichier dans content/images/ et liez-le avec "
                   "{static}, par exemple ![Texte]({static}/images/photo.jpg)")
    else:
        message = (f"adresse refusée : « {shown} » : seules les adresses https:, http:, mailto:, tel: ou un "
                   "fichier du site sont permises")
    return Problem(path, line, col, message)


def sanitize_read(path: str, source: str, content: str, metadata: dict):
    """The (content, metadata) of a Markdown file, cleaned; ProblemError on a refused URL."""
    problems = []
    for html in (content, metadata.get("summary")):
        if isinstance(html, str):
            problems.extend(_problem(path, source, kind, url) for kind, url in refused_urls(html))
    if problems:
        problems = list({str(problem): problem for problem in problems}.values())  # body and summary
        problems.sort(key=lambda problem: (problem.line or 0, problem.col or 0))
        raise ProblemError(*problems)
    if isinstance(metadata.get("summary"), str):
        metadata["summary"] = clean(metadata["summary"])
    return clean(content), metadata


def csp_hash(text: str) -> Markup:
    """The Content-Security-Policy source that allows this exact inline style (or attribute value)."""
    digest = hashlib.sha256(str(text).encode("utf-8")).digest()
    return Markup(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")  # base64 and quotes only
