"""Internal links written `{filename}…` / `{static}…` must point to an existing file.

Pelican only warns, without saying which file holds the link, and leaves it
broken; here each one is reported at its line before anything is written.
`{category}slug` must name a section declared in SECTIONS.
"""

from __future__ import annotations

import os
import posixpath
from urllib.parse import unquote, urlparse

from core.compat import intrasite_link_regex
from core.problems import Problem, position

KINDS = {"filename": "generated_content", "static": "static_content", "attach": "static_content"}


def target_path(content, value: str) -> str:
    """The source path (relative to content/) a link resolves to, as Pelican does."""
    path = unquote(urlparse(value).path)
    if path.startswith("/"):
        return posixpath.normpath(path[1:])
    base = posixpath.dirname(content.relative_source_path.replace(os.sep, "/"))
    return posixpath.normpath(posixpath.join(base, path))


def broken_links(content, context) -> list[Problem]:
    problems = []
    raw = getattr(content, "_content", None) or ""
    source_text = None
    for match in intrasite_link_regex(content).finditer(raw):
        kind, value = match.group("what"), match.group("value")
        if kind == "category":
            slug = urlparse(value).path
            if slug in context.get("SECTIONS", {}):
                continue
            reason = f": la rubrique « {slug} » n'existe pas (rubriques : {', '.join(context.get('SECTIONS', {}))})"
        elif kind in KINDS:
            target = target_path(content, value)
            if target in context[KINDS[kind]] or target in context.get("generated_content", {}):
                continue  # present, or unreadable and already reported
            if kind != "filename" and os.path.isfile(os.path.join(context["PATH"], target)):
                continue  # static files are copied even when not in STATIC_PATHS listings yet
            reason = f"ne correspond à aucun fichier de content/ (chemin cherché : {target})"
        else:
            continue
        if source_text is None:
            with open(content.source_path, encoding="utf-8") as handle:
                source_text = handle.read()
        written = match.group("path")
        offset = source_text.find(written)
        line, col = position(source_text, offset) if offset >= 0 else (None, None)
        problems.append(Problem(content.source_path, line, col, f"lien interne cassé : « {written} » {reason}"))
    return problems
