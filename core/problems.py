"""Problems found in the communicators' files, reported as `file:line:col: message`.

Every plugin reports through `report()`: the record carries a `Problem`, so the
build driver (site_build) can print it as is and fail the build. `BuildAborted`
stops a build once problems that make going on pointless have been reported.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

logger = logging.getLogger("lvas")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    col: int | None
    message: str
    setting: str | None = None  # the setting at fault, located by the build in the settings file

    def __str__(self) -> str:
        where = display_path(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.message}"


def setting_problem(name: str, message: str) -> Problem:
    """A problem with the setting `name`; the strict build finds the line that sets it."""
    return Problem("pelicanconf.py", None, None, f"réglage {name} : {message}", setting=name)


class ProblemError(Exception):
    """Raised where a reader must stop; carries the problem(s) to report."""

    def __init__(self, problem: Problem, *more: Problem):
        self.problems = [problem, *more]
        super().__init__("\n".join(map(str, self.problems)))
        self.problem = problem


class BuildAborted(Exception):
    """Problems were reported and the build cannot go on."""


def display_path(path: str) -> str:
    """Path relative to the working directory when inside it (the project root)."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return absolute if relative.startswith("..") else relative.replace(os.sep, "/")


def report(problem: Problem) -> None:
    logger.error("%s", problem, extra={"problem": problem})


def abort_on(problems: list[Problem], reason: str) -> None:
    """Report every problem, then stop the build if there was any."""
    for problem in problems:
        report(problem)
    if problems:
        raise BuildAborted(reason)


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in text."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def decode_utf8(path: str, raw: bytes) -> str:
    """Decode strictly; a BOM or invalid bytes become a located problem."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raise ProblemError(Problem(path, 1, 1, (
            "le fichier commence par une marque d'ordre des octets (BOM) : "
            "enregistrez-le en « UTF-8 » sans BOM")))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Column counted in characters of the readable part of the line.
        prefix = raw[: exc.start].decode("utf-8", "replace")
        line, col = position(prefix, len(prefix))
        raise ProblemError(Problem(path, line, col, (
            f"caractère illisible (octet 0x{raw[exc.start]:02X}) : le fichier n'est pas "
            "en UTF-8 ; enregistrez-le avec l'encodage « UTF-8 »"))) from None
