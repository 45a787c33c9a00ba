"""The phases schema and their states (passée, en cours, à venir)."""

from __future__ import annotations

import datetime

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
STATE_LABELS = {PAST: "Terminée", CURRENT: "En cours", FUTURE: "À venir"}


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
    return [dict(phase, state=state_of(phase, today), state_label=STATE_LABELS[state_of(phase, today)])
            for phase in phases]
