"""Projects (data/projects.yml): schema, labels, and checks against axes and findings."""

from __future__ import annotations

import difflib

from core.problems import Problem
from plugins.site_data.schema import (
    Boolean,
    Choice,
    Field,
    Id,
    ListOf,
    Mapping,
    MonthOrDate,
    Text,
    check_unique,
)

PRIORITIES = {"prioritaire": "Projets prioritaires", "long-terme": "À plus long terme"}
STATUSES = {"a-lancer": "À lancer", "en-cours": "En cours", "realise": "Réalisé"}

PROJECTS_SCHEMA = ListOf(Mapping({
    "id": Field(Id()),
    "title": Field(Text(max_length=160)),
    "axis": Field(Id()),
    "priority": Field(Choice(tuple(PRIORITIES))),
    "start": Field(MonthOrDate()),
    "end": Field(MonthOrDate(), required=False),
    "status": Field(Choice(tuple(STATUSES))),
    "lead": Field(Text(max_length=200), required=False),
    "partners": Field(ListOf(Text(max_length=200)), required=False),
    "findings": Field(ListOf(Id()), required=False),
    "summary": Field(Text(max_length=800)),
    "illustrative": Field(Boolean(), required=False),  # dates and status not from the founding text
}))


def check_projects(projects, checker) -> None:
    """Checks within the file: unique ids, end not before start, a finding listed once."""
    check_unique(projects, "id", checker, "identifiant de projet")
    for project in projects:
        if project["end"] is not None and project["end"].last_day < project["start"].first_day:
            checker.problems.append(Problem(checker.path, project.lines["end"], None, (
                f"le projet « {project['id']} » se termine avant de commencer "
                f"(fin {project['end'].iso}, début {project['start'].iso})")))
        findings = project["findings"] or []
        for index, finding_id in enumerate(findings):
            if finding_id in findings[:index]:
                checker.problems.append(Problem(checker.path, *findings.marks[index], (
                    f"le constat « {finding_id} » est cité deux fois dans le projet « {project['id']} »")))


def reference_problems(projects, axis_ids: set[str], finding_ids: set[str]) -> list[Problem]:
    """Projects must name existing axes and findings; messages point at the offending key."""
    problems = []
    for project in projects or []:
        if project["axis"] not in axis_ids:
            problems.append(Problem(project.path, *project.marks["axis"], (
                f"axe « {project['axis']} » inconnu : axes déclarés dans content/axes/ : "
                f"{', '.join(sorted(axis_ids)) or 'aucun'}")))
        findings = project["findings"] or []
        for finding_id, mark in zip(findings, getattr(findings, "marks", [])):
            if finding_id not in finding_ids:
                close = difflib.get_close_matches(finding_id, finding_ids, n=1)
                hint = f" ; vouliez-vous écrire « {close[0]} » ?" if close else ""
                problems.append(Problem(project.path, *mark, (
                    f"constat « {finding_id} » inconnu (projet « {project['id']} ») : aucun constat n'a cet "
                    f"identifiant{hint}")))
    return problems
