"""Which data files exist, their schemas, and loading them all."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable

from .errors import Problem, ProblemError
from .loader import parse
from .schema import INVALID, Checker, Type


@dataclass(frozen=True)
class DataFile:
    name: str  # `phases` for data/phases.yml, and the key in DATA
    schema: Type
    # Checks across records (unique ids…), run only when the schema passed.
    check: Callable[[object, Checker], None] | None = None
    required: bool = True


DATA_FILES: dict[str, DataFile] = {}


def register_data_file(data_file: DataFile) -> None:
    """Called from a plugin's register(): adding a data file is these few lines."""
    DATA_FILES[data_file.name] = data_file


def load_file(path: str, data_file: DataFile, max_bytes: int) -> tuple[object, list[Problem]]:
    with open(path, "rb") as handle:
        raw = handle.read(max_bytes + 1)
    try:
        node = parse(path, raw, max_bytes, size=os.path.getsize(path))
    except ProblemError as exc:
        return INVALID, [exc.problem]
    checker = Checker(path)
    value = data_file.schema.check(node, checker)
    if value is not INVALID and data_file.check:
        data_file.check(value, checker)
    return value, checker.problems


def load_all(data_dir: str, max_bytes: int) -> tuple[dict, list[Problem]]:
    """Every data/*.yml through its schema; every problem of every file."""
    data: dict = {}
    problems: list[Problem] = []
    present = sorted(os.listdir(data_dir)) if os.path.isdir(data_dir) else []
    for filename in present:
        path = os.path.join(data_dir, filename)
        stem, ext = os.path.splitext(filename)
        if filename.startswith(".") or os.path.isdir(path):
            continue
        if ext == ".yaml":
            problems.append(Problem(path, None, None, f"renommez ce fichier en « {stem}.yml » (extension .yml)"))
        elif ext != ".yml":
            problems.append(Problem(path, None, None, "seuls des fichiers .yml sont attendus dans data/"))
        elif stem not in DATA_FILES:
            known = ", ".join(f"{name}.yml" for name in sorted(DATA_FILES)) or "aucun"
            problems.append(Problem(path, None, None, f"fichier de données inconnu : fichiers attendus : {known}"))
        else:
            value, found = load_file(path, DATA_FILES[stem], max_bytes)
            problems.extend(found)
            data[stem] = value
    for name, data_file in sorted(DATA_FILES.items()):
        if name not in data and data_file.required:
            problems.append(Problem(os.path.join(data_dir, f"{name}.yml"), None, None,
                                    "fichier de données obligatoire manquant"))
    return data, problems
