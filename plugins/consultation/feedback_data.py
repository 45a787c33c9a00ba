"""data/feedback/<finding-id>.yml: what the import keeps of the feedback on one finding.

Written by `invoke import-feedback` (feedback_import.py, from a CSV or mailbox exports), read
back by the strict data layer (DATA["feedback"] = {finding id: record}). Counts only, and the
excerpts its authors agreed to publish, without personal data:

    finding: "concurrence-01"
    count: 3
    sentiments:          # only when a row gave an « avis »
      positif: 1
      neutre: 0
      negatif: 1
    excerpts:            # only rows with publication « oui », messages answered « oui »
      - date: 2016-03-15
        text: "Le texte, sans e-mail, téléphone ni nom : [retiré]"
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field

from core.problems import Problem
from plugins.site_data.schema import Date, Field, Id, Integer, ListOf, Mapping, Text

SENTIMENTS = ("positif", "neutre", "negatif")  # YAML keys, without accents
EXCERPT_MAX_LENGTH = 3000

FEEDBACK_SCHEMA = Mapping({
    "finding": Field(Id()),
    "count": Field(Integer(minimum=1)),
    "sentiments": Field(Mapping({name: Field(Integer(minimum=0)) for name in SENTIMENTS}), required=False),
    "excerpts": Field(ListOf(Mapping({
        "date": Field(Date()),
        "text": Field(Text(max_length=EXCERPT_MAX_LENGTH)),
    }), min_items=1), required=False),
})


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


@dataclass
class FindingFeedback:
    """The feedback kept for one finding."""

    finding: str
    count: int = 0
    sentiments: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SENTIMENTS, 0))
    has_sentiment: bool = False
    excerpts: list[tuple[datetime.date, int, str]] = field(default_factory=list)  # (date, CSV line or order, text)


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
        for day, _, text in sorted(feedback.excerpts):
            lines += [f"  - date: {day.isoformat()}", f"    text: {yaml_string(text)}"]
    return "\n".join(lines) + "\n"
