"""The ids the theme's templates give their own elements (`id="contenu"`, `id="appel-titre"`…).

A finding's id is an anchor of its article page (`id="<id>"`, `id="<id>-titre"`,
`id="<id>-reponse"`): it may not be one of these, or two elements of a page would share an id
and the link /article/#contenu would lead to the wrong one. Collected from the templates
themselves, so a new template id is protected without a list to keep up to date.
"""

from __future__ import annotations

import os
import re

_STATIC_ID = re.compile(r"""\bid\s*=\s*["']([A-Za-z0-9_-]+)["']""")
FINDING_ANCHORS = ("{id}", "{id}-titre", "{id}-reponse")  # templates: article / constat block, /constats/


def theme_ids(templates_dir: str) -> frozenset[str]:
    """Every literal id (no Jinja in it) of the templates under templates_dir; read at each build
    (a few dozen small files), so that livereload sees a template's new id."""
    found: set[str] = set()
    for folder, _, names in os.walk(templates_dir):
        for name in names:
            if name.endswith((".html", ".xml", ".j2")):
                with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as handle:
                    found.update(_STATIC_ID.findall(handle.read()))
    return frozenset(found)


def taken_anchor(finding_id: str, reserved: frozenset[str]) -> str | None:
    """The theme's id a finding's anchors would repeat, if any."""
    for anchor in FINDING_ANCHORS:
        if anchor.format(id=finding_id) in reserved:
            return anchor.format(id=finding_id)
    return None
