"""French typography and grammar on every page: what the templates write, what the plugins write for
pages, what the office's data and the residents' excerpts become.

The site's convention is that of plugins/french_typography (what the communicators' Markdown gets):
a no-break space U+00A0 before « : », a narrow no-break space U+202F before ; ! ? and inside « »,
’ between letters, « 18 h 30 » joined by no-break spaces (U+00A0, as a number and its unit). The
office's name comes with its article from one setting (OFFICE_NAME_ARTICLE, plugins/office_settings)
through the filters of plugins/french_format: « à l’Office », « au Syndicat », « de la Maison ».
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment

from plugins.french_format.filters import a_le, de_le, plural_fr, split_article, upper_first
from plugins.office_settings.checks import check_office_article, office_name

NB, NN = "\u00a0", "\u202f"
TEMPLATES = Path(__file__).resolve().parent.parent / "theme" / "templates"

# Visible text only: not the inside of these (code is shown as written), not attributes, not comments.
NOT_PROSE = {"script", "style", "code", "pre", "kbd", "samp", "textarea", "template"}
LETTER = r"[^\W\d_]"
# (name, pattern): each match in a French text node is an offender.
RULES = [
    ("apostrophe droite", re.compile(rf"{LETTER}'{LETTER}")),
    ("espace avant « : » autre qu’insécable U+00A0", re.compile(rf"[ \t\r\n{NN}]+:(?=\s|$)")),
    ("espace avant ; ! ? autre que fine insécable U+202F", re.compile(rf"[ \t\r\n{NB}]+[;!?]")),
    ("espace avant » autre que fine insécable U+202F", re.compile(rf"[ \t\r\n{NB}]+»")),
    ("espace après « autre que fine insécable U+202F", re.compile(rf"«[ \t\r\n{NB}]+")),
    ("heure coupable", re.compile(rf"[0-9][ \t\r\n]+h(?!{LETTER})|[0-9][ \t\r\n{NB}{NN}]?h[ \t\r\n]+[0-9]{{2}}")),
    ("compte nul en chiffre", re.compile(rf"(?<![\w.,]){0}[ {NB}{NN}]+{LETTER}{{2,}}")),
]


def offenders_in(text: str, where: str) -> list[str]:
    found = []
    for name, pattern in RULES:
        for match in pattern.finditer(text):
            excerpt = text[max(0, match.start() - 25):match.end() + 10]
            found.append(f"{where} — {name} — {excerpt!r}")
    return found


def is_french(node) -> bool:
    for parent in node.parents:
        lang = parent.get("lang") if hasattr(parent, "get") else None
        if lang:
            return lang.lower().startswith("fr")
    return True


def page_offenders(html: str, where: str) -> list[str]:
    found = []
    for node in BeautifulSoup(html, "html.parser").find_all(string=True):
        if isinstance(node, Comment) or any(parent.name in NOT_PROSE for parent in node.parents):
            continue
        if is_french(node):
            found += offenders_in(str(node), where)
    return found


def test_every_page_of_the_site_is_in_french_typography(built_site):
    offenders = []
    for path in sorted(built_site.rglob("*.html")):
        offenders += page_offenders(path.read_text(encoding="utf-8"), path.relative_to(built_site).as_posix())
    assert offenders == []


def test_the_checks_catch_what_they_are_for():
    html = ("<p>Thème : l'été à 18 h 30 ; « oui » ? 0 réaction reçue</p>"
            "<p lang=\"en\">Note: it's fine</p><pre>clé : valeur</pre><p><code>a : b</code></p>"
            f"<p title=\"a : b\">Thème{NB}: l’été à 18{NB}h{NB}30{NN}; «{NN}oui{NN}»{NN}? 10{NB}réactions, 14:30</p>")
    assert [line.split(" — ")[1] for line in page_offenders(html, "page")] == [
        "apostrophe droite", "espace avant « : » autre qu’insécable U+00A0",
        "espace avant ; ! ? autre que fine insécable U+202F", "espace avant ; ! ? autre que fine insécable U+202F",
        "espace avant » autre que fine insécable U+202F", "espace après « autre que fine insécable U+202F",
        "heure coupable", "compte nul en chiffre"]


# --- The templates themselves, every branch (the built site shows only some of them) ---------------

_JINJA_OR_TAG = re.compile(r"(\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}|<!--.*?-->|<[^>{]*(?:\{[{%].*?[}%]\}[^>{]*)*>)", re.S)
_RAW_OPEN = re.compile(r"<(pre|code|script|style|textarea)\b|\{%-?\s*set\s+\w+\s*-?%\}")


def template_text(source: str) -> list[str]:
    """The text a template writes between its tags and Jinja blocks, entities of spaces decoded;
    neither comments, nor attributes, nor the inside of pre/code/script/style, nor {% set %} blocks."""
    texts, raw = [], None
    for part in _JINJA_OR_TAG.split(source):
        if not part:
            continue
        if _JINJA_OR_TAG.fullmatch(part):
            opening = _RAW_OPEN.match(part)
            if raw is None and opening:
                raw = "endset" if part.startswith("{%") else "</" + opening.group(1)
            elif raw and (part.startswith(raw) or (raw == "endset" and "endset" in part)):
                raw = None
        elif raw is None:
            texts.append(part.replace("&nbsp;", NB).replace("&#8239;", NN))
    return texts


# embed.html is half English (lang="en"): its French is checked on the built pages.
@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html") if p.name != "embed.html"))
def test_every_template_text_is_in_french_typography(template):
    source = (TEMPLATES / template).read_text(encoding="utf-8")
    offenders = [line for text in template_text(source) for line in offenders_in(text, template)]
    assert offenders == []


# --- The office's name with its article -----------------------------------------------------------

@pytest.mark.parametrize("name, a, de, start", [
    ("l’Office de Tourisme de Serre Chevalier Vallée Briançon", "à l’Office de Tourisme de Serre Chevalier Vallée Briançon",
     "de l’Office de Tourisme de Serre Chevalier Vallée Briançon", "L’Office de Tourisme de Serre Chevalier Vallée Briançon"),
    ("le Syndicat d’initiative de Névache", "au Syndicat d’initiative de Névache",
     "du Syndicat d’initiative de Névache", "Le Syndicat d’initiative de Névache"),
    ("la Maison du tourisme du Briançonnais", "à la Maison du tourisme du Briançonnais",
     "de la Maison du tourisme du Briançonnais", "La Maison du tourisme du Briançonnais"),
    ("les Offices de tourisme des Hautes-Alpes", "aux Offices de tourisme des Hautes-Alpes",
     "des Offices de tourisme des Hautes-Alpes", "Les Offices de tourisme des Hautes-Alpes"),
    ("Briançon Tourisme", "à Briançon Tourisme", "de Briançon Tourisme", "Briançon Tourisme"),
    ("Embrun Tourisme", "à Embrun Tourisme", "d’Embrun Tourisme", "Embrun Tourisme"),
    ("l'Office de Tourisme", "à l’Office de Tourisme", "de l’Office de Tourisme", "L'Office de Tourisme"),
    ("Le Syndicat d’initiative", "au Syndicat d’initiative", "du Syndicat d’initiative", "Le Syndicat d’initiative"),
    ("Lans Tourisme", "à Lans Tourisme", "de Lans Tourisme", "Lans Tourisme"),  # « La », « Le » only as words
])
def test_name_with_its_article(name, a, de, start):
    assert (a_le(name), de_le(name), upper_first(name)) == (a, de, start)
    assert upper_first(a_le(name)) == a[0].upper() + a[1:]


@pytest.mark.parametrize("article, name, expected", [
    ("l’", "Office de Tourisme de Serre Chevalier Vallée Briançon", "l’Office de Tourisme de Serre Chevalier Vallée Briançon"),
    ("l'", "Office de Tourisme", "l’Office de Tourisme"),
    ("le", "Syndicat d’initiative de Névache", "le Syndicat d’initiative de Névache"),
    ("La", "Maison du tourisme", "la Maison du tourisme"),
    ("les", "Offices de tourisme réunis", "les Offices de tourisme réunis"),
    ("", "Briançon Tourisme", "Briançon Tourisme"),
    ("l’", "Hôtel de ville", "l’Hôtel de ville"),
])
def test_office_name_from_its_setting(article, name, expected):
    settings = {"OFFICE_NAME_ARTICLE": article, "PUBLISHER": {"name": name}}
    assert check_office_article(article, settings) is None
    assert office_name(settings) == expected
    assert split_article(expected) == (article.lower().replace("'", "’"), name)


@pytest.mark.parametrize("article, name, message", [
    ("un", "Office de Tourisme",
     "« un » inconnu : l'article qui précède le nom de l'éditeur (PUBLISHER, « name ») dans une phrase, « l’ » "
     "(l’Office de Tourisme), « le » (le Syndicat d’initiative), « la » (la Maison du tourisme), « les », ou \"\" "
     "si le nom n'en prend pas"),
    ("l’", "Syndicat d’initiative",
     "« l’ » ne s'écrit que devant une voyelle ou un h muet : devant « Syndicat d’initiative », écrivez « le » ou « la »"),
    ("le", "Office de Tourisme", "devant « Office de Tourisme », « le » s'élide : écrivez « l’ » (« l’Office de Tourisme »)"),
    ("la", "Agence d’attractivité", "devant « Agence d’attractivité », « la » s'élide : écrivez « l’ » (« l’Agence d’attractivité »)"),
    ("l’", "L’Office de Tourisme",
     "le nom de l'éditeur « L’Office de Tourisme » commence déjà par un article : écrivez-le sans article dans "
     "PUBLISHER (« name ») et l'article ici seulement"),
])
def test_office_article_refused(article, name, message):
    assert check_office_article(article, {"PUBLISHER": {"name": name}}) == message


def test_office_article_missing_or_wrong_is_located(site):
    settings = site.settings.read_text(encoding="utf-8")
    line = settings.splitlines().index('OFFICE_NAME_ARTICLE = "l’"') + 1
    site.settings.write_text(settings.replace('OFFICE_NAME_ARTICLE = "l’"', 'OFFICE_NAME_ARTICLE = "le"'), encoding="utf-8")
    assert [str(p) for p in site.build().problems] == [
        f"pelicanconf.py:{line}: réglage OFFICE_NAME_ARTICLE : devant « Office de Tourisme de Serre Chevalier "
        "Vallée Briançon », « le » s'élide : écrivez « l’ » (« l’Office de Tourisme de Serre Chevalier Vallée Briançon »)"]
    site.settings.write_text(settings.replace('OFFICE_NAME_ARTICLE = "l’"\n', ""), encoding="utf-8")
    assert [str(p) for p in site.build().problems] == [
        "pelicanconf.py: réglage OFFICE_NAME_ARTICLE : réglage manquant : ajoutez-le à pelicanconf.py"]


def _text(path: Path, selector: str) -> str:
    node = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(selector)
    return " ".join(node.get_text().split())


@pytest.mark.parametrize("article, name, notice, engagement, embed", [
    ("l’", "Office de Tourisme de Serre Chevalier Vallée Briançon",
     "Votre message est adressé à l’Office de Tourisme de Serre Chevalier Vallée Briançon, qui",
     "L’Office de Tourisme de Serre Chevalier Vallée Briançon s’engage",
     "sur le site de l’Office de Tourisme de Serre Chevalier Vallée Briançon"),
    ("le", "Syndicat d’initiative de Névache",
     "Votre message est adressé au Syndicat d’initiative de Névache, qui",
     "Le Syndicat d’initiative de Névache s’engage", "sur le site du Syndicat d’initiative de Névache"),
    ("la", "Maison du tourisme du Briançonnais",
     "Votre message est adressé à la Maison du tourisme du Briançonnais, qui",
     "La Maison du tourisme du Briançonnais s’engage", "sur le site de la Maison du tourisme du Briançonnais"),
])
def test_another_office_reads_right_on_the_built_site(site, article, name, notice, engagement, embed):
    settings = site.settings.read_text(encoding="utf-8")
    settings = settings.replace('OFFICE_NAME_ARTICLE = "l’"', f'OFFICE_NAME_ARTICLE = "{article}"')
    settings = settings.replace('"name": "Office de Tourisme de Serre Chevalier Vallée Briançon"', f'"name": "{name}"')
    site.settings.write_text(settings, encoding="utf-8")
    result = site.build()
    assert result.problems == []
    out = site.output
    assert _text(out / "constats" / "index.html", "#donnees-reactions").startswith(notice)
    assert _text(out / "accessibilite" / "index.html", "main p").startswith(engagement)
    assert _text(out / "embed" / "chronologie" / "index.html", ".more").endswith(embed)
    offenders = []
    for path in sorted(out.rglob("*.html")):
        offenders += page_offenders(path.read_text(encoding="utf-8"), path.relative_to(out).as_posix())
    assert offenders == []


# --- Counts -------------------------------------------------------------------------------------

@pytest.mark.parametrize("count, text", [(0, "aucune réaction"), (1, f"1{NB}réaction reçue"), (2, f"2{NB}réactions reçues"),
                                         (12, f"12{NB}réactions reçues")])
def test_counts_in_french(count, text):
    assert plural_fr(count, "réaction reçue", "réactions reçues", "aucune réaction") == text


@pytest.mark.parametrize("findings, text", [(0, "aux constats"), (1, "au constat"), (8, f"aux 8{NB}constats")])
def test_the_call_names_the_findings_without_zero(findings, text):
    from plugins.consultation.hub import SiteConsultation

    consultation = SiteConsultation(window=None, state=None, findings=findings, reactions=0, phase_title="", by_email=True)
    assert consultation.to_the_findings == text


# --- The residents' excerpts: untrusted text, typeset as text, then escaped ------------------------

EXCERPTS = (
    'finding: "marque-partagee"\ncount: 3\nexcerpts:\n'
    '  - date: 2016-03-15\n    text: "Enfin une seule marque ! C\'est l\'idée : \\"une vallée\\" ; à 18 h 30 ?"\n'
    '    relu: oui\n    cle: "0000000000000001"\n'
    '  - date: 2016-03-16\n    text: "<script>alert(\'x\')</script> & <b>gras</b> l\'a dit !"\n'
    '    relu: oui\n    cle: "0000000000000002"\n'
)


def test_excerpts_get_french_typography_and_stay_text(site):
    site.write("data/feedback/marque-partagee.yml", EXCERPTS)
    assert site.build().ok
    page = (site.output / "constats" / "reponses" / "index.html").read_text(encoding="utf-8")
    quotes = BeautifulSoup(page, "html.parser").find("section", id="marque-partagee").find_all("blockquote")
    assert [q.get_text() for q in quotes] == [
        f"Enfin une seule marque{NN}! C’est l’idée{NB}: «{NN}une vallée{NN}»{NN}; à 18{NB}h{NB}30{NN}?",
        f"<script>alert('x')</script> & <b>gras</b> l’a dit{NN}!"]
    assert [child.name for child in quotes[1].p.children if child.name] == []  # no element made from the text
    assert "&lt;script&gt;" in page and "&amp; &lt;b&gt;gras&lt;/b&gt;" in page and "<script>alert" not in page
    assert page_offenders(page, "reponses") == []
