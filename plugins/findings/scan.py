"""Finds `/// constat` blocks in a Markdown source, line by line, and checks them.

Python-Markdown loses line numbers, so the blocks are read here first, with the
same rules as pymdownx.blocks (fence of 3+ slashes, options indented by 4
spaces and read as YAML, closing fence of the same length), to report every
mistake as `file:line: message`. The block extension (block.py) then renders
what this scan accepted; registry.py checks that both saw the same findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, ScalarNode

from core.problems import Problem, ProblemError
from plugins.site_data.loader import parse as parse_yaml

BLOCK_NAME = "constat"
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
# In the finding's address (#id, and so in its QR code, whose capacity is bounded) and in the name
# of data/feedback/<id>.yml (file names stop at 255 bytes).
ID_MAX_LENGTH = 80
OPTION_KEYS = ("id", "theme")
# Same shapes as pymdownx.blocks' RE_START / RE_END / option lines.
_START = re.compile(r"[ ]{0,3}(/{3,})[ ]*([\w-]+)[ ]*(?:\|[ ]*(.*?)[ ]*)?$")
_END = re.compile(r"[ ]{0,3}(/{3,})[ ]*$")
_OPTION_LINE = re.compile(r"[ ]{4,}\S")
_TAB_OPTION_LINE = re.compile(r"[ ]*\t[ \t]*[\w-]+[ ]*:")
_CODE_FENCE = re.compile(r"[ ]{0,3}(`{3,}|~{3,})")
_MARKS = ("/", "`", "~")  # the first character, after spaces, of every line _START, _END or _CODE_FENCE match
_STR_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class FindingSource:
    id: str
    title: str
    theme: str | None
    line: int
    # The block's option lines (indent removed) and what they hold, if the block has no problem:
    # the block extension renders it without reading them again (block.expect_options).
    options_text: str = field(default="", compare=False, repr=False)
    options: tuple = field(default=(), compare=False, repr=False)


def _yaml_type_problem(node: ScalarNode) -> str | None:
    """pymdownx reads options with PyYAML's full typing: `2016` would become a number."""
    if node.style is None and yaml.resolver.Resolver().resolve(ScalarNode, node.value, (True, False)) != _STR_TAG:
        return f"« {node.value} » serait lu comme un nombre ou un booléen : mettez-le entre guillemets"
    return None


# An option line as nearly every block has it (« id: marque-partagee »): its value is a string for
# YAML too unless it is one of the words YAML reads as a boolean or as nothing.
_SIMPLE_OPTION = re.compile(r"(id|theme):[ ]+([a-z][a-z0-9-]*)[ ]*\Z")
_YAML_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})


def _simple_options(lines: list[str]) -> list[tuple[str, str]] | None:
    """(key, value) for each line if every line is a simple option, each key once; else None
    (the YAML parser reads the block, with its messages)."""
    found = []
    for line in lines:
        match = _SIMPLE_OPTION.match(line, 4)
        if match is None or match.group(2) in _YAML_WORDS:
            return None
        found.append(match.groups())
    return found if len({key for key, _ in found}) == len(found) else None


def _value_problem(key: str, value: str, themes: set[str] | None) -> str | None:
    if key == "id" and not ID_PATTERN.match(value):
        return (f"identifiant « {value} » invalide : uniquement des minuscules sans accent, des chiffres "
                "et des tirets, en commençant par une lettre ou un chiffre (ex. concurrence-01)")
    if key == "id" and len(value) > ID_MAX_LENGTH:
        return (f"identifiant « {value[:20]}… » trop long ({len(value)} caractères ; {ID_MAX_LENGTH} au plus) : "
                "il figure dans l'adresse du constat, son code QR et le nom de son fichier de réactions")
    if key == "theme" and themes is not None and value not in themes:
        known = ", ".join(sorted(themes)) or "aucun (data/themes.yml est vide)"
        return f"thème « {value} » inconnu : thèmes déclarés dans data/themes.yml : {known}"
    return None


