"""`invoke check`: everything the build validates, plus the built site's links, anchors and alt texts.

Fast: the strict build with the local settings (pelicanconf.py) into a temporary folder,
stopping at the first stage with problems (data, contents, references: the build's own
French `file:line:col` messages). When the build is clean, its HTML is read back and every
internal link, `#anchor` and `<img>` is checked (links.py). output/ is never touched.
The publication gate (gate.py) runs the same checks on the publishconf.py build. Placeholders
that must not go live (example addresses, « À compléter », legal details: placeholders.py) are
listed before the verdict, as warnings: `check` still succeeds, the gate refuses them.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pelican import signals

from core.problems import Problem

from .links import LinkReport, SiteLinks
from .placeholders import find_placeholders
from .repository_files import content_folder, people_files_in_repository

PLACEHOLDERS_HEADING = "À compléter avant publication"


@dataclass
class CheckResult:
    build_problems: list[Problem] = field(default_factory=list)
    # Files about people the git repository holds or would take (repository_files.py): nothing is built.
    repository_problems: list[Problem] = field(default_factory=list)
    links: LinkReport | None = None
    settings: dict = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    # Found once the build is clean; warnings for `check`, refused by the gate unless demo.
    placeholders: list[Problem] = field(default_factory=list)
    waiting: str | None = None  # excerpts of the feedback waiting for a reading (`check` only)

    @property
    def demo(self) -> bool:
        """DEMO_SITE: the engine's demonstration site, published with its placeholders."""
        return self.settings.get("DEMO_SITE") is True

    @property
    def problems(self) -> list[Problem]:
        return self.repository_problems + self.build_problems + (self.links.problems if self.links else [])

    @property
    def ok(self) -> bool:
        return not self.problems


def recording_build() -> tuple[dict, list]:
    """What a build should record: its final settings and, per output file, the Markdown source
    it renders; the (signal, receiver) pairs to give to site_build.build(observers=…)."""
    record = {"settings": {}, "sources": {}}

    def on_initialized(pelican_obj):
        record["settings"] = pelican_obj.settings

    def on_written(path, context):
        content = context.get("article") or context.get("page")
        source = getattr(content, "source_path", None)
        name = context.get("output_file")
        if source and name:
            record["sources"][name.replace(os.sep, "/")] = source

    return record, [(signals.initialized, on_initialized), (signals.content_written, on_written)]


def data_dir(settings: dict) -> str:
    """data/ (DATA_PATH is relative to content/'s parent, as plugins/site_data does)."""
    folder = settings.get("DATA_PATH", "data")
    if not os.path.isabs(folder) and settings.get("PATH"):
        folder = os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), folder)
    return folder


def data_files(settings: dict) -> list[str]:
    """The YAML files of data/ the build reads (not the review queue of the feedback, never read)."""
    folder = data_dir(settings)
    return sorted(str(path) for path in Path(folder).rglob("*.yml")
                  if "a-relire" not in path.relative_to(folder).parts) if os.path.isdir(folder) else []


def review_queue(settings_file: str, settings: dict) -> tuple[str | None, list[Problem]]:
    """The excerpts of the feedback waiting for a reading (a line for the report), and the problems of
    the queue: unreadable (plugins/consultation/review.py), or not ignored by git (repository_files.py)."""
    from plugins.consultation.review import waiting_line

    from .repository_files import unignored_queues

    line, problems = waiting_line(os.path.join(data_dir(settings), "feedback"))
    return line, problems + unignored_queues(os.path.dirname(os.path.abspath(settings_file)))


def site_url(settings: dict) -> str:
    """Where the site lives: SITEURL when absolute (publication), else PUBLIC_SITEURL, so that a
    local check also catches a link that would leave the site's folder once published."""
    return settings.get("SITEURL") or settings.get("PUBLIC_SITEURL") or ""


def build_and_check(settings_file: str, output: str, overrides: dict | None = None) -> CheckResult:
    """Strict build into `output` (a folder the caller owns), then the link checks if it is clean."""
    from site_build import build

    record, observers = recording_build()
    built = build(settings_file, output, overrides, observers)
    result = CheckResult(build_problems=list(built.problems), settings=record["settings"],
                         sources=record["sources"])
    if built.ok:
        checker = SiteLinks(output, site_url(result.settings), result.sources, data_files(result.settings),
                            site_root_pages=site_root_pages(result.settings))
        result.links = checker.check()
        result.placeholders = find_placeholders(settings_file, result.settings, overrides)
    return result


