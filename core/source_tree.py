"""What the build may read: real files of the project, never a symbolic link.

A committed link (`content/images/config.txt → ../../.git/config`) would make Pelican publish
whatever it points to, inside or outside the repository; a linked folder likewise. Every link under
content/, data/ and theme/ is refused before anything is read, named with where it points.
"""

from __future__ import annotations

import os

from .problems import Problem


def symlinks_under(folder: str) -> list[Problem]:
    """A problem for each symbolic link (to a file or a folder, even broken) under `folder`,
    which may itself be a link."""
    problems = []
    if os.path.islink(folder):
        return [link_problem(folder)]
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(dirs + files):
            path = os.path.join(root, name)
            if os.path.islink(path):
                problems.append(link_problem(path))
        dirs[:] = [name for name in dirs if not os.path.islink(os.path.join(root, name))]
    return problems


def link_problem(path: str) -> Problem:
    target = os.readlink(path)
    kind = "dossier" if os.path.isdir(path) else "fichier"
    return Problem(path, None, None, (
        f"lien symbolique refusé (il pointe vers « {target} ») : seuls les vrais fichiers enregistrés dans le "
        f"dépôt sont publiés ; remplacez le lien par une copie du {kind}"))
