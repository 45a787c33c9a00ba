"""Property (hypothesis): whatever a communicator types in a text field comes out as that text,
in every format the site publishes.

One example = one strict build of the tests' site (published settings: feeds, absolute URLs) in
which arbitrary text (tags, quotes, entities, `]]>`, RTL marks, newlines where a field allows
them…) is written into: an article title and summary, a finding title, a phase title and
summary, a project title and summary, a feedback excerpt imported from CSV, and the site name.
Each value is then read back, parsed, from the HTML pages, the JSON and CSV open data, the
iCalendar file, the Atom feed, the embed page and the oEmbed response, and must be exactly:
- the value with French typography (fix_text: the rules only move spaces and swap quote marks),
  whether it is written in Markdown files (titles and summaries), in data files (YAML, the
  excerpts imported from CSV) or in the settings (the site name);
- in the CSV files, that text neutralised against formulas (a leading `'` when it starts with
  `=`, `+`, `-`, `@`, tab or CR: core.open_data.neutralise_formula), while the JSON keeps it exact.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from core.open_data import neutralise_formula
from plugins.consultation.feedback_import import clean_message, import_feedback
from plugins.privacy.personal_data import scrub
from plugins.french_typography.typography import fix_text

from conftest import FIXED_EPOCH, SiteCopy, accept_all_excerpts
from hostile_text import HOSTILE_PIECES, examples, hostile_text

ARTICLE = "content/articles/etat-des-lieux/un-contexte-exigeant.md"
ARTICLE_PAGE = "etat-des-lieux/un-contexte-exigeant/index.html"
FINDING = "economie-difficile"
PHASE = "identite"  # the last phase: one-line YAML summary, shown everywhere phases are
PROJECT = "marque-territoriale"
ATOM = "{http://www.w3.org/2005/Atom}"

# Markdown gives meaning to a few characters (emphasis, links, entities, escapes): the summary
# gets text without them, so that its exact rendering is the text itself. Raw HTML is text.
_MARKDOWN_SYNTAX = set("\\`*_[]<>&!#~|{}")
_MARKDOWN_SAFE_PIECES = [piece for piece in HOSTILE_PIECES if not (set(piece) & (_MARKDOWN_SYNTAX - set("<>&!")))
                         and "&" not in piece] + ["<script>alert(1)</script>", "</title>", "<b>", "& "]
_MARKDOWN_SAFE = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"),
                               exclude_characters="".join(_MARKDOWN_SYNTAX))

# At most 4 pieces: titles stay under the schemas' length limits (120 characters).
LINE = hostile_text(max_pieces=4)
LINES = hostile_text(max_pieces=4, newlines=True)
# Some texts start with what a spreadsheet reads as a formula (the CSV side neutralises them).
FORMULA_LINE = st.one_of(LINE, st.tuples(st.sampled_from(["=", "+", "-", "@"]), LINE).map("".join))
FORMULA_LINES = st.one_of(LINES, st.tuples(st.sampled_from(["=", "+", "-", "@"]), LINES).map("".join))
FIELDS = st.fixed_dictionaries({
    "article_title": LINE,
    # « Texte » first: a summary never starts like a list, a heading or a quote.
    "article_summary": hostile_text(pieces=_MARKDOWN_SAFE_PIECES, alphabet=_MARKDOWN_SAFE, max_pieces=4)
    .map(lambda text: f"Texte {text}"),
    "finding_title": FORMULA_LINE,
    "phase_title": LINE,
    "phase_summary": LINES,
    "project_title": FORMULA_LINE,
    "project_summary": FORMULA_LINES,
    "excerpt": LINES,
    "sitename": LINE,
})
# Explicit examples: all the pieces, in two halves (a title has at most 120 characters).
HALVES = ["".join(HOSTILE_PIECES[:22]), "".join(HOSTILE_PIECES[22:])]
# Spreadsheet formulas (OWASP CSV injection), one per start a spreadsheet runs.
FORMULAS = ['=HYPERLINK("https://x.example","clic")', "@SUM(1+1)", "+33 4 92", "-2+3"]


def all_fields(text: str) -> dict:
    line = text.replace("\n", " ")
    return {"article_title": line.replace("\\n", ""), "finding_title": line, "phase_title": line, "project_title": line,
            "article_summary": "Texte " + "".join(p for p in _MARKDOWN_SAFE_PIECES if p in text),
            "phase_summary": text + "\nligne 2", "project_summary": text + "\nligne 2",
            "excerpt": text + "\nligne 2", "sitename": line}


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar: JSON's escapes are YAML's."""
    return json.dumps(text, ensure_ascii=False)


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def write_fields(site: SiteCopy, fields: dict) -> None:
    article = site.base / ARTICLE
    replace_once(article, "Title: Un contexte qui appelle une nouvelle feuille de route",
                 f"Title: {fields['article_title']}")
    text = article.read_text(encoding="utf-8")
    summary_line = next(line for line in text.splitlines() if line.startswith("Summary: "))
    replace_once(article, summary_line, f"Summary: {fields['article_summary']}")
    replace_once(article, "/// constat | Un contexte économique difficile", f"/// constat | {fields['finding_title']}")
    phases = site.base / "data" / "phases.yml"
    replace_once(phases, "  title: Marque de destination", f"  title: {yaml_string(fields['phase_title'])}")
    replace_once(phases, "  summary: Réflexion autour de la marque de destination.",
                 f"  summary: {yaml_string(fields['phase_summary'])}")
    projects = site.base / "data" / "projects.yml"
    replace_once(projects, "  title: Une marque de destination cohérente", f"  title: {yaml_string(fields['project_title'])}")
    text = projects.read_text(encoding="utf-8")
    start = text.index("  summary: >-", text.index(f"- id: {PROJECT}"))
    end = text.index("\n\n", start)
    projects.write_text(text[:start] + f"  summary: {yaml_string(fields['project_summary'])}" + text[end:],
                        encoding="utf-8")
    export = io.StringIO()
    csv.writer(export, delimiter=";").writerows([["constat", "date", "message", "publication"],
                                                 [FINDING, "2016-03-15", fields["excerpt"], "oui"]])
    (site.base / "reactions.csv").write_text(export.getvalue(), encoding="utf-8")
    problems = import_feedback(str(site.base / "reactions.csv"), {FINDING}, str(site.base / "data" / "feedback"))
    assert problems == []
    accept_all_excerpts(site.base / "data" / "feedback")