def _options(path: str, first_line: int, lines: list[str], themes: set[str] | None,
             problems: list[Problem]) -> dict | None:
    """The block's options (id, theme), each checked (None if unreadable); problems get their own line."""
    simple = _simple_options(lines)
    if simple is not None:  # what the YAML parser would give, without it (5,000 blocks: 0.15 s)
        options = {}
        for number, (key, value) in enumerate(simple):
            reason = _value_problem(key, value, themes)
            if reason:
                problems.append(Problem(path, first_line + number, None, reason))
            options[key] = None if reason else value
        return options
    text = "\n".join(line[4:] for line in lines) + "\n"
    try:
        node = parse_yaml(path, text.encode("utf-8"), max_bytes=10_000)
    except ProblemError as exc:
        shifted = exc.problem
        line = first_line + (shifted.line or 1) - 1
        problems.append(Problem(path, line, None, f"options du constat : {shifted.message}"))
        return None
    if not isinstance(node, MappingNode):
        problems.append(Problem(path, first_line, None, "options du constat : écrivez « id: … » puis « theme: … », une par ligne"))
        return None
    options = {}
    for key_node, value_node in node.value:
        line = first_line + key_node.start_mark.line
        key = key_node.value
        if key not in OPTION_KEYS:
            problems.append(Problem(path, line, None, f"option « {key} » inconnue : options possibles : {', '.join(OPTION_KEYS)}"))
            continue
        if key in options:
            problems.append(Problem(path, line, None, f"option « {key} » en double"))
            continue
        if not isinstance(value_node, ScalarNode) or value_node.value == "":
            problems.append(Problem(path, line, None, f"option « {key} » : une valeur simple est attendue"))
            options[key] = None
            continue
        value = value_node.value
        reason = _yaml_type_problem(value_node) or _value_problem(key, value, themes)
        if reason:
            problems.append(Problem(path, line, None, reason))
        options[key] = None if reason else value
    return options


def scan(path: str, text: str, themes: set[str] | None) -> tuple[list[FindingSource], list[Problem]]:
    """Every constat block of a source, and every problem with its line."""
    findings: list[FindingSource] = []
    problems: list[Problem] = []
    lines = text.split("\n")
    stack: list[tuple[int, str, int]] = []  # (fence length, block name, line)
    code_fence, code_line = None, 0
    index = 0
    while index < len(lines):
        line, number = lines[index], index + 1
        index += 1
        if line.lstrip(" ")[:1] not in _MARKS:
            continue  # no fence can start this line (most of them): no pattern to try
        fence = _CODE_FENCE.match(line)
        if code_fence is not None:
            if fence and fence.group(1)[0] == code_fence[0] and len(fence.group(1)) >= len(code_fence):
                code_fence = None
            continue
        if fence:
            code_fence, code_line = fence.group(1), number
            continue
        start = _START.match(line)
        if start:
            length, name, title = len(start.group(1)), start.group(2).lower(), (start.group(3) or "").strip()
            if name == BLOCK_NAME:
                outer = next((opened for opened in stack if opened[1] == BLOCK_NAME), None)
                if outer:
                    problems.append(Problem(path, number, None, (
                        f"constat placé dans un autre constat (ouvert ligne {outer[2]}) : fermez le premier par "
                        "« /// » avant d'ouvrir le suivant")))
                option_lines = []
                reported = len(problems)
                while index < len(lines) and _OPTION_LINE.match(lines[index]):
                    option_lines.append(lines[index])
                    index += 1
                options = _options(path, number + 1, option_lines, themes, problems) if option_lines else {}
                if index < len(lines) and _TAB_OPTION_LINE.match(lines[index]):
                    # Python-Markdown expands tabs, this scan (like the YAML it reads) does not.
                    problems.append(Problem(path, index + 1, 1, (
                        "options du constat indentées par une tabulation : indentez-les avec quatre espaces "
                        "(ex. « ····id: mon-constat-01 », un · par espace)")))
                    options = None
                if not title:
                    problems.append(Problem(path, number, None,
                                            "titre du constat manquant : écrivez « /// constat | Le titre du constat »"))
                if options is None:
                    pass  # unreadable options, already reported
                elif "id" not in options:
                    problems.append(Problem(path, number, None, (
                        "identifiant du constat manquant : ajoutez sous la première ligne, indentée de quatre "
                        "espaces, une ligne « id: mon-constat-01 »")))
                elif title and options["id"]:
                    clean = len(problems) == reported
                    findings.append(FindingSource(
                        options["id"], title, options.get("theme"), number,
                        "\n".join(line[4:] for line in option_lines) if clean else "",
                        tuple(options.items()) if clean else ()))
            stack.append((length, name, number))
            continue
        end = _END.match(line)
        if end:
            length = len(end.group(1))
            for position in range(len(stack) - 1, -1, -1):
                if stack[position][0] == length:
                    del stack[position:]
                    break
    if code_fence is not None:
        # Markdown would show the fence as text and render what follows, constats included,
        # which this scan skipped as code: the page would be wrong without a word.
        problems.append(Problem(path, code_line, None, (
            f"bloc de code ouvert ligne {code_line} par « {code_fence} » mais jamais fermé : ajoutez une ligne "
            f"« {code_fence} » après le code")))
    for length, name, number in stack:
        if name == BLOCK_NAME:
            problems.append(Problem(path, number, None, (
                f"constat ouvert ligne {number} mais jamais fermé : ajoutez une ligne « {'/' * length} » "
                "après son texte")))
    return findings, problems
