"""The publication settings (publishing/publish_settings.py), checked in French and located before
the gate builds anything; CONTACT_EMAIL a bare address (plugins/office_settings/checks.py)."""

from __future__ import annotations

import pytest

from plugins.office_settings.checks import check_settings
from publishing.publish_settings import DEFAULT_REQUIRED_PAGES, checked

from test_office_settings import GOOD
from test_publish_gate import NOTHING_CHANGED, repos  # noqa: F401 - the fixture

MIN = ("« {} » invalide : un nombre entier de pages, au moins 1, écrit en chiffres sans guillemets, par exemple "
       "PUBLISH_MIN_PAGES = 15")


def test_defaults_when_absent():
    values, problems = checked({})
    assert problems == []
    assert values == {"PUBLISH_MIN_PAGES": 15, "PUBLISH_REQUIRED_PAGES": DEFAULT_REQUIRED_PAGES,
                      "PUBLISH_BRANCH": "gh-pages", "PUBLISH_REMOTE": "origin"}


@pytest.mark.parametrize("settings, expected", [
    ({"PUBLISH_MIN_PAGES": "quinze"}, "réglage PUBLISH_MIN_PAGES : " + MIN.format("quinze")),
    ({"PUBLISH_MIN_PAGES": "15"}, "réglage PUBLISH_MIN_PAGES : " + MIN.format("15")),
    ({"PUBLISH_MIN_PAGES": True}, "réglage PUBLISH_MIN_PAGES : " + MIN.format("True")),
    ({"PUBLISH_MIN_PAGES": 0}, "réglage PUBLISH_MIN_PAGES : " + MIN.format("0")),
    ({"PUBLISH_REQUIRED_PAGES": "index.html"}, "réglage PUBLISH_REQUIRED_PAGES : une liste d'adresses de pages "
                                               "est attendue, par exemple [\"index.html\", \"mentions-legales/index.html\"]"),
    ({"PUBLISH_REQUIRED_PAGES": ["../secret.html"]},
     "réglage PUBLISH_REQUIRED_PAGES : « ../secret.html » invalide : l'adresse d'une page du site, relative et "
     "finissant par .html, par exemple \"mentions-legales/index.html\""),
    ({"PUBLISH_REQUIRED_PAGES": ["/index.html"]},
     "réglage PUBLISH_REQUIRED_PAGES : « /index.html » invalide : l'adresse d'une page du site, relative et "
     "finissant par .html, par exemple \"mentions-legales/index.html\""),
    ({"PUBLISH_BRANCH": "gh pages"},
     "réglage PUBLISH_BRANCH : « gh pages » n'est pas un nom de branche git : lettres sans accent, chiffres, « - », "
     "« _ », « . » ou « / », par exemple PUBLISH_BRANCH = \"gh-pages\""),
    ({"PUBLISH_BRANCH": "--force"},
     "réglage PUBLISH_BRANCH : « --force » n'est pas un nom de branche git : lettres sans accent, chiffres, « - », "
     "« _ », « . » ou « / », par exemple PUBLISH_BRANCH = \"gh-pages\""),
    ({"PUBLISH_REMOTE": "--upload-pack=evil"},
     "réglage PUBLISH_REMOTE : « --upload-pack=evil » n'est pas un nom de dépôt distant git : lettres sans accent, "
     "chiffres, « - », « _ » ou « . », par exemple PUBLISH_REMOTE = \"origin\" (la liste : git remote)"),
    ({"PUBLISH_REMOTE": "https://github.com/x/y.git"},
     "réglage PUBLISH_REMOTE : « https://github.com/x/y.git » n'est pas un nom de dépôt distant git : lettres sans "
     "accent, chiffres, « - », « _ » ou « . », par exemple PUBLISH_REMOTE = \"origin\" (la liste : git remote)"),
])
def test_wrong_values_in_french(settings, expected):
    assert checked(settings)[1] == [f"publishconf.py: {expected}"]


def test_the_source_branch_is_refused():
    assert checked({"PUBLISH_BRANCH": "main"}, current_branch="main")[1] == [
        "publishconf.py: réglage PUBLISH_BRANCH : « main » est la branche des sources, celle que vous publiez : le "
        "site la remplacerait ; écrivez la branche du site en ligne, par exemple PUBLISH_BRANCH = \"gh-pages\""]


def test_quinze_stops_the_gate_located_before_building(repos):  # noqa: F811
    before = repos.seed_pages()
    path = repos.work / "publishconf.py"
    text = path.read_text(encoding="utf-8")
    assert text.count("PUBLISH_MIN_PAGES = 15\n") == 1
    path.write_text(text.replace("PUBLISH_MIN_PAGES = 15\n", "PUBLISH_MIN_PAGES = \"quinze\"\n"), encoding="utf-8")
    line = text[:text.index("PUBLISH_MIN_PAGES = 15")].count("\n") + 1
    repos.commit("Réglage en toutes lettres")
    code, out, err = repos.publish(push=True)
    assert code == 1
    assert "Construction" not in out
    assert err.splitlines() == [
        f"publishconf.py:{line}: réglage PUBLISH_MIN_PAGES : " + MIN.format("quinze"),
        "",
        "Publication refusée : 1 réglage de publication à corriger dans publishconf.py.",
        NOTHING_CHANGED,
    ]
    assert repos.remote_pages() == before


@pytest.mark.parametrize("email", ["consultation@example.org?bcc=espion@example.net",
                                   "consultation@example.org?bcc=espion.example.net",
                                   "consultation@example.org&cc=x", "a@example.org, b@example.org"])
def test_contact_email_with_parameters_is_refused(email):
    [problem] = check_settings({**GOOD, "CONTACT_EMAIL": email})
    assert str(problem) == (
        f"pelicanconf.py: réglage CONTACT_EMAIL : adresse électronique « {email} » invalide : une adresse seule, "
        "sans « ? », « & », virgule ni point-virgule (des paramètres ajouteraient des destinataires, en copie "
        "cachée par exemple)")


@pytest.mark.parametrize("email", ["consultation@example.org", "accueil.office+lvas@sous.domaine.fr",
                                   "hélène@exemple.fr"])
def test_bare_addresses_are_accepted(email):
    assert check_settings({**GOOD, "CONTACT_EMAIL": email}) == []
