"""Files about people anywhere in the repository, refused by `check` and `publish`.

The repository is public (GitHub Pages publishes from it): an export of the form or of the mailbox
that git holds (`git ls-files`) or would take at the next `git add --all` (`git ls-files --others
--exclude-standard`) is refused, wherever it is, with what to do. Which files are about people is
plugins/privacy/people_files.py's `people_file`, the build's own test for content/.

Not looked at here: content/ (PATH), which every build checks with PUBLIC_FILES (the office's public
documents), and the tests' own fixtures, the files git holds under tests/ (an export saved there by
mistake, which .gitignore lets git take, is refused as anywhere else). Outside a git repository (a copy of a
project), or without git, nothing is said: there is no repository to protect.
"""

from __future__ import annotations

import os
import subprocess

from core.problems import Problem
from plugins.consultation.review import QUEUE_FOLDER
from plugins.privacy.people_files import WHY, people_file

TESTS = "tests/"  # the test suite's own fixtures (CSV and mail exports it imports), once git holds them


def content_folder(settings_file: str, overrides: dict | None = None) -> str | None:
    """PATH of a settings file (absolute), or None if the file cannot be read (the build says why)."""
    from pelican.settings import read_settings

    try:
        return read_settings(str(settings_file), override=dict(overrides or {})).get("PATH")
    except Exception:  # noqa: BLE001 - the build reports a settings file it cannot read, in French
        return None


def _git_files(folder: str, *args: str) -> list[str] | None:
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=false", "ls-files", "-z", *args], cwd=folder,
                              capture_output=True, check=False)
    except (FileNotFoundError, NotADirectoryError):
        return None
    if done.returncode != 0:
        return None
    return [name for name in done.stdout.decode("utf-8", "surrogateescape").split("\0") if name]


def _toplevel(folder: str) -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True,
                              encoding="utf-8", errors="surrogateescape", check=False)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def people_files_in_repository(project: str, content: str | None = None) -> list[Problem]:
    """One problem per file about people that the git repository of `project` holds or would take,
    outside `content` (absolute path of content/) and the fixtures git holds under tests/; [] outside a git
    repository."""
    root = _toplevel(project) if os.path.isdir(project) else None
    if root is None:
        return []
    tracked = _git_files(root, "--cached")
    untracked = _git_files(root, "--others", "--exclude-standard")
    if tracked is None or untracked is None:
        return []
    skipped = []
    if content:
        inside = os.path.relpath(os.path.realpath(content), os.path.realpath(root)).replace(os.sep, "/")
        if not inside.startswith(".."):
            skipped.append(inside.rstrip("/") + "/")
    problems = []
    for names, held in ((sorted(set(tracked)), True), (sorted(set(untracked) - set(tracked)), False)):
        for name in names:
            if name.startswith(tuple(skipped + [TESTS] if held else skipped)):
                continue
            found = people_file(os.path.join(root, *name.split("/")))
            if found:
                problems.append(Problem(os.path.join(root, *name.split("/")), None, None, _message(name, found, held)))
    return problems


def _message(name: str, found, held: bool) -> str:
    start = f"fichier refusé dans le dépôt, {found.describe()} : {WHY}, et le dépôt est public (GitHub)"
    if held:
        return (f"{start} ; retirez-le de git sans l'effacer de votre ordinateur (git rm --cached \"{name}\"), "
                "déplacez-le hors du dossier du projet, puis enregistrez (git commit) ; s'il a déjà été envoyé "
                "(git push), prévenez le mainteneur : il reste dans l'historique du dépôt")
    return (f"{start} ; git l'enregistrerait au prochain « git add » : déplacez-le hors du dossier du projet "
            "(gardez les exports dans un dossier à vous, hors du projet)")


def unignored_queues(repo: str) -> list[Problem]:
    """Every file of a review queue (…/feedback/a-relire/, plugins/consultation/review.py) that git holds or
    would take: `check` and `publish` refuse it (the repository is public). Nothing when `repo` is not in
    a git repository."""
    names = _git_files(repo, "--cached", "--others", "--exclude-standard")
    marker = f"feedback/{QUEUE_FOLDER}/"
    paths = [name for name in names or () if name.startswith(marker) or f"/{marker}" in name]
    return [Problem(os.path.join(repo, name), None, None, (
        "fichier de la relecture (extraits non relus, empreintes des messages reçus) que git n'ignore pas : il "
        "serait publié avec le dépôt ; ajoutez la ligne "
        f"« **/feedback/{QUEUE_FOLDER}/ » au fichier .gitignore (et, s'il a été enregistré, "
        f"« git rm --cached {name} »)")) for name in sorted(paths)]
