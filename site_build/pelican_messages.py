"""Pelican's log records, as French problems a communicator can act on."""

from __future__ import annotations

import logging
import re

from core.problems import Problem, ProblemError, position, read_markdown


def _exception(record: logging.LogRecord):
    return record.exc_info[1] if record.exc_info else None


# Pelican's warnings about two contents with one slug: core/output_paths.py reports every two
# writers of one address, in French and located, before anything is written.
_SAID_ELSEWHERE = ("There are %s items", "There are %s original (not translated) items")


def _empty_alt_at(path: str, name: str) -> tuple[int | None, int | None]:
    """Line and column of the first image without text, `![](…name…)`, in a Markdown source; Pelican
    names only the image's file (None, None if not found)."""
    try:
        text = read_markdown(path)
    except (OSError, ProblemError):
        return None, None
    match = re.search(r"!\[\s*\]\([^)\n]*" + re.escape(name), text)
    return position(text, match.start()) if match else (None, None)


def to_problems(record: logging.LogRecord) -> list[Problem]:
    if isinstance(record.msg, str) and record.msg.startswith(_SAID_ELSEWHERE):
        return []
    exc = _exception(record)
    if isinstance(exc, ProblemError):
        return exc.problems
    return [to_problem(record)]


def to_problem(record: logging.LogRecord) -> Problem:
    problem = getattr(record, "problem", None)
    if problem is not None:
        return problem
    template = record.msg if isinstance(record.msg, str) else str(record.msg)
    args = record.args if isinstance(record.args, tuple) else ()
    exc = _exception(record)

    if template.startswith("Could not process") and args:
        path = str(args[0])
        if isinstance(exc, ProblemError):
            return exc.problem
        return Problem(path, None, None, f"impossible de lire ce fichier ({exc or 'erreur inconnue'})")
    if template.startswith("Skipping %s: could not find information about") and len(args) == 2:
        return Problem(str(args[0]), None, None, f"métadonnée obligatoire « {args[1]} » manquante")
    if template.startswith("Empty alt attribute") and len(args) == 2:
        line, col = _empty_alt_at(str(args[1]), str(args[0]))
        return Problem(str(args[1]), line, col, (
            f"image « {args[0]} » sans texte alternatif : décrivez-la entre les crochets, "
            f"![description de l'image]({args[0]}), pour les personnes qui ne la voient pas"))
    if template.startswith("Unable to find") and args:
        return Problem("content", None, None, (
            f"lien interne introuvable : « {args[0]} » (vérifiez le nom du fichier après "
            "{filename} ou {static})"))
    if template.startswith("Cannot load plugin") and args:
        return Problem("pelicanconf.py", None, None, (
            f"extension (plugin) « {args[0]} » introuvable ou impossible à importer : "
            f"vérifiez son nom dans PLUGINS ({args[-1]})"))
    if template.startswith("Cannot register plugin") and args:
        return Problem("pelicanconf.py", None, None, (
            f"extension (plugin) « {args[0]} » impossible à enregistrer ({exc!r})"))
    return Problem("pelican", None, None, f"avertissement de Pelican : {record.getMessage()}")
