"""Site search: a Pagefind index of the built site, written into it before it is swapped in.

`index_site(site_dir, settings)` runs on the staging directory once Pelican has written a clean
site. It gives the pages to Pagefind's indexing binary (PyPI `pagefind[bin]`) and writes the
search bundle to `<site>/pagefind/`, which /recherche/ loads from the site itself when a visitor
starts a search (theme/static/js/search.js).

What is indexed: the <main data-pagefind-body> of the pages built on base.html (navigation,
header and footer are outside it), in French. Left out: pages that only repeat content which has
its own page (archives, section listings, the findings index and the findings without projects),
the printable workshop sheets, the embeds for partners' sites, the search page itself and the
404 page (NOT_FOUND_SAVE_AS).

Reproducible: Pagefind numbers pages in the order it receives them, and its own directory walk
follows the file system's order (which differs from one machine to another). So pages are sent
one by one, in an order fixed by the site (the pages of the article sections first, then the
others sorted by path), to Pagefind's service mode (`pagefind --service`,
the protocol of its Python and Node wrappers): the same site gives the same bytes on any machine.

Overlapped: indexing takes about 3.5 ms a page in Pagefind's own process. In a build,
`SearchIndexer` sends each article page as Pelican writes it (`content_written`), in Pelican's
writing order (articles by date, ties by slug: a property of the content, not of the machine),
until the articles are all written (`article_writer_finalized`); the other pages follow, sorted,
once the site is complete. The QR codes of the workshop sheets are drawn earlier, while the
articles are read (findings/qr_code.py): each has the second core in turn. Only the article
sections are sent as written: the other pages come from Pelican's pages and from the plugins'
generators, which Pelican runs in the order blinker calls the `get_generators` receivers (a set
of their id(), memory addresses: not a property of the content), so they are sent by path.

Read once: `finish()` reads only the pages not sent. A page sent is not read again unless Pelican
wrote it again (`page_written` counts every write) or it changed on disk since (size, modification
time). If the site's section pages are not exactly those sent, unchanged (one written after the
articles, or written again), the index is made again from scratch in `index_order`: the bytes
never depend on the timing. `index_site()` alone (no build) sends everything in `index_order`.

In the preview, `DetachedIndex` runs Pagefind at a lower CPU priority (BACKGROUND_NICENESS, POSIX
only): the next rebuild, which the communicator waits for, gets the CPU first. It is started
through the `nice` command, so that every thread of Pagefind has it from the start; lowered
once started (`os.setpriority`), some of its threads could already run at our priority (seen in
one start out of three).

The wrapper's own client (`pagefind.index`) is not used: it polls for each answer every 0.1 s,
which made indexing the demo site take 3.4 s instead of about 0.1 s. The bundle's files come
back in the last answer (`GetFiles`) and are written here: the service's own `WriteFiles`
answered before its files were complete, and under load a build could publish a bundle whose
last files were cut short.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import queue
import re
import shutil
import subprocess
import threading

from core.problems import Problem, ProblemError
from plugins.discovery.urls import url_path

BUNDLE_DIR = "pagefind"  # <site>/pagefind/: the URL /pagefind/pagefind.js is used by search.js
LANGUAGE = "fr"
SEARCH_PAGE = "recherche/index.html"
# Listings and print layouts: their text is on the pages they link to; the 404 page is no content.
EXCLUDED_SETTINGS = ("ARCHIVES_SAVE_AS", "FINDINGS_INDEX_SAVE_AS", "FINDINGS_WORKSHOP_SAVE_AS",
                     "UNANSWERED_SAVE_AS", "NOT_FOUND_SAVE_AS")
EXCLUDED_PREFIXES = ("embed/", BUNDLE_DIR + "/")
# Listings written under a pattern of placeholders ({theme}, {number}…): any value of them.
EXCLUDED_PATTERN_SETTINGS = ("FINDINGS_WORKSHOP_PART_SAVE_AS",)
# Inside <main>: words that are on every finding and say nothing about it.
EXCLUDED_SELECTORS = [".permalien", ".consultation"]
# Files of Pagefind's ready-made interfaces: /recherche/ has its own (search.js).
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
TIMEOUT_S = 120
_BODY = re.compile(r"<main\b[^>]*\sdata-pagefind-body[\s>=/]")
# French elision: « l’économie » is one word for Pagefind (it splits at white space only), so a
# search for « économie » would miss it. In the copy of the page given to Pagefind (never in the
# published page), a space follows the apostrophe of an elided word; search.js takes it out of
# the titles and excerpts it shows, and leaves elided words out of the query. « aujourd’hui »
# and « prud’homme » stay whole: the elided word must start a word.
ELIDED = ("jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "qu", "c", "d", "j", "l", "m", "n", "s", "t")
# The apostrophe of an elided word followed by a letter. It is what the pattern searches for
# first (a rare character: the search skips ahead fast); the word before it is checked by fixed-width
# lookbehinds, one per length of word.
_ELISION = re.compile(r"[’'](?:%s)(?=\w)" % "|".join(
    r"(?<=(?<!\w)(?:%s)[’'])" % "|".join(words)
    for _, words in itertools.groupby(sorted(ELIDED, key=len, reverse=True), key=len)), re.IGNORECASE)


def index_site(site_dir: str, settings: dict) -> int:
    """Index the site in site_dir into site_dir/pagefind/; the number of pages indexed.

    Raises ProblemError (in French) when Pagefind is missing or fails: the build then fails
    and output/ stays as it was.
    """
    return SearchIndexer(site_dir, settings).finish()


class SearchIndexer:
    """One index of one site: `page_written()` for each page Pelican writes, `sections_written()`
    once the articles are written, then `finish()` when the site is complete."""

    def __init__(self, site_dir: str, settings: dict):
        self.site_dir, self.settings = site_dir, settings
        self.sent: list[tuple[str, str]] = []
        self.streaming = True
        # Every page Pelican wrote (relative path: times written), and the size and modification
        # time of each page sent when it was sent: finish() reads again only what changed since.
        self.written: dict[str, int] = {}
        self._sent_stat: dict[str, tuple[int, int]] = {}
        self._excluded = _excluded(settings)
        self._excluded_pattern = _excluded_patterns(settings)
        self._service: _Service | None = None

    def page_written(self, path: str) -> None:
        """Pelican wrote `path`: a page of an article section goes to Pagefind at once, in Pelican's
        order (articles by date, then by slug: fixed by the content), indexed in Pagefind's own
        process while the build goes on."""
        relative = os.path.relpath(path, self.site_dir).replace(os.sep, "/")
        self.written[relative] = self.written.get(relative, 0) + 1
        if not self.streaming or not _in_section((relative,), self.settings):
            return
        page = _indexable(self.site_dir, relative, self._excluded, self._excluded_pattern)
        if page is not None:
            if self._service is None:
                self._service = _Service()
            self._add([page])
            self._sent_stat[relative] = _stat(os.path.join(self.site_dir, relative))

    def sections_written(self) -> None:
        """Pelican has written the articles: the other pages wait for the end of the build."""
        self.streaming = False

    def finish(self) -> int:
        """Send what was not sent and write the bundle; the number of pages indexed.

        The pages sent while Pelican wrote them are not read again, unless written again since
        or changed on disk. The sections' pages of the finished site must be exactly those sent,
        else the index is made again from scratch, in `index_order` (the bytes never depend on
        the timing)."""
        self.streaming = False
        bundle = os.path.join(self.site_dir, BUNDLE_DIR)
        if os.path.exists(bundle):
            self.abort()
            raise _problem(f"le dossier « {BUNDLE_DIR}/ » du site est réservé à l'index de recherche : "
                           "renommez la page ou le fichier qui l'occupe")
        sent = dict(self.sent)
        unchanged = {relative for relative in sent if self.written.get(relative) == 1
                     and _stat(os.path.join(self.site_dir, relative)) == self._sent_stat.get(relative)}
        pages = []  # (relative, URL, HTML); the pages sent as (relative, URL, None)
        if len(unchanged) == len(self.sent):  # else one was written again: start again
            for relative in _paths(self.site_dir, self._excluded, self._excluded_pattern):
                if relative in unchanged:
                    pages.append((relative, sent[relative], None))
                elif (page := _indexable(self.site_dir, relative)) is not None:
                    pages.append(page)
            pages = index_order(pages, self.settings)
        sections = [page for page in pages if _in_section(page, self.settings)]
        if not pages or sorted(self.sent) != [page[:2] for page in sections]:  # one written later, or again
            self.abort()
            pages = _pages(self.site_dir, self.settings)  # (relative, URL, HTML), in index_order
            sections = [page for page in pages if _in_section(page, self.settings)]
        if not pages:
            self.abort()
            raise _problem("aucune page à indexer (aucune page n'a de <main data-pagefind-body>)")
        if self._service is None:
            self._service = _Service()
            self._add(sections)
        self._add(pages[len(sections):])
        files = self._service.files()
        self._service = None
        _write_bundle(bundle, files)
        indexed = _page_count(bundle)
        if indexed != len(pages):
            raise _problem(f"l'index de recherche compte {indexed} pages au lieu de {len(pages)} : "
                           "une page envoyée à Pagefind n'a pas de texte dans son <main>")
        return indexed

    def abort(self) -> None:
        """Stop the service (a build that failed, or an order to start again)."""
        if self._service is not None:
            self._service.stop()
        self._service, self.sent, self._sent_stat = None, [], {}

    def _add(self, pages: list[tuple[str, str, str]]) -> None:
        for relative, url, html in pages:
            self._service.send({"type": "AddFile", "index_id": 0, "file_path": None, "url": url,
                                "file_contents": html})
            self.sent.append((relative, url))


def _in_section(page: tuple, settings: dict) -> bool:
    return page[0].split("/", 1)[0] in settings.get("SECTIONS", {})


def index_order(pages: list[tuple], settings: dict) -> list[tuple]:
    """The pages (tuples starting with their relative path) of the article sections (written first
    by Pelican), then the others; by path."""
    return sorted(pages, key=lambda page: (not _in_section(page, settings), page[0]))


def pages_to_index(site_dir: str, settings: dict) -> list[tuple[str, str]]:
    """(path relative to site_dir, URL path) of the pages to index, in `index_order`."""
    return [(relative, url) for relative, url, _ in _pages(site_dir, settings)]


def _pages(site_dir: str, settings: dict, stopped: threading.Event | None = None) -> list[tuple[str, str, str]]:
    """(relative path, URL path, HTML) of the pages to index, in `index_order`; `stopped` (the
    preview's, set when a new edit supersedes this index) ends the reading at once."""
    pages = []
    for relative in _paths(site_dir, _excluded(settings), _excluded_patterns(settings)):
        if stopped is not None and stopped.is_set():
            raise _problem("indexation interrompue")
        pages.append(_indexable(site_dir, relative))
    return index_order([page for page in pages if page is not None], settings)


def _paths(site_dir: str, excluded: set[str], excluded_pattern: re.Pattern | None) -> list[str]:
    """The paths (relative to site_dir) of the files that may be pages to index, sorted."""
    paths = []
    for folder, dirs, names in os.walk(site_dir):
        dirs.sort()
        for name in sorted(names):
            relative = os.path.relpath(os.path.join(folder, name), site_dir).replace(os.sep, "/")
            if _may_index(relative, excluded, excluded_pattern):
                paths.append(relative)
    return paths


def _may_index(relative: str, excluded: set[str], excluded_pattern: re.Pattern | None) -> bool:
    """Whether the path is that of a page to index, if it has a <main data-pagefind-body>."""
    if not relative.endswith(".html") or relative in excluded or relative.startswith(EXCLUDED_PREFIXES):
        return False
    return excluded_pattern is None or not excluded_pattern.match(relative)


def _excluded(settings: dict) -> set[str]:
    excluded = {SEARCH_PAGE, *(settings.get(name) for name in EXCLUDED_SETTINGS)}
    category_save_as = settings.get("CATEGORY_SAVE_AS") or ""
    return excluded | {category_save_as.format(slug=slug) for slug in settings.get("SECTIONS", {})}


def _excluded_patterns(settings: dict) -> re.Pattern | None:
    """The pages written under EXCLUDED_PATTERN_SETTINGS, a placeholder standing for a path segment."""
    patterns = [re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", re.escape(settings[name]))
                for name in EXCLUDED_PATTERN_SETTINGS if settings.get(name)]
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns) + r"\Z") if patterns else None


