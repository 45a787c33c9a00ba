"""The roadmap /feuille-de-route/ (« Feuille de route »): every project on a calendar of semesters.

Pure functions place each project on the chart (a CSS grid, one column per semester: the
template only writes what is computed here); RoadmapGenerator writes the page and the open
data of the strategy (/donnees/axes.json, /donnees/projets.json|csv, see open_data.py).

Semesters: S1 is January to June, S2 July to December. A date known to the month counts
as that month (an end « 2017-06 » is in S1 2017); a date known to the day as its month.
The chart runs from the earliest start to the latest end (or start, for a project without
end); a project without end runs to the last column, marked open-ended.

Settings: ROADMAP_URL / ROADMAP_SAVE_AS. Context read: PROJECTS, PROJECT_PRIORITIES, AXES
(plugins/strategy/context.py, on findings_ready). Template: feuille-de-route.html, with
`roadmap` (see `roadmap()`).
"""

from __future__ import annotations

import datetime

from pelican.generators import Generator

from core.open_data import publish, write_files

from .open_data import axes_dataset, projects_dataset

Semester = tuple[int, int]  # (year, half): (2016, 1) is January–June 2016


def semester_of(date) -> Semester:
    """The semester of a date, or of a month (anything with `year` and `month`: a PartialDate)."""
    return (date.year, 1 if date.month <= 6 else 2)


def next_semester(semester: Semester) -> Semester:
    year, half = semester
    return (year, 2) if half == 1 else (year + 1, 1)


def semester_label(semester: Semester) -> str:
    """« 1er semestre 2016 », « 2e semestre 2016 »."""
    year, half = semester
    return f"{'1er' if half == 1 else '2e'} semestre {year}"


def semester_range(projects) -> list[Semester]:
    """Every semester from the earliest start to the latest end (a project without end counts
    by its start), consecutive, in order; empty without projects."""
    if not projects:
        return []
    first = min(semester_of(p["start"]) for p in projects)
    last = max(semester_of(p["start"] if p.get("end") is None else p["end"]) for p in projects)
    semesters = [first]
    while semesters[-1] < last:
        semesters.append(next_semester(semesters[-1]))
    return semesters


def bar(project, semesters: list[Semester]) -> tuple[int, int, bool]:
    """The project's bar over `semesters`: its first and last columns (1-based, inclusive) and
    whether it is open-ended (no end: it runs to the last column)."""
    first = semesters.index(semester_of(project["start"])) + 1
    if project.get("end") is None:
        return first, len(semesters), True
    return first, semesters.index(semester_of(project["end"])) + 1, False


def grid_column(first: int, last: int) -> str:
    """The CSS `grid-column` of a bar from column `first` to column `last` included: « 1 / 4 »."""
    return f"{first} / {last + 1}"


def chart_order(projects) -> list:
    """Projects as the chart lists them: by start, then by end (open-ended last), then as written."""
    def key(project):
        end = project.get("end")
        return (project["start"].first_day, end.last_day if end is not None else datetime.date.max)
    return sorted(projects, key=key)


def roadmap(projects, priorities) -> dict:
    """What the template draws: the semesters (one chart range for the whole page, so that
    charts line up) and, per priority, one row per project with its bar.

    {"semesters": [{"year", "half", "label"}], "illustrative": bool,
     "groups": [{"id", "label", "rows": [{"project", "first", "last", "open_ended", "grid_column"}]}]}
    """
    semesters = semester_range(projects)
    groups = []
    for priority in priorities:
        rows = []
        for project in chart_order(priority["projects"]):
            first, last, open_ended = bar(project, semesters)
            rows.append({"project": project, "first": first, "last": last, "open_ended": open_ended,
                         "grid_column": grid_column(first, last)})
        groups.append({"id": priority["id"], "label": priority["label"], "rows": rows})
    return {
        "semesters": [{"year": year, "half": half, "label": semester_label((year, half))} for year, half in semesters],
        "illustrative": any(project.get("illustrative") for project in projects),
        "groups": groups,
    }


class RoadmapGenerator(Generator):
    """/feuille-de-route/, and the datasets « axes » and « projets » of /donnees/."""

    def prepare(self):
        """At all_generators_finalized: projects are linked to axes and findings, and the page
        /donnees/ (written before our files) must list our datasets."""
        self.roadmap = roadmap(self.context["PROJECTS"], self.context["PROJECT_PRIORITIES"])
        self.datasets = [axes_dataset(self.context["AXES"], self.settings),
                         projects_dataset(self.context["PROJECTS"], self.settings)]
        for dataset in self.datasets:
            publish(self.context, dataset)

    def generate_output(self, writer):
        writer.write_file(self.settings["ROADMAP_SAVE_AS"], self.get_template("feuille-de-route"), self.context,
                          relative_urls=self.settings["RELATIVE_URLS"], url=self.settings["ROADMAP_URL"],
                          roadmap=self.roadmap)
        for dataset in self.datasets:
            write_files(self.output_path, dataset)
