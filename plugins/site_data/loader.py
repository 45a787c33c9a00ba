"""Strict YAML: a node tree with positions, nothing constructed behind our back.

Only PyYAML's reader, scanner, parser and composer run, with no implicit type
resolution: every scalar stays the text that was written, and the schema
(schema.py) decides what it means. So `NO` never silently becomes false and
`1.10` never becomes 1.1. Anchors, aliases and tags are refused (no alias
bombs, no custom constructors); depth and size are capped.

Speed: libyaml (PyYAML's C parser, in every PyYAML wheel) scans and parses; our composer and its
checks stay in Python. Any failure on that path is redone by PyYAML's pure-Python parser, whose
messages we translate (and whose positions the tests pin): the C parser only ever answers for
documents it reads without error, and tests/test_yaml_fast_path.py checks that it then builds
the same tree, positions included.
"""

from __future__ import annotations

import re

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import Node
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from core.problems import Problem, ProblemError, decode_utf8

MAX_DEPTH = 32


try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml: the pure-Python parser does everything
    CParser = None


class _StrictChecks:
    """Anchors, aliases, tags and depth, checked event by event whichever parser reads."""

    path: str
    depth: int

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


class _StrictComposer(_StrictChecks, Reader, Scanner, Parser, Composer, BaseResolver):
    def __init__(self, text: str, path: str):
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)
        self.path = path
        self.depth = 0


if CParser is not None:
    class _FastComposer(_StrictChecks, Composer, CParser, BaseResolver):
        def __init__(self, text: str, path: str):
            CParser.__init__(self, text)
            Composer.__init__(self)
            BaseResolver.__init__(self)
            self.path = path
            self.depth = 0

        def compose_scalar_node(self, anchor):
            node = super().compose_scalar_node(anchor)
            if node.style == "":  # libyaml's plain style; PyYAML's is None
                node.style = None
            return node
else:
    _FastComposer = None


UNREAD = object()  # what fast_compose answers when it leaves the document to the pure parser


def fast_compose(text: str, path: str):
    """The root node as libyaml reads it (None if empty), or UNREAD if it fails or could differ."""
    # Where the two differ (found by tests/test_yaml_fast_path.py): libyaml skips a byte order mark
    # anywhere in the text (PyYAML keeps it in the value) and accepts tabs PyYAML refuses.
    if _FastComposer is None or "\ufeff" in text or "\t" in text:
        return UNREAD
    try:
        return _FastComposer(text, path).get_single_node()
    except Exception:  # noqa: BLE001 - the pure-Python parser says what is wrong, in its words
        return UNREAD


def compose(text: str, path: str) -> Node | None:
    """The document's root node (None if empty): libyaml's reading, else the pure parser's."""
    node = fast_compose(text, path)
    return _StrictComposer(text, path).get_single_node() if node is UNREAD else node


# PyYAML's syntax messages (context, then problem), in the words a communicator needs; the
# first pattern that matches wins. The fuzzing tests (tests/test_fuzzing.py) look for English.
_QUOTE_IT = "mettez la valeur entre guillemets"
_BRACKETS = ("crochet [ ] ou accolade { } mal fermé : vérifiez les virgules et le signe fermant ; un texte qui "
             f"commence par [ ou {{ doit être entre guillemets")
# Shown at the opening quote (PyYAML's context mark), not at the end of the file.
_UNCLOSED_QUOTE = "guillemet ouvert ici et jamais fermé : fermez-le à la fin du texte"
_SYNTAX_MESSAGES = [
    (r"found character '\\t'|found a tab character", "tabulation interdite : en YAML, indentez avec des espaces"),
    (r"scanning a (double-)?quoted scalar.*(end of stream|document separator)", _UNCLOSED_QUOTE),
    (r"scanning a block scalar",
     "bloc de texte mal écrit : après « | » ou « > » (ou « |- », « >- »), rien d'autre sur la ligne ; le texte "
     "suit sur les lignes suivantes, indenté"),
    (r"scanning an? (anchor|alias)",
     f"« & » ou « * » en début de valeur : les ancres et alias YAML ne sont pas acceptés ; {_QUOTE_IT}"),
    (r"scanning a tag|parsing a tag|tag handle|non-specific tag|expected URI|expected '!'",
     f"« ! » en début de valeur : les étiquettes YAML ne sont pas acceptées ; {_QUOTE_IT}"),
    (r"scanning a directive|YAML directive|incompatible YAML document",
     f"ligne commençant par « % » : les directives YAML ne sont pas acceptées ; {_QUOTE_IT}"),
    (r"mapping values are not allowed here",
     "deux-points inattendu : si la valeur contient « : », mettez-la entre guillemets"),
    (r"could not find expected ':'", "deux-points manquant après la clé, ou ligne mal indentée"),
    (r"found unexpected end of stream", "fin du fichier inattendue : un guillemet ou un crochet n'est pas fermé"),
    (r"found unknown escape character|escape sequence of",
     "séquence d'échappement (\\…) inconnue entre guillemets doubles : utilisez des guillemets simples"),
    (r"expected ',' or|unclosed '\['", _BRACKETS),
    (r"expected a single document|another document|unexpected document separator",
     "un seul document YAML par fichier : retirez les séparateurs « --- » ou « ... » supplémentaires"),
    (r"expected <block end>|did not find expected key|expected '?<document start>'?",
     "indentation incohérente : alignez les clés de même niveau avec le même nombre d'espaces"),
    (r"did not find expected '-' indicator",
     "élément de liste mal aligné : les tirets d'une même liste doivent être alignés"),
    (r"sequence entries are not allowed here",
     "tiret de liste inattendu : un élément de liste commence sa propre ligne, indentée sous sa clé"),
    (r"mapping keys are not allowed here", f"point d'interrogation « ? » inattendu ici : {_QUOTE_IT}"),
    (r"found character '(.+?)' that cannot start any token",
     "caractère « {0} » inattendu en début de valeur : mettez la valeur entre guillemets"),
    (r"expected the node content", f"valeur attendue ici : vérifiez l'indentation, ou {_QUOTE_IT}"),
]
_SYNTAX_PATTERNS = [(re.compile(pattern, re.S), message) for pattern, message in _SYNTAX_MESSAGES]
_SYNTAX_FALLBACK = "syntaxe YAML invalide : vérifiez l'indentation, les guillemets et les deux-points de cette ligne"


def _syntax_message(problem: str) -> str:
    for pattern, message in _SYNTAX_PATTERNS:
        found = pattern.search(problem)
        if found:
            return message.format(*found.groups()) if "{0}" in message else message
    return _SYNTAX_FALLBACK


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
        node = compose(text, path)
    except yaml.MarkedYAMLError as exc:
        message = _syntax_message(f"{exc.context or ''} {exc.problem or ''}")
        mark = (exc.context_mark if message == _UNCLOSED_QUOTE else None) or exc.problem_mark or exc.context_mark
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
