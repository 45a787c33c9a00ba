"""The settings a tourist office edits are checked with French messages."""

from __future__ import annotations

import pytest

from plugins.office_settings.checks import check_settings

GOOD = {
    "CONTACT_EMAIL": "consultation@example.org",
    "PUBLIC_SITEURL": "https://www.example.org/la-vallee-au-sommet",
    "ACCESSIBILITY_STATUS": "non conforme",
    "ACCESSIBILITY_DECLARATION_DATE": "2026-11-25",
    "PUBLISHER": {"name": "Office", "legal_form": None, "address": None, "phone": None, "siret": None, "director": None},
    "HOST": {"name": None, "address": None, "phone": None},
}


def test_demo_settings_pass():
    assert check_settings(GOOD) == []


@pytest.mark.parametrize("change, message", [
    ({"CONTACT_EMAIL": "consultation.example.org"},
     "pelicanconf.py: réglage CONTACT_EMAIL : adresse électronique « consultation.example.org » invalide"),
    ({"PUBLIC_SITEURL": "https://www.example.org/"},
     "pelicanconf.py: réglage PUBLIC_SITEURL : « https://www.example.org/ » invalide : adresse en https:// sans barre oblique finale"),
    ({"PUBLIC_SITEURL": "http://www.example.org"},
     "pelicanconf.py: réglage PUBLIC_SITEURL : « http://www.example.org » invalide : adresse en https:// sans barre oblique finale"),
    ({"ACCESSIBILITY_STATUS": "conforme"},
     "pelicanconf.py: réglage ACCESSIBILITY_STATUS : « conforme » inconnu : valeurs possibles : non conforme, partiellement conforme, totalement conforme"),
    ({"ACCESSIBILITY_DECLARATION_DATE": "25/11/2026"},
     "pelicanconf.py: réglage ACCESSIBILITY_DECLARATION_DATE : date « 25/11/2026 » invalide : écrivez-la au format AAAA-MM-JJ"),
    ({"HOST": {"name": None, "adress": None, "address": None, "phone": None}},
     "pelicanconf.py: réglage HOST : clé « adress » inconnue : clés possibles : name, address, phone"),
    ({"HOST": {"name": None, "address": None}},
     "pelicanconf.py: réglage HOST : clé « phone » manquante (mettez None si elle est à compléter)"),
    ({"ACCESSIBILITY_STATUS": "partiellement conforme"},
     "pelicanconf.py: réglage ACCESSIBILITY_STATUS : « partiellement conforme » suppose un audit RGAA : "
     "renseignez ACCESSIBILITY_AUDIT ou indiquez « non conforme »"),
    ({"HOST_LOG_RETENTION": 12},
     "pelicanconf.py: réglage HOST_LOG_RETENTION : doit être un texte ou None"),
    ({"HOST": {"name": "", "address": None, "phone": None}},
     "pelicanconf.py: réglage HOST : « name » doit être un texte ou None"),
])
def test_bad_settings(change, message):
    assert [str(p) for p in check_settings(dict(GOOD, **change))] == [message]


def test_bad_setting_fails_the_build(site):
    result = site.build(CONTACT_EMAIL="à compléter")
    assert [str(p) for p in result.problems] == [
        "pelicanconf.py: réglage CONTACT_EMAIL : adresse électronique « à compléter » invalide"]
