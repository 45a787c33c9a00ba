"""Fuzzing (hypothesis): whatever a communicator's file or setting holds, the outcome is a value
or French problems that name the file and the line, never another exception.

Inputs are mutations of the tests' site's files (a span cut, a line duplicated, a YAML or Markdown
token, a hostile piece of text inserted, a byte flipped…), plus arbitrary text and bytes.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from pelican.settings import read_settings

from core.problems import Problem
from plugins import consultation, findings, strategy, timeline
from plugins.consultation.feedback import _one_line as one_line
from plugins.consultation.feedback import (
    feedback_body,
    feedback_href,
    feedback_subject,
    mailto_href,
    template_href,
)
from plugins.consultation.feedback_settings import check_feedback_settings
from plugins.findings.block import FindingExtension
from plugins.findings.scan import scan
from plugins.site_data.registry import DATA_FILES, load_file
from plugins.strict_content.raw_html import NoRawHtmlExtension

from conftest import OFFICE_SITE, SiteCopy
from hostile_text import HOSTILE_PIECES, examples, hostile_text

YAML_TOKENS = [":", ": ", "- ", "  ", "\t", "[", "]", "{", "}", ",", "&a ", "*a", "!!python/object:os.system ",
               "'", '"', "#", "|", ">-", "? ", "%YAML 1.1\n", "---\n", "...\n", "\n", "\r\n", "\r", "NO", "1.10",
               "2016-13-01", "2016-02-30", "~", "null", "0x1F", "1e3", "<<: ", "\x00", "\x1b", "\u2028", "\ufeff"]
MARKDOWN_TOKENS = ["/// constat | ", "/// constat", "///", "\n///\n", "    id: ", "    theme: ", "    id: x",
                   "    theme: conjoncture", "    couleur: rouge", "    id: [a]", "    id: 12", "    id: a b",
                   "    id: ../x", "/// admonition | Note", "\n\n", "\n", "    ", "\t", "Title: ", "Date: ",
                   "Summary: ", "Status: draft", "```\n", "[x]({filename}/absent.md)", "{filename}", "{static}",
                   "\\", "*", "_", "#", "<div>", "\x00", "\u2028"]
# Whole-file problems, which have no line to give.
WHOLE_FILE = ("fichier trop volumineux", "imbrication trop profonde")
_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"")
ENGLISH = re.compile(r"\b(expected|found|while|could not|cannot|mapping|scanner|parser|error|exception|"
                     r"Traceback|unexpected|invalid literal|NoneType|object)\b", re.I)

for plugin in (timeline, findings, strategy, consultation):
    plugin.register()  # declares the data files (DATA_FILES); receivers connect once

DATA_SAMPLES = {
    "phases": (OFFICE_SITE / "data" / "phases.yml").read_text(encoding="utf-8"),
    "projects": (OFFICE_SITE / "data" / "projects.yml").read_text(encoding="utf-8"),
    "themes": (OFFICE_SITE / "data" / "themes.yml").read_text(encoding="utf-8"),
    "outcomes": ("- finding: marque-partagee\n  you_said: |\n    Une marque commune, oui.\n\n    Et les pros.\n"
                 "  we_did: La réflexion commence en juin 2016.\n"),
    "feedback": ('finding: "marque-partagee"\ncount: 2\nexcerpts:\n  - date: 2016-03-15\n'
                 '    text: "Enfin une seule marque !"\n    relu: oui\n    cle: "0123456789abcdef"\n'),
}
ARTICLE = (OFFICE_SITE / "content" / "articles" / "etat-des-lieux" / "un-contexte-exigeant.md").read_text(
    encoding="utf-8")
# feedback files are named after their finding
FILE_NAMES = {name: f"{name}.yml" for name in DATA_SAMPLES} | {"feedback": "marque-partagee.yml"}
THEMES = {"conjoncture", "gouvernance", "reseau", "ambition"}


@st.composite
def mutated(draw, text: str, tokens: list[str]) -> str:
    """The text with a few random edits."""
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["insert", "cut", "duplicate-line", "replace"]))
        if edit == "insert":
            piece = draw(st.one_of(st.sampled_from(tokens + HOSTILE_PIECES), hostile_text(max_pieces=2)))
            text = text[:at] + piece + text[at:]
        elif edit == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif edit == "duplicate-line":
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end + 1
            text = text[:end] + text[start:end] + text[end:]
        else:
            text = text[:at] + draw(st.sampled_from(tokens)) + text[at + 1:]
    return text


def assert_located_and_french(problems: list[Problem], path: str) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.path == path, problem
        assert problem.line is not None or problem.message.startswith(WHOLE_FILE), problem
        assert problem.line is None or problem.line >= 1
        assert problem.message and ENGLISH.search(_QUOTED.sub("", problem.message)) is None, problem


# -- the data loader ----------------------------------------------------------------------------

def data_inputs(name: str):
    text = DATA_SAMPLES[name]
    as_text = st.one_of(mutated(text, YAML_TOKENS), hostile_text(pieces=YAML_TOKENS + HOSTILE_PIECES, newlines=True))
    return st.one_of(as_text.map(lambda value: value.encode("utf-8")),
                     as_text.map(lambda value: value.encode("utf-8", "surrogatepass")[:-1] + b"\xff"),
                     st.binary(max_size=200))


@settings(max_examples=examples(60))
@given(st.sampled_from(sorted(DATA_SAMPLES)).flatmap(lambda name: st.tuples(st.just(name), data_inputs(name))))
def test_data_loader_gives_a_value_or_located_french_problems(case):
    name, raw = case
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / FILE_NAMES[name])
        Path(path).write_bytes(raw)
        value, problems = load_file(path, DATA_FILES[name], 1_000_000)
    assert_located_and_french(problems, path)


@pytest.mark.parametrize("name", sorted(DATA_SAMPLES))
def test_data_samples_are_valid(name):
    """The mutations start from valid files: the fuzzing explores around a file that loads."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / FILE_NAMES[name]
        path.write_text(DATA_SAMPLES[name], encoding="utf-8")
        value, problems = load_file(str(path), DATA_FILES[name], 1_000_000)
    assert problems == []


