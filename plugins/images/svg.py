"""An SVG of content/ is copied as it is, but never one that runs or loads anything.

Shown by <img>, an SVG can do nothing; opened by its own address (a link, « ouvrir l'image dans un
nouvel onglet »), it is a document of the site's origin: its scripts run there, and the pages'
Content-Security-Policy does not cover it. So an SVG with a script, an event handler, a
`javascript:` address, embedded HTML (<foreignObject>) or a resource from another site is refused,
at its line. Drawings exported by Inkscape or Illustrator (« SVG simple », « SVG optimisé ») pass.
"""

from __future__ import annotations

import re

from core.problems import Problem, position

_REFUSED = re.compile(
    r"<\s*(?:[\w-]+:)?(?:script|foreignObject|iframe|embed|object)\b"  # code, or HTML inside the drawing
    r"|(?<=\s)on[a-z]+\s*="  # event handlers
    r"|javascript\s*:"  # javascript: addresses
    r"|<\s*(?:[\w-]+:)?(?:image|use|feImage)\b[^>]*?href\s*=\s*[\"']\s*(?:https?:)?//"  # fetched elsewhere
    r"|@import|url\(\s*[\"']?\s*(?:https?:)?//",  # CSS from elsewhere
    re.IGNORECASE)


def svg_problems(path: str, data: bytes) -> list[Problem]:
    try:  # UTF-8 only: in another encoding (UTF-16…), what it holds could not be read here
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        return [Problem(path, None, None, "SVG illisible : ce n'est pas un fichier texte en UTF-8 ; exportez-le de "
                                          "nouveau depuis votre logiciel de dessin, ou enregistrez-le en PNG")]
    match = _REFUSED.search(text)
    if not match:
        return []
    line, col = position(text, match.start())
    found = " ".join(match.group(0).split())[:40]
    return [Problem(path, line, col, (
        f"SVG refusé : il contient « {found} » : un SVG ouvert à son adresse s'exécute comme une page du site, "
        "et ne doit rien charger d'un autre site ; exportez-le en « SVG simple » (sans script ni lien "
        "externe), ou enregistrez-le en PNG"))]
