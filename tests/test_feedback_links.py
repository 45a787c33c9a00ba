"""Feedback links (plugins/consultation/feedback.py): mailto per RFC 6068, URL templates,
and the FEEDBACK_BACKEND setting checked with French messages."""

from __future__ import annotations

import re
from types import SimpleNamespace
from urllib.parse import quote, unquote, urlsplit

import jinja2
import pytest

from plugins.consultation import add_template_globals
from plugins.consultation.feedback import (
    feedback_body,
    feedback_href,
    feedback_subject,
    finding_feedback,
    quote_component,
    site_feedback_href,
)
from plugins.consultation.feedback_settings import check_feedback_settings

NBSP = "\u00a0"
EMAIL = "consultation@example.org"
PAGE = "https://www.example.org/la-vallee-au-sommet/etat-des-lieux/un-contexte-exigeant/"
# Only what RFC 6068 allows unencoded: the address keeps @ and a few sub-delims, the header
# values only unreserved characters (everything else is %XX, spaces %20, never +).
MAILTO_SHAPE = re.compile(r"mailto:[A-Za-z0-9@!$'()*+._~%-]+\?subject=[A-Za-z0-9._~%-]+&body=[A-Za-z0-9._~%-]+")


def decode_mailto(href: str) -> tuple[str, dict[str, str]]:
    """Address and header fields of a mailto: URI, percent-decoded (never + as space)."""
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and parts.fragment == ""
    fields = {}
    for pair in parts.query.split("&"):
        name, _, value = pair.partition("=")
        fields[name] = unquote(value, errors="strict")
    return unquote(parts.path, errors="strict"), fields


def expected_body(finding_id: str, title: str, url: str) -> str:
    return (f"Constat{NBSP}: {title}\r\n"
            f"Identifiant{NBSP}: {finding_id}\r\n"
            f"Page{NBSP}: {url}\r\n"
            "\r\n"
            f"Votre réaction{NBSP}:\r\n"
            "\r\n"
            "\r\n"
            "\r\n"
            f"J’accepte qu’un extrait anonyme de mon message soit publié{NBSP}: oui / non (gardez « oui » ou « non »)\r\n")


TITLES = [
    pytest.param("L’âpreté de la concurrence", id="accents-typographic-apostrophe"),
    pytest.param("Cœur de station : l'été à Serre Chevalier", id="oe-ligature-straight-apostrophe"),
    pytest.param("Hôtels & restaurants", id="ampersand"),
    pytest.param("Quelle place pour le vélo ?", id="question-mark"),
    pytest.param("Objectif #1 : la marque", id="hash"),
    pytest.param("Baisse de 12 % des nuitées", id="percent"),
    pytest.param("Ski + VTT", id="plus"),
    pytest.param("Hiver = 80 % du chiffre", id="equals"),
    pytest.param("Neige ❄️ et soleil ☀️ 🏔️", id="emoji"),
    pytest.param("« La Vallée au Sommet », une marque commune", id="guillemets"),
    pytest.param("a&subject=piège&body=x", id="header-injection"),
]


@pytest.mark.parametrize("title", TITLES)
def test_mailto_subject_and_body_decode_to_the_french_text(title):
    url = PAGE + "#concurrence-01"
    href = feedback_href("mailto", EMAIL, "concurrence-01", title, url)
    assert MAILTO_SHAPE.fullmatch(href), href
    address, fields = decode_mailto(href)
    assert address == EMAIL
    assert fields == {
        "subject": f"Réaction au constat «{NBSP}{title}{NBSP}» (concurrence-01)",
        "body": expected_body("concurrence-01", title, url),
    }


def test_mailto_href_is_exactly_encoded():
    href = feedback_href("mailto", EMAIL, "concurrence-01", "L’été & vous ?", PAGE + "#concurrence-01")
    assert href == (
        "mailto:consultation@example.org"
        "?subject=R%C3%A9action%20au%20constat%20%C2%AB%C2%A0L%E2%80%99%C3%A9t%C3%A9%20%26%20vous%20%3F"
        "%C2%A0%C2%BB%20%28concurrence-01%29"
        "&body=Constat%C2%A0%3A%20L%E2%80%99%C3%A9t%C3%A9%20%26%20vous%20%3F%0D%0A"
        "Identifiant%C2%A0%3A%20concurrence-01%0D%0A"
        "Page%C2%A0%3A%20https%3A%2F%2Fwww.example.org%2Fla-vallee-au-sommet%2Fetat-des-lieux%2Fun-contexte-exigeant%2F"
        "%23concurrence-01%0D%0A%0D%0AVotre%20r%C3%A9action%C2%A0%3A%0D%0A%0D%0A%0D%0A%0D%0A"
        "J%E2%80%99accepte%20qu%E2%80%99un%20extrait%20anonyme%20de%20mon%20message%20soit%20publi%C3%A9%C2%A0%3A"
        "%20oui%20%2F%20non%20%28gardez%20%C2%AB%20oui%20%C2%BB%20ou%20%C2%AB%20non%20%C2%BB%29%0D%0A"
    )


