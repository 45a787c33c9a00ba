"""Adds to each finding what the consultation knows: window and state, feedback link,
feedback count, outcome. Runs on findings_ready, before the findings are rendered."""

from __future__ import annotations

from core.build_clock import today
from core.problems import Problem, abort_on

from .hub import mark_first_buttons, site_consultation
from .outcomes import paragraphs, unknown_findings
from .window import article_window, phase_window


def feedback_problems(feedback: dict, known: set[str], data_dir_hint: str = "data/feedback") -> list[Problem]:
    """Imported feedback files must name existing findings (their file name is the finding id)."""
    return [Problem(f"{data_dir_hint}/{stem}.yml", None, None, (
        f"constat « {stem} » inconnu : ce fichier de réactions ne correspond à aucun constat"))
        for stem in sorted(feedback) if stem not in known]


def enrich(generator, feedback_for) -> None:
    """`feedback_for(finding_id, title, url)` gives the feedback link and the (subject, body) of the
    prepared e-mail, or None with a form (consultation.feedback.finding_feedback)."""
    context, settings = generator.context, generator.settings
    findings = context["FINDINGS"]
    known = {finding.id for finding in findings}
    data = context["DATA"]
    default = phase_window(data["phases"], settings["FINDINGS_PHASE"])
    outcomes = {o["finding"]: o for o in data.get("outcomes") or []}
    feedback = data.get("feedback") or {}
    problems = unknown_findings(data.get("outcomes"), known) + feedback_problems(feedback, known)
    day = today()
    windows, urls = {}, {}
    for finding in findings:
        article = finding.article
        if article.source_path not in windows:
            windows[article.source_path], found = article_window(article, default)
            urls[article.source_path] = article.url  # Pelican formats it anew at every call
            problems.extend(found)
        window = windows[article.source_path]
        outcome = outcomes.get(finding.id)
        href, message = feedback_for(finding.id, finding.title, f"{urls[article.source_path]}#{finding.id}")
        finding.extra.update(
            phase=settings["FINDINGS_PHASE"],
            window=window,
            state=window.state(day) if window else None,
            feedback_href=href,
            feedback_message=message,
            feedback_count=(feedback.get(finding.id) or {}).get("count", 0),
            excerpts=(feedback.get(finding.id) or {}).get("excerpts") or [],
            outcome=outcome and {
                "you_said": outcome["you_said"], "we_did": outcome["we_did"],
                "you_said_paragraphs": paragraphs(outcome["you_said"]),
                "we_did_paragraphs": paragraphs(outcome["we_did"]),
            },
        )
    abort_on(problems, "consultation invalide")
    mark_first_buttons(findings)
    context["CONSULTATION"] = site_consultation(findings, data["phases"], settings["FINDINGS_PHASE"], default,
                                                day, settings)
