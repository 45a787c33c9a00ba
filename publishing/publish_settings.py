"""The publication settings (PUBLISH_* of publishconf.py), checked in French before the gate
does anything: a wrong value is `publishconf.py:LINE: réglage NAME : message` with what to write.

- PUBLISH_MIN_PAGES: a whole number of pages, at least 1 (not « quinze », not True);
- PUBLISH_REQUIRED_PAGES: a list of site addresses of HTML files (`mentions-legales/index.html`),
  relative, inside the site;
- PUBLISH_BRANCH: a git branch name, never the branch being published from (the site would
  replace the sources);
- PUBLISH_REMOTE: the name of a git remote (`origin`), never an option (« -… ») nor an address.
"""

from __future__ import annotations

import re

DEFAULT_MIN_PAGES = 15
DEFAULT_REQUIRED_PAGES = ("index.html", "la-demarche/index.html", "constats/index.html", "accessibilite/index.html",
                          "mentions-legales/index.html", "donnees-personnelles/index.html")
DEFAULT_BRANCH = "gh-pages"
DEFAULT_REMOTE = "origin"

_BRANCH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*\Z")
_REMOTE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
_PAGE = re.compile(r"[^\s/\\][^\s\\]*\.html\Z")


def _located(settings_file: str | None, name: str, message: str) -> str:
    where = settings_file or "publishconf.py"
    if settings_file:
        try:
            from site_build.setting_lines import setting_line

            found = setting_line(settings_file, name)
        except Exception:  # noqa: BLE001 - the message stays, without its line
            found = None
        if found:
            from core.problems import display_path

            where = f"{display_path(found[0])}:{found[1]}"
    return f"{where}: réglage {name} : {message}"


def _branch_problem(value, current_branch: str | None) -> str | None:
    if not isinstance(value, str) or not _BRANCH.match(value) or ".." in value or "//" in value \
            or value.endswith(("/", ".", ".lock")) or "/." in value:
        return (f"« {value} » n'est pas un nom de branche git : lettres sans accent, chiffres, « - », « _ », "
                "« . » ou « / », par exemple PUBLISH_BRANCH = \"gh-pages\"")
    if current_branch and value == current_branch:
        return (f"« {value} » est la branche des sources, celle que vous publiez : le site la remplacerait ; "
                "écrivez la branche du site en ligne, par exemple PUBLISH_BRANCH = \"gh-pages\"")
    return None


def checked(settings: dict, settings_file: str | None = None,
            current_branch: str | None = None) -> tuple[dict, list[str]]:
    """({PUBLISH_MIN_PAGES, PUBLISH_REQUIRED_PAGES, PUBLISH_BRANCH, PUBLISH_REMOTE} with their
    defaults, [French problems]); an absent (or None) setting takes its default."""
    values = {
        "PUBLISH_MIN_PAGES": settings.get("PUBLISH_MIN_PAGES"),
        "PUBLISH_REQUIRED_PAGES": settings.get("PUBLISH_REQUIRED_PAGES"),
        "PUBLISH_BRANCH": settings.get("PUBLISH_BRANCH"),
        "PUBLISH_REMOTE": settings.get("PUBLISH_REMOTE"),
    }
    defaults = {"PUBLISH_MIN_PAGES": DEFAULT_MIN_PAGES, "PUBLISH_REQUIRED_PAGES": DEFAULT_REQUIRED_PAGES,
                "PUBLISH_BRANCH": DEFAULT_BRANCH, "PUBLISH_REMOTE": DEFAULT_REMOTE}
    for name, value in values.items():
        if value is None:
            values[name] = defaults[name]
    problems: list[str] = []

    def refuse(name: str, message: str) -> None:
        problems.append(_located(settings_file, name, message))

    minimum = values["PUBLISH_MIN_PAGES"]
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
        refuse("PUBLISH_MIN_PAGES", f"« {minimum} » invalide : un nombre entier de pages, au moins 1, écrit en "
                                    f"chiffres sans guillemets, par exemple PUBLISH_MIN_PAGES = {DEFAULT_MIN_PAGES}")
    required = values["PUBLISH_REQUIRED_PAGES"]
    if not isinstance(required, (list, tuple)):
        refuse("PUBLISH_REQUIRED_PAGES", "une liste d'adresses de pages est attendue, par exemple "
                                         "[\"index.html\", \"mentions-legales/index.html\"]")
    else:
        for page in required:
            if not isinstance(page, str) or not _PAGE.match(page) or ".." in page.split("/"):
                refuse("PUBLISH_REQUIRED_PAGES", (
                    f"« {page} » invalide : l'adresse d'une page du site, relative et finissant par .html, "
                    "par exemple \"mentions-legales/index.html\""))
    problem = _branch_problem(values["PUBLISH_BRANCH"], current_branch)
    if problem:
        refuse("PUBLISH_BRANCH", problem)
    remote = values["PUBLISH_REMOTE"]
    if not isinstance(remote, str) or not _REMOTE.match(remote):
        refuse("PUBLISH_REMOTE", (
            f"« {remote} » n'est pas un nom de dépôt distant git : lettres sans accent, chiffres, « - », « _ » "
            "ou « . », par exemple PUBLISH_REMOTE = \"origin\" (la liste : git remote)"))
    return values, problems
