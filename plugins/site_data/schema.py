"""Typed schemas for data files, checked on the YAML node tree.

A schema converts nodes into plain Python values and records every problem with
the line and column of the offending node, so that one run reports all the
mistakes of a file. Types say in French what they expect.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from core.problems import Problem
from plugins.french_typography.typography import fix_text

INVALID = object()  # a value that failed validation; its problem is recorded

MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]

# YAML 1.1 booleans that PyYAML would turn into true/false without a word.
_YAML11_BOOLEANS = {"y", "yes", "n", "no", "on", "off"}


class Checker:
    """Collects problems for one file."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []

    def error(self, node: Node, message: str) -> object:
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message))
        return INVALID


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "un ensemble de clés"
    if isinstance(node, SequenceNode):
        return "une liste"
    return f"« {node.value} »"


class Type:
    expected = "une valeur"

    def check(self, node: Node, checker: Checker) -> Any:
        raise NotImplementedError


class Scalar(Type):
    """A single value written on one line (or a block of text)."""

    def check(self, node, checker):
        if not isinstance(node, ScalarNode):
            return checker.error(node, f"{self.expected} est attendu(e) ici, pas {_describe(node)}")
        if node.value == "" and node.style is None:
            return checker.error(node, f"valeur manquante : {self.expected} est attendu(e)")
        return self.convert(node.value, node, checker)

    def convert(self, text: str, node: Node, checker: Checker) -> Any:
        return text


@dataclass
class Text(Scalar):
    """A text for the site's pages, in French typography (plugins/french_typography), as the
    communicators' Markdown gets it: « l’ », no-break spaces before : ; ! ? and inside « »,
    « 18 h 30 » on one line. Applied to the text itself: the templates escape it afterwards."""

    max_length: int = 2000
    expected = "un texte"

    def convert(self, text, node, checker):
        if not text.strip():
            return checker.error(node, "texte vide : écrivez un texte ou supprimez la ligne")
        if len(text) > self.max_length:
            return checker.error(node, f"texte trop long ({len(text)} caractères ; maximum {self.max_length})")
        return fix_text(text)


@dataclass
class Id(Scalar):
    expected = "un identifiant"
    pattern = re.compile(r"[a-z0-9][a-z0-9-]*\Z")

    def convert(self, text, node, checker):
        if not self.pattern.match(text):
            return checker.error(node, (
                f"identifiant « {text} » invalide : uniquement des minuscules sans accent, des "
                "chiffres et des tirets, en commençant par une lettre ou un chiffre (ex. concurrence-01)"))
        return text


@dataclass
class Boolean(Scalar):
    expected = "true ou false"

    def convert(self, text, node, checker):
        if text in ("true", "false"):
            return text == "true"
        if text.lower() in _YAML11_BOOLEANS | {"true", "false"}:
            return checker.error(node, f"« {text} » est ambigu en YAML : écrivez true ou false")
        return checker.error(node, f"« {text} » n'est pas un booléen : écrivez true ou false")


@dataclass
class Integer(Scalar):
    minimum: int | None = None
    maximum: int | None = None
    expected = "un nombre entier"

    def convert(self, text, node, checker):
        if not re.fullmatch(r"-?[0-9]+", text):
            return checker.error(node, f"« {text} » n'est pas un nombre entier")
        value = int(text)
        if self.minimum is not None and value < self.minimum:
            return checker.error(node, f"{value} est trop petit (minimum {self.minimum})")
        if self.maximum is not None and value > self.maximum:
            return checker.error(node, f"{value} est trop grand (maximum {self.maximum})")
        return value


@dataclass
class Choice(Scalar):
    choices: tuple[str, ...] = ()
    expected = "une valeur de la liste"

    def convert(self, text, node, checker):
        if text not in self.choices:
            allowed = ", ".join(self.choices)
            return checker.error(node, f"valeur « {text} » inconnue : valeurs possibles : {allowed}")
        return text


