"""Hypothesis strategies: text a communicator (or a pasted e-mail) can put in any field.

Random printable characters from the whole of Unicode, mixed with the pieces that break
escaping when a layer forgets its job: markup, quotes, entities, CDATA ends, RTL marks,
French punctuation that the typography rules move spaces around.
"""

from __future__ import annotations

import os

from hypothesis import strategies as st

HOSTILE_PIECES = [
    "<script>alert(1)</script>", "</script>", "<b>", "</title>", "<!--", "-->", "]]>", "<![CDATA[",
    '"', "'", "&", "&amp;", "&lt;", "&#34;", "&nbsp;", "\\", "\\n", "{{ x }}", "{% raw %}", "${x}",
    "\u200f", "\u200e", "\u202e", "\u2066", "\u2069", "\ufeff", "\u00a0", "\u202f",
    " ; ", " : ", " ! ", " ? ", "« ", " »", "l'", "’", "…", ",", ";", ":", "=", "%", "#", "@",
    "é", "É", "œ", "ß", "ﬁ", "e\u0301", "😀", "𝔘", "中文", "עברית", "العربية",
]

# Every category except controls, surrogates, private use, unassigned, and the line and
# paragraph separators (U+2028/2029 are line breaks for YAML, iCalendar folding tests them apart).
_PRINTABLE = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))


def hostile_text(*, pieces: list[str] = HOSTILE_PIECES, alphabet=_PRINTABLE, max_pieces: int = 8,
                 newlines: bool = False) -> st.SearchStrategy[str]:
    """One line (or several, with newlines=True) of hostile text, never blank, never
    starting or ending with whitespace (every reader trims values)."""
    parts = st.one_of(st.sampled_from(pieces + (["\n"] if newlines else [])), st.text(alphabet, min_size=1, max_size=6))
    return (st.lists(parts, min_size=1, max_size=max_pieces).map("".join)
            .map(str.strip).filter(lambda text: text != "" and text == text.strip()))


def examples(count: int) -> int:
    """How many examples a property test tries: `count`, times HYPOTHESIS_SCALE (e.g. 20 for a
    long exploration with HYPOTHESIS_PROFILE=explore)."""
    return count * int(os.environ.get("HYPOTHESIS_SCALE", "1"))


# Pieces of Markdown that try to put script or a third-party request on a page (the sanitiser,
# plugins/strict_content/sanitizer.py): attr_list attributes, pymdownx `attrs:`, dangerous schemes.
MARKDOWN_ATTACKS = [
    '{: onerror="alert(1)" }', "{: onclick=alert(1) }", '{: style="background:url(//x.example/a.png)" }',
    '{: srcset="https://x.example/a.png 2x" }', '{: href="javascript:alert(1)" }', "{: .todo #ancre }",
    "](javascript:alert(1))", "](JaVa\tScRiPt:alert(1))", "](data:text/html,x)", "](vbscript:x)",
    "![x](https://x.example/p.png)", "![x](data:,)", "[x](", "![", "\n\n", "\n", "    attrs: {onclick: x}",
    "/// note | T\n", "\n///\n", "<img src=x onerror=alert(1)>", "<a href='javascript:x'>", "*", "_", "`",
    "| a |\n|:--|\n| b |", "[^1]", "\n[^1]: n", "&#x6A;avascript:", "<https://exemple.org>", "<mailto:a@b.fr>",
] + HOSTILE_PIECES
