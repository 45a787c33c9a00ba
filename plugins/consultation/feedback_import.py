"""The feedback received (CSV export, mailbox exports) → data/feedback/<finding-id>.yml (counts, and the
excerpts already read and accepted) and the review queue data/feedback/a-relire/extraits.yml (every
other excerpt, git-ignored: review.py), all or nothing.

    run_import(paths, known_ids, out_dir, max_bytes, office_addresses) -> tuple[Imported, list[Problem]]
        reads every file (a CSV, an .mbox or .eml file, a folder of them; mail_import.py sorts
        them out and reads the messages), then writes, only if there is no problem;
    read_feedback(csv_path, known_ids, imported=None) -> tuple[Imported, list[Problem]]   (one CSV)
    write_feedback(files, out_dir) -> None           (replaces out_dir with two renames)
    import_feedback(path, known_ids, out_dir) -> list[Problem]          (run_import; [] on success)

The files are the full export, so an import replaces the previous one, and several files given
together are one import. A CSV and the messages make the same records (one shape for both):
a reaction counts; its text is kept, without personal data, only with its author's consent
(the `publication` column, or the answer to feedback.CONSENT_QUESTION in a message).

Messages (mail_import.py): the same Message-ID, or the same text from the same senders (from nobody
known: the same text) on the same finding, counts once; every excerpt goes through scrub, with or
without a known sender (no From, an empty From, several, Reply-To only); a message sent from the office's
own address (CONTACT_EMAIL) is the office's, not a reaction; a message that names no finding
of the site, has no date or no text is not imported but listed in the report, by date and
subject, and does not block the others (unless no message at all is a reaction: the wrong
folder was exported, and nothing is written).

CSV columns (first line,
any order, names case-insensitive): constat, date, message, publication (required), avis,
email, nom (optional). Any other named column is refused: an ignored column could hold a
name that would then not be removed from the excerpts. Delimiter « , » or « ; » (sniffed
from the first line); UTF-8 with or without BOM. Every problem is reported as
`FICHIER.csv:LINE: message`, LINE being the physical line where the record starts.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import errno
import io
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from core.problems import CONTROL_CHARACTERS, Problem, ProblemError, display_path
from plugins.site_data.schema import MONTHS_FR

from .feedback_data import EXCERPT_MAX_LENGTH, REVIEW_COMMAND, Excerpt, FindingFeedback, dump_feedback
from . import mail_import
from . import review
from .mail_import import Mail, _size_fr, collect_sources, exact_ids_in_subject, read_mail
from plugins.privacy.names import fold
from plugins.privacy.personal_data import scrub

COLUMNS = ("constat", "date", "avis", "message", "email", "nom", "publication")
REQUIRED = ("constat", "date", "message", "publication")
DELIMITERS = (";", ",")
SENTIMENT_VALUES = {"positif": "positif", "neutre": "neutre", "negatif": "negatif", "négatif": "negatif"}
CONSENT_VALUES = {"oui": True, "non": False}
_EXPECTED = (f"colonnes attendues : {', '.join(COLUMNS)} ; "
             f"{', '.join(c for c in COLUMNS if c not in REQUIRED)} sont facultatives")
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?\Z")
# What a resident's message may carry that is not text. Word's line break (U+000B), the form
# feed, NEL and the Unicode line and paragraph separators end a line; every other control
# character content refuses (core.problems.CONTROL_CHARACTERS, the one rule), and the
# bidirectional overrides that would show a published extract in another order than it is
# written (« Trojan Source »), are dropped: the message is kept, not refused.
_LINE_ENDS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_BIDI_OVERRIDES = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_controls(text: str) -> str:
    """The text without the control characters content refuses, nor bidirectional overrides."""
    return _BIDI_OVERRIDES.sub("", CONTROL_CHARACTERS.sub("", text))


@dataclass
class Imported:
    """What an import keeps, and what it tells the communicator."""

    findings: dict[str, FindingFeedback] = field(default_factory=dict)
    rows: int = 0
    excerpts: int = 0
    removed: int = 0  # personal data replaced by [retiré] in the excerpts
    csv_files: int = 0
    mail_files: int = 0
    messages: int = 0  # messages read, duplicates included
    duplicates: int = 0  # same Message-ID, or same text from the same sender, as a reaction read before
    duplicate_rows: int = 0  # rows of a CSV with the same text from the same e-mail or name as a reaction read before
    seen_texts: set[tuple] = field(default_factory=set)  # (finding, text, senders) of the reactions read
    from_office: int = 0  # sent from the office's own address
    office_address: str = ""
    skipped: list[tuple[Mail, str]] = field(default_factory=list)  # messages not imported, and why
    notes: list[str] = field(default_factory=list)  # files ignored, messages counted without excerpt
    order: int = 0  # reading order of the messages: sorts the excerpts of a day
    accepted: int = 0  # excerpts read and accepted before (review.py), kept in the tracked files
    refused: int = 0  # excerpts refused at a reading before: only counted
    queued: int = 0  # excerpts waiting for a reading (relu: non) in the queue
    marked: int = 0  # excerpts of the queue marked oui or refusé, not applied yet
    lost: int = 0  # excerpts accepted or refused before that this import did not find again
    queue_path: str = ""
    # Finds the names of persons the import does not know, for scrub (plugins/privacy/names.py).
    names: Callable[[str], list[tuple[int, int]]] | None = None

    def summary(self, out_dir: str) -> str:
        counted = self.rows - self.excerpts
        kept = {"csv": "les colonnes email et nom", "mail": "les noms et adresses des expéditeurs"}
        sources = [kept[kind] for kind, files in (("csv", self.csv_files), ("mail", self.mail_files)) if files]
        never = (f"{kept['csv']} ne sont jamais recopiées" if sources == [kept["csv"]]
                 else f"{kept['mail']} ne sont jamais recopiés" if sources == [kept["mail"]]
                 else f"{kept['csv']}, ainsi que {kept['mail']}, ne sont jamais recopiés")
        lines = [
            f"Import réussi : {_n(self.rows, 'réaction')} sur {_n(len(self.findings), 'constat')}, "
            f"écrites dans {display_path(out_dir)}/ (l'import précédent est remplacé).",
            f"Extraits publiables conservés : {self.excerpts} ; "
            f"{_n(counted, 'réaction')} sans accord de publication, seulement comptée{'s' if counted > 1 else ''}.",
            f"Données personnelles retirées des extraits : {self.removed} (adresses électroniques et postales, "
            f"téléphones, noms) ; {never}.",
        ]
        if self.mail_files:
            read = [f"Messages lus : {self.messages} dans {_n(self.mail_files, 'fichier')}"]
            if self.duplicates:
                read.append(f"{self.duplicates} en double (même message, ou même texte du même expéditeur), "
                            f"mis de côté")
            if self.from_office:
                read.append(f"{self.from_office} envoyé{_s(self.from_office)} depuis {self.office_address} "
                            f"(l'Office), non compté{_s(self.from_office)}")
            lines.append(" ; ".join(read) + ".")
        if self.duplicate_rows:
            lines.append(f"{_n(self.duplicate_rows, 'ligne')} du tableau en double (même texte du même auteur sur le "
                         f"même constat), mise{_s(self.duplicate_rows)} de côté.")
        if self.skipped:
            count = len(self.skipped)
            lines.append(f"{_n(count, 'message')} non importé{_s(count)}, à vérifier (s'il s'agit de réactions, "
                         "voir le guide des communicants, « Importer les réactions reçues ») :")
            lines += [f"  - {mail_label(mail)} : {reason}" for mail, reason in sorted(self.skipped, key=_by_date)]
        if self.notes:
            lines.append("À noter :")
            lines += [f"  - {note}" for note in self.notes]
        return "\n".join(lines + self.review_lines())


    def review_lines(self) -> list[str]:
        """What waits for a reading: nothing is published before it (review.py)."""
        if not self.excerpts:
            return []
        waiting = self.queued + self.marked
        lines = [f"Relecture : {self.accepted} déjà relu{_s(self.accepted)} et publié{_s(self.accepted)}, "
                 f"{self.refused} refusé{_s(self.refused)}, {waiting} à relire avant publication."]
        if self.lost:
            # singular or plural: (« n'est », « son message n'est », « son », « il est »)
            verb, message, its, it = (("n'est", "son message n'est", "son", "il est") if self.lost == 1 else
                                      ("ne sont", "leurs messages ne sont", "leur", "ils sont"))
            lines.append(f"{_n(self.lost, 'extrait')} relu{_s(self.lost)} à un import précédent {verb} plus "
                         f"retrouvé{_s(self.lost)} à l'identique : {message} plus dans l'export, ou {its} texte "
                         f"nettoyé a changé (par exemple après une modification de PRIVACY_KEPT_NAMES) ; s'{it} "
                         f"encore dans l'export, {it} de nouveau à relire, et {verb} pas publié{_s(self.lost)} "
                         "d'ici là.")
        if waiting:
            lines.append(f"Relisez-les avec « {REVIEW_COMMAND} » (extraits dans "
                         f"{display_path(self.queue_path)}, jamais publié).")
        return lines


def _n(count: int, word: str) -> str:
    return f"{count} {word}{_s(count)}"


def _s(count: int) -> str:
    return "s" if count > 1 else ""


def _by_date(skipped: tuple[Mail, str]) -> tuple:
    mail = skipped[0]
    return (mail.when is None, mail.when.timestamp() if mail.when else 0)


def mail_label(mail: Mail, where: bool = True) -> str:
    """How the report names a message: its date, its subject and where it is (never its sender)."""
    when = mail.when.strftime("%d/%m/%Y %H:%M") if mail.when else "date inconnue"
    subject = without_controls(re.sub(r"\s+", " ", mail.subject)).strip()
    if len(subject) > 100:
        subject = subject[:99].rstrip() + "…"
    label = f"{when} « {subject} »" if subject else f"{when}, sans objet"
    return f"{label} ({mail.where})" if where else label


def decode(path: str, raw: bytes) -> str:
    """UTF-8, with or without BOM; anything else is a located problem."""
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ProblemError(Problem(path, None, None, (
            "c'est un classeur (.xlsx, .xls, .ods), pas un fichier CSV : dans le tableur, enregistrez-le "
            "au format « CSV UTF-8 »")))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ProblemError(Problem(path, 1, 1, (
            "le fichier est en UTF-16 (« texte Unicode ») : dans le tableur, enregistrez-le au format "
            "« CSV UTF-8 »")))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Lines as the CSV reader counts them; the column in characters of the readable part.
        lines = re.split(r"\r\n|\r|\n", raw[: exc.start].decode("utf-8", "replace"))
        line, col = len(lines), len(lines[-1]) + 1
        raise ProblemError(Problem(path, line, col, (
            f"caractère illisible (octet 0x{raw[exc.start]:02X}) : le fichier n'est pas en UTF-8 ; "
            "dans le tableur, enregistrez-le au format « CSV UTF-8 »"))) from None


def _header_name(cell: str) -> str:
    return cell.strip().casefold()


def sniff_delimiter(header_line: str) -> str:
    """« ; » (French spreadsheets) or « , »: the one that splits the header into known columns."""
    def score(delimiter: str) -> tuple[int, int]:
        cells = next(csv.reader([header_line], delimiter=delimiter), [])
        return sum(_header_name(cell) in COLUMNS for cell in cells), header_line.count(delimiter)
    return max(DELIMITERS, key=score) if header_line else ","


def _first_line(text: str) -> str:
    return re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]


def _header_problems(path: str, header: list[str]) -> tuple[dict[str, int], list[Problem]]:
    """Column name → index; problems are all on line 1."""
    names = [_header_name(cell) for cell in header]
    if not any(name in COLUMNS for name in names):
        return {}, [Problem(path, 1, None, (
            "première ligne non reconnue : elle doit donner les noms des colonnes, séparés par « ; » ou "
            f"« , » ({_EXPECTED})"))]
    problems, columns = [], {}
    for index, name in enumerate(names):
        if not name:
            continue  # an unnamed column (trailing separator) must stay empty, see _row_problems
        if name not in COLUMNS:
            problems.append(Problem(path, 1, None, (
                f"colonne « {header[index].strip()} » inconnue : supprimez-la ou renommez-la ({_EXPECTED})")))
        elif name in columns:
            problems.append(Problem(path, 1, None, f"colonne « {name} » en double"))
        else:
            columns[name] = index
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        label = "colonnes manquantes" if len(missing) > 1 else "colonne manquante"
        problems.append(Problem(path, 1, None, f"{label} : {', '.join(missing)} ({_EXPECTED})"))
    return columns, problems


def parse_day(text: str) -> datetime.date | str:
    """AAAA-MM-JJ (a time after it is ignored), or the French reason it is not a day."""
    found = _DAY.match(text)
    if not found:
        return f"date « {text} » invalide : écrivez-la au format AAAA-MM-JJ (ex. 2016-03-15)"
    year, month, day = map(int, found.groups())
    if not 1 <= month <= 12:
        return f"date « {text} » impossible : le mois {month} n'existe pas"
    try:
        return datetime.date(year, month, day)
    except ValueError:
        last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
        return f"date « {text} » impossible : {MONTHS_FR[month - 1]} {year} n'a que {last} jours"


def _finding_reason(value: str, known_ids: set[str]) -> str | None:
    if not value:
        return "constat manquant : indiquez l'identifiant du constat (ex. concurrence-01)"
    if value in known_ids:
        return None
    close = difflib.get_close_matches(value, sorted(known_ids), n=1)
    if close:
        return f"constat « {value} » inconnu : vouliez-vous dire « {close[0]} » ?"
    if not known_ids:
        return f"constat « {value} » inconnu : le site ne contient encore aucun constat"
    return f"constat « {value} » inconnu : aucun constat du site n'a cet identifiant"


def clean_message(text: str) -> str:
    """NFC, line breaks as \\n (Word's U+000B too), no control characters, no blank margins."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return without_controls(_LINE_ENDS.sub("\n", text)).strip()


def _record(path: str, line: int, cells: list[str], columns: dict[str, int], width: int,
            known_ids: set[str], imported: Imported) -> list[Problem]:
    """Checks one record; if it is valid, adds it to `imported`."""
    def problem(message: str) -> Problem:
        return Problem(path, line, None, message)

    if len(cells) != width:
        hint = ("un message sur plusieurs lignes doit être entre guillemets (\"…\")" if len(cells) < width
                else "un message qui contient « ; » ou « , » doit être entre guillemets (\"…\")")
        return [problem(f"{len(cells)} valeurs pour {width} colonnes : {hint}")]
    named = set(columns.values())
    stray = [index + 1 for index, cell in enumerate(cells) if index not in named and cell.strip()]
    if stray:
        return [problem(f"valeur dans une colonne sans nom (colonne {stray[0]}) : donnez un nom à la "
                        "colonne ou videz-la")]
    value = {name: cells[index].strip() for name, index in columns.items()}
    problems = []
    finding = value["constat"]
    reason = _finding_reason(finding, known_ids)
    if reason:
        problems.append(problem(reason))
    day = parse_day(value["date"]) if value["date"] else (
        "date manquante : indiquez la date de la réaction au format AAAA-MM-JJ (ex. 2016-03-15)")
    if isinstance(day, str):
        problems.append(problem(day))
    sentiment = None
    if value.get("avis"):
        sentiment = SENTIMENT_VALUES.get(value["avis"].casefold())
        if sentiment is None:
            problems.append(problem(f"avis « {value['avis']} » inconnu : valeurs possibles : positif, neutre, "
                                    "négatif (ou laissez la case vide)"))
    message = clean_message(cells[columns["message"]])
    if not message:
        problems.append(problem("message vide : une réaction sans texte ne peut pas être importée ; "
                                "supprimez la ligne"))
    consent = CONSENT_VALUES.get(value["publication"].casefold())
    if consent is None:
        what = f"publication « {value['publication']} » invalide" if value["publication"] else "publication manquante"
        problems.append(problem(f"{what} : écrivez oui (accord pour publier un extrait) ou non"))
    excerpt, removed = (scrub(message, value.get("nom"), value.get("email"), imported.names) if consent and message
                        else (None, 0))
    if excerpt is not None and len(excerpt) > EXCERPT_MAX_LENGTH:
        problems.append(problem(f"message trop long pour être publié ({len(excerpt)} caractères ; maximum "
                                f"{EXCERPT_MAX_LENGTH}) : écrivez non dans publication, ou raccourcissez-le "
                                "avec l'accord de son auteur"))
    if problems:
        return problems
    # A form sent twice: the same text from the same author. Without e-mail nor name, the same words
    # may come from two people.
    author = value.get("email", "").lower() or " ".join(fold(value.get("nom", "")).split())
    if author and is_duplicate(imported, finding, message, {author}):
        imported.duplicate_rows += 1
        return []
    feedback = imported.findings.setdefault(finding, FindingFeedback(finding))
    feedback.count += 1
    imported.rows += 1
    if sentiment:
        feedback.sentiments[sentiment] += 1
        feedback.has_sentiment = True
    if excerpt is not None:
        feedback.excerpts.append(Excerpt(day, line, excerpt, source=review.source_digest(finding, day, message)))
        imported.excerpts += 1
        imported.removed += removed
    return []


_CSV_ERRORS = [
    (re.compile(r"expected after '\"'"),
     "guillemet mal placé : dans une valeur entre guillemets, doublez les guillemets (\"\")"),
    (re.compile(r"unexpected end of data"),
     "guillemet ouvert jamais fermé : ajoutez le guillemet fermant à la fin du message"),
    (re.compile(r"NUL"),
     "caractère nul : ce n'est pas un fichier texte ; dans le tableur, enregistrez-le au format « CSV UTF-8 »"),
    (re.compile(r"field larger than field limit"),
     "valeur trop longue (plus de 131\u202f072 caractères)"),
]


def _csv_message(error: csv.Error) -> str:
    text = str(error)
    for pattern, message in _CSV_ERRORS:
        if pattern.search(text):
            return message
    return f"ligne illisible ({text})"


def read_feedback(csv_path: str, known_ids: set[str],
                  imported: Imported | None = None) -> tuple[Imported, list[Problem]]:
    """Reads and checks the whole CSV, adding its rows to `imported`; writes nothing."""
    imported = Imported() if imported is None else imported
    imported.csv_files += 1
    try:
        with open(csv_path, "rb") as handle:
            raw = handle.read(mail_import.MAX_CSV_BYTES + 1)  # bounded: never read a whole endless file
        if len(raw) > mail_import.MAX_CSV_BYTES:
            return imported, [Problem(csv_path, None, None, (
                f"fichier trop gros pour un tableau de réactions (plus de {_size_fr(mail_import.MAX_CSV_BYTES)}) : "
                "vérifiez que c'est le bon fichier"))]
        text = decode(csv_path, raw)
    except ProblemError as exc:
        return imported, exc.problems
    except FileNotFoundError:
        return imported, [Problem(csv_path, None, None, (
            "fichier introuvable : donnez son chemin depuis le dossier du projet, ou son chemin complet"))]
    except IsADirectoryError:
        return imported, [Problem(csv_path, None, None, "c'est un dossier : donnez le chemin du fichier CSV")]
    except PermissionError:
        return imported, [Problem(csv_path, None, None, "lecture refusée : vérifiez les droits du fichier")]
    except OSError as exc:
        return imported, [Problem(csv_path, None, None, f"fichier illisible (erreur système {exc.errno})")]
    if not text.strip():
        return imported, [Problem(csv_path, 1, None, (
            f"fichier vide : la première ligne doit donner les noms des colonnes ({_EXPECTED})"))]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(_first_line(text)),
                        strict=True)
    header = next(reader)
    columns, problems = _header_problems(csv_path, header)
    if problems:
        return imported, problems
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # The records after a broken quote cannot be told apart reliably: stop here.
            problems.append(Problem(csv_path, line, None, _csv_message(exc)))
            break
        if not any(cell.strip() for cell in cells):
            continue  # blank line, or a row of empty cells (spreadsheets add them)
        problems += _record(csv_path, line, cells, columns, len(header), known_ids, imported)
    return imported, problems


