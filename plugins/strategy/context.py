"""The strategy as templates see it: axes with their projects, projects with their
findings, and each finding with the projects that answer it."""

from __future__ import annotations

from core.problems import abort_on

from .axes import axes_of
from .projects import PRIORITIES, STATUSES, reference_problems


def build_strategy(generator) -> None:
    """On findings_ready: axes (pages) and findings are known, projects can be linked."""
    context = generator.context
    pages = context.get("pages", []) + context.get("hidden_pages", [])
    axis_pages, problems = axes_of(pages)
    projects = context["DATA"]["projects"] or []
    findings = context["FINDINGS_BY_ID"]
    problems += reference_problems(projects, {page.axis_id for page in axis_pages}, set(findings))
    abort_on(problems, "stratégie invalide")

    axes = [{"id": page.axis_id, "title": page.title, "ambition": page.metadata["ambition"],
             "url": page.url, "page": page, "projects": []} for page in axis_pages]
    by_id = {axis["id"]: axis for axis in axes}
    views = []
    for project in projects:
        view = dict(project, axis=by_id[project["axis"]], priority_label=PRIORITIES[project["priority"]],
                    status_label=STATUSES[project["status"]], partners=project["partners"] or [],
                    findings=[findings[f] for f in project["findings"] or []])
        views.append(view)
        view["axis"]["projects"].append(view)
    for axis in axes:
        axis["by_priority"] = [{"id": key, "label": label, "projects": [p for p in axis["projects"] if p["priority"] == key]}
                               for key, label in PRIORITIES.items()]
    answering: dict[str, list] = {finding.id: [] for finding in context["FINDINGS"]}
    for view in views:  # in the projects' order; a project lists a finding once (check_projects)
        for finding in view["findings"]:
            answering[finding.id].append(view)
    for finding in context["FINDINGS"]:
        finding.extra["projects"] = answering[finding.id]
    context["AXES"] = axes
    context["AXES_BY_ID"] = by_id
    context["PROJECTS"] = views
    context["PROJECT_PRIORITIES"] = [{"id": key, "label": label, "projects": [p for p in views if p["priority"] == key]}
                                     for key, label in PRIORITIES.items()]
    context["UNANSWERED_FINDINGS"] = [f for f in context["FINDINGS"] if not f.extra["projects"]]
