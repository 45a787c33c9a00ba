"""The review queue: no excerpt reaches data/feedback/ (tracked, public) or the site before a person read it.

The import (feedback_import.run_import) writes the counts, and the excerpts already read and accepted,
to data/feedback/<finding-id>.yml (feedback_data.py); every other excerpt goes to the queue,
data/feedback/a-relire/extraits.yml, which git ignores (.gitignore) and the build never reads (the
data layer skips the folders of data/feedback/; the published site is built from `git archive`):

    # (a header saying what to do)
    - constat: "concurrence-01"
      date: 2016-03-15
      cle: "3f2a9c0d1e4b5a67"
      relu: non
      texte: "Le texte, sans e-mail, téléphone ni nom : [retiré]"

`relu: non`: waiting (never published, only counted). The person reading writes `relu: oui` (publish,
after correcting `texte` if needed) or `relu: refusé` (never published, only counted), then runs
`python3 manage.py review-feedback --apply`; or answers, one excerpt at a time, in the terminal
(`python3 manage.py review-feedback`: oui / non / modifier / passer / quitter), what is pointed out
to them being what find_personal_data (and find_names, which the task gives: plugins/privacy/names.py)
finds in the text. Applying moves the `oui` excerpts to the tracked file (`relu: oui`, `cle`) and
the keys of the refused ones to its `refuses:` list.

`cle` (excerpt_key) is a hash of the finding, the date and the text as the import scrubbed it
(never of its sender, never of the text as edited): a re-import finds the same excerpt again and
keeps what was decided (text edited and accepted, refused, or waiting with its mark and edits).

    read_state(out_dir, max_bytes) -> tuple[State, list[Problem]]   (tracked files and queue)
    merge(imported_findings, state) -> (queue, sources)              (used by the import)
    apply_reviews(out_dir, max_bytes) -> tuple[Applied, list[Problem]]
    waiting_line(out_dir)                                              (for `check`)

The interactive mode, one excerpt at a time in the terminal, is review_terminal.py.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from core.problems import Problem, ProblemError, display_path
from plugins.privacy.gate import stopped
from plugins.privacy.personal_data import REMOVED, PublicContacts, find_personal_data
from plugins.site_data.loader import parse
from plugins.site_data.schema import INVALID, Checker, Date, Field, Id, ListOf, Mapping, Scalar

from .feedback_data import (
    EXCERPT_MAX_LENGTH,
    FEEDBACK_SCHEMA,
    REVIEW_COMMAND,
    Excerpt,
    FindingFeedback,
    Key,
    check_feedback,
    dump_feedback,
    duplicate_keys,
    feedback_schema,
    yaml_string,
)

QUEUE_FOLDER = "a-relire"
QUEUE_FILE = f"{QUEUE_FOLDER}/extraits.yml"  # relative to data/feedback/
# Beside the queue, never tracked either: « digest of the message as received → key », so that a review
# is found again when the cleaning of the same message gives another text (a place added to
# PRIVACY_KEPT_NAMES, a better detector). Digests of residents' raw text stay on the office's machine.
SOURCES_FILE = f"{QUEUE_FOLDER}/messages.txt"
_SOURCE_LINE = re.compile(r"([0-9a-f]{32}(?:-[0-9]+)?) ([0-9a-f]{16})")
QUEUE_MAX_BYTES = 200 * 1024 ** 2  # 10,000 excerpts of 3,000 characters (up to 4 bytes each) fit
WAITING, ACCEPTED, REFUSED = "non", "oui", "refusé"
_STATUS = {"non": WAITING, "oui": ACCEPTED, "refusé": REFUSED, "refuse": REFUSED, "refusée": REFUSED}
APPLY_COMMAND = f"{REVIEW_COMMAND} --apply"

QUEUE_HEADER = (
    "# Extraits à relire avant publication, écrits par « python3 manage.py import-feedback ».\n"
    "# Ce fichier n'est jamais publié ni enregistré par git. Pour chaque extrait, écrivez\n"
    "#   relu: oui      pour le publier (corrigez « texte » avant si besoin : un nom, un numéro…)\n"
    "#   relu: refusé   pour ne jamais le publier (la réaction reste comptée)\n"
    f"# puis lancez « {APPLY_COMMAND} » ; ou relisez-les un par un avec « {REVIEW_COMMAND} ».\n"
    "# relu: non = pas encore relu (la réaction est comptée, l'extrait n'est pas publié) ; pour refuser un extrait,\n"
    "# écrivez relu: refusé (« non » le laisse en attente).\n"
)


def excerpt_key(finding: str, day, text: str, occurrence: int = 0) -> str:
    """The stable key of an excerpt as the import scrubbed it; `occurrence` tells apart the same text
    on the same day from several people."""
    seed = f"{finding}\n{day.isoformat()}\n{text}" + (f"\n{occurrence}" if occurrence else "")
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:16]


def source_digest(finding: str, day, raw_text: str) -> str:
    """The digest of a message as received (before cleaning), for SOURCES_FILE only."""
    return hashlib.sha256(f"{finding}\n{day.isoformat()}\n{raw_text}".encode("utf-8")).hexdigest()[:32]


def read_sources(out_dir: str) -> tuple[dict[str, str], list[Problem]]:
    """SOURCES_FILE: message digest → key of its excerpt; absent on another machine (then the keys of
    the cleaned texts alone find the reviews again)."""
    path = os.path.join(out_dir, SOURCES_FILE)
    if not os.path.isfile(path):
        return {}, []
    sources, problems = {}, []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            found = _SOURCE_LINE.fullmatch(line)
            if found is None:
                problems.append(Problem(path, number, None, (
                    "ligne illisible : ce fichier est écrit par l'import, ne le modifiez pas (supprimez-le "
                    "pour repartir des seuls textes nettoyés)")))
                continue
            sources[found.group(1)] = found.group(2)
    return sources, problems


def dump_sources(sources: dict[str, str]) -> str:
    lines = ["# Écrit par « python3 manage.py import-feedback » : retrouve la relecture d'un message même si son",
             "# texte nettoyé change. Jamais publié ni enregistré par git ; ne le modifiez pas."]
    return "\n".join(lines + [f"{digest} {key}" for digest, key in sorted(sources.items())]) + "\n"


@dataclass
class QueueEntry:
    finding: str
    day: object  # datetime.date
    key: str
    status: str  # WAITING, ACCEPTED or REFUSED
    text: str
    order: int = 0
    line: int | None = None  # in the queue file, when read from it


class _Status(Scalar):
    expected = "oui, non ou refusé"

    def convert(self, text, node, checker):
        status = _STATUS.get(text.strip().casefold())
        if status is None:
            return checker.error(node, (
                f"relu « {text} » inconnu : écrivez oui (publier), refusé (ne jamais publier) ou non "
                "(pas encore relu)"))
        return status


class _RawText(Scalar):
    """The excerpt as written (no typography applied: it is applied when it is published)."""

    expected = "un texte"

    def convert(self, text, node, checker):
        if not text.strip():
            return checker.error(node, "texte vide : écrivez le texte à publier, ou relu: refusé")
        if len(text) > EXCERPT_MAX_LENGTH:
            return checker.error(node, f"texte trop long ({len(text)} caractères ; maximum {EXCERPT_MAX_LENGTH})")
        return text.strip()


QUEUE_SCHEMA = ListOf(Mapping({
    "constat": Field(Id()),
    "date": Field(Date()),
    "cle": Field(Key()),
    "relu": Field(_Status()),
    "texte": Field(_RawText()),
}))


TRACKED_SCHEMA = feedback_schema(_RawText())


def queue_path(out_dir: str) -> str:
    return os.path.join(out_dir, QUEUE_FOLDER, "extraits.yml")


def dump_queue(entries: list[QueueEntry]) -> str:
    lines = [QUEUE_HEADER.rstrip("\n")]
    for entry in entries:
        lines += [f"- constat: {yaml_string(entry.finding)}", f"  date: {entry.day.isoformat()}",
                  f"  cle: {yaml_string(entry.key)}", f"  relu: {entry.status}", f"  texte: {yaml_string(entry.text)}"]
    return "\n".join(lines) + "\n"


def _load(path: str, schema, max_bytes: int) -> tuple[object, list[Problem]]:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
        node = parse(path, raw, max_bytes, size=os.path.getsize(path))
    except ProblemError as exc:
        return INVALID, exc.problems
    except OSError as exc:
        return INVALID, [Problem(path, None, None, f"fichier illisible (erreur système {exc.errno})")]
    checker = Checker(path)
    value = schema.check(node, checker)
    return value, checker.problems


def read_queue(out_dir: str) -> tuple[list[QueueEntry], list[Problem]]:
    """The entries of the queue ([] when there is none), or its problems, each at its line."""
    path = queue_path(out_dir)
    if not os.path.exists(path):
        return [], []
    value, problems = _load(path, QUEUE_SCHEMA, QUEUE_MAX_BYTES)
    if problems or value is INVALID:
        return [], problems
    problems = duplicate_keys(path, [(item["cle"], item.lines["cle"]) for item in value])
    if problems:
        return [], problems
    return [QueueEntry(item["constat"], item["date"], item["cle"], item["relu"], item["texte"], order,
                       item.line) for order, item in enumerate(value)], []


@dataclass
class State:
    """What the previous import and readings decided, by key."""

    tracked: dict[str, FindingFeedback] = field(default_factory=dict)  # finding → its tracked file
    queue: list[QueueEntry] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # SOURCES_FILE

    def accepted(self) -> dict[str, Excerpt]:
        return {excerpt.key: excerpt for feedback in self.tracked.values() for excerpt in feedback.excerpts}

    def refused(self) -> set[str]:
        return {key for feedback in self.tracked.values() for key in feedback.refused}


def read_tracked(path: str, max_bytes: int) -> tuple[FindingFeedback | None, list[Problem]]:
    """A tracked file as written (the texts without the typography the site applies)."""
    value, problems = _load(path, TRACKED_SCHEMA, max_bytes)
    if value is INVALID or problems:
        return None, problems
    checker = Checker(path)
    check_feedback(value, checker)
    if checker.problems:
        return None, checker.problems
    feedback = FindingFeedback(value["finding"], value["count"])
    if value["sentiments"] is not None:
        feedback.sentiments, feedback.has_sentiment = dict(value["sentiments"]), True
    feedback.excerpts = [Excerpt(item["date"], order, item["text"], item["cle"])
                         for order, item in enumerate(value["excerpts"] or [])]
    feedback.refused = set(value["refuses"] or [])
    return feedback, []


def read_state(out_dir: str, max_bytes: int, notes: list[str] | None = None) -> tuple[State, list[Problem]]:
    """The tracked files and the queue of out_dir; a file that cannot be read is a problem: the readings
    and the import stop rather than lose what was decided. Given `notes` (the import), a tracked file that
    cannot be read is noted instead, and replaced: its excerpts are queued again (a file of an older
    version, without `relu`, or edited by hand)."""
    state, problems = State(), []
    if os.path.isdir(out_dir):
        for name in sorted(os.listdir(out_dir)):
            path = os.path.join(out_dir, name)
            if name.startswith(".") or not name.endswith(".yml") or not os.path.isfile(path):
                continue
            feedback, found = read_tracked(path, max_bytes)
            if found and notes is not None:
                notes.append(f"{display_path(path)} : illisible ({found[0].message}), remplacé : ses extraits "
                             "sont de nouveau à relire")
                continue
            problems += found
            if feedback is not None:
                state.tracked[feedback.finding] = feedback
    state.queue, found = read_queue(out_dir)
    problems += found
    state.sources, found = read_sources(out_dir)
    return state, problems + found


def merge(findings: dict[str, FindingFeedback], state: State) -> tuple[list[QueueEntry], dict[str, str]]:
    """The excerpts of a new import (findings[…].excerpts, scrubbed, without keys) sorted out by what was
    decided before: accepted ones stay in the tracked file with their edited text, refused ones stay
    refused, the others are queued with their mark and edits, or `relu: non` when new. An excerpt is
    found again by the key of its cleaned text or, when that text changed, by its message as received
    (state.sources). Sets the findings' excerpts and refused keys; returns the queue and the sources."""
    accepted, refused = state.accepted(), state.refused()
    queued = {entry.key: entry for entry in state.queue}
    queue, sources = [], {}
    for finding in sorted(findings):
        feedback = findings[finding]
        seen: Counter = Counter()
        kept = []
        for excerpt in sorted(feedback.excerpts):
            seen[(excerpt.day, excerpt.text)] += 1
            key = excerpt_key(finding, excerpt.day, excerpt.text, seen[(excerpt.day, excerpt.text)] - 1)
            if excerpt.source:
                seen[excerpt.source] += 1
                source = excerpt.source + (f"-{seen[excerpt.source] - 1}" if seen[excerpt.source] > 1 else "")
                key = sources[source] = state.sources.get(source, key)
            if key in accepted:
                kept.append(Excerpt(excerpt.day, excerpt.order, accepted[key].text, key))
            elif key in refused:
                feedback.refused.add(key)
            elif key in queued:
                before = queued[key]
                queue.append(QueueEntry(finding, excerpt.day, key, before.status, before.text, excerpt.order))
            else:
                queue.append(QueueEntry(finding, excerpt.day, key, WAITING, excerpt.text, excerpt.order))
        feedback.excerpts = kept
    return queue, sources


