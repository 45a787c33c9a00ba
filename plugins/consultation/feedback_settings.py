"""FEEDBACK_BACKEND checked before anything is built, with French messages."""

from __future__ import annotations

import re

from core.problems import Problem, setting_problem

from .feedback import DEFAULT_BACKEND, MAILTO, PLACEHOLDERS

_VARIABLES = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
_VARIABLES_OR = "{id}, {title} ou {url}"
# https://, then a host name (no placeholder in it), then anything without spaces.
_HTTPS = re.compile(r"https://[^\s/?#{}]+(?:[/?#]\S*)?\Z")
_BRACES = re.compile(r"\{([^{}]*)\}|[{}]")


def _problem(message: str) -> Problem:
    return setting_problem("FEEDBACK_BACKEND", message)


def template_problems(template: str) -> list[str]:
    """Why a URL template cannot be used (French reasons), or []."""
    reasons = []
    if not _HTTPS.match(template):
        reasons.append(f"adresse « {template} » invalide : elle doit commencer par https:// suivi du nom "
                       "du site, sans espace")
    for found in _BRACES.finditer(template):
        where = f"(caractère {found.start() + 1})"
        if found.group(0) == "{":
            reasons.append(f"accolade « {{ » non fermée {where} : les variables s'écrivent {_VARIABLES_OR}")
        elif found.group(0) == "}":
            reasons.append(f"accolade « }} » sans accolade ouvrante {where} : les variables s'écrivent "
                           f"{_VARIABLES_OR}")
        elif found.group(1) not in PLACEHOLDERS:
            reasons.append(f"variable « {found.group(0)} » inconnue : variables possibles : {_VARIABLES}")
    if "{id}" not in template and "{url}" not in template:
        reasons.append(f"« {template} » ne contient ni {{id}} ni {{url}} : sans eux, une réaction ne peut "
                       "pas être rattachée à son constat")
    return reasons


def check_feedback_settings(settings: dict) -> list[Problem]:
    backend = settings.get("FEEDBACK_BACKEND", DEFAULT_BACKEND)
    if backend == MAILTO:
        email = settings.get("CONTACT_EMAIL")
        if not isinstance(email, str) or not email.strip():
            return [_problem("« mailto » envoie les réactions à l'adresse CONTACT_EMAIL, qui n'est pas "
                             "renseignée : renseignez CONTACT_EMAIL ou indiquez l'adresse d'un formulaire "
                             "(https://…)")]
        return []
    if not isinstance(backend, str) or not backend.strip():
        return [_problem(f"« {backend} » invalide : écrivez \"mailto\" ou une adresse https:// "
                         f"contenant {_VARIABLES_OR}")]
    if backend.lower().startswith("mailto:"):
        return [_problem(f"« {backend} » : écrivez seulement \"mailto\" ; les réactions partent alors à "
                         "l'adresse CONTACT_EMAIL")]
    return [_problem(reason) for reason in template_problems(backend)]
