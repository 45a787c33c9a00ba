"""data/feedback/<finding-id>.yml: what the import keeps of the feedback on one finding.

Written by `python3 manage.py import-feedback` (feedback_import.py, from a CSV or mailbox exports)
and `python3 manage.py review-feedback` (review.py), read back by the strict data layer
(DATA["feedback"] = {finding id: record}). Counts, and only the excerpts a person has read and
accepted (`relu: oui`), without personal data; the excerpts waiting for a reading are in the
review queue, data/feedback/a-relire/extraits.yml, which git ignores and the build never reads
(review.py):

    finding: "concurrence-01"
    count: 3
    sentiments:          # only when a row gave an « avis »
      positif: 1
      neutre: 0
      negatif: 1
    excerpts:            # read and accepted: only these are published
      - date: 2016-03-15
        text: "Le texte, sans e-mail, téléphone ni nom : [retiré]"
        relu: oui
        cle: "3f2a9c0d1e4b5a67"   # the excerpt as imported (review.excerpt_key)
    refuses:             # keys of the excerpts refused at the reading: a re-import does not queue them again
      - "9b8c7d6e5f4a3b2c"
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field

from core.problems import Problem
from plugins.site_data.schema import Date, Field, Id, Integer, ListOf, Mapping, Scalar, Text

SENTIMENTS = ("positif", "neutre", "negatif")  # YAML keys, without accents
EXCERPT_MAX_LENGTH = 3000
REVIEW_COMMAND = "python3 manage.py review-feedback"


class Key(Scalar):
    """The key of an excerpt (review.excerpt_key): 16 hexadecimal digits."""

    expected = "une clé d'extrait (16 chiffres hexadécimaux)"

    def convert(self, text, node, checker):
        if not re.fullmatch(r"[0-9a-f]{16}", text):
            return checker.error(node, (
                f"clé d'extrait « {text} » invalide : 16 chiffres ou lettres de a à f, écrits par l'import "
                "(ne la modifiez pas)"))
        return text


class Reviewed(Scalar):
    """`relu: oui`: a tracked excerpt has been read and accepted by a person."""

    expected = "oui"

    def convert(self, text, node, checker):
        if text != "oui":
            return checker.error(node, (
                f"extrait non relu (relu: {text}) : un extrait n'est publié qu'après relecture ; relancez "
                f"l'import des réactions puis « {REVIEW_COMMAND} »"))
        return True

def feedback_schema(text: Scalar) -> Mapping:
    """The schema, with the type of the excerpts' text: Text (French typography applied) for the site,
    the text as written for the readings that rewrite the file (review.py)."""
    return Mapping({
        "finding": Field(Id()),
        "count": Field(Integer(minimum=1)),
        "sentiments": Field(Mapping({name: Field(Integer(minimum=0)) for name in SENTIMENTS}), required=False),
        "excerpts": Field(ListOf(Mapping({
            "date": Field(Date()),
            "text": Field(text),
            "relu": Field(Reviewed(), required=False),  # missing: check_feedback says what to do
            "cle": Field(Key(), required=False),
        }), min_items=1), required=False),
        "refuses": Field(ListOf(Key(), min_items=1), required=False),
    })


FEEDBACK_SCHEMA = feedback_schema(Text(max_length=EXCERPT_MAX_LENGTH))


def check_feedback(record, checker) -> None:
    """The file is named after its finding; counts add up."""
    stem = os.path.splitext(os.path.basename(checker.path))[0]
    if record["finding"] != stem:
        checker.problems.append(Problem(checker.path, record.lines["finding"], None, (
            f"ce fichier concerne le constat « {record['finding']} » mais s'appelle « {stem}.yml » : "
            f"renommez-le « {record['finding']}.yml » (ou relancez l'import des réactions)")))
    sentiments = record["sentiments"]
    if sentiments is not None and sum(sentiments.values()) > record["count"]:
        checker.problems.append(Problem(checker.path, record.lines["sentiments"], None, (
            f"plus d'avis ({sum(sentiments.values())}) que de réactions ({record['count']})")))
    excerpts = record["excerpts"] or []
    if len(excerpts) > record["count"]:
        checker.problems.append(Problem(checker.path, record.lines["excerpts"], None, (
            f"plus d'extraits ({len(excerpts)}) que de réactions ({record['count']})")))
    for index, excerpt in enumerate(excerpts):
        line = record["excerpts"].marks[index][0]
        if excerpt["relu"] is None:
            checker.problems.append(Problem(checker.path, line, None, (
                "extrait non relu (pas de « relu: oui ») : un extrait n'est publié qu'après relecture ; "
                f"relancez l'import des réactions puis « {REVIEW_COMMAND} »")))
        elif excerpt["cle"] is None:
            checker.problems.append(Problem(checker.path, line, None, (
                "extrait sans « cle » : elle est écrite par l'import ; relancez l'import des réactions")))
    keys = [(excerpt["cle"], record["excerpts"].marks[index][0]) for index, excerpt in enumerate(excerpts)
            if excerpt["cle"] is not None]
    keys += [(key, record["refuses"].marks[index][0]) for index, key in enumerate(record["refuses"] or [])]
    checker.problems += duplicate_keys(checker.path, keys)


def duplicate_keys(path: str, keys: list[tuple[str, int]]) -> list[Problem]:
    """An excerpt key written twice ((key, line) pairs): each excerpt is decided once."""
    seen: dict[str, int] = {}
    problems = []
    for key, line in keys:
        if key in seen:
            problems.append(Problem(path, line, None, f"clé d'extrait « {key} » en double (déjà présente ligne {seen[key]})"))
        else:
            seen[key] = line
    return problems


@dataclass(order=True)
class Excerpt:
    """One excerpt: its date, its place in the import (CSV line or message order), its text, its key."""

    day: datetime.date
    order: int
    text: str
    key: str = ""
    # At import only, never written to a tracked file: the digest of the message as received
    # (review.source_digest), which finds a review again when the cleaning changed the text.
    source: str = ""


@dataclass
class FindingFeedback:
    """The feedback kept for one finding."""

    finding: str
    count: int = 0
    sentiments: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SENTIMENTS, 0))
    has_sentiment: bool = False
    excerpts: list[Excerpt] = field(default_factory=list)  # read and accepted (tracked) or read by the import
    refused: set[str] = field(default_factory=set)  # keys of the excerpts refused at the reading


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r",
            "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\uFEFF"}


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar: always a string (`NO`, `2016-03-01` stay text), on one line."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F:
            out.append(f"\\x{ord(char):02X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


HEADER = (
    "# Réactions reçues sur le constat « {id} » : fichier écrit par « python3 manage.py import-feedback »,\n"
    "# remplacé à chaque import. Ne le modifiez pas à la main : corrigez l'export (messages ou CSV) et relancez "
    "l'import.\n"
    "# Seuls les extraits relus (« python3 manage.py review-feedback ») y figurent.\n"
)


def dump_feedback(feedback: FindingFeedback) -> str:
    lines = [HEADER.format(id=feedback.finding).rstrip("\n"),
             f"finding: {yaml_string(feedback.finding)}",
             f"count: {feedback.count}"]
    if feedback.has_sentiment:
        lines.append("sentiments:")
        lines += [f"  {name}: {feedback.sentiments[name]}" for name in SENTIMENTS]
    if feedback.excerpts:
        lines.append("excerpts:")
        for excerpt in sorted(feedback.excerpts):
            lines += [f"  - date: {excerpt.day.isoformat()}", f"    text: {yaml_string(excerpt.text)}",
                      "    relu: oui", f"    cle: {yaml_string(excerpt.key)}"]
    if feedback.refused:
        lines.append("refuses:")
        lines += [f"  - {yaml_string(key)}" for key in sorted(feedback.refused)]
    return "\n".join(lines) + "\n"