def site_root_pages(settings: dict) -> list[str]:
    """The pages written with links from the site's root whatever RELATIVE_URLS says (the 404 page,
    plugins/discovery/not_found.py): in a local build (SITEURL empty) they start with `/`."""
    page = settings.get("NOT_FOUND_SAVE_AS")
    return [page] if page and not settings.get("SITEURL") else []


def check_site(settings_file: str, overrides: dict | None = None) -> CheckResult:
    """`invoke check`: the build and the link checks in a temporary folder, removed afterwards; first,
    no file about people in the project's git repository (nothing is built while there is one)."""
    content = content_folder(settings_file, overrides)
    if content:
        refused = people_files_in_repository(os.path.dirname(os.path.abspath(content)), content)
        if refused:
            return CheckResult(repository_problems=refused)
    workdir = tempfile.mkdtemp(prefix="lvas-verification-")
    try:
        result = build_and_check(settings_file, os.path.join(workdir, "site"), overrides)
        result.waiting, problems = review_queue(settings_file, result.settings)
        result.build_problems += problems
        return result
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def plural(count: int, word: str, plural_word: str | None = None) -> str:
    return f"{count} {word if count < 2 else (plural_word or word + 's')}"


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    from core.problems import display_path

    return sorted(problems, key=lambda p: (display_path(p.path), p.line or 0, p.col or 0, p.message))


def placeholder_lines(placeholders: list[Problem], demo: bool) -> list[str]:
    """The warnings: a heading « À compléter avant publication », then one line each."""
    if not placeholders:
        return []
    count = plural(len(placeholders), "point")
    if demo:
        heading = (f"{PLACEHOLDERS_HEADING} ({count}) : site de démonstration (DEMO_SITE = True), publié quand "
                   "même, avec le bandeau « Site de démonstration » sur chaque page :")
    else:
        heading = (f"{PLACEHOLDERS_HEADING} ({count}) : python3 manage.py publish refusera de publier le site "
                   "tant qu'il en reste :")
    return [heading, *(str(problem) for problem in placeholders)]


def format_report(result: CheckResult) -> tuple[str, bool]:
    """The French report and whether it is a success: the problems, the placeholders (warnings,
    never a failure of `check`), then the verdict, each part after a blank line."""
    if result.repository_problems:
        return "\n".join([*map(str, sorted_problems(result.repository_problems)), "", (
            f"Échec de la vérification : {plural(len(result.repository_problems), 'fichier')} de données "
            "personnelles à retirer du dépôt (le site sera construit et vérifié une fois ceux-ci retirés).")]), False
    lines = [str(problem) for problem in sorted_problems(result.build_problems)]
    if result.build_problems:
        lines += ["", (f"Échec de la vérification : {plural(len(result.build_problems), 'problème')} à corriger "
                       "dans les données ou les contenus (les liens seront vérifiés une fois ceux-ci corrigés).")]
        return "\n".join(lines), False
    links = result.links
    lines += [str(problem) for problem in sorted_problems(links.problems)]
    counted = (f"{plural(links.pages, 'page')}, {plural(links.internal_links, 'lien interne', 'liens internes')}, "
               f"{plural(links.anchors, 'ancre')}")
    warnings = placeholder_lines(result.placeholders, result.demo) + ([result.waiting] if result.waiting else [])
    if warnings:
        lines += [""] * bool(lines) + warnings
    listed = (f" ; {plural(len(result.placeholders), 'point')} à compléter avant publication, listés ci-dessus"
              if result.placeholders else "")
    if links.problems:
        lines += ["", f"Échec de la vérification : {plural(len(links.problems), 'problème')} à corriger "
                      f"({counted} vérifiés){listed}."]
        return "\n".join(lines), False
    lines += [""] * bool(lines)
    lines.append(f"Vérification réussie : aucun problème ({counted} vérifiés ; "
                 f"{plural(links.external_links, 'lien externe', 'liens externes')} non visités){listed}.")
    return "\n".join(lines), True


def run(settings_file: str, overrides: dict | None = None, stream=None) -> int:
    """Print the report (stderr for problems, stdout for success) and return the exit code."""
    result = check_site(settings_file, overrides)
    text, ok = format_report(result)
    print(text, file=stream or (sys.stdout if ok else sys.stderr))
    return 0 if ok else 1
