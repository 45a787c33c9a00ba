"""Internal links written `{filename}…` / `{static}…` must point to an existing file.

Pelican only warns, without saying which file holds the link, and leaves it
broken; here each one is reported at its line before anything is written.
`{category}slug` must name a section declared in SECTIONS. A target outside content/
(`{static}../../../docs/guide.md`) is refused: Pelican would copy it into, or beside, the output.
"""

from __future__ import annotations

import os
import posixpath
from urllib.parse import unquote, urlparse

from core.compat import intrasite_link_regex
from core.problems import Problem, decode_markdown, position

KINDS = {"filename": "generated_content", "static": "static_content", "attach": "static_content"}


def target_path(content, value: str) -> str:
    """The source path (relative to content/) a link resolves to, as Pelican does."""
    path = unquote(urlparse(value).path)
    if path.startswith("/"):
        return posixpath.normpath(path[1:])
    base = posixpath.dirname(content.relative_source_path.replace(os.sep, "/"))
    return posixpath.normpath(posixpath.join(base, path))


def _escapes(target: str) -> bool:
    return target == ".." or target.startswith("../")


def _locate(content, written: str, message: str, cache: dict) -> Problem:
    if "text" not in cache:
        with open(content.source_path, "rb") as handle:  # as the reader read it (core/problems.py)
            cache["text"] = decode_markdown(content.source_path, handle.read())
    offset = cache["text"].find(written)
    line, col = position(cache["text"], offset) if offset >= 0 else (None, None)
    return Problem(content.source_path, line, col, message)


def guard_links(content) -> None:
    """At `content_object_init`, before Pelican resolves any link: a `{static}`/`{filename}` target
    outside content/ is kept as a problem (reported by broken_links) and its marker dropped, so that
    Pelican never looks for, copies or writes the file outside content/."""
    raw = getattr(content, "_content", None) or ""
    found, cache, pieces, last = [], {}, [], 0
    for match in intrasite_link_regex(content).finditer(raw):
        kind, value = match.group("what"), match.group("value")
        if kind not in KINDS or not _escapes(target_path(content, value)):
            continue
        written = match.group("path")
        found.append(_locate(content, written, (
            f"lien interne cassé : « {written} » sort du dossier content/ (chemin cherché : "
            f"{target_path(content, value)}) : seuls les fichiers de content/ sont publiés ; copiez le fichier "
            "dans content/images/"), cache))
        pieces += [raw[last:match.start("path")], value]
        last = match.end("path")
    if found:
        content._content = "".join(pieces) + raw[last:]
    content.outside_links = found


def broken_links(content, context) -> list[Problem]:
    problems = list(getattr(content, "outside_links", []))
    raw = getattr(content, "_content", None) or ""
    cache: dict = {}
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
        written = match.group("path")
        problems.append(_locate(content, written, f"lien interne cassé : « {written} » {reason}", cache))
    return problems