# -- the `constat` block: scanner and renderer agree ---------------------------------------------

MARKDOWN = read_settings(str(OFFICE_SITE / "pelicanconf.py"))["MARKDOWN"]


def render(text: str) -> BeautifulSoup:
    """As the site's reader renders it: the settings' extensions, findings, no raw HTML."""
    md = markdown.Markdown(extensions=[*MARKDOWN["extension_configs"], FindingExtension(), NoRawHtmlExtension()],
                           extension_configs=MARKDOWN["extension_configs"], output_format=MARKDOWN["output_format"])
    return BeautifulSoup(md.convert(text), "html.parser")


@settings(max_examples=examples(150))
@given(mutated(ARTICLE, MARKDOWN_TOKENS))
def test_finding_scanner_and_renderer_agree(text):
    """Either located French problems, or exactly the findings the scanner saw become sections."""
    sources, problems = scan("article.md", text, THEMES)
    assert_located_and_french(problems, "article.md")
    if not problems:
        sections = render(text).find_all("section", class_="constat")
        assert [section["id"] for section in sections] == [source.id for source in sources]


def test_scanner_reads_the_sites_article():
    sources, problems = scan("article.md", ARTICLE, THEMES)
    assert (problems, [source.id for source in sources]) == (
        [], ["economie-difficile", "fonds-publics-rares", "consommation-changeante", "destinations-rivales"])


# -- whole builds: a mutated article or data file ----------------------------------------------

