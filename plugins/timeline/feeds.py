"""The phases as open data and as a calendar, for reusers and partners (stable URLs):

- /donnees/phases.json: the phases as written in data/phases.yml, with their first and last days
  and their state on the day the site was built;
- /donnees/phases-timelinejs.json: the same phases in Knight Lab's TimelineJS3 JSON format;
- /donnees/phases.ics: an iCalendar feed, one all-day event per phase (see ical.py), to
  subscribe to with its webcal: address.

All three are one dataset « phases » on the page /donnees/ (core/open_data.py), published when
the context is generated (before Pelican writes the pages), written in generate_output.
Settings: PHASES_JSON_URL, PHASES_TIMELINEJS_URL, PHASES_ICS_URL, TIMELINE_PAGE_URL,
PUBLIC_SITEURL, OPEN_DATA_LICENCE, SITENAME. Context added: PHASES_FEEDS (absolute URLs of the
files and the webcal: address), and for the partner page PARTNER_SNIPPETS(EMBED) (partners.py).
"""

from __future__ import annotations

import functools
import html

from pelican.generators import Generator

from core.build_clock import now
from core.open_data import DataFile, Dataset, Field, absolute_url, json_bytes, json_payload, publish, write_files
from plugins.french_format.filters import period_text_fr

from .ical import calendar_bytes, webcal_url
from .links import link_url
from .partners import snippets
from .phases import CURRENT, FUTURE, PAST

FIELDS = [
    Field("id", "identifiant", "Identifiant de la phase, qui ne change jamais."),
    Field("titre", "texte", "Titre de la phase."),
    Field("debut", "mois ou date", "Début de la phase tel qu’il est annoncé : un mois (AAAA-MM, ex. 2016-03) "
                                   "ou un jour (AAAA-MM-JJ)."),
    Field("fin", "mois ou date", "Fin de la phase telle qu’elle est annoncée, même format ; null si aucune fin "
                                 "n’est annoncée (la phase se poursuit)."),
    Field("debut_jour", "date", "Premier jour de la phase (AAAA-MM-JJ) : le 1er du mois quand le début est un mois."),
    Field("fin_jour", "date", "Dernier jour de la phase, inclus (AAAA-MM-JJ) : le dernier jour du mois quand la "
                              "fin est un mois ; null si aucune fin n’est annoncée."),
    Field("resume", "texte", "Ce qui se fait pendant la phase."),
    Field("lien", "adresse web", "Adresse de la page qui présente la phase ; null s’il n’y en a pas."),
    Field("consultation", "objet", "La consultation des habitants pendant la phase : «\u00a0ouverture\u00a0» et "
                                   "«\u00a0cloture\u00a0», premier et dernier jour inclus (AAAA-MM-JJ) ; null si la "
                                   "phase n’a pas de consultation."),
    Field("etat", "texte", (f"«\u00a0{PAST}\u00a0», «\u00a0{CURRENT}\u00a0» ou «\u00a0{FUTURE}\u00a0» : "
                            "l’état de la phase le jour où le site a été mis à jour, pas forcément aujourd’hui ; "
                            "pour l’état du jour, comparez la date du jour à debut_jour et fin_jour.")),
]


def phase_record(phase: dict, settings: dict) -> dict:
    """One phase of PHASES (with its state) as a record: the keys of FIELDS, in their order."""
    window = phase.get("consultation")
    return {
        "id": phase["id"],
        "titre": phase["title"],
        "debut": phase["start"].iso,
        "fin": phase["end"].iso if phase["end"] is not None else None,
        "debut_jour": phase["start"].first_day.isoformat(),
        "fin_jour": phase["end"].last_day.isoformat() if phase["end"] is not None else None,
        "resume": phase["summary"],
        "lien": link_url(phase, settings),
        "consultation": ({"ouverture": window["opens"].isoformat(), "cloture": window["closes"].isoformat()}
                         if window is not None else None),
        "etat": phase["state"],
    }


def _timelinejs_date(partial) -> dict:
    """A TimelineJS date object, as precise as written: a month has no day."""
    date = {"year": partial.year, "month": partial.month}
    if partial.day:
        date["day"] = partial.day
    return date


