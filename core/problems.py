"""Problems found in the communicators' files, reported as `file:line:col: message`.

Every plugin reports through `report()`: the record carries a `Problem`, so the
build driver (site_build) can print it as is and fail the build. `BuildAborted`
stops a build once problems that make going on pointless have been reported.
"""

from __future__ import annotations

import logging
import os
import re
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


# Control characters nothing may contain: C0 except tab, LF and CR, DEL, and C1. U+000B (the line
# break Word inserts with Maj+Entrée) is handled apart: a line break in Markdown, refused in YAML.
# The feedback import drops the same characters from the residents' text (feedback_import.clean_message).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f]")
VERTICAL_TAB = "\x0b"
_ONE_LINE = re.compile(r"[ \t]{0,3}(?:#|///)")  # Markdown headings, pymdownx block headers


def control_problem(path: str, text: str, offset: int) -> Problem:
    line, col = position(text, offset)
    code = ord(text[offset])
    hint = (" (saut de ligne de Word) : remplacez-le par un vrai retour à la ligne" if code == 0x0B
            else " : supprimez-le")
    return Problem(path, line, col, f"caractère de contrôle interdit (U+{code:04X}){hint}")


def decode_utf8(path: str, raw: bytes, vertical_tab: str | None = None) -> str:
    """Decode strictly, the same for every reader (build, check and publish):
    a UTF-8 BOM is dropped; CRLF and CR-only line endings become LF; U+000B becomes
    `vertical_tab` (refused when None); any other control character, and invalid bytes,
    become a located problem."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Column counted in characters of the readable part of the line.
        prefix = raw[: exc.start].decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
        line, col = position(prefix, len(prefix))
        raise ProblemError(Problem(path, line, col, (
            f"caractère illisible (octet 0x{raw[exc.start]:02X}) : le fichier n'est pas "
            "en UTF-8 ; enregistrez-le avec l'encodage « UTF-8 »"))) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = CONTROL_CHARACTERS.search(text)
    if found:
        raise ProblemError(control_problem(path, text, found.start()))
    if VERTICAL_TAB in text:
        if vertical_tab is None:
            raise ProblemError(control_problem(path, text, text.index(VERTICAL_TAB)))
        text = text.replace(VERTICAL_TAB, vertical_tab)
    return text


def decode_markdown(path: str, raw: bytes) -> str:
    """decode_utf8 for a Markdown source, read alike by every reader of it (strict reader, links,
    findings, axes): Word's U+000B is a line break in the text, but a space where a line break
    would cut a one-line element in two: the metadata header (a title stays one line), a heading
    (`## …`) and a block's first line (`/// constat | …`, whose title would become its options)."""
    text = decode_utf8(path, raw, vertical_tab=VERTICAL_TAB)
    if VERTICAL_TAB in text:
        head, blank, body = text.partition("\n\n")
        lines = [line.replace(VERTICAL_TAB, " " if _ONE_LINE.match(line) else "\n")
                 for line in body.split("\n")]
        text = head.replace(VERTICAL_TAB, " ") + blank + "\n".join(lines)
    return text


def read_markdown(path: str) -> str:
    """A Markdown source's text as every reader of it reads it (decode_markdown): the same lines,
    the same columns. Raises OSError, or ProblemError for bytes that are not UTF-8."""
    with open(path, "rb") as handle:
        return decode_markdown(path, handle.read())
