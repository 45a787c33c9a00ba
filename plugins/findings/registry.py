"""All findings of the site: collected from the articles, unique ids, in reading order."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from core.plugin_settings import read_site_settings
from core.problems import Problem, display_path, read_markdown
from plugins.french_typography.typography import fix_text

from .block import FOOT, HEAD, slot
from .scan import FindingSource, scan
from .theme_ids import taken_anchor


@dataclass
class Finding:
    id: str
    title: str
    theme: str | None
    source_path: str
    line: int
    article: object = None  # the pelican Article holding it
    extra: dict = field(default_factory=dict)  # filled by other plugins (consultation, strategy…)
    body: str = ""  # its rendered Markdown (HTML, links unresolved), set when its slots are filled

    @property
    def location(self) -> str:
        return f"{display_path(self.source_path)}:{self.line}"

    @property
    def url(self) -> str:
        """Site-relative URL of the finding: its article's URL and its anchor."""
        return f"{self.article.url}#{self.id}"


def findings_of(content, sources: list[FindingSource]) -> list[Finding]:
    return [Finding(s.id, fix_text(s.title), s.theme, content.source_path, s.line, content) for s in sources]


_RENDERED = re.compile(r'<div data-constat="([^"]+)" data-constat-slot="head">')
_BLOCK_START = re.compile(r"^[ \t>*+-]*/{3,}[ ]*constat\b", re.MULTILINE)


def _unscanned(content, known: set[str]) -> list[Problem]:
    """Blocks Markdown rendered but the line scan did not see (inside a list or a quote)."""
    problems = []
    text = None
    for finding_id in _RENDERED.findall(content._content):
        if finding_id in known:
            continue
        if text is None:  # as the strict reader read it: same lines
            text = read_markdown(content.source_path)
        at = text.find(f"id: {finding_id}")
        starts = [m.start() for m in _BLOCK_START.finditer(text, 0, max(at, 0))]
        line = text.count("\n", 0, starts[-1]) + 1 if starts else None
        problems.append(Problem(content.source_path, line, None, (
            "ce constat n'a pas pu être mis en forme : placez « /// constat » en début de ligne, "
            "hors d'une liste ou d'une citation, avec une ligne vide avant")))
    return problems


def check_registry(contents, sections: list[str],
                   reserved: frozenset[str] = frozenset()) -> tuple[list[Finding], list[Problem]]:
    """Findings of all contents in order; duplicate ids, ids the theme uses (`reserved`, see
    theme_ids.py), misplaced or unrendered blocks are problems."""
    problems: list[Problem] = []
    by_id: dict[str, Finding] = {}
    ordered: list[Finding] = []
    for content in contents:
        findings = getattr(content, "findings", [])
        problems.extend(_unscanned(content, {finding.id for finding in findings}))
        if findings and getattr(getattr(content, "category", None), "slug", None) not in sections:
            folders = ", ".join(f"content/articles/{s}/" for s in sections)
            problems.append(Problem(content.source_path, findings[0].line, None, (
                f"les constats s'écrivent dans un article du diagnostic ({folders})")))
        for finding in findings:
            first = by_id.get(finding.id)
            if first is not None:
                problems.append(Problem(finding.source_path, finding.line, None, (
                    f"identifiant de constat « {finding.id} » déjà utilisé par le constat "
                    f"« {first.title} » ({first.location}) : chaque constat a son propre identifiant")))
                continue
            taken = taken_anchor(finding.id, reserved)
            if taken is not None:
                problems.append(Problem(finding.source_path, finding.line, None, (
                    f"identifiant de constat « {finding.id} » réservé : la page a déjà un élément « {taken} » "
                    "(gabarits du thème) ; choisissez un autre identifiant")))
                continue
            if slot(finding.id, HEAD) not in content._content or slot(finding.id, FOOT) not in content._content:
                problems.append(Problem(finding.source_path, finding.line, None, (
                    "ce constat n'a pas pu être mis en forme : placez « /// constat » en début de ligne, "
                    "hors d'une liste ou d'une citation, avec une ligne vide avant")))
                continue
            by_id[finding.id] = finding
            ordered.append(finding)
    return ordered, problems


def collect_finding_ids(settings_file: str = "pelicanconf.py") -> dict[str, tuple[str, int]]:
    """id → (source file, line) of every finding, read from the sources without building.

    For tools outside the build (the feedback import); themes are not checked here.
    """
    settings = read_site_settings(settings_file)
    found: dict[str, tuple[str, int]] = {}
    for folder in settings["ARTICLE_PATHS"]:
        for root, _, names in sorted(os.walk(os.path.join(settings["PATH"], folder))):
            for name in sorted(names):
                if not name.endswith(".md"):
                    continue
                path = os.path.join(root, name)
                with open(path, encoding="utf-8", errors="replace") as handle:
                    sources, _ = scan(path, handle.read(), themes=None)
                for source in sources:
                    found.setdefault(source.id, (path, source.line))
    return found