# -- reading the outputs back -------------------------------------------------------------------

def soup(output: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((output / page).read_text(encoding="utf-8"), "html.parser")


def texts(output: Path, page: str) -> list[str]:
    return [str(text) for text in soup(output, page).find_all(string=True)]


def html_text(fragment: str) -> str:
    return BeautifulSoup(fragment, "html.parser").get_text()


def by_id(records: list[dict], key: str, value: str) -> dict:
    [record] = [record for record in records if record[key] == value]
    return record


def csv_row(output: Path, name: str, value: str) -> dict:
    rows = list(csv.DictReader(io.StringIO((output / "donnees" / name).read_text(encoding="utf-8"), newline="")))
    return by_id(rows, "id", value)


def outputs(output: Path, fields: dict) -> list[tuple[str, str, object]]:
    """(where, expected, found) for every place a field is published."""
    article_title, finding_title = fix_text(fields["article_title"]), fix_text(fields["finding_title"])
    summary = fix_text(fields["article_summary"])
    phase_title, phase_summary = fix_text(fields["phase_title"]), fix_text(fields["phase_summary"])
    project_title, project_summary = fix_text(fields["project_title"]), fix_text(fields["project_summary"])
    # The excerpt as the import keeps it, then in French typography as every text of data/*.yml.
    excerpt = fix_text(scrub(clean_message(fields["excerpt"]))[0])
    sitename = fix_text(fields["sitename"])

    article = soup(output, ARTICLE_PAGE)
    finding = article.find("section", id=FINDING)
    atom = ElementTree.parse(output / "feeds" / "all.atom.xml").getroot()
    [entry] = [entry for entry in atom.iter(f"{ATOM}entry")
               if entry.find(f"{ATOM}link").get("href").endswith("/un-contexte-exigeant/")]
    findings = json.loads((output / "donnees" / "constats.json").read_text(encoding="utf-8"))["constats"]
    phases = json.loads((output / "donnees" / "phases.json").read_text(encoding="utf-8"))["phases"]
    timelinejs = json.loads((output / "donnees" / "phases-timelinejs.json").read_text(encoding="utf-8"))
    [slide] = [event for event in timelinejs["events"] if event["unique_id"] == PHASE]
    projects = json.loads((output / "donnees" / "projets.json").read_text(encoding="utf-8"))["projets"]
    [event] = [event for event in Calendar.from_ical((output / "donnees" / "phases.ics").read_bytes()).walk("VEVENT")
               if str(event["UID"]).startswith(f"{PHASE}@") or str(event["UID"]).startswith(f"phase-{PHASE}")]
    oembed = json.loads((output / "oembed" / "chronologie.json").read_text(encoding="utf-8"))
    embed = soup(output, "embed/chronologie/index.html").find("li", id=f"phase-{PHASE}")
    return [
        ("article : <h1>", article_title, article.h1.get_text()),
        ("article : <title>", f"{article_title} – État des lieux – {sitename}", article.title.get_text()),
        ("article : constat <h2>", finding_title, finding.h2.get_text()),
        ("liste « État des lieux » : résumé", True, summary in texts(output, "etat-des-lieux/index.html")),
        ("Atom : titre de l'entrée", article_title, entry.find(f"{ATOM}title").text),
        ("Atom : résumé de l'entrée (HTML)", summary, html_text(entry.find(f"{ATOM}summary").text)),
        ("Atom : titre du flux", sitename, atom.find(f"{ATOM}title").text),
        ("constats.json : titre", finding_title, by_id(findings, "id", FINDING)["titre"]),
        ("constats.csv : titre", neutralise_formula(finding_title), csv_row(output, "constats.csv", FINDING)["titre"]),
        ("/constats/ : titre du constat", True, finding_title in texts(output, "constats/index.html")),
        ("/constats/reponses/ : extrait", True, excerpt in texts(output, "constats/reponses/index.html")),
        ("phases.json : titre", phase_title, by_id(phases, "id", PHASE)["titre"]),
        ("phases.json : résumé", phase_summary, by_id(phases, "id", PHASE)["resume"]),
        ("TimelineJS : titre (HTML)", phase_title, html_text(slide["text"]["headline"])),
        ("TimelineJS : résumé (HTML)", phase_summary, html_text(slide["text"]["text"])),
        ("phases.ics : SUMMARY", f"{sitename}\u00a0: {phase_title} (à partir de juin 2016)", str(event["SUMMARY"])),
        ("phases.ics : DESCRIPTION", True, str(event["DESCRIPTION"]).startswith(phase_summary)),
        ("/la-demarche/ : titre de phase", True, phase_title in texts(output, "la-demarche/index.html")),
        ("frise intégrable : titre", phase_title, embed.h2.get_text()),
        ("frise intégrable : résumé", phase_summary, embed.find("p", class_="summary").get_text()),
        ("projets.json : titre", project_title, by_id(projects, "id", PROJECT)["titre"]),
        ("projets.json : résumé", project_summary, by_id(projects, "id", PROJECT)["resume"]),
        ("projets.csv : titre", neutralise_formula(project_title), csv_row(output, "projets.csv", PROJECT)["titre"]),
        ("projets.csv : résumé", neutralise_formula(project_summary), csv_row(output, "projets.csv", PROJECT)["resume"]),
        ("/feuille-de-route/ : projet", True, project_title in texts(output, "feuille-de-route/index.html")),
        ("oEmbed : provider_name", sitename, oembed["provider_name"]),
        ("oEmbed : title", f"Les étapes de la démarche «\u202f{sitename}\u202f»", oembed["title"]),
        ("oEmbed : html (lien)", oembed["title"], BeautifulSoup(oembed["html"], "html.parser").blockquote.a.get_text()),
        ("oEmbed : html (iframe)", oembed["title"], BeautifulSoup(oembed["html"], "html.parser").iframe["title"]),
    ]


def build_with(fields: dict) -> Path:
    base = Path(tempfile.mkdtemp(prefix="lvas-escaping-"))
    try:
        site = SiteCopy(base)
        write_fields(site, fields)
        result = site.build("publishconf.py", SITENAME=fields["sitename"])
        assert result.ok, "\n".join(map(str, result.problems))
        return base
    except BaseException:
        shutil.rmtree(base, ignore_errors=True)
        raise


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)


@settings(max_examples=examples(12))
@given(FIELDS)
@example(all_fields(HALVES[0]))
@example(all_fields(HALVES[1]))
@example({**all_fields(HALVES[1]), "finding_title": FORMULAS[0], "project_title": FORMULAS[1],
          "project_summary": FORMULAS[3] + "\n" + FORMULAS[2]})
def test_every_text_field_comes_out_as_text_everywhere(fields):
    base = build_with(fields)
    try:
        wrong = [(where, expected, found) for where, expected, found in outputs(base / "output", fields)
                 if found != expected]
        assert wrong == []
    finally:
        shutil.rmtree(base, ignore_errors=True)
