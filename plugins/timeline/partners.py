"""The code partners paste on their own sites (page /partenaires/, template partenaires.html).

The timeline's snippets (WordPress address, iframe, script with its integrity hash) are the embed
pages' own (EMBED, set by embed.py: the same markup as the oEmbed answers), in French and in
English; the calendar's are the webcal: and https: addresses of /donnees/phases.ics. Every address
is absolute, on PUBLIC_SITEURL: the snippets leave this site. The template calls
PARTNER_SNIPPETS(EMBED) when the pages are written, once every generator has set its context.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.open_data import absolute_url

from .ical import webcal_url

TIMELINE_SNIPPETS = [  # (key in EMBED[lang]["snippets"], label of the copy button)
    ("wordpress", "Copier l’adresse pour WordPress"),
    ("iframe", "Copier le code iframe"),
    ("script", "Copier le code script"),
]


@dataclass(frozen=True)
class Snippet:
    id: str  # its block on the page is #code-<id>
    label: str  # the copy button's text, which names the snippet: « Copier le code iframe »
    code: str  # exactly what the partner pastes


def snippets(settings: dict, embed: dict) -> dict[str, Snippet]:
    """Every snippet of the page by id: wordpress, iframe, script, webcal, ics, then the English
    timeline's wordpress-en, iframe-en, script-en."""
    found = [Snippet(key, label, embed["fr"]["snippets"][key]) for key, label in TIMELINE_SNIPPETS]
    ics = absolute_url(settings, settings["PHASES_ICS_URL"])
    found += [Snippet("webcal", "Copier l’adresse d’abonnement au calendrier", webcal_url(ics)),
              Snippet("ics", "Copier l’adresse https du calendrier", ics)]
    found += [Snippet(f"{key}-en", f"{label} (version anglaise)", embed["en"]["snippets"][key])
              for key, label in TIMELINE_SNIPPETS]
    return {snippet.id: snippet for snippet in found}
