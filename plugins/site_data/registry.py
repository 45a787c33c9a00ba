"""Which data files exist, their schemas, and loading them all."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable

from core.build_state import per_build
from core.problems import Problem, ProblemError

from .loader import parse
from .schema import INVALID, Checker, Type


@dataclass(frozen=True)
class DataFile:
    name: str  # `phases` for data/phases.yml, and the key in DATA
    schema: Type
    # Checks across records (unique ids…), run only when the schema passed.
    check: Callable[[object, Checker], None] | None = None
    required: bool = True
    # A folder data/<name>/ of files sharing the schema: DATA[name] = {file stem: value}.
    directory: bool = False


DATA_FILES: dict[str, DataFile] = per_build({})  # registered by the plugins of the build under way


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


def _yml_files(folder: str, problems: list[Problem]) -> list[tuple[str, str]]:
    """(stem, path) of the .yml files of a folder; other files are problems."""
    found = []
    for filename in sorted(os.listdir(folder)):
        path = os.path.join(folder, filename)
        stem, ext = os.path.splitext(filename)
        if filename.startswith(".") or os.path.isdir(path):
            continue
        if ext == ".yaml":
            problems.append(Problem(path, None, None, f"renommez ce fichier en « {stem}.yml » (extension .yml)"))
        elif ext != ".yml":
            problems.append(Problem(path, None, None, "seuls des fichiers .yml sont attendus dans data/"))
        else:
            found.append((stem, path))
    return found


def _expected() -> str:
    names = [f"{f.name}/" if f.directory else f"{f.name}.yml" for _, f in sorted(DATA_FILES.items())]
    return ", ".join(names) or "aucun"


def load_all(data_dir: str, max_bytes: int) -> tuple[dict, list[Problem]]:
    """Every data/*.yml (and data/<folder>/*.yml) through its schema; every problem of every file."""
    data: dict = {}
    problems: list[Problem] = []
    if not os.path.isdir(data_dir):
        data_dir_files, folders = [], []
    else:
        data_dir_files = _yml_files(data_dir, problems)
        folders = sorted(name for name in os.listdir(data_dir)
                         if os.path.isdir(os.path.join(data_dir, name)) and not name.startswith("."))
    for stem, path in data_dir_files:
        data_file = DATA_FILES.get(stem)
        if data_file is None or data_file.directory:
            problems.append(Problem(path, None, None, f"fichier de données inconnu : attendus : {_expected()}"))
            continue
        data[stem], found = load_file(path, data_file, max_bytes)
        problems.extend(found)
    for folder in folders:
        data_file = DATA_FILES.get(folder)
        path = os.path.join(data_dir, folder)
        if data_file is None or not data_file.directory:
            problems.append(Problem(path, None, None, f"dossier de données inconnu : attendus : {_expected()}"))
            continue
        data[folder] = {}
        for stem, file_path in _yml_files(path, problems):
            data[folder][stem], found = load_file(file_path, data_file, max_bytes)
            problems.extend(found)
    for name, data_file in sorted(DATA_FILES.items()):
        if name in data:
            continue
        if data_file.required:
            missing = f"{name}/" if data_file.directory else f"{name}.yml"
            problems.append(Problem(os.path.join(data_dir, missing), None, None,
                                    "données obligatoires manquantes"))
        else:
            data[name] = {} if data_file.directory else None
    return data, problems
