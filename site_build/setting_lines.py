"""Settings problems located at the line that sets them.

Plugins check settings from the settings dict, where lines are gone, and report a problem whose
`setting` field names the setting. The build knows the settings file: the line is the last
top-level assignment of the setting in it, or in a settings file it builds on — a module it
star-imports (`from core.engine_settings import *`) or a sibling it loads with
`settings_of(__file__, "pelicanconf.py")` (publishconf.py) — whichever comes last. A value given
as an override (tests, command line) is in no file and keeps its problem as it is.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib.util
import os

from core.problems import Problem, display_path


def _star_import_path(module: str, settings_dir: str) -> str | None:
    sibling = os.path.join(settings_dir, module.replace(".", os.sep) + ".py")
    if os.path.isfile(sibling):
        return sibling
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    return spec.origin if spec and spec.origin and spec.origin.endswith(".py") else None


def _loaded_sibling(node: ast.stmt, settings_dir: str) -> str | None:
    """The file of `… settings_of(__file__, "name.py") …` in this statement, if any."""
    for call in ast.walk(node):
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "settings_of"
                and len(call.args) == 2 and isinstance(call.args[1], ast.Constant)
                and isinstance(call.args[1].value, str)):
            return os.path.join(settings_dir, call.args[1].value)
    return None


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
    here = os.path.dirname(path)
    found = None
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and any(alias.name == "*" for alias in node.names):
            base = _star_import_path(node.module, here)
            found = (base and setting_line(base, name, _seen | {path})) or found
            continue
        sibling = _loaded_sibling(node, here)
        if sibling:
            found = setting_line(sibling, name, _seen | {path}) or found
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(target, ast.Name) and target.id == name for target in targets):
                found = (path, node.lineno)
    return found


def locate_settings(problems: list[Problem], settings_file: str, overrides: dict) -> list[Problem]:
    located = []
    for problem in problems:
        name = problem.setting if problem.line is None else None
        where = name and name not in overrides and setting_line(settings_file, name)
        located.append(dataclasses.replace(problem, path=display_path(where[0]), line=where[1])
                       if where else problem)
    return located