def test_line_breaks_in_a_title_do_not_break_the_subject():
    href = feedback_href("mailto", EMAIL, "concurrence-01", "Deux\r\nlignes", PAGE)
    assert decode_mailto(href)[1]["subject"] == f"Réaction au constat «{NBSP}Deux lignes{NBSP}» (concurrence-01)"


@pytest.mark.parametrize("email, encoded", [
    ("consultation@example.org", "consultation@example.org"),
    ("accueil+lvas@example.org", "accueil+lvas@example.org"),
    ("a&b=c@example.org", "a%26b%3Dc@example.org"),
    ("a?b#c@example.org", "a%3Fb%23c@example.org"),
    ("a%b@example.org", "a%25b@example.org"),
    ("a,b@example.org", "a%2Cb@example.org"),
    ("accueil@vallée.example", "accueil@vall%C3%A9e.example"),
])
def test_mailto_address_is_encoded_per_rfc_6068(email, encoded):
    href = feedback_href("mailto", email, "concurrence-01", "Titre", PAGE)
    assert href.startswith(f"mailto:{encoded}?subject=")
    assert decode_mailto(href)[0] == email


@pytest.mark.parametrize("template, expected", [
    pytest.param("https://forms.example.org/f?constat={id}&titre={title}&page={url}",
                 "https://forms.example.org/f?constat=concurrence-01&titre=Ski%20%2B%20VTT%20%26%20%C3%A9t%C3%A9%20"
                 "%3D%2080%20%25%20%3F%20%23%C2%AB%C2%A0%F0%9F%8F%94%EF%B8%8F%C2%A0%C2%BB"
                 "&page=https%3A%2F%2Fwww.example.org%2Fd%2F%23concurrence-01", id="form-prefill"),
    pytest.param("https://github.com/org/repo/issues/new?title={title}&body={url}",
                 "https://github.com/org/repo/issues/new?title=Ski%20%2B%20VTT%20%26%20%C3%A9t%C3%A9%20%3D%2080%20"
                 "%25%20%3F%20%23%C2%AB%C2%A0%F0%9F%8F%94%EF%B8%8F%C2%A0%C2%BB"
                 "&body=https%3A%2F%2Fwww.example.org%2Fd%2F%23concurrence-01", id="github-issue"),
    pytest.param("https://gitlab.example.org/g/p/-/issues/new?issue[title]=Constat%20{id}",
                 "https://gitlab.example.org/g/p/-/issues/new?issue[title]=Constat%20concurrence-01",
                 id="gitlab-brackets-are-not-placeholders"),
    pytest.param("https://forms.example.org/{id}/", "https://forms.example.org/concurrence-01/", id="in-path"),
])
def test_url_template_encodes_each_value_as_a_query_component(template, expected):
    title = f"Ski + VTT & été = 80 % ? #«{NBSP}🏔️{NBSP}»"
    assert feedback_href(template, EMAIL, "concurrence-01", title,
                         "https://www.example.org/d/#concurrence-01") == expected


def test_template_global_makes_the_finding_url_absolute_and_is_escaped_in_html():
    settings = {"FEEDBACK_BACKEND": "https://forms.example.org/f?c={id}&p={url}", "CONTACT_EMAIL": EMAIL,
                "PUBLIC_SITEURL": "https://www.example.org/la-vallee-au-sommet"}
    generator = SimpleNamespace(env=jinja2.Environment(autoescape=True), settings=settings)
    add_template_globals(generator)
    html = generator.env.from_string(
        '<a href="{{ feedback_href("concurrence-01", "Titre", '
        '"etat-des-lieux/un-contexte-exigeant/#concurrence-01") }}">'
    ).render()
    assert html == ('<a href="https://forms.example.org/f?c=concurrence-01&amp;p=https%3A%2F%2Fwww.example.org'
                    '%2Fla-vallee-au-sommet%2Fetat-des-lieux%2Fun-contexte-exigeant%2F%23concurrence-01">')