def _indexable(site_dir: str, relative: str, excluded: set[str] | None = None,
               excluded_pattern: re.Pattern | None = None) -> tuple[str, str, str] | None:
    """(relative, URL path, HTML) if the file is a page to index; `excluded` None: its path was
    checked (`_may_index`)."""
    if excluded is not None and not _may_index(relative, excluded, excluded_pattern):
        return None
    html = _read(os.path.join(site_dir, relative))
    return (relative, url_path(relative), split_elisions(html)) if _BODY.search(html) else None


def split_elisions(html: str) -> str:
    """The page with a space after each elided word of its text (« l’ économie »): see ELIDED.

    Its text is what follows a `>` up to the next `<`: an elision is split when the nearest `<`
    or `>` before it is a `>` and a `<` follows somewhere. One pass over the page, and Python only
    at each elided word (the text of each run between two brackets is looked at once).
    tests/test_search.py checks that it gives exactly what splitting each `>text<` apart gives,
    on every page of a built site and on strings made to break it (brackets in attributes and
    comments, scripts, text outside any tag).
    """
    last_open = html.rfind("<")
    run = [0, -1, False]  # [start, end) of the last run without brackets seen, and whether it is text

    def split(match: re.Match) -> str:
        at = match.start()
        if not run[0] <= at < run[1]:
            before = max(html.rfind("<", 0, at), html.rfind(">", 0, at))
            after = min(found for found in (html.find("<", at), html.find(">", at), len(html)) if found >= 0)
            run[:] = before + 1, after, before >= 0 and html[before] == ">" and at < last_open
        return match.group() + " " if run[2] else match.group()

    return _ELISION.sub(split, html)


