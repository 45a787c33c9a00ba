"""The <picture> of a photo, and the rewriting of every <img> of a content's HTML into one.

A content's HTML (after Markdown and the sanitiser) holds `<img src="{static}/images/x.jpg" alt="…">`.
Each such image of a JPEG or PNG of content/ becomes a <picture>: one <source> per modern format
(AVIF, WebP) and the <img> in the original format, each with its `srcset` of widths, the
`sizes` of the text column, the `width` and `height` of the widest copy (no layout shift), and
`loading="lazy" decoding="async"` except on the first image of the page. The <img> keeps its
`{static}` address, which Pelican resolves (it is the widest copy in the original format); the
`srcset` addresses are written `{image}images/x-480w.webp` and resolved the same way by
`resolve_srcset`, run after Pelican's own link resolution (core.compat.add_link_pass).
"""

from __future__ import annotations

import os
import posixpath
import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import quote, urljoin

from .process import Processed

IMAGE_MARKER = "{image}"
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)(")')
_FIGURE_PARAGRAPH = re.compile(r'(<figure class="photo">\s*)<p>(<picture>.*?</picture>)</p>', re.DOTALL)
_KEPT_ATTRIBUTES = ("id", "class", "title", "lang")  # what the sanitiser lets a communicator put on <img>


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        self.attrs = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


def attributes(tag: str) -> dict[str, str]:
    parser = _Attributes()
    parser.feed(tag)
    parser.close()
    return parser.attrs


def _url(processed: Processed, name: str) -> str:
    folder = posixpath.dirname(processed.source)
    return quote(f"{folder}/{name}" if folder else name, safe="/")  # no space nor comma: srcset splits on them


def srcset(processed: Processed, fmt: str, prefix: str) -> str:
    return ", ".join(f"{prefix}{_url(processed, v.name)} {v.width}w" for v in processed.of_format(fmt))


def picture(processed: Processed, *, alt: str, src: str, prefix: str, formats: list[str], sizes: str,
            first: bool, extra: dict[str, str] | None = None, high_priority: bool = False) -> str:
    """The <picture> HTML; `src` is the <img>'s address as written, `prefix` is put before each
    site-relative address of the `srcset` values (the `{image}` marker, or the page's SITEURL/)."""
    parts = ["<picture>"]
    for fmt in formats:
        parts.append(f'<source type="{processed.of_format(fmt)[0].mime}" '
                     f'srcset="{escape(srcset(processed, fmt, prefix))}" sizes="{escape(sizes)}">')
    attrs = {"alt": alt, "src": src, "srcset": srcset(processed, processed.fallback, prefix), "sizes": sizes,
             "width": str(processed.width), "height": str(processed.height)}
    attrs.update(extra or {})
    if first:
        if high_priority:
            attrs["fetchpriority"] = "high"
    else:
        attrs["loading"] = "lazy"
        attrs["decoding"] = "async"
    parts.append("<img " + " ".join(f'{name}="{escape(value)}"' for name, value in attrs.items()) + ">")
    parts.append("</picture>")
    return "".join(parts)


def rewrite(html: str, find, *, formats: list[str], sizes: str, first_eager: bool) -> tuple[str, bool]:
    """`html` with each <img> of a photo of the site replaced by its <picture>. `find(src, alt)`
    gives the Processed photo of an address (or None: the <img> is left as it is) and raises on a
    photo that cannot be published. Returns the HTML and whether an image was made eager."""
    pieces, last, eager_done = [], 0, not first_eager
    for match in _IMG.finditer(html):
        attrs = attributes(match.group(0))
        processed = find(attrs.get("src", ""), attrs.get("alt"))
        if processed is None:
            continue
        extra = {name: attrs[name] for name in _KEPT_ATTRIBUTES if name in attrs}
        pieces += [html[last:match.start()], picture(
            processed, alt=attrs.get("alt", ""), src=attrs["src"], prefix=IMAGE_MARKER, formats=formats,
            sizes=sizes, first=not eager_done, extra=extra)]
        eager_done = True
        last = match.end()
    html = "".join(pieces) + html[last:]
    return _FIGURE_PARAGRAPH.sub(r"\1\2", html), eager_done and first_eager


def resolve_srcset(html: str, siteurl: str, relative_urls: bool) -> str:
    """The `{image}` addresses of every srcset resolved against the page's siteurl, as Pelican does
    `{static}` (os.path.join with relative URLs, urljoin otherwise)."""
    if IMAGE_MARKER not in html:
        return html

    def address(path: str) -> str:
        if relative_urls:
            return os.path.join(siteurl, path).replace("\\", "/")
        return urljoin(siteurl if siteurl.endswith("/") else siteurl + "/", path)

    def one(match: re.Match) -> str:
        value = match.group(2)
        if IMAGE_MARKER not in value:
            return match.group(0)
        items = []
        for item in value.split(", "):
            url, _, descriptor = item.partition(" ")
            if url.startswith(IMAGE_MARKER):
                url = address(url[len(IMAGE_MARKER):])
            items.append(f"{url} {descriptor}" if descriptor else url)
        return match.group(1) + ", ".join(items) + match.group(3)

    return _SRCSET.sub(one, html)
