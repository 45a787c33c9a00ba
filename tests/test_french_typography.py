"""French typography: sentences from the founding text, and what must never change."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from plugins.french_typography.typography import fix_html, fix_text

N, NB = "\u202f", "\u00a0"


@pytest.mark.parametrize("source, expected", [
    ("Quelle est notre ambition pour Serre Chevalier Vallée Briançon à l’horizon 2030 ?",
     f"Quelle est notre ambition pour Serre Chevalier Vallée Briançon à l’horizon 2030{N}?"),
    ("savoir qui on est, où on veut aller et comment ?", f"savoir qui on est, où on veut aller et comment{N}?"),
    ("« La Vallée au Sommet » est le nom que nous avons donné au projet",
     f"«{N}La Vallée au Sommet{N}» est le nom que nous avons donné au projet"),
    ("«La Vallée au Sommet»", f"«{N}La Vallée au Sommet{N}»"),
    ("Déroulé de la démarche :", f"Déroulé de la démarche{NB}:"),
    ("Janvier, février 2016 : Accompagnement par les cabinets", f"Janvier, février 2016{NB}: Accompagnement par les cabinets"),
    ("Les attendus et objectifs de la démarche:", f"Les attendus et objectifs de la démarche{NB}:"),
    ("une feuille de route ; savoir qui on est", f"une feuille de route{N}; savoir qui on est"),
    ("La fierté doit devenir une évidence!", f"La fierté doit devenir une évidence{N}!"),
    ("Vraiment ?!", f"Vraiment{N}?!"),
    ("l'élaboration d'un diagnostic", "l’élaboration d’un diagnostic"),
    ('le "discours commun"', f"le «{N}discours commun{N}»"),
    ("rendez-vous à 14:30 précises", "rendez-vous à 14:30 précises"),
    ("écrivez à contact@office.fr : merci", f"écrivez à contact@office.fr{NB}: merci"),
    ("voir https://exemple.fr/a?b=c;d : la page", f"voir https://exemple.fr/a?b=c;d{NB}: la page"),
    ("aujourd’hui", "aujourd’hui"),
    ('""doublés""', f'"«{N}doublés{N}»"'),  # found by hypothesis: a second pass changed it again
    ("", ""),
    ("à 18 h 30", f"à 18{NB}h{NB}30"),
    (f"à 18{NB}h 30 et 9{N}h 15", f"à 18{NB}h{NB}30 et 9{N}h{NB}15"),  # a no-break space typed before the h
])
def test_fix_text(source, expected):
    assert fix_text(source) == expected
    assert fix_text(expected) == expected  # idempotent


@pytest.mark.parametrize("source, expected", [
    ('<p>Voir <a href="https://x.fr/?a=b" title="a : b ?">la page</a> ?</p>',
     f'<p>Voir <a href="https://x.fr/?a=b" title="a : b ?">la page</a>{N}?</p>'),
    ("<p>Un <em>constat</em>! Et <code>a : b ?</code> reste tel quel.</p>",
     f"<p>Un <em>constat</em>{N}! Et <code>a : b ?</code> reste tel quel.</p>"),
    ("<pre><code>clé : valeur\n« brut »</code></pre><p>fin :</p>",
     f"<pre><code>clé : valeur\n« brut »</code></pre><p>fin{NB}:</p>"),
    ("<kbd>Ctrl ?</kbd><samp>x !</samp>", "<kbd>Ctrl ?</kbd><samp>x !</samp>"),
    ('<img alt="Photo : l\'été" src="a.jpg">', '<img alt="Photo : l\'été" src="a.jpg">'),
    ("<!-- commentaire : ? -->texte", "<!-- commentaire : ? -->texte"),
])
def test_fix_html_touches_text_only(source, expected):
    assert fix_html(source) == expected


def test_built_article_title_and_body(site):
    site.write("content/articles/nouvelles/question.md", (
        "Title: Quelle ambition pour 2030 ?\nDate: 2016-03-01\nSummary: Une question : laquelle ?\n\n"
        "Le texte « fondateur » dit : `code ?` et\n\n    bloc : de code ?\n"))
    assert site.build().ok
    page = BeautifulSoup((site.output / "nouvelles" / "question" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.h1.get_text() == f"Quelle ambition pour 2030{N}?"
    assert page.find("meta", attrs={"name": "description"})["content"] == f"Une question{NB}: laquelle{N}?"
    body = page.article.find_all("p")
    assert body[-1].get_text() == f"Le texte «{N}fondateur{N}» dit{NB}: code ? et"
    assert page.article.pre.get_text() == "bloc : de code ?\n"


# Properties on arbitrary text (hypothesis): the rules only ever add or swap spacing and
# quote characters, in HTML exactly as in plain text.

from html import escape  # noqa: E402

from hypothesis import given  # noqa: E402

from hostile_text import hostile_text  # noqa: E402


@given(hostile_text(newlines=True))
def test_fix_text_is_idempotent(text):
    assert fix_text(fix_text(text)) == fix_text(text)


@given(hostile_text(newlines=True))
def test_fix_html_typesets_the_text_a_reader_sees(text):
    """Entities are decoded first: `&amp;` is « & » (no space inserted inside the entity)."""
    assert fix_html(f"<p>{escape(text)}</p>") == f"<p>{escape(fix_text(text), quote=False)}</p>"


@pytest.mark.parametrize("source, expected", [
    ("<p>Sports &amp; loisirs ; montagne</p>", f"<p>Sports &amp; loisirs{N}; montagne</p>"),
    ("<p>3 &lt; 4 &gt; 2</p>", "<p>3 &lt; 4 &gt; 2</p>"),
    ("<p>l&#39;été &quot;blanc&quot;</p>", f"<p>l’été «{N}blanc{N}»</p>"),
])
def test_fix_html_leaves_entities_whole(source, expected):
    assert fix_html(source) == expected


@given(hostile_text(newlines=True), hostile_text())
def test_text_without_any_punctuation_the_rules_touch_is_left_as_it_is(text, before):
    """fix_text skips the rules when none of ; ! ? : « » " ' is in the text, nor a time (« 18 h »):
    they would change nothing."""
    text = "".join(character for character in text if character not in ";!?:«»\"'\x00h")
    assert fix_text(text, before) == text
    from plugins.french_typography.typography import _apply_rules

    assert _apply_rules(text, before) == text


@given(hostile_text(newlines=True), hostile_text())
def test_the_shortcuts_give_what_every_rule_gives(text, before):
    """fix_text and fix_html skip a text without a trigger, _apply_rules each rule without its
    character: the same as applying them all (times typed with a no-break space before the h too)."""
    from plugins.french_typography import typography

    for sample in (text, text.replace("h", f"{NB}h "), f"{text} 18{NB}h 30", f"{text} 18{N}h 15"):
        assert fix_text(sample, before) == typography._apply_rules(sample, before)
        assert bool(typography._REWRITTEN.search(sample)) or fix_text(sample, before) == sample
