"""Reactions received by e-mail, read back from what mail programs export.

With FEEDBACK_BACKEND "mailto", each « Réagir à ce constat » prepares a message whose subject is
feedback_subject() and whose body is feedback_body() (feedback.py). The office exports its
mailbox and `python3 manage.py import-feedback` reads it with the standard library only
(`mailbox`, `email` with policy.default, `html.parser`); feedback_import.run_import turns what
this module finds into the same records as the CSV import.

    collect_sources(paths) -> tuple[list[Source], list[str], list[Problem]]
        Each argument (a file or a folder) → the files to read, each as "csv", "mbox" or "eml";
        notes (files of a folder that are not mail, listed in the report); problems (missing,
        unreadable, too big, binary, neither CSV nor mail, empty), which stop the import.
    read_mail(source) -> tuple[list[Mail], list[Problem]]
        Every message of an .mbox or .eml file, as a Mail.

Accepted: `.mbox` files (Thunderbird, Gmail Takeout; Apple Mail exports a `NAME.mbox` folder
holding a file named `mbox`), `.eml` files (one message each), any file whose content is one of
them, and folders of them (walked in name order, hidden files and the mail programs' index files
skipped, any other file listed as ignored).

From each message (Mail): its Message-ID; its date (Date header in Europe/Paris, else the mbox
« From » line); the finding ids it names (the « (ID) » that ends the subject, whatever « RE: »,
« TR: », « Fwd: », « Réf. : » prefixes come before it, an id written as is in the subject, the
« Identifiant : » line of the body); what the resident wrote, without the template's lines,
quoted replies (« > » lines, « Le … a écrit : » / « On … wrote: » and Outlook's « De : … Envoyé :
… » blocks, and all that follows them) or a signature after « -- »; the answer to the consent
question (consent_answer(), on the resident's part only: a quoted « oui » is not an answer); the
names and addresses of the senders (From, Sender, Reply-To, and those of a forwarded message),
kept only to strip them from the text. A forwarded message (« TR: », « Fwd: », a « Message
transféré » header, or the original attached) is read as its original: the forwarder's note
above it is not a reaction. HTML-only messages are turned into text with html.parser
(blockquotes become « > » lines); quoted-printable, base64, format=flowed, UTF-8, Latin-1 and
Windows-1252 bodies and headers are read; a Latin-1 label is read as Windows-1252, as browsers do
(programs that say Latin-1 often send Windows-1252's ’, « œ » or « … »).

Nothing of a sender (name, address) leaves this module but to be stripped from the text by
feedback_import: the report names a message by its date, subject and place in the file only.
"""

from __future__ import annotations

import datetime
import email
import email.utils
import mailbox
import os
import re
import stat
from dataclasses import dataclass, field
from email import policy
from email.header import decode_header, make_header
from html.parser import HTMLParser

from core.build_clock import SITE_TIMEZONE
from core.problems import Problem, display_path
from plugins.privacy.people_files import looks_like_mbox

from .feedback import CONSENT_HINT, consent_answer

MAX_MAILBOX_BYTES = 4 * 1024 ** 3  # one exported folder (a whole Gmail account is bigger: export a label)
MAX_MESSAGE_BYTES = 100 * 1024 ** 2  # one .eml, attachments included
MAX_CSV_BYTES = 100 * 1024 ** 2
MAX_LINE_BYTES = 10 * 1024 ** 2  # a mail line is at most 998 bytes (RFC 5322); 10 MiB is not mail
SNIFF_BYTES = 64 * 1024
_CHUNK = 1024 * 1024
_MAX_DEPTH = 5  # forwards of forwards, attached messages in attached messages
_MAX_HEADER = 10_000  # characters of a header value read (a subject is a line)
_MAX_SUBJECT = 1_000

MAIL_SUFFIXES = (".eml", ".mbox", ".mbx")
# Files a mail program keeps beside its mailboxes: skipped in a folder without a word.
_SIDECAR_NAMES = {"info.plist", "table_of_contents", "thumbs.db", "desktop.ini"}
_SIDECAR_SUFFIXES = {".msf"}  # Thunderbird's index of a mailbox
_ARCHIVE_SUFFIXES = (".zip", ".tgz", ".gz", ".7z", ".rar", ".tar")
_SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".ods")

_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")
_KNOWN_HEADERS = {b"from", b"date", b"subject", b"message-id", b"received", b"return-path", b"mime-version",
                  b"to", b"delivered-to", b"x-mozilla-status", b"x-gm-thrid", b"content-type", b"sender"}


@dataclass(frozen=True)
class Source:
    path: str
    kind: str  # "csv", "mbox" or "eml"


@dataclass
class Mail:
    """What one message says, before it is matched to a finding. The people are kept in memory only,
    to strip them from the text: nothing here is written as is."""

    path: str
    line: int | None  # the mbox « From » line; None for an .eml
    message_id: str | None = None
    when: datetime.datetime | None = None  # in Europe/Paris
    subject: str = ""
    candidates: list[str] = field(default_factory=list)  # finding ids the message names, best first
    text: str = ""  # what the resident wrote
    consent: bool | None = None  # consent_answer() of the resident's part
    people: list[tuple[str, str]] = field(default_factory=list)  # (name, address) to strip
    senders: set[str] = field(default_factory=set)  # the From addresses, lower case
    unreadable: str | None = None  # why the message could not be read

    @property
    def where(self) -> str:
        return display_path(self.path) + (f":{self.line}" if self.line else "")