def test_finding_href_for_finding_objects_defaults_to_mailto():
    settings = {"CONTACT_EMAIL": EMAIL, "PUBLIC_SITEURL": "https://www.example.org/lvas"}
    finding = SimpleNamespace(id="marque-partagee", title="Une marque",
                              url="etat-des-lieux/un-seul-nom/#marque-partagee")
    href, _ = finding_feedback(settings)(finding.id, finding.title, finding.url)
    assert href == site_feedback_href(settings)("marque-partagee", "Une marque",
                                                "/etat-des-lieux/un-seul-nom/#marque-partagee")
    assert decode_mailto(href)[1]["body"] == expected_body(
        "marque-partagee", "Une marque", "https://www.example.org/lvas/etat-des-lieux/un-seul-nom/#marque-partagee")


def test_quote_component_encodes_as_quote_does():
    every_kind = "".join(chr(code) for code in range(0x250)) + "\u00a0\u202f’«»…œ€😀\U0010ffff\r\n%+&=#?/:@"
    for text in (every_kind, every_kind[::-1], "", "abc-_.~", "é" * 3):
        assert quote_component(text) == quote(text, safe="")


@pytest.mark.parametrize("backend", ["mailto", "https://forms.example.org/f?constat={id}&titre={title}&page={url}"])
@pytest.mark.parametrize("finding_id, title, url", [
    ("marque-partagee", "Une marque", "etat-des-lieux/un-seul-nom/#marque-partagee"),
    ("c-01", "« Guillemets » & 100 % : l’été\nsur deux lignes", "/a b/é/?q=1#c-01"),
    ("x", "", "https://autre.example.org/page/#x"),
])
def test_finding_feedback_gives_the_link_and_message_of_the_unshared_functions(backend, finding_id, title, url):
    """enrich's helper, which encodes once what every finding shares, gives feedback_href's link exactly."""
    email = " consultation+vallée@example.org "
    public = "https://www.example.org/lvas/"
    settings = {"FEEDBACK_BACKEND": backend, "CONTACT_EMAIL": email, "PUBLIC_SITEURL": public}
    href, message = finding_feedback(settings)(finding_id, title, url)
    absolute = url if url.startswith("https://") else "https://www.example.org/lvas/" + url.lstrip("/")
    assert href == feedback_href(backend, email, finding_id, title, absolute)
    if backend == "mailto":
        assert message == (feedback_subject(finding_id, title), feedback_body(finding_id, title, absolute))
        assert decode_mailto(href)[1] == {"subject": message[0], "body": message[1]}
    else:
        assert message is None


@pytest.mark.parametrize("backend", [
    "mailto",
    "https://forms.example.org/f?constat={id}&titre={title}&page={url}",
    "https://github.com/org/repo/issues/new?title={title}&body={url}",
    "https://forms.example.org/f/{id}",
])
def test_good_backends_pass(backend):
    assert check_feedback_settings({"FEEDBACK_BACKEND": backend, "CONTACT_EMAIL": EMAIL}) == []


def test_backend_defaults_to_mailto():
    assert check_feedback_settings({"CONTACT_EMAIL": EMAIL}) == []


PREFIX = "pelicanconf.py: réglage FEEDBACK_BACKEND : "