def _stat(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _page_count(bundle: str) -> int:
    try:
        with open(os.path.join(bundle, "pagefind-entry.json"), encoding="utf-8") as handle:
            entry = json.load(handle)
    except (OSError, ValueError) as exc:
        raise _problem(f"index incomplet ({exc})") from None
    return sum(language["page_count"] for language in entry["languages"].values())


def _problem(message: str) -> ProblemError:
    return ProblemError(Problem("pagefind", None, None, f"index de recherche : {message}"))


def _executable() -> str:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise _problem("Pagefind est introuvable (paquet « pagefind[bin] ») : installez les "
                       "dépendances de requirements.txt (python3 manage.py build s'en charge)") from None
    return str(get_executable())


def _encode(message_id: int, payload: dict) -> bytes:
    return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode()) + b","


def _write_bundle(bundle: str, files: list[dict]) -> None:
    """The files of a GetFiles answer ({path, content in base64}), but for the UI we do not use."""
    root = os.path.realpath(bundle)
    for file in sorted(files, key=lambda found: found["path"]):
        relative = file["path"].replace("\\", "/").lstrip("/")
        if relative in UNUSED_FILES:
            continue
        path = os.path.realpath(os.path.join(root, relative))
        if not path.startswith(root + os.sep):
            raise _problem(f"chemin inattendu dans la réponse de Pagefind : {file['path']}")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(file["content"], validate=True))