@settings(max_examples=examples(10))
@given(st.one_of(
    mutated(ARTICLE, MARKDOWN_TOKENS).map(
        lambda text: ("content/articles/etat-des-lieux/un-contexte-exigeant.md", text)),
    mutated(DATA_SAMPLES["phases"], YAML_TOKENS).map(lambda text: ("data/phases.yml", text)),
    mutated(DATA_SAMPLES["projects"], YAML_TOKENS).map(lambda text: ("data/projects.yml", text)),
))
def test_build_succeeds_or_names_file_and_line(case):
    relative, text = case
    with tempfile.TemporaryDirectory() as folder:
        site = SiteCopy(Path(folder))
        site.write(relative, text)
        result = site.build()
        for problem in result.problems:
            assert problem.path.startswith(folder), problem
            assert problem.line is not None or problem.message.startswith(WHOLE_FILE), problem
            assert ENGLISH.search(_QUOTED.sub("", problem.message)) is None, problem
        assert result.ok == (result.problems == [])
        assert Path(result.output, "index.html").exists() == result.ok  # nothing half-written


# -- feedback links ----------------------------------------------------------------------------

ANY_SETTING = st.one_of(st.none(), st.integers(), st.lists(st.text(max_size=3), max_size=2), st.text(max_size=40),
                        hostile_text(pieces=HOSTILE_PIECES + ["https://", "{id}", "{title}", "{url}", "{", "}",
                                                              "mailto", "mailto:", "?", "#", "/", " "]))


@given(backend=ANY_SETTING, email=ANY_SETTING)
def test_feedback_settings_give_problems_never_exceptions(backend, email):
    problems = check_feedback_settings({"FEEDBACK_BACKEND": backend, "CONTACT_EMAIL": email})
    for problem in problems:
        assert problem.path == "pelicanconf.py" and problem.message.startswith("réglage FEEDBACK_BACKEND : ")
        assert (problem.line, problem.setting) == (None, "FEEDBACK_BACKEND")  # the build locates it
        assert ENGLISH.search(_QUOTED.sub("", problem.message)) is None, problem


FINDING_ID = st.from_regex(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", fullmatch=True)
URL = st.builds(lambda path: f"https://www.example.org/{path}", st.text(max_size=20))


@given(template=hostile_text(pieces=HOSTILE_PIECES + ["https://f.example.org/", "{id}", "{title}", "{url}", "{", "}",
                                                     "?a=", "&b=", "#", " "]),
       finding_id=FINDING_ID, title=hostile_text(newlines=True), url=URL)
def test_accepted_templates_get_each_value_encoded_in_its_place(template, finding_id, title, url):
    """Around the placeholders the template is kept; in their place, each value percent-encoded
    (only unreserved characters and %XX), which decodes back to the value (the title on one line)."""
    if check_feedback_settings({"FEEDBACK_BACKEND": template}):
        return
    href = template_href(template, finding_id, title, url)
    parts = re.split(r"\{(id|title|url)\}", template)  # literal, name, literal, name, …
    pattern = "".join(re.escape(part) if index % 2 == 0 else "([A-Za-z0-9_.~%-]*)" for index, part in enumerate(parts))
    found = re.fullmatch(pattern, href)
    assert found is not None, (template, href)
    expected = {"id": finding_id, "title": one_line(title), "url": url}
    assert [unquote(value) for value in found.groups()] == [expected[name] for name in parts[1::2]]
    assert "\n" not in one_line(title) and one_line(title).split() == title.split()


@given(email=st.emails(), finding_id=FINDING_ID, title=hostile_text(newlines=True), url=URL)
def test_mailto_links_decode_to_the_message(email, finding_id, title, url):
    href = feedback_href("mailto", email, finding_id, title, url)
    assert re.fullmatch(r"[!#-~]+", href), href  # RFC 6068: ASCII without spaces; the rest is %-encoded
    parts = urlsplit(href)
    assert (parts.scheme, unquote(parts.path)) == ("mailto", email)
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert query == {"subject": [feedback_subject(finding_id, title)], "body": [feedback_body(finding_id, title, url)]}
    assert "\n" not in query["subject"][0]
    assert href == mailto_href(email, query["subject"][0], query["body"][0])
