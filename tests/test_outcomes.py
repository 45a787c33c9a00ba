"""« Vous avez dit » / « Nous avons fait »: data/outcomes.yml, checked and shown per finding and on one page."""

from __future__ import annotations

from bs4 import BeautifulSoup

ARTICLE = "etat-des-lieux/un-seul-nom/index.html"
OUTCOMES = """\
- finding: marque-partagee
  you_said: |
    Une marque commune, oui, mais qui parle de toute la vallée.

    Et qui associe les professionnels.
  we_did: La réflexion sur la marque de destination commence en juin 2016 avec les professionnels.
"""
FEEDBACK = ('finding: "marque-partagee"\ncount: 2\nexcerpts:\n  - date: 2016-03-15\n    text: "Enfin une seule marque !"\n'
            '    relu: oui\n    cle: "0000000000000001"\n')


def parse(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_outcome_and_count_on_the_finding_and_the_outcomes_page(site):
    site.write("data/outcomes.yml", OUTCOMES)
    site.write("data/feedback/marque-partagee.yml", FEEDBACK)
    assert site.build().ok
    section = parse(site.output / ARTICLE).find("section", id="marque-partagee")
    answer = section.find("details", class_="reponse")
    assert answer.summary.get_text() == "Vous avez dit, nous avons fait"
    assert [p.get_text() for p in answer.find_all("p")] == [
        "Une marque commune, oui, mais qui parle de toute la vallée.", "Et qui associe les professionnels.",
        "La réflexion sur la marque de destination commence en juin 2016 avec les professionnels."]
    assert "2\u00a0réactions reçues." in [p.get_text() for p in section.find_all("p")]

    page = parse(site.output / "constats" / "reponses" / "index.html")
    entry = page.find("section", id="marque-partagee")
    assert entry.h2.a["href"] == "../../etat-des-lieux/un-seul-nom/#marque-partagee"
    assert entry.find("p", class_="meta").get_text(" ", strip=True) == "Consultation close le 30 avril 2016 · 2\u00a0réactions reçues"
    assert [q.get_text(strip=True) for q in entry.find_all("blockquote")] == ["Enfin une seule marque\u202f!"]
    assert [h.get_text() for h in entry.find_all("h3")] == ["Extraits de réactions", "Vous avez dit", "Nous avons fait"]
    other = page.find("section", id="offices-reunis")
    assert other.find("p", class_="meta").get_text(" ", strip=True) == "Consultation close le 30 avril 2016 · aucune réaction"
    assert other.find_all("p")[-1].get_text() == "Réponse en préparation."


def test_outcome_for_an_unknown_finding(site):
    site.write("data/outcomes.yml", OUTCOMES.replace("finding: marque-partagee", "finding: marque-partage"))
    assert [str(p) for p in site.build().problems] == [
        "data/outcomes.yml:1: constat « marque-partage » inconnu : aucun constat n'a cet identifiant"]


def test_two_outcomes_for_one_finding(site):
    site.write("data/outcomes.yml", OUTCOMES + OUTCOMES)
    assert [str(p) for p in site.build().problems] == [
        "data/outcomes.yml:7: réponse au constat « marque-partagee » en double (déjà utilisé ligne 1)"]


def test_feedback_for_an_unknown_finding(site):
    site.write("data/feedback/ancien-constat.yml", FEEDBACK.replace('"marque-partagee"', '"ancien-constat"'))
    assert [str(p) for p in site.build().problems] == [
        "data/feedback/ancien-constat.yml: constat « ancien-constat » inconnu : ce fichier de réactions ne "
        "correspond à aucun constat"]
