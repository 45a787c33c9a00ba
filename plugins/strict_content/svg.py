"""No SVG of content/ runs or loads anything.

Shown by <img>, an SVG can do nothing; opened by its own address (a link, « ouvrir l'image dans un
nouvel onglet »), it is a document of the site's origin: its scripts run there, and the pages'
Content-Security-Policy does not cover it. So every SVG that Pelican would publish as it is (the
static folders of content/, the office's logo and icon) is read by an XML parser (expat), and
every element or attribute that would run code or load a resource is refused at its line and
column. Drawings exported as « SVG simple » or « SVG optimisé » pass.
"""

from __future__ import annotations

import os
import re
import xml.parsers.expat

from core.problems import Problem

FORBIDDEN_ELEMENTS = {"script": "du code s’exécuterait", "foreignobject": "du HTML y serait inclus",
                      "iframe": "une autre page y serait chargée", "embed": "un contenu y serait chargé",
                      "object": "un contenu y serait chargé", "handler": "du code s’exécuterait"}
_HREF = {"href", "xlink:href", "src"}
STYLE_MESSAGE = "style chargeant une ressource externe interdit dans un SVG publié : retirez url(…) et @import"
_URL_IN_STYLE = re.compile(r"url\(\s*(?!['\"]?#)|@import|expression\(|javascript:|image-set\(|\bsrc\(",
                           re.IGNORECASE)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.DOTALL)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)


def _css(text: str) -> str:
    """CSS as the browser reads it: escapes decoded (`u\\72l(` is `url(`), comments gone."""
    def decoded(match: re.Match) -> str:
        if match.group(1) is None:
            return match.group(2)
        code = int(match.group(1), 16)
        return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return _CSS_COMMENT.sub("", _CSS_ESCAPE.sub(decoded, text))


_URL_IN_ATTRIBUTE = re.compile(r"url\(\s*(?!['\"]?#)|image-set\(|\bsrc\(", re.IGNORECASE)


def loads_something(css: str, pattern: re.Pattern = _URL_IN_STYLE) -> bool:
    return bool(pattern.search(_css(css)))


def _local(name: str) -> str:
    """Element or attribute name without namespace URI (expat's « uri name ») or prefix."""
    name = name.rsplit(" ", 1)[-1]
    return name.lower()


def svg_problems(path: str) -> list[Problem]:
    """Every element or attribute of the SVG file that would run code or load a resource, located
    at its line and column; a file that is not an SVG document is refused."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return [Problem(path, None, None, "fichier SVG illisible")]
    problems: list[Problem] = []
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    root = [None]

    def here() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def refuse(message: str) -> None:
        problems.append(Problem(path, *here(), message))

    stack: list[str] = []
    styles: list[tuple[tuple[int, int], list[str]]] = []  # each open <style>: where, its text

    def start(name, attributes):
        local = _local(name)
        stack.append(local)
        if local == "style":
            styles.append((here(), []))
        if root[0] is None:
            root[0] = local
            if local != "svg":
                refuse(f"élément racine <{local}> : un fichier SVG commence par <svg>")
        if local in FORBIDDEN_ELEMENTS:
            refuse(f"élément <{local}> interdit dans un SVG publié ({FORBIDDEN_ELEMENTS[local]}) : retirez-le")
        for attribute, value in attributes.items():
            attr = _local(attribute)
            qualified = "xlink:href" if attribute.endswith("xlink href") else attr
            if attr.startswith("on"):
                refuse(f"attribut « {attr} » interdit dans un SVG publié (du code s’exécuterait) : retirez-le")
            elif qualified in _HREF and not value.strip().startswith("#"):
                refuse(f"référence externe « {qualified}=\"{value}\" » interdite dans un SVG publié "
                       f"(seules les références internes « #… » sont permises)")
            elif attr == "attributename" and value.strip().lower() in _HREF:
                refuse(f"animation de « {value} » interdite dans un SVG publié (elle changerait un lien)")
            elif attr == "style" and loads_something(value):
                refuse(STYLE_MESSAGE)
            elif loads_something(value, _URL_IN_ATTRIBUTE):  # fill, filter, mask, clip-path, marker-…: url(…) of another file
                refuse(f"attribut « {attr} » chargeant une ressource externe interdit dans un SVG publié : "
                       "seules les références internes « url(#…) » sont permises")

    def text(data_text):
        if styles:  # the whole text of a <style>, checked at its end: expat gives it in pieces
            styles[-1][1].append(data_text)

    def end(name):
        local = stack.pop() if stack else _local(name)
        if local == "style" and styles:
            where, pieces = styles.pop()
            if loads_something("".join(pieces)):
                problems.append(Problem(path, *where, STYLE_MESSAGE))

    def doctype(*_):
        refuse("déclaration <!DOCTYPE> interdite dans un SVG publié (ses entités peuvent charger des fichiers)")

    def entity(*_):  # only inside a <!DOCTYPE>, already refused
        pass

    def instruction(target, _data):
        if target.lower() != "xml":
            refuse(f"instruction <?{target} …?> interdite dans un SVG publié (elle peut charger une feuille de style)")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ProcessingInstructionHandler = instruction
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        line, col = exc.lineno, exc.offset + 1
        return problems + [Problem(path, line, col, "fichier SVG mal formé (XML invalide) : "
                                   "vérifiez les balises à cet endroit")]
    if root[0] is None:
        problems.append(Problem(path, 1, 1, "fichier SVG vide"))
    return problems


def content_svg_files(settings: dict) -> list[str]:
    """Every .svg under the content's static folders (STATIC_PATHS), which Pelican publishes as is."""
    found = []
    for folder in settings.get("STATIC_PATHS") or []:
        root = os.path.join(settings["PATH"], folder)
        if os.path.isfile(root) and root.lower().endswith(".svg"):
            found.append(root)
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            found += [os.path.join(dirpath, name) for name in sorted(filenames) if name.lower().endswith(".svg")]
    return found


