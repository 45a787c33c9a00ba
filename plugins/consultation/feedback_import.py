"""CSV export of the feedback received → data/feedback/<finding-id>.yml, all or nothing.

    read_feedback(csv_path, known_ids) -> tuple[Imported, list[Problem]]   (reads, writes nothing)
    write_feedback(imported, out_dir) -> None        (replaces out_dir with two renames)
    import_feedback(csv_path, known_ids, out_dir) -> list[Problem]          (both; [] on success)

The CSV is the full export, so an import replaces the previous one. Columns (first line,
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
from dataclasses import dataclass, field

from core.problems import Problem, ProblemError, display_path
from plugins.site_data.loader import parse
from plugins.site_data.schema import INVALID, MONTHS_FR, Checker

from .feedback_data import (
    EXCERPT_MAX_LENGTH,
    FEEDBACK_SCHEMA,
    FindingFeedback,
    check_feedback,
    dump_feedback,
)
from .personal_data import scrub

COLUMNS = ("constat", "date", "avis", "message", "email", "nom", "publication")
REQUIRED = ("constat", "date", "message", "publication")
DELIMITERS = (";", ",")
SENTIMENT_VALUES = {"positif": "positif", "neutre": "neutre", "negatif": "negatif", "négatif": "negatif"}
CONSENT_VALUES = {"oui": True, "non": False}
_EXPECTED = (f"colonnes attendues : {', '.join(COLUMNS)} ; "
             f"{', '.join(c for c in COLUMNS if c not in REQUIRED)} sont facultatives")
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?\Z")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass
class Imported:
    """What an import keeps, and what it tells the communicator."""

    findings: dict[str, FindingFeedback] = field(default_factory=dict)
    rows: int = 0
    excerpts: int = 0
    removed: int = 0  # personal data replaced by [retiré] in the excerpts

    def summary(self, out_dir: str) -> str:
        counted = self.rows - self.excerpts
        return "\n".join([
            f"Import réussi : {_n(self.rows, 'réaction')} sur {_n(len(self.findings), 'constat')}, "
            f"écrites dans {display_path(out_dir)}/ (l'import précédent est remplacé).",
            f"Extraits publiables conservés : {self.excerpts} ; "
            f"{_n(counted, 'réaction')} sans accord de publication, seulement comptée{'s' if counted > 1 else ''}.",
            f"Données personnelles retirées des extraits : {self.removed} (adresses électroniques, "
            "téléphones, noms) ; les colonnes email et nom ne sont jamais recopiées.",
        ])


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


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
    """NFC, line breaks as \\n, no control characters, no blank margins."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", text).strip()


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
    excerpt, removed = (scrub(message, value.get("nom"), value.get("email")) if consent and message
                        else (None, 0))
    if excerpt is not None and len(excerpt) > EXCERPT_MAX_LENGTH:
        problems.append(problem(f"message trop long pour être publié ({len(excerpt)} caractères ; maximum "
                                f"{EXCERPT_MAX_LENGTH}) : écrivez non dans publication, ou raccourcissez-le "
                                "avec l'accord de son auteur"))
    if problems:
        return problems
    feedback = imported.findings.setdefault(finding, FindingFeedback(finding))
    feedback.count += 1
    imported.rows += 1
    if sentiment:
        feedback.sentiments[sentiment] += 1
        feedback.has_sentiment = True
    if excerpt is not None:
        feedback.excerpts.append((day, line, excerpt))
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


def read_feedback(csv_path: str, known_ids: set[str]) -> tuple[Imported, list[Problem]]:
    """Reads and checks the whole CSV; writes nothing."""
    imported = Imported()
    try:
        with open(csv_path, "rb") as handle:
            raw = handle.read()
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


def render(imported: Imported, out_dir: str, max_bytes: int = 1_000_000) -> tuple[dict[str, str], list[Problem]]:
    """File name → YAML text, each read back through the strict loader and the schema."""
    files, problems = {}, []
    for finding in sorted(imported.findings):
        name = f"{finding}.yml"
        text = dump_feedback(imported.findings[finding])
        path = os.path.join(out_dir, name)
        try:
            node = parse(path, text.encode("utf-8"), max_bytes)
        except ProblemError as exc:
            problems += exc.problems
            continue
        checker = Checker(path)
        value = FEEDBACK_SCHEMA.check(node, checker)
        if value is not INVALID:
            check_feedback(value, checker)
        problems += checker.problems
        files[name] = text
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
            with open(os.path.join(staging, name), "w", encoding="utf-8", newline="\n") as handle:
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


def import_feedback(csv_path: str, known_ids: set[str], out_dir: str) -> list[Problem]:
    """All the problems of the CSV ([] on success); out_dir is replaced only when there are none."""
    return run_import(csv_path, known_ids, out_dir)[1]


def run_import(csv_path: str, known_ids: set[str], out_dir: str,
               max_bytes: int = 1_000_000) -> tuple[Imported, list[Problem]]:
    imported, problems = read_feedback(csv_path, known_ids)
    if problems:
        return imported, problems
    files, problems = render(imported, out_dir, max_bytes)
    if problems:
        return imported, problems
    try:
        write_feedback(files, out_dir)
    except OSError as exc:
        code = errno.errorcode.get(exc.errno, exc.errno)
        return imported, [Problem(out_dir, None, None, (
            f"écriture impossible (erreur système {code}) : vérifiez l'espace disque et les droits du dossier ; "
            "l'import précédent n'a pas été modifié"))]
    return imported, []
