"""Strict YAML: a node tree with positions, nothing constructed behind our back.

Only PyYAML's reader, scanner, parser and composer run, with no implicit type
resolution: every scalar stays the text that was written, and the schema
(schema.py) decides what it means. So `NO` never silently becomes false and
`1.10` never becomes 1.1. Anchors, aliases and tags are refused (no alias
bombs, no custom constructors); depth and size are capped.
"""

from __future__ import annotations

import re

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from .errors import Problem, ProblemError, decode_utf8

MAX_DEPTH = 32


class _StrictComposer(Reader, Scanner, Parser, Composer, BaseResolver):
    def __init__(self, text: str, path: str):
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)
        self.path = path
        self.depth = 0

    def fail(self, mark, message: str):
        raise ProblemError(Problem(self.path, mark.line + 1, mark.column + 1, message))

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            self.fail(event.start_mark, (
                f"alias YAML « *{event.anchor} » refusé : les ancres (&) et alias (*) ne sont "
                "pas acceptés, recopiez la valeur"))
        if event.anchor is not None:
            self.fail(event.start_mark, (
                f"ancre YAML « &{event.anchor} » refusée : les ancres (&) et alias (*) ne sont "
                "pas acceptés, recopiez la valeur"))
        if event.tag not in (None, "!"):
            self.fail(event.start_mark, (
                f"étiquette YAML « {event.tag} » refusée : écrivez la valeur sans étiquette (!…)"))
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.fail(event.start_mark, (
                f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux) : simplifiez la structure"))
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


# PyYAML's syntax messages, in the words a communicator needs.
_SYNTAX_MESSAGES = [
    (re.compile(r"found character '\\t'|found a tab character"),
     "tabulation interdite : en YAML, indentez avec des espaces"),
    (re.compile(r"mapping values are not allowed here"),
     "deux-points inattendu : si la valeur contient « : », mettez-la entre guillemets"),
    (re.compile(r"could not find expected ':'"),
     "deux-points manquant après la clé, ou ligne mal indentée"),
    (re.compile(r"found unexpected end of stream"),
     "fin du fichier inattendue : un guillemet ou un crochet n'est pas fermé"),
    (re.compile(r"found unknown escape character"),
     "séquence d'échappement inconnue entre guillemets doubles : utilisez des guillemets simples"),
    (re.compile(r"expected <block end>|did not find expected key|expected <document start>"),
     "indentation incohérente : alignez les clés de même niveau avec le même nombre d'espaces"),
    (re.compile(r"did not find expected '-' indicator"),
     "élément de liste mal aligné : les tirets d'une même liste doivent être alignés"),
    (re.compile(r"found character '(.)' that cannot start any token"),
     "caractère « {0} » inattendu en début de valeur : mettez la valeur entre guillemets"),
    (re.compile(r"expected a single document"),
     "un seul document YAML par fichier : retirez les séparateurs « --- » supplémentaires"),
]


def _syntax_message(problem: str) -> str:
    for pattern, message in _SYNTAX_MESSAGES:
        found = pattern.search(problem)
        if found:
            return message.format(*found.groups())
    return f"syntaxe YAML invalide ({problem})"


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


def parse(path: str, raw: bytes, max_bytes: int, size: int | None = None):
    """Bytes of a data file → its root node, or ProblemError."""
    if len(raw) > max_bytes:
        raise ProblemError(Problem(path, None, None, (
            f"fichier trop volumineux ({_thousands(size or len(raw))} octets ; "
            f"maximum {_thousands(max_bytes)} octets)")))
    text = decode_utf8(path, raw)
    try:
        node = _StrictComposer(text, path).get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = _syntax_message(f"{exc.context or ''} {exc.problem or ''}")
        raise ProblemError(Problem(path, mark.line + 1, mark.column + 1, message)) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise ProblemError(Problem(path, line, col, (
            f"caractère de contrôle interdit (U+{exc.character:04X}) : supprimez-le"))) from None
    except RecursionError:
        raise ProblemError(Problem(path, None, None, (
            f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux) : simplifiez la structure"))
        ) from None
    if node is None:
        raise ProblemError(Problem(path, 1, 1, "fichier vide : il doit contenir des données"))
    return node
