"""Consultation windows: when residents may react to a finding, and where today stands.

A window comes from the phase named by FINDINGS_PHASE (data/phases.yml,
`consultation: {opens, closes}`), or from an article's own metadata
`Consultation_opens:` / `Consultation_closes:`. States: « avant », « ouverte »,
« close »; the build computes them from "today" and a small script re-checks
them in the browser from the ISO dates written in data attributes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from core.problems import Problem, setting_problem

BEFORE, OPEN, CLOSED = "avant", "ouverte", "close"
OPENS_KEY, CLOSES_KEY = "consultation_opens", "consultation_closes"


@dataclass(frozen=True)
class Window:
    opens: datetime.date
    closes: datetime.date

    def state(self, today: datetime.date) -> str:
        if today < self.opens:
            return BEFORE
        return OPEN if today <= self.closes else CLOSED


def check_iso_date(value: str) -> str | None:
    """Metadata check (strict_content): a day, AAAA-MM-JJ."""
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return f"date « {value} » invalide : écrivez-la au format AAAA-MM-JJ (ex. 2016-04-30)"
    if len(value) != 10:
        return f"date « {value} » invalide : écrivez-la au format AAAA-MM-JJ (ex. 2016-04-30)"
    return None


def phase_problems(settings) -> list[Problem]:
    """FINDINGS_PHASE must name a phase of data/phases.yml."""
    ids = [phase["id"] for phase in settings["DATA"]["phases"]]
    if settings.get("FINDINGS_PHASE") in ids:
        return []
    return [setting_problem("FINDINGS_PHASE", (
        f"phase « {settings.get('FINDINGS_PHASE')} » absente de data/phases.yml (phases : {', '.join(ids)})"))]


def phase_window(phases, phase_id: str) -> Window | None:
    phase = next((p for p in phases if p["id"] == phase_id), None)
    window = phase and phase["consultation"]
    return Window(window["opens"], window["closes"]) if window else None


def article_window(article, default: Window | None) -> tuple[Window | None, list[Problem]]:
    """The article's own window if its metadata gives one (both dates), else the default."""
    metadata = article.metadata
    opens, closes = metadata.get(OPENS_KEY), metadata.get(CLOSES_KEY)
    if opens is None and closes is None:
        return default, []
    if opens is None or closes is None:
        missing = "Consultation_opens" if opens is None else "Consultation_closes"
        return default, [Problem(article.source_path, None, None, (
            f"métadonnée « {missing}: » manquante : une consultation propre à l'article a une date "
            "d'ouverture et une date de clôture"))]
    window = Window(datetime.date.fromisoformat(opens), datetime.date.fromisoformat(closes))
    if window.closes < window.opens:
        return default, [Problem(article.source_path, None, None, (
            f"la consultation se termine avant d'ouvrir (ouverture {opens}, clôture {closes})"))]
    return window, []
