"""Typed checks of the settings a tourist office edits, with French messages."""

from __future__ import annotations

import datetime
import re

from core.problems import Problem, setting_problem

ACCESSIBILITY_STATUSES = ("non conforme", "partiellement conforme", "totalement conforme")
PERSON_KEYS = {
    "PUBLISHER": ("name", "legal_form", "address", "phone", "siret", "director"),
    "HOST": ("name", "address", "phone"),
}
# A bare address, nothing else: it goes into mailto: links, where « ?bcc=… », « ?subject=… » or a
# second address would silently add recipients. Letters (accents too), digits, « . _ % + - ».
_EMAIL = re.compile(r"(?!\.)[\w%+-]+(?:\.[\w%+-]+)*@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}\Z")


def _problem(name: str, message: str) -> Problem:
    return setting_problem(name, message)


def check_settings(settings: dict) -> list[Problem]:
    problems = []
    email = settings.get("CONTACT_EMAIL")
    if not isinstance(email, str) or not _EMAIL.match(email):
        hint = ""
        if isinstance(email, str) and re.search(r"[?&,;]", email):
            hint = (" : une adresse seule, sans « ? », « & », virgule ni point-virgule (des paramètres "
                    "ajouteraient des destinataires, en copie cachée par exemple)")
        problems.append(_problem("CONTACT_EMAIL", f"adresse électronique « {email} » invalide{hint}"))
    url = settings.get("PUBLIC_SITEURL")
    if not isinstance(url, str) or not re.fullmatch(r"https://[^\s/]+(/[^\s]*)?", url) or url.endswith("/"):
        problems.append(_problem("PUBLIC_SITEURL", (
            f"« {url} » invalide : adresse en https:// sans barre oblique finale")))
    status = settings.get("ACCESSIBILITY_STATUS")
    if status not in ACCESSIBILITY_STATUSES:
        problems.append(_problem("ACCESSIBILITY_STATUS", (
            f"« {status} » inconnu : valeurs possibles : {', '.join(ACCESSIBILITY_STATUSES)}")))
    elif status != "non conforme" and not settings.get("ACCESSIBILITY_AUDIT"):
        problems.append(_problem("ACCESSIBILITY_STATUS", (
            f"« {status} » suppose un audit RGAA : renseignez ACCESSIBILITY_AUDIT ou indiquez « non conforme »")))
    declared = settings.get("ACCESSIBILITY_DECLARATION_DATE")
    try:
        datetime.date.fromisoformat(str(declared))
    except ValueError:
        problems.append(_problem("ACCESSIBILITY_DECLARATION_DATE", (
            f"date « {declared} » invalide : écrivez-la au format AAAA-MM-JJ")))
    for name, keys in PERSON_KEYS.items():
        value = settings.get(name)
        if not isinstance(value, dict):
            problems.append(_problem(name, "doit être un dictionnaire { \"clé\": \"valeur\" }"))
            continue
        for key in value:
            if key not in keys:
                problems.append(_problem(name, f"clé « {key} » inconnue : clés possibles : {', '.join(keys)}"))
        for key in keys:
            if key not in value:
                problems.append(_problem(name, f"clé « {key} » manquante (mettez None si elle est à compléter)"))
            elif value[key] is not None and (not isinstance(value[key], str) or not value[key].strip()):
                problems.append(_problem(name, f"« {key} » doit être un texte ou None"))
    for name in ("DATA_PROTECTION_OFFICER", "HOST_LOG_RETENTION", "FEEDBACK_RETENTION"):
        value = settings.get(name)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            problems.append(_problem(name, "doit être un texte ou None"))
    if not (isinstance(settings.get("PUBLISHER"), dict) and settings["PUBLISHER"].get("name")):
        problems.append(_problem("PUBLISHER", "le nom de l'éditeur (« name ») est obligatoire"))
    return problems


# The article before the publisher's name in a sentence (OFFICE_NAME_ARTICLE): « adressé à l’Office
# de Tourisme… », « du Syndicat d’initiative… ». Written as the office writes it: « l' » or « L’ »
# are read as « l’ ».
ARTICLES = ("l’", "le", "la", "les", "")
_VOWELS = "aeiouyàâäéèêëîïôöùûüœæ"
_STARTS_WITH_ARTICLE = re.compile(r"(?i)(l[’']|le |la |les )\S")


def normalise_article(value: str) -> str:
    return value.strip().lower().replace("'", "’")


def check_office_article(value: str, settings: dict) -> str | None:
    """Why OFFICE_NAME_ARTICLE cannot be used with the publisher's name, or None."""
    article = normalise_article(value)
    if article not in ARTICLES:
        return (f"« {value} » inconnu : l'article qui précède le nom de l'éditeur (PUBLISHER, « name ») "
                "dans une phrase, « l’ » (l’Office de Tourisme), « le » (le Syndicat d’initiative), "
                "« la » (la Maison du tourisme), « les », ou \"\" si le nom n'en prend pas")
    publisher = settings.get("PUBLISHER")
    name = publisher.get("name") if isinstance(publisher, dict) else None
    if not isinstance(name, str) or not name.strip():
        return None  # PUBLISHER's own check names the problem
    name = name.strip()
    if article and _STARTS_WITH_ARTICLE.match(name):
        return (f"le nom de l'éditeur « {name} » commence déjà par un article : écrivez-le sans "
                "article dans PUBLISHER (« name ») et l'article ici seulement")
    first = name[0].lower()
    if article == "l’" and first not in _VOWELS + "h":
        return (f"« l’ » ne s'écrit que devant une voyelle ou un h muet : devant « {name} », "
                "écrivez « le » ou « la »")
    if article in ("le", "la") and first in _VOWELS:
        return f"devant « {name} », « {article} » s'élide : écrivez « l’ » (« l’{name} »)"
    return None


def office_name(settings: dict) -> str:
    """The publisher's name with its article, as sentences use it: « l’Office de Tourisme… »."""
    article = normalise_article(settings["OFFICE_NAME_ARTICLE"])
    name = settings["PUBLISHER"]["name"].strip()
    return f"{article}{name}" if article in ("l’", "") else f"{article} {name}"
