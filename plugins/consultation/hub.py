"""The consultation of the whole site, for the templates that invite residents to take part.

`CONSULTATION` (context, set on findings_ready): the window of FINDINGS_PHASE, its state today,
how many findings residents may react to, the phase's title, and whether the feedback goes by
e-mail. The home page's call, the banner of every page, /constats/ and the timelines show it;
static/js/today.js re-checks the state in the browser from the window's ISO dates.
"""

from __future__ import annotations

from dataclasses import dataclass

from .feedback import MAILTO
from .window import Window


@dataclass(frozen=True)
class SiteConsultation:
    window: Window | None
    state: str | None  # window.py: « avant », « ouverte », « close »
    findings: int  # findings residents may react to in that window
    reactions: int  # reactions imported so far, all findings together
    phase_title: str
    by_email: bool

    @property
    def to_the_findings(self) -> str:
        """« au constat », « aux 8 constats », « aux constats » (réagir …): never « aux 0 constats »."""
        if self.findings in (0, 1):
            return "au constat" if self.findings else "aux constats"
        return f"aux {self.findings}\u00a0constats"


def site_consultation(findings, phases, phase_id: str, window: Window | None, day, settings) -> SiteConsultation:
    phase = next((p for p in phases if p["id"] == phase_id), {})
    count = sum(1 for finding in findings if window and finding.extra.get("window") == window)
    reactions = sum(finding.extra.get("feedback_count", 0) for finding in findings)
    return SiteConsultation(window=window, state=window.state(day) if window else None, findings=count,
                            reactions=reactions, phase_title=phase.get("title", ""),
                            by_email=settings.get("FEEDBACK_BACKEND", MAILTO) == MAILTO)


def mark_first_buttons(findings) -> None:
    """The privacy notice goes once per page, beside the first « Réagir » button of an article;
    the other buttons of that article point to it."""
    seen = set()
    for finding in findings:
        article = finding.article.source_path
        first = finding.extra.get("window") is not None and article not in seen
        finding.extra["notice_here"] = first
        if first:
            seen.add(article)