# --- applying the readings ------------------------------------------------------------------------------

def clean_text(text: str) -> str:
    """A text corrected by hand, cleaned as the import cleans a message (control characters...)."""
    from .feedback_import import clean_message  # feedback_import imports this module

    return clean_message(text)


def find_hits(text: str, names: Callable[[str], list[tuple[int, int]]] | None = None) -> list[tuple[str, str]]:
    """(kind, text) of what the reader must look at: personal data, and the names of persons when the
    task gives their finder (plugins/privacy/names.py, once its model is installed)."""
    found = [(hit.start, hit.end, hit.kind) for hit in find_personal_data(text)]
    if names is not None:
        found += [(start, end, "nom") for start, end in names(text)]
    return [(kind, text[start:end]) for start, end, kind in sorted(found)]


def blocking_hits(text: str, public: PublicContacts | None = None) -> str | None:
    """What keeps an accepted excerpt out of the tracked files, which the public repository holds:
    what the gate on the published site would refuse (plugins/privacy/gate.py `stopped`: a phone, an
    e-mail, a postal address… not declared public). Names are only pointed out (hits_line)."""
    hits = stopped(text, public or PublicContacts.from_values([]))
    return ", ".join(f"{hit.kind} « {hit.text} »" for hit in hits) or None


def hits_line(text: str, names: Callable[[str], list[tuple[int, int]]] | None = None) -> str | None:
    hits = find_hits(text, names)
    if not hits:
        return None
    return "à vérifier : " + ", ".join(f"{kind} « {found} »" for kind, found in hits)