# --- finding the files ------------------------------------------------------------------------------

def _size_fr(size: int) -> str:
    if size >= 1024 ** 3:
        return f"{size / 1024 ** 3:.1f} Go".replace(".", ",")
    return f"{max(1, round(size / 1024 ** 2))} Mo"


def _looks_like_message(head: bytes) -> bool:
    """Header lines (« Name: value », continuation lines) up to a blank line, a usual one among them."""
    if b"\x00" in head:
        return False
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    names, lines = set(), re.split(rb"\r?\n", head)
    for line in lines[:-1] if len(lines) > 1 else lines:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t") and names:
            continue
        if not _HEADER_LINE.match(line):
            return False
        names.add(line.split(b":", 1)[0].strip().lower())
    return len(names) >= 2 and bool(names & _KNOWN_HEADERS)


def _read_head(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(SNIFF_BYTES)


def _os_problem(path: str, exc: OSError) -> Problem:
    if isinstance(exc, FileNotFoundError):
        return Problem(path, None, None, (
            "fichier introuvable : donnez son chemin depuis le dossier du projet, ou son chemin complet"))
    if isinstance(exc, PermissionError):
        return Problem(path, None, None, "lecture refusée : vérifiez les droits du fichier")
    return Problem(path, None, None, f"fichier illisible (erreur système {exc.errno})")


_SPECIAL_FILE = "ce n'est pas un fichier ordinaire (périphérique, tube ou fichier spécial)"
_NOT_MAIL = ("ce n'est ni un tableau CSV, ni une boîte de messages (.mbox), ni un message (.eml) : donnez "
             "l'export de la messagerie ou du formulaire")


def classify(path: str, in_folder: bool = False) -> tuple[str | None, Problem | None, str | None]:
    """(kind, problem, note) of one file: kind "csv", "mbox" or "eml", or a problem that stops the
    import, or (in a folder) a note for a file that is not mail; all None for a file to skip quietly."""
    name = os.path.basename(path)
    lower = name.lower()
    suffix = os.path.splitext(lower)[1]
    if in_folder and (lower in _SIDECAR_NAMES or suffix in _SIDECAR_SUFFIXES):
        return None, None, None
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            # /dev/zero, a pipe, a socket: endless or blocking, never an export (read nothing of it).
            if in_folder:
                return None, None, f"{display_path(path)} : fichier ignoré : {_SPECIAL_FILE}"
            return None, Problem(path, None, None, _SPECIAL_FILE + (
                " : donnez le fichier exporté par la messagerie (.mbox, .eml) ou le tableau (.csv)")), None
        size = status.st_size
        head = _read_head(path)
    except OSError as exc:
        return None, _os_problem(path, exc), None
    if suffix == ".msg":
        return None, Problem(path, None, None, (
            "message Outlook (.msg) : ce format n'est pas lu ; enregistrez le message au format .eml "
            "(Outlook sur le web : « Télécharger » ; Outlook : faites-le glisser dans Thunderbird), ou "
            "exportez la boîte au format .mbox")), None
    if suffix in _ARCHIVE_SUFFIXES or head.startswith(b"\x1f\x8b"):
        return None, Problem(path, None, None, (
            "archive compressée : décompressez-la d'abord (double-clic), puis donnez le fichier .mbox ou le "
            "dossier qu'elle contient")), None
    if suffix == ".csv" or suffix in _SPREADSHEET_SUFFIXES:
        if in_folder:
            return None, None, (f"{display_path(path)} : fichier ignoré : un tableau se donne à part, "
                                "dans la même commande, après le dossier")
        if size > MAX_CSV_BYTES:
            return None, Problem(path, None, None, (
                f"fichier trop gros pour un tableau de réactions ({_size_fr(size)} ; au plus "
                f"{_size_fr(MAX_CSV_BYTES)}) : vérifiez que c'est le bon fichier")), None
        return "csv", None, None  # feedback_import.decode says what a spreadsheet file is
    is_mail_name = suffix in MAIL_SUFFIXES or lower == "mbox"
    if size > MAX_MAILBOX_BYTES:
        return None, Problem(path, None, None, (
            f"fichier trop gros ({_size_fr(size)} ; au plus {_size_fr(MAX_MAILBOX_BYTES)}) : exportez seulement "
            "le dossier (ou, dans Gmail, le libellé) qui reçoit les réactions")), None
    if looks_like_mbox(head):
        return "mbox", None, None
    if _looks_like_message(head):
        if size > MAX_MESSAGE_BYTES:
            return None, Problem(path, None, None, (
                f"message trop gros ({_size_fr(size)} ; au plus {_size_fr(MAX_MESSAGE_BYTES)}) : "
                "retirez-en les pièces jointes")), None
        return "eml", None, None
    if is_mail_name:
        if not head.strip():
            what = "boîte vide : elle ne contient aucun message" if suffix != ".eml" else "fichier vide"
            return None, Problem(path, None, None, (
                f"{what} ; vérifiez que vous avez exporté le bon dossier de la messagerie")), None
        if suffix == ".eml":
            return None, Problem(path, None, None, (
                "ce n'est pas un message électronique : un fichier .eml commence par des en-têtes "
                "(« From: », « Subject: »…) ; enregistrez à nouveau le message depuis la messagerie")), None
        return None, Problem(path, None, None, (
            "ce n'est pas une boîte au format mbox (une boîte commence par une ligne « From ») : exportez à "
            "nouveau le dossier depuis la messagerie")), None
    spreadsheet = head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0"))
    binary = not spreadsheet and (b"\x00" in head or head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")))
    if in_folder:
        return None, None, (f"{display_path(path)} : fichier ignoré : ce n'est ni un message (.eml) "
                            "ni une boîte de messages (.mbox)")
    if binary:
        return None, Problem(path, None, None, _NOT_MAIL), None
    if size > MAX_CSV_BYTES:
        return None, Problem(path, None, None, (
            f"fichier trop gros ({_size_fr(size)}) : {_NOT_MAIL}")), None
    return "csv", None, None  # a text file: read as CSV, whose messages say what is wrong


def collect_sources(paths: list[str]) -> tuple[list[Source], list[str], list[Problem]]:
    """The files named or found in the folders named, in order; a file named twice is read once."""
    sources, notes, problems, seen = [], [], [], set()

    def add(path: str, kind: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            sources.append(Source(path, kind))

    for path in paths:
        if not os.path.isdir(path):
            kind, problem, note = classify(path)
            if problem:
                problems.append(problem)
            elif kind:
                add(path, kind)
            continue
        found, errors = 0, []
        for folder, dirs, files in os.walk(path, onerror=errors.append):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                kind, problem, note = classify(os.path.join(folder, name), in_folder=True)
                if problem:
                    problems.append(problem)
                if note:
                    notes.append(note)
                if kind:
                    found += 1
                    add(os.path.join(folder, name), kind)
        problems += [_os_problem(error.filename or path, error) for error in errors]
        if not found and not errors:
            problems.append(Problem(path, None, None, (
                "aucun message dans ce dossier (ni fichier .eml, ni boîte .mbox) : donnez le dossier où la "
                "messagerie a enregistré les messages, ou le fichier lui-même")))
    return sources, notes, problems


# --- reading the files --------------------------------------------------------------------------------

def _scan_mbox(path: str) -> tuple[list[tuple[int, bytes]], Problem | None]:
    """(line, « From » line) of each message, as mailbox.mbox splits them (every line starting with
    « From »), read by chunks: a line longer than MAX_LINE_BYTES is not mail, and is never read whole."""
    starts: list[tuple[int, bytes]] = []
    line_no, tail = 1, b""
    with open(path, "rb") as handle:
        while True:
            chunk = handle.read(_CHUNK)
            data = tail + chunk
            if not chunk:
                if data.startswith(b"From "):
                    starts.append((line_no, data[:200]))
                break
            cut = data.rfind(b"\n")
            if cut < 0:
                tail = data
                if len(tail) > MAX_LINE_BYTES:
                    return starts, Problem(path, line_no, None, (
                        f"ligne de plus de {_size_fr(MAX_LINE_BYTES)} : ce n'est pas une boîte de messages ; "
                        "exportez à nouveau le dossier depuis la messagerie"))
                continue
            complete, tail = data[:cut + 1], data[cut + 1:]
            position = 0
            if complete.startswith(b"From "):
                starts.append((line_no, complete[:complete.find(b"\n")][:200]))
            for match in re.finditer(rb"\nFrom ", complete):
                line_no += complete.count(b"\n", position, match.start() + 1)
                position = match.start() + 1
                end = complete.find(b"\n", position)
                starts.append((line_no, complete[position:end][:200]))
            line_no += complete.count(b"\n", position)
    return starts, None


def read_mail(source: Source) -> tuple[list[Mail], list[Problem]]:
    """Every message of the file, in order."""
    try:
        if source.kind == "eml":
            with open(source.path, "rb") as handle:
                raw = handle.read(MAX_MESSAGE_BYTES + 1)  # bounded even if the file grew since classify
            if len(raw) > MAX_MESSAGE_BYTES:
                return [], [Problem(source.path, None, None, (
                    f"message trop gros (plus de {_size_fr(MAX_MESSAGE_BYTES)}) : retirez-en les pièces jointes"))]
            return [parse_mail(raw, source.path, None)], []
        starts, problem = _scan_mbox(source.path)
        if problem:
            return [], [problem]
        box = mailbox.mbox(source.path, create=False)
        try:
            mails = []
            for index, key in enumerate(box.keys()):
                line, from_line = starts[index] if index < len(starts) else (None, b"")
                mails.append(parse_mail(box.get_bytes(key), source.path, line, from_line))
        finally:
            box.close()
    except OSError as exc:
        return [], [_os_problem(source.path, exc)]
    if not mails:
        return [], [Problem(source.path, None, None, (
            "boîte vide : elle ne contient aucun message ; vérifiez que vous avez exporté le bon dossier de la "
            "messagerie"))]
    return mails, []


# --- decoding ---------------------------------------------------------------------------------------

_LATIN1_LABELS = {"iso-8859-1", "iso8859-1", "iso_8859-1", "latin-1", "latin1", "l1", "windows-1252", "cp1252"}
_C1 = re.compile(r"[\x80-\x9f]")


def _c1_as_windows_1252(text: str) -> str:
    """C1 controls (never text) read as the Windows-1252 characters a mislabelled message meant: ’ « œ …"""
    def char(found: re.Match) -> str:
        try:
            return bytes([ord(found.group())]).decode("cp1252")
        except UnicodeDecodeError:
            return ""
    return _C1.sub(char, text)


def decode_bytes(raw: bytes, charset: str | None = None) -> str:
    """The declared charset, Latin-1 labels read as Windows-1252; else UTF-8, else Windows-1252."""
    charset = (charset or "").strip().strip('"').lower()
    if charset in _LATIN1_LABELS:
        return _c1_as_windows_1252(raw.decode("latin-1"))
    for candidate in ([charset] if charset and charset not in ("us-ascii", "ascii") else []) + ["utf-8"]:
        try:
            return _c1_as_windows_1252(raw.decode(candidate))
        except (LookupError, UnicodeDecodeError):
            continue
    return _c1_as_windows_1252(raw.decode("latin-1"))


def _unfold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _raw_headers(message, name: str) -> list[str]:
    name = name.lower()
    return [value for key, value in message.raw_items() if key.lower() == name]


def header_text(value: str) -> str:
    """A raw header value as text: RFC 2047 encoded words decoded, raw 8-bit bytes read as UTF-8 (else
    Windows-1252)."""
    if re.search(r"[\udc80-\udcff]", value):
        value = decode_bytes(value.encode("ascii", "surrogateescape"))
        if "=?" not in value:
            return _unfold(value)
    try:
        parts = decode_header(re.sub(r"\r?\n(?=[ \t])", "", value))
        text = str(make_header(parts))
    except Exception:  # noqa: BLE001 - any malformed encoded word: keep the raw text
        text = value
    return _unfold(_c1_as_windows_1252(text))


def _header(message, name: str) -> str:
    values = _raw_headers(message, name)
    return header_text(values[0][:_MAX_HEADER]) if values else ""


def _addresses(message, *names: str) -> list[tuple[str, str]]:
    found = []
    for name in names:
        for value in _raw_headers(message, name):
            try:
                pairs = email.utils.getaddresses([header_text(value[:_MAX_HEADER])])
            except Exception:  # noqa: BLE001 - a malformed address list: nothing to strip from it
                continue
            found += [(person, address) for person, address in pairs if person or address]
    return found


_MONTHS = {"jan": 1, "janv": 1, "janvier": 1, "feb": 2, "fev": 2, "fevr": 2, "févr": 2, "février": 2, "fevrier": 2,
           "mar": 3, "mars": 3, "apr": 4, "avr": 4, "avril": 4, "may": 5, "mai": 5, "jun": 6, "juin": 6,
           "jul": 7, "juil": 7, "juillet": 7, "aug": 8, "août": 8, "aout": 8, "sep": 9, "sept": 9, "septembre": 9,
           "oct": 10, "octobre": 10, "nov": 11, "novembre": 11, "dec": 12, "déc": 12, "décembre": 12,
           "decembre": 12, "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7,
           "august": 8, "september": 9, "october": 10, "november": 11, "december": 12}
_FROM_LINE_DATE = re.compile(r"([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?: ([+-]\d{4}))? (\d{4})")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:er)?\.?\s+([^\W\d_]+)\.?\s+(\d{4})\b(?:\D{1,6}(\d{1,2})[:h](\d{2}))?")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]+)\.?\s+(\d{1,2}),\s+(\d{4})\b")


def _paris(moment: datetime.datetime) -> datetime.datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)  # « -0000 »: the time is UTC
    return moment.astimezone(SITE_TIMEZONE)


