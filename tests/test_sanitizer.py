"""The one allowlist of HTML made from communicator text (plugins/strict_content/sanitizer.py).

Markdown still lets a communicator write attributes ({: … } of attr_list, `attrs:` of pymdownx
blocks) and any URL; whatever is typed, the HTML that reaches a page holds only the allowlist:
no event handler, no style, no scheme but https, http, mailto, tel or relative, and nothing the
browser would fetch from another site. What the engine itself emits is kept byte for byte.
"""

from __future__ import annotations

import copy
import re

from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown import Markdown

from core.engine_settings import MARKDOWN
from plugins.strict_content.raw_html import NoRawHtmlExtension
from plugins.strict_content.sanitizer import (
    ALLOWED_TAGS, GENERIC_ATTRIBUTES, TAG_ATTRIBUTES, URL_SCHEMES, clean, refused_urls)

from hostile_text import MARKDOWN_ATTACKS, examples, hostile_text


def markdown_html(text: str) -> str:
    """What the strict reader gives the sanitiser: the engine's Markdown settings, raw HTML as text."""
    configs = copy.deepcopy(MARKDOWN["extension_configs"])
    md = Markdown(extensions=[*configs, NoRawHtmlExtension()], extension_configs=configs, output_format="html5")
    return md.convert(text)


def assert_inert(html: str) -> None:
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        assert tag.name in ALLOWED_TAGS, tag
        for name, value in tag.attrs.items():
            assert name in GENERIC_ATTRIBUTES or name in TAG_ATTRIBUTES.get(tag.name, {}), (tag.name, name)
            assert not name.startswith("on") and name != "style"
            if name in {"href", "src"}:
                # As a browser reads it (WHATWG URL): outer C0 controls and spaces trimmed, tabs and newlines dropped.
                compact = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21))))).lower()
                match = re.match(r"([a-z][a-z0-9+.-]*):", compact)
                scheme = match.group(1) if match else None
                assert scheme is None or scheme in URL_SCHEMES, value
                if name == "src":
                    assert scheme is None and not compact.startswith("//"), value


def test_every_allowed_tag_and_attribute_has_its_reason():
    for reasons in (ALLOWED_TAGS, GENERIC_ATTRIBUTES, *TAG_ATTRIBUTES.values()):
        assert all(isinstance(reason, str) and reason.strip() for reason in reasons.values())
    assert "style" not in GENERIC_ATTRIBUTES and not any("style" in names for names in TAG_ATTRIBUTES.values())
    assert URL_SCHEMES == {"https", "http", "mailto", "tel"}


ENGINE_MARKDOWN = """## Titre {: #ancre .todo }

Texte[^1] avec *HTML* et <https://exemple.org>, [courriel](mailto:a@exemple.org), [téléphone](tel:+33492000000),
[article]({filename}/articles/a.md) et ![Photo]({static}/images/a.jpg "Titre").

| a | b |
|:--|--:|
| 1 | 2 |

/// note | Titre
Contenu
///

Terme
:   Définition

*[HTML]: HyperText Markup Language

À faire.
{: .todo }

```python
x = 1
```

[^1]: Une note.
"""


def test_what_the_engine_emits_is_kept():
    html = markdown_html(ENGINE_MARKDOWN)
    cleaned = clean(html)
    assert refused_urls(html) == []
    soup, kept = BeautifulSoup(html, "html.parser"), BeautifulSoup(cleaned, "html.parser")
    assert soup.get_text() == kept.get_text()
    for before, after in zip(soup.find_all(True), kept.find_all(True), strict=True):
        assert before.name == after.name
        expected = dict(before.attrs)
        if "style" in expected:  # table alignment: a class, since the CSP refuses style attributes
            expected = {"class": [f"aligne-{expected.pop('style').split(':')[1].strip(' ;')}"]}
        assert after.attrs == expected
    section = '<section aria-labelledby="x-titre" class="constat" id="x"><div data-constat="x" ' \
              'data-constat-slot="head"></div></section>'
    assert clean(section) == section


def test_hostile_markdown_comes_out_inert_and_refused_urls_are_named():
    text = ('![Photo](data:,){: onerror="alert(1)" }\n\n[x](javascript:alert(1)) [y](vbscript:x)\n\n'
            'Texte\n{: style="background:url(https://x.example/p.png)" onclick="x" }\n\n'
            '![p](https://x.example/pixel.png)\n\n/// note | T\n    attrs: {onmouseover: "alert(1)"}\nX\n///\n')
    html = markdown_html(text)
    assert "onerror" in html and "onmouseover" in html  # what Markdown alone lets through
    cleaned = clean(html)
    assert_inert(cleaned)
    for attack in ("onerror", "onclick", "onmouseover", "javascript", "vbscript", "data:", "x.example", "style"):
        assert attack not in cleaned
    assert refused_urls(html) == [
        ("scheme", "data:,"), ("scheme", "javascript:alert(1)"), ("scheme", "vbscript:x"),
        ("remote", "https://x.example/p.png"), ("remote", "https://x.example/pixel.png")]