@dataclass
class Applied:
    accepted: int = 0
    refused: int = 0
    waiting: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self, out_dir: str) -> str:
        lines = [f"Relecture appliquée : {self.accepted} extrait{_s(self.accepted)} publié{_s(self.accepted)}, "
                 f"{self.refused} refusé{_s(self.refused)} (seulement compté{_s(self.refused)}) ; "
                 f"{self.waiting} encore à relire."]
        if self.waiting:
            lines.append(f"À relire : {display_path(queue_path(out_dir))} (« {REVIEW_COMMAND} »).")
        if self.warnings:
            lines.append("Attention, des extraits publiés contiennent peut-être encore le nom d'une personne "
                         "(vérifiez-les dans data/feedback/ : un nom serait publié tel quel) :")
            lines += [f"  - {warning}" for warning in self.warnings]
        return "\n".join(lines)


def _s(count: int) -> str:
    return "s" if count > 1 else ""


def apply_reviews(out_dir: str, max_bytes: int, entries: list[QueueEntry] | None = None,
                  names: Callable[[str], list[tuple[int, int]]] | None = None,
                  public: PublicContacts | None = None) -> tuple[Applied, list[Problem]]:
    """The `oui` of the queue into the tracked files, the `refusé` into their `refuses:`, the rest
    left in the queue; everything checked before anything is written (all or nothing). An accepted
    excerpt that still holds what the gate refuses is a problem at its line (`public`: the site's
    public contacts, plugins/privacy/gate.py public_contacts); a name is a warning."""
    applied = Applied()
    state, problems = read_state(out_dir, max_bytes)
    if problems:
        return applied, problems
    entries = state.queue if entries is None else entries
    path = queue_path(out_dir)
    changed, waiting = set(), []
    for entry in entries:
        feedback = state.tracked.get(entry.finding)
        if entry.status == WAITING:
            waiting.append(entry)
            continue
        if feedback is None:
            problems.append(Problem(path, entry.line, None, (
                f"constat « {entry.finding} » : aucun fichier {entry.finding}.yml dans "
                f"{display_path(out_dir)}/ ; relancez l'import des réactions")))
            continue
        if entry.key in feedback.refused or any(excerpt.key == entry.key for excerpt in feedback.excerpts):
            continue  # already applied (an interrupted --apply): applying again changes nothing
        changed.add(entry.finding)
        if entry.status == ACCEPTED:
            entry.text = clean_text(entry.text)
            blocking = blocking_hits(entry.text, public)
            if blocking:
                problems.append(Problem(path, entry.line, None, (
                    f"extrait accepté qui contient encore une donnée personnelle ({blocking}) : remplacez-la par "
                    f"« {REMOVED} » dans texte, ou écrivez relu: refusé ; le dépôt est public, rien n'a été appliqué")))
                continue
            feedback.excerpts.append(Excerpt(entry.day, len(feedback.excerpts), entry.text, entry.key))
            applied.accepted += 1
            line = hits_line(entry.text, names)
            if line:
                applied.warnings.append(f"constat « {entry.finding} », {entry.day.strftime('%d/%m/%Y')} : {line}")
        else:
            feedback.refused.add(entry.key)
            applied.refused += 1
    applied.waiting = len(waiting)
    if problems:
        return applied, problems
    files = {}
    for finding in sorted(changed):
        name = f"{finding}.yml"
        text = dump_feedback(state.tracked[finding])
        problems += check_rendered(os.path.join(out_dir, name), text, max_bytes)
        files[name] = text
    if problems:
        return applied, problems
    for name, text in files.items():
        _replace(os.path.join(out_dir, name), text)
    if waiting:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        _replace(path, dump_queue(waiting))
    elif os.path.exists(path):
        os.remove(path)
        if not os.listdir(os.path.dirname(path)):
            os.rmdir(os.path.dirname(path))
    return applied, []


