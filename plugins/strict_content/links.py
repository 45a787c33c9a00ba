"""Internal links written `{filename}…` / `{static}…` must point to an existing file.

Pelican only warns, without saying which file holds the link, and leaves it
broken; here each one is reported at its line before anything is written.
`{category}slug` must name a section declared in SECTIONS. A target outside content/
(`{static}../../../docs/guide.md`) is refused: Pelican would copy it into, or beside, the output.
`{attach}` is refused, `{static}` suggested instead: Pelican moves an attached file only if no
other link used its address first, and the build's check of every address always does.
The links of the `Summary:` line are checked as the body's (Pelican resolves them too); each problem
is located at the place the link is written, never in code, where Pelican leaves it as it is.
"""

from __future__ import annotations

import os
import posixpath
import re
from urllib.parse import unquote, urlparse

from core.compat import intrasite_link_regex
from core.problems import Problem, position, read_markdown

KINDS = {"filename": "generated_content", "static": "static_content", "attach": "static_content"}


def target_path(content, value: str, unquoted: bool = True) -> str:
    """The source path (relative to content/) a link resolves to; Pelican looks for a `{static}`
    file without decoding `%xx` (`unquoted=False`)."""
    path = urlparse(value).path
    path = unquote(path) if unquoted else path
    if path.startswith("/"):
        return posixpath.normpath(path[1:])
    base = posixpath.dirname(content.relative_source_path.replace(os.sep, "/"))
    return posixpath.normpath(posixpath.join(base, path))


def _escapes(target: str) -> bool:
    return target == ".." or target.startswith("../")


# Code Pelican never resolves links in: fenced blocks and inline code spans (one line), and
# indented blocks (_without_indented_code).
_FENCED = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)[^\n]+?(?<!`)\1(?!`)")


_LIST_ITEM = re.compile(r"[ \t]{0,3}(?:[-*+]|\d+[.)])[ \t]")


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _without_indented_code(text: str) -> str:
    """`text` with its indented code blocks blanked: indented lines after a blank line, outside a
    list (there they go on with the list's item)."""
    lines, in_code, in_list, after_blank = text.split("\n"), False, False, True
    for number, line in enumerate(lines):
        if not line.strip():
            after_blank = True
            continue
        indented = line.startswith(("    ", "\t"))
        if indented and (in_code or (after_blank and not in_list)):
            in_code, lines[number] = True, " " * len(line)
        elif not indented:
            in_code, in_list = False, bool(_LIST_ITEM.match(line)) or (in_list and not after_blank)
        after_blank = False
    return "\n".join(lines)


def _locate(content, written: str, message: str, cache: dict) -> Problem:
    """At the next place `written` is written outside code (links are found in the order they are
    written: the same link twice is reported at each of its lines), else at its first place."""
    if "text" not in cache:
        cache["text"] = read_markdown(content.source_path)  # as the reader read it
        prose = _without_indented_code(_FENCED.sub(_blank, cache["text"]))
        cache["prose"] = _CODE_SPAN.sub(_blank, prose)  # the same offsets as the text
        cache["after"] = {}
    offset = cache["prose"].find(written, cache["after"].get(written, 0))
    if offset < 0:
        offset = cache["text"].find(written)
    else:
        cache["after"][written] = offset + len(written)
    line, col = position(cache["text"], offset) if offset >= 0 else (None, None)
    return Problem(content.source_path, line, col, message)


def guard_links(content) -> None:
    """At `content_object_init`, before Pelican resolves any link: a `{static}`/`{filename}` target
    outside content/, or a `{static}` file that does not exist, is kept as a problem (reported by
    broken_links) and its marker dropped, so that Pelican never looks for, copies or writes the file."""
    found, cache = [], {}
    # The Summary: line comes before the body, and Pelican resolves its links too.
    for attribute in ("_summary", "_content"):
        raw = getattr(content, attribute, None)
        if isinstance(raw, str) and raw:
            checked = _guard(content, raw, found, cache)
            if checked is not raw:
                setattr(content, attribute, checked)
    content.outside_links = found


def _guard(content, raw: str, found: list, cache: dict) -> str:
    """`raw` without the markers of its refused links (each one kept in `found`)."""
    pieces, last, before = [], 0, len(found)
    root = content.settings["PATH"]
    for match in intrasite_link_regex(content).finditer(raw):
        kind, value = match.group("what"), match.group("value")
        if kind not in KINDS:
            continue
        written, target = match.group("path"), target_path(content, value)
        if kind == "attach":
            # Pelican would move the file beside the page, unless another link or the site's own
            # address check has already used its address: then it warns in English and does not.
            message = (f"lien « {written} » : {{attach}} n'est pas pris en charge : écrivez "
                       f"« {{static}}{value} » (le fichier garde son adresse, à côté des autres images "
                       "et documents de content/images/)")
        elif _escapes(target):
            message = (f"lien interne cassé : « {written} » sort du dossier content/ (chemin cherché : {target}) : "
                       "seuls les fichiers de content/ sont publiés ; copiez le fichier dans content/images/")
        elif kind != "filename" and not os.path.isfile(os.path.join(root, target_path(content, value, False))):
            # Pelican would list the missing file among the static files, warn in English and
            # leave the link broken (and the photos could not be made): refused here, at its line.
            looked_for = target_path(content, value, False)
            hint = ("écrivez le nom du fichier tel quel, sans codes « %… »" if os.path.isfile(os.path.join(root, target))
                    else "enregistrez le fichier dans content/images/ ou corrigez son nom (majuscules et accents "
                         "compris)")
            message = (f"lien interne cassé : « {written} » ne correspond à aucun fichier de content/ (chemin "
                       f"cherché : {looked_for}) : {hint}")
        else:
            continue
        found.append(_locate(content, written, message, cache))
        pieces += [raw[last:match.start("path")], value]
        last = match.end("path")
    return "".join(pieces) + raw[last:] if len(found) > before else raw


def broken_links(content, context) -> list[Problem]:
    problems = list(getattr(content, "outside_links", []))
    summary = getattr(content, "_summary", None)
    raw = (summary if isinstance(summary, str) else "") + (getattr(content, "_content", None) or "")
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
