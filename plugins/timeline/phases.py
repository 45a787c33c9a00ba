"""The phases schema and their states (passée, en cours, à venir)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from core.problems import Problem
from plugins.site_data.schema import Date, Field, Id, ListOf, Mapping, MonthOrDate, Text, Url, check_unique

# A consultation on the findings of a phase: residents may react from `opens` to `closes` included.
CONSULTATION_SCHEMA = Mapping({
    "opens": Field(Date()),
    "closes": Field(Date()),
})

PHASES_SCHEMA = ListOf(Mapping({
    "id": Field(Id()),
    "title": Field(Text(max_length=120)),
    "start": Field(MonthOrDate()),
    "end": Field(MonthOrDate(), required=False),
    "summary": Field(Text(max_length=600)),
    "link": Field(Url(), required=False),
    "consultation": Field(CONSULTATION_SCHEMA, required=False),
}), min_items=1)

PAST, CURRENT, FUTURE = "passee", "en-cours", "a-venir"


@dataclass(frozen=True)
class PhaseState:
    """A state of a phase: the one table of their names, labels and browser rule."""

    id: str  # phase["state"]; CSS class badge-<id>; « etat » of /donnees/phases.json
    when: str  # data-when of its label: theme/static/js/today.js shows it before, during or after the dates
    fr: str  # label on the site and the French embed
    en: str  # label on the English embed

    def label(self, lang: str) -> str:
        return getattr(self, lang)


# In the order the labels are written in the pages (templates: PHASE_STATES).
PHASE_STATES = (
    PhaseState(FUTURE, "before", "À venir", "Upcoming"),
    PhaseState(CURRENT, "during", "En cours", "Ongoing"),
    PhaseState(PAST, "after", "Terminée", "Completed"),
)
STATES_BY_ID = {state.id: state for state in PHASE_STATES}
# The residents' consultation inside a phase (`consultation:`): the same rule on its own dates.
# Ids as plugins/consultation/window.py names the states of a window.
CONSULTATION_STATES = (
    PhaseState("avant", "before", "à venir", "upcoming"),
    PhaseState("ouverte", "during", "ouverte", "open"),
    PhaseState("close", "after", "close", "closed"),
)


def consultation_state_of(window, today: datetime.date) -> str | None:
    if window is None:
        return None
    if today < window["opens"]:
        return "avant"
    return "ouverte" if today <= window["closes"] else "close"


def check_phases(phases, checker) -> None:
    check_unique(phases, "id", checker, "identifiant de phase")
    for phase in phases:
        window = phase["consultation"]
        if window is not None and window["closes"] < window["opens"]:
            checker.problems.append(Problem(checker.path, window.lines["closes"], None, (
                f"la consultation de la phase « {phase['id']} » se termine avant d'ouvrir "
                f"(ouverture {window['opens'].isoformat()}, clôture {window['closes'].isoformat()})")))
        if phase["end"] is not None and phase["end"].last_day < phase["start"].first_day:
            checker.problems.append(Problem(checker.path, phase.lines["end"], None, (
                f"la phase « {phase['id']} » se termine avant de commencer "
                f"(fin {phase['end'].iso}, début {phase['start'].iso})")))


def state_of(phase, today: datetime.date) -> str:
    if today < phase["start"].first_day:
        return FUTURE
    if phase["end"] is not None and today > phase["end"].last_day:
        return PAST
    return CURRENT


def with_states(phases, today: datetime.date) -> list[dict]:
    """Each phase with its state on `today` (`state`, its id), the French label (`state_label`) and
    the state of its residents' consultation if it has one (`consultation_state`)."""
    found = []
    for phase in phases:
        state = STATES_BY_ID[state_of(phase, today)]
        found.append(dict(phase, state=state.id, state_label=state.fr,
                          consultation_state=consultation_state_of(phase.get("consultation"), today)))
    return found
