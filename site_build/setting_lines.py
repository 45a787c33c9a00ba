"""Settings problems located at the line that sets them.

Plugins check settings from the settings dict, where lines are gone, and report
« pelicanconf.py: réglage NAME : … ». The build knows the settings file: the line is the last
top-level assignment of NAME in it, or in the settings module it star-imports from the same
folder (publishconf.py → pelicanconf.py), whichever comes last. A value given as an override
(tests, command line) is in no file and keeps its problem as it is.
"""

from __future__ import annotations

import ast
import os
import re

from site_data.errors import Problem, display_path

_SETTING = re.compile(r"réglage ([A-Z][A-Z0-9_]*)\b")


def setting_line(settings_file: str, name: str, _seen: frozenset = frozenset()) -> tuple[str, int] | None:
    """(file, line) of the assignment of `name` that Pelican keeps, or None."""
    path = os.path.abspath(settings_file)
    if path in _seen:
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), path)
    except (OSError, SyntaxError, ValueError):
        return None
    found = None
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and any(alias.name == "*" for alias in node.names):
            sibling = os.path.join(os.path.dirname(path), node.module.replace(".", os.sep) + ".py")
            found = setting_line(sibling, name, _seen | {path}) or found
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(target, ast.Name) and target.id == name for target in targets):
                found = (path, node.lineno)
    return found


def locate_settings(problems: list[Problem], settings_file: str, overrides: dict) -> list[Problem]:
    located = []
    for problem in problems:
        found = _SETTING.match(problem.message) if problem.line is None else None
        where = found and found.group(1) not in overrides and setting_line(settings_file, found.group(1))
        located.append(Problem(display_path(where[0]), where[1], None, problem.message) if where else problem)
    return located
