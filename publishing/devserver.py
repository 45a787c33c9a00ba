"""The local preview servers: `invoke serve` (static_server) and the fast strict rebuilds of
`invoke livereload` and `invoke regenerate`.

A rebuild is the same strict build as `invoke build` (every problem printed in French, output/
swapped in only when clean, so a broken file keeps the last good site on screen), with two
caches that only these development loops use, never `build`, `check` or `publish`:

- Pelican's content cache at the reader layer (CACHE_CONTENT, LOAD_CONTENT_CACHE,
  CHECK_MODIFIED_METHOD): an unchanged Markdown file is not parsed again. Our plugins work on
  content objects at `content_object_init`, which Pelican still sends for cached files, so the
  output is byte-identical to a cold build (tests/test_tasks_new.py checks it).
- A Jinja bytecode cache kept in memory for the session: templates are compiled once and again
  only when their source changes (Jinja compares a checksum of the source).

The cache folder is keyed by a digest of the settings file and the plugins' code, so changing
either starts from a cold cache.

Two more savings, also for these loops only:
- the search index is made in the background once the pages are swapped in
  (publishing/preview_index.py; /recherche/ says so);
- only the pages an edit touches are rendered, the others are kept from the output on screen
  (site_build/incremental.py). The edit is what changed since the site on screen, not since the
  last attempt: a template changed while another file was broken still renders every page.
The output, search index included, is byte-identical to a cold build's (tests/test_preview.py),
but for the notice of /recherche/.

Both loops are woken up by the system's file events (watchfiles, see `wakeups`), not by polling:
a save starts the rebuild about SETTLE_MS later; the fingerprint of the watched files (a walk of
about 10 ms at 1,000 articles) then says whether anything really changed, and what.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import http.server
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from jinja2 import BytecodeCache

from core.signals import site_complete
from publishing.preview_index import BackgroundIndex, carry_over
from site_build.incremental import IncrementalWrites
from site_build.template_cache import MemoryBytecodeCache

ROOT = Path(__file__).resolve().parent.parent


class CorsHandler(http.server.SimpleHTTPRequestHandler):
    """Files as GitHub Pages serves them to other sites: `Access-Control-Allow-Origin: *`, so a
    partner's page on another origin (another port) can load /embed/chronologie.js with its
    integrity="…" and crossorigin="anonymous" (docs/partenaires.md) from the local preview."""

    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()


def static_server(directory: str, host: str, port: int) -> http.server.ThreadingHTTPServer:
    """`invoke serve`: output/ over HTTP on host:port (0: a free port), not started yet."""
    handler = functools.partial(CorsHandler, directory=str(directory))
    return http.server.ThreadingHTTPServer((host, int(port)), handler)


ENGINE_CODE = ("core", "plugins")  # what the cached contents were read with


def cache_key(settings_file: str | Path, engine_root: str | Path = ROOT) -> str:
    import pelican

    digest = hashlib.sha256(pelican.__version__.encode())
    digest.update(Path(settings_file).read_bytes())
    engine_root = Path(engine_root)
    for path in sorted(p for folder in ENGINE_CODE for p in (engine_root / folder).rglob("*.py")):
        digest.update(str(path.relative_to(engine_root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_overrides(cache_path: str | Path, jinja_environment: dict, bytecode_cache: BytecodeCache) -> dict:
    """The settings that turn the caches on (merged over a strict build's settings)."""
    return {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CONTENT_CACHING_LAYER": "reader",
        "CHECK_MODIFIED_METHOD": "sha256",  # content, not mtimes: a `git checkout` cannot fool it
        "CACHE_PATH": str(cache_path),
        "GZIP_CACHE": False,
        "JINJA_ENVIRONMENT": {**jinja_environment, "bytecode_cache": bytecode_cache},
    }


class Rebuilder:
    """Builds with the caches; call it on every change (it skips when nothing watched changed)."""

    def __init__(self, settings_file: str | Path, output: str | Path, cache_root: str | Path | None = None,
                 overrides: dict | None = None, watched: list[str | Path] | None = None, stream=None,
                 search_in_background: bool = True):
        from core.plugin_settings import read_site_settings

        self.settings_file = str(Path(settings_file).resolve())
        self.output = str(output)
        self.overrides = dict(overrides or {})
        self.stream = stream or sys.stderr
        settings = read_site_settings(self.settings_file, override=dict(self.overrides))
        root = Path(self.settings_file).parent
        key = cache_key(self.settings_file)
        cache_root = Path(cache_root or root / "cache")
        self.cache_path = cache_root / f"dev-{key}"
        if cache_root.is_dir():  # older caches (other settings or plugin code)
            for old in cache_root.glob("dev-*"):
                if old != self.cache_path:
                    shutil.rmtree(old, ignore_errors=True)
        self.jinja = dict(settings.get("JINJA_ENVIRONMENT") or {})
        self.bytecode = MemoryBytecodeCache()
        content = Path(settings["PATH"])
        data = Path(settings.get("DATA_PATH", "data"))
        data = data if data.is_absolute() else content.parent / data
        self.watched = [Path(path) for path in (watched or [content, data, Path(settings["THEME"]),
                                                            Path(self.settings_file)])]
        self.content = content
        self._stamp = None
        self._clean_stamp = None  # the fingerprint of the site on screen
        self._streamed: list[str] = []  # the writing order of the site on screen (its search index's)
        self.incremental = IncrementalWrites(self.output)
        self.index = BackgroundIndex(self.output, self.stream) if search_in_background else None
        self._settings: dict | None = None  # the settings of the build on screen, as the plugins completed them

    def fingerprint(self) -> tuple:
        """Every watched file with its modification time and size."""
        entries = []
        for path in self.watched:
            if path.is_file():
                files = [path]
            elif path.is_dir():
                files = [p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")]
            else:
                files = []
            for file in files:
                try:
                    stat = file.stat()
                except OSError:
                    continue
                entries.append((str(file), stat.st_mtime_ns, stat.st_size))
        return tuple(sorted(entries))

    def build(self, stamp: tuple | None = None):
        """One build; `stamp`: the fingerprint just taken by the caller (else taken here)."""
        from site_build import build

        started = time.perf_counter()  # the wait for the search index is part of what the communicator waits for
        if self.index is not None:
            self.index.cancel()  # one Pagefind run at a time; the new pages supersede the old ones
        self._stamp = stamp if stamp is not None else self.fingerprint()
        changed = _changed(self._clean_stamp, self._stamp)  # since the site on screen
        overrides = {**self.overrides, **cache_overrides(self.cache_path, self.jinja, self.bytecode)}
        before_swap = None
        if self.index is not None:
            overrides["SEARCH_INDEX_DEFERRED"] = True
            before_swap = functools.partial(carry_over, self.output)
        partial = self._clean_stamp is not None and self.incremental.partial_allowed(changed, self.content)
        built = {}
        with self.incremental.build(partial) as observers:
            observers.append((site_complete, lambda settings: built.update(settings=settings)))
            result = build(self.settings_file, self.output, overrides, observers=observers, before_swap=before_swap,
                           discard=_discard_in_background)
        if result.ok:
            self.incremental.done()
            self._clean_stamp = self._stamp
            self._settings, self._streamed = built["settings"], self.incremental.streamed
        elapsed = time.perf_counter() - started
        self.report(result, elapsed)
        if self.index is not None and self._settings is not None and (result.ok or self.index.stale):
            self.index.start(self._settings, self._streamed)  # after a failure: the one cancelled
        _set_aside_what_lives()
        return result

    def __call__(self, *_changed):
        """For the watcher: rebuild unless nothing changed since the last build (one rebuild per change,
        even when several watched folders report it, or when the events were only an editor's
        temporary files). What changed is always the fingerprint's difference, never the events'
        paths: editors save through temporary files and renames."""
        stamp = self.fingerprint()
        if stamp == self._stamp:
            return None
        return self.build(stamp)

    def report(self, result, elapsed: float) -> None:
        when = time.strftime("%H:%M:%S")
        seconds = f"{elapsed:.2f}".replace(".", ",")
        if result.ok:
            print(f"[{when}] Site reconstruit en {seconds} s : {result.pages} pages HTML.", file=self.stream, flush=True)
            return
        for problem in sorted(result.problems, key=lambda p: (p.path, p.line or 0, p.col or 0)):
            print(problem, file=self.stream)
        count = len(result.problems)
        shown = ("Le navigateur montre toujours la dernière version correcte du site."
                 if os.path.isfile(os.path.join(self.output, "index.html"))
                 else "Aucune version du site à montrer pour l'instant : l'aperçu s'affichera dès que ces problèmes "
                      "seront corrigés.")
        print(f"[{when}] Échec de la reconstruction : {count} problème{'s' if count > 1 else ''} à corriger. {shown}",
              file=self.stream, flush=True)


def _set_aside_what_lives() -> None:
    """Once the pages are on screen: the last build's garbage collected, and what still lives (the
    modules, the caches, the site on screen's state) frozen, out of the garbage collector's sight.
    Otherwise each of the next build's full collections walks it all again: 0.2–0.4 s of a
    rebuild at 1,000 articles. Unfrozen first: what was frozen last time and died since is
    collected now, nothing piles up."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


_DISCARDING: list = []  # the processes deleting replaced outputs, reaped as they end


def _discard_in_background(folder: str) -> None:
    """The output replaced by a rebuild, deleted once the new pages are on screen, by another
    process: a thread of this one would hold the interpreter's lock for its thousands of files
    while the communicator's next edit is being rebuilt."""
    _DISCARDING[:] = [process for process in _DISCARDING if process.poll() is None]
    try:
        _DISCARDING.append(subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
             folder], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    except OSError:  # no process could be started: in this one, then
        threading.Thread(target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True},
                         name="ancienne-sortie", daemon=True).start()


def _changed(before: tuple | None, after: tuple) -> set[str]:
    """The files added, removed or modified between two fingerprints."""
    if before is None:
        return set()
    return {path for path, *_ in set(before) ^ set(after)}


# watchfiles waits this long for the changes of one save to end (an editor's temporary file, then
# its rename) before it wakes the rebuilder up; and, without any event, wakes it up this often
# anyway: a change the system did not report (a watched file replaced by a rename, some network
# folders) is then seen within that time.
SETTLE_MS = 50
SAFETY_CHECK_MS = 2000


def wakeups(watched: list[Path], stop_event: threading.Event | None = None):
    """Yields soon after each change in the watched files and folders, and every SAFETY_CHECK_MS.

    The system tells when a watched file changes (inotify, FSEvents…, through watchfiles, which
    polls by itself where the system cannot tell; WATCHFILES_FORCE_POLLING=1 forces it): the
    rebuild starts SETTLE_MS after the last event, instead of after a sleep and a walk of every
    watched folder. The events only wake the rebuilder up: its fingerprint decides whether
    anything changed, and what (editors save through temporary files and renames). Stops on
    Ctrl-C (KeyboardInterrupt) or when `stop_event` is set."""
    import watchfiles

    logging.getLogger("watchfiles").setLevel(logging.WARNING)  # its English « N changes detected »
    while stop_event is None or not stop_event.is_set():
        paths = [str(path) for path in watched if path.exists()]
        if not paths:  # every watched path gone (moved away?): look again later
            time.sleep(SAFETY_CHECK_MS / 1000)
            yield
            continue
        for _changes in watchfiles.watch(*paths, watch_filter=None, step=SETTLE_MS, rust_timeout=SAFETY_CHECK_MS,
                                         yield_on_timeout=True, stop_event=stop_event):
            yield
            if [str(path) for path in watched if path.exists()] != paths:
                break  # a watched folder created or removed: watch the paths as they are now


def watch_and_rebuild(rebuilder: Rebuilder, stop_event: threading.Event | None = None) -> None:
    """`invoke regenerate`: rebuild on each change of the watched files (see `wakeups`), until Ctrl-C
    (or `stop_event`)."""
    rebuilder.build()
    names = ", ".join(_shown(path) for path in rebuilder.watched)
    print(f"Surveillance de {names} : le site est reconstruit à chaque modification (Ctrl-C pour arrêter).",
          file=rebuilder.stream, flush=True)
    try:
        for _ in wakeups(rebuilder.watched, stop_event):
            rebuilder()
    except KeyboardInterrupt:
        pass
    finally:
        if rebuilder.index is not None:
            rebuilder.index.cancel()  # Pagefind stopped with the preview
    print("Surveillance arrêtée.", file=rebuilder.stream)


def event_watcher(watched: list[Path]):
    """python-livereload's watcher, woken up by `wakeups` instead of its own polling (a walk of the
    watched folders every 0.8 s, pyinotify not being installed): a thread waits for the events and
    has the server's loop run the watcher's check (its own walk, which calls the rebuilder for the
    changed paths, then reloads the browsers)."""
    from livereload.watcher import Watcher
    from tornado.ioloop import IOLoop

    class EventWatcher(Watcher):
        def start(self, callback) -> bool:
            loop = IOLoop.current()  # the server's, started once this returns

            def wake_up():
                for _ in wakeups(watched):
                    loop.add_callback(callback)

            threading.Thread(target=wake_up, name="surveillance", daemon=True).start()
            callback()  # as livereload's inotify watcher: the pending start-up message
            return True  # no polling by livereload

    return EventWatcher()


def serve_livereload(rebuilder: Rebuilder, host: str, port: int) -> None:
    """`invoke livereload`: serve output/, rebuild on change and refresh the browser."""
    from livereload import Server

    rebuilder.build()
    # livereload's and tornado's English « Serving on », « Start watching changes », « Browser Connected »,
    # « 404 GET »: the office reads the French lines above and below; warnings and errors still show.
    logging.getLogger("livereload").addFilter(lambda record: record.levelno >= logging.WARNING)
    logging.getLogger("tornado.access").setLevel(logging.ERROR)
    server = Server(watcher=event_watcher(rebuilder.watched))
    server.setHeader("Access-Control-Allow-Origin", "*")  # as GitHub Pages, and `serve`: partners' script code
    for path in rebuilder.watched:
        server.watch(str(path), rebuilder)
    names = ", ".join(_shown(path) for path in rebuilder.watched)
    print(f"Aperçu : http://{host}:{port}/ : la page se recharge à chaque modification de {names} "
          "(Ctrl-C pour arrêter).", file=rebuilder.stream, flush=True)
    server.serve(host=host, port=port, root=rebuilder.output)


def _shown(path: Path) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    shown = str(path) if relative.startswith("..") else relative
    return shown + ("/" if path.is_dir() else "")