@dataclass
class Url(Scalar):
    expected = "une adresse web"

    def convert(self, text, node, checker):
        if not re.fullmatch(r"https?://[^\s<>\"]+|/[^\s<>\"]*", text):
            return checker.error(node, (
                f"adresse « {text} » invalide : elle doit commencer par https:// "
                "ou par / pour une page du site"))
        return text


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day or only to the month (`2016-06`)."""

    year: int
    month: int
    day: int | None = None

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, self.day or 1)

    @property
    def last_day(self) -> datetime.date:
        return datetime.date(self.year, self.month,
                             self.day or calendar.monthrange(self.year, self.month)[1])

    @property
    def iso(self) -> str:
        text = f"{self.year:04d}-{self.month:02d}"
        return f"{text}-{self.day:02d}" if self.day else text


def _parse_date(text: str, allow_month: bool) -> PartialDate | str:
    """A PartialDate, or the French reason why text is not one."""
    shape = r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?" if allow_month else r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
    found = re.fullmatch(shape, text)
    example = "AAAA-MM-JJ ou AAAA-MM (ex. 2016-03-01 ou 2016-06)" if allow_month else "AAAA-MM-JJ (ex. 2016-03-01)"
    if not found:
        return f"date « {text} » invalide : écrivez-la au format {example}"
    year, month, day = (int(g) if g else None for g in found.groups())
    if not 1 <= month <= 12:
        return f"date « {text} » impossible : le mois {month} n'existe pas"
    if day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return f"date « {text} » impossible : {MONTHS_FR[month - 1]} {year} n'a que {last} jours"
    return PartialDate(year, month, day)


@dataclass
class Date(Scalar):
    expected = "une date"

    def convert(self, text, node, checker):
        parsed = _parse_date(text, allow_month=False)
        if isinstance(parsed, str):
            return checker.error(node, parsed)
        return parsed.first_day


@dataclass
class MonthOrDate(Scalar):
    expected = "une date ou un mois"

    def convert(self, text, node, checker):
        parsed = _parse_date(text, allow_month=True)
        if isinstance(parsed, str):
            return checker.error(node, parsed)
        return parsed


@dataclass
class ListOf(Type):
    item: Type
    min_items: int = 0
    expected = "une liste"

    def check(self, node, checker):
        if not isinstance(node, SequenceNode):
            return checker.error(node, f"une liste (lignes commençant par « - ») est attendue ici, pas {_describe(node)}")
        if len(node.value) < self.min_items:
            return checker.error(node, f"la liste doit contenir au moins {self.min_items} élément(s)")
        items = Items(self.item.check(child, checker) for child in node.value)
        items.marks = [(child.start_mark.line + 1, child.start_mark.column + 1) for child in node.value]
        return INVALID if any(item is INVALID for item in items) else items


@dataclass
class Field:
    type: Type
    required: bool = True
    help: str = ""


class Items(list):
    """A checked list; `.marks` gives the (line, column) of each item for later cross-checks."""

    marks: list[tuple[int, int]]


class Record(dict):
    """A checked mapping; `.lines` gives the line of each key and `.marks` the (line, column)
    of each value, for later cross-checks."""

    path: str = ""
    line: int = 0
    lines: dict[str, int]
    marks: dict[str, tuple[int, int]]


@dataclass
class Mapping(Type):
    fields: dict[str, Field] = field(default_factory=dict)
    expected = "un ensemble de clés"

    def check(self, node, checker):
        if not isinstance(node, MappingNode):
            return checker.error(node, f"un ensemble de clés (« clé: valeur ») est attendu ici, pas {_describe(node)}")
        record = Record()
        record.path, record.line, record.lines, record.marks = checker.path, node.start_mark.line + 1, {}, {}
        ok = True
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if key is None:
                checker.error(key_node, "clé invalide : une clé est un simple mot suivi de « : »")
                ok = False
                continue
            if key in record.lines:
                checker.error(key_node, f"clé « {key} » en double (déjà présente ligne {record.lines[key]})")
                ok = False
                continue
            record.lines[key] = key_node.start_mark.line + 1
            record.marks[key] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
            spec = self.fields.get(key)
            if spec is None:
                known = ", ".join(self.fields)
                checker.error(key_node, f"clé « {key} » inconnue : clés possibles : {known}")
                ok = False
                continue
            value = spec.type.check(value_node, checker)
            ok = ok and value is not INVALID
            record[key] = value
        for name, spec in self.fields.items():
            if spec.required and name not in record.lines:
                checker.error(node, f"clé obligatoire « {name} » manquante")
                ok = False
            elif name not in record:
                record[name] = None
        return record if ok else INVALID


def check_unique(records: list, key: str, checker: Checker, what: str) -> None:
    """Report records that reuse a value of `key`, pointing at both places."""
    seen: dict[str, Record] = {}
    for record in records:
        if not isinstance(record, Record):
            continue
        value = record.get(key)
        if value in seen:
            first = seen[value]
            checker.problems.append(Problem(checker.path, record.lines[key], None, (
                f"{what} « {value} » en double (déjà utilisé ligne {first.lines[key]})")))
        else:
            seen[value] = record