def parse_date(value: str) -> datetime.datetime | None:
    """An RFC 5322 date (Date header, Thunderbird's forward header) in Europe/Paris, or None."""
    try:
        return _paris(email.utils.parsedate_to_datetime(value))
    except Exception:  # noqa: BLE001 - (TypeError, ValueError, IndexError…) as Python versions vary
        return None


def _shown_date(value: str) -> datetime.datetime | None:
    """A date as a forward header shows it: RFC 5322, « mar. 15 mars 2016 à 10:12 », « Tuesday, March 15,
    2016 10:12 AM »… (the day is what matters; the time is the forwarder's local time)."""
    moment = parse_date(value)
    if moment:
        return moment
    for pattern, order in ((_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
        found = pattern.search(value)
        if not found:
            continue
        day, month, year = (found[1], found[2], found[3]) if order == "dmy" else (found[2], found[1], found[3])
        number = _MONTHS.get(month.lower().rstrip("."))
        if not number:
            continue
        hour, minute = (int(found[4]), int(found[5])) if order == "dmy" and found[4] else (12, 0)
        try:
            return datetime.datetime(int(year), number, int(day), hour, minute, tzinfo=SITE_TIMEZONE)
        except ValueError:
            return None
    return None


def _from_line_date(from_line: bytes) -> datetime.datetime | None:
    found = _FROM_LINE_DATE.search(from_line.decode("latin-1"))
    if not found or found[1].lower() not in _MONTHS:
        return None
    try:
        moment = datetime.datetime(int(found[7]), _MONTHS[found[1].lower()], int(found[2]), int(found[3]),
                                   int(found[4]), int(found[5]))
    except ValueError:
        return None
    if found[6]:
        sign = 1 if found[6][0] == "+" else -1
        offset = datetime.timedelta(hours=int(found[6][1:3]), minutes=int(found[6][3:5]))
        moment = moment.replace(tzinfo=datetime.timezone(sign * offset))
    return _paris(moment)


# --- HTML to text -----------------------------------------------------------------------------------

_BLOCKS = {"address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "fieldset",
           "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
           "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul"}
_HIDDEN = {"head", "script", "style", "title", "template", "noscript"}
_SIGNATURE_CLASSES = {"gmail_signature", "moz-signature"}


class _HTMLText(HTMLParser):
    """Text lines of an HTML message: blocks and <br> break lines, <blockquote> lines start with « > »,
    a signature block (Gmail, Thunderbird) starts with « -- »."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[list] = [[0, ""]]  # [quote depth, text]
        self.hidden = 0
        self.quote = 0
        self.pre = 0

    def _break(self) -> None:
        if self.lines[-1][1].strip():
            self.lines.append([self.quote, ""])
        else:
            self.lines[-1] = [self.quote, ""]

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.lines.append([self.quote, ""])
        elif tag in _BLOCKS:
            if tag == "blockquote":
                self._break()
                self.quote += 1
            if tag == "pre":
                self.pre += 1
            self._break()
        elif tag in ("td", "th"):
            self.lines[-1][1] += " "
        classes = set((dict(attrs).get("class") or "").split())
        if classes & _SIGNATURE_CLASSES:
            self._break()
            self.lines[-1][1] = "-- "
            self.lines.append([self.quote, ""])

    def handle_startendtag(self, tag, attrs):
        if tag in _HIDDEN:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self._break()
            if tag == "blockquote":
                self.quote = max(0, self.quote - 1)
                self.lines[-1][0] = self.quote
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data):
        if self.hidden:
            return
        if self.pre:
            first, *rest = data.replace("\r\n", "\n").split("\n")
            self.lines[-1][1] += first
            self.lines += [[self.quote, part] for part in rest]
        else:
            self.lines[-1][1] += re.sub(r"[ \t\r\n\f]+", " ", data)

    def text(self) -> str:
        out = []
        for depth, line in self.lines:
            line = line.strip(" ")
            out.append(("> " * depth + line).rstrip() if line else ">" * depth)
        return "\n".join(out)


def html_to_text(html: str) -> str:
    parser = _HTMLText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser copes with nearly anything; keep what was read
        pass
    return parser.text()


def unflow(text: str, delsp: bool) -> str:
    """format=flowed (RFC 3676): a line ending with a space goes on with the next one."""
    out: list[str] = []
    current: list | None = None  # [depth, text]

    def flush() -> None:
        nonlocal current
        if current is not None:
            out.append(("> " * current[0] + current[1]) if current[0] else current[1])
            current = None

    for line in text.split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        if content.startswith(" "):
            content = content[1:]  # space-stuffing
        if content == "-- ":
            flush()
            out.append(content)
            continue
        if current is not None and current[0] == depth:
            current[1] += content
        else:
            flush()
            current = [depth, content]
        if content.endswith(" "):
            if delsp:
                current[1] = current[1][:-1]
        else:
            flush()
    flush()
    return "\n".join(out)


# --- the resident's part ------------------------------------------------------------------------------

_PREFIX = re.compile(r"^\s*(?:\[[^\]]{0,40}\]\s*)?(re|ré|rép|réf|ref|aw|sv|antw|tr|fwd|fw|wg)\s*(?:\.\s*)?"
                     r"(?:\[\d+\]\s*)?:\s*", re.IGNORECASE)
_FORWARD_PREFIXES = {"tr", "fwd", "fw", "wg"}
_SUBJECT_ID = re.compile(r"\(\s*([A-Za-z0-9][A-Za-z0-9_-]*)\s*\)\W*$")
_ID_LINE = re.compile(r"^[\W_]*identifiant\s*:\s*([A-Za-z0-9][A-Za-z0-9_-]*)", re.IGNORECASE)
_ID_LABEL = re.compile(r"^[\W_]*identifiant\s*:", re.IGNORECASE)
_QUOTED = re.compile(r"^\s*>")
_FORWARD_SEPARATOR = re.compile(
    r"^[\s>]*(?:[-_=*]{2,}\s*(?:message transf[ée]r[ée]|mail transf[ée]r[ée]|forwarded message|"
    r"message r[ée]exp[ée]di[ée])\s*[-_=*]{2,}|(?:d[ée]but du message r[ée]exp[ée]di[ée]|begin forwarded message)"
    r"\s*:)\s*$", re.IGNORECASE)
_ORIGINAL_SEPARATOR = re.compile(
    r"^[\s>]*[-_=*]{2,}\s*(?:message d['’]origine|original message|message original)\s*[-_=*]{2,}\s*$",
    re.IGNORECASE)
_RULE = re.compile(r"^[\s>]*_{8,}\s*$")  # Outlook's rule above the « De : … Envoyé : … » block
_ATTRIBUTION_START = re.compile(r"^[\s>]*(?:le|on)\s", re.IGNORECASE)
_ATTRIBUTION_END = re.compile(r"(?:a [ée]crit|wrote)\s*:\s*$", re.IGNORECASE)
_HEADER_FIELD = re.compile(  # (no two quantifiers can share a run of spaces: linear on any line)
    r"^[\s>]*(?:\*+\s*)?(de|from|date|envoy[ée]|sent|[àa]|to|pour|cc|copie à|objet|subject|sujet|r[ée]pondre à|"
    r"reply-to|importance)\s*(?:\*+\s*)?:\s*(?:\*+\s*)?(.*)$", re.IGNORECASE)
_FROM_FIELD = {"de", "from"}
_WHEN_FIELD = {"date", "envoyé", "envoye", "sent"}
_SUBJECT_FIELD = {"objet", "subject", "sujet"}
_PEOPLE_FIELD = {"de", "from", "répondre à", "repondre à", "reply-to"}
_DEVICE_LINE = re.compile(
    r"^\s*(?:envoy[ée] (?:de|depuis)|sent from|obtenir|get) .{0,60}\b(?:iphone|ipad|android|mobile|smartphone|"
    r"samsung|galaxy|outlook|blackberry|windows)\b.{0,40}$", re.IGNORECASE)
_TITLE_LINE = re.compile(r"^[\s*_]*constat\s*:", re.IGNORECASE)
_PAGE_LINE = re.compile(r"^[\s*_]*page\s*:(?:\s*<?https?://\S*)?\s*$", re.IGNORECASE)
_REACTION_LINE = re.compile(r"^[\s*_]*votre r[ée]action\s*:\s*(.*)$", re.IGNORECASE)
_SPACES = re.compile(r"[ \u00a0\u202f\t]+")


def _depth(line: str) -> int:
    return len(re.match(r"^[\s>]*", line).group().replace(" ", "").replace("\t", ""))


def _strip_quote(line: str, depth: int) -> str:
    for _ in range(depth):
        line = re.sub(r"^\s*> ?", "", line, count=1)
    return line


def strip_prefixes(subject: str) -> tuple[str, bool]:
    """The subject without its « RE: », « TR: »… prefixes, and whether one of them is a forward."""
    forward = bool(re.match(r"^\s*\[fwd:", subject, re.IGNORECASE))
    while True:
        found = _PREFIX.match(subject)
        if not found:
            return subject.strip(), forward
        forward = forward or found[1].lower() in _FORWARD_PREFIXES
        subject = subject[found.end():]


@dataclass
class _Boundary:
    index: int
    kind: str  # "forward" (a forward header), "headers" (an Outlook-style block: reply or forward), "quote"
    depth: int = 0


def _header_block_at(lines: list[str], index: int) -> bool:
    """An Outlook-style block starts here: « De : » then, within six lines, a date and a subject."""
    if index >= len(lines):
        return False
    found = _HEADER_FIELD.match(lines[index])
    if not found or found[1].lower() not in _FROM_FIELD:
        return False
    names = {match[1].lower() for line in lines[index + 1:index + 7] if (match := _HEADER_FIELD.match(line))}
    return bool(names & _WHEN_FIELD) and bool(names & _SUBJECT_FIELD)


def _attribution_at(lines: list[str], index: int) -> bool:
    """« Le 15 mars 2016 à 10:12, X <x@y> a écrit : » (or « On … wrote: »), on one line or two."""
    line = lines[index]
    if not _ATTRIBUTION_START.match(line) or not any(char.isdigit() for char in line):
        return False
    return bool(_ATTRIBUTION_END.search(line) or (index + 1 < len(lines) and not _ATTRIBUTION_START.match(
        lines[index + 1]) and _ATTRIBUTION_END.search(lines[index + 1])))


def _first_boundary(lines: list[str]) -> _Boundary | None:
    for index, line in enumerate(lines):
        if _FORWARD_SEPARATOR.match(line):
            return _Boundary(index, "forward", _depth(line))
        if _ORIGINAL_SEPARATOR.match(line) or (_RULE.match(line) and _header_block_at(lines, _next_text(lines, index))):
            return _Boundary(index, "headers", _depth(line))
        if _attribution_at(lines, index):
            return _Boundary(index, "quote", _depth(line))
        if _header_block_at(lines, index):
            return _Boundary(index, "headers", _depth(line))
    return None


def _next_text(lines: list[str], index: int) -> int:
    """The index of the first line after `index` with text (len(lines) if none)."""
    return next((at for at in range(index + 1, len(lines)) if lines[at].strip(" >\t")), len(lines))


def _read_header_block(lines: list[str], start: int) -> tuple[dict[str, str], int]:
    """The « Name : value » lines from `start` (blank lines before them skipped); and where the body starts."""
    index = start
    while index < len(lines) and not lines[index].strip(" >\t"):
        index += 1
    fields: dict[str, str] = {}
    last = None
    while index < len(lines):
        found = _HEADER_FIELD.match(lines[index])
        if found:
            last = found[1].lower()
            fields.setdefault(last, found[2].strip(" *"))
        elif last and lines[index][:1] in (" ", "\t") and lines[index].strip():
            fields[last] += " " + lines[index].strip()
        else:
            break
        index += 1
    return fields, index


@dataclass
class _Part:
    lines: list[str]
    headers: list[dict[str, str]] = field(default_factory=list)  # of the forwarded messages, outermost first


def resident_part(lines: list[str], forward: bool, depth: int = 0) -> _Part:
    """The lines the resident wrote: for a forward, those of the original (recursively); else those above
    the first quote header, without « > » lines."""
    boundary = _first_boundary(lines)
    if boundary is None:
        return _Part([line for line in lines if not _QUOTED.match(line)])
    if depth < _MAX_DEPTH and (boundary.kind == "forward" or (boundary.kind == "headers" and forward)):
        separator = boundary.kind == "forward" or not _header_block_at(lines, boundary.index)
        start = boundary.index + (1 if separator else 0)
        fields, body = _read_header_block(lines, start)
        inner = [_strip_quote(line, boundary.depth) for line in lines[body:]]
        part = resident_part(inner, False, depth + 1)
        return _Part(part.lines, [fields, *part.headers])
    return _Part([line for line in lines[:boundary.index] if not _QUOTED.match(line)])


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


_HINT = _norm(CONSENT_HINT)


_QUESTION_START = re.compile(r"^\W*j['’]accepte qu['’]un extrait", re.IGNORECASE)


def _join_consent_lines(lines: list[str]) -> list[str]:
    """A consent line a mail program wrapped is put back on one line: the question cut before its
    « : » (two lines at most), then the hint « (gardez « oui » ou « non ») » cut in two."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _QUESTION_START.match(line):
            for extra in (1, 2):
                if consent_answer(line) is not None or index + extra >= len(lines):
                    break
                joined = " ".join([line.rstrip(), *(part.strip() for part in lines[index + 1:index + extra + 1])])
                if consent_answer(joined) is not None:
                    line, index = joined, index + extra
                    break
            normal = _norm(line)
            if consent_answer(line) is not None and _HINT not in normal and index + 1 < len(lines):
                following = _norm(lines[index + 1])
                for size in range(len(_HINT) - 1, 0, -1):
                    if following and normal.endswith(_HINT[:size]) and _HINT[size:].strip().startswith(following):
                        line, index = f"{line.rstrip()} {lines[index + 1].strip()}", index + 1
                        break
        out.append(line)
        index += 1
    return out


def _consent(lines: list[str]) -> bool | None:
    return consent_answer("\n".join(_SPACES.sub(" ", line) for line in lines))


def _hint_rest(line: str) -> bool:
    """A line holding only the end of the consent hint (wrapped apart from its question)."""
    normal = _norm(line)
    return bool(normal) and _HINT.endswith(normal)


def without_template(lines: list[str], title: str = "") -> list[str]:
    """The lines of feedback_body() removed: « Constat : », « Identifiant : », « Page : », the label of
    « Votre réaction : » (the words after it are kept), the consent question."""
    lines = list(lines)
    drop = set()
    for index, line in enumerate(lines):
        if _ID_LABEL.match(line):
            drop.add(index)
            for before in range(index - 1, max(-1, index - 4), -1):
                if _TITLE_LINE.match(lines[before]):
                    drop.update(range(before, index))
                    break
            after = index + 1
            if after < len(lines) and _PAGE_LINE.match(lines[after]):
                drop.add(after)
                while after + 1 < len(lines) and lines[after + 1].strip() and " " not in lines[after + 1].strip():
                    after += 1
                    drop.add(after)  # the end of a long address, wrapped
        elif _PAGE_LINE.match(line) and "http" in line:
            drop.add(index)
        elif _TITLE_LINE.match(line) and title and _norm(line.split(":", 1)[1]) == _norm(title):
            drop.add(index)
        elif consent_answer(line) is not None:
            drop.add(index)
            if index + 1 < len(lines) and _hint_rest(lines[index + 1]):
                drop.add(index + 1)
    out = []
    for index, line in enumerate(lines):
        if index in drop:
            continue
        found = _REACTION_LINE.match(line)
        if found:
            if found[1].strip():
                out.append(found[1])
            continue
        out.append(line)
    return out


def _is_template_line(line: str) -> bool:
    return bool(_ID_LABEL.match(line) or _REACTION_LINE.match(line) or consent_answer(line) is not None)


def _signature_cut(lines: list[str]) -> list[str]:
    """Without the signature (a « -- » line and all that follows; only up to the next blank line when the
    template goes on below it, as when a mail program puts the signature above the prefilled text), nor
    « Envoyé de mon iPhone » lines."""
    for index, line in enumerate(lines):
        if line.rstrip() != "--":
            continue
        if any(_is_template_line(after) for after in lines[index + 1:]):
            end = next((at for at in range(index + 1, len(lines)) if not lines[at].strip()), len(lines))
            lines = lines[:index] + lines[end:]
        else:
            lines = lines[:index]
        break
    return [line for line in lines if not _DEVICE_LINE.match(line)]


def _tidy(lines: list[str]) -> str:
    text = "\n".join(line.rstrip() for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --- one message --------------------------------------------------------------------------------------

def _body_text(message) -> str:
    part = None
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except Exception:  # noqa: BLE001 - a malformed structure: look for a text part below
        part = None
    if part is None:
        part = next((p for p in message.walk() if p.get_content_maintype() == "text"
                     and not p.is_attachment()), None)
    if part is None:
        return ""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        payload = b""
    text = decode_bytes(payload, part.get_content_charset()).replace("\r\n", "\n").replace("\r", "\n")
    if part.get_content_subtype() == "html":
        return html_to_text(text)
    if (part.get_param("format") or "").lower() == "flowed":
        text = unflow(text, (part.get_param("delsp") or "").lower() == "yes")
    return text


def _attached_message(message):
    for part in message.walk():
        if part.get_content_type() == "message/rfc822":
            payload = part.get_payload()
            if isinstance(payload, list) and payload:
                return payload[0]
    return None


def _subject_candidates(subject: str) -> list[str]:
    found = _SUBJECT_ID.search(subject[-_MAX_SUBJECT:])  # the id ends the subject
    return [found[1]] if found else []


_TITLE_IN_SUBJECT = re.compile(r"«([^«»]+)»\s*\([^()]*\)\W*$")


def _fill(mail: Mail, message, from_line: bytes, depth: int) -> None:
    """What `message` says, added to `mail`; an attached original (forward as attachment) is read in its place."""
    subject = _header(message, "Subject")
    mail.subject = mail.subject or subject
    bare, forward = strip_prefixes(subject)
    mail.people += _addresses(message, "From", "Sender", "Reply-To")
    if depth == 0:
        mail.senders = {address.lower() for _, address in _addresses(message, "From") if address}
    mail.candidates += _subject_candidates(bare)
    mail.message_id = _header(message, "Message-ID") or None
    mail.when = parse_date(_header(message, "Date")) or _from_line_date(from_line)
    attached = _attached_message(message) if forward and depth < _MAX_DEPTH else None
    if attached is not None:
        _fill(mail, attached, b"", depth + 1)  # the original: its own id, date and text
        return
    lines = _body_text(message).split("\n")
    part = resident_part(lines, forward)
    title = _TITLE_IN_SUBJECT.search(bare[-_MAX_SUBJECT:])
    for fields in part.headers:
        inner_subject, _ = strip_prefixes(header_text(fields.get("objet") or fields.get("subject")
                                                      or fields.get("sujet") or ""))
        mail.candidates += _subject_candidates(inner_subject)
        title = title or _TITLE_IN_SUBJECT.search(inner_subject[-_MAX_SUBJECT:])
        for name, value in fields.items():
            if name in _PEOPLE_FIELD:
                try:
                    mail.people += [pair for pair in email.utils.getaddresses([value]) if any(pair)]
                except Exception:  # noqa: BLE001 - a malformed address: its name is not known
                    continue
        shown = next((fields[name] for name in ("date", "envoyé", "envoye", "sent") if fields.get(name)), "")
        mail.when = _shown_date(shown) or mail.when
    joined = _join_consent_lines(part.lines)
    own = _signature_cut(joined)
    mail.candidates += [found[1] for line in own if (found := _ID_LINE.match(line))]
    mail.candidates += [found[1] for line in lines if (found := _ID_LINE.match(line))]
    mail.consent = _consent(joined)  # the resident's answer, above or below a signature
    mail.text = _tidy(without_template(own, title[1].strip() if title else ""))


def parse_mail(raw: bytes, path: str, line: int | None, from_line: bytes = b"") -> Mail:
    """One message → Mail; a message that cannot be read is a Mail with `unreadable` set."""
    mail = Mail(path, line)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if line is not None:
        raw = re.sub(rb"(?m)^>(>*From )", rb"\1", raw)  # mboxrd: « From » lines of the text were escaped
    try:
        message = email.message_from_bytes(raw, policy=policy.default)
        _fill(mail, message, from_line, 0)
    except Exception as exc:  # noqa: BLE001 - a malformed message is listed, never a traceback
        mail.unreadable = f"message illisible ({type(exc).__name__})"
        mail.when = mail.when or _from_line_date(from_line)
    mail.candidates = list(dict.fromkeys(mail.candidates))
    return mail


def exact_ids_in_subject(mail: Mail, known_ids: set[str]) -> list[str]:
    """Ids of the site written as they are in the subject (« Réaction marque-partagee »)."""
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9_-]*", mail.subject)
    return [word for word in words if word in known_ids]