def check_rendered(path: str, text: str, max_bytes: int) -> list[Problem]:
    """A file the import or the readings are about to write, read back as the build will read it."""
    try:
        node = parse(path, text.encode("utf-8"), max_bytes)
    except ProblemError as exc:
        return [Problem(problem.path, problem.line, problem.col, (
            f"{problem.message} : trop d'extraits publiés pour ce constat ; refusez-en (relu: refusé) "
            "ou augmentez DATA_MAX_BYTES") if "trop volumineux" in problem.message else problem.message)
            for problem in exc.problems]
    checker = Checker(path)
    value = FEEDBACK_SCHEMA.check(node, checker)
    if value is not INVALID:
        check_feedback(value, checker)
    return checker.problems


def _replace(path: str, text: str) -> None:
    """Written beside, then renamed over: never half a file."""
    temporary = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.tmp")
    with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(temporary, path)


# --- what `check` and `publish` say of the queue ----------------------------------------------------------

def waiting_line(out_dir: str) -> tuple[str | None, list[Problem]]:
    """The French line `check` prints when excerpts wait for a reading (None when none waits), or the
    problems of a queue that cannot be read."""
    entries, problems = read_queue(out_dir)
    if problems or not entries:
        return None, problems
    waiting = sum(entry.status == WAITING for entry in entries)
    marked = len(entries) - waiting
    parts = []
    if waiting:
        parts.append(f"{waiting} extrait{_s(waiting)} de réactions à relire avant publication : "
                     f"lancez « {REVIEW_COMMAND} »")
    if marked:
        parts.append(f"{marked} relu{_s(marked)} mais pas encore appliqué{_s(marked)} : "
                     f"lancez « {APPLY_COMMAND} »")
    return f"{display_path(queue_path(out_dir))} : " + " ; ".join(parts) + ".", []