CONFIG = {"exclude_selectors": EXCLUDED_SELECTORS, "force_language": LANGUAGE}
# The niceness added to the preview's background Pagefind (DetachedIndex): the next rebuild, which
# a communicator waits for, gets the CPU first; on 2 cores the two compete otherwise.
BACKGROUND_NICENESS = 10
_END = object()  # no more requests


class _Service:
    """`pagefind --service` with one index, in a thread of its own: requests are queued as they
    come; `files()` sends GetFiles and waits for the bundle.

    The service reads base64 JSON messages separated by commas on stdin, handles them one at a
    time in that order, and answers each the same way on stdout with its message_id. One thread
    writes while another reads, so that no pipe fills up and blocks both sides.
    """

    def __init__(self, config: dict = CONFIG, background: bool = False):
        self.requests: queue.Queue = queue.Queue()
        self.requests.put({"type": "NewIndex", "config": config})
        self.bundle: dict = {}  # the GetFiles answer
        self.error: ProblemError | None = None
        command = [_executable(), "--service"]
        nice = shutil.which("nice") if background and hasattr(os, "setpriority") else None
        if nice:  # set before Pagefind starts its threads: they all inherit it
            command = [nice, "-n", str(BACKGROUND_NICENESS), *command]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)
        if background and not nice:
            _lower_priority(self.process)
        self._errors: list[bytes] = []
        self._stderr_reader, self._writer, self._reader = (
            threading.Thread(target=target, daemon=True) for target in (self._read_errors, self._write, self._read))
        for thread in (self._stderr_reader, self._writer, self._reader):  # the reader last: it joins the first
            thread.start()

    def send(self, payload: dict) -> None:
        self.requests.put(payload)

    def files(self) -> list[dict]:
        """The bundle's files ({path, content in base64}), once every request is answered."""
        self.send({"type": "GetFiles", "index_id": 0})
        self.requests.put(_END)
        self._reader.join(TIMEOUT_S)
        timed_out = self._reader.is_alive()
        self.stop()
        if timed_out:
            raise _problem(f"Pagefind s'est arrêté pendant l'indexation (arrêté au bout de {TIMEOUT_S} s)")
        if self.error is not None:
            raise self.error
        return self.bundle.get("files") or []

    def stop(self) -> None:
        self.requests.put(_END)
        if self.error is not None or self._reader.is_alive():
            self.process.kill()  # stopped early or failed: nobody reads its answers any more
        try:
            self.process.stdin.close()  # end of input: the service exits
        except OSError:
            pass
        try:
            self.process.wait(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for thread in (self._stderr_reader, self._writer, self._reader):
            thread.join(timeout=5)
        self.process.stdout.close()

    def _write(self) -> None:
        number = 0
        try:
            while (payload := self.requests.get()) is not _END:
                number += 1
                self.process.stdin.write(_encode(number, payload))
                if self.requests.empty():
                    self.process.stdin.flush()
            self.process.stdin.flush()
        except (OSError, ValueError):
            pass  # the service died, or stdin was closed after an error: the reader reports it

    def _read(self) -> None:
        answers = _Answers(self.process.stdout)
        try:
            answer = answers.next(1)
            if answer.get("type") != "NewIndex" or answer.get("index_id") != 0:
                raise _problem(f"réponse inattendue de Pagefind à la création de l'index : {answer}")
            for number in itertools.count(2):
                answer = answers.next(number)
                if answer.get("type") == "Error":
                    raise _problem(f"Pagefind a refusé une demande ({answer.get('message')})")
                if answer.get("type") == "GetFiles":
                    self.bundle = answer
                    return
        except ProblemError as exc:
            self.error = exc
        except (OSError, ValueError) as exc:
            self.process.kill()
            self._stderr_reader.join(timeout=5)
            details = b"".join(self._errors).decode("utf-8", "replace").strip()
            self.error = _problem(f"Pagefind s'est arrêté pendant l'indexation ({exc})"
                                  f"{' : ' + details if details else ''}")

    def _read_errors(self) -> None:
        self._errors.append(self.process.stderr.read())


def _lower_priority(process: subprocess.Popen) -> None:
    """Run `process` at BACKGROUND_NICENESS more than ours, where POSIX has no `nice` command:
    set once it started (a `preexec_fn` is unsafe in a process with threads, and the preview has
    several), so the threads Pagefind may have started by then keep our priority. Windows has no
    niceness: the process keeps the normal priority there. An error is not hidden."""
    if not hasattr(os, "setpriority"):
        return
    try:
        os.setpriority(os.PRIO_PROCESS, process.pid,
                       min(os.getpriority(os.PRIO_PROCESS, 0) + BACKGROUND_NICENESS, 19))
    except ProcessLookupError:
        pass  # already ended: its reader reports why


class _Answers:
    """The service's answers, in order: base64 JSON messages, each followed by a comma."""

    def __init__(self, stream):
        self.stream = stream
        self.buffer = bytearray()  # grown in place: the last answer (the bundle) is megabytes long
        self.scanned = 0  # no comma in buffer[:scanned]

    def next(self, expected_id: int) -> dict:
        while (end := self.buffer.find(b",", self.scanned)) < 0:
            self.scanned = len(self.buffer)
            chunk = self.stream.read1(65536)
            if not chunk:
                raise ValueError(f"aucune réponse à la demande n° {expected_id}")
            self.buffer += chunk
        raw = bytes(self.buffer[:end])
        del self.buffer[:end + 1]
        self.scanned = 0
        message = json.loads(base64.b64decode(raw, validate=True))
        if message.get("message_id") != expected_id:
            raise ValueError(f"réponse {message.get('message_id')} reçue au lieu de {expected_id} : {message}")
        return message.get("payload") or {}


class DetachedIndex:
    """The index of a site already written (the preview's: publishing/preview_index.py) made into
    a folder of its own, in the order the build's own index would have used: `streamed` are the
    pages Pelican wrote until `article_writer_finalized`, in its order (what `page_written` would
    have sent). So the bytes are those of `invoke build`'s index. `stop()`, from another thread,
    ends Pagefind's run: `write()` then raises ProblemError."""

    def __init__(self, site_dir: str, settings: dict, streamed=()):
        self.site_dir, self.settings, self.streamed = site_dir, settings, list(streamed)
        self.stopped = threading.Event()
        self._lock = threading.Lock()
        self._service: _Service | None = None

    def write(self, bundle: str) -> int:
        """Index the site into `bundle` (a folder that does not exist yet); the number of pages."""
        pages = _pages(self.site_dir, self.settings, self.stopped)
        if not pages:
            raise _problem("aucune page à indexer (aucune page n'a de <main data-pagefind-body>)")
        sections = [page for page in pages if _in_section(page, self.settings)]
        by_path = {page[0]: page for page in sections}
        streamed = [by_path[relative] for relative in self.streamed if relative in by_path]
        if sorted(page[:2] for page in streamed) == [page[:2] for page in sections]:
            pages = streamed + pages[len(sections):]  # as SearchIndexer.finish() keeps them
        with self._lock:
            if self.stopped.is_set():
                raise _problem("indexation interrompue")
            self._service = _Service(background=True)
        for _, url, html in pages:
            self._service.send({"type": "AddFile", "index_id": 0, "file_path": None, "url": url,
                                "file_contents": html})
        files = self._service.files()
        if self.stopped.is_set():
            raise _problem("indexation interrompue")
        _write_bundle(bundle, files)
        indexed = _page_count(bundle)
        if indexed != len(pages):
            raise _problem(f"l'index de recherche compte {indexed} pages au lieu de {len(pages)}")
        return indexed

    def stop(self) -> None:
        with self._lock:
            self.stopped.set()
            if self._service is not None:
                self._service.process.kill()  # its reader sees the end of the answers; write() raises
