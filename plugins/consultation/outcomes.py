"""What the office heard and did, per finding (data/outcomes.yml), and feedback counts."""

from __future__ import annotations

from core.problems import Problem
from plugins.site_data.schema import Field, Id, ListOf, Mapping, Text, check_unique

OUTCOMES_SCHEMA = ListOf(Mapping({
    "finding": Field(Id()),
    "you_said": Field(Text(max_length=4000)),
    "we_did": Field(Text(max_length=4000)),
}))


def check_outcomes(outcomes, checker) -> None:
    check_unique(outcomes, "finding", checker, "réponse au constat")


def unknown_findings(outcomes, known: set[str]) -> list[Problem]:
    """Outcomes naming a finding that does not exist, at the line of its `finding:` key."""
    problems = []
    for outcome in outcomes or []:
        if outcome["finding"] not in known:
            problems.append(Problem(outcome.path, outcome.lines["finding"], None, (
                f"constat « {outcome['finding']} » inconnu : aucun constat n'a cet identifiant")))
    return problems


def paragraphs(text: str) -> list[str]:
    """A YAML text as paragraphs (blank lines separate them)."""
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]