def timelinejs_payload(phases: list[dict], settings: dict) -> dict:
    """The TimelineJS3 JSON format (timeline.knightlab.com/docs/json-format.html): a title slide and
    one slide per phase. Headlines and texts are HTML there, so our plain texts are escaped; the
    French period (period_fr as text) goes in display_date (TimelineJS would write English dates)."""
    events = []
    for phase in phases:
        text = f"<p>{html.escape(phase['summary'], quote=False)}</p>"
        link = link_url(phase, settings)
        if link:
            text += f'<p><a href="{html.escape(link)}">En savoir plus</a></p>'
        event = {"start_date": _timelinejs_date(phase["start"])}
        if phase["end"] is not None:
            event["end_date"] = _timelinejs_date(phase["end"])
        event["display_date"] = period_text_fr(phase["start"], phase["end"])
        event["text"] = {"headline": html.escape(phase["title"], quote=False), "text": text}
        event["unique_id"] = phase["id"]
        events.append(event)
    site = html.escape(settings["SITENAME"], quote=False)
    licence = html.escape(settings["OPEN_DATA_LICENCE"]["title"], quote=False)
    return {
        "title": {"text": {
            "headline": site,
            "text": (f"<p>Les étapes de la démarche «\u00a0{site}\u00a0». Licence\u00a0: {licence}, "
                     f'source\u00a0: <a href="{html.escape(absolute_url(settings, ""))}">{site}</a>.</p>'),
        }},
        "events": events,
    }


def phases_dataset(phases: list[dict], settings: dict, stamp) -> Dataset:
    records = [phase_record(phase, settings) for phase in phases]
    ics_url = settings["PHASES_ICS_URL"]
    return Dataset(
        id="phases",
        title="Les phases de la démarche",
        description=("Les étapes de la démarche, dans l’ordre, avec leurs dates telles qu’elles sont annoncées "
                     "(un mois ou un jour), leur premier et leur dernier jour, la consultation des habitants "
                     "et leur état le jour de la mise à jour du site (liste «\u00a0phases\u00a0» du fichier JSON). "
                     "Les mêmes phases existent au format de la frise TimelineJS, et en calendrier iCalendar : "
                     "une journée entière par phase, du premier au dernier jour ; une phase sans fin annoncée "
                     "y figure le jour de son début, avec «\u00a0à partir de\u00a0» dans son titre. Abonnez votre "
                     "agenda à l’adresse webcal pour suivre les changements de dates."),
        fields=FIELDS,
        files=[
            DataFile(settings["PHASES_JSON_URL"], "JSON", json_bytes(json_payload(settings, "phases", records))),
            DataFile(settings["PHASES_TIMELINEJS_URL"], "JSON",
                     json_bytes(timelinejs_payload(phases, settings)), note="format TimelineJS"),
            DataFile(ics_url, "iCalendar", calendar_bytes(phases, settings, stamp),
                     subscribe_url=webcal_url(absolute_url(settings, ics_url))),
        ],
    )


class PhasesFeedsGenerator(Generator):
    """Publishes the dataset « phases » while contexts are generated, writes its files at the end."""

    def generate_context(self):
        phases = self.context.get("PHASES", [])
        self.dataset = phases_dataset(phases, self.settings, now())
        publish(self.context, self.dataset)
        ics = absolute_url(self.settings, self.settings["PHASES_ICS_URL"])
        self.context["PHASES_FEEDS"] = {
            "json": absolute_url(self.settings, self.settings["PHASES_JSON_URL"]),
            "timelinejs": absolute_url(self.settings, self.settings["PHASES_TIMELINEJS_URL"]),
            "ics": ics,
            "webcal": webcal_url(ics),
        }
        # The partner page (/partenaires/) calls it with EMBED (embed.py) when it is written.
        self.context["PARTNER_SNIPPETS"] = functools.partial(snippets, self.settings)

    def generate_output(self, writer):
        write_files(self.output_path, self.dataset)


def get_generators(pelican_obj):
    return PhasesFeedsGenerator
