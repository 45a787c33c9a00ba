"""Feedback links: where « Réagir à ce constat » leads, built from FEEDBACK_BACKEND.

Pure functions; the plugin exposes one of them to the templates.

Setting FEEDBACK_BACKEND (pelicanconf.py), checked at start by feedback_settings.py:
- "mailto" (default): a mailto: link (RFC 6068) to CONTACT_EMAIL, with a French subject
  and a body that name the finding, so every message says what it reacts to;
- or a URL template in https:// with the placeholders {id}, {title} and {url}, e.g. a form
  service with prefilled fields `https://forms.example.org/f?constat={id}&titre={title}&page={url}`
  or a new-issue page `https://github.com/org/repo/issues/new?title={title}&body={url}`.
  Each value is percent-encoded as a query component (`quote(value, safe="")`).

Python:
    feedback_href(backend, email, finding_id, title, url) -> str
        `url` is the finding's absolute URL with its #anchor.

Templates (Jinja global, added to every generator's environment):
    {{ feedback_href(finding_id, title, url) }}
        `url` may be absolute (https://…) or site-relative (`diagnostic/x/#concurrence-01`,
        as `finding.url` gives it): relative URLs are made absolute with PUBLIC_SITEURL, so a
        message sent from a local preview still names the public page.
"""

from __future__ import annotations

import re
from typing import Callable
from urllib.parse import quote

MAILTO = "mailto"
DEFAULT_BACKEND = MAILTO
PLACEHOLDERS = ("id", "title", "url")
NBSP = "\u00a0"  # French: no-break space inside « » and before « : »
CRLF = "\r\n"  # RFC 6068: line breaks in a body are CRLF (%0D%0A)

# Characters left as they are in the address: RFC 6068 requires encoding %, the gen-delims
# but @ and : (/ ? # [ ]), and & ; = among the sub-delims; "," separates addresses.
_ADDRESS_SAFE = "@!$'()*+"
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")


def _one_line(text: str) -> str:
    return re.sub(r"\s*[\r\n]+\s*", " ", text).strip()


def feedback_subject(finding_id: str, title: str) -> str:
    return f"Réaction au constat «{NBSP}{_one_line(title)}{NBSP}» ({finding_id})"


# The consent question that ends every prepared message: the resident keeps one word. The import
# (feedback_import.py, mail_import.py) reads the answer with consent_answer(): only a clear « oui »
# allows an anonymised extract to be published; anything else (both words, none, no line) is « non ».
CONSENT_QUESTION = f"J’accepte qu’un extrait anonyme de mon message soit publié{NBSP}: oui / non"
CONSENT_HINT = "(gardez « oui » ou « non »)"
_CONSENT_LINE = re.compile(r"^\W*j['’]accepte qu['’]un extrait anonyme de mon message soit publi[ée]\s*:(.*)$",
                           re.IGNORECASE | re.MULTILINE)
_WORDS = re.compile(r"[a-zA-Zàâçéèêëîïôûùüÿœæ]+", re.IGNORECASE)


def consent_answer(text: str) -> bool | None:
    """The answer to CONSENT_QUESTION in a message: True for « oui » alone, False for « non » alone or
    both words, None when the question is not there (the caller counts it as « non »)."""
    found = _CONSENT_LINE.findall(text or "")
    if not found:
        return None
    words = {word.lower() for word in _WORDS.findall(found[-1].replace(CONSENT_HINT, ""))}
    return words == {"oui"}


def feedback_body(finding_id: str, title: str, url: str) -> str:
    """The start of the message: what it reacts to, room for the reaction, then the consent question."""
    lines = [
        f"Constat{NBSP}: {_one_line(title)}",
        f"Identifiant{NBSP}: {finding_id}",
        f"Page{NBSP}: {url}",
        "",
        f"Votre réaction{NBSP}:",
        "",
        "",
        "",
        f"{CONSENT_QUESTION} {CONSENT_HINT}",
        "",
    ]
    return CRLF.join(lines)


