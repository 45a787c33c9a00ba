"""The metadata header of a Markdown source (`Key: value` lines up to the first blank line), read
as Python-Markdown's meta extension reads it, with the line and column of each value: shared by
the strict reader and every check that locates a problem at a metadata line."""

from __future__ import annotations

import re

from .problems import ProblemError, read_markdown

_KEY_LINE = re.compile(r"(?P<key>[A-Za-z0-9_-]+)[ \t]*:[ \t]*(?P<value>.*)")


def metadata_lines(text: str) -> list[tuple[int, str, str, int]]:
    """(line, key, value, value column) of the header, as Python-Markdown's meta reads it."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            break
        if line[:1] in (" ", "\t") and found:
            continue  # continuation of the previous value
        match = _KEY_LINE.match(line)
        if not match:
            break
        found.append((number, match["key"], match["value"].strip(), match.start("value") + 1))
    return found


def metadata_line(source: str, keys: tuple[str, ...]) -> int | None:
    """The line of the first of `keys` (lower case) in a Markdown file's header, the file read as
    the strict reader reads it (BOM, CR-only line ends, Word's line breaks); None if absent or unreadable."""
    try:
        text = read_markdown(source)
    except (OSError, ProblemError):
        return None
    return next((line for line, key, _, _ in metadata_lines(text) if key.lower() in keys), None)