@settings(max_examples=examples(300), deadline=None)
@given(hostile_text(pieces=MARKDOWN_ATTACKS, max_pieces=14, newlines=True))
@example('![Photo](data:,){: onerror="alert(1)" }')
@example("[x](JaVa\tScRiPt:alert(1))")
@example('Texte\n{: style="background:url(//x.example/a.png)" onclick=alert(1) }')
def test_whatever_is_typed_the_sanitised_html_holds_only_the_allowlist(text):
    cleaned = clean(markdown_html(text))
    assert_inert(cleaned)
    assert clean(cleaned) == cleaned  # stable: cleaning twice changes nothing


def parsed_refusals(html: str) -> list[tuple[str, str]]:
    """refused_urls as HTMLParser sees the document, the slower way it takes for HTML that Markdown's
    serializer did not write."""
    from plugins.strict_content.sanitizer import _Finder

    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.refused


@settings(max_examples=examples(300), deadline=None)
@given(hostile_text(pieces=MARKDOWN_ATTACKS, max_pieces=14, newlines=True))
@example('![Photo](data:,){: onerror="alert(1)" }\n\n[x](JaVa&#58;script:alert(1))')
@example('Texte\n{: style="background:url(//x.example/a.png)" SRC="https://x.example/b.png" }')
@example("/// details | Plus\n    open: true\nTexte [lien](javascript&colon;x)\n///")
def test_markdown_output_gives_the_same_refusals_as_an_html_parser(text):
    html = markdown_html(text)
    assert refused_urls(html) == parsed_refusals(html)


TAG_PIECES = ['<a href="javascript&#58;x">', '<A HREF="JavaScript:x">', '<img src="//x.example/p.png" />',
              "<img src='https://x.example/q.png'>", "<img src=https://x.example/r.png>", '<p style="a:url(//x/y)">',
              '<div title="a > b" data-x="1">', "<!-- <img src=\"//x/c\"> -->", "<script>var a = '<img src=\"//x/d\">'</script>",
              "<style>p{background:url(//x/e)}</style>", "<details open>", '<source srcset="//x/f 1x, /g.png 2x">',
              '<a href="&#106;avascript:y">', "texte < et > &amp; ", "</p>", "<br>", "<![CDATA[<img src=//x/h>]]>",
              '<a href="x" title=\'t\'>', "<textarea><img src=\"//x/i\"></textarea>", '<![CDATA[<a href="javascript:z">]]>', "<p/>", "< p>", "<a\nhref=\"tel:1\">"]


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(st.sampled_from(TAG_PIECES), max_size=12))
@example(['<a href="javascript&#58;x">', "<!-- x -->"])
@example(["<!-- <img src=\"//x/c\"> -->"])
@example(['<img src="//x.example/p.png" />', '<p style="a:url(//x/y)">'])
def test_any_html_gives_the_same_refusals_as_an_html_parser(pieces):
    html = "".join(pieces)
    assert refused_urls(html) == parsed_refusals(html)


# Characters Python's regular expressions take for whitespace and HTML does not (vertical tab,
# information separators, NEL, no-break space, Unicode spaces): a browser, and HTMLParser after a
# tag's name, read them as part of the name.
NOT_HTML_SPACES = ["\x0b", "\x1c", "\x1f", "\x85", "\xa0", "\u2028", "\u3000"]


@given(st.sampled_from(NOT_HTML_SPACES), st.sampled_from(['a href="javascript:x"', 'img src="//x.example/p.png"',
                                                          'p style="a:url(//x/y)"', 'img title="t" src="//x/z"']))
@example("\xa0", 'a href="javascript:x"')
def test_a_tag_with_a_space_html_does_not_know_gives_the_same_refusals_as_an_html_parser(space, tag):
    name, rest = tag.split(" ", 1)
    html = f"<p>Texte</p><{name}{space}{rest}>lien</{name}>"
    assert refused_urls(html) == parsed_refusals(html)
    spaced = f"<p>Texte</p><{tag.replace(' ', space)}>lien</{name}>"
    assert refused_urls(spaced) == parsed_refusals(spaced)


def test_a_refused_url_written_with_references_or_tabs_is_located_at_its_line_and_column():
    from core.problems import ProblemError
    from plugins.strict_content.sanitizer import sanitize_read

    source = ("Un texte.\n\n[x](&#106;avascript:alert(1)) et [y](java\tscript:y)\n\n"
              "![photo](&#47;/x.example/p.png)\n\nTexte\n{: style=\"a\" data=\"&#118;bscript:z\" }\n")
    try:
        sanitize_read("content/pages/p.md", source, markdown_html(source), {})
    except ProblemError as error:
        located = [(problem.line, problem.col, problem.message.split(" : ")[0]) for problem in error.problems]
    else:
        raise AssertionError("refused URLs were accepted")
    assert located == [
        (3, 5, "adresse refusée"),
        (3, 38, "adresse refusée"),
        (5, 10, "ressource d'un autre site refusée"),
        (8, 20, "adresse refusée"),
    ]
