"""A settings file Python cannot run (pelicanconf.py, publishconf.py), told in French at its line.

The settings are Python: a missing quote or a word left without quotes stops Python itself, with
an English message and no place a communicator can act on. Here the common cases get a located
French message saying what to check.
"""

from __future__ import annotations

import os
import traceback

from core.problems import Problem

# Python's reasons (3.11+), in the words a communicator can act on.
_SYNTAX = (
    ("unterminated string literal", "guillemet fermant manquant : un texte s'écrit entre deux guillemets, "
                                    "par exemple \"#0d3b66\""),
    ("unterminated triple-quoted string", "guillemets triples jamais fermés"),
    ("was never closed", "parenthèse, crochet ou accolade jamais fermé"),
    ("does not match opening parenthesis", "parenthèse, crochet ou accolade fermé par un autre signe"),
    ("unmatched", "parenthèse, crochet ou accolade fermé sans avoir été ouvert"),
    ("unexpected indent", "retrait inattendu : un réglage commence en début de ligne"),
    ("unindent does not match", "retrait incohérent : alignez cette ligne sur les précédentes"),
    ("expected ':'", "deux-points « : » manquant"),
    ("perhaps you forgot a comma", "virgule manquante entre deux éléments"),
    ("invalid character", "caractère invalide (guillemets typographiques « » ou “ ” ? écrivez \" ou ')"),
)
_GENERIC = "vérifiez les guillemets, les virgules, les parenthèses et les crochets de cette ligne"


def settings_problem(settings_file: str, exc: BaseException) -> Problem | None:
    """The French problem of an exception raised while Python ran the settings file, or None when
    the exception did not come from that file."""
    path = os.path.abspath(settings_file)
    shown = os.path.relpath(path)
    if isinstance(exc, SyntaxError) and exc.filename and os.path.abspath(exc.filename) == path:
        reason = next((french for english, french in _SYNTAX if english in (exc.msg or "")), _GENERIC)
        return Problem(shown, exc.lineno, exc.offset, f"erreur de syntaxe Python : {reason}")
    frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if os.path.abspath(frame.filename) == path]
    if not frames:
        return None
    line = frames[-1].lineno
    if isinstance(exc, NameError) and getattr(exc, "name", None):
        return Problem(shown, line, None, (
            f"nom inconnu « {exc.name} » : un texte s'écrit entre guillemets (par exemple \"{exc.name}\"), "
            "ou ce réglage est utilisé avant d'être défini"))
    return Problem(shown, line, None, (
        f"ce réglage ne peut pas être calculé ({type(exc).__name__}) : vérifiez la valeur de cette ligne"))