def mailto_href(email: str, subject: str, body: str) -> str:
    """`mailto:` URI per RFC 6068: UTF-8 percent-encoding, spaces as %20 (never +)."""
    address = quote(email.strip(), safe=_ADDRESS_SAFE)
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def template_href(template: str, finding_id: str, title: str, url: str) -> str:
    """The template with each placeholder replaced by its value, encoded as a query component."""
    values = {"id": finding_id, "title": _one_line(title), "url": url}
    return _PLACEHOLDER.sub(lambda found: quote(values[found.group(1)], safe=""), template)


def feedback_href(backend: str, email: str, finding_id: str, title: str, url: str) -> str:
    """The feedback link of a finding; `url` is its absolute URL with its #anchor."""
    if backend == MAILTO:
        return mailto_href(email, feedback_subject(finding_id, title), feedback_body(finding_id, title, url))
    return template_href(backend, finding_id, title, url)


def absolute_url(public_siteurl: str, url: str) -> str:
    """A site-relative URL (`diagnostic/x/#id`, `/diagnostic/x/#id`) made absolute."""
    if re.match(r"https?://", url):
        return url
    return f"{public_siteurl.rstrip('/')}/{url.lstrip('/')}"


def site_feedback_href(settings: dict) -> Callable[[str, str, str], str]:
    """feedback_href bound to the site settings: (finding_id, title, url) → href."""
    backend = settings.get("FEEDBACK_BACKEND", DEFAULT_BACKEND)
    email = settings.get("CONTACT_EMAIL") or ""
    public = settings.get("PUBLIC_SITEURL") or ""

    def href(finding_id: str, title: str, url: str) -> str:
        return feedback_href(backend, email, finding_id, title, absolute_url(public, url))

    return href


class _PercentEncoding(dict):
    """A str.translate table that gives `quote(text, safe="")`: each character outside RFC 3986's
    unreserved ones as the %XX of its UTF-8 bytes. One pass in C over the text, where quote()
    loops in Python over its bytes; filled as characters are met."""

    UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")

    def __missing__(self, codepoint: int) -> str:
        character = chr(codepoint)
        encoded = character if character in self.UNRESERVED else "".join(
            f"%{byte:02X}" for byte in character.encode("utf-8"))
        self[codepoint] = encoded
        return encoded


_PERCENT = _PercentEncoding()


def quote_component(text: str) -> str:
    """`quote(text, safe="")`, faster (thousands of links a build)."""
    return text.translate(_PERCENT)


def finding_feedback(settings: dict) -> Callable[[str, str, str], tuple[str, tuple[str, str] | None]]:
    """(finding_id, title, site-relative url) → (href, message) for the thousands of findings of a
    build: the feedback link (feedback_href, byte for byte) and the (subject, body) of the prepared
    e-mail, shown as text beside the button for those without a mail client (None when
    FEEDBACK_BACKEND is a form). What is the same for every finding is encoded once (the address,
    the end of the message: percent-encoding goes character by character)."""
    backend = settings.get("FEEDBACK_BACKEND", DEFAULT_BACKEND)
    public = settings.get("PUBLIC_SITEURL") or ""
    if backend != MAILTO:
        return lambda finding_id, title, url: (template_href(backend, finding_id, title, absolute_url(public, url)),
                                               None)
    start = f"mailto:{quote((settings.get('CONTACT_EMAIL') or '').strip(), safe=_ADDRESS_SAFE)}?subject="
    sample = feedback_body("", "", "")
    end = sample[sample.index(CRLF, sample.index(f"Page{NBSP}: ")):]  # after the address line
    encoded_end = quote(end, safe="")

    def feedback(finding_id: str, title: str, url: str) -> tuple[str, tuple[str, str]]:
        url = absolute_url(public, url)
        subject, body = feedback_subject(finding_id, title), feedback_body(finding_id, title, url)
        encoded_body = quote_component(body[:-len(end)]) + encoded_end  # body ends with `end` (feedback_body)
        return f"{start}{quote_component(subject)}&body={encoded_body}", (subject, body)

    return feedback