@pytest.mark.parametrize("settings, messages", [
    pytest.param({"FEEDBACK_BACKEND": "https://forms.example.org/f?constat={id}&nom={nom}"},
                 ["variable « {nom} » inconnue : variables possibles : {id}, {title}, {url}"], id="unknown-placeholder"),
    pytest.param({"FEEDBACK_BACKEND": "http://forms.example.org/f?constat={id}"},
                 ["adresse « http://forms.example.org/f?constat={id} » invalide : elle doit commencer par https:// "
                  "suivi du nom du site, sans espace"], id="not-https"),
    pytest.param({"FEEDBACK_BACKEND": "https://forms.example.org/f?constat={id}&titre={title"},
                 ["accolade « { » non fermée (caractère 48) : les variables s'écrivent {id}, {title} ou {url}"],
                 id="unclosed-brace"),
    pytest.param({"FEEDBACK_BACKEND": "https://forms.example.org/f?constat=id}"},
                 ["accolade « } » sans accolade ouvrante (caractère 39) : les variables s'écrivent {id}, {title} "
                  "ou {url}",
                  "« https://forms.example.org/f?constat=id} » ne contient ni {id} ni {url} : sans eux, une réaction "
                  "ne peut pas être rattachée à son constat"], id="closing-brace-alone"),
    pytest.param({"FEEDBACK_BACKEND": "https://forms.example.org/f?constat={{id}}"},
                 ["accolade « { » non fermée (caractère 37) : les variables s'écrivent {id}, {title} ou {url}",
                  "accolade « } » sans accolade ouvrante (caractère 42) : les variables s'écrivent {id}, {title} "
                  "ou {url}"], id="doubled-braces"),
    pytest.param({"FEEDBACK_BACKEND": "https://forms.example.org/f?titre={title}"},
                 ["« https://forms.example.org/f?titre={title} » ne contient ni {id} ni {url} : sans eux, une réaction "
                  "ne peut pas être rattachée à son constat"], id="no-id-nor-url"),
    pytest.param({"FEEDBACK_BACKEND": "https://forms.example.org/f?c={id}&t={ title }"},
                 ["adresse « https://forms.example.org/f?c={id}&t={ title } » invalide : elle doit commencer par "
                  "https:// suivi du nom du site, sans espace",
                  "variable « { title } » inconnue : variables possibles : {id}, {title}, {url}"], id="spaces-in-braces"),
    pytest.param({"FEEDBACK_BACKEND": "https://{id}.example.org/"},
                 ["adresse « https://{id}.example.org/ » invalide : elle doit commencer par https:// suivi du nom du "
                  "site, sans espace"], id="placeholder-in-host"),
    pytest.param({"FEEDBACK_BACKEND": "https://forms.example.org/mon formulaire?c={id}"},
                 ["adresse « https://forms.example.org/mon formulaire?c={id} » invalide : elle doit commencer par "
                  "https:// suivi du nom du site, sans espace"], id="space"),
    pytest.param({"FEEDBACK_BACKEND": "mailto:accueil@example.org"},
                 ["« mailto:accueil@example.org » : écrivez seulement \"mailto\" ; les réactions partent alors à "
                  "l'adresse CONTACT_EMAIL"], id="mailto-with-address"),
    pytest.param({"FEEDBACK_BACKEND": ""},
                 ["«  » invalide : écrivez \"mailto\" ou une adresse https:// contenant {id}, {title} ou {url}"],
                 id="empty"),
    pytest.param({"FEEDBACK_BACKEND": None},
                 ["« None » invalide : écrivez \"mailto\" ou une adresse https:// contenant {id}, {title} ou {url}"],
                 id="none"),
    pytest.param({"FEEDBACK_BACKEND": "mailto", "CONTACT_EMAIL": None},
                 ["« mailto » envoie les réactions à l'adresse CONTACT_EMAIL, qui n'est pas renseignée : renseignez "
                  "CONTACT_EMAIL ou indiquez l'adresse d'un formulaire (https://…)"], id="mailto-without-email"),
    pytest.param({"CONTACT_EMAIL": "  "},
                 ["« mailto » envoie les réactions à l'adresse CONTACT_EMAIL, qui n'est pas renseignée : renseignez "
                  "CONTACT_EMAIL ou indiquez l'adresse d'un formulaire (https://…)"], id="default-mailto-blank-email"),
])
def test_bad_backend_settings(settings, messages):
    settings = {"CONTACT_EMAIL": EMAIL, **settings}
    assert [str(problem) for problem in check_feedback_settings(settings)] == [PREFIX + m for m in messages]


def test_bad_backend_fails_the_build_with_every_problem(site):
    result = site.build(FEEDBACK_BACKEND="http://forms.example.org/f?nom={nom}")
    assert [str(problem) for problem in result.problems] == [
        PREFIX + "adresse « http://forms.example.org/f?nom={nom} » invalide : elle doit commencer par https:// "
                 "suivi du nom du site, sans espace",
        PREFIX + "variable « {nom} » inconnue : variables possibles : {id}, {title}, {url}",
        PREFIX + "« http://forms.example.org/f?nom={nom} » ne contient ni {id} ni {url} : sans eux, une réaction "
                 "ne peut pas être rattachée à son constat",
    ]
    assert not site.output.exists()


def test_url_template_backend_builds(site):
    result = site.build(FEEDBACK_BACKEND="https://forms.example.org/f?constat={id}&titre={title}&page={url}")
    assert [str(problem) for problem in result.problems] == []


@pytest.mark.parametrize("answer, expected", [
    ("oui", True),
    ("OUI", True),
    ("oui (gardez « oui » ou « non »)", True),
    ("non", False),
    ("oui / non (gardez « oui » ou « non »)", False),  # untouched: both words
    ("", False),
    ("peut-être", False),
])
def test_the_consent_answer_is_yes_only_for_a_clear_oui(answer, expected):
    from plugins.consultation.feedback import consent_answer

    question = f"J’accepte qu’un extrait anonyme de mon message soit publié{NBSP}: "
    assert consent_answer(f"Bonjour.\r\n\r\n{question}{answer}\r\n") is expected
    assert consent_answer(f"> J'accepte qu'un extrait anonyme de mon message soit publie : {answer}") is expected


def test_a_message_without_the_question_has_no_answer():
    from plugins.consultation.feedback import consent_answer

    assert consent_answer("Bonjour, je suis d’accord avec ce constat.") is None