def render(imported: Imported, out_dir: str, max_bytes: int = 1_000_000,
           queue: list | None = None) -> tuple[dict[str, str], list[Problem]]:
    """File name (relative to out_dir) → text: each tracked file read back through the strict loader
    and the schema, as the build will read it; and the review queue, when it holds anything."""
    files, problems = {}, []
    for finding in sorted(imported.findings):
        name = f"{finding}.yml"
        text = dump_feedback(imported.findings[finding])
        problems += review.check_rendered(os.path.join(out_dir, name), text, max_bytes)
        files[name] = text
    if queue:
        files[review.QUEUE_FILE] = review.dump_queue(queue)
    return files, problems


def write_feedback(files: dict[str, str], out_dir: str) -> None:
    """Writes the files into a temporary folder next to out_dir, then swaps it in."""
    out_dir = os.path.abspath(out_dir)
    parent, base = os.path.split(out_dir)
    os.makedirs(parent, exist_ok=True)
    # A dot-name: the data layer skips it if an interrupted import leaves it behind.
    staging = tempfile.mkdtemp(prefix=f".{base}-", dir=parent)
    try:
        for name, text in files.items():
            path = os.path.join(staging, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        os.chmod(staging, 0o755)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = None
    if os.path.exists(out_dir):
        old = tempfile.mkdtemp(prefix=f".{base}-old-", dir=parent)
        os.rmdir(old)
        os.rename(out_dir, old)
    try:
        os.rename(staging, out_dir)
    except BaseException:
        if old:
            os.rename(old, out_dir)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if old:
        shutil.rmtree(old)


# Words of an address's local part that name a service, not a person: not stripped from the text.
_SERVICE_WORDS = {"accueil", "admin", "asso", "association", "bonjour", "bureau", "communication", "consultation",
                  "contact", "courriel", "direction", "email", "hello", "info", "infos", "mail", "mairie",
                  "news", "newsletter", "noreply", "office", "reply", "secretariat", "service", "services",
                  "tourisme", "web"}
NO_FINDING = ("aucun constat reconnu : ni « (identifiant) » à la fin de l'objet, ni ligne « Identifiant : » "
              "dans le message")


def _people(mail: Mail) -> list[tuple[str | None, str | None]]:
    """(name, address) pairs to strip: each sender's name and address, and the words of the address
    before « @ » (« helene.dupre ») that look like a name."""
    pairs = []
    for name, address in mail.people:
        pairs.append((None if "@" in name else name, address or None))
        local = (address or "").split("@", 1)[0].split("+", 1)[0]
        words = [word for word in re.split(r"[^\w]+|\d+|_", local) if len(word) >= 3
                 and word.casefold() not in _SERVICE_WORDS]
        if words:
            pairs.append((" ".join(words), None))
    return pairs


_SPACES = re.compile(r"\s+")


def is_duplicate(imported: Imported, finding: str, text: str, senders: set[str]) -> bool:
    """Whether the same text (case and spaces aside) from the same senders (or from nobody known) on
    the same finding was read before, whatever its Message-ID: the caller sets it aside and counts it."""
    key = (finding, _SPACES.sub(" ", text).strip().casefold(), tuple(sorted(senders)))
    if key in imported.seen_texts:
        return True
    imported.seen_texts.add(key)
    return False


def add_mail(mail: Mail, known_ids: set[str], imported: Imported, office: set[str], seen: set[str]) -> None:
    """One message into `imported`: a reaction (counted; its text kept, scrubbed, only with « oui »),
    or a line of the report."""
    imported.messages += 1
    if mail.message_id:
        if mail.message_id in seen:
            imported.duplicates += 1
            return
        seen.add(mail.message_id)
    if mail.senders & office:
        imported.from_office += 1
        return
    if mail.unreadable:
        imported.skipped.append((mail, mail.unreadable))
        return
    candidates = list(dict.fromkeys(mail.candidates + exact_ids_in_subject(mail, known_ids)))
    finding = next((candidate for candidate in candidates if candidate in known_ids), None)
    if finding is None:
        reason = _finding_reason(candidates[0], known_ids) if candidates else NO_FINDING
        imported.skipped.append((mail, reason))
        return
    if mail.when is None:
        imported.skipped.append((mail, f"constat « {finding} », mais message sans date (en-tête Date absent "
                                       "ou illisible)"))
        return
    text = clean_message(mail.text)
    if not text:
        imported.skipped.append((mail, f"constat « {finding} », mais message vide : le modèle a été envoyé "
                                       "sans réaction"))
        return
    if is_duplicate(imported, finding, text, {address.lower() for _, address in mail.people if address}):
        imported.duplicates += 1
        return
    excerpt, removed = None, 0
    if mail.consent is True:
        # Always scrubbed once, then once per person the headers name (none: no From, « From: <> »).
        excerpt, removed = scrub(text, names=imported.names)
        for name, address in _people(mail):
            excerpt, count = scrub(excerpt, name, address)
            removed += count
        if len(excerpt) > EXCERPT_MAX_LENGTH:
            imported.notes.append(f"{mail_label(mail)} : compté sans extrait : message trop long pour être publié "
                                  f"({len(excerpt)} caractères ; maximum {EXCERPT_MAX_LENGTH})")
            excerpt, removed = None, 0
    feedback = imported.findings.setdefault(finding, FindingFeedback(finding))
    feedback.count += 1
    imported.rows += 1
    imported.order += 1
    if excerpt is not None:
        feedback.excerpts.append(Excerpt(mail.when.date(), imported.order, excerpt,
                                         source=review.source_digest(finding, mail.when.date(), text)))
        imported.excerpts += 1
        imported.removed += removed


def read_all(paths: list[str], known_ids: set[str], office_addresses: tuple[str, ...] = (),
             names: Callable[[str], list[tuple[int, int]]] | None = None) -> tuple[Imported, list[Problem]]:
    """Every file named (or found in the folders named) into one Imported; writes nothing. `names`:
    see Imported.names (the task passes plugins/privacy/names.py's finder)."""
    imported = Imported(names=names)
    office = {address.strip().lower() for address in office_addresses if address and address.strip()}
    imported.office_address = ", ".join(sorted(office))
    sources, imported.notes, problems = collect_sources(paths)
    if problems:
        return imported, problems
    seen: set[str] = set()
    first_mail = None
    for source in sources:
        if source.kind == "csv":
            problems += read_feedback(source.path, known_ids, imported)[1]
            continue
        mails, mail_problems = read_mail(source)
        problems += mail_problems
        imported.mail_files += 1
        first_mail = first_mail or source.path
        for mail in mails:
            add_mail(mail, known_ids, imported, office, seen)
    if not problems and first_mail and not imported.rows and not imported.csv_files:
        # Not one reaction: the wrong folder was exported; an import of nothing would erase the previous one.
        problems += [Problem(mail.path, mail.line, None,
                             f"message non importé : {mail_label(mail, where=False)} : {reason}")
                     for mail, reason in sorted(imported.skipped, key=_by_date)]
        messages = imported.messages
        among = f"parmi les {messages} messages lus" if messages > 1 else "dans le seul message lu"
        problems.append(Problem(first_mail, None, None, (
            f"aucune réaction à un constat du site {among} : exportez le dossier de la messagerie qui "
            "reçoit les réactions (l'import précédent est gardé)")))
    return imported, problems


def import_feedback(path: str, known_ids: set[str], out_dir: str) -> list[Problem]:
    """All the problems of the file ([] on success); out_dir is replaced only when there are none."""
    return run_import(path, known_ids, out_dir)[1]


def run_import(paths: str | list[str], known_ids: set[str], out_dir: str, max_bytes: int = 1_000_000,
               office_addresses: tuple[str, ...] = (),
               names: Callable[[str], list[tuple[int, int]]] | None = None) -> tuple[Imported, list[Problem]]:
    """Reads every file, then (only if none has a problem) replaces out_dir with what they hold."""
    imported, problems = read_all([paths] if isinstance(paths, str) else list(paths), known_ids,
                                  tuple(office_addresses), names)
    if problems:
        return imported, problems
    state, problems = review.read_state(out_dir, max_bytes, imported.notes)
    if problems:
        return imported, problems
    queue, sources = review.merge(imported.findings, state)
    imported.queued = sum(entry.status == review.WAITING for entry in queue)
    imported.marked = len(queue) - imported.queued
    imported.accepted = sum(len(feedback.excerpts) for feedback in imported.findings.values())
    imported.refused = sum(len(feedback.refused) for feedback in imported.findings.values())
    found_again = {key for feedback in imported.findings.values()
                   for key in [excerpt.key for excerpt in feedback.excerpts] + list(feedback.refused)}
    imported.lost = len((set(state.accepted()) | state.refused()) - found_again)
    imported.queue_path = review.queue_path(out_dir)
    files, problems = render(imported, out_dir, max_bytes, queue)
    if problems:
        return imported, problems
    if sources:
        files[review.SOURCES_FILE] = review.dump_sources(sources)
    try:
        write_feedback(files, out_dir)
    except OSError as exc:
        code = errno.errorcode.get(exc.errno, exc.errno)
        return imported, [Problem(out_dir, None, None, (
            f"écriture impossible (erreur système {code}) : vérifiez l'espace disque et les droits du dossier ; "
            "l'import précédent n'a pas été modifié"))]
    return imported, []
