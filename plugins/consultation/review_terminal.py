"""`python3 manage.py review-feedback`: the excerpts waiting for a reading, one at a time in the terminal.

Each excerpt is shown with its finding and date, and what find_hits (review.py) finds in it is pointed
out (« ⚠ à vérifier : … »); the answers are oui (publish), non (never publish), modifier (correct the
text in $VISUAL or $EDITOR, else typed on one line; then answer again), passer (later), quitter. The
answers given are then applied as `--apply` applies the marks written in the queue file
(review.apply_reviews): quitting, Ctrl-C, or the end of the input, keeps them.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from typing import Callable

from core.problems import Problem

from .feedback_data import EXCERPT_MAX_LENGTH
from .review import (ACCEPTED, REFUSED, WAITING, Applied, QueueEntry, apply_reviews, blocking_hits, clean_text,
                     hits_line, read_queue)

ANSWERS = "oui / non / modifier / passer / quitter"


def review(out_dir: str, max_bytes: int, ask: Callable[[str], str | None], say: Callable[[str], None],
           edit: Callable[[str], str | None],
           names: Callable[[str], list[tuple[int, int]]] | None = None,
           public=None) -> tuple[Applied | None, list[Problem]]:
    """Shows each waiting excerpt and asks what to do; then applies the answers (apply_reviews).
    `ask(prompt)` returns the answer, None at the end of the input; `edit(text)` the text corrected;
    `names` finds the names of persons to point out (plugins/privacy/names.py), if given; `public`: the
    site's public contacts (an accepted excerpt may hold those, nothing else the gate refuses)."""
    entries, problems = read_queue(out_dir)
    if problems:
        return Applied(), problems
    waiting = [entry for entry in entries if entry.status == WAITING]
    if not waiting:
        say("Aucun extrait à relire.")
        return None, []
    for number, entry in enumerate(waiting, 1):
        say(f"\nExtrait {number} sur {len(waiting)} — constat « {entry.finding} », "
            f"{entry.day.strftime('%d/%m/%Y')} :")
        if not _decide(entry, ask, say, edit, names, public):
            break
    return apply_reviews(out_dir, max_bytes, entries, names, public)


def _decide(entry: QueueEntry, ask, say, edit, names=None, public=None) -> bool:
    """Asks until an answer decides the excerpt; False to stop there (quitter, end of input)."""
    while True:
        say("\n".join(f"  │ {line}" for line in entry.text.split("\n")))
        line = hits_line(entry.text, names)
        if line:
            say(f"  ⚠ {line}")
        while True:
            answer = ask(f"Publier cet extrait ? ({ANSWERS}) ")
            if answer is None:
                return False
            answer = answer.strip().casefold()
            if answer in ("oui", "o"):
                blocking = blocking_hits(entry.text, public)
                if blocking:
                    say(f"Cet extrait contient encore une donnée personnelle ({blocking}) : il ne peut pas être "
                        "publié tel quel ; répondez modifier pour la remplacer par « [retiré] », ou non.")
                    continue
                entry.status = ACCEPTED
                return True
            if answer in ("non", "n"):
                entry.status = REFUSED
                return True
            if answer in ("passer", "p", ""):
                return True
            if answer in ("quitter", "q"):
                return False
            if answer in ("modifier", "m"):
                break
            say(f"Réponse non comprise : répondez {ANSWERS}.")
        corrected = clean_text(edit(entry.text) or "")
        if not corrected:
            say("Texte inchangé.")
        elif len(corrected) > EXCERPT_MAX_LENGTH:
            say(f"Texte trop long ({len(corrected)} caractères ; maximum {EXCERPT_MAX_LENGTH}) : inchangé.")
        else:
            entry.text = corrected


def terminal_ask(prompt: str) -> str | None:
    """An answer typed in the terminal; None at the end of the input (Ctrl-D) or on Ctrl-C: the reading
    stops there, as with « quitter », keeping the answers given."""
    try:
        return input(prompt)
    except EOFError:
        return None
    except KeyboardInterrupt:
        print()
        return None


def terminal_editor(ask: Callable[[str], str | None], say: Callable[[str], None]) -> Callable[[str], str | None]:
    """How « modifier » corrects a text: in $VISUAL or $EDITOR when set, else typed on one line."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")

    def typed(text: str) -> str | None:
        return ask("Nouveau texte (sur une ligne ; Entrée seule : inchangé) : ")

    def in_editor(text: str) -> str | None:
        handle, path = tempfile.mkstemp(prefix="extrait-", suffix=".txt")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text + "\n")
            try:
                done = subprocess.run([*shlex.split(command), path], check=False)
            except OSError:
                say(f"Éditeur « {command} » introuvable (variable EDITOR) : tapez le texte.")
                return typed(text)
            if done.returncode != 0:
                return None
            with open(path, encoding="utf-8") as edited:
                return edited.read()
        finally:
            os.remove(path)

    return in_editor if command else typed
